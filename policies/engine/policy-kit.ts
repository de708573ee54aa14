// Builds a resource policy from a judge over normalised rules: type filter, config with defaults,
// exemptions (active ones skip, expired ones are named in the violation), one message per resource.
import { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ConfigKey, configSchemaFor, resolveConfig, Resolved } from "./config";
import { exemptionReason, expiredNote, findExemption } from "./exemptions";
import { Cloud, NormalisedResource } from "./model";
import { COVERED_TYPES, normalise, RULE_GROUP_FIELD } from "./normalise";
import { Props } from "./fields";
import { Aspect, Path, pathText, UnknownValue } from "./unknowns";

export type Severity = "low" | "medium" | "high" | "critical";

export interface ResourcePolicySpec {
  name: string;
  /** One sentence starting "Checks that". */
  description: string;
  severity: Severity;
  enforcementLevel: EnforcementLevel;
  remediationSteps: string;
  configKeys: readonly ConfigKey[];
  /** What the judge reads: a value unknown at preview that changes none of these does not stop it. */
  needs: readonly Aspect[];
  /** The clouds the policy is about; it passes other clouds' resources without reading them (all clouds when omitted). */
  clouds?: readonly Cloud[];
  /** Start of the violation message, e.g. "Admin ports are open to the world". */
  summary: string;
  /** Findings for one resource; none = compliant. */
  judge(res: NormalisedResource, cfg: Resolved): string[];
  /** Opt-in remediation (enforcement level `remediate`): new props, or undefined to leave the resource alone. */
  remediate?(type: string, props: Props, cfg: Resolved): Props | undefined;
}

const COVERED = new Set(COVERED_TYPES);

/** The policy that says, once per resource, which values are unknown at preview and which policies wait for them. */
export const VALUES_KNOWN_POLICY = "values-known-at-preview";

/** Why an exposure policy skips a standalone rule resource: no-world-exposure-across-rules judges it with its group. */
export const DEFERRED = "judged with its security group by no-world-exposure-across-rules";
export const DEFERRED_EXACT = `${DEFERRED} (on Huawei and Scaleway a rule's effect depends on the group's other rules)`;
export const DEFERRED_OPTION = `${DEFERRED} (judgeStandaloneRulesWithGroup)`;

export const ALWAYS_KEYS: readonly ConfigKey[] = ["exemptions"];

/** Every resource policy built here, what it needs and the clouds it is about, in the order they were built. */
export const POLICY_NEEDS = new Map<string, { needs: readonly Aspect[]; clouds?: readonly Cloud[] }>();

/** Does the policy judge this resource at all (its cloud), and is one of the unknowns something it needs? */
export const waitsFor = (res: NormalisedResource, p: { needs: readonly Aspect[]; clouds?: readonly Cloud[] }, u: UnknownValue): boolean =>
  (!p.clouds || p.clouds.includes(res.cloud)) && u.aspects.some((a) => p.needs.includes(a));

/** The unknowns of `res` that change something the policy needs. */
export const blockingUnknowns = (res: NormalisedResource, needs: readonly Aspect[]): readonly UnknownValue[] =>
  res.unknowns ? res.unknowns.filter((u) => u.aspects.some((a) => needs.includes(a))) : NO_UNKNOWNS;
const NO_UNKNOWNS: readonly UnknownValue[] = Object.freeze([]);

/**
 * Why the exposure policies leave a rule resource to the stack policy, or undefined when they judge it:
 * Huawei (priority, deny wins) and Scaleway (first match by position) rule resources always, the union
 * clouds' only with judgeStandaloneRulesWithGroup.
 */
export function deferral(type: string, res: NormalisedResource, cfg: Resolved): string | undefined {
  if (RULE_GROUP_FIELD[type] === undefined) return undefined;
  if (res.semantics !== "union") return DEFERRED_EXACT;
  return cfg.judgeStandaloneRulesWithGroup ? DEFERRED_OPTION : undefined;
}

