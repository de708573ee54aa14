import { resourcePolicy } from "../engine/policy-kit";
import { evaluate, openTo } from "../engine/exposure";
import { describeHits, Hit } from "../engine/findings";
import { PortSet, portIntersect, portSubtract, portUnion } from "../engine/port-set";

export const ipv6Parity = resourcePolicy({
  name: "ipv6-parity",
  description: "Checks that a port restricted over IPv4 is not left open to the whole IPv6 internet.",
  severity: "high",
  enforcementLevel: "advisory",
  remediationSteps:
    "Give the IPv6 rule the same restriction as the IPv4 one (a trusted IPv6 prefix instead of ::/0, or no IPv6 rule at all).",
  configKeys: ["trustedSourceCidrs"],
  needs: ["ingress"],
  summary: "Ports restricted over IPv4 are open to the whole IPv6 internet",
  judge: (res, cfg) => {
    const ev = evaluate(res, "ingress");
    const open = openTo(ev, cfg.worldTarget);
    const hits: Hit[] = [];
    for (const protocol of ["tcp", "udp"]) {
      const v6 = open.find((o) => o.protocol === protocol && o.family === "v6");
      if (!v6) continue;
      const v4Open = open.find((o) => o.protocol === protocol && o.family === "v4")?.ports ?? [];
      let v4Allowed: PortSet = [];
      for (const s of ev.byProtocol.get(protocol) ?? []) if (s.allowed.v4.length) v4Allowed = portUnion(v4Allowed, s.ports);
      const ports = portIntersect(portSubtract(v6.ports, v4Open), v4Allowed);
      if (ports.length) hits.push({ ...v6, ports });
    }
    return describeHits(hits);
  },
});
