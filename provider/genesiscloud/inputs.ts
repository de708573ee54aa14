import { z } from "zod";
import { checkPortRange } from "../core/port-range";
import * as f from "../core/rule-fields";
import { uuidId } from "../core/ids";

/** The protocols a Genesis rule takes; `all` is what core's canonical "any" (null) becomes. */
export const GENESIS_PROTOCOLS = ["tcp", "udp", "icmp", "all"] as const;
export type GenesisProtocol = (typeof GENESIS_PROTOCOLS)[number];

/** A Genesis protocol as a program may write it (`check` also reads other cases, numbers and spellings of "any"). */
export type GenesisProtocolInput = GenesisProtocol | Uppercase<GenesisProtocol> | "any" | 1 | 6 | 17;

const protocol = f.typedInput<GenesisProtocolInput>()(
  f.protocol.transform((p, ctx): GenesisProtocol => {
    const name = p ?? "all";
    if ((GENESIS_PROTOCOLS as readonly string[]).includes(name)) return name as GenesisProtocol;
    ctx.addIssue({ code: "custom", message: `Genesis Cloud rules support only tcp, udp, icmp and all, not ${name}` });
    return z.NEVER;
  }),
);

const ruleFields = {
  /** `tcp`, `udp`, `icmp` or `all`. */
  protocol,
  /** `ingress` or `egress`. */
  direction: f.direction,
  /** First port (tcp/udp only; a lone `portRangeMin` is one port); omitted = every port. */
  portRangeMin: f.port.nullable().optional(),
  /** Last port (tcp/udp only). */
  portRangeMax: f.port.nullable().optional(),
};

type RawRule = { protocol: GenesisProtocol; direction: "ingress" | "egress"; portRangeMin?: number | null; portRangeMax?: number | null };

/**
 * Canonical rule: ports only for tcp/udp, "all ports" spellings (none, 0-0, 1-65535) become null/null,
 * a lone port means that one port. ICMP and `all` take no ports on Genesis (no ICMP type/code either).
 */
function canonicalRule(r: RawRule, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  const tcpUdp = r.protocol === "tcp" || r.protocol === "udp";
  const range = checkPortRange(tcpUdp ? r.protocol : null, r.portRangeMin, r.portRangeMax);
  if ("message" in range) {
    const message = tcpUdp
      ? range.message
      : `protocol ${r.protocol} takes no ports on Genesis Cloud (a rule covers every ${r.protocol === "icmp" ? "ICMP type" : "protocol and port"}); remove portRangeMin/portRangeMax`;
    ctx.addIssue({ code: "custom", message, path: [...path, range.field === "min" ? "portRangeMin" : "portRangeMax"] });
  }
  const ports = "message" in range ? { min: null, max: null } : range;
  return { protocol: r.protocol, direction: r.direction, portRangeMin: ports.min, portRangeMax: ports.max };
}

export const InlineRule = z.strictObject(ruleFields).transform((r, ctx) => canonicalRule(r, ctx));
/** One rule in canonical form: every field present, null ports = all ports (tcp/udp) or none (icmp/all). */
export type InlineRule = z.output<typeof InlineRule>;

export const SecurityGroupRuleInputs = z
  .strictObject({
    /** A group declared without inline `rules`; a group with `rules` refuses rule resources. */
    securityGroupId: uuidId("a security group"),
    ...ruleFields,
  })
  .transform((r, ctx) => ({ securityGroupId: r.securityGroupId, ...canonicalRule(r, ctx) }));
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

const RESERVED = ["default", "standard"];

/** The regions of the compute API's `region` enum, and ARC-IS-HAF-1, its former default (dropped from the enum in 2025; older groups live there). */
export const GENESIS_REGIONS = [
  "EUC-DE-MUC-1",
  "EUW-GB-MNC-1",
  "EUW-NL-AMS-1",
  "NA-CA-FTS-1",
  "NA-CA-MNZ-1",
  "NA-CA-PRG-1",
  "NORD-NO-KRS-1",
  "ARC-IS-HAF-1",
] as const;
export type GenesisRegion = (typeof GENESIS_REGIONS)[number];

export const SecurityGroupInputs = z.strictObject({
  /** 1-255 characters, not `default` or `standard` (reserved by Genesis). Updates in place. */
  name: f.name(255).refine((n) => !RESERVED.includes(n.trim().toLowerCase()), {
    error: 'must not be "default" or "standard": Genesis Cloud reserves both',
  }),
  /** Free text; updates in place. */
  description: f.description().optional(),
  /** Region of the group (create-only; changing it replaces the group). Defaults to GENESISCLOUD_REGION, else the API's default. */
  region: f
    .typedInput<GenesisRegion>()(
      z.string().refine((r) => (GENESIS_REGIONS as readonly string[]).includes(r), {
        error: `must be one of the regions the API lists: ${GENESIS_REGIONS.join(", ")}`,
      }),
    )
    .optional(),
  /**
   * The group's whole rule list (at least one rule): rules found in the cloud and not listed here are removed.
   * Omit it to manage rules with SecurityGroupRule resources; the group is then created with one `all` egress rule.
   */
  rules: z
    .array(InlineRule)
    .min(1, {
      error:
        "must list at least one rule (Genesis Cloud refuses an empty rule list); omit `rules` to manage rules with SecurityGroupRule resources",
    })
    .superRefine((rules, ctx) => {
      const seen = new Map<string, number>();
      rules.forEach((r, i) => {
        const k = JSON.stringify(r);
        if (seen.has(k)) ctx.addIssue({ code: "custom", message: `duplicates rules[${seen.get(k)}]`, path: [i] });
        else seen.set(k, i);
      });
    })
    .optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;

/** Arguments other clouds have and Genesis cannot honour: a rule always applies to every address. */
export const SOURCE_ARGUMENTS = ["remoteIpPrefix", "remoteGroupId", "cidr", "ipRange", "ethertype", "remoteAddressGroupId"];
export const NO_SOURCE_REASON =
  "Genesis Cloud rules cannot restrict the source or destination address: every rule applies to all addresses (IPv4 and IPv6); remove this argument";
