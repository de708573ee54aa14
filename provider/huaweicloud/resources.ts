import { adoptionArgs } from "../core/adoption";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../core/provider-shim";
import { withOutputs } from "../core/resource-args";
import { MODULES } from "../core/type-tokens";

/** One rule as VPC v3 defines it; omitted protocol, multiport or remote mean "any". */
export interface RuleArgs {
  direction: pulumi.Input<"ingress" | "egress">;
  ethertype?: pulumi.Input<"IPv4" | "IPv6">;
  /** tcp, udp, icmp, icmpv6 or an IP protocol number; omitted = every protocol. */
  protocol?: pulumi.Input<string | number>;
  /** A port (`"80"`), a range (`"1-30"`) or a comma list (`"22,3389,8000-8080"`); tcp/udp only. */
  multiport?: pulumi.Input<string | number>;
  /** Default "allow". */
  action?: pulumi.Input<"allow" | "deny">;
  /** 1 (highest) to 100; default 1. */
  priority?: pulumi.Input<number>;
  remoteIpPrefix?: pulumi.Input<string>;
  remoteGroupId?: pulumi.Input<string>;
  remoteAddressGroupId?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
}

export interface SecurityGroupArgs {
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** "0" (the default enterprise project) or an enterprise project UUID; changing it replaces the group. */
  enterpriseProjectId?: pulumi.Input<string>;
  /** Remove the four rules VPC adds to a new group (ignored when `rules` is set). */
  deleteDefaultRules?: pulumi.Input<boolean>;
  /** The group's whole rule set: rules found in the cloud and not listed here are removed, default rules included. */
  rules?: pulumi.Input<pulumi.Input<RuleArgs>[]>;
}

export interface SecurityGroupRuleArgs extends RuleArgs {
  securityGroupId: pulumi.Input<string>;
}

const groupProvider = providerShim("huaweicloud:SecurityGroup");
const ruleProvider = providerShim("huaweicloud:SecurityGroupRule");

/**
 * A Huawei Cloud VPC security group (VPC API v3).
 * @example
 * const web = new huaweicloud.SecurityGroup("web", { name: "web", rules: [{ direction: "ingress", protocol: "tcp", multiport: "443" }] });
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly enterpriseProjectId: pulumi.Output<string>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  declare readonly updatedAt: pulumi.Output<string>;
  /** Every live rule of the group, with ids, in canonical form. */
  declare readonly securityGroupRules: pulumi.Output<(Required<Omit<RuleArgs, "protocol" | "multiport">> & { id: string; protocol: string | null; multiport: string | null })[]>;

  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupProvider, name, ...adoptionArgs(withOutputs(args, ["projectId", "createdAt", "updatedAt", "securityGroupRules"]), opts), MODULES.huaweicloud, "SecurityGroup");
  }
}

/** One rule in an existing VPC v3 security group; any change replaces it (VPC has no rule update). */
export class SecurityGroupRule extends pulumi.dynamic.Resource {
  declare readonly securityGroupId: pulumi.Output<string>;
  declare readonly direction: pulumi.Output<string>;
  declare readonly ethertype: pulumi.Output<string>;
  declare readonly protocol: pulumi.Output<string | null>;
  declare readonly multiport: pulumi.Output<string | null>;
  declare readonly action: pulumi.Output<string>;
  declare readonly priority: pulumi.Output<number>;
  declare readonly remoteIpPrefix: pulumi.Output<string | null>;
  declare readonly remoteGroupId: pulumi.Output<string | null>;
  declare readonly remoteAddressGroupId: pulumi.Output<string | null>;

  constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(ruleProvider, name, ...adoptionArgs(withOutputs(args, []), opts), MODULES.huaweicloud, "SecurityGroupRule");
  }
}
