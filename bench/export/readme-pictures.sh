#!/usr/bin/env bash
# The README's pictures from the quickstart data: the lineage page and the workbook's Summary sheet.
# Writes extraction-export/docs/{lineage-page,summary-sheet}.png (needs chromium).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="extraction-export/target/readme"
mkdir -p "$OUT" extraction-export/docs
./mvnw -q -pl extraction-export -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$OUT/classpath.txt" -Dmdep.includeScope=test >/dev/null
CP="core-domain/target/classes:platform-spi/target/classes:extraction-export/target/classes:extraction-export/target/test-classes:$(cat "$OUT/classpath.txt")"
java -cp "$CP" io.lumos.export.docs.ReadmePictures "$OUT"
CHROMIUM="${LUMOS_CHROMIUM:-$(command -v chromium || command -v chromium-browser)}"
shot() {
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
    --disable-sync --no-first-run --hide-scrollbars --window-size="$3" --user-data-dir="$(mktemp -d)" \
    --screenshot="$PWD/$2" "$1" >/dev/null 2>&1
}
shot "file://$PWD/$OUT/lineage.html#search=orders" extraction-export/docs/lineage-page.png 1400,700
shot "file://$PWD/$OUT/summary.html" extraction-export/docs/summary-sheet.png 760,900
cp "$OUT/impact.md" extraction-export/docs/impact-example.md
echo "wrote extraction-export/docs/lineage-page.png, summary-sheet.png and impact-example.md"
