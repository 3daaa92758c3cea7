#!/usr/bin/env bash
# Issue 6 budget: N datasets with lineage emitted to a fake Marquez (own process, 5 ms per request).
# Usage: bench/marquez/run.sh [N] [dataset|columns] [default|max_in_flight] [file]   (defaults: 10000 dataset default)
# "default" runs with the config defaults (adaptive in flight, cap 64); a number fixes that many in flight.
set -euo pipefail
cd "$(dirname "$0")/../.."
CP_FILE="$PWD/platform-marquez/target/bench-classpath.txt"
./mvnw -q -pl platform-marquez -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="platform-marquez/target/test-classes:platform-marquez/target/classes:$(cat "$CP_FILE")"
# JAVA_OPTS / FAKE_JAVA_OPTS: the client's and the fake's JVM flags; by default the launcher's
# (C1 only, parallel GC), which is what a `lumos ingest` runs with (see bench/results/marquez.md)
export FAKE_JAVA_OPTS="${FAKE_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseParallelGC}"
exec java -Xmx512m ${JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseParallelGC} -cp "$CP" io.lumos.platform.marquez.MarquezBench "${1:-10000}" "${2:-dataset}" "${3:-default}" ${4:+"$4"}
