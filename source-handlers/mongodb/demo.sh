#!/usr/bin/env bash
# Starts a seeded in-memory MongoDB (mongo-java-server) on 127.0.0.1:${1:-27017} to try the source:
#   source-handlers/mongodb/demo.sh 27017 &   then   ./lumos scan mongodb://127.0.0.1:27017/app
set -euo pipefail
cd "$(dirname "$0")/../.."
./mvnw -q -pl source-handlers/mongodb -am package -DskipTests -Dspotless.check.skip=true \
  dependency:copy-dependencies -DincludeScope=test -DoutputDirectory=target/demo-lib >/dev/null
M=source-handlers/mongodb
exec java -cp "$M/target/test-classes:$M/target/demo-lib/*" io.lumos.source.mongodb.DemoServer "${1:-27017}"
