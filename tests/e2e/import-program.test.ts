// `secgroups import` proven with the real CLI: groups made through each cloud's API, a program generated from
// them, `pulumi up` adopting every group without one write to any cloud, then `pulumi preview --expect-no-changes`.
// The generated program's node_modules is a symlink to this repository's (which links pulumi-secgroups to itself),
// instead of an `npm install` of the packed tarball (tests/e2e/outside-program.test.ts covers that path).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PulumiStack } from "../../emulator/engine/pulumi-cli";
import { describeE2e, requestLog } from "../helpers/e2e";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { REPO_ROOT } from "../helpers/provider-host";
import { emulatorSettings, runCli, seed, SEEDS } from "../cli/seed";

const ALL = "nhn,huaweicloud,huaweicloud/nova,scaleway,genesiscloud,openstack";
const EMULATOR_CLOUDS = ["nhn", "openstack", "huaweicloud", "huaweicloudNova", "scaleway", "genesiscloud"];

describeE2e("secgroups import: the generated program adopts every existing group with no change", (engine) => {
  let emu: TestEmulator;
  let work: string;
  let settings: Record<string, string>;
  let settingsFile: string;
  let ids: Map<string, string>;
  const stacks: PulumiStack[] = [];

  beforeAll(async () => {
    emu = await startTestEmulator();
    work = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-import-"));
    settings = emulatorSettings(emu);
    settingsFile = path.join(work, "stack-config.json");
    fs.writeFileSync(settingsFile, JSON.stringify(settings));
    ids = await seed(settings);
  }, 120_000);

  afterAll(async () => {
    for (const s of stacks) await s.remove();
    await emu?.close();
    fs.rmSync(work, { recursive: true, force: true });
  });

  async function generateAndAdopt(name: string, extra: string[]): Promise<{ dir: string; stdout: string; stack: PulumiStack }> {
    const dir = path.join(work, name);
    const run = await runCli(["import", "--clouds", ALL, "--out", dir, "--stack-config", settingsFile, ...extra]);
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: expect.stringContaining("wrote") });
    // Only the clouds' reserved default groups are left out, each said so.
    for (const line of run.stderr.split("\n").filter((l) => l.includes("not importing"))) expect(line).toMatch(/ (default|standard) \(/);
    for (const f of ["index.ts", "package.json", "Pulumi.yaml", "README.md"]) expect(fs.existsSync(path.join(dir, f))).toBe(true);
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(dir, "node_modules"), "dir");
    const stack = await PulumiStack.create(engine(), { program: dir, stack: "dev" });
    stacks.push(stack);
    await stack.setConfig(settings);
    for (const c of EMULATOR_CLOUDS) await emu.clearRequests(c);
    await stack.ok("up", "--yes", "--skip-preview");
    // Sign-ins (Keystone, IAM tokens) are the only POSTs allowed: no group or rule is written.
    for (const c of EMULATOR_CLOUDS)
      expect({ cloud: c, writes: (await requestLog(emu, c)).filter((w) => !/tokens/.test(w)) }).toEqual({ cloud: c, writes: [] });
    await stack.ok("preview", "--expect-no-changes");
    return { dir, stdout: run.stdout, stack };
  }

  it("inline rules: up adopts every group of every cloud without a write, then preview shows no change", async () => {
    const { dir, stdout, stack } = await generateAndAdopt("inline", []);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    for (const [name, id] of ids) expect({ name, imported: program.includes(`{ import: "${id}" }`) }).toEqual({ name, imported: true });
    const state = (await stack.exportState()).resources;
    for (const id of ids.values()) expect(state.some((r) => r.id === id)).toBe(true);
    // What the audit would report about the imported groups is printed.
    expect(stdout).toContain("What secgroups audit reports about the imported groups");
    for (const s of SEEDS.filter((c) => c.mandatory.length))
      expect(stdout).toMatch(new RegExp(`${s.name} \\(${ids.get(s.name)}\\)\\s+${s.mandatory[0]}\\s+mandatory`));
  }, 600_000);

  it("--names and --rules resources: only the matching groups, each rule adopted as a rule resource", async () => {
    const { dir } = await generateAndAdopt("resources", ["--names=-office$", "--rules", "resources"]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(program).not.toContain(ids.get("nhn-ssh-world")!);
    expect(program).toContain(`{ import: "${ids.get("nhn-web-office")}" }`);
    expect(program).toMatch(/new secgroups\.nhn\.SecurityGroupRule\(/);
  }, 600_000);
});
