import { resourcePolicy } from "../engine/policy-kit";
import { describeHits, hitsOutside } from "../engine/findings";
import { worldOpenIngress } from "../engine/queries";

export const onlyAuthorizedPublicPorts = resourcePolicy({
  name: "only-authorized-public-ports",
  description: "Checks that only the authorized public ports (by default tcp/80 and tcp/443) are reachable from the whole internet.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Restrict the source of the rule to trusted CIDRs, or add the port to authorizedPublicPorts if the service is meant to be public.",
  configKeys: ["authorizedPublicPorts", "trustedSourceCidrs"],
  needs: ["ingress"],
  clouds: ["nhn", "openstack", "huaweicloud", "huaweicloud-nova", "scaleway"],
  summary: "Ports outside authorizedPublicPorts are open to the world",
  // Genesis rules are all world-open: genesis-ingress-world-open reports them with the reason. ICMP has its own policy.
  judge: (res, cfg) =>
    res.cloud === "genesiscloud"
      ? []
      : describeHits(
          hitsOutside(
            worldOpenIngress(res, cfg).filter((o) => o.protocol !== "icmp" && o.protocol !== "icmpv6"),
            cfg.authorized,
          ),
        ),
});
