#!/usr/bin/env bash
# Runs the run-tracker example: with a Marquez URL it reports there, without it prints the events.
# Usage: platform-marquez/run-example.sh [http://localhost:5000]
set -euo pipefail
cd "$(dirname "$0")/.."
CP_FILE="$PWD/platform-marquez/target/example-classpath.txt"
./mvnw -q -pl platform-marquez -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$CP_FILE" -Dmdep.includeScope=test >/dev/null
exec java -cp "platform-marquez/target/test-classes:platform-marquez/target/classes:$(cat "$CP_FILE")" \
  io.lumos.platform.marquez.RunTrackerExample "$@"
