#!/usr/bin/env bash
# Budget (issue 14): `lumos run -- true` takes under 0.5 s more than `lumos --help`, with the local
# catalog. Whole processes of the packaged launcher, alternating the two commands so that both see
# the same machine load; prints each pair, the medians and the median of the differences.
# Run from the repository root after building the distribution (./lumos --version does it).
# Writes nothing into the repository: the catalog lives in a temporary folder.
set -euo pipefail
cd "$(dirname "$0")/../.."
LUMOS="$PWD/distribution/target/lumos/bin/lumos"
export LUMOS_NO_BUILD=1
RUNS=${RUNS:-15}
[[ -x "$LUMOS" ]] || { echo "no packaged launcher at $LUMOS; build it with ./lumos --version" >&2; exit 2; }
work="$(mktemp -d "${TMPDIR:-/tmp}/lumos-bench-run.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"

# wall ms of one whole process; its CPU ms (user + sys, children included) go to cpu.txt
ms() {
  local s e
  s=$(date +%s%N)
  /usr/bin/time -f '%U %S' -o cpu.one "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 ))
}
cpu() { awk '{printf "%d\n", ($1 + $2) * 1000}' cpu.one; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# warm-up: the first run records the class-data archive, the second creates the catalog
ms "$LUMOS" --help >/dev/null
ms "$LUMOS" run --job j -- true >/dev/null
ms "$LUMOS" run --job j -- true >/dev/null

: >help.txt; : >run.txt; : >diff.txt; : >cpudiff.txt; : >helpcpu.txt; : >runcpu.txt
echo "pair  help_ms  run_ms  diff_ms  help_cpu_ms  run_cpu_ms"
for i in $(seq 1 "$RUNS"); do
  h=$(ms "$LUMOS" --help); hc=$(cpu)
  r=$(ms "$LUMOS" run --job j -- true); rc=$(cpu)
  echo "$h" >>help.txt; echo "$r" >>run.txt; echo $(( r - h )) >>diff.txt
  echo "$hc" >>helpcpu.txt; echo "$rc" >>runcpu.txt; echo $(( rc - hc )) >>cpudiff.txt
  printf '%4d  %7d  %6d  %7d  %11d  %10d\n' "$i" "$h" "$r" $(( r - h )) "$hc" "$rc"
done
echo "median lumos --help:             $(median <help.txt) ms"
echo "median lumos run --job j -- true: $(median <run.txt) ms"
echo "median difference (run - help):  $(median <diff.txt) ms (budget 500 ms)"
echo "median CPU (user+sys) --help $(median <helpcpu.txt) ms, run $(median <runcpu.txt) ms, difference $(median <cpudiff.txt) ms"
echo "runs recorded: $("$LUMOS" runs list --job j -f json | grep -c '"runId"')"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
