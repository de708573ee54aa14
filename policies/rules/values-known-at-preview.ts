// Once per resource, the values unknown at preview that some policy needs, and which policies wait for
// them; those policies skip the resource (not applicable) instead of each saying the same thing.
import { ResourceValidationPolicy } from "@pulumi/policy";
import { configSchemaFor } from "../engine/config";
import { judgeable, POLICY_NEEDS, raiseUnknown, VALUES_KNOWN_POLICY, waitsFor } from "../engine/policy-kit";
import { normalise } from "../engine/normalise";
import { Props } from "../engine/fields";
import { pathText } from "../engine/unknowns";

export const valuesKnownAtPreview: ResourceValidationPolicy = {
  name: VALUES_KNOWN_POLICY,
  description:
    "Checks that the values the pack's policies need are known at preview, and names once per resource the policies that judge it only at pulumi up.",
  severity: "low",
  enforcementLevel: "advisory",
  remediationSteps:
    "Nothing to fix: the named policies judge the resource when the value is known (pulumi up). To judge it at preview, pass the value as a literal or from a stack that already exists.",
  configSchema: configSchemaFor(["exemptions"]),
  validateResource: (args) => {
    if (!judgeable(args, VALUES_KNOWN_POLICY)) return;
    const res = normalise(args.type, args.props as Props, args.urn);
    const waiting = new Map<string, string[]>();
    for (const u of res?.unknowns ?? []) {
      const policies = [...POLICY_NEEDS].filter(([, p]) => waitsFor(res!, p, u)).map(([name]) => name);
      if (policies.length) waiting.set(pathText(u.path), policies);
    }
    if (!waiting.size) return;
    const names = [...new Set([...waiting.values()].flat())].sort();
    const others = [...waiting.keys()].slice(1);
    const also = others.length ? `; also unknown: ${others.join(", ")}` : "";
    // The SDK reports this error as an advisory "can't run policy ... during preview", whatever the policy's level.
    raiseUnknown(
      args.props,
      res!.unknowns!.find((u) => waiting.has(pathText(u.path)))!.path,
      `${also}; these policies judge the resource at pulumi up: ${names.join(", ")}`,
    );
  },
};
