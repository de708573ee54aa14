import * as pulumi from "@pulumi/pulumi";
import { startEmulator } from "../emulator";
import { providerShim } from "../provider/core/provider-shim";
import { securityGroupProvider as groups } from "../provider/nhn/provider";
import { countCalls, figure, medianMs } from "./measure";

const SIGN_IN = ["POST /v2.0/tokens"];
const LATENCY_MS = 20;

function ruleSet(n: number, changedIndex = -1) {
  return Array.from({ length: n }, (_, i) => ({
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: 10_000 + i,
    portRangeMax: 10_000 + i,
    remoteIpPrefix: i === changedIndex ? "10.99.0.0/16" : "10.0.0.0/8",
    remoteGroupId: null,
    description: "",
  }));
}

/**
 * NHN Cloud: API calls per operation on a group with 50 rules against the minimum Neutron allows,
 * wall time with 20 ms of emulator latency against the latency-bound minimum, and state bytes.
 */
export async function runNhnBench(): Promise<string[]> {
  const emulator = await startEmulator({ clouds: ["nhn"] });
  const url = emulator.clouds.nhn.url;
  Object.assign(process.env, { OS_AUTH_URL: `${url}/v2.0`, OS_TENANT_ID: "demo-tenant", OS_USERNAME: "demo", OS_PASSWORD: "demo-password", SECGROUPS_QUIET: "1" });
  const lines: string[] = [];
  try {
    const inputs = { name: "bench", description: "", deleteDefaultRules: false, rules: ruleSet(50) };
    const changed = { ...inputs, rules: ruleSet(50, 7) };

    // Calls: create = POST group + one bulk POST of 50 rules + DELETE of the 2 default egress rules.
    const create = await countCalls(emulator, "nhn", () => groups.create(inputs), SIGN_IN);
    lines.push(figure("nhn create group with 50 rules: API calls", create.calls, 4));
    const { id, outs } = create.result;
    const change = await countCalls(emulator, "nhn", () => groups.update!(id, outs, changed), SIGN_IN);
    lines.push(figure("nhn change one rule: API calls", change.calls, 2));
    const refresh = await countCalls(emulator, "nhn", () => groups.read!(id, change.result.outs!), SIGN_IN);
    lines.push(figure("nhn refresh: API calls", refresh.calls, 1));
    const remove = await countCalls(emulator, "nhn", () => groups.delete!(id, refresh.result.props), SIGN_IN);
    lines.push(figure("nhn delete: API calls", remove.calls, 1));

    // Wall time with latency: the minimum is the number of round trips that must follow each other.
    emulator.clouds.nhn.latencyMs = LATENCY_MS;
    let last: { id: string; outs: Record<string, unknown> } = { id: "", outs: {} };
    const createMs = await medianMs(5, async () => {
      const made = await groups.create(inputs);
      last = { id: made.id, outs: made.outs };
    });
    lines.push(figure("nhn create group with 50 rules, 20 ms latency: wall ms", createMs, 2 * LATENCY_MS));
    let toggle = false;
    const changeMs = await medianMs(5, async () => {
      toggle = !toggle;
      last.outs = (await groups.update!(last.id, last.outs, toggle ? changed : inputs)).outs!;
    });
    // create-before-delete puts the delete after the create: 2 round trips where 1 would leave a gap in the rules
    lines.push(figure("nhn change one rule, 20 ms latency: wall ms", changeMs, LATENCY_MS));
    const refreshMs = await medianMs(5, () => groups.read!(last.id, last.outs));
    lines.push(figure("nhn refresh, 20 ms latency: wall ms", refreshMs, LATENCY_MS));
    emulator.clouds.nhn.latencyMs = 0;

    for (const kind of ["nhn:SecurityGroup", "nhn:SecurityGroupRule"]) {
      const provider = providerShim(kind);
      const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
      lines.push(figure(`serialized provider per resource, ${kind}: bytes vs the 2 KB target`, text.length, 2048));
    }
  } finally {
    await emulator.close();
  }
  return lines;
}
