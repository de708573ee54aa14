import { z } from "zod";
import { WORLD_CIDR } from "../core/cidr";
import * as f from "../core/rule-fields";
import { uuidId } from "../core/ids";

/** A rule's arguments as Neutron defines a rule; omitted protocol, ports or remote mean "any". */
const ruleFields = {
  /** `ingress` (traffic to the group's ports) or `egress`. */
  direction: f.direction,
  /** `IPv4` or `IPv6`; default: the family of `remoteIpPrefix`, else IPv4. */
  ethertype: f.ethertype.optional(),
  /** A name (`tcp`, `udp`, `icmp`, ...), an IP protocol number, or an "any" spelling; omitted = every protocol. */
  protocol: f.protocol.nullable().optional(),
  /** First port (a lone `portRangeMin` is one port); for ICMP, the type. Omitted = every port. */
  portRangeMin: f.port.nullable().optional(),
  /** Last port; for ICMP, the code. */
  portRangeMax: f.port.nullable().optional(),
  /** The peer network (CIDR or bare IP); omitted with no `remoteGroupId` = the whole world of the ethertype. */
  remoteIpPrefix: f.cidr.nullable().optional(),
  /** The peer security group, instead of `remoteIpPrefix`. */
  remoteGroupId: uuidId("a security group").nullable().optional(),
  /** Free text, at most 255 characters; default "". */
  description: f.description().optional(),
};

const RawRule = z.strictObject(ruleFields);
type RawRule = z.output<typeof RawRule>;

/** Protocols Neutron accepts only with ethertype IPv6 (SecurityGroupEthertypeConflictWithProtocol otherwise). */
export const IPV6_ONLY_PROTOCOLS = new Set(["ipv6-encap", "ipv6-frag", "ipv6-icmp", "ipv6-nonxt", "ipv6-opts", "ipv6-route"]);

/** The protocol as Neutron stores it: with IPv6, icmp (and its number 1) is stored as ipv6-icmp (58). */
export function neutronProtocol(protocol: string | null, ethertype: "IPv4" | "IPv6"): string | null {
  return ethertype === "IPv6" && protocol === "icmp" ? "ipv6-icmp" : protocol;
}

/** Fills defaults and cross-checks fields: IPv4 unless the CIDR says IPv6, no remote means the world. */
function canonicalRule(rule: RawRule, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  if (rule.remoteIpPrefix != null && rule.remoteGroupId != null) {
    ctx.addIssue({ code: "custom", message: "set remoteIpPrefix or remoteGroupId, not both", path: [...path, "remoteGroupId"] });
  }
  const r = { ...rule };
  f.refinePortsAndFamily(r, ctx, path);
  const ethertype = r.ethertype ?? "IPv4";
  const protocol = neutronProtocol(r.protocol ?? null, ethertype);
  if (protocol !== null && ethertype === "IPv4" && IPV6_ONLY_PROTOCOLS.has(protocol)) {
    ctx.addIssue({
      code: "custom",
      message: `${protocol} is an IPv6 protocol: it needs ethertype "IPv6" (or an IPv6 remoteIpPrefix), and Neutron refuses it with IPv4`,
      path: [...path, "protocol"],
    });
  }
  return {
    direction: r.direction,
    ethertype,
    protocol,
    portRangeMin: r.portRangeMin ?? null,
    portRangeMax: r.portRangeMax ?? null,
    remoteIpPrefix: r.remoteGroupId != null ? null : (r.remoteIpPrefix ?? WORLD_CIDR[ethertype]),
    remoteGroupId: r.remoteGroupId ?? null,
    description: r.description ?? "",
  };
}

export const InlineRule = RawRule.transform((r, ctx) => canonicalRule(r, ctx));
/** One rule of a group, canonical: every field present, null where the cloud means "any". */
export type InlineRule = z.output<typeof InlineRule>;
/** A live rule: the canonical rule plus its id. */
export type LiveRule = InlineRule & { id: string };
export const LiveRuleOutput = z.array(z.custom<LiveRule>());

export const SecurityGroupRuleInputs = z
  .strictObject({
    /** The group the rule belongs to. */
    securityGroupId: uuidId("a security group"),
    ...ruleFields,
  })
  .transform((r, ctx) => ({ securityGroupId: r.securityGroupId, ...canonicalRule(r, ctx) }));
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

export const SecurityGroupInputs = z.strictObject({
  /** 1-255 characters, not `default` (Neutron reserves it). Updates in place. */
  name: f
    .name(255)
    .refine((n) => n.toLowerCase() !== "default", { error: 'must not be "default": Neutron reserves it for the project\'s default group' }),
  /** Free text; default "". Updates in place. */
  description: f.description().default(""),
  /** Remove the two egress-to-anywhere rules Neutron adds to a new group (ignored when `rules` is set); default false. */
  deleteDefaultRules: z.boolean().default(false),
  /**
   * The group's whole rule set: rules found in the cloud and not listed here are removed, default rules
   * included. Omit it to manage rules with SecurityGroupRule resources.
   */
  rules: z.array(InlineRule).optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;
