// The policy pack through the real engine: `--policy-pack policies` on preview and up, configured the three ways
// users configure it, with its stack policy and remediation. The engine reconciles the pack's configuration
// itself (pkg/resource/analyzer/config.go), which the analyzer host alone does not show.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describeE2e, POLICY_PACK, useE2eStack } from "../helpers/e2e";
import { CLOUD_CASES, declare, Declared } from "./clouds";

const nhn = CLOUD_CASES.nhn;
const sshFromWorld = (name: string): Declared =>
  declare(nhn, "SecurityGroupRule", name, {
    securityGroupId: { ref: "grp" },
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: "0.0.0.0/0",
  });
const group = declare(nhn, "SecurityGroup", "grp", nhn.group("e2e-policy"));

function configFile(content: unknown): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-policy-")), "policy.json");
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
}

describeE2e("the policy pack through the real engine", (engine) => {
  const ctx = useE2eStack(engine, "e2e-policy");
  const pack = ["--policy-pack", POLICY_PACK];

  afterEach(async () => {
    delete process.env.SECGROUPS_POLICY_CONFIG;
    await ctx().declare([]);
    await ctx().run("up", ...pack);
  });

  it("fails preview and up with a non-zero exit naming the policy when a mandatory policy is violated", async () => {
    await ctx().declare([group, sshFromWorld("ssh-world")]);
    const preview = await ctx().run("preview", ...pack);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/\[mandatory\].*no-admin-ports-from-world/);
    const up = await ctx().run("up", ...pack);
    expect(up.code).not.toBe(0);
    expect(up.stdout).toContain("no-admin-ports-from-world");
    // up judges each resource as it goes: the clean group may exist, the ssh rule must not.
    const groupId = (await ctx().stack.exportState()).resources.find((r) => r.urn.endsWith("::grp"))?.id;
    if (groupId) expect((await nhn.api(ctx().emu).rules(groupId)).map((r) => r.port)).not.toContain(22);
    expect((await ctx().stack.exportState()).resources.some((r) => r.urn.endsWith("::ssh-world"))).toBe(false);
  });

  it("reports an advisory violation without failing", async () => {
    const https = { ...nhn.rule("grp", 443), remoteIpPrefix: "0.0.0.0/0" };
    await ctx().declare([group, declare(nhn, "SecurityGroupRule", "https", https)]);
    const up = await ctx().run("up", ...pack);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/\[advisory\].*world-rule-justification/);
  });

  it("keeps mandatory policies mandatory when configured with --policy-pack-config", async () => {
    const file = configFile({
      "no-admin-ports-from-world": { trustedSourceCidrs: ["198.51.100.0/24"] },
      "world-rule-justification": { justificationPattern: "[A-Z]+-\\d+" },
    });
    await ctx().declare([group, sshFromWorld("ssh-world")]);
    const preview = await ctx().run("preview", ...pack, "--policy-pack-config", file);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/\[mandatory\].*no-admin-ports-from-world/);
  });

  it("keeps mandatory policies mandatory when configured through the pack's own config file (SECGROUPS_POLICY_CONFIG)", async () => {
    process.env.SECGROUPS_POLICY_CONFIG = configFile({
      shared: { trustedSourceCidrs: ["198.51.100.0/24"] },
      "no-admin-ports-from-world": { adminSourceCidrs: ["198.51.100.10/32"] },
    });
    await ctx().declare([group, sshFromWorld("ssh-world")]);
    const preview = await ctx().run("preview", ...pack);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toMatch(/\[mandatory\].*no-admin-ports-from-world/);
  });

  it("runs the stack policy in preview: world exposure split across a group and its rule resources", async () => {
    process.env.SECGROUPS_POLICY_CONFIG = configFile({ shared: { judgeStandaloneRulesWithGroup: true } });
    await ctx().declare([group, sshFromWorld("ssh-world")]);
    const preview = await ctx().run("preview", ...pack);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).toContain("no-world-exposure-across-rules");
  });

  it("remediates when a policy is set to remediate: the deployed rule is narrowed", async () => {
    const file = configFile({ "no-admin-ports-from-world": { enforcementLevel: "remediate", adminSourceCidrs: ["198.51.100.10/32"] } });
    await ctx().declare([group, sshFromWorld("ssh-world")]);
    const up = await ctx().run("up", ...pack, "--policy-pack-config", file);
    expect(up.code).toBe(0);
    const api = nhn.api(ctx().emu);
    const [groupId] = (await ctx().stack.exportState()).resources.filter((r) => r.urn.endsWith("::grp")).map((r) => r.id!);
    const rules = await api.rules(groupId);
    expect(rules.map((r) => r.port)).toContain(22);
    const state = await ctx().stack.exportState();
    const ssh = state.resources.find((r) => r.urn.endsWith("::ssh-world"));
    expect(ssh?.outputs?.remoteIpPrefix).toBe("198.51.100.10/32");
  });
});
