// Makes `require("pulumi-secgroups/...")` resolve inside this repository, as it does in a user's program
// (node_modules/pulumi-secgroups), so the demo and the tests load the provider exactly as users do.
const fs = require("node:fs");
const path = require("node:path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-secgroups");
if (!fs.existsSync(path.join(root, "node_modules"))) process.exit(0);
try {
  if (fs.lstatSync(link).isSymbolicLink()) process.exit(0);
} catch {
  /* not there yet */
}
fs.symlinkSync("..", link, "dir");
