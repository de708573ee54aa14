import { z } from "zod";
import type { HttpClient } from "../core/http";

const PortList = () =>
  z.looseObject({
    security_group_ports: z.array(z.looseObject({ id: z.string(), device_id: z.string().optional(), device_owner: z.string().optional() })),
  });

/** NHN's `GET /v2.0/security-group-ports`: who uses a group, for the "in use" message of a delete. */
export async function groupUsers(c: HttpClient, groupId: string): Promise<string> {
  const res = await c.request({
    operation: `list ports using security group ${groupId}`,
    method: "GET",
    path: "/v2.0/security-group-ports",
    query: { security_group_id: groupId },
    response: PortList(),
  });
  const ports = res.body.security_group_ports;
  return ports.length
    ? `${ports.length} port(s): ${ports.map((p) => `${p.id}${p.device_id ? ` (device ${p.device_id})` : ""}`).join(", ")}`
    : "";
}
