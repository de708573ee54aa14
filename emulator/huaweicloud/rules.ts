import * as ipaddr from "ipaddr.js";
import { parseIpText } from "../../provider/core/cidr";
import { errors } from "./errors";
import type { HwState } from "./model";
import { own } from "../own";

/** A rule's own fields, as VPC v3 stores and returns them (unset = null). */
export interface RuleFields {
  direction: "ingress" | "egress";
  ethertype: "IPv4" | "IPv6";
  protocol: string | null;
  multiport: string | null;
  action: "allow" | "deny";
  priority: number;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  remote_address_group_id: string | null;
  description: string;
}

const NAMED = new Set(["icmp", "tcp", "udp", "icmpv6"]);
const PORT_PROTOCOLS = new Set(["tcp", "udp", "6", "17"]);

const text = (v: unknown): string | null => (v === undefined || v === null || v === "" ? null : String(v));

/** Validates one CreateSecurityGroupRuleOption (or batch item) against VPC v3's rules; throws the cloud's error. */
export function normaliseRule(state: HwState, project: string, input: Record<string, unknown>, defaultPriority: number): RuleFields {
  if (input.direction !== "ingress" && input.direction !== "egress") {
    throw errors.invalid(
      input.direction === undefined
        ? "direction is required."
        : `Invalid direction ${input.direction}, allowed values are [ingress, egress].`,
    );
  }
  const et = String(input.ethertype ?? "IPv4").toLowerCase();
  if (et !== "ipv4" && et !== "ipv6")
    throw errors.badRule(`Security group rule for ethertype ${input.ethertype} not supported. Allowed values are [IPv4, IPv6].`);
  const ethertype = et === "ipv4" ? "IPv4" : "IPv6";

  const protocol = text(input.protocol)?.toLowerCase() ?? null;
  if (protocol !== null && !NAMED.has(protocol) && !(/^\d{1,3}$/.test(protocol) && Number(protocol) <= 255)) {
    throw errors.invalid(`Invalid protocol ${input.protocol}, allowed values are icmp, tcp, udp, icmpv6 or an IP protocol number 0-255.`);
  }
  if (protocol === "icmpv6" && ethertype === "IPv4") throw errors.badRule("Protocol icmpv6 requires ethertype IPv6.");
  if (protocol === "icmp" && ethertype === "IPv6") throw errors.badRule("Protocol icmp requires ethertype IPv4; use icmpv6.");

  const multiport = text(input.multiport);
  if (multiport !== null) {
    if (protocol === null || !PORT_PROTOCOLS.has(protocol))
      throw errors.invalid(`multiport ${multiport} is only allowed with protocol tcp or udp.`);
    checkMultiport(multiport);
  }

  const action = input.action ?? "allow";
  if (action !== "allow" && action !== "deny") throw errors.invalid(`Invalid action ${action}, allowed values are [allow, deny].`);
  const priorityText = text(input.priority);
  const priority = priorityText === null ? defaultPriority : Number(priorityText);
  if (!/^\d+$/.test(priorityText ?? "1") || priority < 1 || priority > 100)
    throw errors.invalid(`Invalid priority ${input.priority}, it must be an integer from 1 to 100.`);

  const remoteIp = text(input.remote_ip_prefix);
  const remoteGroup = text(input.remote_group_id);
  const remoteAddressGroup = text(input.remote_address_group_id);
  if ([remoteIp, remoteGroup, remoteAddressGroup].filter((v) => v !== null).length > 1) {
    throw errors.invalid("Only one of remote_ip_prefix, remote_group_id and remote_address_group_id may be provided.");
  }
  let prefix: string | null = null;
  if (remoteIp !== null) {
    let addr: ipaddr.IPv4 | ipaddr.IPv6;
    let bits: number;
    try {
      [addr, bits] = parseIpText(remoteIp);
    } catch {
      throw errors.invalid(`Invalid remote_ip_prefix ${remoteIp}, it must be an IP address or a CIDR block.`);
    }
    if ((addr.kind() === "ipv4") !== (ethertype === "IPv4"))
      throw errors.badRule(`Conflicting value ethertype ${ethertype} for CIDR ${remoteIp}.`);
    prefix = `${remoteIp.split("/")[0]}/${bits}`;
  }
  if (remoteGroup !== null) {
    const g = own(state.groups, remoteGroup);
    if (!g || g.project_id !== project) throw errors.remoteGroupNotFound(remoteGroup);
  }
  if (remoteAddressGroup !== null) {
    const a = own(state.addressGroups, remoteAddressGroup);
    if (!a || a.project_id !== project) throw errors.addressGroupNotFound(remoteAddressGroup);
    if ((a.ip_version === 4) !== (ethertype === "IPv4"))
      throw errors.badRule(`Ethertype ${ethertype} and address_group ip_version ${a.ip_version} not match`);
  }
  const description = input.description === undefined || input.description === null ? "" : String(input.description);
  checkDescription(description);
  return {
    direction: input.direction,
    ethertype,
    protocol,
    multiport,
    action,
    priority,
    remote_ip_prefix: prefix,
    remote_group_id: remoteGroup,
    remote_address_group_id: remoteAddressGroup,
    description,
  };
}

/** `80`, `1-30` or `22,3389,80-90`: each port 1-65535, each range ascending. */
function checkMultiport(value: string): void {
  for (const part of value.split(",")) {
    const m = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    const lo = m ? Number(m[1]) : NaN;
    const hi = m?.[2] !== undefined ? Number(m[2]) : lo;
    if (!m || lo < 1 || hi > 65535 || lo > hi)
      throw errors.invalid(
        `Invalid multiport ${value}, expected a port (80), a range (1-30) or a comma list (22,3389,80) of ports 1-65535.`,
      );
  }
}

/** 0-255 characters, no angle brackets. */
export function checkDescription(description: unknown): void {
  if (typeof description !== "string") throw errors.invalid("description must be a string.");
  if (description.length > 255) throw errors.invalid("description can contain a maximum of 255 characters.");
  if (/[<>]/.test(description)) throw errors.invalid("description cannot contain angle brackets (< or >).");
}

/** Two rules are duplicates when everything but the description and ids is equal; no remote = the family's whole space. */
export function duplicateKey(r: RuleFields & { nova_icmp?: [number, number] }): string {
  const world = r.remote_ip_prefix === "0.0.0.0/0" || r.remote_ip_prefix === "::/0";
  const protocol = r.protocol === "6" ? "tcp" : r.protocol === "17" ? "udp" : r.protocol;
  return JSON.stringify([
    r.direction,
    r.ethertype,
    protocol,
    r.multiport?.replace(/\s/g, "") ?? null,
    r.action,
    r.priority,
    world ? null : r.remote_ip_prefix,
    r.remote_group_id,
    r.remote_address_group_id,
    r.nova_icmp ?? null,
  ]);
}
