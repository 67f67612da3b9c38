#!/usr/bin/env bash
# Runs the problem validator with the CPU throttled to about a quarter of one core: the validator
# and its Python workers are pinned to CPU 0 next to three busy loops pinned there too, at the same
# priority, so the scheduler gives each of the four about 25 %. Proves that the relative scale
# checks (and the suites' time limits) still pass for every reference on a slow machine.
#
#   scripts/validate-throttled.sh [validate-problems options...]     (not part of npm test)
#   e.g. scripts/validate-throttled.sh --python /usr/bin/python3
#        BUSY=1 scripts/validate-throttled.sh      (half a core instead of a quarter)
set -euo pipefail
cd "$(dirname "$0")/.."
command -v taskset >/dev/null || { echo "validate-throttled: needs taskset (util-linux)" >&2; exit 2; }
BUSY=${BUSY:-3}
node scripts/build.mjs >/dev/null

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT INT TERM
for _ in $(seq "$BUSY"); do
  taskset -c 0 sh -c 'while :; do :; done' &
  pids+=("$!")
done
echo "[throttle] validator pinned to CPU 0 with $BUSY busy loops (about 1/$((BUSY + 1)) of a core); load: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s.%N)
set +e
taskset -c 0 node out/tools/validate-problems.js --jobs 1 --no-variants "$@"
rc=$?
set -e
echo "[throttle] exit $rc after $(echo "$(date +%s.%N) - $start" | bc) s"
exit $rc
