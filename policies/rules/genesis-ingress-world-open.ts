import { resourcePolicy } from "../engine/policy-kit";
import { describeHits, hitsOutside } from "../engine/findings";
import { worldOpenIngress } from "../engine/queries";

export const genesisIngressWorldOpen = resourcePolicy({
  name: "genesis-ingress-world-open",
  description:
    "Checks that Genesis Cloud ingress rules, which have no source field and so always admit the whole internet, open only authorized public ports.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Genesis Cloud cannot restrict the source of a rule: remove the rule and reach the port through a VPN, a bastion or a private network, or add the port to authorizedPublicPorts if it is meant to be public.",
  configKeys: ["authorizedPublicPorts"],
  needs: ["ingress"],
  clouds: ["genesiscloud"],
  summary: "Genesis Cloud rules have no source filter, so these ports are open to the whole internet",
  judge: (res, cfg) => (res.cloud !== "genesiscloud" ? [] : describeHits(hitsOutside(worldOpenIngress(res, cfg), cfg.authorized))),
});
