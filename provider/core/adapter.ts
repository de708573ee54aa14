import type * as pulumi from "@pulumi/pulumi";
import { skipDeleteOfAdopted } from "./adopted-ids";
import { checkInputs, CheckResult } from "./check";
import type { InputsOf, KindDefinition, OutputsOf } from "./kind";
import { splitToken, TOKEN_KEY } from "./creation-token";
import { OperationLimits, runOperation } from "./operation";
import { strip, withoutUndefined } from "./outputs";

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
}

type Bag = Record<string, unknown>;

/** The engine's bag without `__provider` and the creation token. */
const clean = (bag: Bag): Bag => splitToken(strip(bag))[0];

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
    diff: (id: string, olds: Bag, news: Bag) => op("diff", () => ops.diff(id, clean(olds) as O, clean(news) as I)),
    async create(inputs: Bag) {
      const [declared, token] = splitToken(strip(inputs));
      const { id, outs } = await op("create", () => ops.create(declared as I), token);
      return { id, outs: withoutUndefined(outs) };
    },
    async read(id: string, props: Bag) {
      const found = await op("read", () => ops.read(id, clean(props ?? {}) as Partial<O>));
      if (!found) return {};
      return {
        id: found.id ?? id,
        props: withoutUndefined(found.props),
        ...(found.inputs ? { inputs: withoutUndefined(found.inputs) } : {}),
      };
    },
    async delete(id: string, props: Bag) {
      if (skipDeleteOfAdopted(def.kind, id)) return;
      await op("delete", () => ops.delete(id, clean(props ?? {}) as O));
    },
  };
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
