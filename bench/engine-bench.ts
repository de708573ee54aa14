// The real engine's wall time: `pulumi up` of a demo-sized stack (the demo's 16 resources on every cloud, declared
// through the e2e program) and a no-change `pulumi preview`, each against the same program, resources and inputs
// with a do-nothing provider: the engine's own floor, measured in the same run.
import * as path from "node:path";
import { startEmulator } from "../emulator";
import { findEngine, PulumiStack } from "../emulator/engine/pulumi-cli";
import { repoRoot } from "../emulator/engine/repo-root";
import { figure, timed } from "./measure";

const CIDR = "10.0.0.0/8";
const tcp = (port: number) => ({ direction: "ingress", protocol: "tcp", portRangeMin: port, portRangeMax: port, remoteIpPrefix: CIDR });

/** The demo's resources: per cloud a group owning three rules, a group with separate rule resources. */
const DEMO_SIZED = [
  { type: "nhn:SecurityGroup", name: "nhn-web", args: { name: "web", rules: [tcp(443), tcp(22), tcp(80)] } },
  { type: "nhn:SecurityGroup", name: "nhn-db", args: { name: "db" } },
  { type: "nhn:SecurityGroupRule", name: "nhn-db-pg", args: { securityGroupId: { ref: "nhn-db" }, ...tcp(5432) } },
  {
    type: "huaweicloud:SecurityGroup",
    name: "hw-web",
    args: {
      name: "web",
      rules: [443, 22, 80].map((p) => ({ direction: "ingress", protocol: "tcp", multiport: String(p), remoteIpPrefix: CIDR })),
    },
  },
  { type: "huaweicloud:SecurityGroup", name: "hw-db", args: { name: "db" } },
  {
    type: "huaweicloud:SecurityGroupRule",
    name: "hw-db-pg",
    args: { securityGroupId: { ref: "hw-db" }, direction: "ingress", protocol: "tcp", multiport: "5432", remoteIpPrefix: CIDR },
  },
  {
    type: "huaweicloud/nova:SecurityGroup",
    name: "nova-app",
    args: { name: "app", description: "app", rules: [{ ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: CIDR }] },
  },
  {
    type: "huaweicloud/nova:SecurityGroupRule",
    name: "nova-app-icmp",
    args: { parentGroupId: { ref: "nova-app" }, ipProtocol: "icmp", cidr: CIDR },
  },
  {
    type: "scaleway:SecurityGroup",
    name: "scw-web",
    args: {
      name: "web",
      inboundDefaultPolicy: "drop",
      rules: [443, 22, 80].map((p) => ({ protocol: "TCP", direction: "inbound", action: "accept", ipRange: CIDR, destPortFrom: p })),
    },
  },
  { type: "scaleway:SecurityGroup", name: "scw-db", args: { name: "db", inboundDefaultPolicy: "drop" } },
  {
    type: "scaleway:SecurityGroupRule",
    name: "scw-db-pg",
    args: {
      securityGroupId: { ref: "scw-db" },
      protocol: "TCP",
      direction: "inbound",
      action: "accept",
      ipRange: CIDR,
      destPortFrom: 5432,
    },
  },
  {
    type: "genesiscloud:SecurityGroup",
    name: "genesis-web",
    args: { name: "web", rules: [443, 80].map((p) => ({ protocol: "tcp", direction: "ingress", portRangeMin: p, portRangeMax: p })) },
  },
  { type: "genesiscloud:SecurityGroup", name: "genesis-workers", args: { name: "workers" } },
  {
    type: "genesiscloud:SecurityGroupRule",
    name: "genesis-jupyter",
    args: { securityGroupId: { ref: "genesis-workers" }, protocol: "tcp", direction: "ingress", portRangeMin: 8888, portRangeMax: 8888 },
  },
  {
    type: "genesiscloud:SecurityGroupRule",
    name: "genesis-tensorboard",
    args: { securityGroupId: { ref: "genesis-workers" }, protocol: "tcp", direction: "ingress", portRangeMin: 6006, portRangeMax: 6006 },
  },
];

interface Times {
  up: number;
  preview: number;
}

async function measure(stack: PulumiStack, rounds: number): Promise<Times> {
  const ups: number[] = [];
  const previews: number[] = [];
  for (let i = 0; i < rounds; i++) {
    ups.push((await timed(() => stack.ok("up", "--yes", "--skip-preview"))).ms);
    previews.push((await timed(() => stack.ok("preview", "--expect-no-changes"))).ms);
    await stack.ok("destroy", "--yes", "--skip-preview");
  }
  return { up: Math.min(...ups), preview: Math.min(...previews) };
}

export async function runEngineBench(): Promise<string[]> {
  const engine = findEngine();
  if (!engine) return ["engine: no Pulumi engine installed (npm run setup:pulumi): engine figures skipped"];
  const emulator = await startEmulator();
  const stacks: PulumiStack[] = [];
  try {
    const times: Record<"real" | "noop", Times> = {} as never;
    for (const mode of ["noop", "real"] as const) {
      const stack = await PulumiStack.create(engine, { program: path.join(repoRoot(), "tests", "e2e", "program"), stack: `bench-${mode}` });
      stacks.push(stack);
      await stack.setConfig({ ...emulator.demoConfig(), "e2e:resources": JSON.stringify(DEMO_SIZED), "e2e:noop": String(mode === "noop") });
      times[mode] = await measure(stack, 2);
    }
    const n = DEMO_SIZED.length + 1;
    return [
      figure(`engine: pulumi up of the demo's ${n} resources vs a do-nothing provider: wall ms`, times.real.up, times.noop.up),
      figure(
        `engine: no-change pulumi preview of the demo's ${n} resources vs a do-nothing provider: wall ms`,
        times.real.preview,
        times.noop.preview,
      ),
    ];
  } finally {
    for (const stack of stacks) await stack.remove();
    await emulator.close();
  }
}
