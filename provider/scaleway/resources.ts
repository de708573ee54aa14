import { adoptionArgs } from "../core/adoption";
import * as pulumi from "@pulumi/pulumi";
import { providerShim } from "../core/provider-shim";
import { withOutputs } from "../core/resource-args";
import { MODULES } from "../core/type-tokens";

/** One Scaleway rule; a rule without ports covers every port, ICMP and ANY never carry ports. */
export interface RuleArgs {
  protocol: pulumi.Input<"TCP" | "UDP" | "ICMP" | "ANY" | string | number>;
  direction: pulumi.Input<"inbound" | "outbound">;
  action: pulumi.Input<"accept" | "drop">;
  /** CIDR or bare IP (`203.0.113.7` means `/32`). */
  ipRange: pulumi.Input<string>;
  destPortFrom?: pulumi.Input<number>;
  /** Last port of the range; omit for a single port. */
  destPortTo?: pulumi.Input<number>;
}

export interface SecurityGroupArgs {
  /** Defaults to SCW_DEFAULT_ZONE (or `secgroups:scalewayZone`), else fr-par-1. */
  zone?: pulumi.Input<string>;
  name: pulumi.Input<string>;
  description?: pulumi.Input<string>;
  /** Defaults to SCW_DEFAULT_PROJECT_ID (or `secgroups:scalewayProjectId`). */
  projectId?: pulumi.Input<string>;
  /** Default true. */
  stateful?: pulumi.Input<boolean>;
  /** What happens to inbound traffic no rule matches; default "accept". */
  inboundDefaultPolicy?: pulumi.Input<"accept" | "drop">;
  outboundDefaultPolicy?: pulumi.Input<"accept" | "drop">;
  projectDefault?: pulumi.Input<boolean>;
  /** Scaleway's six non-editable outbound SMTP drop rules; default true. */
  enableDefaultSecurity?: pulumi.Input<boolean>;
  tags?: pulumi.Input<pulumi.Input<string>[]>;
  /** The group's whole editable rule set, first match first: editable rules not listed here are removed. */
  rules?: pulumi.Input<pulumi.Input<RuleArgs>[]>;
}

export interface SecurityGroupRuleArgs extends RuleArgs {
  zone?: pulumi.Input<string>;
  securityGroupId: pulumi.Input<string>;
  /** 1 is evaluated first; omitted, the rule is appended. */
  position?: pulumi.Input<number>;
}

/** A live editable rule as the group outputs it. */
export interface LiveRuleOutput {
  id: string;
  position: number;
  protocol: string;
  direction: string;
  action: string;
  ipRange: string;
  destPortFrom: number | null;
  destPortTo: number | null;
}

const groupProvider = providerShim("scaleway:SecurityGroup");
const ruleProvider = providerShim("scaleway:SecurityGroupRule");

/**
 * A Scaleway Instance security group.
 * @example
 * const web = new scaleway.SecurityGroup("web", { name: "web", inboundDefaultPolicy: "drop", rules: [{ protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 443 }] });
 */
export class SecurityGroup extends pulumi.dynamic.Resource {
  declare readonly zone: pulumi.Output<string>;
  declare readonly projectId: pulumi.Output<string>;
  declare readonly organizationId: pulumi.Output<string>;
  declare readonly name: pulumi.Output<string>;
  declare readonly description: pulumi.Output<string>;
  declare readonly stateful: pulumi.Output<boolean>;
  declare readonly inboundDefaultPolicy: pulumi.Output<string>;
  declare readonly outboundDefaultPolicy: pulumi.Output<string>;
  declare readonly projectDefault: pulumi.Output<boolean>;
  declare readonly enableDefaultSecurity: pulumi.Output<boolean>;
  declare readonly tags: pulumi.Output<string[]>;
  /** The servers using the group. */
  declare readonly servers: pulumi.Output<{ id: string; name: string }[]>;
  /** Every live editable rule, in position order, with ids (non-editable system rules are left out). */
  declare readonly securityGroupRules: pulumi.Output<LiveRuleOutput[]>;

  constructor(name: string, args: SecurityGroupArgs, opts?: pulumi.CustomResourceOptions) {
    super(groupProvider, name, ...adoptionArgs(withOutputs(args, ["zone", "projectId", "organizationId", "servers", "securityGroupRules"]), opts), MODULES.scaleway, "SecurityGroup");
  }
}

/** One editable rule in an existing Scaleway security group; changes are applied in place. */
export class SecurityGroupRule extends pulumi.dynamic.Resource {
  declare readonly zone: pulumi.Output<string>;
  declare readonly securityGroupId: pulumi.Output<string>;
  declare readonly protocol: pulumi.Output<string>;
  declare readonly direction: pulumi.Output<string>;
  declare readonly action: pulumi.Output<string>;
  declare readonly ipRange: pulumi.Output<string>;
  declare readonly destPortFrom: pulumi.Output<number | null>;
  declare readonly destPortTo: pulumi.Output<number | null>;
  declare readonly position: pulumi.Output<number>;

  constructor(name: string, args: SecurityGroupRuleArgs, opts?: pulumi.CustomResourceOptions) {
    super(ruleProvider, name, ...adoptionArgs(withOutputs(args, ["zone", "position"]), opts), MODULES.scaleway, "SecurityGroupRule");
  }
}
