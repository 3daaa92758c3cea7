#!/usr/bin/env bash
# Emit benchmark of the DataHub adapter against an in-process fake GMS with 5 ms per request.
# Usage: bench/datahub/run.sh [datasets] [batch|single] [rounds] [java options, e.g. -Xmx128m]
set -euo pipefail
cd "$(dirname "$0")/../.."
DATASETS="${1:-10000}"
MODE="${2:-batch}"
ROUNDS="${3:-1}"
shift $(( $# > 3 ? 3 : $# )) || true
CP_FILE="$(mktemp)"
# With -am every module writes its class path to the same file; platform-datahub comes last.
./mvnw -q -pl platform-datahub -am test-compile dependency:build-classpath -DskipTests \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
CP="platform-datahub/target/test-classes:platform-datahub/target/classes:platform-spi/target/classes:core-domain/target/classes:$(cat "$CP_FILE")"
rm -f "$CP_FILE"
# no java options given: the launcher's (C1 only, parallel GC), what a `lumos ingest` runs with
[ $# -gt 0 ] || set -- -XX:TieredStopAtLevel=1 -XX:+UseParallelGC
exec java "$@" -cp "$CP" io.lumos.platform.datahub.DataHubEmitBench "$DATASETS" "$MODE" "$ROUNDS"
