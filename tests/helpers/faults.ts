import type { FaultSpec } from "../../emulator/faults";
import type { StartOptions } from "../../emulator";
import type * as pulumi from "@pulumi/pulumi";
import { PartialFailureError } from "../../provider/core/errors";
import { TestEmulator, useEmulatorWithEnv } from "./emulator";

// Shared setup of the fault matrices in tests/<cloud>/faults.test.ts; each cloud's calls, bodies and checks stay in its file.

/** One kind of fault: its name in the test title, and the fault (the test adds where it strikes). */
export type FaultKind = [string, Omit<FaultSpec, "method" | "path" | "count">];

/** The fault kinds every matrix runs (500, 503, 429 + Retry-After, connection reset, act then drop), with the cloud's own error bodies. */
export function faultKinds(bodies: { 500?: unknown; 503?: unknown; 429: unknown }, retryAfter = 1): FaultKind[] {
  const answer = (status: 500 | 503 | 429) => (bodies[status] === undefined ? { status } : { status, body: bodies[status] });
  return [
    ["500", answer(500)],
    ["503", answer(503)],
    ["429 + Retry-After", { ...answer(429), retryAfter }],
    ["connection reset", { reset: true }],
    ["act, then drop the answer", { dropAfterAct: true }],
  ];
}

/** Registers the file's emulator like useEmulatorWithEnv, and after each test expects no injected fault in any of its clouds still pending (a fault that never fired proves nothing). */
export function useFaultEmulator(
  options: StartOptions & { clouds: string[] },
  envFor: (emu: TestEmulator) => Record<string, string | undefined>,
): () => TestEmulator {
  const emu = useEmulatorWithEnv(options, envFor);
  afterEach(async () => {
    for (const cloud of options.clouds) expect(await emu().pendingFaults(cloud)).toEqual([]);
  });
  return emu;
}

/**
 * Creates as the engine does over two `up`s. A failed create leaves nothing in state: the next `up` creates again.
 * A partial failure keeps the id and outputs: the next `up` asks Diff, then replaces (create, then delete the old
 * id) or updates. `beforeNextRun` runs between the two (time passing, a fault cleared).
 */
export async function createLikeEngine(
  provider: pulumi.dynamic.ResourceProvider,
  inputs: Record<string, any>,
  beforeNextRun: () => Promise<unknown> = async () => undefined,
): Promise<pulumi.dynamic.CreateResult> {
  try {
    return await provider.create(inputs);
  } catch (error) {
    await beforeNextRun();
    if (!(error instanceof PartialFailureError)) return provider.create(inputs);
    const diff = await provider.diff!(error.id, error.properties, inputs);
    if (diff.replaces?.length) {
      const made = await provider.create(inputs);
      await provider.delete!(error.id, error.properties);
      return made;
    }
    const { outs } = await provider.update!(error.id, error.properties, inputs);
    return { id: error.id, outs: outs! };
  }
}

/** Updates as the engine does: a failed update leaves the old outputs in state, so the next `up` runs it again after a refresh. */
export async function updateLikeEngine(
  provider: pulumi.dynamic.ResourceProvider,
  id: string,
  olds: Record<string, any>,
  news: Record<string, any>,
): Promise<void> {
  try {
    await provider.update!(id, olds, news);
  } catch {
    const refreshed = await provider.read!(id, olds);
    await provider.update!(id, refreshed.props, news);
  }
}
