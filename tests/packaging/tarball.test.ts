import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

// What `npm publish` would upload (dist/ is built by pretest): the files the README links to, and no source map
// whose sources are left out.
const ROOT = path.resolve(__dirname, "../..");
const packed = (): string[] => {
  const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return (JSON.parse(out) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
};

it("carries every file the README links to, the changelog, the policy pack's lockfile and no source map", () => {
  const files = packed();
  const links = [...fs.readFileSync(path.join(ROOT, "README.md"), "utf8").matchAll(/\]\(([^)#\s]+)\)/g)]
    .map((m) => m[1])
    .filter((l) => !/^[a-z]+:/.test(l));
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((l) => !files.includes(l))).toEqual([]);
  expect(files).toEqual(
    expect.arrayContaining([
      "CHANGELOG.md",
      "policies/package-lock.json",
      "dist/provider/index.js",
      "dist/provider/registry.js",
      "dist/emulator/cli.js",
    ]),
  );
  expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
  expect(files.filter((f) => f.includes("node_modules/"))).toEqual([]);
}, 60_000);
