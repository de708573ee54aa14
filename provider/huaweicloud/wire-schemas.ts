import { z } from "zod";

/** VPC v3 response bodies, loose: fields Huawei adds (e.g. `enabled`) must not break a read. */
export const WireRule = z.looseObject({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.enum(["ingress", "egress"]),
  ethertype: z.string(),
  protocol: z.string().nullable().optional(),
  multiport: z.union([z.string(), z.number()]).nullable().optional(),
  action: z.string().nullable().optional(),
  priority: z.union([z.number(), z.string()]).nullable().optional(),
  remote_ip_prefix: z.string().nullable().optional(),
  remote_group_id: z.string().nullable().optional(),
  remote_address_group_id: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
});
export type WireRule = z.infer<typeof WireRule>;

export const WireGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  project_id: z.string().optional(),
  enterprise_project_id: z.string().nullable().optional(),
  created_at: z.string().optional(),
  updated_at: z.string().optional(),
  security_group_rules: z.array(WireRule).optional(),
  tags: z
    .array(z.looseObject({ key: z.string(), value: z.string().nullable().optional() }))
    .nullable()
    .optional(),
});
export type WireGroup = z.infer<typeof WireGroup>;

const PageInfo = z.looseObject({ next_marker: z.string().nullable().optional(), current_count: z.number().optional() });
export const GroupEnvelope = z.looseObject({ security_group: WireGroup });
export const GroupPage = z.looseObject({ security_groups: z.array(WireGroup), page_info: PageInfo.optional() });
export const RuleEnvelope = z.looseObject({ security_group_rule: WireRule });
export const RulePage = z.looseObject({ security_group_rules: z.array(WireRule), page_info: PageInfo.optional() });
export const RuleList = z.looseObject({ security_group_rules: z.array(WireRule) });

export const IamToken = z.looseObject({ token: z.looseObject({ expires_at: z.string() }) });
