// Every policy of the pack, in the order the README lists them. Tests import this list; index.ts serves it.
import { PolicyPackArgs } from "@pulumi/policy";
import { noAdminPortsFromWorld } from "./rules/no-admin-ports-from-world";
import { noSensitivePortsFromWorld } from "./rules/no-sensitive-ports-from-world";
import { noAllPortsFromWorld } from "./rules/no-all-ports-from-world";
import { onlyAuthorizedPublicPorts } from "./rules/only-authorized-public-ports";
import { noBroadPublicSources } from "./rules/no-broad-public-sources";
import { noWidePortRanges } from "./rules/no-wide-port-ranges";
import { explicitSourceRequired } from "./rules/explicit-source-required";
import { ipv6Parity } from "./rules/ipv6-parity";
import { noShadowedRules } from "./rules/no-shadowed-rules";
import { huaweiExplicitPriority } from "./rules/huawei-explicit-priority";
import { scalewayInboundDefaultDrop } from "./rules/scaleway-inbound-default-drop";
import { scalewayStateful } from "./rules/scaleway-stateful";
import { scalewayDefaultSecurityEnabled } from "./rules/scaleway-default-security-enabled";
import { genesisIngressWorldOpen } from "./rules/genesis-ingress-world-open";
import { noDefaultEgressToWorld } from "./rules/no-default-egress-to-world";
import { worldRuleJustification } from "./rules/world-rule-justification";
import { nhnIpv4Only } from "./rules/nhn-ipv4-only";
import { noIcmpFromWorld } from "./rules/no-icmp-from-world";
import { noMixedRuleManagement } from "./rules/no-mixed-rule-management";
import { noWorldExposureAcrossRules } from "./rules/no-world-exposure-across-rules";
import { ruleGroupInStack } from "./rules/rule-group-in-stack";
import { valuesKnownAtPreview } from "./rules/values-known-at-preview";

export const PACK_NAME = "pulumi-secgroups";

export const policies: PolicyPackArgs["policies"] = [
  noAdminPortsFromWorld,
  noSensitivePortsFromWorld,
  noAllPortsFromWorld,
  onlyAuthorizedPublicPorts,
  noBroadPublicSources,
  noWidePortRanges,
  explicitSourceRequired,
  ipv6Parity,
  noShadowedRules,
  huaweiExplicitPriority,
  scalewayInboundDefaultDrop,
  scalewayStateful,
  scalewayDefaultSecurityEnabled,
  genesisIngressWorldOpen,
  noDefaultEgressToWorld,
  worldRuleJustification,
  nhnIpv4Only,
  noIcmpFromWorld,
  valuesKnownAtPreview,
  noMixedRuleManagement,
  noWorldExposureAcrossRules,
  ruleGroupInStack,
];
