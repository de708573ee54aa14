// npm's `prepare`: runs after `npm ci`/`npm install` in this repository and when npm installs the package
// from git (`npm install github:owner/pulumi-secgroups`, `git+file://...`), where devDependencies are
// installed but there is no dist/ yet. Builds dist/ so the package loads, then links the package to itself.
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
let tsc;
try {
  tsc = require.resolve("typescript/bin/tsc", { paths: [root] });
} catch {
  // Installed with --omit=dev: nothing to build with; `npm run build` needs the devDependencies.
  console.error("prepare: typescript is not installed (devDependencies omitted); dist/ not built");
}
if (tsc) {
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "tsconfig.json")], { cwd: root, stdio: "inherit" });
  // The policy pack's compiled entry (policies/bin), which policies/index.js serves while it is current.
  execFileSync(process.execPath, [tsc, "-p", path.join(root, "policies", "tsconfig.json")], { cwd: root, stdio: "inherit" });
}
require("./link-self");
