#!/usr/bin/env bash
# A shell pipeline tracked step by step: each step is a run of its own, linked to the run of this
# script (its parent) through OPENLINEAGE_PARENT_ID, which `lumos run` hands to the command it runs.
# Usage: config-samples/ci/run-tracking.sh [lumos.yaml]   (no config: the local catalog .lumos/catalog.db)
set -euo pipefail
CONFIG=(${1:+-c "$1"})

if [[ -z "${OPENLINEAGE_PARENT_ID:-}" ]]; then
  # Not yet inside a run: run this whole script as the parent run, then stop.
  exec lumos run "${CONFIG[@]}" --job nightly_pipeline -- "$0" "$@"
fi

# Inside the parent run: every step names what it reads and writes.
lumos run "${CONFIG[@]}" --job extract_orders --output csv:orders -- \
  sh -c 'echo "order_id,amount" > orders.csv; echo "1,9.90" >> orders.csv'
lumos run "${CONFIG[@]}" --job daily_totals --input csv:orders --output csv:orders_daily -- \
  sh -c 'awk -F, "NR > 1 { s += \$2 } END { print \"day,total\"; print \"today,\" s }" orders.csv > orders_daily.csv'
# A failing step fails the script (set -e) with the step's exit code; its run is FAIL with stderr.
