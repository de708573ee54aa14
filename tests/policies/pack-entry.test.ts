import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packRoot } from "../../policies/pack-root";
import { AnalyzerHost } from "../../emulator/engine/analyzer-host";

// policies/index.js serves the compiled pack only while no TypeScript source is newer than it.
const { chooseEntry } = require("../../policies/entry") as { chooseEntry: (dir: string) => string };

function packDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-entry-"));
  for (const f of ["index.ts", "engine/model.ts", "bin/index.js", "node_modules/x/y.ts"]) {
    fs.mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
    fs.writeFileSync(path.join(dir, f), "");
  }
  return dir;
}

const at = (dir: string, file: string, seconds: number) => fs.utimesSync(path.join(dir, file), seconds, seconds);

describe("the policy pack's entry", () => {
  it("serves bin/index.js when it is at least as new as every source", () => {
    const dir = packDir();
    for (const f of ["index.ts", "engine/model.ts"]) at(dir, f, 1_000);
    at(dir, "bin/index.js", 2_000);
    expect(chooseEntry(dir)).toBe(path.join(dir, "bin", "index.js"));
  });

  it("serves the TypeScript sources when one of them was edited after the build", () => {
    const dir = packDir();
    at(dir, "index.ts", 1_000);
    at(dir, "bin/index.js", 2_000);
    at(dir, "engine/model.ts", 3_000);
    expect(chooseEntry(dir)).toBe(path.join(dir, "index.ts"));
  });

  it("serves the TypeScript sources when the pack was never built", () => {
    const dir = packDir();
    fs.rmSync(path.join(dir, "bin"), { recursive: true });
    expect(chooseEntry(dir)).toBe(path.join(dir, "index.ts"));
  });

  it("ignores dependencies' sources (node_modules)", () => {
    const dir = packDir();
    for (const f of ["index.ts", "engine/model.ts"]) at(dir, f, 1_000);
    at(dir, "bin/index.js", 2_000);
    at(dir, "node_modules/x/y.ts", 3_000);
    expect(chooseEntry(dir)).toBe(path.join(dir, "bin", "index.js"));
  });
});

describe("the pack's folder (where pack-config.json is read)", () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-root-"));
  for (const d of ["policies/bin/engine", "dist/policies/engine"]) fs.mkdirSync(path.join(repo, d), { recursive: true });
  fs.writeFileSync(path.join(repo, "policies", "PulumiPolicy.yaml"), "runtime: nodejs\n");

  it.each([["policies"], ["policies/bin"], ["policies/bin/engine"], ["dist/policies"]])("from %s is policies/", (from) => {
    expect(packRoot(path.join(repo, from))).toBe(path.join(repo, "policies"));
  });

  it("is the starting folder when no pack is found above it", () => {
    const lone = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-lone-"));
    expect(packRoot(lone)).toBe(lone);
  });
});

describe("the compiled pack in the policy host", () => {
  it("reads policies/pack-config.json from the pack's folder, not from bin/", async () => {
    // A copy of the built pack, so that the repository's policies/ is left alone.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-built-pack-"));
    const repoPolicies = path.join(__dirname, "..", "..", "policies");
    for (const f of ["PulumiPolicy.yaml", "package.json", "index.js", "entry.js"])
      fs.copyFileSync(path.join(repoPolicies, f), path.join(dir, f));
    fs.cpSync(path.join(repoPolicies, "bin"), path.join(dir, "bin"), { recursive: true });
    fs.writeFileSync(path.join(dir, "pack-config.json"), JSON.stringify({ "no-admin-ports-from-world": "disabled" }));
    fs.symlinkSync(path.join(repoPolicies, "..", "node_modules"), path.join(dir, "node_modules"));
    const host = await AnalyzerHost.start(dir);
    try {
      const info = await host.info();
      expect(info.initialConfig["no-admin-ports-from-world"]).toMatchObject({ level: "disabled" });
    } finally {
      host.close();
    }
  }, 120_000);
});
