// The one form every rule of every resource type is normalised into.
import { AddrSet, Family } from "./cidr-set";
import { PortSet } from "./port-set";
import type { UnknownValue } from "./unknowns";

export type Direction = "ingress" | "egress";
export type Action = "allow" | "deny";
/** `all`, `tcp`, `udp`, `icmp`, `icmpv6`, or `p<number>` for any other IP protocol. */
export type Protocol = string;

export type Cloud = "nhn" | "openstack" | "huaweicloud" | "huaweicloud-nova" | "scaleway" | "genesiscloud";

/** How a group's rules combine: allow-union (Neutron, Nova, Genesis), priority (Huawei v3), first match by position (Scaleway). */
export type Semantics = "union" | "priority" | "position";

export interface Rule {
  /** Where the rule is written, for messages: `rules[0]`, `inboundRules[2]`, `the rule`, `default egress rule`. */
  label: string;
  direction: Direction;
  action: Action;
  /** Evaluation order inside the group, lower first (Huawei priority, Scaleway position); 0 for union clouds. */
  order: number;
  protocol: Protocol;
  /** Ports the rule matches; all ports when omitted or when the protocol has no ports. */
  ports: PortSet;
  /** Source (ingress) or destination (egress) per IP family the rule applies to; absent family = not matched. */
  peers: Partial<Record<Family, AddrSet>>;
  /** The peer as written, for messages: `0.0.0.0/0`, `(omitted)`, `group sg-1`. */
  peerText: string;
  peerOmitted: boolean;
  remote?: "group" | "address-group";
  description?: string;
  enabled: boolean;
  /** Huawei only: the rule relied on the default priority. */
  priorityOmitted?: boolean;
}

export interface NormalisedResource {
  cloud: Cloud;
  /** `group`: a security group (with its inline rules); `rule`: one standalone rule; `rules`: a standalone rule list (Scaleway SecurityGroupRules). */
  kind: "group" | "rule" | "rules";
  semantics: Semantics;
  rules: Rule[];
  /** What happens to traffic that no rule matches. */
  defaults: Record<Direction, { action: Action; label: string }>;
  /** Field that holds inline rules, when the resource declares some (e.g. `rules`, `inboundRules`). */
  inlineRulesField?: string;
  /** Scaleway group flags as the cloud will apply them (defaults filled in). */
  scaleway?: {
    stateful: boolean;
    inboundDefaultPolicy: string;
    inboundDefaultExplicit: boolean;
    enableDefaultSecurity: boolean;
    externalRules: boolean;
  };
  /** Name of the group in the cloud, when the resource sets one. */
  groupName?: string;
  /** Values unknown at preview (left out of the rules above) and what each can change. */
  unknowns?: UnknownValue[];
}

export const DENY_BY_DEFAULT: NormalisedResource["defaults"] = {
  ingress: { action: "deny", label: "" },
  egress: { action: "deny", label: "" },
};
