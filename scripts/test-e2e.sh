#!/usr/bin/env bash
# Browser (end-to-end) tests: Playwright + Chromium against the production
# build of the app in workerd (offline mode). Arguments go to `playwright test`,
# e.g. `npm run test:e2e -- -g "tool call"` or `--repeat-each 3`.
#   SKIP_BUILD=1   reuse the Worker already built in .open-next/
#   CHROMIUM_PATH  use this Chromium (else Debian's, installed if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/offline-env.sh
source scripts/ensure-dev-secret.sh

chromium="$(bash scripts/ensure-chromium.sh)"
if [ -n "$chromium" ]; then
  export CHROMIUM_PATH="$chromium"
  echo "Chromium: $CHROMIUM_PATH"
else
  echo "Chromium: Playwright's own"
fi

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  npx opennextjs-cloudflare build  # runs `npm run build` (next build) itself
fi

# playwright.config.ts starts the Worker itself (port 8788, fresh local D1).
npx playwright test "$@"
