import { z } from "zod";
import { WORLD_CIDR } from "../core/cidr";
import * as f from "../core/rule-fields";
import { canonicalMultiport, DEFAULT_PRIORITY, huaweiProtocol } from "./marshal";
import { uuidId } from "../core/ids";

const NAME = /^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/;

const description = f.description(255).refine((d) => !/[<>]/.test(d), { error: "must not contain < or >" });

/** A rule's arguments as VPC v3 defines them, canonicalised as they validate. */
const ruleFields = {
  /** `ingress` or `egress`. */
  direction: f.direction,
  /** `IPv4` or `IPv6`; default: the family of `remoteIpPrefix`, IPv6 for icmpv6, else IPv4. */
  ethertype: f.ethertype.optional(),
  /** tcp, udp, icmp, icmpv6 or an IP protocol number; omitted = every protocol. */
  protocol: f.protocol.nullable().optional(),
  /** A port (`"80"`), a range (`"1-30"`) or a comma list (`"22,3389,8000-8080"`); tcp/udp only; omitted = every port. */
  multiport: z.union([z.string(), z.number().int()]).nullable().optional(),
  /** `allow` or `deny`; default "allow". */
  action: z.enum(["allow", "deny"], { error: 'must be "allow" or "deny"' }).default("allow"),
  /** 1 (highest) to 100; default 1. */
  priority: f.port.refine((p) => p >= 1 && p <= 100, { error: "must be 1-100 (1 is the highest priority)" }).default(DEFAULT_PRIORITY),
  /** The peer network (CIDR or bare IP); with no remote at all, the whole world of the ethertype. */
  remoteIpPrefix: f.cidr.nullable().optional(),
  /** The peer security group, instead of `remoteIpPrefix`. */
  remoteGroupId: uuidId("a security group").nullable().optional(),
  /** The peer IP address group, instead of `remoteIpPrefix`. */
  remoteAddressGroupId: uuidId("an address group").nullable().optional(),
  /** Free text without `<` or `>`; default "". */
  description: description.optional(),
};

const RawRule = z.strictObject(ruleFields);
type RawRule = z.output<typeof RawRule>;

/** Defaults (IPv4 unless the CIDR or icmpv6 says IPv6, allow, priority 1, world when no remote) and cross-field rules. */
function canonicalRule(r: RawRule, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", message, path: [...path, field] });
  const remotes = (["remoteIpPrefix", "remoteGroupId", "remoteAddressGroupId"] as const).filter((k) => r[k] != null);
  if (remotes.length > 1)
    issue(remotes[1], `set only one of remoteIpPrefix, remoteGroupId and remoteAddressGroupId (got ${remotes.join(" and ")})`);
  const protocol = r.protocol == null ? null : huaweiProtocol(r.protocol);
  const family = r.remoteIpPrefix != null ? f.ethertypeOf(r.remoteIpPrefix) : undefined;
  const ethertype = r.ethertype ?? family ?? (protocol === "icmpv6" ? "IPv6" : "IPv4");
  if (family && family !== ethertype) issue("remoteIpPrefix", `${r.remoteIpPrefix} is an ${family} network but ethertype is ${ethertype}`);
  if (protocol === "icmpv6" && ethertype === "IPv4") issue("protocol", "icmpv6 needs ethertype IPv6");
  if (protocol === "icmp" && ethertype === "IPv6") issue("protocol", 'icmp needs ethertype IPv4; use "icmpv6" for IPv6');
  let multiport: string | null = null;
  if (r.multiport != null) {
    const m = canonicalMultiport(String(r.multiport));
    if (typeof m === "object" && m !== null) issue("multiport", m.error);
    else if (m !== null && protocol !== "tcp" && protocol !== "udp")
      issue("multiport", `ports need protocol tcp or udp (protocol is ${protocol ?? "any"})`);
    else multiport = m;
  }
  return {
    direction: r.direction,
    ethertype,
    protocol,
    multiport,
    action: r.action,
    priority: r.priority,
    remoteIpPrefix: remotes.length && r.remoteIpPrefix == null ? null : (r.remoteIpPrefix ?? WORLD_CIDR[ethertype]),
    remoteGroupId: r.remoteGroupId ?? null,
    remoteAddressGroupId: r.remoteAddressGroupId ?? null,
    description: r.description ?? "",
  };
}

export const InlineRule = RawRule.transform((r, ctx) => canonicalRule(r, ctx));
/** One rule of a group, canonical: every field present, null where the cloud means "any". */
export type InlineRule = z.output<typeof InlineRule>;

export const SecurityGroupRuleInputs = z
  .strictObject({
    /** The group the rule belongs to. */
    securityGroupId: uuidId("a security group"),
    ...ruleFields,
  })
  .transform((r, ctx) => ({ securityGroupId: r.securityGroupId, ...canonicalRule(r, ctx) }));
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

export const SecurityGroupInputs = z.strictObject({
  /** 1-64 letters, digits, Chinese characters, `_`, `-` or `.`; updates in place. */
  name: z
    .string()
    .min(1, { error: "is required", abort: true })
    .max(64, { error: "must be at most 64 characters" })
    .regex(NAME, { error: "may contain only letters, digits, Chinese characters, _ - and ." }),
  /** Free text without `<` or `>`; default "". Updates in place. */
  description: description.default(""),
  /** "0" (the default enterprise project) or an enterprise project UUID; changing it replaces the group. */
  enterpriseProjectId: z
    .string()
    .regex(/^(0|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/, {
      error: 'must be "0" (the default enterprise project) or a UUID',
    })
    .optional(),
  /** Remove the four rules VPC adds to a new group (ignored when `rules` is set); default false. */
  deleteDefaultRules: z.boolean().default(false),
  /** The group's whole rule set: rules found in the cloud and not listed here are removed, default rules included. */
  rules: z.array(InlineRule).optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;
