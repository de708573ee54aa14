/**
 * The IAM actions each call needs. Nova rows are Huawei's own table (ECS "Security Group Management",
 * native OpenStack API permissions); VPC v3 rows are the VPC actions named after each operation.
 */
export interface Permission {
  /** What the call does, as the error message and the README name it. */
  operation: string;
  method: string;
  /** Path template below the endpoint; `{v}` is `v2` or `v2.1` for Nova. */
  path: string;
  actions: string[];
}

export const VPC_PERMISSIONS = {
  listGroups: {
    operation: "list security groups",
    method: "GET",
    path: "/v3/{project_id}/vpc/security-groups",
    actions: ["vpc:securityGroups:get"],
  },
  createGroup: {
    operation: "create a security group",
    method: "POST",
    path: "/v3/{project_id}/vpc/security-groups",
    actions: ["vpc:securityGroups:create"],
  },
  showGroup: {
    operation: "show a security group",
    method: "GET",
    path: "/v3/{project_id}/vpc/security-groups/{security_group_id}",
    actions: ["vpc:securityGroups:get"],
  },
  updateGroup: {
    operation: "update a security group",
    method: "PUT",
    path: "/v3/{project_id}/vpc/security-groups/{security_group_id}",
    actions: ["vpc:securityGroups:update"],
  },
  deleteGroup: {
    operation: "delete a security group",
    method: "DELETE",
    path: "/v3/{project_id}/vpc/security-groups/{security_group_id}",
    actions: ["vpc:securityGroups:delete"],
  },
  listRules: {
    operation: "list security group rules",
    method: "GET",
    path: "/v3/{project_id}/vpc/security-group-rules",
    actions: ["vpc:securityGroupRules:get"],
  },
  createRule: {
    operation: "create a security group rule",
    method: "POST",
    path: "/v3/{project_id}/vpc/security-group-rules",
    actions: ["vpc:securityGroupRules:create"],
  },
  batchCreateRules: {
    operation: "batch-create security group rules",
    method: "POST",
    path: "/v3/{project_id}/vpc/security-groups/{security_group_id}/security-group-rules/batch-create",
    actions: ["vpc:securityGroupRules:create"],
  },
  showRule: {
    operation: "show a security group rule",
    method: "GET",
    path: "/v3/{project_id}/vpc/security-group-rules/{security_group_rule_id}",
    actions: ["vpc:securityGroupRules:get"],
  },
  deleteRule: {
    operation: "delete a security group rule",
    method: "DELETE",
    path: "/v3/{project_id}/vpc/security-group-rules/{security_group_rule_id}",
    actions: ["vpc:securityGroupRules:delete"],
  },
} satisfies Record<string, Permission>;

export const NOVA_PERMISSIONS = {
  createGroup: {
    operation: "Creating a Security Group (Native OpenStack API)",
    method: "POST",
    path: "/{v}/{project_id}/os-security-groups",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:create", "vpc:securityGroups:update"],
  },
  deleteGroup: {
    operation: "Deleting a Security Group (Native OpenStack API)",
    method: "DELETE",
    path: "/{v}/{project_id}/os-security-groups/{security_group_id}",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:delete", "vpc:securityGroups:update"],
  },
  showGroup: {
    operation: "Querying Details About a Security Group (Native OpenStack API)",
    method: "GET",
    path: "/{v}/{project_id}/os-security-groups/{security_group_id}",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get"],
  },
  listGroups: {
    operation: "Querying Security Groups (Native OpenStack API)",
    method: "GET",
    path: "/{v}/{project_id}/os-security-groups",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get"],
  },
  createRule: {
    operation: "Creating a Security Group Rule (Native OpenStack API)",
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
    operation: "Deleting a Security Group Rule (Native OpenStack API)",
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
    operation: "Updating Information About a Security Group (Native OpenStack API)",
    method: "PUT",
    path: "/{v}/{project_id}/os-security-groups/{security_group_id}",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get", "vpc:securityGroups:update"],
  },
  listServerGroups: {
    operation: "Querying Security Groups to Which an ECS Belongs (Native OpenStack API)",
    method: "GET",
    path: "/{v}/{project_id}/servers/{server_id}/os-security-groups",
    actions: ["ecs:securityGroups:use", "vpc:securityGroups:get"],
  },
  addServerGroup: {
    operation: "Adding a Security Group (Native OpenStack API)",
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
    operation: "Removing a Security Group (Native OpenStack API)",
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
} satisfies Record<string, Permission>;

export type VpcOperation = keyof typeof VPC_PERMISSIONS;
export type NovaOperation = keyof typeof NOVA_PERMISSIONS;

/** The sentence a 403 error ends with: which IAM actions to grant for the operation. */
export function grantHint(p: Permission): string {
  return `the credentials lack IAM permission to ${p.operation.replace(/ \(Native OpenStack API\)$/, "").toLowerCase()} (${p.method} ${p.path}); grant ${p.actions.join(", ")}`;
}
