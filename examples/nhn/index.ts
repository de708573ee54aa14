import * as pulumi from "@pulumi/pulumi";
import { nhn } from "../../provider";

/**
 * NHN Cloud example: a web group owning its whole rule set, and a database group whose rules are
 * separate resources (rules that other teams add one by one).
 */
export function deployNhn() {
  const web = new nhn.SecurityGroup("nhn-web", {
    name: "web",
    description: "public web tier",
    rules: [
      { direction: "ingress", protocol: "tcp", portRangeMin: 443, portRangeMax: 443, description: "HTTPS from anywhere: public website" },
      {
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "203.0.113.0/24",
        description: "SSH from the office",
      },
      {
        direction: "egress",
        protocol: "tcp",
        portRangeMin: 443,
        portRangeMax: 443,
        remoteIpPrefix: "0.0.0.0/0",
        description: "HTTPS to package mirrors",
      },
    ],
  });

  const db = new nhn.SecurityGroup("nhn-db", { name: "db", description: "PostgreSQL", deleteDefaultRules: true });
  const fromWeb = new nhn.SecurityGroupRule("nhn-db-from-web", {
    securityGroupId: db.id,
    direction: "ingress",
    protocol: "tcp",
    portRangeMin: 5432,
    portRangeMax: 5432,
    remoteGroupId: web.id,
    description: "PostgreSQL from the web tier",
  });

  return { webId: web.id, dbId: db.id, webRules: web.securityGroupRules, dbRuleId: fromWeb.id } satisfies Record<
    string,
    pulumi.Output<unknown>
  >;
}