export function resourcePolicy(spec: ResourcePolicySpec): ResourceValidationPolicy {
  const keys = [...new Set([...spec.configKeys, ...ALWAYS_KEYS])];
  const defers = keys.includes("judgeStandaloneRulesWithGroup");
  POLICY_NEEDS.set(spec.name, { needs: spec.needs, clouds: spec.clouds });
  const policy: ResourceValidationPolicy = {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    enforcementLevel: spec.enforcementLevel,
    remediationSteps: spec.remediationSteps,
    configSchema: configSchemaFor(keys),
    validateResource: (args: ResourceValidationArgs, report) => {
      const cfg = judgeable(args, spec.name, keys);
      if (!cfg) return;
      const res = normalise(args.type, args.props as Props, args.urn);
      if (!res || (spec.clouds && !spec.clouds.includes(res.cloud))) return;
      const deferred = defers ? deferral(args.type, res, cfg.cfg) : undefined;
      if (deferred) notApplicable(args, deferred);
      const unknown = blockingUnknowns(res, spec.needs);
      if (unknown.length) notApplicable(args, waitingReason(unknown.map((u) => u.path)));
      const findings = spec.judge(res, cfg.cfg);
      if (findings.length) report(`${spec.summary}: ${findings.join("; ")}.${expiredNote(cfg.expired)}`);
    },
  };
  if (spec.remediate) {
    const remediate = spec.remediate;
    policy.remediateResource = (args) => {
      const cfg = judgeable(args, spec.name, keys);
      const res = cfg && normalise(args.type, args.props as Props, args.urn);
      if (!cfg || !res || blockingUnknowns(res, spec.needs).length) return undefined;
      return remediate(args.type, { ...(args.props as Props) }, cfg.cfg);
    };
  }
  return policy;
}

const waitingReason = (paths: readonly Path[]): string =>
  `${paths.map(pathText).join(", ")} unknown at preview: judged at pulumi up (${VALUES_KNOWN_POLICY} reports it once per resource)`;

// args.notApplicable throws the SDK's NotApplicableError, which the SDK only reads the reason of: the first
// error for a reason is kept and thrown again rather than built anew (host CPU over 10,000 Analyze calls with
// 12,858 such answers: about 120 ms less). Reasons are few: deferral, exemptions, values unknown at preview.
const thrownFor = new Map<string, unknown>();
const MAX_REASONS = 256;

export function notApplicable(args: ResourceValidationArgs, reason: string): never {
  const known = thrownFor.get(reason);
  if (known !== undefined) throw known;
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    args.notApplicable(reason);
  } catch (e) {
    if (thrownFor.size >= MAX_REASONS) thrownFor.clear();
    thrownFor.set(reason, e);
    throw e;
  } finally {
    Error.stackTraceLimit = limit;
  }
  throw new Error(`the policy SDK's notApplicable returned instead of throwing (reason: ${reason})`);
}

/** Config and expired exemptions when the resource is covered and not exempted; calls notApplicable otherwise. */
export function judgeable(args: ResourceValidationArgs, policy: string, keys: readonly ConfigKey[] = ALWAYS_KEYS) {
  if (!COVERED.has(args.type)) return undefined;
  const cfg = resolveConfig(args.getConfig(), policy, keys);
  const ex = findExemption(cfg.exemptions, policy, args.name, args.urn);
  if (ex.active) notApplicable(args, exemptionReason(ex.active));
  return { cfg, expired: ex.expired };
}

/**
 * Throws the SDK's own error for the unknown at `path` (the proxy over `props` raises it on read), with
 * `note` appended: the SDK reports it as an advisory "can't run policy ... during preview".
 */
export function raiseUnknown(props: unknown, path: Path, note = ""): never {
  try {
    path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], props);
  } catch (e) {
    if (e instanceof Error && note) e.message += note;
    throw e;
  }
  throw new Error(`${pathText(path)} was read as unknown but the props hold a value there`);
}
