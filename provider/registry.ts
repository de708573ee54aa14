import type * as pulumi from "@pulumi/pulumi";
import { withAdoption } from "./core/adoption";
import { redactError, SecgroupsError } from "./core/errors";
import { noteChecked, noteChecking, noteCreating } from "./core/expected-creates";
import { redact } from "./core/log";
import { useStackConfig } from "./core/settings";
import type { ModuleName, ResourceTypeName } from "./core/type-tokens";

type Impl = Omit<pulumi.dynamic.ResourceProvider, "configure">;
type Providers = Partial<Record<ResourceTypeName, Impl>>;

/**
 * The providers of each module, loaded on first use. A kind string stored in state is `<module>:<type>`
 * (see core/kind.ts): a stored contract, so a module or type here is never renamed.
 */
const modules: Readonly<Record<ModuleName, () => Providers>> = {
  nhn: () => require("./nhn/provider").providers,
  openstack: () => require("./openstack/provider").providers,
  scaleway: () => require("./scaleway/provider").providers,
  genesiscloud: () => require("./genesiscloud/provider").providers,
  huaweicloud: () => require("./huaweicloud/provider").providers,
  "huaweicloud/nova": () => require("./huaweicloud/nova/provider").providers,
};

function implementation(kind: string): Impl | undefined {
  const at = kind.lastIndexOf(":");
  const load = Object.hasOwn(modules, kind.slice(0, at)) ? modules[kind.slice(0, at) as ModuleName] : undefined;
  const providers = load?.();
  const type = kind.slice(at + 1);
  return providers && Object.hasOwn(providers, type) ? providers[type as ResourceTypeName] : undefined;
}

/** The implementation the shim of `kind` delegates to, with `configure` feeding the shared settings. */
export function implementationFor(kind: string): Required<pulumi.dynamic.ResourceProvider> {
  const impl = implementation(kind);
  if (!impl)
    throw new SecgroupsError(
      "Configuration",
      { operation: `load resource kind ${kind}` },
      `this version of pulumi-secgroups has no resource kind "${kind}"; the state was written by another version`,
    );
  const complete = withAdoption(kind, {
    check: async (olds, news) => (impl.check ? impl.check(olds, news) : { inputs: news }),
    diff: async (id, olds, news) => (impl.diff ? impl.diff(id, olds, news) : {}),
    create: (inputs) => impl.create(inputs),
    read: async (id, props) => (impl.read ? impl.read(id, props) : { id, props }),
    update: async (id, olds, news) => (impl.update ? impl.update(id, olds, news) : { outs: news }),
    delete: async (id, props) => impl.delete?.(id, props),
  });
  return { configure: async (req) => useStackConfig((key) => stringOrUndefined(req.config.get(key))), ...complete };
}

/**
 * Entry point of the shims stored in state (`require("pulumi-secgroups/run").run(kind, method, args)`); the last
 * guard before the engine: errors and check failure reasons leave with every registered secret redacted.
 */
export async function run(kind: string, method: string, args: unknown[]): Promise<unknown> {
  try {
    const impl = implementationFor(kind) as unknown as Record<string, (...a: unknown[]) => unknown>;
    if (method === "check") noteChecking(kind, args[0], args[1]);
    if (method === "create") noteCreating(kind, args[0]);
    const result = await impl[method](...args);
    if (method === "check") noteChecked(kind, args[1], result);
    if (method !== "check" || !result || typeof result !== "object") return result;
    const { failures } = result as { failures?: { property: string; reason: string }[] };
    return failures ? { ...result, failures: failures.map((f) => ({ ...f, reason: redact(f.reason) })) } : result;
  } catch (error) {
    if (method === "check") noteChecked(kind, args[1], undefined);
    throw redactError(error);
  }
}

/** The methods a stored shim gets from `attach`: every provider method but `configure`, which calls it. */
const ATTACHED = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * Entry point of the shims stored in state since 0.2 (`configure` calls `attach(this, kind, args)`): gives the
 * shim every other method, synchronously, then configures. Returns configure's promise.
 */
export function attach(shim: Record<string, unknown>, kind: string, configureArgs: unknown[]): Promise<unknown> {
  for (const method of ATTACHED) shim[method] = (...args: unknown[]) => run(kind, method, args);
  return run(kind, "configure", configureArgs);
}

function stringOrUndefined(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}
