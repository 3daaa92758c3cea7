#!/usr/bin/env bash
# Runs the S3 budget benchmark (source-handlers/s3/src/test/java/io/lumos/source/s3/S3Benchmark.java)
# against an in-process s3proxy and prints the table that bench/results/mongo-s3.md quotes.
# Usage: bench/mongo-s3/run.sh [runs]   (default 5 runs per configuration)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-5}"
# a table left by an earlier run must not pass for this one's
rm -f source-handlers/s3/target/bench-s3.md
./mvnw -q -pl source-handlers/s3 -am verify \
  -Dit.test=S3Benchmark -Dtest=NoSuchTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dspotless.check.skip=true -Dbench.runs="$RUNS" >/dev/null
[[ -s source-handlers/s3/target/bench-s3.md ]] || { echo "the S3 benchmark wrote no results (did S3Benchmark run?)" >&2; exit 1; }
cat source-handlers/s3/target/bench-s3.md
