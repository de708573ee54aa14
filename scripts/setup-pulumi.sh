#!/usr/bin/env bash
# `npm run setup:pulumi`: puts the Pulumi engine in .tools/bin, built from its Go module at the version pinned in
# scripts/pulumi-cli/go.mod (the CLI has no download here). Idempotent: a second run only checks.
#   .tools/bin/pulumi                         the CLI, built with the machine's Go
#   .tools/bin/pulumi-language-nodejs         Node.js language host (scripts/pulumi-cli/language-host.js)
#   .tools/bin/pulumi-resource-pulumi-nodejs  dynamic-provider plugin launcher
#   .tools/bin/pulumi-analyzer-policy         policy-pack analyzer launcher (+ the -nodejs name the engine also looks for)
# A `pulumi` already on PATH is used instead, and then nothing is built: set SECGROUPS_BUILD_PULUMI=1 to build anyway.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC="$ROOT/scripts/pulumi-cli"
BIN="$ROOT/.tools/bin"
VERSION="$(grep -Eo 'github.com/pulumi/pulumi/pkg/v3 v[0-9.]+' "$SRC/go.mod" | cut -d' ' -f2)"

say() { echo "setup:pulumi: $*"; }

ambient="$(PATH="$(echo "$PATH" | tr ':' '\n' | grep -vx "$BIN" | paste -sd: -)" command -v pulumi || true)"
if [[ -n "$ambient" && "${SECGROUPS_BUILD_PULUMI:-}" != "1" ]]; then
  say "using $ambient ($("$ambient" version)) from PATH; nothing to build"
  exit 0
fi

mkdir -p "$BIN"
if [[ -x "$BIN/pulumi" ]] && [[ "$("$BIN/pulumi" version 2>/dev/null)" == "$VERSION" ]]; then
  say "pulumi $VERSION already built in .tools/bin"
else
  if ! command -v go >/dev/null 2>&1; then
    echo "setup:pulumi: Go is not installed: install Go >= 1.26 (apt-get install golang-go, or go.dev/dl), or put a pulumi CLI on PATH" >&2
    exit 1
  fi
  say "building pulumi $VERSION from its Go module with $(go version | cut -d' ' -f3) (first build: several minutes on 2 cores) ..."
  start=$SECONDS
  (cd "$SRC" && GOFLAGS=-mod=readonly go build -ldflags "-X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$VERSION" \
    -o "$BIN/pulumi.partial" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
  mv "$BIN/pulumi.partial" "$BIN/pulumi"
  say "built .tools/bin/pulumi in $((SECONDS - start)) s"
fi

install_launcher() {
  local name="$1" source="$2"
  if ! cmp -s "$source" "$BIN/$name" 2>/dev/null; then
    cp "$source" "$BIN/$name"
    chmod +x "$BIN/$name"
  fi
}
install_launcher pulumi-resource-pulumi-nodejs "$SRC/launchers/pulumi-resource-pulumi-nodejs"
install_launcher pulumi-analyzer-policy "$SRC/launchers/pulumi-analyzer-policy"
install_launcher pulumi-analyzer-policy-nodejs "$SRC/launchers/pulumi-analyzer-policy"
cat > "$BIN/pulumi-language-nodejs.partial" <<EOF
#!/bin/sh
# Node.js language host for the engine in this folder (see scripts/pulumi-cli/language-host.js).
NODE="$ROOT/node_modules/.bin/node"
[ -x "\$NODE" ] || NODE=node
exec "\$NODE" "$SRC/language-host.js" "\$@"
EOF
chmod +x "$BIN/pulumi-language-nodejs.partial"
mv "$BIN/pulumi-language-nodejs.partial" "$BIN/pulumi-language-nodejs"
say "ready: $("$BIN/pulumi" version) in .tools/bin ($(ls "$BIN" | tr '\n' ' '))"
