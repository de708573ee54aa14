import type * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../emulator";
import { providers as nhn } from "../provider/nhn/provider";
import { providers as openstack } from "../provider/openstack/provider";
import { TOKENS } from "../provider/core/type-tokens";
import { countCalls, figure, latencyFigures, stateBytesFigures } from "./measure";
import { inlineChangeFigures } from "./inline-scale";
import { ruleBurstFigure } from "./rule-burst";

function ruleSet(n: number, changedIndex = -1, v6 = false) {
  return Array.from({ length: n }, (_, i) => ({
    direction: "ingress",
    ethertype: v6 && i % 2 ? "IPv6" : "IPv4",
    protocol: "tcp",
    portRangeMin: 10_000 + i,
    portRangeMax: 10_000 + i,
    remoteIpPrefix: v6 && i % 2 ? (i === changedIndex ? "fd99::/16" : "fd00::/8") : i === changedIndex ? "10.99.0.0/16" : "10.0.0.0/8",
    remoteGroupId: null,
    description: "",
  }));
}

interface Profile {
  cloud: "nhn" | "openstack";
  groups: pulumi.dynamic.ResourceProvider;
  signIn: string[];
  env: (url: string, describe: Record<string, string>) => Record<string, string>;
  v6: boolean;
  /** The burst of 500 rule resources through the real host (one bulk POST is one round trip). */
  burstToken?: string;
}

/**
 * A Neutron profile: API calls per operation on a group with 50 rules against the minimum Neutron allows,
 * wall time with 20 ms of emulator latency against the latency-bound minimum, and state bytes.
 */
async function runNeutronBench(p: Profile): Promise<string[]> {
  const emulator = await startEmulator({ clouds: [p.cloud] });
  const url = emulator.clouds[p.cloud].url;
  Object.assign(process.env, p.env(url, emulator.describe()[p.cloud] as Record<string, string>), { SECGROUPS_QUIET: "1" });
  const lines: string[] = [];
  const groups = p.groups;
  try {
    const inputs = { name: "bench", description: "", deleteDefaultRules: false, rules: ruleSet(50, -1, p.v6) };
    const changed = { ...inputs, rules: ruleSet(50, 7, p.v6) };

    // Calls: POST group + one bulk POST of 50 rules + DELETE of the 2 default egress rules (NHN adds one GET
    // of the same-named groups first: its answers have no creation time to recognise a lost create by).
    const create = await countCalls(emulator, p.cloud, () => groups.create(inputs), p.signIn);
    lines.push(figure(`${p.cloud} create group with 50 rules: API calls`, create.calls, 4));
    const { id, outs } = create.result;
    const change = await countCalls(emulator, p.cloud, () => groups.update!(id, outs, changed), p.signIn);
    lines.push(figure(`${p.cloud} change one rule: API calls`, change.calls, 2));
    const refresh = await countCalls(emulator, p.cloud, () => groups.read!(id, change.result.outs!), p.signIn);
    lines.push(figure(`${p.cloud} refresh: API calls`, refresh.calls, 1));
    const remove = await countCalls(emulator, p.cloud, () => groups.delete!(id, refresh.result.props), p.signIn);
    lines.push(figure(`${p.cloud} delete: API calls`, remove.calls, 1));

    // Group create, then the bulk create and the default-rule deletes together: 2 round trips.
    lines.push(...(await latencyFigures(p.cloud, emulator.clouds[p.cloud], groups, inputs, changed, 2)));
    lines.push(...(await stateBytesFigures([`${p.cloud}:SecurityGroup`, `${p.cloud}:SecurityGroupRule`])));
    if (p.cloud === "nhn") {
      // Delete one rule and create its replacement, in parallel: one round trip.
      lines.push(
        ...(await inlineChangeFigures({
          cloud: p.cloud,
          emulator,
          kind: `${p.cloud}:SecurityGroup`,
          token: TOKENS.nhnSecurityGroup,
          group: { name: "inline-bench", description: "", deleteDefaultRules: false },
          rule: (i, changed) => ({
            ...ruleSet(1)[0],
            portRangeMin: 10_000 + i,
            portRangeMax: 10_000 + i,
            ...(changed ? { remoteIpPrefix: "10.99.0.0/16" } : {}),
          }),
          apiMinimumMs: (latency) => latency,
        })),
      );
    }
    if (p.burstToken) {
      lines.push(
        await ruleBurstFigure({
          label: p.cloud,
          kind: `${p.cloud}:SecurityGroupRule`,
          token: p.burstToken,
          server: emulator.clouds[p.cloud],
          newGroup: async () => (await groups.create({ name: "burst", description: "", deleteDefaultRules: false })).id,
          rule: (securityGroupId, i) => ({
            securityGroupId,
            direction: "ingress",
            ethertype: "IPv4",
            protocol: "tcp",
            portRangeMin: 20_000 + i,
            portRangeMax: 20_000 + i,
            remoteIpPrefix: "10.0.0.0/8",
          }),
          roundTrips: 1,
        }),
      );
    }
  } finally {
    await emulator.close();
  }
  return lines;
}

/** NHN Cloud (Keystone v2.0, IPv4 rules). */
export function runNhnBench(): Promise<string[]> {
  return runNeutronBench({
    cloud: "nhn",
    groups: nhn.SecurityGroup,
    signIn: ["POST /v2.0/tokens"],
    env: (url) => ({ OS_AUTH_URL: `${url}/v2.0`, OS_TENANT_ID: "demo-tenant", OS_USERNAME: "demo", OS_PASSWORD: "demo-password" }),
    v6: false,
    burstToken: TOKENS.nhnSecurityGroupRule,
  });
}

/** Any OpenStack cloud (Keystone v3; half the rules IPv6). */
export function runOpenstackBench(): Promise<string[]> {
  return runNeutronBench({
    cloud: "openstack",
    groups: openstack.SecurityGroup,
    signIn: ["POST /v3/auth/tokens"],
    env: (_url, d) => ({
      OS_AUTH_URL: d.authUrl,
      OS_USERNAME: d.username,
      OS_PASSWORD: d.password,
      OS_PROJECT_ID: d.projectId,
      OS_USER_DOMAIN_NAME: d.userDomainName,
      OS_REGION_NAME: d.region,
    }),
    v6: true,
  });
}
