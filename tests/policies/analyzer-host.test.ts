// The pack loaded by the real analyzer host (@pulumi/pulumi/cmd/run-policy-pack) and driven over gRPC.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerHost, Diagnostic, HostResource, UNKNOWN_WIRE, urnOf } from "../helpers/analyzer-host";
import { TOKENS } from "../../policies/type-tokens";
import { policies } from "../../policies/policy-list";

const describeOf = (name: string) => policies.find((p) => p.name === name)!.description;
const diag = (policy: string, level: Diagnostic["level"], message: string, urn = ""): Diagnostic => ({
  policy,
  level,
  message: `${describeOf(policy)}\n${message}`,
  urn,
});

const sshRule: HostResource = {
  type: TOKENS.nhnSecurityGroupRule,
  name: "ssh",
  props: {
    securityGroupId: "sg-1",
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: 22,
    portRangeMax: 22,
    remoteIpPrefix: "0.0.0.0/0",
  },
};

describe("analyzer host", () => {
  let host: AnalyzerHost;
  beforeAll(async () => {
    host = await AnalyzerHost.start();
  }, 120_000);
  afterAll(() => host?.close());

  it("GetAnalyzerInfo lists every policy with its level, severity and config schema with defaults", async () => {
    const info = await host.info();
    expect([info.name, info.version]).toEqual(["pulumi-secgroups", "0.1.0"]);
    expect(info.policies.map((p) => `${p.name}:${p.level}`)).toEqual(policies.map((p) => `${p.name}:${p.enforcementLevel}`));
    const admin = info.policies.find((p) => p.name === "no-admin-ports-from-world")!;
    expect(admin.schema.adminPorts.default).toEqual(["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"]);
    expect(admin.schema.exemptions.items.required).toEqual(["reason"]);
    expect(info.policies.filter((p) => p.level === "mandatory").map((p) => p.name)).toEqual([
      "no-admin-ports-from-world",
      "no-sensitive-ports-from-world",
      "no-all-ports-from-world",
      "scaleway-inbound-default-drop",
      "no-mixed-rule-management",
      "no-world-exposure-across-rules",
    ]);
    expect(info.initialConfig).toEqual({});
  });

  it("Analyze reports an SSH rule open to the world with the policies' levels and exact messages", async () => {
    expect(await host.analyze(sshRule)).toEqual([
      diag("no-admin-ports-from-world", "mandatory", "Admin ports are open to the world: tcp/22 (IPv4) via the rule."),
      diag(
        "only-authorized-public-ports",
        "advisory",
        "Ports outside authorizedPublicPorts are open to the world: tcp/22 (IPv4) via the rule.",
      ),
      diag("world-rule-justification", "advisory", "World-open rules lack a justification in their description: the rule (0.0.0.0/0)."),
    ]);
  });

  it("Analyze says once per resource that policies could not judge a value unknown at preview, instead of passing", async () => {
    const out = await host.analyze({ ...sshRule, props: { ...sshRule.props, remoteIpPrefix: UNKNOWN_WIRE } });
    // Not the other clouds' policies (genesis-ingress-world-open, no-shadowed-rules...), nor those that need no ingress value.
    const waiting = [
      "explicit-source-required",
      "ipv6-parity",
      "nhn-ipv4-only",
      "no-admin-ports-from-world",
      "no-all-ports-from-world",
      "no-broad-public-sources",
      "no-icmp-from-world",
      "no-sensitive-ports-from-world",
      "no-wide-port-ranges",
      "only-authorized-public-ports",
      "world-rule-justification",
    ];
    expect(out).toEqual([
      {
        policy: "values-known-at-preview",
        level: "advisory",
        urn: "",
        message: `can't run policy 'values-known-at-preview' from policy pack 'pulumi-secgroups@v0.1.0' during preview: string value at .remoteIpPrefix can't be known during preview; these policies judge the resource at pulumi up: ${waiting.join(", ")}`,
      },
    ]);
  });

  it("Analyze judges a resource whose unknown values change nothing a policy needs: ssh from the world with an unknown description is still blocked", async () => {
    const out = await host.analyze({ ...sshRule, props: { ...sshRule.props, description: UNKNOWN_WIRE } });
    expect(out).toEqual([
      diag("no-admin-ports-from-world", "mandatory", "Admin ports are open to the world: tcp/22 (IPv4) via the rule."),
      diag(
        "only-authorized-public-ports",
        "advisory",
        "Ports outside authorizedPublicPorts are open to the world: tcp/22 (IPv4) via the rule.",
      ),
      {
        policy: "values-known-at-preview",
        level: "advisory",
        urn: "",
        message:
          "can't run policy 'values-known-at-preview' from policy pack 'pulumi-secgroups@v0.1.0' during preview: string value at .description can't be known during preview; these policies judge the resource at pulumi up: world-rule-justification",
      },
    ]);
  });

  it("AnalyzeStack reports a group managed inline and by separate rule resources", async () => {
    const group: HostResource = { type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web", rules: [] } };
    const rule: HostResource = {
      ...sshRule,
      props: { ...sshRule.props, remoteIpPrefix: "10.0.0.0/8" },
      deps: { securityGroupId: ["web"] },
    };
    expect(await host.analyzeStack([group, rule])).toEqual([
      diag(
        "no-mixed-rule-management",
        "mandatory",
        "Security group web: it declares rules and is also targeted by separate rule resources ssh.",
        urnOf(group.type, "web"),
      ),
    ]);
  });

  it("AnalyzeStack joins rule resources to a group through propertyDependencies and reports world exposure split across them", async () => {
    const group: HostResource = { type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web" } };
    const half = (name: string, cidr: string): HostResource => ({
      ...sshRule,
      name,
      props: { ...sshRule.props, securityGroupId: UNKNOWN_WIRE, remoteIpPrefix: cidr },
      deps: { securityGroupId: ["web"] },
    });
    expect(await host.analyzeStack([group, half("a", "0.0.0.0/1"), half("b", "128.0.0.0/1")])).toEqual([
      diag(
        "no-world-exposure-across-rules",
        "mandatory",
        "Security group web (with a, b): admin ports are open to the world: tcp/22 (IPv4) via a, b.",
        urnOf(group.type, "web"),
      ),
    ]);
  });

  it("AnalyzeStack says the stack policy could not judge a rule whose group id is unknown and unlinked, after reporting the rest", async () => {
    const half = (name: string, sg: string, cidr: string): HostResource => ({
      ...sshRule,
      name,
      props: { ...sshRule.props, securityGroupId: sg, remoteIpPrefix: cidr },
    });
    const db: HostResource = { type: TOKENS.nhnSecurityGroup, name: "db", props: { id: "sg-2", name: "db" } };
    expect(
      await host.analyzeStack([
        { type: TOKENS.nhnSecurityGroup, name: "web", props: { name: "web" } },
        half("a", UNKNOWN_WIRE, "0.0.0.0/1"),
        db,
        half("c", "sg-2", "0.0.0.0/1"),
        half("d", "sg-2", "128.0.0.0/1"),
      ]),
    ).toEqual([
      diag(
        "no-world-exposure-across-rules",
        "mandatory",
        "Security group db (with c, d): admin ports are open to the world: tcp/22 (IPv4) via c, d.",
        urnOf(db.type, "db"),
      ),
      {
        policy: "no-world-exposure-across-rules",
        level: "advisory",
        urn: "",
        message:
          "can't run policy 'no-world-exposure-across-rules' from policy pack 'pulumi-secgroups@v0.1.0' during preview: string value at .securityGroupId can't be known during preview",
      },
    ]);
  });

  it("Configure applies a --policy-pack-config file: levels, per-policy settings, exemptions", async () => {
    await host.configure({
      "no-admin-ports-from-world": { enforcementLevel: "advisory", trustedSourceCidrs: [] },
      "only-authorized-public-ports": { authorizedPublicPorts: ["tcp/22"] },
      "world-rule-justification": { exemptions: [{ resource: "ss.*", reason: "bastion, INC-1", expires: "2020-01-31" }] },
      "scaleway-inbound-default-drop": "remediate",
    });
    expect(await host.analyze(sshRule)).toEqual([
      diag("no-admin-ports-from-world", "advisory", "Admin ports are open to the world: tcp/22 (IPv4) via the rule."),
      diag(
        "world-rule-justification",
        "advisory",
        'World-open rules lack a justification in their description: the rule (0.0.0.0/0). The exemption "bastion, INC-1" expired on 2020-01-31 and no longer applies.',
      ),
    ]);
  });

  it("Remediate sets Scaleway inboundDefaultPolicy to drop when the policy is configured to remediate", async () => {
    const sg: HostResource = { type: TOKENS.scalewaySecurityGroup, name: "scw", props: { name: "scw", stateful: true } };
    expect(await host.remediate(sg)).toEqual([
      { policy: "scaleway-inbound-default-drop", props: { name: "scw", stateful: true, inboundDefaultPolicy: "drop" } },
    ]);
  });
});

describe("analyzer host with a pack-level config file", () => {
  let host: AnalyzerHost;
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-pack-")), "pack-config.json");
  beforeAll(async () => {
    fs.writeFileSync(
      file,
      JSON.stringify({
        shared: { trustedSourceCidrs: ["203.0.113.0/24"] },
        "no-admin-ports-from-world": { adminSourceCidrs: ["203.0.113.10/32"] },
      }),
    );
    host = await AnalyzerHost.start(undefined, { SECGROUPS_POLICY_CONFIG: file });
  }, 120_000);
  afterAll(() => host?.close());

  it("turns the shared block into initialConfig for every policy that declares the key", async () => {
    const { initialConfig } = await host.info();
    // Each entry carries its policy's own level: the engine reads a missing one as advisory and lets it override the default.
    const expected: Record<string, { level: string; trustedSourceCidrs: string[]; adminSourceCidrs?: string[] }> = Object.fromEntries(
      policies
        .filter((p) => p.configSchema?.properties?.trustedSourceCidrs)
        .map((p) => [p.name, { level: p.enforcementLevel!, trustedSourceCidrs: ["203.0.113.0/24"] }]),
    );
    expected["no-admin-ports-from-world"] = {
      level: "mandatory",
      trustedSourceCidrs: ["203.0.113.0/24"],
      adminSourceCidrs: ["203.0.113.10/32"],
    };
    expect(initialConfig).toEqual(expected);
  });
});
