// Type tokens of every resource this project defines, shared by the provider and the policy pack.
// The pack is published alone (`pulumi policy publish` uploads policies/ only), so this file lives here
// and provider/core/type-tokens.ts re-exports it.

/** The Pulumi module of each API; the token is `pulumi-nodejs:dynamic/<module>:<Type>`. */
export const MODULES = {
  nhn: "nhn",
  openstack: "openstack",
  huaweicloud: "huaweicloud",
  huaweicloudNova: "huaweicloud/nova",
  scaleway: "scaleway",
  genesiscloud: "genesiscloud",
} as const;

export type ModuleName = (typeof MODULES)[keyof typeof MODULES];
export type ResourceTypeName = "SecurityGroup" | "SecurityGroupRule" | "ServerSecurityGroup";

/** The full type token of one of our resources, e.g. `pulumi-nodejs:dynamic/nhn:SecurityGroup`. */
export function typeToken(module: ModuleName, type: ResourceTypeName): string {
  return `pulumi-nodejs:dynamic/${module}:${type}`;
}

export const TOKENS = {
  nhnSecurityGroup: typeToken(MODULES.nhn, "SecurityGroup"),
  nhnSecurityGroupRule: typeToken(MODULES.nhn, "SecurityGroupRule"),
  openstackSecurityGroup: typeToken(MODULES.openstack, "SecurityGroup"),
  openstackSecurityGroupRule: typeToken(MODULES.openstack, "SecurityGroupRule"),
  huaweicloudSecurityGroup: typeToken(MODULES.huaweicloud, "SecurityGroup"),
  huaweicloudSecurityGroupRule: typeToken(MODULES.huaweicloud, "SecurityGroupRule"),
  huaweicloudNovaSecurityGroup: typeToken(MODULES.huaweicloudNova, "SecurityGroup"),
  huaweicloudNovaSecurityGroupRule: typeToken(MODULES.huaweicloudNova, "SecurityGroupRule"),
  huaweicloudNovaServerSecurityGroup: typeToken(MODULES.huaweicloudNova, "ServerSecurityGroup"),
  scalewaySecurityGroup: typeToken(MODULES.scaleway, "SecurityGroup"),
  scalewaySecurityGroupRule: typeToken(MODULES.scaleway, "SecurityGroupRule"),
  genesiscloudSecurityGroup: typeToken(MODULES.genesiscloud, "SecurityGroup"),
  genesiscloudSecurityGroupRule: typeToken(MODULES.genesiscloud, "SecurityGroupRule"),
} as const;
