import { startEmulator } from "../emulator";
import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../provider/genesiscloud/provider";
import { TOKENS } from "../provider/core/type-tokens";
import { ProviderHost, serializedProvider, urnOf } from "../emulator/engine/provider-host";
import { countCalls, figure, timed } from "./measure";
import { inlineChangeFigures } from "./inline-scale";
import { ruleBurstFigure } from "./rule-burst";

const LATENCY_MS = 20;
const SETTLE_MS = 200;
const POLL_MS = 50;
const CONCURRENT = 50;

const POST = "POST /compute/v1/security-groups";
const GET_ONE = "GET /compute/v1/security-groups/:id";
const PATCH = "PATCH /compute/v1/security-groups/:id";
const DELETE = "DELETE /compute/v1/security-groups/:id";

const tcp = (port: number) => ({ protocol: "tcp", direction: "ingress", portRangeMin: port, portRangeMax: port });

/**
 * Calls and polls of one operation. Reads of a group by id are status polls, except the one re-read that
 * precedes each rule-list write (read-modify-write), which is a call.
 */
function split(byRoute: Record<string, number>, rereads = 0) {
  const gets = byRoute[GET_ONE] ?? 0;
  const calls = (byRoute[POST] ?? 0) + (byRoute[PATCH] ?? 0) + (byRoute[DELETE] ?? 0) + rereads;
  return { calls, polls: gets - rereads };
}

/**
 * Genesis Cloud: API calls per operation against the minimum (status polls counted apart), and 50 rule
 * resources on one group created and deleted concurrently: calls and wall time with 20 ms latency and a
 * 200 ms settle delay, against the minimum (one re-read, one write, the settle and one poll).
 */
export async function runGenesiscloudBench(): Promise<string[]> {
  const emulator = await startEmulator({ clouds: ["genesiscloud"], settings: { "genesiscloud.settleMs": String(SETTLE_MS) } });
  const cloud = emulator.clouds.genesiscloud;
  Object.assign(process.env, {
    GENESISCLOUD_ENDPOINT: cloud.url,
    GENESISCLOUD_TOKEN: "demo-token",
    GENESISCLOUD_POLL_INTERVAL_MS: String(POLL_MS),
    SECGROUPS_QUIET: "1",
  });
  const lines: string[] = [];
  const both = (name: string, m: { calls: number; polls: number }, minCalls: number, minPolls: number) => {
    lines.push(figure(`genesiscloud ${name}: API calls`, m.calls, minCalls));
    if (minPolls > 0) lines.push(figure(`genesiscloud ${name}: status polls`, m.polls, minPolls));
  };
  try {
    const ports = Array.from({ length: 50 }, (_, i) => 10_000 + i);
    const inputs = { name: "bench", description: "", rules: ports.map(tcp) };
    const changed = { ...inputs, rules: ports.map((p, i) => tcp(i === 7 ? 9999 : p)) };

    const create = await countCalls(emulator, "genesiscloud", () => groups.create(inputs));
    both("create group with 50 rules", split(create.byRoute), 1, 1);
    const { id, outs } = create.result;
    const change = await countCalls(emulator, "genesiscloud", () => groups.update!(id, outs, changed));
    both("change one rule", split(change.byRoute), 1, 1);
    const refresh = await countCalls(emulator, "genesiscloud", () => groups.read!(id, change.result.outs!));
    lines.push(figure("genesiscloud refresh: API calls", refresh.calls, 1));
    const remove = await countCalls(emulator, "genesiscloud", () => groups.delete!(id, refresh.result.props));
    both("delete group (until 404)", split(remove.byRoute), 1, 1);

    const managed = await groups.create({ name: "managed", description: "" });
    const one = await countCalls(emulator, "genesiscloud", () => rules.create({ securityGroupId: managed.id, ...tcp(22) }));
    both("add one rule resource", split(one.byRoute, one.byRoute[PATCH] ?? 0), 2, 1);

    // 50 rule resources at once through the real dynamic-provider host, as `pulumi up` sends them over gRPC.
    const host = await ProviderHost.start({ cwd: process.cwd() });
    try {
      await host.configure({});
      const text = await serializedProvider("genesiscloud:SecurityGroupRule");
      const urn = (i: number) => urnOf(TOKENS.genesiscloudSecurityGroupRule, `r${i}`);
      const many = Array.from({ length: CONCURRENT }, (_, i) => ({ __provider: text, securityGroupId: managed.id, ...tcp(20_000 + i) }));
      await host.create(urn(-1), { __provider: text, securityGroupId: managed.id, ...tcp(19_999) });
      cloud.latencyMs = LATENCY_MS;
      const floor = 3 * LATENCY_MS + SETTLE_MS;
      const adds = await countCalls(emulator, "genesiscloud", () => timed(() => Promise.all(many.map((r, i) => host.create(urn(i), r)))));
      both(`${CONCURRENT} concurrent rule resources created (real host)`, split(adds.byRoute, adds.byRoute[PATCH] ?? 0), 2, 1);
      lines.push(
        figure(
          `genesiscloud ${CONCURRENT} concurrent rule resources created (real host), ${LATENCY_MS} ms latency, ${SETTLE_MS} ms settle: wall ms`,
          adds.result.ms,
          floor,
        ),
      );
      const created = adds.result.result;
      const dels = await countCalls(emulator, "genesiscloud", () =>
        timed(() => Promise.all(created.map((c, i) => host.delete(urn(i), c.id, c.outs)))),
      );
      both(`${CONCURRENT} concurrent rule resources deleted (real host)`, split(dels.byRoute, dels.byRoute[PATCH] ?? 0), 2, 1);
      lines.push(
        figure(
          `genesiscloud ${CONCURRENT} concurrent rule resources deleted (real host), ${LATENCY_MS} ms latency, ${SETTLE_MS} ms settle: wall ms`,
          dels.result.ms,
          floor,
        ),
      );
      lines.push(
        figure(
          `genesiscloud ${CONCURRENT} rule writes one after another (no batching) would take at least: wall ms`,
          CONCURRENT * floor,
          floor,
        ),
      );
    } finally {
      host.close();
    }
    cloud.latencyMs = 0;
    // One PATCH, the settle time, and one read that finds the group settled.
    lines.push(
      ...(await inlineChangeFigures({
        cloud: "genesiscloud",
        emulator,
        kind: "genesiscloud:SecurityGroup",
        token: TOKENS.genesiscloudSecurityGroup,
        group: { name: "inline-bench", description: "" },
        rule: (i, changed) => tcp(changed ? 60_000 : 10_000 + i),
        apiMinimumMs: (latency) => 2 * latency + SETTLE_MS,
      })),
    );
    // 500 rule resources: one re-read, one write, one status poll and the settle wait, as for 50.
    lines.push(
      await ruleBurstFigure({
        label: "genesiscloud",
        kind: "genesiscloud:SecurityGroupRule",
        token: TOKENS.genesiscloudSecurityGroupRule,
        server: cloud,
        newGroup: async () => (await groups.create({ name: "burst", description: "" })).id,
        rule: (securityGroupId, i) => ({ securityGroupId, ...tcp(20_000 + i) }),
        roundTrips: 3,
        extraMs: SETTLE_MS,
      }),
    );
  } finally {
    await emulator.close();
  }
  return lines;
}
