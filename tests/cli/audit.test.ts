// `secgroups audit` against the emulator seeded through every cloud's API: the pack's findings per group, the
// three formats (SARIF checked against the OASIS 2.1.0 schema with ajv), the exit codes and skipped clouds.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startTestEmulator, TestEmulator } from "../helpers/emulator";
import { emulatorSettings, runCli, seed, SEEDS } from "./seed";

// ajv 6 is in node_modules as a dependency of the toolchain; the SARIF schema is draft-04.
const Ajv = require("ajv");
const SARIF_SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, "fixtures", "sarif-schema-2.1.0.json"), "utf8"));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

const cli = (...argv: string[]): Promise<Run> => runCli(argv);

const ALL = "nhn,huaweicloud,huaweicloud/nova,scaleway,genesiscloud,openstack";

describe("secgroups audit", () => {
  let emu: TestEmulator;
  let dir: string;
  let settingsFile: string;
  let ids: Map<string, string>;

  beforeAll(async () => {
    emu = await startTestEmulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-audit-"));
    const settings = emulatorSettings(emu);
    settingsFile = path.join(dir, "stack-config.json");
    // The shape `pulumi config --json --show-secrets` prints.
    fs.writeFileSync(
      settingsFile,
      JSON.stringify(
        Object.fromEntries(Object.entries(settings).map(([k, v]) => [k, { value: v, secret: /password|secret|token/i.test(k) }])),
      ),
    );
    ids = await seed(settings);
  }, 120_000);

  afterAll(async () => {
    await emu?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("reports every risky group with the right policy at mandatory, and no clean group as mandatory (JSON)", async () => {
    const run = await cli("audit", "--clouds", ALL, "--format", "json", "--stack-config", settingsFile);
    expect(run.stderr).not.toMatch(/error|skipping/);
    const report = JSON.parse(run.stdout) as {
      findings: { groupId: string; policy: string; level: string; rule: string }[];
      clouds: { cloud: string; groups: number }[];
    };
    expect(report.clouds.map((c) => c.cloud).sort()).toEqual(ALL.split(",").sort());
    for (const s of SEEDS) {
      const mandatory = report.findings.filter((f) => f.groupId === ids.get(s.name) && f.level === "mandatory").map((f) => f.policy);
      expect({ group: s.name, mandatory: [...new Set(mandatory)].sort() }).toEqual({ group: s.name, mandatory: [...s.mandatory].sort() });
    }
    expect(report.findings.every((f) => f.rule.length > 0)).toBe(true);
    expect(run.code).toBe(1);
  });

  it("prints a table naming cloud, region or zone, group, finding, level and the rule that causes it", async () => {
    const run = await cli("audit", "--clouds", "nhn", "--stack-config", settingsFile);
    const line = run.stdout.split("\n").find((l) => l.includes(ids.get("nhn-ssh-world")!))!;
    expect(line).toMatch(/^nhn\s+KR1\s+nhn-ssh-world \(.+\)\s+no-admin-ports-from-world\s+mandatory\s+.*tcp\/22.*0\.0\.0\.0\/0/);
    expect(run.stdout).not.toContain(ids.get("nhn-web-office")!);
    expect(run.code).toBe(1);
  });

  it("writes SARIF 2.1.0 valid against the OASIS schema: one result per finding, error for mandatory, warning for advisory", async () => {
    const out = path.join(dir, "audit.sarif");
    const run = await cli("audit", "--clouds", ALL, "--format", "sarif", "--output", out, "--stack-config", settingsFile);
    expect(run.stdout).toBe("");
    const log = JSON.parse(fs.readFileSync(out, "utf8"));
    const ajv = new Ajv({ schemaId: "auto", format: "full", allErrors: true });
    ajv.addMetaSchema(require("ajv/lib/refs/json-schema-draft-04.json"));
    const valid = ajv.validate(SARIF_SCHEMA, log);
    expect(ajv.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    const json = JSON.parse((await cli("audit", "--clouds", ALL, "--format", "json", "--stack-config", settingsFile)).stdout);
    expect(log.runs[0].results).toHaveLength(json.findings.length);
    const ssh = log.runs[0].results.find(
      (r: any) => r.properties.groupId === ids.get("nhn-ssh-world") && r.ruleId === "no-admin-ports-from-world",
    );
    expect(ssh.level).toBe("error");
    expect(ssh.locations[0].logicalLocations[0].fullyQualifiedName).toBe(`nhn/KR1/${ids.get("nhn-ssh-world")}`);
    expect(log.runs[0].results.some((r: any) => r.level === "warning")).toBe(true);
    expect(run.code).toBe(1);
  });

  it("exits 0 when nothing reaches --fail-on, 1 when something does", async () => {
    const clean = await cli("audit", "--clouds", "nhn", "--fail-on", "none", "--stack-config", settingsFile);
    expect(clean.code).toBe(0);
    const advisory = await cli("audit", "--clouds", "genesiscloud", "--fail-on", "advisory", "--stack-config", settingsFile);
    expect(advisory.code).toBe(1);
    const cfg = path.join(dir, "demoted.json");
    fs.writeFileSync(cfg, JSON.stringify({ "no-admin-ports-from-world": "advisory" }));
    const demoted = await cli("audit", "--clouds", "nhn", "--config", cfg, "--stack-config", settingsFile);
    expect(demoted.stdout).toMatch(/no-admin-ports-from-world\s+advisory/);
    expect(demoted.code).toBe(0);
  });

  it("honours the pack's exemptions by group name", async () => {
    const cfg = path.join(dir, "exempt.json");
    fs.writeFileSync(cfg, JSON.stringify({ shared: { exemptions: [{ resource: "nhn-ssh-world", reason: "bastion until 2099" }] } }));
    const run = await cli("audit", "--clouds", "nhn", "--config", cfg, "--stack-config", settingsFile);
    expect(run.stdout).not.toContain("no-admin-ports-from-world");
    expect(run.code).toBe(0);
  });

  it("skips a cloud without credentials with one line, and exits 2 on usage and access errors", async () => {
    const skipped = await cli("audit", "--clouds", "scaleway,genesiscloud");
    expect(skipped.stderr.split("\n").filter((l) => l.includes("skipping"))).toHaveLength(2);
    // Nothing configured at all is an error, not a clean audit.
    expect(skipped.code).toBe(2);
    expect(skipped.stderr).toMatch(/none of the clouds asked for is configured/);
    const nhnOnly = path.join(dir, "nhn-only.json");
    fs.writeFileSync(
      nhnOnly,
      JSON.stringify(
        Object.fromEntries(
          Object.entries(JSON.parse(fs.readFileSync(settingsFile, "utf8"))).filter(([k]) => k.startsWith("secgroups:nhn")),
        ),
      ),
    );
    const partly = await cli("audit", "--clouds", "nhn,scaleway", "--stack-config", nhnOnly);
    expect(partly.stderr.split("\n").filter((l) => l.includes("skipping"))).toEqual([expect.stringContaining("skipping scaleway")]);
    expect(partly.code).toBe(1);
    expect(skipped.stderr).toMatch(/skipping scaleway: not configured .*SCW_SECRET_KEY/);
    expect((await cli("audit", "--clouds", "aws")).code).toBe(2);
    expect((await cli("audit", "--format", "xml")).code).toBe(2);
    expect((await cli("audit", "--bogus")).code).toBe(2);
    const bad = path.join(dir, "bad-credentials.json");
    fs.writeFileSync(
      bad,
      JSON.stringify({
        ...JSON.parse(fs.readFileSync(settingsFile, "utf8")),
        "secgroups:scalewaySecretKey": "00000000-0000-4000-8000-000000000000",
      }),
    );
    const denied = await cli("audit", "--clouds", "scaleway", "--stack-config", bad);
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/could not read scaleway: .*\n\s+fix: check the credentials/);
  });
});
