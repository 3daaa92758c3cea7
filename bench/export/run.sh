#!/usr/bin/env bash
# The export budgets (issue 8): comprehensive xlsx over 10,000 datasets x 50 fields, a million-row
# sheet, and the 5,000-node lineage page in headless Chromium. Every JVM runs with -Xmx512m.
# Usage: bench/export/run.sh [runs] [all|html]   (default 3 all; the median is what
# bench/results/export.md reports; html runs only the lineage page in Chromium)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS="${1:-3}"
WHAT="${2:-all}"
OUT="extraction-export/target/bench"
mkdir -p "$OUT"
./mvnw -q -pl extraction-export -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="core-domain/target/classes:platform-spi/target/classes:extraction-export/target/classes:extraction-export/target/test-classes:$(cat "$OUT/classpath.txt")"
JAVA=(java -Xmx512m -XX:+UseSerialGC -cp "$CP" io.lumos.export.bench.ExportBench)

if [ "$WHAT" = all ]; then
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "  wall=%es user=%Us sys=%Ss maxrss=%MKB" "${JAVA[@]}" comprehensive 10000 50 "$OUT/comprehensive.xlsx"
  done
  for i in $(seq "$RUNS"); do
    /usr/bin/time -f "  wall=%es user=%Us sys=%Ss maxrss=%MKB" "${JAVA[@]}" schema 20000 50 "$OUT/million.xlsx"
  done
fi

"${JAVA[@]}" html 5000 "$OUT/lineage-5000.html"
CHROMIUM="${LUMOS_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}"
if [ -z "$CHROMIUM" ]; then echo "no chromium: skipping the page timing"; exit 0; fi
for i in $(seq "$RUNS"); do
  PROFILE="$(mktemp -d)"
  START=$(date +%s%N)
  DOM="$(/usr/bin/time -o "$OUT/chromium-time.txt" -f "user=%U sys=%S" "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --window-size=1400,900 --user-data-dir="$PROFILE" \
    --dump-dom "file://$PWD/$OUT/lineage-5000.html#search=table_04999" 2>/dev/null)"
  END=$(date +%s%N)
  rm -rf "$PROFILE"
  READY=$(grep -o 'data-ready-ms="[0-9]*"' <<<"$DOM" | head -1 || true)
  if [ -z "$READY" ]; then echo "html run $i: the page never said it was ready (no data-ready-ms)" >&2; exit 1; fi
  SCRIPT=$(grep -o 'data-script-ms="[0-9]*"' <<<"$DOM" | head -1)
  NODES=$(grep -o 'data-nodes="[0-9]*"' <<<"$DOM" | head -1)
  HITS=$(grep -o 'data-search-hits="[0-9]*"' <<<"$DOM" | head -1)
  echo "html run $i: $READY $SCRIPT $NODES $HITS chromium_process_ms=$(( (END - START) / 1000000 )) chromium_cpu: $(cat "$OUT/chromium-time.txt") load: $(cut -d' ' -f1 /proc/loadavg)"
done
"$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --window-size=1400,900 --user-data-dir="$(mktemp -d)" \
  --screenshot="$PWD/$OUT/lineage-5000.png" "file://$PWD/$OUT/lineage-5000.html#search=table_04999" >/dev/null 2>&1 || true
