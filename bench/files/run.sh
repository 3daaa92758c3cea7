#!/usr/bin/env bash
# Benchmarks of the files source (see bench/results/files.md). Needs a 1 GB CSV from
# shared/tools/lake (`GenLake.java <dir> csv`); the 100 MB JSONL file is generated when absent.
#   bench/files/run.sh [CSV] [JSONL] [passes]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
csv="${1:-/tmp/lake/csv/big.csv}"
jsonl="${2:-/tmp/lumos-bench/events.jsonl}"
passes="${3:-5}"
only="${4:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
./mvnw -q -o -pl source-handlers/files -am compile dependency:build-classpath \
  -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime >/dev/null
cp="$root/core-domain/target/classes:$root/platform-spi/target/classes:$root/source-handlers/files/target/classes:$(cat "$work/cp.txt")"
javac -d "$work/classes" -cp "$cp" "$root/bench/files/FilesBench.java"
java -Xmx2g -XX:+UseParallelGC -cp "$work/classes:$cp" FilesBench "$csv" "$jsonl" "$passes" "$only"
