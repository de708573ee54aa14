import { adoptionArgs } from "../core/adoption";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../core/provider-shim";
import { withOutputs } from "../core/resource-args";
import { MODULES } from "../core/type-tokens";

/** One rule as NHN Cloud (Neutron) defines it; omitted protocol, ports or remote mean "any". */
export interface RuleArgs {
  direction: pulumi.Input<"ingress" | "egress">;
  ethertype?: pulumi.Input<"IPv4" | "IPv6">;
  protocol?: pulumi.Input<string | number>;
  portRangeMin?: pulumi.Input<number>;
  portRangeMax?: pulumi.Input<number>;
  remoteIpPrefix?: pulumi.Input<string>;
  remoteGroupId?: pulumi.Input<string>;
  description?: pulumi.Input<string>;
}

export interface SecurityGroupArgs {
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Remove the two egress-to-anywhere rules Neutron adds to a new group (ignored when `rules` is set). */
  deleteDefaultRules?: pulumi.Input<boolean>;
  /** The group's whole rule set: rules found in the cloud and not listed here are removed, default rules included. */
  rules?: pulumi.Input<pulumi.Input<RuleArgs>[]>;
}

export interface SecurityGroupRuleArgs extends RuleArgs {
  securityGroupId: pulumi.Input<string>;
}

const groupProvider = providerShim("nhn:SecurityGroup");
const ruleProvider = providerShim("nhn:SecurityGroupRule");

/**
 * A security group on NHN Cloud.
 * @example
 * const web = new nhn.SecurityGroup("web", { name: "web", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443 }] });
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly tenantId: pulumi.Output<string>;
  /** Every live rule of the group, with ids, in canonical form. */
  declare readonly securityGroupRules: pulumi.Output<(Required<Omit<RuleArgs, "protocol">> & { id: string; protocol: string | null })[]>;

  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupProvider, name, ...adoptionArgs(withOutputs(args, ["tenantId", "securityGroupRules"]), opts), MODULES.nhn, "SecurityGroup");
  }
}

/** One rule in an existing NHN Cloud security group; any change replaces it (Neutron rules are immutable). */
export class SecurityGroupRule extends pulumi.dynamic.Resource {
  declare readonly securityGroupId: pulumi.Output<string>;
  declare readonly direction: pulumi.Output<string>;
  declare readonly ethertype: pulumi.Output<string>;
  declare readonly protocol: pulumi.Output<string | null>;
  declare readonly portRangeMin: pulumi.Output<number | null>;
  declare readonly portRangeMax: pulumi.Output<number | null>;
  declare readonly remoteIpPrefix: pulumi.Output<string | null>;
  declare readonly remoteGroupId: pulumi.Output<string | null>;

  constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(ruleProvider, name, ...adoptionArgs(withOutputs(args, []), opts), MODULES.nhn, "SecurityGroupRule");
  }
}
