import { randomUUID } from "node:crypto";
import type { Route } from "../types";
import type { HwState } from "./model";
import { setOwn } from "../own";

/**
 * Emulator-only controls under `/_emulator/huaweicloud/`: ports that put groups in use, address groups
 * for `remote_address_group_id`, and IAM actions to deny a principal (to provoke 403s).
 */
export const controlRoutes: Route<HwState>[] = [
  {
    // `{"projectId", "securityGroupIds"}` -> a port using those groups.
    method: "POST",
    path: "/_emulator/huaweicloud/ports",
    handler(ctx) {
      const b = ctx.body as { projectId: string; securityGroupIds: string[] };
      const id = randomUUID();
      ctx.state.ports[id] = { id, project_id: b.projectId, security_groups: b.securityGroupIds };
      return { status: 201, body: { id } };
    },
  },
  {
    method: "DELETE",
    path: "/_emulator/huaweicloud/ports/:id",
    handler(ctx) {
      delete ctx.state.ports[ctx.params.id];
      return { status: 204 };
    },
  },
  {
    // `{"projectId", "ipVersion": 4|6}` -> an address group.
    method: "POST",
    path: "/_emulator/huaweicloud/address-groups",
    handler(ctx) {
      const b = ctx.body as { projectId: string; ipVersion: 4 | 6 };
      const id = randomUUID();
      ctx.state.addressGroups[id] = { id, project_id: b.projectId, ip_version: b.ipVersion };
      return { status: 201, body: { id } };
    },
  },
  {
    // `{"principal": "<AK>" | "token:<user>", "actions": ["vpc:securityGroups:create", ...]}`; an empty list clears.
    method: "PUT",
    path: "/_emulator/huaweicloud/denied",
    handler(ctx) {
      const b = ctx.body as { principal: string; actions: string[] };
      setOwn(ctx.state.denied, b.principal, b.actions);
      return { status: 204 };
    },
  },
];
