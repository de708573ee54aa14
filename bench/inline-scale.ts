// Changing one rule of a group with 1,000 inline rules through the real dynamic-provider host, against the
// floor measured in the same run: the same engine calls (Check, Diff, Update) through the same host for a
// do-nothing provider whose state is the inputs themselves (each rule stored once), plus the API's minimum
// sequential round trips times the latency.
import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../emulator";
import { ProviderHost, serializedProvider, urnOf } from "../emulator/engine/provider-host";
import { figure, timed } from "./measure";

export const INLINE_RULES = 1000;
const LATENCY_MS = 20;
const RUNS = 3;

type Bag = Record<string, any>;

/** A provider that does nothing: check accepts the inputs, diff says "changed", create and update echo them. */
async function doNothingText(): Promise<string> {
  const provider: pulumi.dynamic.ResourceProvider = {
    check: async (_olds: Bag, news: Bag) => ({ inputs: news }),
    diff: async () => ({ changes: true }),
    create: async (inputs: Bag) => ({ id: "noop", outs: inputs }),
    update: async (_id: string, _olds: Bag, news: Bag) => ({ outs: news }),
  };
  return (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
}

interface Resource {
  id: string;
  inputs: Bag;
  outs: Bag;
}

/** What the engine sends for an update: Check(old inputs, new), Diff(old outputs, checked), Update(same). */
async function engineUpdate(host: ProviderHost, urn: string, r: Resource, news: Bag): Promise<Resource> {
  const checked = await host.check(urn, r.inputs, news);
  if (checked.failures.length) throw new Error(`bench inputs rejected: ${JSON.stringify(checked.failures.slice(0, 3))}`);
  const diff = await host.diff(urn, r.id, r.outs, checked.inputs);
  if (diff.changes !== "some") throw new Error(`expected a change, got ${diff.changes}`);
  const { outs } = await host.update(urn, r.id, r.outs, checked.inputs);
  return { id: r.id, inputs: checked.inputs, outs };
}

/** Median wall time of updates alternating between `a` and `b` (so each run changes one rule). */
async function medianUpdate(host: ProviderHost, urn: string, start: Resource, a: Bag, b: Bag): Promise<number> {
  let current = start;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = await timed(() => engineUpdate(host, urn, current, i % 2 ? a : b));
    current = t.result;
    times.push(t.ms);
  }
  return times.sort((x, y) => x - y)[Math.floor(times.length / 2)];
}

/**
 * `<cloud> change one of 1000 inline rules, 20 ms latency: wall ms: M / F = r`, plus the state bytes of the
 * group's outputs. `rule(i, changed)` is the cloud's inline rule `i`; `apiMinimumMs` what the API needs at least
 * for the change (its sequential round trips times the latency, and any settle time).
 */
export async function inlineChangeFigures(opts: {
  cloud: string;
  emulator: Emulator;
  kind: string;
  token: string;
  group: Bag;
  rule: (i: number, changed: boolean) => Bag;
  apiMinimumMs: (latencyMs: number) => number;
}): Promise<string[]> {
  const { cloud, emulator } = opts;
  const server = emulator.clouds[cloud];
  const rules = (k: number) => Array.from({ length: INLINE_RULES }, (_, i) => opts.rule(i, i === k));
  const host = await ProviderHost.start({ cwd: process.cwd() });
  try {
    await host.configure(emulator.demoConfig());
    const urn = urnOf(opts.token, "inline-bench");
    const text = await serializedProvider(opts.kind);
    const a = { __provider: text, ...opts.group, rules: rules(-1) };
    const b = { ...a, rules: rules(INLINE_RULES / 2) };
    const checked = await host.check(urn, {}, a);
    if (checked.failures.length) throw new Error(`bench inputs rejected: ${JSON.stringify(checked.failures.slice(0, 3))}`);
    const made = await host.create(urn, checked.inputs);
    const real: Resource = { id: made.id, inputs: checked.inputs, outs: made.outs };

    // The floor's inputs are the real provider's canonical inputs, so both sides carry the same rules.
    const noopText = await doNothingText();
    const canonical = async (news: Bag) => ({ ...(await host.check(urn, {}, news)).inputs, __provider: noopText });
    const [na, nb] = [await canonical(a), await canonical(b)];
    const noop: Resource = { id: "noop", inputs: na, outs: (await host.create(urn, na)).outs };

    server.latencyMs = LATENCY_MS;
    let measured: number;
    let floor: number;
    try {
      measured = await medianUpdate(host, urn, real, a, b);
      floor = (await medianUpdate(host, urn, noop, na, nb)) + opts.apiMinimumMs(LATENCY_MS);
    } finally {
      server.latencyMs = 0;
    }
    const { __provider: _p, ...outs } = real.outs;
    await host.delete(urn, real.id, real.outs);
    return [
      figure(
        `${cloud} change one of ${INLINE_RULES} inline rules, ${LATENCY_MS} ms latency: wall ms`,
        Math.round(measured),
        Math.round(floor),
      ),
      figure(
        `${cloud} group with ${INLINE_RULES} inline rules: bytes of outputs in state vs the inputs`,
        JSON.stringify(outs).length,
        JSON.stringify({ ...na, __provider: undefined }).length,
      ),
    ];
  } finally {
    host.close();
  }
}
