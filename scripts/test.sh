#!/usr/bin/env bash
# Every test: vitest (units + route integration on local D1) and Playwright
# e2e in Chromium against the built Worker in workerd. Ends with one summary
# line "tests: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/offline-env.sh
source scripts/ensure-dev-secret.sh
mkdir -p .test-reports && rm -f .test-reports/*.json

npx vitest run --reporter=default --reporter=json --outputFile=.test-reports/vitest.json
unit_status=$?

PLAYWRIGHT_JSON_OUTPUT_NAME=.test-reports/playwright.json bash scripts/test-e2e.sh --reporter=list,json
e2e_status=$?

node scripts/test-summary.mjs .test-reports/vitest.json .test-reports/playwright.json
[ "$unit_status" -eq 0 ] && [ "$e2e_status" -eq 0 ]
