import { startEmulator } from "../emulator";
import { securityGroupProvider as groups } from "../provider/nhn/provider";
import { countCalls, figure, latencyFigures, stateBytesFigures } from "./measure";

const SIGN_IN = ["POST /v2.0/tokens"];

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

    // Group create, then the bulk create and the default-rule deletes together: 2 round trips.
    lines.push(...(await latencyFigures("nhn", emulator.clouds.nhn, groups, inputs, changed, 2)));
    lines.push(...(await stateBytesFigures(["nhn:SecurityGroup", "nhn:SecurityGroupRule"])));
  } finally {
    await emulator.close();
  }
  return lines;
}
