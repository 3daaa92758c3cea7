#!/usr/bin/env bash
# Issue 14 budget: 100,000 OpenLineage RunEvents (START and COMPLETE over 10,000 datasets and 2,000
# jobs, five inputs and five outputs with schemas and column lineage each) from one JSON-lines file
# into the local catalog through `lumos ingest`, < 30 s, memory flat.
# Usage: bench/openlineage/run.sh [RUNS] [EVENTS...]   (defaults: 3 runs of 100000; more EVENTS
# values, e.g. `3 25000 50000 100000`, show that the heap does not grow with the events)
# LUMOS_JAVA_OPTS is passed on (e.g. -Xmx256m, or -XX:TieredStopAtLevel=4 for C2).
# Writes only under BENCH_DIR (default lumos-bench/openlineage in the temp folder), nothing into the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${BENCH_DIR:-$(dirname "$(mktemp -u)")/lumos-bench/openlineage}
RUNS=${1:-3}
shift || true
EVENTS=("${@:-100000}")
mkdir -p "$OUT"
./lumos --version >/dev/null   # builds the distribution when needed; the runs below do not build

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

for n in "${EVENTS[@]}"; do
  events="$OUT/events-$n.jsonl"
  [[ -f "$events" ]] || java "$ROOT/bench/openlineage/GenerateEvents.java" "$events" "$n" 10000 2000
  cat > "$OUT/openlineage-$n.yaml" <<YAML
lumos_config:
  platform: local
  platforms:
    local: { path: catalog-$n.db }
  sources:
    - { name: spark, type: openlineage, path: events-$n.jsonl }
YAML
  : > "$OUT/runs-$n.txt"
  for i in $(seq 1 "$RUNS"); do
    rm -f "$OUT/catalog-$n.db" "$OUT/catalog-$n.db-wal" "$OUT/catalog-$n.db-shm"
    (cd "$OUT" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" env LUMOS_NO_BUILD=1 \
      LUMOS_JAVA_OPTS="${LUMOS_JAVA_OPTS:-} -Xlog:gc:file=$OUT/gc-$n.log" \
      "$ROOT/lumos" ingest -c "openlineage-$n.yaml" > "$OUT/ingest.txt" 2>&1)
    read -r wall user sys rss < "$OUT/time.txt"
    # the largest heap left after a collection: what the ingest really keeps
    live=$(grep -o -- '->[0-9]*M' "$OUT/gc-$n.log" | tr -d '>M-' | sort -n | tail -1)
    echo "$wall $user $sys $rss ${live:-0}" >> "$OUT/runs-$n.txt"
    echo "events=$n run=$i: wall ${wall}s, CPU $(echo "$user + $sys" | bc)s, peak RSS $((rss / 1024)) MB," \
      "live heap after GC ${live:-?} MB; $(grep '^ingested' "$OUT/ingest.txt")"
  done
  echo "events=$n median of $RUNS: wall $(cut -d' ' -f1 "$OUT/runs-$n.txt" | median)s," \
    "CPU $(awk '{print $2 + $3}' "$OUT/runs-$n.txt" | median)s," \
    "peak RSS $(awk '{print int($4 / 1024)}' "$OUT/runs-$n.txt" | median) MB," \
    "live heap $(cut -d' ' -f5 "$OUT/runs-$n.txt" | median) MB"
done
