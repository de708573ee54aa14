// Scaleway Instance security groups: ours and @pulumiverse/scaleway. First match in position order,
// then the default policy, which defaults to accept in both directions.
import { world } from "./cidr-set";
import { DENY_BY_DEFAULT, Direction, NormalisedResource, Rule } from "./model";
import { bool, int, list, peerOf, Props, str, inlineRules } from "./fields";
import { ALL_PORTS, parsePortList, PortSet } from "./port-set";
import { normaliseProtocol } from "./protocol";
import { isPortProtocol } from "./normalise-neutron";

function scalewayRuleCore(p: Props, label: string, direction: Direction, order: number, ports: PortSet, cidr: string | undefined): Rule {
  const protocol = normaliseProtocol(str(p, "protocol") ?? "TCP");
  return {
    label,
    direction,
    order,
    protocol,
    action: str(p, "action")?.toLowerCase() === "drop" ? "deny" : "allow",
    ports: isPortProtocol(protocol) ? ports : ALL_PORTS,
    ...peerOf(cidr, "both"),
    enabled: true,
  };
}

/** Our rule shape: {protocol, direction, action, ipRange, destPortFrom?, destPortTo?, position?}. */
export function scalewayRule(p: Props, label: string, index: number): Rule {
  const from = int(p, "destPortFrom");
  const to = int(p, "destPortTo") ?? from;
  const ports: PortSet = from === undefined ? ALL_PORTS : [[Math.min(from, to!), Math.max(from, to!)]];
  const direction = str(p, "direction")?.toLowerCase() === "outbound" ? "egress" : "ingress";
  return scalewayRuleCore(p, label, direction, int(p, "position") ?? index + 1, ports, str(p, "ipRange"));
}

/** Community shape: {action, protocol, port?, portRange?, ip?, ipRange?} in inboundRules/outboundRules order. */
function communityRule(p: Props, label: string, direction: Direction, index: number): Rule {
  const port = int(p, "port");
  const range = str(p, "portRange");
  const ports: PortSet = port !== undefined ? [[port, port]] : range !== undefined ? (parsePortList(range) ?? ALL_PORTS) : ALL_PORTS;
  return scalewayRuleCore(p, label, direction, index + 1, ports, str(p, "ip") ?? str(p, "ipRange"));
}

function communityRules(p: Props): { rules: Rule[]; field?: string } {
  const inbound = list(p, "inboundRules");
  const outbound = list(p, "outboundRules");
  const rules = [
    ...(inbound ?? []).map((r, i) => communityRule(r, `inboundRules[${i}]`, "ingress", i)),
    ...(outbound ?? []).map((r, i) => communityRule(r, `outboundRules[${i}]`, "egress", i)),
  ];
  const field = inbound?.length ? "inboundRules" : outbound?.length ? "outboundRules" : undefined;
  return { rules, field };
}

/** The six outbound SMTP drop rules Scaleway puts first when enableDefaultSecurity is on. */
function smtpDropRules(): Rule[] {
  return (["v4", "v6"] as const).map((f) => ({
    label: "default security (SMTP drop)",
    direction: "egress",
    action: "deny",
    order: -1,
    protocol: "tcp",
    ports: [
      [25, 25],
      [465, 465],
      [587, 587],
    ],
    peers: { [f]: world(f) },
    peerText: f === "v4" ? "0.0.0.0/0" : "::/0",
    peerOmitted: false,
    enabled: true,
  }));
}

function scalewayGroupOf(p: Props, rules: Rule[], field: string | undefined): NormalisedResource {
  const inbound = str(p, "inboundDefaultPolicy");
  const outbound = str(p, "outboundDefaultPolicy");
  const flags = {
    stateful: bool(p, "stateful") ?? true,
    inboundDefaultPolicy: inbound?.toLowerCase() ?? "accept",
    inboundDefaultExplicit: inbound !== undefined,
    enableDefaultSecurity: bool(p, "enableDefaultSecurity") ?? true,
    externalRules: bool(p, "externalRules") ?? false,
  };
  if (flags.enableDefaultSecurity) rules.unshift(...smtpDropRules());
  const policy = (v: string | undefined, field: string) => ({
    action: v?.toLowerCase() === "drop" ? ("deny" as const) : ("allow" as const),
    label: `${field}=${v?.toLowerCase() ?? "accept"}${v === undefined ? " (default)" : ""}`,
  });
  return {
    cloud: "scaleway",
    kind: "group",
    semantics: "position",
    rules: sortByOrder(rules),
    defaults: { ingress: policy(inbound, "inboundDefaultPolicy"), egress: policy(outbound, "outboundDefaultPolicy") },
    inlineRulesField: field,
    scaleway: flags,
    groupName: str(p, "name"),
  };
}

const sortByOrder = (rules: Rule[]): Rule[] =>
  rules
    .map((r, i) => [r, i] as const)
    .sort((a, b) => a[0].order - b[0].order || a[1] - b[1])
    .map(([r]) => r);

export function scalewayGroup(p: Props): NormalisedResource {
  const inline = inlineRules(p, "securityGroupRules");
  return scalewayGroupOf(
    p,
    (inline ?? []).map((r, i) => scalewayRule(r, `rules[${i}]`, i)),
    inline ? "rules" : undefined,
  );
}

export function scalewayCommunityGroup(p: Props): NormalisedResource {
  const { rules, field } = communityRules(p);
  return scalewayGroupOf(p, rules, field);
}

export const scalewayRuleResource = (p: Props): NormalisedResource => ({
  cloud: "scaleway",
  kind: "rule",
  semantics: "position",
  rules: [scalewayRule(p, "the rule", 0)],
  defaults: DENY_BY_DEFAULT,
});

/** @pulumiverse/scaleway SecurityGroupRules: the whole ordered rule list of one group. */
export const scalewayCommunityRules = (p: Props): NormalisedResource => ({
  cloud: "scaleway",
  kind: "rules",
  semantics: "position",
  rules: sortByOrder(communityRules(p).rules),
  defaults: DENY_BY_DEFAULT,
});
