import * as ipaddr from "ipaddr.js";
import { parseIpText } from "../../../provider/core/cidr";
import { perRule } from "../../rule-index";
import { EmulatedError } from "../../types";
import * as vpc from "../model";
import type { HwGroup, HwRule, HwState } from "../model";
import type { RuleFields } from "../rules";
import { faults } from "./errors";
import { own } from "../../own";

export { DEMO_SERVER_ID, addServer } from "../model";

/**
 * Nova's os-security-groups over the VPC store: Nova groups are VPC groups and Nova rules are VPC ingress rules,
 * mapped as upstream Nova maps them to Neutron (nova/network/security_group_api.py).
 */

/** A rule as Nova's arguments describe it: null protocol/ports = all; exactly one of cidr or group_id. */
export interface NovaRuleInput {
  ip_protocol: string | null;
  from_port: number | null;
  to_port: number | null;
  cidr: string | null;
  group_id: string | null;
}

/** What Nova shows of a VPC rule (`_convert_to_nova_security_group_rule_format`). */
export interface NovaRuleView extends NovaRuleInput {
  id: string;
  parent_group_id: string;
}

export function visibleGroup(state: HwState, project: string, id: string): HwGroup {
  const g = own(state.groups, id);
  if (!g || g.project_id !== project) throw faults.groupNotFound(id);
  return g;
}

export function projectGroups(state: HwState, project: string): HwGroup[] {
  return Object.values(state.groups)
    .filter((g) => g.project_id === project)
    .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
}

/**
 * Nova shows ingress rules only (upstream). It has no field for deny, for a port list, or for an address group:
 * such VPC rules are left out (a guess; Huawei does not document it). No remote shows as cidr 0.0.0.0/0, even on
 * IPv6 (upstream `parse_cidr(None)`); a protocol without ports shows 1-65535 (tcp, udp) or -1/-1 (others).
 */
export function ruleView(r: HwRule): NovaRuleView | undefined {
  if (r.direction !== "ingress" || r.action !== "allow" || r.remote_address_group_id !== null || r.multiport?.includes(","))
    return undefined;
  let [from, to]: [number | null, number | null] = r.nova_icmp ?? [null, null];
  if (r.multiport !== null) {
    const [lo, hi = lo] = r.multiport.split("-").map((p) => Number(p.trim()));
    [from, to] = [lo, hi];
  }
  if (r.protocol !== null && from === null && to === null) [from, to] = ["tcp", "udp"].includes(r.protocol) ? [1, 65535] : [-1, -1];
  return {
    id: r.id,
    parent_group_id: r.security_group_id,
    ip_protocol: r.protocol,
    from_port: from,
    to_port: to,
    cidr: r.remote_ip_prefix ?? "0.0.0.0/0",
    group_id: r.remote_group_id,
  };
}

const storedView = perRule(ruleView);

export function groupRuleViews(state: HwState, groupId: string): NovaRuleView[] {
  return vpc.groupRules(state, groupId).flatMap((r) => storedView(r) ?? []);
}

/** A group made through Nova is a VPC group with Neutron's two egress defaults only (Nova shows `rules: []`). */
export function createGroup(state: HwState, project: string, name: string, description: string, now: number): HwGroup {
  try {
    return vpc.createGroup(state, project, { name, description, enterprise_project_id: "0", tags: [] }, now, false, "nova")!;
  } catch (e) {
    throw e instanceof EmulatedError && e.status === 409 ? faults.groupQuota() : e;
  }
}

export function deleteGroup(state: HwState, project: string, id: string): void {
  visibleGroup(state, project, id);
  if (vpc.groupInUse(state, id)) throw faults.inUse(id);
  vpc.deleteGroup(state, project, id);
}

