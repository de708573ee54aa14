import { noteAdopted } from "./adopted-ids";
import { isAmbiguous, isConflict, SecgroupsError } from "./errors";
import { log } from "./log";
import { currentOperation, limits, pause, remainingMs } from "./operation";
import { UnconfirmedCreateError, UnconfirmedLookup } from "./unconfirmed-create";

/** How one cloud creates one object and recognises it afterwards, for `reconcileCreate`. */
export interface CreateSteps<T> {
  /** e.g. `security group web`, for progress lines and errors. */
  what: string;
  create: () => Promise<T>;
  /**
   * Finds the object this create made after its answer was lost: by its creation token, its exact rule tuple or
   * its exact fields; never by position in a list (a sibling created in parallel may be there).
   */
  find: () => Promise<T | undefined>;
  /** Fetches the object a conflict named, when the cloud names one. */
  adopt?: (existingId: string) => Promise<T | undefined>;
  /**
   * The id of a found object. Given, an object `find` returns after a lost answer is recorded as adopted in this
   * run: it may be an older identical object (a rule whose tuple the create repeated), not one this create made.
   */
  idOf?: (found: T) => string;
  /**
   * Finds the object an earlier run made and never recorded (its answer was lost, its lookups failed), before
   * anything is posted; given only where the object carries this operation's creation token.
   */
  findEarlier?: () => Promise<T | undefined>;
  /**
   * Where the object cannot carry the token (see unconfirmed-create.ts): how a later run recognises it. Given, a
   * create that no lookup settles fails as an unconfirmed partial create that the next run resolves.
   */
  unconfirmed?: () => UnconfirmedLookup;
}

/**
 * Creates one object so that a lost answer never leaves a duplicate or an orphan:
 * 1. an object with this operation's creation token (an earlier run's lost create) is adopted, not created again;
 * 2. a conflict naming an identical object adopts it;
 * 3. after an ambiguous failure, the object is looked up (`lookupTries` times with backoff, within the deadline).
 *    Found: adopted. The cloud answered (a 5xx: the request is over) and it is not there: posted once more.
 *    Every lookup failed: fail without posting again. No answer (the request may still be under way) and not
 *    found: where a later run can recognise it (a creation token on the object, or `unconfirmed`), fail without
 *    posting again (the next run adopts it through step 1 or as an unconfirmed create); else post again.
 */
export async function reconcileCreate<T>(steps: CreateSteps<T>): Promise<T> {
  const token = currentOperation()?.token;
  const recognisable = token !== undefined && (steps.findEarlier !== undefined || steps.unconfirmed !== undefined);
  if (token !== undefined && steps.findEarlier) {
    const earlier = await steps.findEarlier();
    if (earlier !== undefined) {
      log(`${steps.what}: found the object an earlier run created (creation token ${token}); adopting it`);
      return earlier;
    }
  }
  return createResolving(steps, (answered) => answered || !recognisable);
}

/**
 * One POST and, when its answer is lost, the lookups. `postAgain` says (given whether the cloud answered) whether a
 * POST whose object was not found may be sent once more; the second round never posts a third time.
 */
async function createResolving<T>(steps: CreateSteps<T>, postAgain: ((answered: boolean) => boolean) | undefined): Promise<T> {
  try {
    return await steps.create();
  } catch (error) {
    const adopted = await adoptConflict(steps, error);
    if (adopted !== undefined) return adopted;
    if (!isAmbiguous(error)) throw error;
    const answered = (error as SecgroupsError).context.status !== undefined;
    const lookup = await lookUp(steps, answered && postAgain ? 1 : limits().lookupTries);
    if (lookup.found !== undefined) {
      if (steps.idOf) noteAdopted(steps.idOf(lookup.found), steps.what);
      return lookup.found;
    }
    if (postAgain && lookup.succeeded && postAgain(answered)) {
      log(`${steps.what}: not created; trying once more`);
      return createResolving(steps, undefined);
    }
    const token = currentOperation()?.token;
    if (steps.unconfirmed && token) {
      const failure = lostCreateError(steps.what, error as SecgroupsError, lookup, "the next run looks for it again");
      throw new UnconfirmedCreateError(token, steps.unconfirmed(), failure);
    }
    const next =
      token && steps.findEarlier
        ? `the next run finds it by its creation token ${token} and adopts it instead of creating another`
        : "check the cloud for it before running again";
    throw lostCreateError(steps.what, error as SecgroupsError, lookup, next);
  }
}

async function adoptConflict<T>(steps: CreateSteps<T>, error: unknown): Promise<T | undefined> {
  const existingId = (error as SecgroupsError).existingId;
  if (!isConflict(error) || !steps.adopt || !existingId) return undefined;
  const existing = await steps.adopt(existingId);
  if (existing !== undefined) {
    log(`${steps.what}: already exists as ${existingId}, adopting it`);
    noteAdopted(existingId, steps.what);
  }
  return existing;
}

interface Lookup<T> {
  found?: T;
  /** At least one lookup answered (so "not found" means something). */
  succeeded: boolean;
  lastError?: unknown;
  tries: number;
}

/** Up to `tries` lookups with doubling waits, stopping early at the deadline. */
async function lookUp<T>(steps: CreateSteps<T>, tries: number): Promise<Lookup<T>> {
  log(`${steps.what}: no answer from the cloud; checking whether it was created`);
  const result: Lookup<T> = { succeeded: false, tries: 0 };
  for (let i = 0; i < tries; i++) {
    if (i > 0) {
      const wait = limits().lookupDelayMs * 2 ** (i - 1);
      if (wait >= remainingMs()) break;
      await pause(wait, steps.what, "looking up a create whose answer was lost");
    }
    result.tries++;
    try {
      const found = await steps.find();
      result.succeeded = true;
      if (found !== undefined) return { ...result, found };
    } catch (error) {
      result.lastError = error;
      log(`${steps.what}: lookup ${i + 1} of ${tries} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return result;
}

/** The failure of a create that may have happened: it says so, and how the next run avoids a duplicate. */
function lostCreateError(what: string, error: SecgroupsError, lookup: Lookup<unknown>, next: string): SecgroupsError {
  const looked = lookup.succeeded
    ? `${lookup.tries} lookup(s) did not find it yet`
    : `${lookup.tries} lookup(s) failed (${lookup.lastError instanceof Error ? lookup.lastError.message : String(lookup.lastError)})`;
  return new SecgroupsError(
    "Ambiguous",
    { operation: `create ${what}` },
    `the cloud did not answer the create and ${looked}; the object may exist: not posting again; ${next}`,
    { cause: error },
  );
}
