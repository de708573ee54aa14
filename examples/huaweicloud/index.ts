import * as pulumi from "@pulumi/pulumi";
import { huaweicloud } from "../../provider";

/**
 * Huawei Cloud example. VPC API v3: a web group owning its whole rule set (multiport, deny with a higher
 * priority) and a database group with a separate rule from the web tier. Nova API: an app group attached
 * to a server.
 */
export function deployHuaweicloud(serverId: pulumi.Input<string>) {
  const web = new huaweicloud.SecurityGroup("hw-web", {
    name: "web",
    description: "public web tier",
    rules: [
      { direction: "ingress", protocol: "tcp", multiport: "80,443", description: "HTTP and HTTPS from anywhere" },
      { direction: "ingress", protocol: "tcp", multiport: "22", remoteIpPrefix: "203.0.113.0/24", description: "SSH from the office" },
      { direction: "ingress", protocol: "tcp", multiport: "22", action: "deny", priority: 50, description: "SSH from anywhere else" },
      { direction: "egress", remoteIpPrefix: "0.0.0.0/0", priority: 100, description: "all outbound" },
    ],
  });

  const db = new huaweicloud.SecurityGroup("hw-db", { name: "db", description: "PostgreSQL", deleteDefaultRules: true });
  const fromWeb = new huaweicloud.SecurityGroupRule("hw-db-from-web", {
    securityGroupId: db.id,
    direction: "ingress",
    protocol: "tcp",
    multiport: "5432",
    remoteGroupId: web.id,
    description: "PostgreSQL from the web tier",
  });

  const app = new huaweicloud.nova.SecurityGroup("hw-nova-app", {
    name: "app",
    description: "app servers",
    rules: [{ ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: "10.0.0.0/8" }, { ipProtocol: "icmp" }],
  });
  const attached = new huaweicloud.nova.ServerSecurityGroup(
    "hw-nova-app-on-server",
    { serverId, securityGroupName: app.name },
    { dependsOn: [app] },
  );

  return {
    webId: web.id,
    dbId: db.id,
    webRules: web.securityGroupRules,
    dbRuleId: fromWeb.id,
    appId: app.id,
    attachmentId: attached.id,
  } satisfies Record<string, pulumi.Output<unknown>>;
}
