// One rule intent written in the props of every covered resource type, so that each policy case runs on all of them.
import { TOKENS } from "../../policies/type-tokens";
import { COMMUNITY_TOKENS } from "../../policies/engine/normalise";

export interface Intent {
  direction?: "ingress" | "egress";
  /** As the user writes it in the cloud's own spelling family: tcp, udp, icmp, all. */
  protocol?: string;
  from?: number;
  to?: number;
  /** undefined = omit the source field. */
  source?: string;
  action?: "allow" | "deny";
  priority?: number;
  description?: string;
}

type Props = Record<string, unknown>;

export interface Variant {
  /** Short id used in test titles. */
  id: string;
  type: string;
  /** Label the pack uses for the n-th intent. */
  label(i: number): string;
  /** standalone rule resources take one intent. */
  single: boolean;
  /** A Huawei or Scaleway rule resource: the exposure policies leave it to the stack policy, which judges it with its group. */
  withGroup?: boolean;
  /** Can express a source (false on Genesis). */
  source: boolean;
  /** Can express deny/drop rules. */
  deny: boolean;
  egress: boolean;
  build(intents: Intent[]): Props;
}

const v6 = (i: Intent) => i.source !== undefined && i.source.includes(":");
const range = (i: Intent) => (i.from === undefined ? undefined : i.to === undefined || i.to === i.from ? `${i.from}` : `${i.from}-${i.to}`);
const clean = (o: Props): Props => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

const neutron = (i: Intent): Props =>
  clean({
    direction: i.direction ?? "ingress",
    ethertype: v6(i) ? "IPv6" : "IPv4",
    protocol: i.protocol ?? "tcp",
    portRangeMin: i.from,
    portRangeMax: i.to ?? i.from,
    remoteIpPrefix: i.source,
    description: i.description,
  });
const huawei =
  (portField: string) =>
  (i: Intent): Props =>
    clean({
      direction: i.direction ?? "ingress",
      ethertype: v6(i) ? "IPv6" : "IPv4",
      protocol: i.protocol ?? "tcp",
      [portField]: range(i),
      action: i.action ?? "allow",
      priority: i.priority ?? 1,
      remoteIpPrefix: i.source,
      description: i.description,
    });
const nova = (i: Intent): Props =>
  clean({ ipProtocol: i.protocol ?? "tcp", fromPort: i.from ?? -1, toPort: i.to ?? i.from ?? -1, cidr: i.source });
const scw = (i: Intent, n: number): Props =>
  clean({
    protocol: (i.protocol ?? "tcp").toUpperCase().replace("ALL", "ANY"),
    direction: i.direction === "egress" ? "outbound" : "inbound",
    action: i.action === "deny" ? "drop" : "accept",
    ipRange: i.source,
    destPortFrom: i.from,
    destPortTo: i.to,
    position: n + 1,
  });
const scwCommunity = (i: Intent): Props =>
  clean({
    action: i.action === "deny" ? "drop" : "accept",
    protocol: (i.protocol ?? "tcp").toUpperCase().replace("ALL", "ANY"),
    portRange: i.from !== undefined && i.to !== undefined && i.to !== i.from ? `${i.from}-${i.to}` : undefined,
    port: i.from !== undefined && (i.to === undefined || i.to === i.from) ? i.from : undefined,
    ipRange: i.source,
  });
const genesis = (i: Intent): Props =>
  clean({ direction: i.direction ?? "ingress", protocol: i.protocol ?? "tcp", portRangeMin: i.from, portRangeMax: i.to ?? i.from });
const byDirection = (intents: Intent[], d: "ingress" | "egress") => intents.filter((i) => (i.direction ?? "ingress") === d);

