#!/usr/bin/env bash
# Every benchmark in bench/, one after another (they share the machine, so never in parallel).
# Each appends its dated section to bench/RESULTS.md. Builds the Worker first unless
# SKIP_BUILD=1 (or it is already built and BENCH_REBUILD is unset).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/offline-env.sh
source scripts/ensure-dev-secret.sh
if [ "${SKIP_BUILD:-0}" != "1" ] && { [ -n "${BENCH_REBUILD:-}" ] || [ ! -f .open-next/worker.js ]; }; then
  npx opennextjs-cloudflare build
fi
status=0
for bench in worker weight server client; do
  echo "=== bench:$bench"
  node "bench/$bench.ts" || status=1
done
exit "$status"
