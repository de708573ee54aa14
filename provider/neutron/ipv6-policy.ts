import type { CheckFailure, CheckResult } from "../core/check";
import type { InlineRule } from "./inputs";
import { isDefaultEgress } from "./rule-sync";

/** Whether a Neutron profile's cloud takes IPv6 rules; NHN's guide says rules are IPv4 only. */
export interface Ipv6Policy {
  /** True when IPv6 rules may be sent (read at check time, so stack config applies). */
  allowed(): boolean;
  /** Why IPv6 rules are refused and how to allow them, e.g. "NHN Cloud creates rules for IPv4 only; ...". */
  refusal: string;
}

/** One failure per IPv6 rule of canonical inputs (a rule resource's own fields, or each inline rule). */
export function ipv6Failures(inputs: Record<string, unknown>, policy: Ipv6Policy): CheckFailure[] {
  const rules = Array.isArray(inputs.rules) ? (inputs.rules as Record<string, unknown>[]) : undefined;
  const candidates: [string, Record<string, unknown>][] = rules
    ? rules.map((r, i) => [`rules.${i}.ethertype`, r ?? {}])
    : [["ethertype", inputs]];
  // NHN adds an IPv6 egress-to-anywhere rule to every new group: declaring it (an import does) keeps it, creates nothing.
  const ipv6 = candidates.filter(([, r]) => isIpv6(r) && !isDefaultEgress(r as unknown as InlineRule));
  if (!ipv6.length || policy.allowed()) return [];
  return ipv6.map(([property]) => ({ property, reason: policy.refusal }));
}

/** An IPv6 rule: canonical inputs say so in `ethertype`; raw ones (after other failures) may say so by their CIDR. */
function isIpv6(r: Record<string, unknown>): boolean {
  if (typeof r.ethertype === "string") return r.ethertype.trim().toLowerCase() === "ipv6";
  return typeof r.remoteIpPrefix === "string" && r.remoteIpPrefix.includes(":");
}

/** The kind's schema check plus the IPv6 refusal when the profile has one (reported with the other failures). */
export function withIpv6Policy(
  result: CheckResult<Record<string, unknown>>,
  policy: Ipv6Policy | undefined,
): CheckResult<Record<string, unknown>> {
  if (!policy) return result;
  const known = new Set(result.failures.map((f) => f.property));
  const failures = ipv6Failures(result.inputs, policy).filter((f) => !known.has(f.property));
  return failures.length ? { inputs: result.inputs, failures: [...result.failures, ...failures] } : result;
}
