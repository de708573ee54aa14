import { resourcePolicy } from "../engine/policy-kit";
import { describeHits, hitsOnSpecs } from "../engine/findings";
import { worldOpenIngress } from "../engine/queries";

export const noSensitivePortsFromWorld = resourcePolicy({
  name: "no-sensitive-ports-from-world",
  description:
    "Checks that database, cache, orchestration, file-sharing and UDP-reflector ports are not reachable from the whole internet.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Allow these ports only from the application subnets or security groups that need them (remoteGroupId), or from trusted CIDRs; put the service behind a private network or a proxy.",
  configKeys: ["sensitivePorts", "trustedSourceCidrs", "judgeStandaloneRulesWithGroup"],
  needs: ["ingress"],
  summary: "Sensitive service ports are open to the world",
  judge: (res, cfg) => describeHits(hitsOnSpecs(worldOpenIngress(res, cfg), cfg.sensitive)),
});
