import { resourcePolicy } from "../engine/policy-kit";
import { describeHits, hitsOnSpecs } from "../engine/findings";
import { isWorldRule, worldOpenIngress } from "../engine/queries";
import { normalise } from "../engine/normalise";
import { parseCidr } from "../engine/cidr-set";
import { portSubtract, portUnion } from "../engine/port-set";
import { Resolved } from "../engine/config";
import { Props } from "../engine/fields";

const SOURCE_FIELD: Record<string, string> = {
  nhn: "remoteIpPrefix",
  openstack: "remoteIpPrefix",
  huaweicloud: "remoteIpPrefix",
  "huaweicloud-nova": "cidr",
  scaleway: "ipRange",
};

/** Narrows the world source of a standalone tcp rule that opens only admin ports to the configured admin CIDR. */
function narrowAdminSource(type: string, props: Props, cfg: Resolved): Props | undefined {
  const res = normalise(type, props);
  const rule = res?.kind === "rule" ? res.rules[0] : undefined;
  const field = res && SOURCE_FIELD[res.cloud];
  if (!res || !rule || !field || rule.protocol !== "tcp" || rule.action !== "allow" || !isWorldRule(rule, cfg)) return undefined;
  const adminTcp = portUnion(
    cfg.admin.filter((s) => s.protocol === "tcp").flatMap((s) => s.ports),
    [],
  );
  if (portSubtract(rule.ports, adminTcp).length) return undefined;
  const family = rule.peers.v4 ? "v4" : "v6";
  const cidr = cfg.adminSourceCidrs.map(parseCidr).find((c) => c?.family === family);
  return cidr ? { ...props, [field]: cidr.canonical } : undefined;
}

export const noAdminPortsFromWorld = resourcePolicy({
  name: "no-admin-ports-from-world",
  description:
    "Checks that remote administration ports (SSH, RDP, WinRM, VNC, Telnet) are not reachable from the whole internet over IPv4 or IPv6.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Restrict the rule's source to a bastion, VPN or office CIDR (or list it in trustedSourceCidrs), or reach the hosts through a bastion or SSM-style agent instead. With enforcement level `remediate` and `adminSourceCidrs` set, a standalone rule that opens only admin ports is narrowed to that CIDR.",
  configKeys: ["adminPorts", "trustedSourceCidrs", "adminSourceCidrs", "judgeStandaloneRulesWithGroup"],
  needs: ["ingress"],
  summary: "Admin ports are open to the world",
  judge: (res, cfg) => describeHits(hitsOnSpecs(worldOpenIngress(res, cfg), cfg.admin)),
  remediate: narrowAdminSource,
});
