import { resourcePolicy } from "../engine/policy-kit";
import { describeHits, Hit } from "../engine/findings";
import { worldOpenIngress } from "../engine/queries";
import { isAllPorts } from "../engine/port-set";
import { OpenFinding } from "../engine/exposure";

/** Every protocol, or every tcp/udp port, open to the world; tcp/udp are not repeated for a family where all protocols are open. */
export function allPortHits(open: readonly OpenFinding[]): Hit[] {
  const full = open.filter((o) => (o.protocol === "tcp" || o.protocol === "udp") && isAllPorts(o.ports));
  // "All protocols" only when tcp and udp are fully open too (e.g. not when Scaleway's SMTP drop rules apply).
  const allProto = new Set(
    open.filter((o) => o.protocol === "all" && full.filter((f) => f.family === o.family).length === 2).map((o) => o.family),
  );
  return [...open.filter((o) => o.protocol === "all" && allProto.has(o.family)), ...full.filter((o) => !allProto.has(o.family))];
}

export const noAllPortsFromWorld = resourcePolicy({
  name: "no-all-ports-from-world",
  description: "Checks that no group lets the whole internet reach all protocols or all TCP/UDP ports.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Replace the all-protocol / all-port rule with rules for the specific ports the service needs; on Scaleway set inboundDefaultPolicy to drop; on Genesis Cloud give every rule a protocol and a port range.",
  configKeys: ["trustedSourceCidrs", "judgeStandaloneRulesWithGroup"],
  needs: ["ingress"],
  summary: "All ports are open to the world",
  judge: (res, cfg) =>
    describeHits(allPortHits(worldOpenIngress(res, cfg)).map((o) => ({ ...o, ports: o.protocol === "all" ? [] : [[1, 65535]] }))),
});
