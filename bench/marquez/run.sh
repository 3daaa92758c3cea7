#!/usr/bin/env bash
# Issue 6 budget: N datasets with lineage emitted to a fake Marquez (own process, 5 ms per request).
# Usage: bench/marquez/run.sh [N] [dataset|columns] [max_in_flight]   (defaults: 10000 dataset 32)
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE="$PWD/platform-marquez/target/bench-classpath.txt"
./mvnw -q -pl platform-marquez -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="platform-marquez/target/test-classes:platform-marquez/target/classes:$(cat "$CP_FILE")"
# JAVA_OPTS: extra client JVM flags, e.g. -XX:TieredStopAtLevel=1 (see bench/results/marquez.md)
exec java -Xmx512m ${JAVA_OPTS:-} -cp "$CP" io.lumos.platform.marquez.MarquezBench "${1:-10000}" "${2:-dataset}" "${3:-32}"
