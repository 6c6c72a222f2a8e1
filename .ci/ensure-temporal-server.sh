#!/usr/bin/env bash
# Provides the real Temporal server, its SQL schema tool and its Web UI server for the
# production-shaped topology (`./mvnw -Ptopology`), bench/run-chaos.sh and bench/run-ccu-10k.sh,
# or fails saying why. Not called from .ci/run: the suite runs the dev server (ensure-temporal-cli.sh).
# Each is built once with `go install` from the modules the Temporal CLI v1.5.1 is built from (its
# go.mod: server v1.29.1, ui-server v2.42.1), so the topology runs the server the dev server
# embeds, into a cache folder outside the checkout. Safe to run again: it builds only what is
# missing. Prints the cache folder at the end; CROUPIER_TEMPORAL_SERVER_HOME overrides it.
set -euo pipefail

SERVER_MODULE=go.temporal.io/server
SERVER_VERSION=v1.29.1
UI_MODULE=github.com/temporalio/ui-server/v2
UI_VERSION=v2.42.1
# The server's go.mod asks for Go 1.25.0; the toolchain module of that release builds it.
TOOLCHAIN_GO=go1.25.0
CACHE=${CROUPIER_TEMPORAL_SERVER_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/croupier/temporal-server}
SERVER_DIR="$CACHE/server-$SERVER_VERSION"
UI_DIR="$CACHE/ui-$UI_VERSION"

fail() { echo "[temporal-server] FAILED: $*" >&2; exit 1; }

if [ -x "$SERVER_DIR/temporal-server" ] && [ -x "$SERVER_DIR/temporal-sql-tool" ] && [ -x "$UI_DIR/ui-server" ] \
  && [ -f "$SERVER_DIR/config/development-postgres12.yaml" ]; then
  echo "[temporal-server] Temporal server $SERVER_VERSION and Web UI $UI_VERSION in $CACHE"
  exit 0
fi

find_go() {
  for go in "$(command -v go || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [ -n "$go" ] && [ -x "$go" ]; then echo "$go"; return 0; fi
  done
  return 1
}
GO=$(find_go || true)
if [ -z "$GO" ]; then
  echo "[temporal-server] Go not found: installing Debian's golang-go"
  command -v apt-get >/dev/null 2>&1 || fail "no Go and no apt-get: install Go 1.21 or later, then run this script again"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null || fail "apt-get install golang-go failed"
  GO=$(find_go) || fail "golang-go installed, but no go binary found"
fi
# An older Go (Debian bookworm has 1.19) cannot build the server and knows nothing of
# GOTOOLCHAIN. golang.org/toolchain is an ordinary module on the Go module proxy (it is what
# GOTOOLCHAIN downloads), and its zip is a complete Go distribution.
minor=$("$GO" env GOVERSION 2>/dev/null | sed -n 's/^go1\.\([0-9]*\).*/\1/p')
if [ "${minor:-0}" -lt 21 ]; then
  arch=$("$GO" env GOARCH); os=$("$GO" env GOOS)
  toolchain="golang.org/toolchain@v0.0.1-${TOOLCHAIN_GO}.${os}-${arch}"
  echo "[temporal-server] $("$GO" version) is too old: fetching $toolchain from the Go module proxy"
  dir=$(cd /tmp && GOFLAGS=-modcacherw GO111MODULE=on "$GO" mod download -json "$toolchain" \
    | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || fail "could not download $toolchain"
  [ -x "$dir/bin/go" ] || fail "the toolchain module $toolchain has no bin/go (in '$dir')"
  chmod +x "$dir/bin/"* "$dir/pkg/tool/"*/* 2>/dev/null || true
  GO="$dir/bin/go"
  export GOTOOLCHAIN=local
fi

# `go install` names each binary after its package folder (the server and the UI are both
# `server`), so each is built into a temporary folder and moved to its final name: a binary at
# its final name is always complete.
build() {
  local package=$1 dir=$2 name=$3 target=$4
  [ -x "$dir/$target" ] && return 0
  mkdir -p "$dir"
  local tmp; tmp=$(mktemp -d "$dir/.build.XXXXXX")
  echo "[temporal-server] building $package with $("$GO" env GOVERSION) (once; a few minutes)"
  GOBIN="$tmp" "$GO" install "$package" || { rm -rf "$tmp"; fail "go install $package failed"; }
  [ -x "$tmp/$name" ] || { rm -rf "$tmp"; fail "go install $package reported success but built no $name"; }
  mv "$tmp/$name" "$dir/$target" && rm -rf "$tmp"
}
build "$SERVER_MODULE/cmd/server@$SERVER_VERSION" "$SERVER_DIR" server temporal-server
build "$SERVER_MODULE/cmd/tools/sql@$SERVER_VERSION" "$SERVER_DIR" sql temporal-sql-tool
build "$UI_MODULE/cmd/server@$UI_VERSION" "$UI_DIR" server ui-server
# The server's configuration templates are in its module (the topology starts from
# config/development-postgres12.yaml; the SQL tool carries its schemas embedded); the module cache
# is read-only, so a copy sits next to the binaries.
if [ ! -d "$SERVER_DIR/config" ]; then
  src=$(cd /tmp && "$GO" mod download -json "$SERVER_MODULE@$SERVER_VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -f "$src/config/development-postgres12.yaml" ] || fail "the module $SERVER_MODULE@$SERVER_VERSION has no config/development-postgres12.yaml (in '$src')"
  cp -r "$src/config" "$SERVER_DIR/config.tmp" && mv "$SERVER_DIR/config.tmp" "$SERVER_DIR/config"
  chmod -R u+w "$SERVER_DIR/config"
fi
echo "[temporal-server] Temporal server $SERVER_VERSION and Web UI $UI_VERSION in $CACHE"
