#!/usr/bin/env bash
# The foundation's budgets (issue: Foundation). Run from the repository root; writes nothing into the repo.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${BENCH_DIR:-/tmp/lumos-bench}
mkdir -p "$OUT"
./lumos --version >/dev/null   # builds the distribution when needed

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
whole() { # whole-process wall seconds of a command, median of 7 after one warm-up
  # A failed run is not a time: print what it said and stop the benchmark. Call it as an
  # assignment (t=$(whole ...)), never inside another command's arguments, where set -e cannot
  # see its failure.
  local log="$OUT/whole.log"
  if ! "$@" >"$log" 2>&1; then echo "benchmark command failed: $*" >&2; tail -n 20 "$log" >&2; exit 1; fi
  for _ in 1 2 3 4 5 6 7; do
    s=$(date +%s%N)
    if ! "$@" >"$log" 2>&1; then echo "benchmark command failed: $*" >&2; tail -n 20 "$log" >&2; exit 1; fi
    e=$(date +%s%N)
    echo "scale=3; ($e-$s)/1000000000" | bc
  done | median
}

export LUMOS_NO_BUILD=1 # the timed runs never build (./lumos --version above did)
t=$(whole ./lumos --help)
echo "lumos --help:    $t s (median of 7, whole process)"
t=$(whole ./lumos plugins)
echo "lumos plugins:   $t s (median of 7, whole process)"

# The reactor writes each module's class path to the same file; the distribution's comes last.
./mvnw -q -pl distribution -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$OUT/cp.txt" -Dmdep.includeScope=test >/dev/null
run_bench() {
  java -Xmx4g -cp "distribution/target/test-classes:$(cat "$OUT/cp.txt")" io.lumos.bench.FoundationBench "$@"
}
run_bench ingest "$OUT" 100000
run_bench impact "$OUT" 1000000
[[ -f "$OUT/lineage-1000000.db" ]] || run_bench lineage-db "$OUT" 1000000
for node in n1000 n0; do
  t=$(whole ./lumos --catalog-path "$OUT/lineage-1000000.db" lineage impact bench:$node)
  echo "LUMOS_NO_BUILD=1 ./lumos --catalog-path lineage-1000000.db lineage impact bench:$node, 1,000,000 edges, cold process: $t s (median of 7)"
done
