#!/usr/bin/env bash
# Prints the Worker's upload size (gzip) without deploying; needs no login, and
# fails when it is over budget (WORKER_GZIP_BUDGET_KIB, default 3072: the free
# plan's 3 MiB limit). Then checks each page's first-load JS (gzip) against its
# budget, computed from the build output (scripts/first-load-js.mjs; no browser).
# Sizes are deterministic, so CI can hold the line.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/offline-env.sh
[ -f .open-next/worker.js ] || npx opennextjs-cloudflare build
report="$(npx wrangler deploy --dry-run --outdir dist 2>&1 | grep -E "Total Upload|gzip" || true)"
if [ -z "$report" ]; then
  echo "wrangler deploy --dry-run did not report a size" >&2
  exit 1
fi
echo "$report"
budget="${WORKER_GZIP_BUDGET_KIB:-3072}"
gzip_kib="$(sed -nE 's/.*gzip: ([0-9.]+) KiB.*/\1/p' <<<"$report" | head -1)"
if [ -z "$gzip_kib" ]; then
  echo "could not read the gzip size from: $report" >&2
  exit 1
fi
if awk -v size="$gzip_kib" -v budget="$budget" 'BEGIN { exit !(size > budget) }'; then
  echo "Worker is ${gzip_kib} KiB gzip, over the ${budget} KiB budget" >&2
  exit 1
fi
echo "Worker gzip ${gzip_kib} KiB is within the ${budget} KiB budget"
node scripts/first-load-js.mjs
