#!/usr/bin/env bash
# Prints the Worker's upload size (gzip) without deploying; needs no login.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/offline-env.sh
[ -f .open-next/worker.js ] || npx opennextjs-cloudflare build
npx wrangler deploy --dry-run --outdir dist 2>&1 | grep -E "Total Upload|gzip" || {
  echo "wrangler deploy --dry-run did not report a size" >&2
  exit 1
}
