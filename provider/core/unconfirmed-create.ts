import { z } from "zod";
import { PartialFailureError, SecgroupsError } from "./errors";
import { isClaimed } from "./adopted-ids";

/**
 * A group create whose answer was lost and that no lookup could settle, on a cloud whose groups cannot carry the
 * creation token (NHN's Neutron, Nova, Genesis). Failing with nothing in state would let the next run create a
 * second group and leave the first one an orphan. Instead the create fails as a partial create: the engine keeps
 * the resource with the id `unconfirmed-<token>` and outputs that say how to recognise the group later:
 * - the next `up` replaces it: the replacement's create adopts the group if it appeared (else creates one), and
 *   the delete of the unconfirmed id deletes nothing;
 * - `refresh` resolves it to the group's real id, or drops it when there is none;
 * - `destroy` deletes the group if it appeared.
 */
export const UNCONFIRMED_KEY = "__unconfirmedCreate";

const PREFIX = "unconfirmed-";

/** How a later run recognises the group: its exact fields, and "made by this create" by time or by absence before. */
export const unconfirmedLookup = z.object({
  name: z.string(),
  description: z.string(),
  region: z.string().optional(),
  /** When the create began (ms since the epoch), for clouds whose groups say when they were created. */
  createdSince: z.number().optional(),
  /** Ids of the same-named groups that existed before the create, for clouds whose groups do not say when. */
  notAmong: z.array(z.string()).optional(),
});
export type UnconfirmedLookup = z.infer<typeof unconfirmedLookup>;

/** A group as a lookup needs it. */
export interface GroupSummary {
  id: string;
  name: string;
  description: string;
  region?: string;
  createdAt?: string;
}

/** Server clocks and ours differ: a group created up to this long before the create began still counts as its. */
const CLOCK_SKEW_MS = 60_000;

/** The id an unconfirmed create is kept under. */
export const unconfirmedId = (token: string): string => `${PREFIX}${token}`;

/** The recorded lookup of outputs that belong to an unconfirmed create, if they do. */
export function unconfirmedOf(outputs: Record<string, unknown> | undefined): UnconfirmedLookup | undefined {
  const recorded = outputs?.[UNCONFIRMED_KEY];
  if (recorded === undefined) return undefined;
  const parsed = unconfirmedLookup.safeParse(recorded);
  return parsed.success ? parsed.data : undefined;
}

/** The groups (listed by name) that the recorded create may have made and that no resource of this process owns. */
export function candidates(lookup: UnconfirmedLookup, listed: readonly GroupSummary[]): GroupSummary[] {
  const before = new Set(lookup.notAmong ?? []);
  return listed.filter(
    (g) =>
      g.name === lookup.name &&
      g.description === lookup.description &&
      (lookup.region === undefined || g.region === undefined || g.region === lookup.region) &&
      (lookup.createdSince === undefined || Date.parse(g.createdAt ?? "0") >= lookup.createdSince - CLOCK_SKEW_MS) &&
      !before.has(g.id) &&
      !isClaimed(g.id),
  );
}

/** The first of `listed` (a cloud's groups) that the recorded create may have made, by `candidates`. */
export function firstCandidate<T>(lookup: UnconfirmedLookup, listed: readonly T[], summary: (group: T) => GroupSummary): T | undefined {
  const summaries = listed.map(summary);
  const [ours] = candidates(lookup, summaries);
  return ours && listed[summaries.indexOf(ours)];
}

/** Thrown by `reconcileCreate` where a later run can recognise the group; the adapter turns it into a partial create. */
export class UnconfirmedCreateError extends SecgroupsError {
  constructor(
    readonly token: string,
    readonly lookup: UnconfirmedLookup,
    failure: SecgroupsError,
  ) {
    super("Ambiguous", failure.context, failure.message, { cause: failure });
  }
}

/** The partial create the engine records: the resource's inputs, the lookup, and the serialized provider it needs. */
export class UnconfirmedPartialCreate extends PartialFailureError {
  readonly code = "PartiallyCreated";
  constructor(error: UnconfirmedCreateError, inputs: Record<string, unknown>) {
    super(unconfirmedId(error.token), { ...inputs, [UNCONFIRMED_KEY]: error.lookup }, [error.message], "created", { cause: error });
    this.name = "UnconfirmedCreateError";
    this.message = `${error.message}; recorded in state as ${this.id}: the next \`pulumi up\` adopts the group if it appeared, \`pulumi refresh\` resolves it, \`pulumi destroy\` deletes it`;
  }
}

/**
 * What the engine's Diff of an unconfirmed resource hands to the Create of its replacement (same process, same
 * creation token): the replacement adopts the group the lost create made instead of creating another.
 */
const handedOver = new Map<string, UnconfirmedLookup>();

export function handOver(token: string, lookup: UnconfirmedLookup): void {
  handedOver.set(token, lookup);
}

export function takeHandedOver(token: string | undefined): UnconfirmedLookup | undefined {
  if (token === undefined) return undefined;
  const lookup = handedOver.get(token);
  handedOver.delete(token);
  return lookup;
}
