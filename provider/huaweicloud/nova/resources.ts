import { adoptionArgs } from "../../core/adoption";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../../core/provider-shim";
import { withOutputs } from "../../core/resource-args";
import { MODULES } from "../../core/type-tokens";

/** One ingress rule as Nova defines it; omitted ports mean all ports (ICMP: every type and code). */
export interface RuleArgs {
  /** tcp, udp or icmp; may be omitted only in a group rule (= every protocol). */
  ipProtocol?: pulumi.Input<string>;
  fromPort?: pulumi.Input<number>;
  toPort?: pulumi.Input<number>;
  /** Source network; default 0.0.0.0/0 unless `groupId` is set. */
  cidr?: pulumi.Input<string>;
  /** Source security group id. */
  groupId?: pulumi.Input<string>;
}

export interface SecurityGroupArgs {
  name: pulumi.Input<string>;
  description: pulumi.Input<string>;
  /** The group's whole ingress rule set: rules found in the cloud and not listed here are removed. */
  rules?: pulumi.Input<pulumi.Input<RuleArgs>[]>;
}

export interface SecurityGroupRuleArgs extends RuleArgs {
  parentGroupId: pulumi.Input<string>;
}

export interface ServerSecurityGroupArgs {
  serverId: pulumi.Input<string>;
  /** A group name (unique in the project) or id. */
  securityGroupName: pulumi.Input<string>;
}

const groupProvider = providerShim("huaweicloud/nova:SecurityGroup");
const ruleProvider = providerShim("huaweicloud/nova:SecurityGroupRule");
const serverProvider = providerShim("huaweicloud/nova:ServerSecurityGroup");

/**
 * A security group through Huawei ECS's native OpenStack (Nova) API.
 * @example
 * const app = new huaweicloud.nova.SecurityGroup("app", { name: "app", description: "", rules: [{ ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: "10.0.0.0/8" }] });
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  declare readonly securityGroupRules: pulumi.Output<{ id: string; ipProtocol: string | null; fromPort: number | null; toPort: number | null; cidr: string | null; groupId: string | null }[]>;

  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupProvider, name, ...adoptionArgs(withOutputs(args, ["tenantId", "securityGroupRules"]), opts), MODULES.huaweicloudNova, "SecurityGroup");
  }
}

/** One ingress rule of a Nova security group; any change replaces it. */
export class SecurityGroupRule extends pulumi.dynamic.Resource {
  declare readonly parentGroupId: pulumi.Output<string>;
  declare readonly ipProtocol: pulumi.Output<string | null>;
  declare readonly fromPort: pulumi.Output<number | null>;
  declare readonly toPort: pulumi.Output<number | null>;
  declare readonly cidr: pulumi.Output<string | null>;
  declare readonly groupId: pulumi.Output<string | null>;

  constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(ruleProvider, name, ...adoptionArgs(withOutputs(args, []), opts), MODULES.huaweicloudNova, "SecurityGroupRule");
  }
}

/** A security group attached to a server (every port of it); deleting the resource detaches it. */
export class ServerSecurityGroup extends pulumi.dynamic.Resource {
  declare readonly serverId: pulumi.Output<string>;
  declare readonly securityGroupName: pulumi.Output<string>;
  declare readonly securityGroupId: pulumi.Output<string>;

  constructor(name: string, args: ServerSecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(serverProvider, name, ...adoptionArgs(withOutputs(args, ["securityGroupId"]), opts), MODULES.huaweicloudNova, "ServerSecurityGroup");
  }
}
