#!/usr/bin/env bash
# Builds the Temporal CLI from its Go module when no `temporal` binary is found. Go's module and
# build caches make later runs quick. Without Go, the tests fall back to the Java test server.
set -euo pipefail
MODULE=github.com/temporalio/cli/cmd/temporal@v1.5.1
GO=$(command -v go || echo /usr/local/go/bin/go)
if command -v temporal >/dev/null 2>&1; then
  echo "[temporal] using $(command -v temporal)"; exit 0
fi
if [ -x "$GO" ]; then
  bin="$("$GO" env GOBIN)"; [ -n "$bin" ] || bin="$("$GO" env GOPATH | cut -d: -f1)/bin"
  if [ -x "$bin/temporal" ]; then echo "[temporal] using $bin/temporal"; exit 0; fi
  echo "[temporal] building $MODULE (once; a few minutes)"
  if "$GO" install "$MODULE"; then echo "[temporal] built $bin/temporal"; exit 0; fi
  echo "[temporal] go install failed: tests use the Java test server instead"
else
  echo "[temporal] Go not found: tests use the Java test server (no Web UI, state in memory)"
fi
