#!/usr/bin/env bash
# Installs this repository's committed HEAD from git into a scratch program, as a user would
# (`npm install git+file://...`), and checks that the package loads and its emulator bin starts.
# Slow (npm builds dist/ in the package's prepare, with its devDependencies): a few minutes.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/secgroups-git-install-XXXXXX")
trap 'rm -rf "$scratch"' EXIT
cd "$scratch"
printf '{ "name": "git-install-check", "private": true }\n' > package.json
npm install --no-audit --no-fund "git+file://$repo" @pulumi/pulumi > install.log 2>&1 || { cat install.log; exit 1; }
node -e 'const s = require("pulumi-secgroups"); for (const m of ["nhn", "huaweicloud", "scaleway", "genesiscloud"]) if (!s[m]) throw new Error("no " + m); require("pulumi-secgroups/run"); console.log("loads: " + Object.keys(s).join(", "))'
node node_modules/pulumi-secgroups/dist/emulator/cli.js --nhn --port-base 0 > emulator.out &
emulator=$!
for _ in $(seq 1 100); do [ -s emulator.out ] && break; sleep 0.2; done
kill "$emulator"
line=$(head -1 emulator.out)
node -e 'const l = JSON.parse(process.argv[1]); if (!/^http:\/\/127\.0\.0\.1:\d+$/.test(l.nhn.url)) throw new Error(process.argv[1]); console.log("emulator bin: " + l.nhn.url)' "$line"
