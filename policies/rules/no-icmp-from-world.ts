import { resourcePolicy } from "../engine/policy-kit";
import { describeHits } from "../engine/findings";
import { worldOpenIngress } from "../engine/queries";

export const noIcmpFromWorld = resourcePolicy({
  name: "no-icmp-from-world",
  description:
    "Checks that ICMP is not reachable from the whole internet (rules allowing every protocol are reported by no-all-ports-from-world).",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps: "Allow ICMP only from monitoring or trusted CIDRs; keep ICMPv6 packet-too-big if IPv6 path MTU discovery is needed.",
  configKeys: ["trustedSourceCidrs"],
  needs: ["ingress"],
  summary: "ICMP is open to the world",
  judge: (res, cfg) => {
    const open = worldOpenIngress(res, cfg);
    const allProto = new Set(open.filter((o) => o.protocol === "all").map((o) => o.family));
    return describeHits(open.filter((o) => (o.protocol === "icmp" || o.protocol === "icmpv6") && !allProto.has(o.family)));
  },
});
