// API calls and wall time of the Scaleway provider against the emulator, against the minimum the Instance API allows.
import { startEmulator } from "../emulator";
import { securityGroupProvider as groups, securityGroupRuleProvider as rules } from "../provider/scaleway/provider";
import { TOKENS } from "../provider/core/type-tokens";
import { ruleBurstFigure } from "./rule-burst";
import { countCalls, figure, timed } from "./measure";
import { inlineChangeFigures } from "./inline-scale";

const N = 50;
const LATENCY_MS = 20;
const PARALLEL_RULES = 16;

const rule = (i: number, port = 1000 + i) => ({
  protocol: "TCP",
  direction: "inbound",
  action: "accept",
  ipRange: `10.${i}.0.0/16`,
  destPortFrom: port,
});

async function checked(news: Record<string, unknown>, provider = groups): Promise<Record<string, any>> {
  const res = await provider.check!({}, news);
  if (res.failures?.length) throw new Error(`bench inputs rejected: ${JSON.stringify(res.failures)}`);
  return res.inputs;
}

/** `name: measured / minimum = ratio` lines for the Scaleway provider. */
export async function runScalewayBench(): Promise<string[]> {
  const emulator = await startEmulator({ clouds: ["scaleway"], settings: { "scaleway.syncMs": "0", "scaleway.quota.rules": "2000" } });
  const d = emulator.describe().scaleway as { url: string; secretKey: string; projectId: string; zone: string };
  const vars: Record<string, string> = {
    SCW_API_URL: d.url,
    SCW_SECRET_KEY: d.secretKey,
    SCW_DEFAULT_PROJECT_ID: d.projectId,
    SCW_DEFAULT_ZONE: d.zone,
    SECGROUPS_QUIET: "1",
  };
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  const calls = <T>(op: () => Promise<T>) => countCalls(emulator, "scaleway", op);
  try {
    const lines: string[] = [];
    const inputs = await checked({ name: "bench", rules: Array.from({ length: N }, (_, i) => rule(i)) });
    const created = await calls(() => groups.create(inputs));
    const { id, outs } = created.result;
    lines.push(figure(`scaleway create a group with ${N} inline rules`, created.calls, 2, "API calls"));

    const oneChanged = await checked({ name: "bench", rules: Array.from({ length: N }, (_, i) => rule(i, i === 25 ? 9999 : 1000 + i)) });
    const changed = await calls(() => groups.update!(id, outs, oneChanged));
    lines.push(figure(`scaleway change one of ${N} inline rules`, changed.calls, 1, "API calls"));

    const before = changed.result.outs!.securityGroupRules as { id: string }[];
    const inserted = [...(oneChanged.rules as unknown[])];
    inserted.splice(10, 0, (await checked({ name: "x", rules: [rule(200)] })).rules[0]);
    const insert = await calls(() => groups.update!(id, changed.result.outs!, { ...oneChanged, rules: inserted }));
    const after = new Set((insert.result.outs!.securityGroupRules as { id: string }[]).map((r) => r.id));
    lines.push(figure(`scaleway insert one rule in the middle of ${N}`, insert.calls, 1, "API calls"));
    lines.push(
      figure(
        `scaleway rule ids kept when inserting one rule in the middle of ${N}`,
        before.filter((r) => after.has(r.id)).length,
        N,
        "rules",
      ),
    );

    const fields = await calls(() =>
      groups.update!(id, insert.result.outs!, { ...oneChanged, rules: inserted, inboundDefaultPolicy: "drop" }),
    );
    lines.push(figure("scaleway change a group field", fields.calls, 1, "API calls"));
    const refresh = await calls(() => groups.read!(id, insert.result.outs!));
    lines.push(figure(`scaleway refresh a group with ${N + 1} rules`, refresh.calls, 2, "API calls"));
    const removed = await calls(() => groups.delete!(id, insert.result.outs!));
    lines.push(figure("scaleway delete a group", removed.calls, 1, "API calls"));

    // 500 separate rule resources at once: one read and one PUT /rules (2 round trips); the floor counts the
    // API's own minimum, 500 POSTs all at once (1 round trip).
    lines.push(
      await ruleBurstFigure({
        label: "scaleway",
        kind: "scaleway:SecurityGroupRule",
        token: TOKENS.scalewaySecurityGroupRule,
        server: emulator.clouds.scaleway,
        newGroup: async () => (await groups.create(await checked({ name: "burst", inboundDefaultPolicy: "drop" }))).id,
        rule: (securityGroupId, i) => ({ securityGroupId, ...rule(i % 250, 20_000 + i) }),
        roundTrips: 1,
      }),
    );

    emulator.clouds.scaleway.latencyMs = LATENCY_MS;
    const slow = await timed(() => groups.create(inputs));
    lines.push(
      figure(`scaleway create a group with ${N} inline rules, latency ${LATENCY_MS} ms`, Math.round(slow.ms), 2 * LATENCY_MS, "ms"),
    );
    const sg = slow.result.id;
    const ruleInputs = await Promise.all(
      Array.from({ length: PARALLEL_RULES }, (_, i) => checked({ securityGroupId: sg, ...rule(100 + i) }, rules)),
    );
    const parallel = await timed(() => Promise.all(ruleInputs.map((r) => rules.create(r))));
    lines.push(
      figure(
        `scaleway create ${PARALLEL_RULES} rule resources on one group in parallel, latency ${LATENCY_MS} ms`,
        Math.round(parallel.ms),
        LATENCY_MS,
        "ms",
      ),
    );
    const gone = await timed(() => groups.delete!(sg, slow.result.outs));
    lines.push(figure(`scaleway delete a group, latency ${LATENCY_MS} ms`, Math.round(gone.ms), LATENCY_MS, "ms"));
    emulator.clouds.scaleway.latencyMs = 0;
    // One PATCH of the changed rule (or one PUT of the list): one round trip.
    lines.push(
      ...(await inlineChangeFigures({
        cloud: "scaleway",
        emulator,
        kind: "scaleway:SecurityGroup",
        token: TOKENS.scalewaySecurityGroup,
        group: { name: "inline-bench" },
        rule: (i, changed) => ({ ...rule(i % 200), destPortFrom: 10_000 + i, ...(changed ? { ipRange: "10.250.0.0/16" } : {}) }),
        apiMinimumMs: (latency) => latency,
      })),
    );
    return lines;
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await emulator.close();
  }
}

if (require.main === module) {
  runScalewayBench().then(
    (lines) => console.log(lines.join("\n")),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
