import type * as pulumi from "@pulumi/pulumi";
import { withAdoption } from "./core/adoption";
import { redactError } from "./core/errors";
import { redact } from "./core/log";
import { useStackConfig } from "./core/settings";

type Impl = Omit<pulumi.dynamic.ResourceProvider, "configure">;

/** Every resource kind the shims in state may name; the strings are a stored contract: never rename one. */
const implementations: Readonly<Record<string, () => Impl>> = {
  "nhn:SecurityGroup": () => require("./nhn/provider").securityGroupProvider,
  "nhn:SecurityGroupRule": () => require("./nhn/provider").securityGroupRuleProvider,
  "scaleway:SecurityGroup": () => require("./scaleway/provider").securityGroupProvider,
  "scaleway:SecurityGroupRule": () => require("./scaleway/provider").securityGroupRuleProvider,
  "genesiscloud:SecurityGroup": () => require("./genesiscloud/provider").securityGroupProvider,
  "genesiscloud:SecurityGroupRule": () => require("./genesiscloud/provider").securityGroupRuleProvider,
  "huaweicloud:SecurityGroup": () => require("./huaweicloud/provider").securityGroupProvider,
  "huaweicloud:SecurityGroupRule": () => require("./huaweicloud/provider").securityGroupRuleProvider,
  "huaweicloud/nova:SecurityGroup": () => require("./huaweicloud/nova/provider").securityGroupProvider,
  "huaweicloud/nova:SecurityGroupRule": () => require("./huaweicloud/nova/provider").securityGroupRuleProvider,
  "huaweicloud/nova:ServerSecurityGroup": () => require("./huaweicloud/nova/provider").serverSecurityGroupProvider,
};

/** The implementation the shim of `kind` delegates to, with `configure` feeding the shared settings. */
export function implementationFor(kind: string): Required<pulumi.dynamic.ResourceProvider> {
  const load = implementations[kind];
  if (!load) throw new Error(`this version of pulumi-secgroups has no resource kind "${kind}"; the state was written by another version`);
  const impl = load();
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
    const result = await impl[method](...args);
    if (method !== "check" || !result || typeof result !== "object") return result;
    const { failures } = result as { failures?: { property: string; reason: string }[] };
    return failures ? { ...result, failures: failures.map((f) => ({ ...f, reason: redact(f.reason) })) } : result;
  } catch (error) {
    throw redactError(error);
  }
}

function stringOrUndefined(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "string" ? v : JSON.stringify(v);
}
