import { z } from "zod";

/** Genesis Cloud response bodies, loose: fields the API adds (region, is_internal, updated_at) must not break a read. */
export const WireRule = z.looseObject({
  protocol: z.string(),
  direction: z.string(),
  port_range_min: z.number().nullable().optional(),
  port_range_max: z.number().nullable().optional(),
});
export type WireRule = z.infer<typeof WireRule>;

export const WireGroup = z.looseObject({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable().optional(),
  region: z.string().nullable().optional(),
  /** Absent in the seed's list example; read as settled. */
  status: z.string().optional(),
  rules: z.array(WireRule).nullable().optional(),
  created_at: z.string().optional(),
});
export type WireGroup = z.infer<typeof WireGroup>;

export const GroupEnvelope = z.looseObject({ security_group: WireGroup });
export const GroupPage = z.looseObject({
  security_groups: z.array(WireGroup),
  total_count: z.number().optional(),
  page: z.number().optional(),
  per_page: z.number().optional(),
});

/** The rule body the API takes: every field present, ports null where the protocol has none. */
export interface WireRuleBody {
  protocol: "tcp" | "udp" | "icmp" | "all";
  direction: "ingress" | "egress";
  port_range_min: number | null;
  port_range_max: number | null;
}
