#!/usr/bin/env bash
# Issue 12, items 1 and 2 at their real sizes, with the real launcher and real `kill -9`:
#   - 20,000 one-row CSVs ingested into a new catalog, killed after 2 s and 4 s (and, in a second
#     catalog, after 5 s and 9 s), then run to the end: the catalog must equal one clean run's.
#   - two ingests of the same 3,000 datasets into one catalog at once: both exit 0, one history.
#   Timers depend on the machine (a loaded one may not have committed anything after 4 s), so a
#   third catalog is killed when 2,000 and then 8,000 datasets are committed.
# Usage: bench/reliability/run.sh [rounds]   (needs the sqlite3 shell; writes nothing into the repo)
#   LUMOS=/path/to/lumos runs another build's launcher (e.g. an older commit's, to see it fail).
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${BENCH_DIR:-/tmp/lumos-bench}/reliability
ROUNDS=${1:-3}
LUMOS=${LUMOS:-$PWD/lumos}
command -v sqlite3 >/dev/null || { echo "bench/reliability needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }
"$LUMOS" --version >/dev/null   # builds the distribution when needed
export LUMOS_NO_BUILD=1
mkdir -p "$OUT"

files() { # files DIR N: N one-row CSVs and a config that ingests them with version tracking
  local dir=$1 n=$2
  [[ -f "$dir/.made-$n" ]] && return
  rm -rf "$dir"; mkdir -p "$dir/data"
  for ((i = 0; i < n; i++)); do printf 'id,name\n%d,x\n' "$i" >"$dir/data/t$i.csv"; done
  printf 'lumos_config:\n  platform: local\n  features: { schema_tracking: true }\n  sources:\n    - { name: files, type: csv, path: "data/*.csv" }\n' >"$dir/lumos.yaml"
  touch "$dir/.made-$n"
}

now() { date +%s%N; }
secs() { echo "scale=2; ($2-$1)/1000000000" | bc; }
q() { sqlite3 "$1" "$2"; }

# The invariants of a catalog that holds N datasets ingested once: every dataset exactly one
# version, 1.0.0, no dataset without one, cloud versions S-1..S-N with no gap, file intact.
check() {
  local db=$1 n=$2 bad=0
  local d v dup none distinct counter ok
  d=$(q "$db" "SELECT count(*) FROM datasets")
  v=$(q "$db" "SELECT count(*) FROM versions")
  dup=$(q "$db" "SELECT count(*) FROM (SELECT urn FROM versions GROUP BY urn HAVING count(*) > 1)")
  none=$(q "$db" "SELECT count(*) FROM datasets WHERE urn NOT IN (SELECT urn FROM versions)")
  distinct=$(q "$db" "SELECT count(DISTINCT cloud_version) || ' max ' || max(CAST(substr(cloud_version, 3) AS INTEGER)) FROM versions")
  counter=$(q "$db" "SELECT value FROM meta WHERE key = 'version_counter'")
  ok=$(q "$db" "PRAGMA integrity_check")
  [[ $d == "$n" && $v == "$n" && $dup == 0 && $none == 0 && $distinct == "$n max $n" && $counter == "$n" && $ok == ok ]] || bad=1
  echo "datasets $d, versions $v, with two or more versions $dup, without a version $none, cloud versions $distinct, counter $counter, integrity $ok"
  return $bad
}

# What a catalog holds, independent of the order datasets arrived in: each dataset without its
# version, and each version history as schema versions, change types and fingerprints.
state() {
  q "$1" "SELECT urn, json_remove(json, '$.version') FROM datasets ORDER BY urn" | sha256sum | cut -c1-16
  q "$1" "SELECT urn, schema_version, change_type, fingerprint, previous IS NULL FROM versions ORDER BY urn, schema_version" | sha256sum | cut -c1-16
}

ingest() { # ingest DIR DB: the whole ingest, quiet
  (cd "$1" && "$LUMOS" ingest -c lumos.yaml --catalog-path "$2" -q)
}

killed_after() { # killed_after DIR DB SECONDS: start an ingest, kill -9 it after SECONDS
  (cd "$1" && exec "$LUMOS" ingest -c lumos.yaml --catalog-path "$2" -q) &
  local pid=$!
  sleep "$3"
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

killed_when() { # killed_when DIR DB COUNT: start an ingest, kill -9 it once COUNT datasets are committed
  (cd "$1" && exec "$LUMOS" ingest -c lumos.yaml --catalog-path "$2" -q) &
  local pid=$! n=0
  while kill -0 "$pid" 2>/dev/null; do
    [[ -f "$1/$2" ]] && n=$(q "$1/$2" "SELECT count(*) FROM datasets" 2>/dev/null || echo 0)
    [[ ${n:-0} -ge $3 ]] && break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

K=$OUT/kill
files "$K" 20000
failed=0
for ((r = 1; r <= ROUNDS; r++)); do
  echo "== round $r of $ROUNDS ($(date -u +%H:%M) UTC, load $(cut -d' ' -f1 /proc/loadavg))"
  rm -f "$K"/*.db*
  s=$(now); ingest "$K" clean.db; e=$(now)
  echo "clean ingest of 20,000 CSVs: $(secs "$s" "$e") s"
  check "$K/clean.db" 20000 || failed=1
  clean=$(state "$K/clean.db")
  for kills in "2 4" "5 9" "n2000 n8000"; do
    db=killed-${kills// /-}.db
    for t in $kills; do
      if [[ $t == n* ]]; then killed_when "$K" "$db" "${t#n}"; what="at ${t#n} datasets"; else killed_after "$K" "$db" "$t"; what="after $t s"; fi
      echo "  killed $what: $(q "$K/$db" "SELECT count(*) FROM datasets" 2>/dev/null || echo 0) datasets, $(q "$K/$db" "SELECT count(*) FROM versions" 2>/dev/null || echo 0) versions committed"
    done
    s=$(now); ingest "$K" "$db" || { echo "  re-run exit $?"; failed=1; }; e=$(now)
    echo "re-run after kills ($kills): $(secs "$s" "$e") s"
    check "$K/$db" 20000 || failed=1
    if [[ "$(state "$K/$db")" == "$clean" ]]; then echo "  same datasets and histories as the clean run"; else echo "  DIFFERS from the clean run"; failed=1; fi
  done
done

C=$OUT/concurrent
files "$C" 3000
for ((r = 1; r <= ROUNDS; r++)); do
  echo "== two ingests at once, round $r of $ROUNDS"
  rm -f "$C"/*.db* "$C"/err-*
  s=$(now)
  (cd "$C" && exec "$LUMOS" ingest -c lumos.yaml --catalog-path shared.db 2>err-a) & a=$!
  (cd "$C" && exec "$LUMOS" ingest -c lumos.yaml --catalog-path shared.db 2>err-b) & b=$!
  ra=0; rb=0; wait $a || ra=$?; wait $b || rb=$?
  e=$(now)
  made=$(grep -ho '[0-9]* new version(s)' "$C"/err-a "$C"/err-b | cut -d' ' -f1 | paste -sd+ | bc)
  echo "exit codes $ra and $rb, $(secs "$s" "$e") s for both; new versions made: $made (one process $(grep -ho '[0-9]* new version(s)' "$C"/err-a | cut -d' ' -f1), the other $(grep -ho '[0-9]* new version(s)' "$C"/err-b | cut -d' ' -f1))"
  check "$C/shared.db" 3000 || failed=1
  [[ $ra == 0 && $rb == 0 && $made == 3000 ]] || failed=1
done
if [[ $failed == 0 ]]; then echo "all invariants held"; else echo "SOME INVARIANT FAILED" >&2; exit 1; fi
exit $failed
