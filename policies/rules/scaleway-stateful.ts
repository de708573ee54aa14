import { resourcePolicy } from "../engine/policy-kit";

export const scalewayStateful = resourcePolicy({
  name: "scaleway-stateful",
  description: "Checks that Scaleway security groups are stateful, since stateless groups need wide inbound ranges for return traffic.",
  severity: "medium",
  enforcementLevel: "advisory",
  remediationSteps: "Set stateful: true (the first group Scaleway creates in a new zone is stateless: declare it and set the flag).",
  configKeys: [],
  needs: ["stateful"],
  clouds: ["scaleway"],
  summary: "The Scaleway group is stateless",
  judge: (res) => (res.scaleway && !res.scaleway.stateful ? ["stateful is false"] : []),
});
