import { resourcePolicy } from "../engine/policy-kit";

export const nhnIpv4Only = resourcePolicy({
  name: "nhn-ipv4-only",
  description: "Checks that NHN Cloud rules are IPv4, the only ethertype NHN documents.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps: "Use ethertype IPv4 with an IPv4 source; NHN Cloud networks do not carry IPv6.",
  configKeys: [],
  needs: ["ingress", "egress"],
  clouds: ["nhn"],
  summary: "NHN Cloud rules use IPv6",
  judge: (res) =>
    res.cloud !== "nhn"
      ? []
      : res.rules.filter((r) => r.peers.v6 && !r.label.startsWith("default")).map((r) => `${r.label} (${r.peerText})`),
});
