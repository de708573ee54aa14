// Huawei ECS native OpenStack Nova os-security-groups: ingress only; omitted cidr = 0.0.0.0/0.
import { DENY_BY_DEFAULT, NormalisedResource, Rule } from "./model";
import { int, peerOf, portRange, Props, remotePeer, str, inlineRules } from "./fields";
import { ALL_PORTS } from "./port-set";
import { normaliseProtocol } from "./protocol";
import { defaultEgressRules, isPortProtocol } from "./normalise-neutron";

export function novaRule(p: Props, label: string): Rule {
  const protocol = normaliseProtocol(p["ipProtocol"]);
  const group = str(p, "groupId");
  const peer = group !== undefined ? remotePeer("group", group) : peerOf(str(p, "cidr"), "v4");
  return {
    label,
    direction: "ingress",
    action: "allow",
    order: 0,
    protocol,
    ports: isPortProtocol(protocol) ? portRange(int(p, "fromPort"), int(p, "toPort")) : ALL_PORTS,
    ...peer,
    enabled: true,
  };
}

/** Nova cannot manage egress: the Neutron default allow-all egress rules always remain. */
export function novaGroup(p: Props): NormalisedResource {
  const inline = inlineRules(p, "securityGroupRules");
  const rules = (inline ?? []).map((r, i) => novaRule(r, `rules[${i}]`));
  rules.push(...defaultEgressRules());
  return {
    cloud: "huaweicloud-nova",
    kind: "group",
    semantics: "union",
    rules,
    defaults: DENY_BY_DEFAULT,
    inlineRulesField: inline ? "rules" : undefined,
    groupName: str(p, "name"),
  };
}

export const novaRuleResource = (p: Props): NormalisedResource => ({
  cloud: "huaweicloud-nova",
  kind: "rule",
  semantics: "union",
  rules: [novaRule(p, "the rule")],
  defaults: DENY_BY_DEFAULT,
});
