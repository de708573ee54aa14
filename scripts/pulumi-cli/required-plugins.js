// The resource plugins a Node.js program needs, found as Pulumi's own Node.js host finds them: every package under
// the program's node_modules (scoped and nested ones included) that declares a resource plugin, in its
// `pulumi-plugin.json` or in the `pulumi` section of its package.json. The engine installs what is missing.
"use strict";
const fs = require("node:fs");
const path = require("node:path");

const readJson = (file) => {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
};

/** The plugin a package declares, or undefined: name from the declaration, else the package name without `@pulumi/`. */
function declaredPlugin(dir) {
  let text;
  try {
    text = fs.readFileSync(path.join(dir, "package.json"), "utf8");
  } catch {
    return undefined;
  }
  const pluginFile = path.join(dir, "pulumi-plugin.json");
  // Most packages say nothing of Pulumi: skip them without parsing. Pulumi's code generator writes the `pulumi`
  // section of package.json next to pulumi-plugin.json, so a plugin package always mentions it.
  if (!text.includes('"pulumi')) return undefined;
  const pkg = readJson(path.join(dir, "package.json"));
  if (!pkg || typeof pkg !== "object") return undefined;
  const info = readJson(pluginFile) ?? pkg.pulumi;
  if (!info || info.resource !== true) return undefined;
  const name =
    info.name ||
    String(pkg.name ?? "")
      .replace(/^@pulumi\//, "")
      .replace(/^@[^/]+\//, "");
  const version = String(info.version || pkg.version || "");
  if (!name || !version) return undefined;
  return { name, kind: "resource", version: version.startsWith("v") ? version : `v${version}`, server: info.server || "" };
}

/** Package directories under a node_modules folder, nested node_modules included, each real directory once. */
function* packageDirs(modules, seen) {
  let entries;
  try {
    entries = fs.readdirSync(modules, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const dir = path.join(modules, entry.name);
    if (entry.name.startsWith("@")) {
      yield* packageDirs(dir, seen);
      continue;
    }
    let real = dir;
    if (entry.isSymbolicLink()) {
      try {
        real = fs.realpathSync(dir);
        if (!fs.statSync(real).isDirectory()) continue;
      } catch {
        continue;
      }
    } else if (!entry.isDirectory()) continue;
    if (seen.has(real)) continue;
    seen.add(real);
    yield dir;
    yield* packageDirs(path.join(dir, "node_modules"), seen);
  }
}

/** Every resource plugin the program in `programDir` declares through its packages, each name and version once. */
function requiredPlugins(programDir) {
  const found = new Map();
  for (const dir of packageDirs(path.join(programDir, "node_modules"), new Set())) {
    const plugin = declaredPlugin(dir);
    if (plugin) found.set(`${plugin.name}@${plugin.version}`, plugin);
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

module.exports = { requiredPlugins };
