#!/usr/bin/env bash
# Provides the Temporal CLI (its dev server is the Temporal the tests and the launcher run), or
# fails saying why: a CI run without it would lose every test that needs a real, restartable
# Temporal server with a Web UI. Order: a `temporal` already on PATH or in Go's bin folder; else
# `go install` of the CLI's module with the Go on this machine; else Debian's Go, which is too old
# to build the CLI itself but fetches the Go toolchain the CLI needs, as a Go module, from the Go
# module proxy. Go's module and build caches make later runs quick.
set -euo pipefail
MODULE=github.com/temporalio/cli/cmd/temporal@v1.5.1
# The CLI's go.mod asks for Go 1.25.0; the toolchain module of that release builds it.
TOOLCHAIN_GO=go1.25.0

fail() { echo "[temporal] FAILED: $*" >&2; exit 1; }

if command -v temporal >/dev/null 2>&1; then
  echo "[temporal] using $(command -v temporal)"; exit 0
fi

find_go() {
  for go in "$(command -v go || true)" /usr/local/go/bin/go /usr/lib/go/bin/go; do
    if [ -n "$go" ] && [ -x "$go" ]; then echo "$go"; return 0; fi
  done
  return 1
}

go_bin_dir() {
  local go=$1 bin
  bin="$("$go" env GOBIN)"; [ -n "$bin" ] || bin="$("$go" env GOPATH | cut -d: -f1)/bin"
  echo "$bin"
}

GO=$(find_go || true)
if [ -n "$GO" ] && [ -x "$(go_bin_dir "$GO")/temporal" ]; then
  echo "[temporal] using $(go_bin_dir "$GO")/temporal"; exit 0
fi

if [ -z "$GO" ]; then
  echo "[temporal] Go not found: installing Debian's golang-go"
  command -v apt-get >/dev/null 2>&1 || fail "no Go and no apt-get: install Go 1.21 or later, then run this script again"
  apt-get update -qq || fail "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null || fail "apt-get install golang-go failed"
  GO=$(find_go) || fail "golang-go installed, but no go binary found"
fi

bin=$(go_bin_dir "$GO")
echo "[temporal] building $MODULE with $("$GO" version) (once; a few minutes)"
if "$GO" install "$MODULE"; then
  [ -x "$bin/temporal" ] || fail "go install reported success but $bin/temporal is missing"
  echo "[temporal] built $bin/temporal"; exit 0
fi

# An older Go (Debian bookworm has 1.19) cannot build the CLI. Fetch the toolchain the CLI asks
# for: golang.org/toolchain is an ordinary module on the Go module proxy (it is what GOTOOLCHAIN
# downloads), and its zip is a complete Go distribution.
arch=$("$GO" env GOARCH); os=$("$GO" env GOOS)
toolchain="golang.org/toolchain@v0.0.1-${TOOLCHAIN_GO}.${os}-${arch}"
echo "[temporal] $("$GO" version) cannot build the CLI: fetching $toolchain from the Go module proxy"
dir=$(cd /tmp && GOFLAGS=-modcacherw GO111MODULE=on "$GO" mod download -json "$toolchain" \
  | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p') || fail "could not download $toolchain"
[ -x "$dir/bin/go" ] || fail "the toolchain module $toolchain has no bin/go (in '$dir')"
chmod +x "$dir/bin/"* "$dir/pkg/tool/"*/* 2>/dev/null || true
GOTOOLCHAIN=local GOBIN="$bin" "$dir/bin/go" install "$MODULE" || fail "go install $MODULE failed with $TOOLCHAIN_GO"
[ -x "$bin/temporal" ] || fail "go install reported success but $bin/temporal is missing"
echo "[temporal] built $bin/temporal with $TOOLCHAIN_GO"
