import type * as pulumi from "@pulumi/pulumi";
import type { FaultSpec } from "../../emulator/faults";
import { TOKEN_KEY } from "../../provider/core/creation-token";
import { PartialFailureError } from "../../provider/core/errors";
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

/**
 * A read of a missing group, so the provider's session is valid before faults are counted (the emulator resets
 * between tests and its first refused token would otherwise use up a fault's `after`).
 */
const signIn = (c: GroupCase) => c.provider.read!("00000000-0000-4000-8000-000000000000", {}).catch(() => undefined);

/** Creates as the engine would (twice at most), waits for anything late to land, then checks and destroys. */
async function convergesOnce(c: GroupCase, beforeNextRun?: () => Promise<unknown>, landedBy = 0): Promise<void> {
  const inputs = { ...c.inputs, [TOKEN_KEY]: TEST_TOKEN };
  const made = await createLikeEngine(c.provider, inputs, beforeNextRun);
  await sleep(Math.max(CLIENT_TIMEOUT_MS * 2, landedBy - Date.now()));
  // A further `up` changes nothing: the group in state is the only one.
  expect(await c.groupIds()).toEqual([made.id]);
  await c.provider.delete!(made.id, made.outs);
  expect(await c.groupIds()).toEqual([]);
}

/** The server completes the create after the client gave up (answered `latencyMs` late): one group, never two. */
export async function serverActsAfterTimeout(c: GroupCase, latencyMs = CLIENT_TIMEOUT_MS * 2): Promise<void> {
  await signIn(c);
  await c.emu().fault(c.cloud, { method: "POST", path: c.createPath, latencyMs } satisfies FaultSpec);
  await convergesOnce(c);
}

/** The answer is dropped after the cloud acted, then every lookup fails: the first run must not post again. */
export async function lookupsFailAfterDroppedAnswer(c: GroupCase, lookups: number): Promise<void> {
  await signIn(c);
  await c.emu().fault(c.cloud, [
    { method: "POST", path: c.createPath, dropAfterAct: true },
    { method: "GET", path: c.listPath, after: c.listsBeforePost, count: lookups, status: 403, body: { message: "lookups refused" } },
  ]);
  await convergesOnce(c);
}

/**
 * The server completes the create after every lookup of the first run has given up (the lookups span ~1.75 s
 * after the client's timeout): the first run records an unconfirmed create, and the next one, after the group
 * has landed, adopts it instead of creating a second.
 */
export async function serverActsAfterLookups(c: GroupCase, latencyMs = CLIENT_TIMEOUT_MS * 5): Promise<void> {
  await signIn(c);
  await c.emu().fault(c.cloud, { method: "POST", path: c.createPath, latencyMs } satisfies FaultSpec);
  const landedBy = Date.now() + latencyMs + 500;
  await convergesOnce(
    c,
    async () => {
      expect(await c.groupIds()).toEqual([]);
      await sleep(Math.max(0, landedBy - Date.now()));
      expect(await c.groupIds()).toHaveLength(1);
    },
    landedBy,
  );
}

/** A create whose answer is dropped after the cloud acted and whose lookups all fail: the unconfirmed partial create it ends with. */
async function unconfirmedCreate(c: GroupCase, lookups: number): Promise<PartialFailureError> {
  await signIn(c);
  await c.emu().fault(c.cloud, [
    { method: "POST", path: c.createPath, dropAfterAct: true },
    { method: "GET", path: c.listPath, after: c.listsBeforePost, count: lookups, status: 403, body: { message: "lookups refused" } },
  ]);
  const error = await c.provider.create({ ...c.inputs, [TOKEN_KEY]: TEST_TOKEN }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PartialFailureError);
  const partial = error as PartialFailureError;
  expect(partial.id).toBe(`unconfirmed-${TEST_TOKEN}`);
  expect(partial.message).toMatch(/pulumi up` adopts the group/);
  expect(await c.groupIds()).toHaveLength(1);
  return partial;
}

/** Then `pulumi destroy` instead of another `up`: the group the lost create made is deleted. */
export async function destroyAfterUnconfirmedCreate(c: GroupCase, lookups: number): Promise<void> {
  const partial = await unconfirmedCreate(c, lookups);
  await c.provider.delete!(partial.id, partial.properties);
  expect(await c.groupIds()).toEqual([]);
}

/** Then `pulumi refresh`: the resource reads as the group, under its real id. */
export async function refreshAfterUnconfirmedCreate(c: GroupCase, lookups: number): Promise<void> {
  const partial = await unconfirmedCreate(c, lookups);
  const [groupId] = await c.groupIds();
  const read = await c.provider.read!(partial.id, partial.properties);
  expect(read.id).toBe(groupId);
  expect(read.props).toMatchObject({ name: c.inputs.name });
  expect(read.props).not.toHaveProperty("__unconfirmedCreate");
  await c.provider.delete!(read.id!, read.props);
  expect(await c.groupIds()).toEqual([]);
  // With no group left, the unconfirmed resource reads as gone.
  expect((await c.provider.read!(partial.id, partial.properties)).id).toBeUndefined();
}

/**
 * Registers the lost-group-create scenarios of one cloud: where groups carry the creation token as a tag, the late
 * create and the failing lookups; where they cannot, also the unconfirmed create's later `up`, destroy and refresh.
 */
export function lostGroupCreateScenarios(c: GroupCase, recognisedBy: "token tag" | "unconfirmed create"): void {
  it("a group the server creates after the client's timeout is created once", () => serverActsAfterTimeout(c));
  it("a dropped answer followed by failing lookups is adopted by the next run, not created again", () =>
    lookupsFailAfterDroppedAnswer(c, 4));
  if (recognisedBy === "token tag") return;
  it("a group the server creates after every lookup gave up is adopted by the next run", () => serverActsAfterLookups(c));
  it("a dropped answer followed by failing lookups, then destroy: the group is deleted", () => destroyAfterUnconfirmedCreate(c, 4));
  it("a dropped answer followed by failing lookups, then refresh: the resource reads as the group, under its id", () =>
    refreshAfterUnconfirmedCreate(c, 4));
}
