import * as pulumi from "@pulumi/pulumi";
import { openstack } from "../../provider";

/**
 * OpenStack example (any Neutron cloud, Keystone v3): a web group owning its whole rule set, IPv4 and
 * IPv6, and a database group whose rule from the web tier is a separate resource.
 */
export function deployOpenstack() {
  const web = new openstack.SecurityGroup("openstack-web", {
    name: "web",
    description: "public web tier, dual stack",
    rules: [
      {
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 443,
        portRangeMax: 443,
        description: "HTTPS from anywhere (IPv4): public website",
      },
      {
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 443,
        portRangeMax: 443,
        remoteIpPrefix: "::/0",
        description: "HTTPS from anywhere (IPv6): public website",
      },
      {
        direction: "ingress",
        protocol: "tcp",
        portRangeMin: 22,
        portRangeMax: 22,
        remoteIpPrefix: "2001:db8:10::/48",
        description: "SSH from the office",
      },
      { direction: "egress", ethertype: "IPv4" },
      { direction: "egress", ethertype: "IPv6" },
    ],
  });

  const db = new openstack.SecurityGroup("openstack-db", { name: "db", description: "PostgreSQL", deleteDefaultRules: true });
  const fromWeb = new openstack.SecurityGroupRule("openstack-db-from-web", {
    securityGroupId: db.id,
    direction: "ingress",
    ethertype: "IPv6",
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
