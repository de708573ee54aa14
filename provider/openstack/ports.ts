import { z } from "zod";
import type { HttpClient } from "../core/http";

const PortList = () =>
  z.looseObject({
    ports: z.array(
      z.looseObject({ id: z.string(), device_id: z.string().nullable().optional(), device_owner: z.string().nullable().optional() }),
    ),
  });

/** Upstream Neutron's `GET /v2.0/ports?security_groups=<id>`: who uses a group, for the "in use" message of a delete. */
export async function groupUsers(c: HttpClient, groupId: string): Promise<string> {
  const res = await c.request({
    operation: `list ports using security group ${groupId}`,
    method: "GET",
    path: "/v2.0/ports",
    query: { security_groups: groupId },
    response: PortList(),
  });
  const ports = res.body.ports;
  return ports.length
    ? `${ports.length} port(s): ${ports.map((p) => `${p.id}${p.device_id ? ` (device ${p.device_id})` : ""}`).join(", ")}`
    : "";
}
