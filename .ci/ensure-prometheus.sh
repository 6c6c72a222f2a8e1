#!/usr/bin/env bash
# Debian's Prometheus server and promtool: the alert rule tests (`promtool check rules`, `promtool
# test rules`) and the dev stack's Prometheus (CROUPIER_EMBEDDED=...,prometheus) need them. The
# package's own service is kept from starting (the launcher runs Prometheus itself, on its own port
# and configuration). Safe to run again.
set -euo pipefail
if [ -x /usr/bin/prometheus ] && [ -x /usr/bin/promtool ]; then
  echo "[prometheus] present: $(/usr/bin/prometheus --version 2>&1 | head -n 1)"; exit 0
fi
echo "[prometheus] installing from Debian's packages"
apt-get update -qq
# policy-rc.d answering 101 stops the package's init scripts from starting a server on :9090 (the
# wallet's port); an existing policy is kept as it is.
own_policy=false
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  own_policy=true
fi
trap 'if [ "$own_policy" = true ]; then rm -f /usr/sbin/policy-rc.d; fi' EXIT
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
# Where systemd runs, the unit may be enabled even though it was not started: keep it off.
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
  systemctl disable --now prometheus >/dev/null 2>&1 || true
fi
echo "[prometheus] ready: $(/usr/bin/prometheus --version 2>&1 | head -n 1)"
