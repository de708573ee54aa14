import { resourcePolicy } from "../engine/policy-kit";
import { ingressAllowRules } from "../engine/queries";

export const explicitSourceRequired = resourcePolicy({
  name: "explicit-source-required",
  description:
    "Checks that ingress rules name their source, since an omitted source means the whole internet on NHN, OpenStack, Huawei and Scaleway.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Set the rule's source (remoteIpPrefix, cidr or ipRange) explicitly: a trusted CIDR, a remote group, or 0.0.0.0/0 with a justification if the port is meant to be public.",
  configKeys: [],
  needs: ["ingress"],
  summary: "Ingress rules omit their source, which the cloud reads as the whole internet",
  judge: (res) =>
    ingressAllowRules(res)
      .filter((r) => r.peerOmitted)
      .map((r) => `${r.label} (read as ${[r.peers.v4 ? "0.0.0.0/0" : "", r.peers.v6 ? "::/0" : ""].filter(Boolean).join(" and ")})`),
});
