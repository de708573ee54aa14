import type * as pulumi from "@pulumi/pulumi";
import { claim, skipDeleteOfAdopted } from "./adopted-ids";
import { checkInputs, CheckResult } from "./check";
import type { InputsOf, KindDefinition, OutputsOf } from "./kind";
import { splitToken, TOKEN_KEY } from "./creation-token";
import { PartialFailureError } from "./errors";
import { finishCreate } from "./lifecycle";
import { log } from "./log";
import { OperationLimits, runOperation } from "./operation";
import { strip, withoutUndefined } from "./outputs";
import {
  candidates,
  GroupSummary,
  handOver,
  takeHandedOver,
  UNCONFIRMED_KEY,
  UnconfirmedCreateError,
  UnconfirmedLookup,
  unconfirmedOf,
  UnconfirmedPartialCreate,
} from "./unconfirmed-create";

/** What a read found: the outputs, and the inputs to record when they must change (import, drift). */
export interface ReadFound<I, O> {
  /** Set when the object's id differs from the one asked for (an import id with a zone prefix). */
  id?: string;
  props: Partial<O>;
  inputs?: Partial<I>;
}

/**
 * One resource kind's operations on typed values: `check` has already validated and canonicalised the
 * inputs, the engine's `__provider` is gone, and undefined values are removed from what is returned.
 * `read` returns undefined when the object is gone.
 */
export interface KindOperations<I, O> {
  /**
   * Replaces the plain schema check when a kind checks more (arguments it refuses by name, a dry run in
   * the cloud); `validate` runs the kind's schema on a property bag.
   */
  check?(
    olds: Partial<O>,
    raw: Record<string, unknown>,
    validate: (bag: Record<string, unknown>) => CheckResult<Record<string, unknown>>,
  ): Promise<CheckResult<Record<string, unknown>>>;
  diff(id: string, olds: O, news: I): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: I): Promise<{ id: string; outs: O }>;
  read(id: string, props: Partial<O>): Promise<ReadFound<I, O> | undefined>;
  update?(id: string, olds: O, news: I): Promise<O>;
  delete(id: string, props: O): Promise<void>;
  /**
   * The groups named `name`, for kinds whose creates can end unconfirmed (see unconfirmed-create.ts): how a later
   * run finds the group such a create made.
   */
  groupsNamed?(name: string): Promise<GroupSummary[]>;
}

type Bag = Record<string, unknown>;

/** The engine's bag without `__provider`, the creation token and an unconfirmed create's lookup. */
const clean = (bag: Bag): Bag => {
  const { [UNCONFIRMED_KEY]: _lookup, ...rest } = splitToken(strip(bag))[0];
  return rest;
};

/**
 * A partial create as the engine must record it: with the serialized provider, which the host adds to a create's
 * outputs but not to a failure's (without it, a later delete of the resource could not load its provider).
 */
function recordable(error: unknown, inputs: Bag, declared: Bag): unknown {
  const partial = error instanceof UnconfirmedCreateError ? new UnconfirmedPartialCreate(error, declared) : error;
  if (partial instanceof PartialFailureError && inputs.__provider !== undefined && partial.properties.__provider === undefined)
    partial.properties.__provider = inputs.__provider;
  return partial;
}

/**
 * The dynamic-provider object of a kind: the one place that strips, validates, cleans and maps "gone". Each
 * method runs as one operation (see operation.ts) with the cloud's `limits` and one deadline; create carries
 * the resource's creation token (see creation-token.ts), which check keeps and every other method ignores.
 */
