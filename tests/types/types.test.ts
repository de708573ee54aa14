import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

// A user's program compiled with tsc against the published declarations (dist/, as `pulumi-secgroups`).
const DIR = __dirname;
const TSC = require.resolve("typescript/bin/tsc");

function compile(dir: string): { status: number | null; output: string } {
  const res = spawnSync(process.execPath, [TSC, "-p", path.join(dir, "tsconfig.json")], { encoding: "utf8", cwd: DIR });
  return { status: res.status, output: res.stdout + res.stderr };
}

describe("the public types", () => {
  it("accept a correct program and reject misspelt protocols, wrong enums; outputs are typed from the canonical form", () => {
    const res = compile(DIR);
    expect(res.output).toBe("");
    expect(res.status).toBe(0);
  });

  it("can fail: the same program without its expected-error marks does not compile", () => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), "types-"));
    try {
      const text = fs.readFileSync(path.join(DIR, "program.ts"), "utf8").replace(/^\s*\/\/ @ts-expect-error.*\n/gm, "");
      fs.writeFileSync(path.join(copy, "program.ts"), text);
      const config = JSON.parse(fs.readFileSync(path.join(DIR, "tsconfig.json"), "utf8"));
      config.compilerOptions.typeRoots = [path.join(DIR, "../../node_modules/@types")];
      fs.writeFileSync(path.join(copy, "tsconfig.json"), JSON.stringify(config));
      fs.symlinkSync(path.join(DIR, "../../node_modules"), path.join(copy, "node_modules"), "dir");
      const res = compile(copy);
      expect(res.status).not.toBe(0);
      expect(res.output).toContain(`Type '"tcpx"' is not assignable`);
      expect(res.output).toContain(`Type '"TCPX"' is not assignable`);
      expect(res.output).toContain(`Type '"reject"' is not assignable`);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
  });
});
