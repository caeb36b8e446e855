# Sourced by the project's scripts: no telemetry or Cloudflare calls from tools
# that would otherwise try the network (these machines are often offline).
export CLOUDFLARE_CF_FETCH_ENABLED="${CLOUDFLARE_CF_FETCH_ENABLED:-false}"
export WRANGLER_SEND_METRICS="${WRANGLER_SEND_METRICS:-false}"
export NEXT_TELEMETRY_DISABLED="${NEXT_TELEMETRY_DISABLED:-1}"

# npm run puts node_modules/.bin first on PATH, which carries Node 22 on
# linux-x64 machines that only have Node 20; say so plainly if it is missing.
node_major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$node_major" -lt 22 ]; then
  echo "Node >= 22.12 is needed (found $(node --version)). Run 'npm install' first, or install Node 22." >&2
  exit 1
fi
