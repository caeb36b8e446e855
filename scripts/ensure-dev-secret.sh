# Sourced by local scripts: gives local runs a random SESSION_SECRET in
# .dev.vars (gitignored; wrangler and getPlatformProxy read it). Deployed
# Workers get theirs from `wrangler secret put SESSION_SECRET` (npm run deploy).
if ! grep -qs '^SESSION_SECRET=' .dev.vars; then
  echo "SESSION_SECRET=$(node -e 'process.stdout.write(require("node:crypto").randomBytes(32).toString("hex"))')" >> .dev.vars
  echo "Generated a local SESSION_SECRET in .dev.vars" >&2
fi
