#!/usr/bin/env bash
# Installs the locked dependencies from scratch with plain `npm ci`: the lock file is complete
# (every optional platform package included), so install never rewrites it.
set -euo pipefail
cd "$(dirname "$0")/.."
npm ci --no-audit --no-fund
