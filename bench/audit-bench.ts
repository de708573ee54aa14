// `secgroups audit` of 1,000 groups with 20 rules each per cloud at 20 ms of emulator latency: API calls and wall
// time against the latency bound (the calls at the providers' 8 requests in flight per endpoint, 20 ms each).
// One template group is created through the provider; the emulator state then holds 999 copies of it (new ids).
import { randomUUID } from "node:crypto";
import { startEmulator } from "../emulator";
import { useStackConfig } from "../provider/core/settings";
import { implementationFor } from "../provider/registry";
import { CLOUDS, CloudName } from "../cli/clouds";
import { configuredPolicies, judge, readPackConfig } from "../cli/judge";
import { scanClouds } from "../cli/scan";
import { countCalls, figure, timed } from "./measure";

const GROUPS = 1000;
const RULES = 20;
const LATENCY_MS = 20;
const IN_FLIGHT = 8;

const port = (i: number) => 20_000 + i;
const RULE_SETS: Record<CloudName, (i: number) => Record<string, unknown>> = {
  nhn: (i) => ({
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: port(i),
    portRangeMax: port(i),
    remoteIpPrefix: i % 5 ? "10.0.0.0/8" : "0.0.0.0/0",
  }),
  openstack: (i) => ({
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: port(i),
    portRangeMax: port(i),
    remoteIpPrefix: i % 5 ? "10.0.0.0/8" : "0.0.0.0/0",
  }),
  huaweicloud: (i) => ({
    direction: "ingress",
    protocol: "tcp",
    multiport: String(port(i)),
    remoteIpPrefix: i % 5 ? "10.0.0.0/8" : "0.0.0.0/0",
  }),
  "huaweicloud/nova": (i) => ({ ipProtocol: "tcp", fromPort: port(i), toPort: port(i), cidr: i % 5 ? "10.0.0.0/8" : "0.0.0.0/0" }),
  scaleway: (i) => ({
    protocol: "TCP",
    direction: "inbound",
    action: "accept",
    ipRange: i % 5 ? "10.0.0.0/8" : "0.0.0.0/0",
    destPortFrom: port(i),
  }),
  genesiscloud: (i) => ({ protocol: "tcp", direction: "ingress", portRangeMin: port(i), portRangeMax: port(i) }),
};
const EMULATOR: Record<CloudName, string> = {
  nhn: "nhn",
  openstack: "openstack",
  huaweicloud: "huaweicloud",
  "huaweicloud/nova": "huaweicloudNova",
  scaleway: "scaleway",
  genesiscloud: "genesiscloud",
};
const SIGN_IN = ["POST /v2.0/tokens", "POST /v3/auth/tokens", "POST /v3/auth/tokens?nocatalog"];

type State = { groups: Record<string, { name: string }>; rules?: Record<string, unknown> };

/** Copies the template group `n` times in the emulator's state: new group and rule ids, names `<name>-<i>`. */
function cloneGroups(state: State, templateId: string, n: number): void {
  const template = JSON.stringify(state.groups[templateId]);
  const rules = state.rules ?? {};
  const perGroupList = Array.isArray(rules[templateId]);
  const ruleTexts = perGroupList
    ? []
    : Object.values(rules)
        .map((r) => JSON.stringify(r))
        .filter((t) => t.includes(templateId));
  const ruleIds = perGroupList
    ? (rules[templateId] as { id: string }[]).map((r) => r.id)
    : ruleTexts.map((t) => (JSON.parse(t) as { id: string }).id);
  for (let i = 1; i <= n; i++) {
    const ids = new Map([[templateId, randomUUID()], ...ruleIds.map((id) => [id, randomUUID()] as [string, string])]);
    const swap = (text: string) => [...ids].reduce((t, [from, to]) => t.split(from).join(to), text);
    const group = JSON.parse(swap(template));
    group.name = `${group.name}-${i}`;
    state.groups[ids.get(templateId)!] = group;
    if (perGroupList) rules[ids.get(templateId)!] = JSON.parse(swap(JSON.stringify(rules[templateId])));
    else
      for (const t of ruleTexts) {
        const r = JSON.parse(swap(t)) as { id: string };
        rules[r.id] = r;
      }
  }
  // A new record: the emulator's rule index (emulator/rule-index.ts) is built afresh for it on first use.
  if (state.rules) state.rules = { ...state.rules };
}

async function benchCloud(name: CloudName): Promise<string> {
  const emulator = await startEmulator({ clouds: [EMULATOR[name]], settings: { "scaleway.syncMs": "0" } });
  try {
    const os = emulator.describe().openstack as Record<string, string> | undefined;
    const settings: Record<string, string> = {
      ...emulator.demoConfig(),
      "secgroups:huaweicloudDryRun": "false",
      ...(os
        ? {
            "secgroups:openstackAuthUrl": os.authUrl,
            "secgroups:openstackUsername": os.username,
            "secgroups:openstackPassword": os.password,
            "secgroups:openstackProjectName": os.projectName,
            "secgroups:openstackRegion": os.region,
          }
        : {}),
    };
    useStackConfig((k) => settings[k]);
    const impl = implementationFor(`${CLOUDS[name].module}:SecurityGroup`);
    const args = { name: "audit-bench", description: "bench", rules: Array.from({ length: RULES }, (_, i) => RULE_SETS[name](i)) };
    const checked = await impl.check!({}, args);
    if (checked.failures?.length) throw new Error(`${name}: ${JSON.stringify(checked.failures)}`);
    const template = await impl.create(checked.inputs!);
    cloneGroups(emulator.clouds[EMULATOR[name]].state as State, template.id, GROUPS - 1);

    emulator.clouds[EMULATOR[name]].latencyMs = LATENCY_MS;
    const quiet = { stdout: () => undefined, stderr: () => undefined };
    const configured = configuredPolicies(readPackConfig(undefined));
    const run = await countCalls(
      emulator,
      EMULATOR[name],
      () =>
        timed(async () => {
          const read = await timed(() => scanClouds([CLOUDS[name]], quiet));
          const groups = read.result.groups.get(name) ?? [];
          const judged = await timed(() => judge(groups, configured));
          return { groups: groups.length, findings: judged.result.length, readMs: read.ms, judgeMs: judged.ms };
        }),
      SIGN_IN,
    );
    const { groups, findings, readMs, judgeMs } = run.result.result;
    if (groups < GROUPS) throw new Error(`${name}: the audit read ${groups} groups, not ${GROUPS}`);
    const bound = Math.ceil(run.calls / IN_FLIGHT) * LATENCY_MS;
    return `${figure(`${name} audit of ${groups} groups x ${RULES} rules, ${LATENCY_MS} ms latency: wall ms`, Math.round(run.result.ms), bound)} (${run.calls} API calls: ${Object.entries(
      run.byRoute,
    )
      .map(([r, c]) => `${c} ${r}`)
      .join(", ")}; read ${Math.round(readMs)} ms, judged in ${Math.round(judgeMs)} ms; ${findings} findings)`;
  } finally {
    useStackConfig(() => undefined);
    await emulator.close();
  }
}

export async function runAuditBench(): Promise<string[]> {
  const lines: string[] = [];
  const only = process.env.AUDIT_BENCH_CLOUDS?.split(",");
  for (const name of ["nhn", "openstack", "huaweicloud", "huaweicloud/nova", "scaleway", "genesiscloud"] as CloudName[])
    if (!only || only.includes(name)) lines.push(await benchCloud(name));
  return lines;
}

if (require.main === module)
  runAuditBench().then(
    (lines) => console.log(lines.join("\n")),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
