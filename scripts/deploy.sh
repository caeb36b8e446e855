#!/usr/bin/env bash
# Deploys to your Cloudflare account (after `npx wrangler login` or with
# CLOUDFLARE_API_TOKEN). The first deploy provisions the D1 database and the
# R2 bucket named in wrangler.jsonc and sets a random SESSION_SECRET (the key
# that signs owner cookies); migrations are applied after every deploy.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx opennextjs-cloudflare build
npx opennextjs-cloudflare deploy
if ! npx wrangler secret list 2>/dev/null | grep -q '"SESSION_SECRET"'; then
  node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))' |
    npx wrangler secret put SESSION_SECRET
fi
npx wrangler d1 migrations apply DB --remote
