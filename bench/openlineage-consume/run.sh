#!/usr/bin/env bash
# Issue 14 budget: the OpenLineage file budget's 100,000 events (bench/openlineage) through
# `lumos consume` from a local Kafka broker into the local catalog, < 45 s; then two consumers in
# one group on this machine, each printing its partitions and counts.
# Usage: bench/openlineage-consume/run.sh [RUNS] [EVENTS]   (defaults: 3 runs of 100000)
# PARTITIONS (default 4) is the topic's; LUMOS_JAVA_OPTS is passed on.
# Writes only under BENCH_DIR (default lumos-bench/openlineage-consume in the temp folder).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=${BENCH_DIR:-$(dirname "$(mktemp -u)")/lumos-bench/openlineage-consume}
RUNS=${1:-3}
N=${2:-100000}
PARTITIONS=${PARTITIONS:-4}
TOPIC=openlineage-$N
mkdir -p "$OUT"
./lumos --version >/dev/null   # builds the distribution when needed; the runs below do not build
CP_FILE=test-support/target/classes/io/lumos/testing/kafka/broker.classpath
[[ -f "$CP_FILE" ]] || ./mvnw -B -q -o -pl test-support -am -DskipTests -DskipErrorProne compile

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

events="$OUT/events-$N.jsonl"
[[ -f "$events" ]] || java "$ROOT/bench/openlineage/GenerateEvents.java" "$events" "$N" 10000 2000

# the broker: started once, the events sent once; every run reads them in a group of its own
rm -f "$OUT/bootstrap" "$OUT/stop"
java -cp "$ROOT/test-support/target/classes:$(cat "$CP_FILE")" "$ROOT/bench/openlineage-consume/Broker.java" \
  "$OUT" "$TOPIC" "$PARTITIONS" "$events" 2> "$OUT/broker.txt" &
BROKER=$!
trap 'touch "$OUT/stop"; wait $BROKER 2>/dev/null || true' EXIT
until [[ -f "$OUT/bootstrap" ]]; do
  kill -0 $BROKER 2>/dev/null || { cat "$OUT/broker.txt" >&2; exit 1; }
  sleep 1
done
cat "$OUT/broker.txt"

config() { # NAME GROUP CATALOG
  cat > "$OUT/$1" <<YAML
lumos_config:
  platform: local
  platforms:
    local: { path: $3 }
  sources:
    - name: spark
      type: openlineage
      kafka:
        bootstrap_servers: "$(cat "$OUT/bootstrap")"
        topic: $TOPIC
        group: $2
YAML
}

: > "$OUT/runs.txt"
for i in $(seq 1 "$RUNS"); do
  group="bench-$(date +%s%N)"
  rm -f "$OUT"/catalog.db*
  config consume.yaml "$group" catalog.db
  load=$(cut -d' ' -f1 /proc/loadavg)
  (cd "$OUT" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" env LUMOS_NO_BUILD=1 \
    "$ROOT/lumos" consume -c consume.yaml --max-events "$N" > "$OUT/consume.txt" 2>&1)
  read -r wall user sys rss < "$OUT/time.txt"
  echo "$wall $user $sys $rss $load" >> "$OUT/runs.txt"
  echo "run $i (load $load): wall ${wall}s, CPU $(echo "$user + $sys" | bc)s, peak RSS $((rss / 1024)) MB;" \
    "$(grep '^consumed' "$OUT/consume.txt")"
done
echo "median of $RUNS: wall $(cut -d' ' -f1 "$OUT/runs.txt" | median)s," \
  "CPU $(awk '{print $2 + $3}' "$OUT/runs.txt" | median)s," \
  "peak RSS $(awk '{print int($4 / 1024)}' "$OUT/runs.txt" | median) MB"

# two consumers in one group, one catalog: each holds its partitions, together they read all once
group="bench-two-$(date +%s%N)"
rm -f "$OUT"/two.db*
config two.yaml "$group" two.db
load=$(cut -d' ' -f1 /proc/loadavg)
pids=()
for c in 1 2; do
  (cd "$OUT" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/time-$c.txt" env LUMOS_NO_BUILD=1 \
    "$ROOT/lumos" consume -c two.yaml --idle-timeout 120s > "$OUT/two-$c.txt" 2>&1) &
  pids+=($!)
done
for p in "${pids[@]}"; do
  wait "$p" || { echo "a consumer of the two failed (exit $?):" >&2; tail -n 20 "$OUT"/two-*.txt >&2; exit 1; }
done
echo "two consumers in group $group (load $load):"
total=0
for c in 1 2; do
  read -r wall user sys rss < "$OUT/time-$c.txt"
  n=$(grep -o 'consumed [0-9]*' "$OUT/two-$c.txt" | grep -o '[0-9]*')
  total=$((total + n))
  echo "  consumer $c: $(grep '^partitions:' "$OUT/two-$c.txt" | tail -1); CPU $(echo "$user + $sys" | bc)s;" \
    "$(grep '^consumed' "$OUT/two-$c.txt")"
done
echo "  together: $total of $N events"
[[ $total == "$N" ]] || { echo "the two consumers read $total events, not $N" >&2; exit 1; }
