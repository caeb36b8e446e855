#!/usr/bin/env bash
# Production build of the app running in workerd, with local D1 migrated.
# Without Cloudflare credentials it runs in offline mode (`--env local`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/offline-env.sh
source scripts/ensure-dev-secret.sh

PORT="${PORT:-8787}"
HOST="${HOST:-127.0.0.1}"

if [ "${SKIP_BUILD:-0}" != "1" ]; then
  npx opennextjs-cloudflare build  # runs `npm run build` (next build) itself
fi

if bash scripts/has-cloudflare-credentials.sh && [ "${AI_MODE:-}" != "offline" ]; then
  echo "Cloudflare credentials found: replies come from Workers AI (remote AI binding)."
  env_args=()
else
  echo "No Cloudflare credentials: starting in offline mode (replies from the built-in stand-in)."
  env_args=(--env local)
fi

npx wrangler d1 migrations apply DB --local "${env_args[@]}" ${PERSIST_TO:+--persist-to "$PERSIST_TO"}
echo
echo "  Workers AI Chat: http://$HOST:$PORT"
echo
exec npx wrangler dev --local "${env_args[@]}" --ip "$HOST" --port "$PORT" ${PERSIST_TO:+--persist-to "$PERSIST_TO"} ${WRANGLER_DEV_ARGS:-}
