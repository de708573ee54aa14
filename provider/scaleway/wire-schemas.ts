import { z } from "zod";

/** Instance API response bodies, loose: fields Scaleway adds must not break a read. */
export const WireRule = z.looseObject({
  id: z.string(),
  protocol: z.string(),
  direction: z.string(),
  action: z.string(),
  ip_range: z.string(),
  dest_port_from: z.number().nullable().optional(),
  dest_port_to: z.number().nullable().optional(),
  position: z.number(),
  editable: z.boolean(),
  zone: z.string().optional(),
});
export type WireRule = z.infer<typeof WireRule>;

export const WireGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  project: z.string(),
  organization: z.string().optional(),
  servers: z.array(z.looseObject({ id: z.string(), name: z.string().optional() })).default([]),
  stateful: z.boolean(),
  inbound_default_policy: z.string(),
  outbound_default_policy: z.string(),
  project_default: z.boolean().default(false),
  enable_default_security: z.boolean().default(true),
  tags: z.array(z.string()).default([]),
  zone: z.string(),
  creation_date: z.string().optional(),
});
export type WireGroup = z.infer<typeof WireGroup>;

export const GroupEnvelope = z.looseObject({ security_group: WireGroup });
export const GroupList = z.looseObject({ security_groups: z.array(WireGroup) });
export const RuleEnvelope = z.looseObject({ rule: WireRule });
export const RuleList = z.looseObject({ rules: z.array(WireRule) });
