#!/usr/bin/env bash
# Deploys to your Cloudflare account (after `npx wrangler login` or with
# CLOUDFLARE_API_TOKEN). The first deploy provisions the D1 database and the
# R2 bucket named in wrangler.jsonc; migrations are applied after it.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
npx opennextjs-cloudflare build
npx opennextjs-cloudflare deploy
npx wrangler d1 migrations apply DB --remote
