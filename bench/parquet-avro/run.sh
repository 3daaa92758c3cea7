#!/usr/bin/env bash
# Benchmarks of the Parquet and Avro readers (see bench/results/parquet-avro.md).
#
#   bench/parquet-avro/run.sh [LAKE_DIR] [AVRO_FILE]
#
# LAKE_DIR holds the speed-test lake made by shared/tools/lake/GenLake.java (small/ and big/);
# default /tmp/lake. AVRO_FILE is the ~1 GB container to count (generated when missing);
# default /tmp/lumos-bench-1g.avro. Nothing is written into the repository.
set -euo pipefail
cd "$(dirname "$0")/../.."
LAKE="${1:-/tmp/lake}"
AVRO_FILE="${2:-/tmp/lumos-bench-1g.avro}"
THREADS="${THREADS:-2}"
PASSES="${PASSES:-7}"
HEAP="${HEAP:--Xmx512m}"

./mvnw -q -pl source-handlers/parquet,source-handlers/avro -am test-compile
cp_of() {
  local out; out="$(mktemp)"
  ./mvnw -q -pl "$1" dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out" >/dev/null
  echo "$1/target/test-classes:$1/target/classes:platform-spi/target/classes:core-domain/target/classes:$(cat "$out")"
  rm -f "$out"
}
PQ_CP="$(cp_of source-handlers/parquet)"
AV_CP="$(cp_of source-handlers/avro)"

echo "== Parquet: 2,000 small files, $THREADS threads, heap $HEAP"
java $HEAP -cp "$PQ_CP" io.lumos.source.parquet.bench.ParquetLakeBench "$LAKE/small" "$THREADS" "$PASSES"
if [ -d "$LAKE/big" ]; then
  echo "== Parquet: the big files"
  java $HEAP -cp "$PQ_CP" io.lumos.source.parquet.bench.ParquetLakeBench "$LAKE/big" 1 "$PASSES"
fi
echo "== Avro: row count of a ~1 GB container"
# AVRO_COMPARE=true also times Avro Java's own block iteration (minutes: it inflates every block)
java $HEAP -cp "$AV_CP" io.lumos.source.avro.bench.AvroRowCountBench "$AVRO_FILE" $((1 << 30)) "$PASSES" "${AVRO_COMPARE:-false}"
