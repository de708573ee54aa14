import { adoptionArgs } from "../core/adoption";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../core/provider-shim";
import { withOutputs } from "../core/resource-args";
import { MODULES } from "../core/type-tokens";

/**
 * One Genesis Cloud rule. Genesis rules cannot restrict the source (or destination) address: every rule
 * allows the protocol and ports from and to anywhere, IPv4 and IPv6. Omitted ports on tcp/udp mean all ports;
 * icmp and `all` take no ports.
 */
export interface RuleArgs {
  protocol: pulumi.Input<"tcp" | "udp" | "icmp" | "all" | string>;
  direction: pulumi.Input<"ingress" | "egress">;
  portRangeMin?: pulumi.Input<number>;
  portRangeMax?: pulumi.Input<number>;
}

export interface SecurityGroupArgs {
  /** Not `default` or `standard` (reserved by Genesis). */
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Region of the group (create-only; changing it replaces the group). Defaults to GENESISCLOUD_REGION, else the API's default. */
  region?: pulumi.Input<string>;
  /**
   * The group's whole rule list (at least one rule): rules found in the cloud and not listed here are removed.
   * Omit it to manage rules with SecurityGroupRule resources; the group is then created with one `all` egress rule.
   */
  rules?: pulumi.Input<pulumi.Input<RuleArgs>[]>;
}

export interface SecurityGroupRuleArgs extends RuleArgs {
  /** A group declared without inline `rules`; a group with `rules` refuses rule resources. */
  securityGroupId: pulumi.Input<string>;
}

type LiveRule = { protocol: string; direction: string; portRangeMin: number | null; portRangeMax: number | null };

const groupProvider = providerShim("genesiscloud:SecurityGroup");
const ruleProvider = providerShim("genesiscloud:SecurityGroupRule");

/**
 * A security group on Genesis Cloud (compute API v1). Its rules cannot restrict the source address: every
 * ingress rule is open to the whole internet.
 * @example
 * const web = new genesiscloud.SecurityGroup("web", { name: "web", rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 443, portRangeMax: 443 }] });
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly region: pulumi.Output<string>;
  /** `created`, or `error` when Genesis failed to apply the last change. */
  declare readonly status: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string>;
  /** Every rule the group has in the cloud, in canonical form (inline or from SecurityGroupRule resources). */
  declare readonly liveRules: pulumi.Output<LiveRule[]>;

  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupProvider, name, ...adoptionArgs(withOutputs(args, ["region", "status", "createdAt", "liveRules"]), opts), MODULES.genesiscloud, "SecurityGroup");
  }
}

/**
 * One rule in a Genesis Cloud security group declared without inline `rules`. Genesis has no rule API, so the
 * provider rewrites the group's rule list, one write at a time per group; any change replaces the rule.
 * The rule applies to every source address (Genesis cannot restrict it).
 */
export class SecurityGroupRule extends pulumi.dynamic.Resource {
  declare readonly securityGroupId: pulumi.Output<string>;
  declare readonly protocol: pulumi.Output<string>;
  declare readonly direction: pulumi.Output<string>;
  declare readonly portRangeMin: pulumi.Output<number | null>;
  declare readonly portRangeMax: pulumi.Output<number | null>;
  /** The group's status after the rule was written. */
  declare readonly groupStatus: pulumi.Output<string>;

  constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(ruleProvider, name, ...adoptionArgs(withOutputs(args, ["groupStatus"]), opts), MODULES.genesiscloud, "SecurityGroupRule");
  }
}
