/**
 * The IAM actions the emulated gateway requires for each call, as data the emulator owns (never the
 * provider's table, so a wrong action name in the provider fails a test instead of passing everywhere).
 * Nova rows are Huawei's table (ECS "Security Group Management", seed 003), checked against it in
 * tests/huaweicloud/permissions.test.ts; VPC v3 rows are the VPC actions named after each operation.
 */
export const EMULATED_VPC_ACTIONS = {
  listGroups: ["vpc:securityGroups:get"],
  createGroup: ["vpc:securityGroups:create"],
  showGroup: ["vpc:securityGroups:get"],
  updateGroup: ["vpc:securityGroups:update"],
  deleteGroup: ["vpc:securityGroups:delete"],
  listRules: ["vpc:securityGroupRules:get"],
  createRule: ["vpc:securityGroupRules:create"],
  batchCreateRules: ["vpc:securityGroupRules:create"],
  showRule: ["vpc:securityGroupRules:get"],
  deleteRule: ["vpc:securityGroupRules:delete"],
} as const satisfies Record<string, readonly string[]>;

/** Nova calls: the seed's method, path (`{v}` = v2 or v2.1) and actions. */
export const EMULATED_NOVA_ACTIONS = {
  createGroup: {
    method: "POST",
    path: "/{v}/{project_id}/os-security-groups",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:create", "vpc:securityGroups:update"],
  },
  deleteGroup: {
    method: "DELETE",
    path: "/{v}/{project_id}/os-security-groups/{security_group_id}",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:delete", "vpc:securityGroups:update"],
  },
  showGroup: {
    method: "GET",
    path: "/{v}/{project_id}/os-security-groups/{security_group_id}",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get"],
  },
  listGroups: {
    method: "GET",
    path: "/{v}/{project_id}/os-security-groups",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get"],
  },
  createRule: {
    method: "POST",
    path: "/{v}/{project_id}/os-security-group-rules",
    actions: [
      "ecs:securityGroups:use",
      "vpc:securityGroups:get",
      "vpc:securityGroups:update",
      "vpc:securityGroupRules:get",
      "vpc:securityGroupRules:create",
    ],
  },
  deleteRule: {
    method: "DELETE",
    path: "/{v}/{project_id}/os-security-group-rules/{security_group_rule_id}",
    actions: [
      "ecs:securityGroups:use",
      "vpc:securityGroups:get",
      "vpc:securityGroups:update",
      "vpc:securityGroupRules:get",
      "vpc:securityGroupRules:delete",
    ],
  },
  updateGroup: {
    method: "PUT",
    path: "/{v}/{project_id}/os-security-groups/{security_group_id}",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:update"],
  },
  listServerGroups: {
    method: "GET",
    path: "/{v}/{project_id}/servers/{server_id}/os-security-groups",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get"],
  },
  addServerGroup: {
    method: "POST",
    path: "/{v}/{project_id}/servers/{server_id}/action",
    actions: [
      "ecs:securityGroups:use",
      "ecs:servers:get",
      "vpc:securityGroups:get",
      "vpc:securityGroups:create",
      "vpc:securityGroups:update",
      "vpc:ports:get",
      "vpc:ports:update",
    ],
  },
  removeServerGroup: {
    method: "POST",
    path: "/{v}/{project_id}/servers/{server_id}/action",
    actions: [
      "ecs:securityGroups:use",
      "ecs:servers:get",
      "vpc:securityGroups:get",
      "vpc:securityGroups:delete",
      "vpc:securityGroups:update",
      "vpc:ports:get",
      "vpc:ports:update",
    ],
  },
} as const satisfies Record<string, { method: string; path: string; actions: readonly string[] }>;

export type EmulatedVpcOperation = keyof typeof EMULATED_VPC_ACTIONS;
export type EmulatedNovaOperation = keyof typeof EMULATED_NOVA_ACTIONS;
