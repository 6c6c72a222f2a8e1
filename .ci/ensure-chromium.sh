#!/usr/bin/env bash
# Debian's Chromium and its driver, for the browser tests. Browser downloads are not possible here.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && fc-list | grep -qi "Noto Color Emoji"; then
  echo "[chromium] present"; exit 0
fi
echo "[chromium] installing from Debian's packages"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-color-emoji fonts-dejavu-core >/dev/null
