// Lets `npm start` and `npm test` work straight after cloning: installs the locked dependencies
// (including the Node 24 binary that npm scripts then use) when node_modules is missing or stale.
const { execSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const marker = path.join(root, "node_modules", ".package-lock.json");
const lock = path.join(root, "package-lock.json");
const stale = !fs.existsSync(marker) || fs.statSync(marker).mtimeMs < fs.statSync(lock).mtimeMs;
if (stale) {
  console.log("Installing dependencies ...");
  execSync("bash scripts/install-deps.sh", { cwd: root, stdio: "inherit" });
}
