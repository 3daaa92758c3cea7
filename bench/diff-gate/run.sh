#!/usr/bin/env bash
# Benchmark of the diff/gate budget (issue 7): generates two snapshots of 10,000 datasets x 50
# fields with 2% of the fields changed, then times diff + impact + all report formats in process
# (median of 5) and the whole `./lumos gate` process (median of 7 after a warm-up, what
# bench/RESULTS.md cites). Heap capped at 1 GB: finishing is the memory check; a failed command
# stops the benchmark. Usage: bench/diff-gate/run.sh  (from anywhere; builds what it needs, no install)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
work="$root/bench/diff-gate/target"
mkdir -p "$work/classes"
./mvnw -q -pl cli -am -DskipTests -Dspotless.check.skip=true package dependency:build-classpath \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
cp="$root/core-domain/target/classes:$root/platform-spi/target/classes:$root/model-json/target/classes:$root/extraction-export/target/classes:$root/cli/target/classes:$(cat cli/target/bench-cp.txt)"
javac -q -d "$work/classes" -cp "$cp" bench/diff-gate/src/DiffGateBench.java 2>/dev/null || javac -d "$work/classes" -cp "$cp" bench/diff-gate/src/DiffGateBench.java
[ -f "$work/data/current.json" ] || java -Xmx2g -cp "$work/classes:$cp" DiffGateBench generate "$work/data"
echo "== in process (diff + impact + 6 reports), -Xmx1g"
java -Xmx1g -cp "$work/classes:$cp" DiffGateBench run "$work/data" 5
echo "== whole process: ./lumos gate (the packaged launcher, LUMOS_NO_BUILD=1), -Xmx1g, 7 runs after a warm-up"
./lumos --version >/dev/null # builds the distribution when sources changed; the timed runs do not build
cd "$work/data"
gate() {
  /usr/bin/time -f "%e %U %S %M" -o time.txt env LUMOS_NO_BUILD=1 LUMOS_JAVA_OPTS=-Xmx1g "$root/lumos" gate -q \
    --baseline baseline.json --current current.json --fail-on none \
    -f text -o gate.txt -f json -o gate.json -f markdown -o gate.md -f github -o gate.github \
    -f junit -o gate.xml -f sarif -o gate.sarif
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
gate # warm-up (and the launcher's class-data archive); a failure stops the benchmark (set -e)
: >runs.txt
for i in 1 2 3 4 5 6 7; do
  gate
  read -r wall user sys rss <time.txt
  echo "$wall $(echo "$user + $sys" | bc) $rss" >>runs.txt
  echo "run $i: wall $wall s, CPU $user + $sys s, max RSS $((rss / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "median of 7: wall $(cut -d' ' -f1 runs.txt | median) s, CPU $(cut -d' ' -f2 runs.txt | median) s," \
  "max RSS $(cut -d' ' -f3 runs.txt | sort -n | tail -1 | awk '{print int($1 / 1024)}') MB"
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | xargs), $(nproc) CPUs"
ls -la gate.*