/** Nova's rule arguments -> a rule, with Nova's defaults and messages (nova/network/security_group_api.py). */
export function buildRule(input: {
  ip_protocol?: unknown;
  from_port?: unknown;
  to_port?: unknown;
  cidr?: unknown;
  group_id?: unknown;
}): NovaRuleInput {
  const groupId = input.group_id === undefined || input.group_id === null ? null : String(input.group_id);
  let protocol = input.ip_protocol === undefined || input.ip_protocol === null ? null : String(input.ip_protocol);
  let from = input.from_port ?? null;
  let to = input.to_port ?? null;
  let cidr: string | null = null;
  if (groupId !== null) {
    const upper = protocol?.toUpperCase();
    if (upper === "ICMP" && from === null && to === null) [from, to] = [-1, -1];
    else if ((upper === "TCP" || upper === "UDP") && from === null && to === null) [from, to] = [1, 65535];
  } else {
    cidr = parseCidr(input.cidr === undefined || input.cidr === null || input.cidr === "" ? "0.0.0.0/0" : String(input.cidr));
  }
  if (protocol !== null && protocol !== "" && from !== null && to !== null) {
    const lo = Number(from);
    const hi = Number(to);
    const upper = protocol.toUpperCase();
    if (!Number.isInteger(lo) || !Number.isInteger(hi) || String(from).trim() === "" || String(to).trim() === "") {
      throw faults.bad(
        `Invalid input received: ${upper === "ICMP" ? "Type and Code must be integers for ICMP protocol type" : "To and From ports must be integers"}`,
      );
    }
    if (!["TCP", "UDP", "ICMP"].includes(upper)) throw faults.bad(`Invalid IP protocol ${protocol}.`);
    if (upper !== "ICMP" && lo > hi) throw faults.bad(`Invalid port range ${lo}:${hi}. Former value cannot be greater than the later`);
    if (upper !== "ICMP" && (lo < 1 || hi > 65535))
      throw faults.bad(`Invalid port range ${lo}:${hi}. Valid ${upper} ports should be between 1-65535`);
    if (upper === "ICMP" && (lo < -1 || lo > 255 || hi < -1 || hi > 255))
      throw faults.bad(`Invalid port range ${lo}:${hi}. For ICMP, the type:code must be valid`);
    protocol = protocol.toLowerCase();
    return { ip_protocol: protocol, from_port: lo, to_port: hi, cidr, group_id: groupId };
  }
  if (groupId === null) throw faults.bad("Not enough parameters to build a valid rule.");
  return { ip_protocol: null, from_port: null, to_port: null, cidr: null, group_id: groupId };
}

function parseCidr(text: string): string {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  let bits: number;
  try {
    [addr, bits] = parseIpText(text);
  } catch {
    throw faults.bad(`Invalid cidr ${text}.`);
  }
  if (bits === 0 && addr.toByteArray().some((b) => b !== 0)) throw faults.bad(`Bad prefix for network in cidr ${text}`);
  return `${text.split("/")[0]}/${bits}`;
}

/**
 * Adds a Nova rule as a VPC ingress rule (`_make_neutron_security_group_rules_list`): ethertype from the CIDR, IPv4
 * for a group rule; ports -1 mean none; tcp/udp ports become `multiport`; an ICMP type/code is kept for Nova only.
 */
export function addRule(state: HwState, project: string, parent: string, rule: NovaRuleInput, now: number): HwRule {
  const same = (v: NovaRuleInput) =>
    v.ip_protocol === rule.ip_protocol &&
    v.from_port === rule.from_port &&
    v.to_port === rule.to_port &&
    v.group_id === rule.group_id &&
    (rule.group_id !== null || v.cidr === rule.cidr);
  if (groupRuleViews(state, parent).some(same)) throw faults.ruleExists(parent);
  const from = rule.from_port === -1 ? null : rule.from_port;
  const to = rule.to_port === -1 ? null : rule.to_port;
  const icmp = rule.ip_protocol === "icmp";
  const fields: RuleFields & { nova_icmp?: [number, number] } = {
    direction: "ingress",
    ethertype: rule.cidr !== null && ipaddr.parse(rule.cidr.split("/")[0]).kind() === "ipv6" ? "IPv6" : "IPv4",
    protocol: rule.ip_protocol,
    multiport: icmp || from === null ? null : from === to || to === null ? String(from) : `${from}-${to}`,
    action: "allow",
    priority: state.defaultPriority,
    remote_ip_prefix: rule.group_id === null ? rule.cidr : null,
    remote_group_id: rule.group_id,
    remote_address_group_id: null,
    description: "",
    ...(icmp && (from !== null || to !== null) ? { nova_icmp: [rule.from_port ?? -1, rule.to_port ?? -1] as [number, number] } : {}),
  };
  try {
    return vpc.addRules(state, project, parent, [fields], now, { ignoreDuplicate: false, dryRun: false })[0];
  } catch (e) {
    if (!(e instanceof EmulatedError) || e.status !== 409) throw e;
    throw (e.body as { error_code?: string }).error_code === "VPC.9905" ? faults.ruleQuota() : faults.ruleExists(parent);
  }
}

export function deleteRule(state: HwState, project: string, id: string): void {
  const r = own(state.rules, id);
  if (!r || r.project_id !== project) throw faults.ruleNotFound(id);
  vpc.ruleIndex.drop(state.rules, id);
}

/** Finds a group by id or by unique name, as the server actions do. */
export function groupByNameOrId(state: HwState, project: string, name: string): HwGroup {
  const byId = own(state.groups, name);
  if (byId && byId.project_id === project) return byId;
  const matches = Object.values(state.groups).filter((g) => g.project_id === project && g.name === name);
  if (matches.length > 1) throw faults.ambiguous(name);
  if (!matches.length) throw faults.groupNotFoundForProject(name, project);
  return matches[0];
}
