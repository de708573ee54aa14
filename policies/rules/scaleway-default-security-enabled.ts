import { resourcePolicy } from "../engine/policy-kit";

export const scalewayDefaultSecurityEnabled = resourcePolicy({
  name: "scaleway-default-security-enabled",
  description: "Checks that Scaleway security groups keep enableDefaultSecurity on, which blocks outbound SMTP (25, 465, 587).",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps:
    "Remove enableDefaultSecurity: false unless the instance must send mail directly (and then use a mail relay instead if possible).",
  configKeys: [],
  needs: ["defaultSecurity"],
  clouds: ["scaleway"],
  summary: "The Scaleway group allows outbound SMTP",
  judge: (res) => (res.scaleway && !res.scaleway.enableDefaultSecurity ? ["enableDefaultSecurity is false"] : []),
});
