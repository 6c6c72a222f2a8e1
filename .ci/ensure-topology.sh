#!/usr/bin/env bash
# Installs what the database's high availability runs (the topology's PatroniCluster and the
# in-suite PatroniFailoverTest): Debian's patroni (with its etcd client python3-etcd), etcd-server
# and haproxy. PostgreSQL itself comes from .ci/ensure-postgres.sh. The packages' own services
# (etcd on 2379, haproxy on its default config, patroni) are never started nor left running: the
# cluster starts its own instances on its own ports. Safe to run again: it checks first. Fails
# with one line naming what is missing.
set -euo pipefail

fail() { echo "[topology] FAILED: $*" >&2; exit 1; }

have_patroni() { command -v patroni >/dev/null 2>&1; }
have_etcd() { [ -x /usr/bin/etcd ]; }
have_haproxy() { command -v haproxy >/dev/null 2>&1 || [ -x /usr/sbin/haproxy ]; }
# Patroni's package accepts any one DCS client; etcd's (python3-etcd, for Debian's python3 that
# runs patroni) is the one the cluster uses.
have_etcd_client() { /usr/bin/python3 -c 'import etcd' 2>/dev/null; }

missing=()
have_patroni || missing+=(patroni)
have_etcd || missing+=(etcd-server)
have_haproxy || missing+=(haproxy)
have_etcd_client || missing+=(python3-etcd)
ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 \
  || fail "no PostgreSQL server binaries under /usr/lib/postgresql: run .ci/ensure-postgres.sh first"

if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 \
    || fail "missing ${missing[*]} and no apt-get: install them from your distribution, then run this again"
  echo "[topology] installing ${missing[*]} from Debian's packages"
  # policy-rc.d refuses every service start during the install (exit 101: action forbidden); it is
  # removed again if this script made it.
  made_policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
    made_policy=yes
  fi
  trap '[ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d' EXIT
  log=$(mktemp /tmp/ensure-topology.XXXXXX.log)
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 \
    || fail "apt-get install ${missing[*]} failed: read $log"
  rm -f "$log"
fi

# A machine without systemd (containers, CI) has no unit to disable; where systemd runs, the
# packaged services stay disabled and stopped so they hold no port.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for unit in etcd patroni haproxy; do
    systemctl disable --now "$unit" >/dev/null 2>&1 || true
  done
fi

have_patroni || fail "patroni was installed but is not on PATH"
have_etcd || fail "etcd-server was installed but /usr/bin/etcd is missing"
have_haproxy || fail "haproxy was installed but is not on PATH"
have_etcd_client || fail "python3-etcd was installed but Patroni's /usr/bin/python3 cannot import etcd"
echo "[topology] ready: $(patroni --version 2>&1 | head -1), $(/usr/bin/etcd --version 2>&1 | head -1), $(haproxy -v 2>&1 | head -1 | cut -d' ' -f1-3)"
