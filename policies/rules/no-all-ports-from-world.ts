import { resourcePolicy } from "../engine/policy-kit";
import { describeHits, Hit } from "../engine/findings";
import { worldOpenIngress } from "../engine/queries";
import { isAllPorts } from "../engine/port-set";
import { OpenFinding } from "../engine/exposure";

/** Every protocol, or every tcp/udp port, open to the world; tcp/udp are not repeated for a family where all protocols are open. */
export function allPortHits(open: readonly OpenFinding[]): Hit[] {
  const allProto = new Set(open.filter((o) => o.protocol === "all").map((o) => o.family));
  return open.filter((o) =>
    o.protocol === "all" || ((o.protocol === "tcp" || o.protocol === "udp") && isAllPorts(o.ports) && !allProto.has(o.family)));
}

export const noAllPortsFromWorld = resourcePolicy({
  name: "no-all-ports-from-world",
  description: "Checks that no group lets the whole internet reach all protocols or all TCP/UDP ports.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps: "Replace the all-protocol / all-port rule with rules for the specific ports the service needs; on Scaleway set inboundDefaultPolicy to drop; on Genesis Cloud give every rule a protocol and a port range.",
  configKeys: ["trustedSourceCidrs"],
  summary: "All ports are open to the world",
  judge: (res, cfg) => describeHits(allPortHits(worldOpenIngress(res, cfg)).map((o) => ({ ...o, ports: o.protocol === "all" ? [] : [[1, 65535]] }))),
});
