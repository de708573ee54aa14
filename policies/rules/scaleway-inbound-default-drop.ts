import { resourcePolicy } from "../engine/policy-kit";
import { COMMUNITY_TOKENS } from "../engine/normalise";
import { TOKENS } from "../type-tokens";

const GROUP_TYPES = new Set<string>([
  TOKENS.scalewaySecurityGroup,
  COMMUNITY_TOKENS.scalewaySecurityGroup,
  COMMUNITY_TOKENS.scalewayInstanceSecurityGroup,
]);

export const scalewayInboundDefaultDrop = resourcePolicy({
  name: "scaleway-inbound-default-drop",
  description:
    "Checks that Scaleway security groups set inboundDefaultPolicy to drop, since the default (accept) opens every port no rule drops.",
  severity: "high",
  enforcementLevel: "mandatory",
  remediationSteps:
    'Set inboundDefaultPolicy: "drop" and add accept rules for the ports that must be reachable. With enforcement level `remediate` the pack sets it for you.',
  configKeys: [],
  needs: ["inboundDefault"],
  clouds: ["scaleway"],
  summary: "The Scaleway group accepts inbound traffic by default",
  judge: (res) => {
    const s = res.scaleway;
    if (!s || s.inboundDefaultPolicy !== "accept") return [];
    return [s.inboundDefaultExplicit ? "inboundDefaultPolicy is accept" : "inboundDefaultPolicy is unset and the cloud default is accept"];
  },
  remediate: (type, props) =>
    GROUP_TYPES.has(type) && props["inboundDefaultPolicy"] !== "drop" ? { ...props, inboundDefaultPolicy: "drop" } : undefined,
});
