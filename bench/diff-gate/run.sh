#!/usr/bin/env bash
# Benchmark of the diff/gate budget (issue 7): generates two snapshots of 10,000 datasets x 50
# fields with 2% of the fields changed, then times diff + impact + all report formats in process
# (median of 5) and the whole `lumos gate` process once. Heap capped at 1 GB: finishing is the
# memory check. Usage: bench/diff-gate/run.sh  (from anywhere; builds what it needs, no install)
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
echo "== whole process: lumos gate, -Xmx1g"
cd "$work/data"
for i in 1 2 3; do
  /usr/bin/time -f "wall %e s, CPU user %U s + sys %S s, max RSS %M KB" java -Xmx1g -cp "$cp" io.lumos.cli.Main gate -q \
    --baseline baseline.json --current current.json --fail-on none \
    -f text -o gate.txt -f json -o gate.json -f markdown -o gate.md -f github -o gate.github \
    -f junit -o gate.xml -f sarif -o gate.sarif
done
ls -la gate.*
