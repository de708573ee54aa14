import { z } from "zod";

/** Neutron response bodies, loose: fields NHN adds must not break a read. */
export const WireRule = z.looseObject({
  id: z.string(),
  security_group_id: z.string(),
  direction: z.enum(["ingress", "egress"]),
  ethertype: z.string(),
  protocol: z.string().nullable().optional(),
  port_range_min: z.number().nullable().optional(),
  port_range_max: z.number().nullable().optional(),
  remote_ip_prefix: z.string().nullable().optional(),
  remote_group_id: z.string().nullable().optional(),
  description: z.string().nullable().optional(),
});
export type WireRule = z.infer<typeof WireRule>;

export const WireGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  tenant_id: z.string().optional(),
  security_group_rules: z.array(WireRule).default([]),
  created_at: z.string().optional(),
});
export type WireGroup = z.infer<typeof WireGroup>;

export const GroupEnvelope = z.looseObject({ security_group: WireGroup });
export const GroupList = z.looseObject({ security_groups: z.array(WireGroup) });
export const RuleEnvelope = z.looseObject({ security_group_rule: WireRule });
export const RuleList = z.looseObject({ security_group_rules: z.array(WireRule) });
