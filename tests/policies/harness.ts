// Runs policies as plain functions with hand-built args (no engine, no gRPC), collecting every violation.
import {
  PolicyResource,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { Policy } from "@pulumi/policy/policy";

// @pulumi/policy/proxy exports these at runtime, but they are @internal and its proxy.d.ts is `export {}`; typed here.
const proxy = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(toProxy: T): T;
  UnknownValueError: new (unknownTypeSentinel: string, props: string[]) => Error & { unknownTypeSentinel: string; props: string[] };
  unknownStringValue: string;
};
const { unknownCheckingProxy } = proxy;

/** The error the SDK's proxy throws when a policy reads an unknown (computed at preview) value. */
export const UnknownValueError = proxy.UnknownValueError;

export const urnOf = (type: string, name: string): string => `urn:pulumi:dev::secgroups::${type}::${name}`;

export interface Outcome {
  violations: string[];
  notApplicable?: string;
}

class NotApplicable extends Error {
  constructor(readonly reason?: string) {
    super(reason);
  }
}

function resourceArgs(type: string, props: Record<string, unknown>, name: string, config: Record<string, unknown>): ResourceValidationArgs {
  return {
    type,
    props: unknownCheckingProxy(props),
    urn: urnOf(type, name),
    name,
    opts: {
      protect: false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
    },
    stackTags: new Map(),
    isType: () => false,
    asType: () => undefined,
    getConfig: <T>() => ({ ...config }) as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  } as unknown as ResourceValidationArgs;
}

/** Runs a resource policy on one resource; `violations` are the messages exactly as reported. */
export async function runResource(
  policy: Policy,
  type: string,
  props: Record<string, unknown>,
  config: Record<string, unknown> = {},
  name = "res",
): Promise<Outcome> {
  const p = policy as ResourceValidationPolicy;
  const violations: string[] = [];
  if (!p.validateResource) throw new Error(`${p.name} has no validateResource`);
  const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
  try {
    for (const v of validations) await v(resourceArgs(type, props, name, config), (m) => violations.push(String(m)));
  } catch (e) {
    if (e instanceof NotApplicable) return { violations, notApplicable: e.reason };
    throw e;
  }
  return { violations };
}

export async function remediate(policy: Policy, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}) {
  const p = policy as ResourceValidationPolicy;
  return p.remediateResource!(resourceArgs(type, props, "res", config));
}

export interface StackEntry {
  type: string;
  name: string;
  props: Record<string, unknown>;
  /** propertyDependencies by name of the resource depended on. */
  deps?: Record<string, string[]>;
}

/** Runs a stack policy; violations as "urn-name: message". */
export async function runStack(policy: Policy, entries: StackEntry[], config: Record<string, unknown> = {}): Promise<string[]> {
  return (
    await runStackCollecting(policy, entries, config, (e) => {
      throw e;
    })
  ).violations;
}

/** Runs a stack policy that may stop on a value unknown at preview: the violations reported before, and the SDK's "could not judge" reason. */
export async function runStackOutcome(
  policy: Policy,
  entries: StackEntry[],
  config: Record<string, unknown> = {},
): Promise<{ violations: string[]; unknown?: string }> {
  let unknown: string | undefined;
  const { violations } = await runStackCollecting(policy, entries, config, (e) => {
    if (!(e instanceof UnknownValueError)) throw e;
    unknown = e.message;
  });
  return unknown === undefined ? { violations } : { violations, unknown };
}

async function runStackCollecting(
  policy: Policy,
  entries: StackEntry[],
  config: Record<string, unknown>,
  onError: (e: unknown) => void,
): Promise<{ violations: string[] }> {
  const resources = entries.map((e) => ({
    type: e.type,
    name: e.name,
    urn: urnOf(e.type, e.name),
    props: unknownCheckingProxy(e.props),
    opts: {},
    dependencies: [],
    propertyDependencies: {},
    isType: () => false,
    asType: () => undefined,
  })) as unknown as PolicyResource[];
  const byName = new Map(resources.map((r) => [r.name, r]));
  entries.forEach((e, i) => {
    for (const [k, names] of Object.entries(e.deps ?? {})) resources[i].propertyDependencies[k] = names.map((n) => byName.get(n)!);
  });
  const out: string[] = [];
  const args = {
    resources,
    getConfig: <T>() => ({ ...config }) as T,
    stackTags: new Map(),
    notApplicable: () => {
      throw new NotApplicable();
    },
  } as unknown as StackValidationArgs;
  try {
    await (policy as StackValidationPolicy).validateStack(args, (m, urn) => out.push(`${urn?.split("::").pop()}: ${m}`));
  } catch (e) {
    onError(e);
  }
  return { violations: out };
}

/** The value the SDK deserialises an unknown (computed at preview) string into. */
export const UNKNOWN: string = proxy.unknownStringValue;
