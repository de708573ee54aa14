import { startEmulator } from "../emulator";
import { securityGroupProvider as groups } from "../provider/huaweicloud/provider";
import { securityGroupProvider as novaGroups } from "../provider/huaweicloud/nova/provider";
import { TOKENS } from "../provider/core/type-tokens";
import { maxConcurrentRequests } from "../provider/core/http";
import { countCalls, figure, latencyFigures, stateBytesFigures } from "./measure";
import { inlineChangeFigures } from "./inline-scale";
import { ruleBurstFigure } from "./rule-burst";

function ruleSet(n: number, changedIndex = -1) {
  return Array.from({ length: n }, (_, i) => ({
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    multiport: String(10_000 + i),
    action: "allow",
    priority: 1,
    remoteIpPrefix: i === changedIndex ? "10.99.0.0/16" : "10.0.0.0/8",
    remoteGroupId: null,
    remoteAddressGroupId: null,
    description: "",
  }));
}

/** The two egress rules every new VPC v3 group has; declaring them keeps them (the two ingress defaults name the new group and cannot be declared in advance). */
const egressDefaults = (["IPv4", "IPv6"] as const).map((ethertype) => ({
  direction: "egress",
  ethertype,
  protocol: null,
  multiport: null,
  action: "allow",
  priority: 100,
  remoteIpPrefix: ethertype === "IPv4" ? "0.0.0.0/0" : "::/0",
  remoteGroupId: null,
  remoteAddressGroupId: null,
  description: "",
}));

/**
 * Huawei Cloud: API calls per operation on a group with 50 rules against the minimum VPC v3 allows
 * (one batch-create per 200 rules, no batch delete), wall time with 20 ms latency, and state bytes.
 */
