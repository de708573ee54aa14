import * as pulumi from "@pulumi/pulumi";
import { genesiscloud } from "../../provider";

/**
 * Genesis Cloud example: a web group owning its whole rule list, and a GPU-worker group whose rules are
 * separate resources (added one by one by other stacks or teams). Genesis rules cannot restrict the source
 * address, so every ingress rule here is open to the internet: keep them to what must be public (no SSH:
 * reach the workers through a bastion; the policy pack's no-admin-ports-from-world would block port 22).
 */
export function deployGenesiscloud() {
  const web = new genesiscloud.SecurityGroup("genesis-web", {
    name: "web",
    description: "public web tier",
    rules: [
      { protocol: "tcp", direction: "ingress", portRangeMin: 443, portRangeMax: 443 },
      { protocol: "icmp", direction: "ingress" },
      { protocol: "all", direction: "egress" },
    ],
  });

  // No `rules`: created with one `all` egress rule; the SecurityGroupRule resources below add to it.
  const workers = new genesiscloud.SecurityGroup("genesis-workers", { name: "gpu-workers", description: "training jobs" });
  const jupyter = new genesiscloud.SecurityGroupRule("genesis-workers-jupyter", {
    securityGroupId: workers.id,
    protocol: "tcp",
    direction: "ingress",
    portRangeMin: 8888,
  });
  const tensorboard = new genesiscloud.SecurityGroupRule("genesis-workers-tensorboard", {
    securityGroupId: workers.id,
    protocol: "tcp",
    direction: "ingress",
    portRangeMin: 6006,
  });

  return {
    webId: web.id,
    workersId: workers.id,
    webRules: web.liveRules,
    jupyterId: jupyter.id,
    tensorboardId: tensorboard.id,
  } satisfies Record<string, pulumi.Output<unknown>>;
}
