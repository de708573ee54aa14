#!/usr/bin/env bash
# Installs the locked dependencies from scratch. `npm ci` first; npm 11.16+ rejects its own lock file when
# an optional platform package (here @unrs/resolver-binding-* for other OSes, pulled in by jest) cannot be
# fetched from the registry (npm/cli#9846), so fall back to `npm install`, which keeps the locked versions.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! npm ci --no-audit --no-fund 2>/tmp/npm-ci.err; then
  if grep -q "can only install packages when your package.json and package-lock.json" /tmp/npm-ci.err; then
    echo "npm ci refused the lock file (npm/cli#9846: unavailable optional platform packages); using npm install"
    npm install --no-audit --no-fund || exit 1
  else
    cat /tmp/npm-ci.err >&2
    exit 1
  fi
fi
