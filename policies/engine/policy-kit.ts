// Builds a resource policy from a judge over normalised rules: type filter, config with defaults,
// exemptions (active ones skip, expired ones are named in the violation), one message per resource.
import { EnforcementLevel, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { ConfigKey, configSchemaFor, resolveConfig, Resolved } from "./config";
import { exemptionReason, expiredNote, findExemption } from "./exemptions";
import { NormalisedResource } from "./model";
import { COVERED_TYPES, normalise, RULE_GROUP_FIELD } from "./normalise";
import { Props } from "./fields";

export type Severity = "low" | "medium" | "high" | "critical";

export interface ResourcePolicySpec {
  name: string;
  /** One sentence starting "Checks that". */
  description: string;
  severity: Severity;
  enforcementLevel: EnforcementLevel;
  remediationSteps: string;
  configKeys: readonly ConfigKey[];
  /** Start of the violation message, e.g. "Admin ports are open to the world". */
  summary: string;
  /** Findings for one resource; none = compliant. */
  judge(res: NormalisedResource, cfg: Resolved): string[];
  /** Opt-in remediation (enforcement level `remediate`): new props, or undefined to leave the resource alone. */
  remediate?(type: string, props: Props, cfg: Resolved): Props | undefined;
}

const COVERED = new Set(COVERED_TYPES);

/** Why a policy declaring `judgeStandaloneRulesWithGroup` skips a standalone rule resource when it is on. */
export const DEFERRED = "judged with its security group by no-world-exposure-across-rules (judgeStandaloneRulesWithGroup)";

export const ALWAYS_KEYS: readonly ConfigKey[] = ["exemptions"];

export function resourcePolicy(spec: ResourcePolicySpec): ResourceValidationPolicy {
  const keys = [...new Set([...spec.configKeys, ...ALWAYS_KEYS])];
  const defers = keys.includes("judgeStandaloneRulesWithGroup");
  const policy: ResourceValidationPolicy = {
    name: spec.name,
    description: spec.description,
    severity: spec.severity,
    enforcementLevel: spec.enforcementLevel,
    remediationSteps: spec.remediationSteps,
    configSchema: configSchemaFor(keys),
    validateResource: (args: ResourceValidationArgs, report) => {
      const cfg = judgeable(args, spec.name);
      if (!cfg) return;
      if (defers && cfg.cfg.judgeStandaloneRulesWithGroup && RULE_GROUP_FIELD[args.type] !== undefined) args.notApplicable(DEFERRED);
      const res = normalise(args.type, args.props as Props);
      if (!res) return;
      const findings = spec.judge(res, cfg.cfg);
      if (findings.length) report(`${spec.summary}: ${findings.join("; ")}.${expiredNote(cfg.expired)}`);
    },
  };
  if (spec.remediate) {
    const remediate = spec.remediate;
    policy.remediateResource = (args) => {
      const cfg = judgeable(args, spec.name);
      return cfg ? remediate(args.type, { ...(args.props as Props) }, cfg.cfg) : undefined;
    };
  }
  return policy;
}

/** Config and expired exemptions when the resource is covered and not exempted; calls notApplicable otherwise. */
function judgeable(args: ResourceValidationArgs, policy: string) {
  if (!COVERED.has(args.type)) return undefined;
  const cfg = resolveConfig(args.getConfig());
  const ex = findExemption(cfg.exemptions, policy, args.name, args.urn);
  if (ex.active) args.notApplicable(exemptionReason(ex.active));
  return { cfg, expired: ex.expired };
}
