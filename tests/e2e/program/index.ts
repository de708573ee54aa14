// The end-to-end suite's program: declares exactly the resources listed in the stack config `e2e:resources`, so
// each test changes what is declared by changing config between `pulumi up`s. `{"ref": "name"}` in an argument
// stands for the id of a resource declared earlier in the list. With `e2e:noop` true, every resource is declared
// with the same type token, name and inputs but a provider that does nothing: the engine's own floor (`npm run bench`).
import * as pulumi from "@pulumi/pulumi";
import * as secgroups from "pulumi-secgroups";

interface Declared {
  /** `<module>:<Type>`, e.g. `nhn:SecurityGroup`, `huaweicloud/nova:ServerSecurityGroup`. */
  type: string;
  name: string;
  args: Record<string, unknown>;
  /** Adopt this existing cloud object (`opts.import`). */
  import?: string;
  deleteBeforeReplace?: boolean;
}

type ResourceClass = new (name: string, args: unknown, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;

const config = new pulumi.Config("e2e");
const declared = config.requireObject<Declared[]>("resources");
const noop = config.getBoolean("noop") ?? false;
const made = new Map<string, pulumi.CustomResource>();

function resolve(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolve);
  if (value && typeof value === "object") {
    const ref = (value as { ref?: string }).ref;
    if (typeof ref === "string") {
      const target = made.get(ref);
      if (!target) throw new Error(`e2e:resources: "${ref}" is referenced before it is declared`);
      return target.id;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
  }
  return value;
}

const doNothing: pulumi.dynamic.ResourceProvider = {
  create: async (inputs) => ({ id: `noop-${Math.random().toString(16).slice(2)}`, outs: inputs }),
  diff: async () => ({ changes: false }),
};

function noopClass(type: string): ResourceClass {
  const [module, name] = type.split(":");
  return class extends pulumi.dynamic.Resource {
    constructor(resourceName: string, args: unknown, opts?: pulumi.CustomResourceOptions) {
      super(doNothing, resourceName, args as pulumi.Inputs, opts, module, name);
    }
  };
}

function resourceClass(type: string): ResourceClass {
  if (noop) return noopClass(type);
  const [module, name] = type.split(":");
  const namespace = module.split("/").reduce<any>((ns, key) => ns?.[key], secgroups);
  if (typeof namespace?.[name] !== "function") throw new Error(`e2e:resources: unknown type "${type}"`);
  return namespace[name];
}

for (const d of declared) {
  const Resource = resourceClass(d.type);
  made.set(d.name, new Resource(d.name, resolve(d.args), { import: d.import, deleteBeforeReplace: d.deleteBeforeReplace }));
}

export const ids = Object.fromEntries([...made].map(([name, resource]) => [name, resource.id]));
