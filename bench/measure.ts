import * as pulumi from "@pulumi/pulumi";
import type { Emulator } from "../emulator";
import { providerShim } from "../provider/core/provider-shim";
import { countByRoute } from "../emulator/cloud-server";

/** One benchmark figure: `name: measured / minimum = ratio`. */
export function figure(name: string, measured: number, minimum: number, unit = ""): string {
  const ratio = minimum === 0 ? (measured === 0 ? 1 : Infinity) : measured / minimum;
  const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));
  return `${name}${unit ? ` (${unit})` : ""}: ${fmt(measured)} / ${fmt(minimum)} = ${ratio.toFixed(2)}`;
}

/** Runs `op` and returns the API calls it made on one cloud, by route, leaving out `ignore` routes (sign-in). */
export async function countCalls<T>(
  emulator: Emulator,
  cloud: string,
  op: () => Promise<T>,
  ignore: string[] = [],
): Promise<{ result: T; calls: number; byRoute: Record<string, number> }> {
  const server = emulator.clouds[cloud];
  server.requests = [];
  const result = await op();
  const byRoute = Object.fromEntries(Object.entries(countByRoute(server.requests)).filter(([route]) => !ignore.includes(route)));
  return { result, calls: Object.values(byRoute).reduce((a, b) => a + b, 0), byRoute };
}

/** Wall time of `op` in milliseconds. */
export async function timed<T>(op: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = process.hrtime.bigint();
  const result = await op();
  return { result, ms: Number(process.hrtime.bigint() - start) / 1e6 };
}

/** Median of several runs of `op`. */
export async function medianMs(runs: number, op: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push((await timed(op)).ms);
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

type Outs = Record<string, unknown>;

/**
 * Wall time of create, change-one-rule and refresh of a group with `latencyMs` added by the emulator, against
 * the round trips that must follow each other: `createRoundTrips` for a create, one for a change (the create
 * and the delete could run together; we create first so traffic never has a gap) and one for a refresh.
 */
export async function latencyFigures(
  prefix: string,
  server: { latencyMs: number },
  groups: pulumi.dynamic.ResourceProvider,
  inputs: Outs,
  changed: Outs,
  createRoundTrips: number,
  latencyMs = 20,
): Promise<string[]> {
  server.latencyMs = latencyMs;
  try {
    let last = { id: "", outs: {} as Outs };
    const createMs = await medianMs(5, async () => {
      const made = await groups.create(inputs);
      last = { id: made.id, outs: made.outs ?? {} };
    });
    let toggle = false;
    const changeMs = await medianMs(5, async () => {
      toggle = !toggle;
      last.outs = (await groups.update!(last.id, last.outs, toggle ? changed : inputs)).outs!;
    });
    const refreshMs = await medianMs(5, () => groups.read!(last.id, last.outs) as Promise<unknown>);
    return [
      figure(`${prefix} create group with 50 rules, ${latencyMs} ms latency: wall ms`, createMs, createRoundTrips * latencyMs),
      figure(`${prefix} change one rule, ${latencyMs} ms latency: wall ms`, changeMs, latencyMs),
      figure(`${prefix} refresh, ${latencyMs} ms latency: wall ms`, refreshMs, latencyMs),
    ];
  } finally {
    server.latencyMs = 0;
  }
}

/** Bytes of the serialized provider stored in state per resource, against the 2 KB target. */
export async function stateBytesFigures(kinds: string[]): Promise<string[]> {
  const lines: string[] = [];
  for (const kind of kinds) {
    const provider = providerShim(kind);
    const text = (await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true })).text;
    lines.push(figure(`serialized provider per resource, ${kind}: bytes vs the 2 KB target`, text.length, 2048));
  }
  return lines;
}
