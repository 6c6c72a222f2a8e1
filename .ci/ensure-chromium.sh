#!/usr/bin/env bash
# Debian's Chromium and its driver, for the browser tests, or a failure saying why. Browsers are
# not downloaded from anywhere else. The reel art ships with the client as SVG, so no emoji font is
# needed; DejaVu gives the pages their text font.
set -euo pipefail
fail() { echo "[chromium] FAILED: $*" >&2; exit 1; }
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "[chromium] present: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"; exit 0
fi
command -v apt-get >/dev/null 2>&1 || fail "no apt-get: install Chromium and chromedriver at /usr/bin/chromium and /usr/bin/chromedriver"
echo "[chromium] installing from Debian's packages"
apt-get update -qq || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core >/dev/null \
  || fail "apt-get install chromium chromium-driver failed"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || fail "installed, but /usr/bin/chromium or /usr/bin/chromedriver is missing"
echo "[chromium] installed: $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
