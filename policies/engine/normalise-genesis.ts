// Genesis Cloud: rules have no source field, so every ingress rule is open to the whole internet.
import { DENY_BY_DEFAULT, NormalisedResource, Rule } from "./model";
import { int, portRange, Props, str, inlineRules } from "./fields";
import { ALL_PORTS } from "./port-set";
import { normaliseProtocol } from "./protocol";
import { world } from "./cidr-set";
import { isPortProtocol } from "./normalise-neutron";

export function genesisRule(p: Props, label: string): Rule {
  const protocol = normaliseProtocol(p["protocol"]);
  return {
    label,
    direction: str(p, "direction")?.toLowerCase() === "egress" ? "egress" : "ingress",
    action: "allow",
    order: 0,
    protocol,
    ports: isPortProtocol(protocol) ? portRange(int(p, "portRangeMin"), int(p, "portRangeMax")) : ALL_PORTS,
    peers: { v4: world("v4"), v6: world("v6") },
    peerText: "(no source field)",
    peerOmitted: false,
    enabled: true,
  };
}

/** A group created without rules gets one `all` egress rule from Genesis Cloud. */
export function genesisGroup(p: Props): NormalisedResource {
  const inline = inlineRules(p, "liveRules");
  const rules = inline
    ? inline.map((r, i) => genesisRule(r, `rules[${i}]`))
    : [genesisRule({ direction: "egress", protocol: "all" }, "default egress rule")];
  return {
    cloud: "genesiscloud",
    kind: "group",
    semantics: "union",
    rules,
    defaults: DENY_BY_DEFAULT,
    inlineRulesField: inline ? "rules" : undefined,
    groupName: str(p, "name"),
  };
}

export const genesisRuleResource = (p: Props): NormalisedResource => ({
  cloud: "genesiscloud",
  kind: "rule",
  semantics: "union",
  rules: [genesisRule(p, "the rule")],
  defaults: DENY_BY_DEFAULT,
});
