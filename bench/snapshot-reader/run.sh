#!/usr/bin/env bash
# Benchmark of snapshot reading: generates a snapshot of 10,000 datasets x 50 fields (about 100 MB)
# with ModelJson.writeSnapshot, then times the former tree reader and the streaming
# ModelJson.readSnapshot in one process (median of 5 passes after a warm-up).
# Usage: bench/snapshot-reader/run.sh [snapshot-file]  (builds what it needs, no install)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
./mvnw -q -pl model-json -am -DskipTests -Dspotless.check.skip=true test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test >/dev/null
cp="$root/core-domain/target/classes:$root/platform-spi/target/classes:$root/model-json/target/classes:$root/model-json/target/test-classes:$(cat model-json/target/bench-cp.txt)"
file="${1:-${TMPDIR:-/tmp}/lumos-bench-snapshot.json}"
java -Xmx2g -cp "$cp" io.lumos.json.SnapshotReadBench "$file" 10000 50 5
