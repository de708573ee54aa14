import type * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { stableKey } from "./rule-set";
import type { ModuleName, ResourceTypeName } from "./type-tokens";

/**
 * The one definition of a resource kind. Everything else is derived from it: the public `Args` and
 * output types, the outputs the resource class declares, the keys whose change replaces, and the kind
 * string the shim stores in state (`<module>:<type>`, a stored contract).
 * Per field: its canonical form and default live in `inputs` (zod), its doc in a JSDoc comment on the
 * schema's shape key (carried to `Args` and outputs), replace-on-change in `replaceOnChange`,
 * output-only fields in `computed`.
 */
export interface KindDefinition<
  S extends InputSchema = InputSchema,
  C extends z.ZodRawShape = z.ZodRawShape,
  A extends Record<string, string> = Record<string, string>,
> {
  readonly module: ModuleName;
  readonly type: ResourceTypeName;
  /** `<module>:<type>`: the string the provider shim stores in state. */
  readonly kind: string;
  /** The arguments: validated and canonicalised in `check`, once. */
  readonly inputs: S;
  /** Arguments the API cannot change in place: a change replaces the resource. */
  readonly replaceOnChange: readonly string[];
  /** Output-only properties the cloud computes (never parsed; types, names and docs only). */
  readonly computed: C;
  /** Extra names of outputs on the resource object only (`alias: output`); state keeps the output's own name. */
  readonly outputAliases: A;
  /**
   * For a group with inline `rules`: the output holding the live list, and how `rules` is derived from it. The
   * outputs store each rule once (see core/inline-rules.ts); the resource class derives `rules` again.
   */
  readonly inlineRules?: InlineRulesOutput;
}

/** Where a group's `rules` output comes from when its state stores each rule once. */
export interface InlineRulesOutput {
  /** The output holding the live rules (with ids where the cloud has them). */
  readonly live: string;
  /** The live rules as `rules` shows them: without ids, in the order `read` would give. */
  readonly derive: (live: never[]) => unknown[];
}

export type InputSchema = z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>;

export function defineKind<
  S extends InputSchema,
  C extends z.ZodRawShape,
  A extends Record<string, keyof C & string> = Record<never, never>,
>(def: {
  module: ModuleName;
  type: ResourceTypeName;
  inputs: S;
  replaceOnChange?: readonly (keyof z.input<S> & string)[];
  computed: C;
  outputAliases?: A;
  inlineRules?: { live: keyof C & string; derive: (live: never[]) => unknown[] };
}): KindDefinition<S, C, A> {
  return {
    ...def,
    kind: `${def.module}:${def.type}`,
    replaceOnChange: def.replaceOnChange ?? [],
    outputAliases: def.outputAliases ?? ({} as A),
  };
}

/** The canonical inputs `check` returns and every other method receives. */
export type InputsOf<D extends KindDefinition> = z.output<D["inputs"]>;
/** Everything the resource outputs: the canonical inputs plus the computed fields. */
export type OutputsOf<D extends KindDefinition> = z.output<D["inputs"]> & { [K in keyof D["computed"]]: z.output<D["computed"][K]> };

/** `pulumi.Input` at every level, as a program passes arguments. */
export type PulumiInputs<T> = { [K in keyof T]: PulumiInput<T[K]> };
type PulumiInput<T> = pulumi.Input<T extends readonly (infer E)[] ? PulumiInput<E>[] : T extends object ? PulumiInputs<T> : T>;

/** The public arguments of a kind, with the JSDoc of the schema's fields. */
export type ArgsOf<D extends KindDefinition> = PulumiInputs<z.input<D["inputs"]>>;
/** The public output properties of a kind. */
export type OutputPropertiesOf<D extends KindDefinition> = { readonly [K in keyof OutputsOf<D>]-?: pulumi.Output<OutputsOf<D>[K]> } & {
  readonly [K in keyof D["outputAliases"]]: pulumi.Output<OutputsOf<D>[D["outputAliases"][K] & keyof OutputsOf<D>]>;
};

/** The object shape of an input schema (before any cross-field stage). */
export function inputShape(schema: InputSchema): z.ZodRawShape {
  return schema instanceof z.ZodPipe ? (schema.in as z.ZodObject).shape : schema.shape;
}

/** Every output property name: each argument (canonical) and each computed field. */
export function outputNames(def: KindDefinition): string[] {
  return [...Object.keys(inputShape(def.inputs)), ...Object.keys(def.computed)];
}

/** Keys whose values differ (null and undefined both mean "not set"). */
export function changedKeys<K extends string>(
  keys: readonly K[],
  olds: Partial<Record<K, unknown>>,
  news: Partial<Record<K, unknown>>,
): K[] {
  return keys.filter((k) => stableKey(olds[k] ?? null) !== stableKey(news[k] ?? null));
}

/** The replace-on-change keys both sides name and that differ (a value left to the cloud's default never replaces). */
export function replacedKeys(def: KindDefinition, olds: Record<string, unknown>, news: Record<string, unknown>): string[] {
  return changedKeys(def.replaceOnChange, olds, news).filter((k) => olds[k] !== undefined && news[k] !== undefined);
}
