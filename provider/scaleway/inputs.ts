import { z } from "zod";
import { canonicalPortRange } from "../core/port-range";
import { canonicalProtocol, ProtocolError } from "../core/protocol";
import * as f from "../core/rule-fields";
import { uuidId } from "../core/ids";

/** The zones the Instance API serves. */
export const ZONES = ["fr-par-1", "fr-par-2", "fr-par-3", "nl-ams-1", "nl-ams-2", "nl-ams-3", "pl-waw-1", "pl-waw-2", "pl-waw-3", "it-mil-1"] as const;

const WIRE_PROTOCOL: Record<string, "TCP" | "UDP" | "ICMP"> = { tcp: "TCP", udp: "UDP", icmp: "ICMP" };

/** TCP, UDP, ICMP or ANY; names in any case, numbers (6, 17, 1) and the spellings of "any" are accepted. */
const protocol = z.union([z.string(), z.number()]).transform((v, ctx) => {
  try {
    const p = canonicalProtocol(v);
    if (p === null) return "ANY" as const;
    if (p in WIRE_PROTOCOL) return WIRE_PROTOCOL[p];
    ctx.addIssue({ code: "custom", message: `Scaleway rules support TCP, UDP, ICMP or ANY, not ${p}` });
  } catch (e) {
    ctx.addIssue({ code: "custom", message: e instanceof ProtocolError ? e.message : String(e) });
  }
  return z.NEVER;
});

const lowerEnum = <T extends string>(values: readonly [T, ...T[]]) =>
  z.string().transform((s, ctx) => {
    const v = s.trim().toLowerCase() as T;
    if (values.includes(v)) return v;
    ctx.addIssue({ code: "custom", message: `must be ${values.map((x) => `"${x}"`).join(" or ")}` });
    return z.NEVER;
  });

const direction = lowerEnum(["inbound", "outbound"]);
const action = lowerEnum(["accept", "drop"]);
const zone = lowerEnum(ZONES);

const ruleFields = {
  protocol,
  direction,
  action,
  ipRange: f.cidr,
  destPortFrom: f.port.nullable().optional(),
  destPortTo: f.port.nullable().optional(),
};

type RawRule = { protocol: string; direction: string; action: string; ipRange: string; destPortFrom?: number | null; destPortTo?: number | null };

/** Ports in canonical form: null/null for every port (and always for ICMP/ANY), a single port as from = to. */
function canonicalRule<R extends RawRule>(r: R, ctx: z.RefinementCtx) {
  const from = r.destPortFrom === 0 ? null : (r.destPortFrom ?? null);
  const to = r.destPortTo === 0 ? null : (r.destPortTo ?? null);
  let ports = { min: null as number | null, max: null as number | null };
  if (r.protocol === "ICMP" || r.protocol === "ANY") {
    if (from !== null || to !== null) ctx.addIssue({ code: "custom", message: `protocol ${r.protocol} has no ports on Scaleway; remove destPortFrom/destPortTo`, path: ["destPortFrom"] });
  } else {
    const range = canonicalPortRange(r.protocol.toLowerCase(), from, to);
    if (typeof range === "string") ctx.addIssue({ code: "custom", message: range, path: ["destPortFrom"] });
    else ports = range;
  }
  return { ...r, protocol: r.protocol as "TCP" | "UDP" | "ICMP" | "ANY", destPortFrom: ports.min, destPortTo: ports.max };
}

export const InlineRule = z.strictObject(ruleFields).transform(canonicalRule);
/** One rule of a group, canonical: upper-case protocol, CIDR with length, null ports for "every port". */
export type InlineRule = z.output<typeof InlineRule>;

export const SecurityGroupRuleInputs = z
  .strictObject({
    zone: zone.optional(),
    securityGroupId: uuidId("a security group"),
    ...ruleFields,
    position: z.number().int().min(1, { error: "must be 1 or more (1 is evaluated first)" }).optional(),
  })
  .transform(canonicalRule);
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

const policy = lowerEnum(["accept", "drop"]);

export const SecurityGroupInputs = z.strictObject({
  zone: zone.optional(),
  name: z.string().min(1, { error: "is required" }).max(255, { error: "must be at most 255 characters" }),
  description: f.description().default(""),
  projectId: z.guid({ error: "must be a project id (a UUID)" }).optional(),
  stateful: z.boolean().default(true),
  inboundDefaultPolicy: policy.default("accept"),
  outboundDefaultPolicy: policy.default("accept"),
  projectDefault: z.boolean().default(false),
  enableDefaultSecurity: z.boolean().default(true),
  tags: z.array(z.string().min(1, { error: "must not be empty" })).default([]),
  rules: z.array(InlineRule).optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;
