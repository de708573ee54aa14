// The pack configured as the engine configures it (engine-config.ts: GetAnalyzerInfo -> reconcile ->
// Configure), with the pack config file of policies/README.md: mandatory policies stay mandatory, and
// bad values are refused when the pack is configured, naming the policy, the key and the value.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AnalyzerHost, HostResource } from "../helpers/analyzer-host";
import { TOKENS } from "../../policies/type-tokens";
import { COMMUNITY_TOKENS as C } from "../../policies/engine/normalise";
import { policies } from "../../policies/policy-list";
import { initialConfigFromInfo, parsePolicyConfigs, reconcile, toConfigureRequest } from "./engine-config";

/** The first JSON block of policies/README.md with a "shared" block and exemptions: the documented pack config. */
function readmePackConfig(): Record<string, unknown> {
  const readme = fs.readFileSync(path.join(__dirname, "../../policies/README.md"), "utf8");
  const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
    .map((m) => m[1])
    .find((b) => b.includes('"shared"') && b.includes('"exemptions"'));
  return JSON.parse(block!);
}

const writeConfig = (content: unknown): string => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "secgroups-pack-")), "pack-config.json");
  fs.writeFileSync(file, JSON.stringify(content));
  return file;
};

const neutron = (port: number, cidr: string, extra: Record<string, unknown> = {}) => ({
  direction: "ingress",
  ethertype: cidr.includes(":") ? "IPv6" : "IPv4",
  protocol: "tcp",
  portRangeMin: port,
  portRangeMax: port,
  remoteIpPrefix: cidr,
  ...extra,
});
const hw = (ports: string, cidr: string, protocol = "tcp") => ({
  direction: "ingress",
  ethertype: "IPv4",
  protocol,
  multiport: ports,
  remoteIpPrefix: cidr,
  action: "allow",
  priority: 1,
});
const scw = (port: number) => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange: "0.0.0.0/0",
  destPortFrom: port,
  position: 1,
});

/** Risky resources whose values are known and that a single resource shows: the pack must block each at preview. */
const RISKY: HostResource[] = [
  { type: TOKENS.nhnSecurityGroupRule, name: "nhn-ssh", props: { securityGroupId: "sg", ...neutron(22, "0.0.0.0/0") } },
  { type: TOKENS.nhnSecurityGroupRule, name: "nhn-rdp-v6", props: { securityGroupId: "sg", ...neutron(3389, "::/0") } },
  {
    type: TOKENS.nhnSecurityGroupRule,
    name: "nhn-any-host-bits",
    props: { securityGroupId: "sg", direction: "ingress", remoteIpPrefix: "1.2.3.4/0" },
  },
  { type: TOKENS.nhnSecurityGroupRule, name: "nhn-es-v6", props: { securityGroupId: "sg", ...neutron(9200, "::/0") } },
  { type: TOKENS.openstackSecurityGroupRule, name: "os-ssh", props: { securityGroupId: "sg", ...neutron(22, "0.0.0.0/0") } },
  { type: C.openstackSecGroupRule, name: "osc-mysql", props: { securityGroupId: "sg", ...neutron(3306, "0.0.0.0/0") } },
  { type: TOKENS.nhnSecurityGroup, name: "nhn-pg", props: { name: "g", rules: [neutron(5432, "0.0.0.0/0")] } },
  { type: C.openstackSecGroup, name: "osc-docker", props: { name: "g", rules: [neutron(2375, "0.0.0.0/0")] } },
  { type: TOKENS.huaweicloudSecurityGroup, name: "hw-ssh", props: { name: "g", rules: [hw("22", "0.0.0.0/0")] } },
  { type: TOKENS.huaweicloudSecurityGroup, name: "hw-telnet-range", props: { name: "g", rules: [hw("20-30", "0.0.0.0/0")] } },
  {
    type: TOKENS.huaweicloudSecurityGroup,
    name: "hw-all",
    props: { name: "g", rules: [{ direction: "ingress", protocol: "any", remoteIpPrefix: "0.0.0.0/0", priority: 1 }] },
  },
  { type: TOKENS.huaweicloudSecurityGroup, name: "hw-snmp", props: { name: "g", rules: [hw("161", "0.0.0.0/0", "udp")] } },
  {
    type: TOKENS.huaweicloudNovaSecurityGroupRule,
    name: "nova-rdp",
    props: { parentGroupId: "sg", ipProtocol: "tcp", fromPort: 3389, toPort: 3389 },
  },
  {
    type: TOKENS.huaweicloudNovaSecurityGroupRule,
    name: "nova-all-ports",
    props: { parentGroupId: "sg", ipProtocol: "tcp", fromPort: 1, toPort: 65535, cidr: "0.0.0.0/0" },
  },
  {
    type: TOKENS.huaweicloudNovaSecurityGroup,
    name: "nova-mongo",
    props: { name: "g", description: "g", rules: [{ ipProtocol: "tcp", fromPort: 27017, toPort: 27017, cidr: "0.0.0.0/0" }] },
  },
  { type: TOKENS.scalewaySecurityGroup, name: "scw-default-accept", props: { name: "g" } },
  { type: TOKENS.scalewaySecurityGroup, name: "scw-ssh", props: { name: "g", inboundDefaultPolicy: "drop", rules: [scw(22)] } },
  {
    type: C.scalewaySecurityGroup,
    name: "scwc-redis",
    props: { inboundDefaultPolicy: "drop", inboundRules: [{ action: "accept", protocol: "TCP", port: 6379, ipRange: "0.0.0.0/0" }] },
  },
  {
    type: TOKENS.genesiscloudSecurityGroup,
    name: "gen-ssh",
    props: { name: "g", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22, portRangeMax: 22 }] },
  },
  {
    type: TOKENS.genesiscloudSecurityGroupRule,
    name: "gen-pg",
    props: { securityGroupId: "sg", direction: "ingress", protocol: "tcp", portRangeMin: 5432, portRangeMax: 5432 },
  },
  { type: C.genesisSecurityGroup, name: "genc-all", props: { name: "g", rules: [{ direction: "ingress", protocol: "all" }] } },
];

