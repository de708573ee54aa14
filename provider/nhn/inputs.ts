import { z } from "zod";
import { WORLD_CIDR } from "../core/cidr";
import * as f from "../core/rule-fields";
import { uuidId } from "../core/ids";

/** A rule's arguments in canonical form, as NHN (Neutron) defines a rule. */
const ruleFields = {
  direction: f.direction,
  ethertype: f.ethertype.optional(),
  protocol: f.protocol.nullable().optional(),
  portRangeMin: f.port.nullable().optional(),
  portRangeMax: f.port.nullable().optional(),
  remoteIpPrefix: f.cidr.nullable().optional(),
  remoteGroupId: uuidId("a security group").nullable().optional(),
  description: f.description().optional(),
};

const RawRule = z.strictObject(ruleFields);
type RawRule = z.output<typeof RawRule>;

/** Fills defaults and cross-checks fields: IPv4 unless the CIDR says IPv6, no remote means the world. */
function canonicalRule(rule: RawRule, ctx: z.RefinementCtx, path: (string | number)[] = []) {
  if (rule.remoteIpPrefix != null && rule.remoteGroupId != null) {
    ctx.addIssue({ code: "custom", message: "set remoteIpPrefix or remoteGroupId, not both", path: [...path, "remoteGroupId"] });
  }
  const r = { ...rule };
  f.refinePortsAndFamily(r, ctx, path);
  const ethertype = r.ethertype ?? "IPv4";
  return {
    direction: r.direction,
    ethertype,
    protocol: r.protocol ?? null,
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

export const SecurityGroupRuleInputs = z
  .strictObject({ securityGroupId: uuidId("a security group"), ...ruleFields })
  .transform((r, ctx) => ({ securityGroupId: r.securityGroupId, ...canonicalRule(r, ctx) }));
export type SecurityGroupRuleInputs = z.output<typeof SecurityGroupRuleInputs>;

export const SecurityGroupInputs = z.strictObject({
  name: z
    .string()
    .min(1, { error: "is required" })
    .max(255, { error: "must be at most 255 characters" })
    .refine((n) => n.toLowerCase() !== "default", { error: 'must not be "default": Neutron reserves it for the project\'s default group' }),
  description: f.description().default(""),
  deleteDefaultRules: z.boolean().default(false),
  rules: z.array(InlineRule).optional(),
});
export type SecurityGroupInputs = z.output<typeof SecurityGroupInputs>;
