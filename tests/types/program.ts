// A user's program, type-checked against the published declarations (`pulumi-secgroups` = dist/).
// Compiled by tests/types/types.test.ts (and by `tsc -p tsconfig.tests.json`): each line marked as an
// expected error must be an error, every other line must compile.
import type * as pulumi from "@pulumi/pulumi";
import { genesiscloud, huaweicloud, nhn, openstack, scaleway } from "pulumi-secgroups";

export function program() {
  const web = new nhn.SecurityGroup("web", { name: "web", rules: [{ direction: "ingress", protocol: "tcp", portRangeMin: 22 }] });
  // Output element types are the canonical outputs, not Input<> types.
  const direction: pulumi.Output<"ingress" | "egress"> = web.securityGroupRules.apply((rs) => rs[0].direction);
  const ruleId: pulumi.Output<string> = web.securityGroupRules.apply((rs) => rs[0].id);
  // The outputs the README describes are declared.
  const description: pulumi.Output<string> = web.description;
  const rules = web.rules.apply((rs) => rs?.map((r) => r.protocol));
  // @ts-expect-error a misspelt protocol does not type-check
  new nhn.SecurityGroupRule("r1", { securityGroupId: web.id, direction: "ingress", protocol: "tcpx" });
  new nhn.SecurityGroupRule("r2", { securityGroupId: web.id, direction: "ingress", protocol: 6, portRangeMin: 443 });
  new nhn.SecurityGroupRule("r3", { securityGroupId: web.id, direction: "ingress", protocol: "TCP" });

  const os = new openstack.SecurityGroup("os", { name: "os", rules: [{ direction: "ingress", protocol: "icmpv6", remoteIpPrefix: "::/0" }] });
  const family: pulumi.Output<"IPv4" | "IPv6"> = os.securityGroupRules.apply((rs) => rs[0].ethertype);
  // @ts-expect-error ethertype is IPv4 or IPv6
  new openstack.SecurityGroupRule("os-r", { securityGroupId: os.id, direction: "ingress", ethertype: "IPv5" });

  // @ts-expect-error Scaleway protocols are TCP, UDP, ICMP or ANY
  new scaleway.SecurityGroupRule("s1", { securityGroupId: "g", protocol: "TCPX", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0" });
  // @ts-expect-error direction is inbound or outbound
  new scaleway.SecurityGroupRule("s2", { securityGroupId: "g", protocol: "TCP", direction: "ingress", action: "accept", ipRange: "0.0.0.0/0" });
  const sg = new scaleway.SecurityGroup("sg", { name: "sg", inboundDefaultPolicy: "drop" });
  const position: pulumi.Output<number> = sg.securityGroupRules.apply((rs) => rs[0].position);

  const gen = new genesiscloud.SecurityGroup("gen", { name: "gen", rules: [{ protocol: "tcp", direction: "ingress", portRangeMin: 443 }] });
  // @ts-expect-error Genesis protocols are tcp, udp, icmp or all
  new genesiscloud.SecurityGroupRule("g1", { securityGroupId: gen.id, protocol: "tcpx", direction: "ingress" });
  // The live rules under the name every cloud uses, and under Genesis's former name.
  const genRules: pulumi.Output<string[]> = gen.securityGroupRules.apply((rs) => rs.map((r) => r.protocol));
  const genLive: pulumi.Output<string[]> = gen.liveRules.apply((rs) => rs.map((r) => r.protocol));

  const hw = new huaweicloud.SecurityGroup("hw", { name: "hw", rules: [{ direction: "ingress", protocol: "tcp", multiport: "22,443", priority: 5 }] });
  const priority: pulumi.Output<number> = hw.securityGroupRules.apply((rs) => rs[0].priority);
  // @ts-expect-error action is allow or deny
  new huaweicloud.SecurityGroupRule("hw-r", { securityGroupId: hw.id, direction: "ingress", action: "reject" });
  const attach = new huaweicloud.nova.ServerSecurityGroup("attach", { serverId: "s", securityGroupName: "default" });
  const attached: pulumi.Output<string> = attach.securityGroupId;

  return { direction, ruleId, description, rules, family, position, genRules, genLive, priority, attached };
}