async function blocked(host: AnalyzerHost): Promise<string[]> {
  const out: string[] = [];
  for (const r of RISKY) if ((await host.analyze(r)).some((d) => d.level === "mandatory")) out.push(r.name);
  return out;
}

describe("the pack configured through the engine's reconciliation, with the README's pack config file", () => {
  let host: AnalyzerHost;
  beforeAll(async () => {
    host = await AnalyzerHost.start(undefined, { SECGROUPS_POLICY_CONFIG: writeConfig(readmePackConfig()) });
  }, 120_000);
  afterAll(() => host?.close());

  it("every policy keeps its own enforcement level", async () => {
    const info = await host.info();
    const { config, errors } = reconcile(info.policies, initialConfigFromInfo(info.initialConfig));
    expect(errors).toEqual([]);
    expect(Object.fromEntries(Object.entries(config).map(([k, v]) => [k, v.level]))).toEqual(
      Object.fromEntries(policies.map((p) => [p.name, p.enforcementLevel])),
    );
    expect(config["no-admin-ports-from-world"].properties).toMatchObject({
      trustedSourceCidrs: ["198.51.100.0/24"],
      adminSourceCidrs: ["198.51.100.10/32"],
    });
  });

  it(`blocks all ${RISKY.length} risky resources at preview (mandatory)`, async () => {
    const info = await host.info();
    await host.configure(toConfigureRequest(reconcile(info.policies, initialConfigFromInfo(info.initialConfig)).config));
    expect(await blocked(host)).toEqual(RISKY.map((r) => r.name));
  });

  it("a --policy-pack-config level still overrides the pack config (and 'all' every policy)", async () => {
    const info = await host.info();
    const file = parsePolicyConfigs({ all: "advisory", "no-admin-ports-from-world": "mandatory" });
    const { config } = reconcile(info.policies, initialConfigFromInfo(info.initialConfig), file);
    expect([config["no-admin-ports-from-world"].level, config["no-sensitive-ports-from-world"].level]).toEqual(["mandatory", "advisory"]);
    expect(config["no-admin-ports-from-world"].properties).toMatchObject({ trustedSourceCidrs: ["198.51.100.0/24"] });
  });

  it("the engine refuses a --policy-pack-config with a bad CIDR or port spec, naming the policy and the key", async () => {
    const info = await host.info();
    const file = parsePolicyConfigs({
      "no-admin-ports-from-world": { trustedSourceCidrs: ["10.0.0.0/33"] },
      "no-sensitive-ports-from-world": { sensitivePorts: ["tcp/70000"] },
      "only-authorized-public-ports": { authorizedPublicPorts: ["https"] },
    });
    const { errors } = reconcile(info.policies, initialConfigFromInfo(info.initialConfig), file);
    expect(errors.map((e) => e.replace(/ '.*'$/, ""))).toEqual([
      "no-admin-ports-from-world: trustedSourceCidrs.0: Does not match pattern",
      "no-sensitive-ports-from-world: sensitivePorts.0: Does not match pattern",
      "only-authorized-public-ports: authorizedPublicPorts.0: Does not match pattern",
    ]);
  });
});

describe("a pack config file with a bad value", () => {
  it.each<[string, unknown, string]>([
    [
      "a CIDR with prefix /33 in the shared block",
      { shared: { trustedSourceCidrs: ["198.51.100.0/24", "10.0.0.0/33"] } },
      'invalid configuration of the pack config\'s shared block: trustedSourceCidrs[1] = "10.0.0.0/33": expected an IPv4 or IPv6 address or CIDR',
    ],
    [
      "a port name in a policy block",
      { "no-admin-ports-from-world": { adminPorts: ["ssh"] } },
      'invalid configuration of policy no-admin-ports-from-world: adminPorts[0] = "ssh": expected tcp/22, udp/53 or tcp/27017-27019',
    ],
  ])(
    "stops the pack at start: %s",
    async (_t, content, message) => {
      const outcome = await AnalyzerHost.start(undefined, { SECGROUPS_POLICY_CONFIG: writeConfig(content) }).then(
        (h) => {
          h.close();
          return "the pack started";
        },
        (e: Error) => e.message,
      );
      expect(outcome).toContain(message);
    },
    120_000,
  );
});
