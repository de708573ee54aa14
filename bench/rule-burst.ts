import * as pulumi from "@pulumi/pulumi";
import { ProviderHost, serializedProvider, urnOf } from "../emulator/engine/provider-host";
import { figure, timed } from "./measure";

/** The floor's provider: answers Check and Create without doing anything, through the same host. */
const doNothing: pulumi.dynamic.ResourceProvider = {
  check: async (_olds, news) => ({ inputs: news }),
  create: async (inputs) => ({ id: `noop-${Math.random().toString(16).slice(2)}`, outs: inputs }),
};

export interface RuleBurst {
  /** e.g. `nhn`, the line's prefix. */
  label: string;
  /** Provider kind, e.g. `nhn:SecurityGroupRule`, and its type token. */
  kind: string;
  token: string;
  /** Emulator listener whose latency is raised for the burst. */
  server: { latencyMs: number };
  /** A fresh group's id (one per run, so runs do not see each other's rules). */
  newGroup: () => Promise<string>;
  /** The rule resource's inputs on group `groupId`, the i-th of the burst. */
  rule: (groupId: string, i: number) => Record<string, unknown>;
  /** The API's minimum round trips one after another for the burst (Check's dry run included). */
  roundTrips: number;
  /** Waits the API imposes on top of the round trips (Genesis: the group's settle time). */
  extraMs?: number;
  count?: number;
  latencyMs?: number;
  runs?: number;
}

/**
 * `count` rule resources on one group through the real dynamic-provider host, as `pulumi up` sends them (Check then
 * Create, all at once), against the same calls through the same host to a do-nothing provider plus the API's minimum
 * round trips: `<label> 500 rule resources on one group (real host), 20 ms latency: wall ms: M / F = r` (medians).
 */
export async function ruleBurstFigure(b: RuleBurst): Promise<string> {
  const count = b.count ?? 500;
  const latencyMs = b.latencyMs ?? 20;
  const runs = b.runs ?? 3;
  const host = await ProviderHost.start({ cwd: process.cwd() });
  try {
    await host.configure({});
    const real = await serializedProvider(b.kind);
    const noop = (await pulumi.runtime.serializeFunction(() => doNothing, { allowSecrets: true })).text;
    const burst = async (provider: string, groupId: string, run: number) => {
      const one = async (i: number) => {
        const urn = urnOf(b.token, `burst-${run}-${i}`);
        const checked = await host.check(urn, {}, { __provider: provider, ...b.rule(groupId, i) });
        if (checked.failures.length) throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
        return host.create(urn, checked.inputs);
      };
      return (await timed(() => Promise.all(Array.from({ length: count }, (_, i) => one(i))))).ms;
    };
    // Warm both paths (module loads, sign-in) outside the measurement.
    const warm = await b.newGroup();
    await burst(noop, warm, -1);
    await host.create(urnOf(b.token, "warm"), { __provider: real, ...b.rule(warm, count) });

    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
    const floors: number[] = [];
    const measured: number[] = [];
    for (let run = 0; run < runs; run++) {
      const groupId = await b.newGroup();
      floors.push(await burst(noop, groupId, run));
      b.server.latencyMs = latencyMs;
      try {
        measured.push(await burst(real, groupId, run));
      } finally {
        b.server.latencyMs = 0;
      }
    }
    return figure(
      `${b.label} ${count} rule resources on one group (real host), ${latencyMs} ms latency: wall ms`,
      median(measured),
      median(floors) + b.roundTrips * latencyMs + (b.extraMs ?? 0),
    );
  } finally {
    host.close();
  }
}
