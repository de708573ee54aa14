import { z } from "zod";
import { checkPortRange } from "../core/port-range";
import { canonicalProtocol, ProtocolError } from "../core/protocol";
import * as f from "../core/rule-fields";
import { uuidId } from "../core/ids";

/** The zones the Instance API serves. */
export const ZONES = [
  "fr-par-1",
  "fr-par-2",
  "fr-par-3",
  "nl-ams-1",
  "nl-ams-2",
  "nl-ams-3",
  "pl-waw-1",
  "pl-waw-2",
  "pl-waw-3",
  "it-mil-1",
] as const;

const WIRE_PROTOCOL: Record<string, "TCP" | "UDP" | "ICMP"> = { tcp: "TCP", udp: "UDP", icmp: "ICMP" };

/** A Scaleway protocol as a program may write it (`check` also reads other cases and spellings of "any"). */
export type ScalewayProtocolInput = "TCP" | "UDP" | "ICMP" | "ANY" | "tcp" | "udp" | "icmp" | "any" | 1 | 6 | 17 | "1" | "6" | "17";

/** TCP, UDP, ICMP or ANY; names in any case, numbers (6, 17, 1) and the spellings of "any" are accepted. */
const protocol = f.typedInput<ScalewayProtocolInput>()(
  z.union([z.string(), z.number()]).transform((v, ctx) => {
    try {
      const p = canonicalProtocol(v);
      if (p === null) return "ANY" as const;
      if (p in WIRE_PROTOCOL) return WIRE_PROTOCOL[p];
      ctx.addIssue({ code: "custom", message: `Scaleway rules support TCP, UDP, ICMP or ANY, not ${p}` });
    } catch (e) {
      ctx.addIssue({ code: "custom", message: e instanceof ProtocolError ? e.message : String(e) });
    }
    return z.NEVER;
  }),
);

const lowerEnum = <T extends string>(values: readonly [T, ...T[]]) =>
  f.typedInput<T>()(
    z.string().transform((s, ctx) => {
      const v = s.trim().toLowerCase() as T;
      if (values.includes(v)) return v;
      ctx.addIssue({ code: "custom", message: `must be ${values.map((x) => `"${x}"`).join(" or ")}` });
      return z.NEVER;
    }),
  );

const direction = lowerEnum(["inbound", "outbound"]);
const action = lowerEnum(["accept", "drop"]);
const zone = lowerEnum(ZONES);

const ruleFields = {
  /** `TCP`, `UDP`, `ICMP` or `ANY` (also lower case or a protocol number). */
  protocol,
  /** `inbound` or `outbound`. */
  direction,
  /** `accept` or `drop`. */
  action,
  /** CIDR or bare IP (`203.0.113.7` means `/32`). */
  ipRange: f.cidr,
  /** First port; omitted = every port (ICMP and ANY take none). */
  destPortFrom: f.port.nullable().optional(),
  /** Last port of the range; omit for a single port. */
  destPortTo: f.port.nullable().optional(),
};

type RawRule = {
  protocol: string;
  direction: string;
  action: string;
  ipRange: string;
  destPortFrom?: number | null;
  destPortTo?: number | null;
};

/** Ports in canonical form: null/null for every port (and always for ICMP/ANY), a single port as from = to. */
function canonicalRule<R extends RawRule>(r: R, ctx: z.RefinementCtx) {
  const from = r.destPortFrom === 0 ? null : (r.destPortFrom ?? null);
  const to = r.destPortTo === 0 ? null : (r.destPortTo ?? null);
  let ports = { min: null as number | null, max: null as number | null };
  if (r.protocol === "ICMP" || r.protocol === "ANY") {
    if (from !== null || to !== null)
      ctx.addIssue({
        code: "custom",
        message: `protocol ${r.protocol} has no ports on Scaleway; remove destPortFrom/destPortTo`,
        path: ["destPortFrom"],
      });
  } else {
    const range = checkPortRange(r.protocol.toLowerCase(), from, to);
    if ("message" in range)
      ctx.addIssue({ code: "custom", message: range.message, path: [range.field === "min" ? "destPortFrom" : "destPortTo"] });
    else ports = range;
  }
  return { ...r, protocol: r.protocol as "TCP" | "UDP" | "ICMP" | "ANY", destPortFrom: ports.min, destPortTo: ports.max };
}

export const InlineRule = z.strictObject(ruleFields).transform(canonicalRule);
/** One rule of a group, canonical: upper-case protocol, CIDR with length, null ports for "every port". */
export type InlineRule = z.output<typeof InlineRule>;

export const SecurityGroupRuleInputs = z
  .strictObject({
    /** Defaults to SCW_DEFAULT_ZONE (or `secgroups:scalewayZone`), else fr-par-1; changing it replaces the rule. */
    zone: zone.optional(),
    /** The group the rule belongs to; changing it replaces the rule. */
    securityGroupId: uuidId("a security group"),
    ...ruleFields,
    /** 1 is evaluated first; omitted, the rule is appended. */
    position: z.number().int().min(1, { error: "must be 1 or more (1 is evaluated first)" }).optional(),
  })
  .transform(canonicalRule);
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

const policy = lowerEnum(["accept", "drop"]);

export const SecurityGroupInputs = z.strictObject({
  /** Defaults to SCW_DEFAULT_ZONE (or `secgroups:scalewayZone`), else fr-par-1; changing it replaces the group. */
  zone: zone.optional(),
  /** 1-255 characters; updates in place. */
  name: f.name(255),
  /** Free text; default "". */
  description: f.description().default(""),
  /** Defaults to SCW_DEFAULT_PROJECT_ID (or `secgroups:scalewayProjectId`); changing it replaces the group. */
  projectId: z.guid({ error: "must be a project id (a UUID)" }).optional(),
  /** Whether return traffic is allowed automatically; default true. */
  stateful: z.boolean().default(true),
  /** What happens to inbound traffic no rule matches; default "accept". */
  inboundDefaultPolicy: policy.default("accept"),
  /** What happens to outbound traffic no rule matches; default "accept". */
  outboundDefaultPolicy: policy.default("accept"),
  /** Whether new servers of the project get this group; default false. */
  projectDefault: z.boolean().default(false),
  /** Scaleway's six non-editable outbound SMTP drop rules; default true. */
  enableDefaultSecurity: z.boolean().default(true),
  /** Tags; default none. */
  tags: z.array(z.string().min(1, { error: "must not be empty" })).default([]),
  /** The group's whole editable rule set, first match first: editable rules not listed here are removed. */
  rules: z.array(InlineRule).optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;
