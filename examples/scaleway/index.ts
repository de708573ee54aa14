import * as pulumi from "@pulumi/pulumi";
import { scaleway } from "../../provider";

/**
 * Scaleway example: a web group that drops unmatched inbound traffic and owns its ordered rule list
 * (first match wins), and a database group whose rules are separate resources added one by one.
 */
export function deployScaleway() {
  const web = new scaleway.SecurityGroup("scw-web", {
    name: "web",
    description: "public web tier",
    inboundDefaultPolicy: "drop",
    tags: ["web"],
    rules: [
      { protocol: "TCP", direction: "inbound", action: "drop", ipRange: "198.51.100.0/24", destPortFrom: 443 },
      { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "0.0.0.0/0", destPortFrom: 443 },
      { protocol: "TCP", direction: "inbound", action: "accept", ipRange: "203.0.113.0/24", destPortFrom: 22 },
      { protocol: "ICMP", direction: "inbound", action: "accept", ipRange: "203.0.113.0/24" },
    ],
  });

  const db = new scaleway.SecurityGroup("scw-db", {
    name: "db",
    description: "PostgreSQL",
    inboundDefaultPolicy: "drop",
    outboundDefaultPolicy: "drop",
  });
  const fromApp = new scaleway.SecurityGroupRule("scw-db-from-app", {
    securityGroupId: db.id,
    protocol: "TCP",
    direction: "inbound",
    action: "accept",
    ipRange: "10.20.0.0/16",
    destPortFrom: 5432,
  });

  return { webId: web.id, dbId: db.id, webRules: web.securityGroupRules, dbRuleId: fromApp.id } satisfies Record<
    string,
    pulumi.Output<unknown>
  >;
}
