import type * as pulumi from "@pulumi/pulumi";
import { checkInputs, CheckResult } from "./check";
import type { InputsOf, KindDefinition, OutputsOf } from "./kind";
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

/** The dynamic-provider object of a kind: the one place that strips, validates, cleans and maps "gone". */
export function kindProvider<D extends KindDefinition>(
  def: D,
  ops: KindOperations<InputsOf<D>, OutputsOf<D>>,
): pulumi.dynamic.ResourceProvider {
  type I = InputsOf<D>;
  type O = OutputsOf<D>;
  const provider: pulumi.dynamic.ResourceProvider = {
    async check(olds: Bag, news: Bag) {
      const validate = (bag: Bag) => checkInputs(def.inputs, bag);
      return ops.check ? ops.check(strip(olds ?? {}) as Partial<O>, strip(news), validate) : validate(strip(news));
    },
    diff: (id: string, olds: Bag, news: Bag) => ops.diff(id, strip(olds) as O, strip(news) as I),
    async create(inputs: Bag) {
      const { id, outs } = await ops.create(strip(inputs) as I);
      return { id, outs: withoutUndefined(outs) };
    },
    async read(id: string, props: Bag) {
      const found = await ops.read(id, strip(props ?? {}) as Partial<O>);
      if (!found) return {};
      return {
        id: found.id ?? id,
        props: withoutUndefined(found.props),
        ...(found.inputs ? { inputs: withoutUndefined(found.inputs) } : {}),
      };
    },
    async delete(id: string, props: Bag) {
      await ops.delete(id, strip(props ?? {}) as O);
    },
  };
  if (ops.update) {
    const update = ops.update;
    provider.update = async (id: string, olds: Bag, news: Bag) => ({
      outs: withoutUndefined(await update(id, strip(olds) as O, strip(news) as I)),
    });
  }
  return provider;
}