export function kindProvider<D extends KindDefinition>(
  def: D,
  ops: KindOperations<InputsOf<D>, OutputsOf<D>>,
  limits: Partial<OperationLimits> = {},
): pulumi.dynamic.ResourceProvider {
  type I = InputsOf<D>;
  type O = OutputsOf<D>;
  const op = <T>(verb: string, fn: () => Promise<T>, token?: string) => runOperation(`${verb} ${def.kind}`, fn, { limits, token });
  const provider: pulumi.dynamic.ResourceProvider = {
    async check(olds: Bag, news: Bag) {
      const validate = (bag: Bag) => checkInputs(def.inputs, bag);
      const [raw, token] = splitToken(strip(news));
      const result = await op("check", () =>
        ops.check ? ops.check(clean(olds ?? {}) as Partial<O>, raw, validate) : Promise.resolve(validate(raw)),
      );
      return token === undefined || !result.inputs ? result : { ...result, inputs: { ...result.inputs, [TOKEN_KEY]: token } };
    },
    async diff(id: string, olds: Bag, news: Bag) {
      const lookup = unconfirmedOf(olds);
      if (lookup) {
        const token = splitToken(strip(news))[1];
        if (token !== undefined) handOver(token, lookup);
        return { changes: true, replaces: [UNCONFIRMED_KEY], deleteBeforeReplace: false };
      }
      return op("diff", () => ops.diff(id, clean(olds) as O, clean(news) as I));
    },
    async create(inputs: Bag) {
      const [declared, token] = splitToken(strip(inputs));
      const handed = takeHandedOver(token);
      try {
        const { id, outs } = await op(
          "create",
          async () => (handed && (await adoptUnconfirmed(handed, declared as I))) || ops.create(declared as I),
          token,
        );
        claim(id);
        return { id, outs: withoutUndefined(outs) };
      } catch (error) {
        throw recordable(error, inputs, declared);
      }
    },
    async read(id: string, props: Bag) {
      const found = await op("read", async () => {
        const lookup = unconfirmedOf(props);
        if (!lookup) return ops.read(id, clean(props ?? {}) as Partial<O>);
        const group = await findUnconfirmed(lookup);
        const read = group && (await ops.read(group.id, clean(props) as Partial<O>));
        return read && { id: group.id, props: read.props };
      });
      if (!found) return {};
      return {
        id: found.id ?? id,
        props: withoutUndefined(found.props),
        ...(found.inputs ? { inputs: withoutUndefined(found.inputs) } : {}),
      };
    },
    async delete(id: string, props: Bag) {
      await op("delete", async () => {
        const lookup = unconfirmedOf(props);
        const target = lookup ? (await findUnconfirmed(lookup))?.id : id;
        if (target === undefined || skipDeleteOfAdopted(def.kind, target)) return;
        await ops.delete(target, clean(props ?? {}) as O);
      });
    },
  };

  /** The group an earlier run's unconfirmed create made, if it appeared and nothing in this process owns it. */
  async function findUnconfirmed(lookup: UnconfirmedLookup): Promise<GroupSummary | undefined> {
    if (!ops.groupsNamed) return undefined;
    return candidates(lookup, await ops.groupsNamed(lookup.name))[0];
  }

  /** Adopts that group for the replacement of the unconfirmed resource, finishing it as its create would (rules, fields). */
  async function adoptUnconfirmed(lookup: UnconfirmedLookup, declared: I): Promise<{ id: string; outs: O } | undefined> {
    const group = await findUnconfirmed(lookup);
    if (!group) return undefined;
    log(`${def.kind} ${lookup.name}: adopting ${group.id}, which an earlier run created without learning its id`);
    claim(group.id);
    const read = await ops.read(group.id, {});
    if (!read) return undefined;
    const update = ops.update;
    const outs = update
      ? await finishCreate(
          group.id,
          () => read.props,
          () => update(group.id, read.props as O, declared),
        )
      : read.props;
    return { id: group.id, outs: outs as O };
  }
  if (ops.update) {
    const update = ops.update;
    provider.update = async (id: string, olds: Bag, news: Bag) => ({
      outs: withoutUndefined(await op("update", () => update(id, clean(olds) as O, clean(news) as I), splitToken(strip(news))[1])),
    });
  }
  return provider;
}

/** `kindProvider` with one cloud's limits: each cloud's limits.ts exports it, so its providers name the table once. */
export function kindProviderWith(limits: Partial<OperationLimits>) {
  return <D extends KindDefinition>(def: D, ops: KindOperations<InputsOf<D>, OutputsOf<D>>) => kindProvider(def, ops, limits);
}
