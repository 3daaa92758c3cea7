#!/usr/bin/env bash
# The whole-process scan comparison of bench/RESULTS.md: `lumos scan LAKE/small -f json` (the
# packaged launcher as shipped, LUMOS_NO_BUILD=1, its class-data archive present) against
# DuckGlobBaseline.java with one pass, alternating lumos, DuckDB, lumos, ... PAIRS pairs after one
# warm-up of each. Prints every run (wall and CPU seconds), the medians and the wall ratio, and the
# load average and CPU model beside them. A command that fails stops the benchmark.
#
#   bench/parquet-avro/whole-process.sh [LAKE_DIR] [PAIRS]     (defaults /tmp/lake, 7)
#
# The DuckDB class path: DUCKDB_CP, else the file LAKE_CP (default /tmp/lake-cp.txt) written by
# `dependency:build-classpath` of shared/tools/lake/pom.xml (see ../results/parquet-avro.md).
# Env: FORMAT (json, or table for the default output).
set -euo pipefail
cd "$(dirname "$0")/../.."
LAKE="${1:-/tmp/lake}"
PAIRS="${2:-7}"
FORMAT="${FORMAT:-json}"
[[ -d "$LAKE/small" ]] || { echo "no $LAKE/small: generate the lake first (shared/tools/lake/README.md)" >&2; exit 2; }
DUCK_CP="${DUCKDB_CP:-$(cat "${LAKE_CP:-/tmp/lake-cp.txt}")}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# DuckDB's side compiled once, so that javac's start-up is not timed as DuckDB's
javac -d "$work/classes" -cp "$DUCK_CP" bench/parquet-avro/DuckGlobBaseline.java
./lumos --version >/dev/null # builds the distribution when sources changed; the timed runs do not build

# Fails the benchmark when the command fails; else prints "wall_seconds cpu_seconds".
timed() {
  local s e u sy
  s=$(date +%s%N)
  if ! /usr/bin/time -f "%U %S" -o "$work/time" "$@" >"$work/out" 2>"$work/err"; then
    echo "benchmark command failed: $*" >&2
    tail -n 20 "$work/err" >&2
    exit 1
  fi
  e=$(date +%s%N)
  read -r u sy <"$work/time"
  echo "$(echo "scale=3; ($e - $s) / 1000000000" | bc) $(echo "$u + $sy" | bc)"
}
LUMOS=(env LUMOS_NO_BUILD=1 ./lumos scan "$LAKE/small" -f "$FORMAT")
DUCK=(java -cp "$work/classes:$DUCK_CP" DuckGlobBaseline "$LAKE/small" 1)
check_lumos() {
  if [[ "$FORMAT" == json ]] && ! grep -q '"id"' "$work/out"; then
    echo "lumos printed no dataset:" >&2; head -c 400 "$work/out" >&2; exit 1
  fi
}

# warm-up: the page cache, and the launcher's class-data archive (written by the first run)
timed "${LUMOS[@]}" >/dev/null; check_lumos
timed "${DUCK[@]}" >/dev/null
grep -q RESULT "$work/out" || { echo "DuckDB printed no result" >&2; exit 1; }
[[ -f distribution/target/lumos/lumos-scan.jsa ]] || echo "note: no class-data archive was written for scan" >&2

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
: >"$work/l"
: >"$work/d"
for i in $(seq "$PAIRS"); do
  timed "${LUMOS[@]}" >"$work/t"
  check_lumos
  read -r lw lc <"$work/t"
  timed "${DUCK[@]}" >"$work/t"
  read -r dw dc <"$work/t"
  echo "$lw $lc" >>"$work/l"
  echo "$dw $dc" >>"$work/d"
  echo "pair $i: lumos ${lw}s wall ${lc}s CPU | duckdb ${dw}s wall ${dc}s CPU | load $(cut -d' ' -f1 /proc/loadavg)"
done
lw=$(cut -d' ' -f1 "$work/l" | median)
lc=$(cut -d' ' -f2 "$work/l" | median)
dw=$(cut -d' ' -f1 "$work/d" | median)
dc=$(cut -d' ' -f2 "$work/d" | median)
echo "median of $PAIRS: lumos ${lw}s wall (${lc}s CPU), duckdb ${dw}s wall (${dc}s CPU)"
echo "wall ratio lumos/duckdb $(echo "scale=2; $lw / $dw" | bc), CPU ratio $(echo "scale=2; $lc / $dc" | bc)"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
