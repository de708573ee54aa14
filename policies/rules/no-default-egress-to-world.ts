import { resourcePolicy } from "../engine/policy-kit";
import { describeHits } from "../engine/findings";
import { worldOpenEgress } from "../engine/queries";
import { allPortHits } from "./no-all-ports-from-world";

export const noDefaultEgressToWorld = resourcePolicy({
  name: "no-default-egress-to-world",
  description:
    "Checks that groups do not allow egress to the whole internet on all ports, as the clouds' default egress rules and Scaleway's default outbound policy do.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    'Declare the group\'s egress rules explicitly (inline rules replace the default ones; or set deleteDefaultRules: true, or outboundDefaultPolicy: "drop" on Scaleway) and allow only the destinations and ports the workload needs (e.g. tcp/443, udp/53, udp/123).',
  configKeys: ["trustedSourceCidrs"],
  needs: ["egress"],
  summary: "Egress to the world is open on all ports",
  judge: (res, cfg) =>
    describeHits(allPortHits(worldOpenEgress(res, cfg)).map((o) => ({ ...o, ports: o.protocol === "all" ? [] : [[1, 65535]] }))),
});
