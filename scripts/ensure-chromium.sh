#!/usr/bin/env bash
# Prints the path of a Chromium for the e2e tests (stdout: the path only, or
# nothing when Playwright's own downloaded browser should be used); makes one
# available if missing. Messages go to stderr.
#
#   1. $CHROMIUM_PATH, if set and executable
#   2. /usr/bin/chromium (Debian's package)
#   3. as root with apt-get: install Debian's `chromium`
#   4. otherwise: `npx playwright install chromium` (needs network access to
#      Playwright's CDN) and print nothing, so Playwright uses its own browser.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "ensure-chromium: $*" >&2; }

if [ -n "${CHROMIUM_PATH:-}" ]; then
  if [ -x "$CHROMIUM_PATH" ]; then
    echo "$CHROMIUM_PATH"
    exit 0
  fi
  log "CHROMIUM_PATH=$CHROMIUM_PATH is not an executable file; looking elsewhere."
fi

if [ -x /usr/bin/chromium ]; then
  echo /usr/bin/chromium
  exit 0
fi

if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  log "installing Debian's chromium with apt-get (this can take a minute)..."
  # Quiet: apt/dpkg progress goes to a log that is shown only if something
  # fails; apt's own errors and warnings (stderr) still reach the terminal.
  # stdout stays reserved for the path.
  apt_log="$(mktemp)"
  if DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$apt_log" \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >>"$apt_log"; then
    rm -f "$apt_log"
    if [ -x /usr/bin/chromium ]; then
      log "installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
      echo /usr/bin/chromium
      exit 0
    fi
    log "apt-get finished but /usr/bin/chromium is missing."
  else
    log "apt-get could not install chromium; its last output:"
    tail -n 30 "$apt_log" >&2 || true
    rm -f "$apt_log"
  fi
fi

log "falling back to Playwright's own Chromium: npx playwright install chromium"
npx playwright install chromium >&2
# Print nothing: Playwright then launches the browser it downloaded.
