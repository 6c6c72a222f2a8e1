#!/usr/bin/env bash
# Node.js 18 or later, for the web client's JavaScript tests (its fairness verifier and the round
# recomputation an outsider can run), from Debian's packages; or a failure saying why.
set -euo pipefail
fail() { echo "[node] FAILED: $*" >&2; exit 1; }
major() { "$1" -e 'process.stdout.write(process.versions.node.split(".")[0])'; }
for node in "$(command -v node || true)" "$(command -v nodejs || true)"; do
  if [ -n "$node" ] && [ "$(major "$node")" -ge 18 ]; then
    echo "[node] using $node $("$node" --version)"; exit 0
  fi
done
command -v apt-get >/dev/null 2>&1 || fail "no apt-get: install Node.js 18 or later"
echo "[node] installing Debian's nodejs"
apt-get update -qq || fail "apt-get update failed"
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs >/dev/null || fail "apt-get install nodejs failed"
node=$(command -v node || command -v nodejs) || fail "nodejs installed, but no node binary on PATH"
[ "$(major "$node")" -ge 18 ] || fail "$node is $("$node" --version); the tests need 18 or later"
echo "[node] installed $node $("$node" --version)"