export const VARIANTS: Variant[] = [
  {
    id: "nhn rule",
    type: TOKENS.nhnSecurityGroupRule,
    label: () => "the rule",
    single: true,
    source: true,
    deny: false,
    egress: true,
    build: ([i]) => ({ securityGroupId: "sg-1", ...neutron(i) }),
  },
  {
    id: "nhn group",
    type: TOKENS.nhnSecurityGroup,
    label: (n) => `rules[${n}]`,
    single: false,
    source: true,
    deny: false,
    egress: true,
    build: (is) => ({ name: "web", rules: is.map(neutron) }),
  },
  {
    id: "openstack rule",
    type: COMMUNITY_TOKENS.openstackSecGroupRule,
    label: () => "the rule",
    single: true,
    source: true,
    deny: false,
    egress: true,
    build: ([i]) => ({ securityGroupId: "sg-1", ...neutron(i) }),
  },
  {
    id: "huawei rule",
    type: TOKENS.huaweicloudSecurityGroupRule,
    label: () => "the rule",
    withGroup: true,
    single: true,
    source: true,
    deny: true,
    egress: true,
    build: ([i]) => ({ securityGroupId: "sg-1", ...huawei("multiport")(i) }),
  },
  {
    id: "huawei group",
    type: TOKENS.huaweicloudSecurityGroup,
    label: (n) => `rules[${n}]`,
    single: false,
    source: true,
    deny: true,
    egress: true,
    build: (is) => ({ name: "web", rules: is.map(huawei("multiport")) }),
  },
  {
    id: "huawei bridged rule",
    type: COMMUNITY_TOKENS.huaweiSecgroupRule,
    label: () => "the rule",
    withGroup: true,
    single: true,
    source: true,
    deny: true,
    egress: true,
    build: ([i]) => ({ securityGroupId: "sg-1", ...huawei("ports")(i) }),
  },
  {
    id: "nova rule",
    type: TOKENS.huaweicloudNovaSecurityGroupRule,
    label: () => "the rule",
    single: true,
    source: true,
    deny: false,
    egress: false,
    build: ([i]) => ({ parentGroupId: "sg-1", ...nova(i) }),
  },
  {
    id: "nova group",
    type: TOKENS.huaweicloudNovaSecurityGroup,
    label: (n) => `rules[${n}]`,
    single: false,
    source: true,
    deny: false,
    egress: false,
    build: (is) => ({ name: "web", description: "web", rules: is.map(nova) }),
  },
  {
    id: "scaleway rule",
    type: TOKENS.scalewaySecurityGroupRule,
    label: () => "the rule",
    withGroup: true,
    single: true,
    source: true,
    deny: true,
    egress: true,
    build: ([i]) => ({ securityGroupId: "sg-1", ...scw(i, 0) }),
  },
  {
    id: "scaleway group",
    type: TOKENS.scalewaySecurityGroup,
    label: (n) => `rules[${n}]`,
    single: false,
    source: true,
    deny: true,
    egress: true,
    build: (is) => ({ name: "web", inboundDefaultPolicy: "drop", outboundDefaultPolicy: "drop", rules: is.map(scw) }),
  },
  {
    id: "scaleway community group",
    type: COMMUNITY_TOKENS.scalewaySecurityGroup,
    label: (n) => `inboundRules[${n}]`,
    single: false,
    source: true,
    deny: true,
    egress: false,
    build: (is) => ({
      inboundDefaultPolicy: "drop",
      outboundDefaultPolicy: "drop",
      inboundRules: byDirection(is, "ingress").map(scwCommunity),
    }),
  },
  {
    id: "scaleway community rules",
    type: COMMUNITY_TOKENS.scalewaySecurityGroupRules,
    label: (n) => `inboundRules[${n}]`,
    withGroup: true,
    single: false,
    source: true,
    deny: true,
    egress: false,
    build: (is) => ({ securityGroupId: "sg-1", inboundRules: byDirection(is, "ingress").map(scwCommunity) }),
  },
  {
    id: "scaleway deprecated group",
    type: COMMUNITY_TOKENS.scalewayInstanceSecurityGroup,
    label: (n) => `inboundRules[${n}]`,
    single: false,
    source: true,
    deny: true,
    egress: false,
    build: (is) => ({
      inboundDefaultPolicy: "drop",
      outboundDefaultPolicy: "drop",
      inboundRules: byDirection(is, "ingress").map(scwCommunity),
    }),
  },
  {
    id: "genesis rule",
    type: TOKENS.genesiscloudSecurityGroupRule,
    label: () => "the rule",
    single: true,
    source: false,
    deny: false,
    egress: true,
    build: ([i]) => ({ securityGroupId: "sg-1", ...genesis(i) }),
  },
  {
    id: "genesis group",
    type: TOKENS.genesiscloudSecurityGroup,
    label: (n) => `rules[${n}]`,
    single: false,
    source: false,
    deny: false,
    egress: true,
    build: (is) => ({ name: "web", rules: is.map(genesis) }),
  },
  {
    id: "genesis community group",
    type: COMMUNITY_TOKENS.genesisSecurityGroup,
    label: (n) => `rules[${n}]`,
    single: false,
    source: false,
    deny: false,
    egress: true,
    build: (is) => ({ name: "web", rules: is.map(genesis) }),
  },
];

/** Variants that can express every intent of a case. */
export function variantsFor(intents: Intent[]): Variant[] {
  return VARIANTS.filter(
    (v) =>
      (!v.single || intents.length === 1) &&
      intents.every(
        (i) =>
          (v.source || i.source === undefined || i.source === "0.0.0.0/0" || i.source === "::/0") &&
          (v.deny || (i.action ?? "allow") === "allow") &&
          (v.egress || (i.direction ?? "ingress") === "ingress"),
      ),
  );
}

/** IPv4 and IPv6 world labels as the pack prints them: Genesis rules reach both families. */
export const fam = (v: Variant, family: "IPv4" | "IPv6" | "IPv4, IPv6"): string => (v.source ? family : "IPv4, IPv6");
