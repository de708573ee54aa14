// Huawei Cloud VPC v3 (our huaweicloud resources) and the bridged huaweicloud provider.
// Allow minus deny by priority: 1 is highest, deny wins ties; default priority 1, default action allow.
import { DENY_BY_DEFAULT, NormalisedResource, Rule } from "./model";
import { bool, familyOfEthertype, int, neutronPeer, portRange, Props, str, inlineRules } from "./fields";
import { ALL_PORTS, parsePortList } from "./port-set";
import { normaliseProtocol } from "./protocol";
import { defaultEgressRules, isPortProtocol } from "./normalise-neutron";

export const HUAWEI_DEFAULT_PRIORITY = 1;

/** Sort key: lower priority number first, deny before allow at the same priority. */
export const huaweiOrder = (priority: number, action: "allow" | "deny"): number => priority * 2 + (action === "deny" ? 0 : 1);

export function huaweiRule(p: Props, label: string): Rule {
  const protocol = normaliseProtocol(p["protocol"]);
  const family = familyOfEthertype(str(p, "ethertype"));
  const action = str(p, "action")?.toLowerCase() === "deny" ? "deny" : "allow";
  const priority = int(p, "priority");
  // Ours: `multiport`; bridged provider: `ports` (same syntax) or the legacy portRangeMin/Max.
  const multiport = str(p, "multiport") ?? str(p, "ports");
  const ports = !isPortProtocol(protocol)
    ? ALL_PORTS
    : multiport !== undefined
      ? (parsePortList(multiport) ?? ALL_PORTS)
      : portRange(int(p, "portRangeMin"), int(p, "portRangeMax"));
  const peer = neutronPeer(p, family);
  return {
    label,
    direction: str(p, "direction")?.toLowerCase() === "egress" ? "egress" : "ingress",
    action,
    order: huaweiOrder(priority ?? HUAWEI_DEFAULT_PRIORITY, action),
    protocol,
    ports,
    ...peer,
    description: str(p, "description"),
    enabled: bool(p, "enabled") !== false,
    priorityOmitted: priority === undefined,
  };
}

/** A Huawei group; inline `rules` are authoritative, otherwise the default allow-all egress (priority 100) stays unless deleted. */
export function huaweiGroup(p: Props): NormalisedResource {
  const inline = inlineRules(p, "securityGroupRules");
  const rules = inline ? inline.map((r, i) => huaweiRule(r, `rules[${i}]`)) : [];
  if (!inline && bool(p, "deleteDefaultRules") !== true) rules.push(...defaultEgressRules(huaweiOrder(100, "allow")));
  return {
    cloud: "huaweicloud",
    kind: "group",
    semantics: "priority",
    rules,
    defaults: DENY_BY_DEFAULT,
    inlineRulesField: inline ? "rules" : undefined,
    groupName: str(p, "name"),
  };
}

export const huaweiRuleResource = (p: Props): NormalisedResource => ({
  cloud: "huaweicloud",
  kind: "rule",
  semantics: "priority",
  rules: [huaweiRule(p, "the rule")],
  defaults: DENY_BY_DEFAULT,
});
