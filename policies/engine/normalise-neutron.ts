// NHN Cloud (our nhn resources) and the community @pulumi/openstack provider: Neutron semantics.
import { world } from "./cidr-set";
import { Cloud, DENY_BY_DEFAULT, NormalisedResource, Rule } from "./model";
import { bool, familyOfEthertype, int, neutronPeer, portRange, Props, str, inlineRules } from "./fields";
import { ALL_PORTS } from "./port-set";
import { normaliseProtocol } from "./protocol";

export const isPortProtocol = (p: string): boolean => p === "tcp" || p === "udp";

/** The allow-all egress rules (IPv4 and IPv6) a Neutron/Huawei group gets unless its default rules are deleted. */
export function defaultEgressRules(order = 0): Rule[] {
  return (["v4", "v6"] as const).map((f) => ({
    label: `default egress rule (${f === "v4" ? "IPv4" : "IPv6"})`,
    direction: "egress",
    action: "allow",
    order,
    protocol: "all",
    ports: ALL_PORTS,
    peers: { [f]: world(f) },
    peerText: f === "v4" ? "0.0.0.0/0" : "::/0",
    peerOmitted: false,
    enabled: true,
  }));
}

export function neutronRule(p: Props, label: string): Rule {
  const protocol = normaliseProtocol(p["protocol"]);
  const family = familyOfEthertype(str(p, "ethertype"));
  const peer = neutronPeer(p, family);
  return {
    label,
    direction: str(p, "direction")?.toLowerCase() === "egress" ? "egress" : "ingress",
    action: "allow",
    order: 0,
    protocol,
    ports: isPortProtocol(protocol) ? portRange(int(p, "portRangeMin"), int(p, "portRangeMax")) : ALL_PORTS,
    ...peer,
    description: str(p, "description"),
    enabled: true,
  };
}

/** A Neutron group: inline `rules` are authoritative; without them the default egress rules stay unless deleted. */
export function neutronGroup(p: Props, cloud: Cloud): NormalisedResource {
  const inline = inlineRules(p, "securityGroupRules");
  const rules = inline ? inline.map((r, i) => neutronRule(r, `rules[${i}]`)) : [];
  if (!inline && bool(p, "deleteDefaultRules") !== true) rules.push(...defaultEgressRules());
  return {
    cloud,
    kind: "group",
    semantics: "union",
    rules,
    defaults: DENY_BY_DEFAULT,
    inlineRulesField: inline ? "rules" : undefined,
    groupName: str(p, "name"),
  };
}

export const neutronRuleResource = (p: Props, cloud: Cloud): NormalisedResource => ({
  cloud,
  kind: "rule",
  semantics: "union",
  rules: [neutronRule(p, "the rule")],
  defaults: DENY_BY_DEFAULT,
});
