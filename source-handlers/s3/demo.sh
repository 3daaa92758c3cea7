#!/usr/bin/env bash
# Serves a folder as S3 with s3proxy on 127.0.0.1:${2:-8081}, no authentication: every file in
# <folder>/<bucket>/<key> is an object. Then:
#   AWS_ENDPOINT_URL=http://127.0.0.1:8081 ./lumos scan s3://<bucket>/<prefix>
# Usage: source-handlers/s3/demo.sh <folder> [port]
set -euo pipefail
DATA="$(cd "${1:?usage: demo.sh <folder> [port]}" && pwd)"
PORT="${2:-8081}"
cd "$(dirname "$0")/../.."
JAR=source-handlers/s3/target/demo/s3proxy-4.1.0-jar-with-dependencies.jar
if [ ! -f "$JAR" ]; then
  ./mvnw -q dependency:copy -Dartifact=org.gaul:s3proxy:4.1.0:jar:jar-with-dependencies \
    -DoutputDirectory=source-handlers/s3/target/demo >/dev/null
fi
CONF="$(mktemp)"
cat > "$CONF" <<CONF
s3proxy.authorization=none
s3proxy.endpoint=http://127.0.0.1:$PORT
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$DATA
CONF
echo "s3proxy on http://127.0.0.1:$PORT serving $DATA (buckets are its folders); Ctrl-C stops it"
exec java -jar "$JAR" --properties "$CONF"
