#!/usr/bin/env bash
# Scan memory against the files of a table (issue: scan memory must not grow with the files of a
# table). For each size N, makes a lake of 100 table folders of N/100 Parquet files each (100
# columns; hard links to the speed-test lake's small files, in k=v partition folders of 100 files,
# so each top folder is one table), scans it with `lumos scan DIR -f json` in a fixed heap (HEAP,
# default -Xmx32m; the packaged launcher, LUMOS_NO_BUILD=1) and prints wall and CPU time, peak
# RSS, the largest heap after a full GC (the live set; "-" when the run needed none) and the
# largest after any GC. Memory flat in the files: the same heap suffices for every N and the live
# set does not grow. A failed scan (out of memory included) stops the benchmark with exit 1.
#
#   bench/files/heap.sh [SMALL_LAKE_DIR] [WORK_DIR] [N...]   (defaults /tmp/lake/small, /tmp/lumos-heap, 10000 100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
SMALL="${1:-/tmp/lake/small}"
WORK="${2:-/tmp/lumos-heap}"
shift $(($# > 2 ? 2 : $#)) || true
SIZES=("$@")
[[ ${#SIZES[@]} -gt 0 ]] || SIZES=(10000 100000)
HEAP="${HEAP:--Xmx32m}"
[[ -d "$SMALL/t00" ]] || { echo "no $SMALL/t00: generate the lake first (shared/tools/lake/README.md)" >&2; exit 2; }
sources=("$SMALL"/t*)
./lumos --version >/dev/null # builds the distribution when sources changed
mkdir -p "$WORK"
for n in "${SIZES[@]}"; do
  lake="$WORK/lake-$n"
  per_table=$((n / 100))
  if [[ ! -f "$lake/.complete" ]]; then
    rm -rf "$lake"
    for t in $(seq -w 0 99); do
      for p in $(seq 0 $((per_table / 100 - 1))); do
        mkdir -p "$lake/t$t/part=$p"
        cp -l "${sources[$(((10#$t + p) % ${#sources[@]}))]}"/*.parquet "$lake/t$t/part=$p/"
      done
    done
    touch "$lake/.complete"
  fi
  files=$(find "$lake" -name '*.parquet' | wc -l)
  gc="$WORK/gc-$n.log"
  rm -f "$gc"
  if ! /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" env LUMOS_NO_BUILD=1 \
    LUMOS_JAVA_OPTS="$HEAP -Xlog:gc:file=$gc" ./lumos scan "$lake" -f json >"$WORK/out.json" 2>"$WORK/err"; then
    echo "lumos scan of $files files failed with $HEAP:" >&2
    tail -n 20 "$WORK/err" >&2
    exit 1
  fi
  datasets=$(grep -c '"subtype" : "table"' "$WORK/out.json" || true)
  [[ "$datasets" == 100 ]] || { echo "expected 100 tables, lumos printed $datasets" >&2; exit 1; }
  read -r wall user sys rss <"$WORK/time"
  # "Pause Young (Allocation Failure) 40M->3M(123M) 1.2ms": the second figure is the heap after GC
  after=$(grep -o '[0-9]*M->[0-9]*M' "$gc" | sed 's/.*->//; s/M//' | sort -n | tail -1)
  live=$(grep 'Pause Full' "$gc" | grep -o '[0-9]*M->[0-9]*M' | sed 's/.*->//; s/M//' | sort -n | tail -1 || true)
  gcs=$(grep -c 'Pause' "$gc" || true)
  fulls=$(grep -c 'Pause Full' "$gc" || true)
  echo "$files files: ${wall}s wall, $(echo "$user + $sys" | bc)s CPU, peak RSS $((rss / 1024)) MB," \
    "live heap after full GC at most ${live:--} MB ($fulls full GCs), after any GC at most ${after:-?} MB" \
    "($gcs GCs, $HEAP), $(echo "scale=3; $wall * 1000 / $files" | bc) ms a file, load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) CPUs"