export async function runHuaweicloudBench(): Promise<string[]> {
  // The 500-rule bursts make 4,000 rules in one project: above the default quota of 3,000.
  const emulator = await startEmulator({ clouds: ["huaweicloud", "huaweicloudNova"], settings: { "huaweicloud.quota.rules": "10000" } });
  const ep = emulator.describe().huaweicloud as { url: string; accessKey: string; secretKey: string; projectId: string };
  Object.assign(process.env, {
    HW_ACCESS_KEY: ep.accessKey,
    HW_SECRET_KEY: ep.secretKey,
    HW_PROJECT_ID: ep.projectId,
    HUAWEICLOUD_VPC_ENDPOINT: ep.url,
    HUAWEICLOUD_ECS_ENDPOINT: emulator.clouds.huaweicloudNova.url,
    SECGROUPS_QUIET: "1",
  });
  const lines: string[] = [];
  try {
    const inputs = { name: "bench", description: "", deleteDefaultRules: false, rules: ruleSet(50) };
    const withDefaults = { ...inputs, rules: [...ruleSet(48), ...egressDefaults] };
    const changed = { ...inputs, rules: ruleSet(50, 7) };

    // 1 POST group + 1 batch-create; the 2 egress defaults are kept, the 2 ingress defaults deleted.
    const lean = await countCalls(emulator, "huaweicloud", () => groups.create(withDefaults));
    lines.push(figure("huaweicloud create group with 50 rules incl. the egress defaults: API calls", lean.calls, 4));
    const create = await countCalls(emulator, "huaweicloud", () => groups.create(inputs));
    lines.push(figure("huaweicloud create group with 50 rules (4 defaults to delete): API calls", create.calls, 6));
    lines.push(
      figure(
        "huaweicloud create group with 50 rules: creating calls (group + batch-create)",
        (create.byRoute["POST /v3/:project/vpc/security-groups"] ?? 0) +
          (create.byRoute["POST /v3/:project/vpc/security-groups/:id/security-group-rules/batch-create"] ?? 0),
        2,
      ),
    );
    const { id, outs } = create.result;
    const change = await countCalls(emulator, "huaweicloud", () => groups.update!(id, outs, changed));
    lines.push(figure("huaweicloud change one rule: API calls", change.calls, 2));
    const refresh = await countCalls(emulator, "huaweicloud", () => groups.read!(id, change.result.outs!));
    lines.push(figure("huaweicloud refresh: API calls", refresh.calls, 1));
    const remove = await countCalls(emulator, "huaweicloud", () => groups.delete!(id, refresh.result.props));
    lines.push(figure("huaweicloud delete: API calls", remove.calls, 1));

    const novaRules = Array.from({ length: 10 }, (_, i) => ({
      ipProtocol: "tcp",
      fromPort: 9000 + i,
      toPort: 9000 + i,
      cidr: "10.0.0.0/8",
      groupId: null,
    }));
    const nova = await countCalls(emulator, "huaweicloudNova", () =>
      novaGroups.create({ name: "bench", description: "", rules: novaRules }),
    );
    // Nova: 1 create + 1 rule create per rule (no bulk); the provider also lists groups once (name check after a lost answer).
    lines.push(figure("huaweicloud/nova create group with 10 rules: API calls", nova.calls, 11));

    // Group create, then the batch-create and the default-rule deletes together: 2 round trips.
    lines.push(...(await latencyFigures("huaweicloud", emulator.clouds.huaweicloud, groups, inputs, changed, 2)));
    // Check's dry runs (one batch-create dry run per 200 rules, in parallel), then the batch-creates: 2 round trips.
    lines.push(
      await ruleBurstFigure({
        label: "huaweicloud",
        kind: "huaweicloud:SecurityGroupRule",
        token: TOKENS.huaweicloudSecurityGroupRule,
        server: emulator.clouds.huaweicloud,
        newGroup: async () => (await groups.create({ name: "burst", description: "", deleteDefaultRules: false })).id,
        rule: (securityGroupId, i) => ({
          securityGroupId,
          direction: "ingress",
          protocol: "tcp",
          multiport: String(20_000 + i),
          remoteIpPrefix: "10.0.0.0/8",
        }),
        roundTrips: 2,
      }),
    );
    // Nova has no bulk rule create: one POST per rule. The floor is what that allows at the provider's requests in
    // flight per endpoint (secgroups:maxConcurrentRequests, default 8): ceil(500 / 8) = 63 round trips one after another.
    lines.push(
      await ruleBurstFigure({
        label: "huaweicloud/nova",
        kind: "huaweicloud/nova:SecurityGroupRule",
        token: TOKENS.huaweicloudNovaSecurityGroupRule,
        server: emulator.clouds.huaweicloudNova,
        newGroup: async () => (await novaGroups.create({ name: "burst", description: "burst" })).id,
        rule: (parentGroupId, i) => ({ parentGroupId, ipProtocol: "tcp", fromPort: 20_000 + i, toPort: 20_000 + i, cidr: "10.0.0.0/8" }),
        roundTrips: Math.ceil(500 / maxConcurrentRequests()),
      }),
    );
    lines.push(
      ...(await stateBytesFigures([
        "huaweicloud:SecurityGroup",
        "huaweicloud:SecurityGroupRule",
        "huaweicloud/nova:SecurityGroup",
        "huaweicloud/nova:SecurityGroupRule",
        "huaweicloud/nova:ServerSecurityGroup",
      ])),
    );
    // Delete one rule and batch-create its replacement, in parallel: one round trip.
    lines.push(
      ...(await inlineChangeFigures({
        cloud: "huaweicloud",
        emulator,
        kind: "huaweicloud:SecurityGroup",
        token: TOKENS.huaweicloudSecurityGroup,
        group: { name: "inline-bench", description: "" },
        rule: (i, changed) => ruleSet(i + 1, changed ? i : -1)[i],
        apiMinimumMs: (latency) => latency,
      })),
    );
  } finally {
    await emulator.close();
  }
  return lines;
}
