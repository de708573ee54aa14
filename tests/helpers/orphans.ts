import type * as pulumi from "@pulumi/pulumi";
import type { FaultSpec } from "../../emulator/faults";
import { TOKEN_KEY } from "../../provider/core/creation-token";
import type { TestEmulator } from "./emulator";
import { createLikeEngine } from "./faults";

// Shared scenarios of tests/<cloud>/orphans.test.ts: a group create whose answer is lost in a way a lookup alone
// cannot settle. Each run is what the engine does (a failed create leaves nothing in state; the next `up`
// creates again with the same inputs, creation token included); afterwards the cloud holds exactly one group,
// the one state records, and destroying it leaves none.

/** The token a resource named `name` in the test stack carries (any well-formed token will do). */
export const TEST_TOKEN = "sgt-7e57000000000000000000aa";

/** The client timeout the orphan tests run with (SECGROUPS_REQUEST_TIMEOUT_MS), short so a late answer is cheap to test. */
export const CLIENT_TIMEOUT_MS = 1000;

export interface GroupCase {
  emu: () => TestEmulator;
  cloud: string;
  provider: pulumi.dynamic.ResourceProvider;
  inputs: Record<string, unknown>;
  /** Path pattern of the group create and of the group list the lookups use. */
  createPath: string;
  listPath: string;
  /** Group list GETs the provider sends before its POST (the lookup faults let these through). */
  listsBeforePost: number;
  /** Ids of the groups named like `inputs.name` in the cloud now. */
  groupIds: () => Promise<string[]>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Creates as the engine would (twice at most), waits for anything late to land, then checks and destroys. */
async function convergesOnce(c: GroupCase): Promise<void> {
  const inputs = { ...c.inputs, [TOKEN_KEY]: TEST_TOKEN };
  const made = await createLikeEngine(c.provider, inputs);
  await sleep(CLIENT_TIMEOUT_MS * 2);
  // A further `up` changes nothing: the group in state is the only one.
  expect(await c.groupIds()).toEqual([made.id]);
  await c.provider.delete!(made.id, made.outs);
  expect(await c.groupIds()).toEqual([]);
}

/** The server completes the create after the client gave up (answered `latencyMs` late): one group, never two. */
export async function serverActsAfterTimeout(c: GroupCase, latencyMs = CLIENT_TIMEOUT_MS * 2): Promise<void> {
  await c.emu().fault(c.cloud, { method: "POST", path: c.createPath, latencyMs } satisfies FaultSpec);
  await convergesOnce(c);
}

/** The answer is dropped after the cloud acted, then every lookup fails: the first run must not post again. */
export async function lookupsFailAfterDroppedAnswer(c: GroupCase, lookups: number): Promise<void> {
  await c.emu().fault(c.cloud, [
    { method: "POST", path: c.createPath, dropAfterAct: true },
    { method: "GET", path: c.listPath, after: c.listsBeforePost, count: lookups, status: 403, body: { message: "lookups refused" } },
  ]);
  await convergesOnce(c);
}
