import * as pulumi from "@pulumi/pulumi";
import { adoptionArgs } from "./adoption";
import { creationToken, TOKEN_KEY } from "./creation-token";
import { ArgsOf, KindDefinition, OutputPropertiesOf, outputNames } from "./kind";
import { providerShim } from "./provider-shim";

/** The class of a resource kind, as a program sees it: `new X(name, args, opts)` with typed outputs. */
export type ResourceClass<D extends KindDefinition> = new (
  name: string,
  args: ArgsOf<D>,
  opts?: pulumi.CustomResourceOptions,
) => pulumi.dynamic.Resource & OutputPropertiesOf<D>;

/**
 * Builds the resource class of a kind. Every output is declared as an undefined input so the engine
 * registers it (and `resource.x` exists) even when the program leaves the argument out. The provider
 * passed to the engine is the shim of the kind: only the kind string is serialized into state.
 * `opts.import` becomes the `__adopt` input (see core/adoption.ts); the creation token travels as an input too.
 */
export function resourceClass<D extends KindDefinition>(def: D): ResourceClass<D> {
  const provider = providerShim(def.kind);
  const names = outputNames(def);
  class KindResource extends pulumi.dynamic.Resource {
    constructor(name: string, args: ArgsOf<D>, opts?: pulumi.CustomResourceOptions) {
      const declared: Record<string, unknown> = Object.fromEntries(names.map((k) => [k, undefined]));
      const token = creationToken({ project: pulumi.getProject(), stack: pulumi.getStack(), type: `${def.module}:${def.type}`, name });
      super(provider, name, ...adoptionArgs({ ...declared, ...(args as object), [TOKEN_KEY]: token }, opts), def.module, def.type);
      const self = this as unknown as Record<string, unknown>;
      if (def.inlineRules && (args as Record<string, unknown>).rules !== undefined) {
        self.rules = derivedRules(
          self.rules as pulumi.Output<unknown>,
          self[def.inlineRules.live] as pulumi.Output<never[]>,
          def.inlineRules.derive,
        );
      }
      for (const [alias, output] of Object.entries(def.outputAliases)) self[alias] = self[output];
    }
  }
  return KindResource as unknown as ResourceClass<D>;
}

/**
 * A group's `rules` output. After an update it is derived from the live list, the only copy of each rule in
 * state (the SDK would otherwise fill the missing output with the program's own, uncanonical, input); a preview
 * shows what the engine echoes, the checked inputs, as before.
 */
function derivedRules(stored: pulumi.Output<unknown>, live: pulumi.Output<never[]>, derive: (live: never[]) => unknown[]) {
  if (pulumi.runtime.isDryRun()) return stored;
  return live.apply((l) => (l === undefined ? undefined : derive(l)));
}
