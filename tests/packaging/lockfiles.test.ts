import * as fs from "node:fs";
import * as path from "node:path";

// The policy pack is installed on its own (`cd policies && npm ci`, `pulumi policy publish`): its lockfile must
// pin what the repository's tests ran with.
const ROOT = path.resolve(__dirname, "../..");
const lock = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(ROOT, dir, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };

it("policies/package-lock.json exists and every package in it has the version the repository's lockfile has", () => {
  const pack = lock("policies").packages;
  const repo = lock(".").packages;
  const mismatched = Object.entries(pack)
    .filter(([where]) => where !== "")
    .filter(([where, entry]) => repo[where]?.version !== entry.version)
    .map(([where, entry]) => `${where}: ${entry.version} vs ${repo[where]?.version ?? "absent"}`);
  expect(mismatched).toEqual([]);
  expect(pack["node_modules/@pulumi/policy"]?.version).toBeDefined();
});

it("policies/package-lock.json matches policies/package.json", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "policies/package.json"), "utf8"));
  const root = lock("policies").packages[""] as { dependencies?: unknown; devDependencies?: unknown };
  expect(root.dependencies).toEqual(manifest.dependencies);
  expect(root.devDependencies).toEqual(manifest.devDependencies);
});
