import { z } from "zod";
import * as f from "../../core/rule-fields";
import { uuidId } from "../../core/ids";

const protocol = f.typedInput<"tcp" | "udp" | "icmp" | "TCP" | "UDP" | "ICMP">()(
  z
    .string()
    .transform((s) => s.trim().toLowerCase())
    .refine((s) => ["tcp", "udp", "icmp"].includes(s), { error: 'must be "tcp", "udp" or "icmp" (the only protocols Nova rules take)' }),
);

const intPort = f.typedInput<number>()(
  z.union(
    [
      z.number().int(),
      z
        .string()
        .regex(/^-?\d+$/)
        .transform(Number),
    ],
    { error: "must be a whole number" },
  ),
);

const ruleFields = {
  /** tcp, udp or icmp; may be omitted only in a group rule (= every protocol). */
  ipProtocol: protocol.nullable().optional(),
  /** First port (ICMP: the type; -1 = all); omitted = every port. */
  fromPort: intPort.nullable().optional(),
  /** Last port (ICMP: the code; -1 = all). */
  toPort: intPort.nullable().optional(),
  /** Source network; default 0.0.0.0/0 unless `groupId` is set. */
  cidr: f.cidr.nullable().optional(),
  /** Source security group id. */
  groupId: uuidId("a security group").nullable().optional(),
};
const RawRule = z.strictObject(ruleFields);

/**
 * Nova's rule semantics, made explicit: omitted ports mean all (1-65535, or -1/-1 for ICMP); no cidr and
 * no groupId means 0.0.0.0/0; a CIDR rule needs a protocol; only a group rule may omit it (= any).
 */
function canonicalRule(r: z.output<typeof RawRule>, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  const issue = (field: string, message: string) => ctx.addIssue({ code: "custom", message, path: [...path, field] });
  const groupId = r.groupId ?? null;
  if (groupId !== null && r.cidr != null) issue("cidr", "set cidr or groupId, not both (Nova would silently ignore cidr)");
  const proto = r.ipProtocol ?? null;
  if (proto === null && groupId === null)
    issue("ipProtocol", "is required for a CIDR rule (Nova has no any-protocol CIDR rule; use groupId for one)");
  if (proto === null && (r.fromPort != null || r.toPort != null)) issue("ipProtocol", "is required when ports are given");
  const icmp = proto === "icmp";
  const from = r.fromPort ?? r.toPort ?? (proto === null ? null : icmp ? -1 : 1);
  const to = r.toPort ?? (r.fromPort != null && !icmp ? r.fromPort : proto === null ? null : icmp ? -1 : 65535);
  if (from !== null && to !== null) {
    const fields = [
      ["fromPort", from],
      ["toPort", to],
    ] as const;
    const bad = fields.filter(([, v]) => (icmp ? v < -1 || v > 255 : v < 1 || v > 65535));
    for (const [field, v] of bad)
      issue(field, icmp ? `ICMP ${field === "fromPort" ? "type" : "code"} ${v} must be -1 to 255` : `port ${v} must be 1-65535`);
    if (!icmp && !bad.length && from > to) issue("toPort", `port range ${from}-${to} is reversed: fromPort must not exceed toPort`);
  }
  return { ipProtocol: proto, fromPort: from, toPort: to, cidr: groupId === null ? (r.cidr ?? "0.0.0.0/0") : null, groupId };
}

export const InlineRule = RawRule.transform((r, ctx) => canonicalRule(r, ctx));
/** One ingress rule of a Nova group, canonical. */
export type InlineRule = z.output<typeof InlineRule>;

export const SecurityGroupRuleInputs = z
  .strictObject({
    /** The group the rule belongs to. */
    parentGroupId: uuidId("a security group"),
    ...ruleFields,
  })
  .transform((r, ctx) => ({ parentGroupId: r.parentGroupId, ...canonicalRule(r, ctx) }));
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

export const SecurityGroupInputs = z.strictObject({
  /** 1-255 characters; updates in place. */
  name: f.name(255),
  /** Required by Nova (it may be empty); updates in place. */
  description: z.string({ error: "is required (Nova needs it; it may be empty)" }).max(255, { error: "must be at most 255 characters" }),
  /** The group's whole ingress rule set: rules found in the cloud and not listed here are removed. */
  rules: z.array(InlineRule).optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;

export const ServerSecurityGroupInputs = z.strictObject({
  /** The server (ECS) id; changing it replaces the attachment. */
  serverId: uuidId("a server"),
  /** A group name (unique in the project) or id; changing it replaces the attachment. */
  securityGroupName: z
    .string()
    .trim()
    .min(1, { error: "is required (a group name or id)" })
    .max(255, { error: "must be at most 255 characters (a Nova group name or id)" }),
});
