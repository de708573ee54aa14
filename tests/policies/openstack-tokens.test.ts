import { TOKENS } from "../../policies/type-tokens";
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { runResource } from "./harness";

// Our own openstack resources (the Neutron module's OpenStack profile) are judged like NHN's.
describe("the pack judges pulumi-secgroups' openstack resources", () => {
  it.each([
    [
      "an inline IPv6 SSH rule open to the world",
      TOKENS.openstackSecurityGroup,
      {
        name: "web",
        rules: [{ direction: "ingress", ethertype: "IPv6", protocol: "tcp", portRangeMin: 22, portRangeMax: 22, remoteIpPrefix: "::/0" }],
      },
    ],
    [
      "a SecurityGroupRule opening SSH to the world",
      TOKENS.openstackSecurityGroupRule,
      {
        securityGroupId: "sg",
        direction: "ingress",
        ethertype: "IPv4",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "0.0.0.0/0",
      },
    ],
  ])("reports %s", async (_what, type, props) => {
    const outcome = await runResource(noAdminPortsFromWorld, type, props);
    expect(outcome.notApplicable).toBeUndefined();
    expect(outcome.violations).toHaveLength(1);
    expect(outcome.violations[0]).toContain("22");
  });

  it("does not report a rule from a private network", async () => {
    const outcome = await runResource(noAdminPortsFromWorld, TOKENS.openstackSecurityGroupRule, {
      securityGroupId: "sg",
      direction: "ingress",
      ethertype: "IPv6",
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "fd00::/8",
    });
    expect(outcome.violations).toEqual([]);
  });
});
