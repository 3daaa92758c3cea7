#!/bin/sh
# Times `PostgresSource.scan` over 1,000 tables x 20 columns on an embedded PostgreSQL 17.
# Usage: bench/postgres/run.sh [tables] [columns] [runs] [views] [view_query_check]  (defaults 1000 20 7 0 true)
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
./mvnw -q -pl source-handlers/postgres -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
M=source-handlers/postgres
exec java -Xmx1g -cp "$M/target/test-classes:$M/target/classes:$(cat "$M/target/bench-classpath.txt")" \
  io.lumos.source.postgres.PostgresScanBench "$@"
