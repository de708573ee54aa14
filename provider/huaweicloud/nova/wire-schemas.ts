import { z } from "zod";

/** Nova os-security-groups bodies, loose. */
export const WireRule = z.looseObject({
  id: z.string(),
  parent_group_id: z.string(),
  ip_protocol: z.string().nullable().optional(),
  from_port: z.number().nullable().optional(),
  to_port: z.number().nullable().optional(),
  ip_range: z.looseObject({ cidr: z.string().optional() }).optional(),
  group: z.looseObject({ name: z.string().optional(), tenant_id: z.string().optional() }).optional(),
});
export type WireRule = z.infer<typeof WireRule>;

export const WireGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  tenant_id: z.string().optional(),
  rules: z.array(WireRule).default([]),
});
export type WireGroup = z.infer<typeof WireGroup>;

export const GroupEnvelope = z.looseObject({ security_group: WireGroup });
export const GroupList = z.looseObject({ security_groups: z.array(WireGroup) });
export const RuleEnvelope = z.looseObject({ security_group_rule: WireRule });
