import { checkInputs } from "../../provider/core/check";
import * as genesis from "../../provider/genesiscloud/inputs";
import * as huawei from "../../provider/huaweicloud/inputs";
import * as nhn from "../../provider/neutron/inputs";
import * as scaleway from "../../provider/scaleway/inputs";

const SG = "877b092c-2a31-4509-8d23-deeb02d95633";

// The engine prints "property <p> ... has a problem: <reason>": the reason must not name the property again.
it.each([
  ["nhn", nhn.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", protocol: "bogus" }, "protocol"],
  ["huawei", huawei.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "in", protocol: "tcp" }, "direction"],
  [
    "scaleway",
    scaleway.SecurityGroupInputs,
    { name: "g", rules: [{ direction: "inbound", action: "accept", protocol: "gre" }] },
    "rules.0.protocol",
  ],
  ["genesis", genesis.SecurityGroupInputs, { name: "standard" }, "name"],
])("%s: the reason names the field once", (_cloud, schema, news, property) => {
  const [failure] = checkInputs(schema, news).failures;
  expect(failure.property).toBe(property);
  expect(failure.reason.startsWith(`${property}:`)).toBe(false);
  expect(failure.reason).not.toContain(`${property}: ${property}`);
});

it("suggests Huawei's multiport for ports, top-level and inside rules", () => {
  expect(
    checkInputs(huawei.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", protocol: "tcp", ports: "22" }).failures,
  ).toEqual([{ property: "ports", reason: 'unknown argument "ports"; did you mean "multiport"?' }]);
  expect(
    checkInputs(huawei.SecurityGroupInputs, { name: "g", rules: [{ direction: "ingress", protocol: "tcp", ports: "22" }] }).failures,
  ).toEqual([{ property: "rules.0.ports", reason: 'unknown argument "ports"; did you mean "multiport"?' }]);
});

it("suggests each cloud's own name for an argument spelled as on another cloud, and the closest name for a typo", () => {
  const reasonFor = (schema: Parameters<typeof checkInputs>[0], news: Record<string, unknown>) =>
    checkInputs(schema, news).failures.map((f) => `${f.property}: ${f.reason}`);
  expect(reasonFor(nhn.SecurityGroupRuleInputs, { securityGroupId: SG, direction: "ingress", ports: "22" })).toEqual([
    'ports: unknown argument "ports"; did you mean "portRangeMin" or "portRangeMax"?',
  ]);
  expect(
    reasonFor(scaleway.SecurityGroupRuleInputs, {
      securityGroupId: SG,
      direction: "inbound",
      action: "accept",
      protocol: "TCP",
      ipRange: "10.0.0.0/8",
      cidr: "10.0.0.0/8",
    }),
  ).toEqual(['cidr: unknown argument "cidr"; did you mean "ipRange"?']);
  expect(reasonFor(nhn.SecurityGroupInputs, { name: "g", descriptoin: "x" })).toEqual([
    'descriptoin: unknown argument "descriptoin"; did you mean "description"?',
  ]);
  expect(reasonFor(nhn.SecurityGroupInputs, { name: "g", colour: "blue" })).toEqual([
    'colour: unknown argument "colour"; check the spelling against the resource\'s documented arguments',
  ]);
});
