// The world-exposure policies on every covered resource type: reports / does not report.
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { noSensitivePortsFromWorld } from "../../policies/rules/no-sensitive-ports-from-world";
import { noAllPortsFromWorld } from "../../policies/rules/no-all-ports-from-world";
import { onlyAuthorizedPublicPorts } from "../../policies/rules/only-authorized-public-ports";
import { genesisIngressWorldOpen } from "../../policies/rules/genesis-ingress-world-open";
import { fam } from "./fixtures";
import { table } from "./table";

const ADMIN = "Admin ports are open to the world";
describe("no-admin-ports-from-world", () => {
  table(noAdminPortsFromWorld, [
    {
      title: "reports tcp/22 from 0.0.0.0/0",
      intents: [{ from: 22, source: "0.0.0.0/0" }],
      expected: (v) => [`${ADMIN}: tcp/22 (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "reports tcp/3389 from ::/0",
      intents: [{ from: 3389, source: "::/0" }],
      expected: (v) => [`${ADMIN}: tcp/3389 (${fam(v, "IPv6")}) via ${v.label(0)}.`],
    },
    {
      title: "reports a range 20-30 containing 22 and 23",
      intents: [{ from: 20, to: 30, source: "0.0.0.0/0" }],
      expected: (v) => [`${ADMIN}: tcp/22 (${fam(v, "IPv4")}) via ${v.label(0)}; tcp/23 (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "reports WinRM 5985-5986 inside 5000-6000",
      intents: [{ from: 5000, to: 6000, source: "0.0.0.0/0" }],
      expected: (v) => [`${ADMIN}: tcp/5985-5986 (${fam(v, "IPv4")}) via ${v.label(0)}; tcp/5900 (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "reports tcp with no ports (all ports)",
      intents: [{ source: "0.0.0.0/0" }],
      expected: (v) => [
        `${ADMIN}: ${["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"].map((p) => `${p} (${fam(v, "IPv4")}) via ${v.label(0)}`).join("; ")}.`,
      ],
    },
    {
      title: "reports a host-bits world 1.2.3.4/0",
      intents: [{ from: 22, source: "1.2.3.4/0" }],
      expected: (v) => [`${ADMIN}: tcp/22 (IPv4) via ${v.label(0)}.`],
    },
    { title: "does not report tcp/22 from a private range", intents: [{ from: 22, source: "10.0.0.0/8" }], expected: () => [] },
    { title: "does not report tcp/22 from a public /24", intents: [{ from: 22, source: "198.51.99.0/24" }], expected: () => [] },
    { title: "does not report tcp/443 from the world", intents: [{ from: 443, source: "0.0.0.0/0" }], expected: () => [] },
    { title: "does not report udp/22 from the world", intents: [{ protocol: "udp", from: 22, source: "0.0.0.0/0" }], expected: () => [] },
    { title: "does not report egress to tcp/22", intents: [{ direction: "egress", from: 22, source: "0.0.0.0/0" }], expected: () => [] },
    {
      title: "does not report when the world is trusted",
      intents: [{ from: 22, source: "0.0.0.0/0" }],
      config: { trustedSourceCidrs: ["0.0.0.0/0", "::/0"] },
      expected: () => [],
    },
    {
      title: "honours a custom adminPorts list",
      intents: [{ from: 22, source: "0.0.0.0/0" }],
      config: { adminPorts: ["tcp/2222"] },
      expected: () => [],
    },
  ]);
});

const SENSITIVE = "Sensitive service ports are open to the world";
describe("no-sensitive-ports-from-world", () => {
  table(noSensitivePortsFromWorld, [
    {
      title: "reports MySQL tcp/3306",
      intents: [{ from: 3306, source: "0.0.0.0/0" }],
      expected: (v) => [`${SENSITIVE}: tcp/3306 (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "reports MongoDB 27017-27019 inside 27000-28000",
      intents: [{ from: 27000, to: 28000, source: "::/0" }],
      expected: (v) => [`${SENSITIVE}: tcp/27017-27019 (${fam(v, "IPv6")}) via ${v.label(0)}.`],
    },
    {
      title: "reports the UDP reflector udp/123",
      intents: [{ protocol: "udp", from: 123, source: "0.0.0.0/0" }],
      expected: (v) => [`${SENSITIVE}: udp/123 (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    { title: "does not report tcp/123 (NTP is UDP)", intents: [{ from: 123, source: "0.0.0.0/0" }], expected: () => [] },
    {
      title: "does not report tcp/5432 from a trusted CIDR",
      intents: [{ from: 5432, source: "203.0.113.0/24" }],
      config: { trustedSourceCidrs: ["203.0.113.0/24"] },
      expected: () => [],
    },
    { title: "does not report tcp/443", intents: [{ from: 443, source: "0.0.0.0/0" }], expected: () => [] },
  ]);
});

const ALL = "All ports are open to the world";
describe("no-all-ports-from-world", () => {
  table(noAllPortsFromWorld, [
    {
      title: "reports protocol all",
      intents: [{ protocol: "all", source: "0.0.0.0/0" }],
      expected: (v) => [`${ALL}: all protocols (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "reports tcp 1-65535",
      intents: [{ from: 1, to: 65535, source: "0.0.0.0/0" }],
      expected: (v) => [`${ALL}: tcp/all (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    {
      title: "reports udp with no ports from ::/0",
      intents: [{ protocol: "udp", source: "::/0" }],
      expected: (v) => [`${ALL}: udp/all (${fam(v, "IPv6")}) via ${v.label(0)}.`],
    },
    {
      title: "reports 1-32767 + 32768-65535 as all",
      intents: [
        { from: 1, to: 32767, source: "0.0.0.0/0" },
        { from: 32768, to: 65535, source: "0.0.0.0/0" },
      ],
      expected: (v) => [`${ALL}: tcp/all (${fam(v, "IPv4")}) via ${v.label(0)}, ${v.label(1)}.`],
    },
    { title: "does not report tcp 1-65534", intents: [{ from: 1, to: 65534, source: "0.0.0.0/0" }], expected: () => [] },
    {
      title: "does not report protocol all from a private range",
      intents: [{ protocol: "all", source: "192.168.0.0/16" }],
      expected: () => [],
    },
  ]);
});

const AUTH = "Ports outside authorizedPublicPorts are open to the world";
describe("only-authorized-public-ports", () => {
  table(onlyAuthorizedPublicPorts, [
    {
      title: "reports tcp/8080",
      intents: [{ from: 8080, source: "0.0.0.0/0" }],
      expected: (v) => (v.source ? [`${AUTH}: tcp/8080 (IPv4) via ${v.label(0)}.`] : []),
    },
    {
      title: "reports 80-8080 minus 80 and 443",
      intents: [{ from: 80, to: 8080, source: "::/0" }],
      expected: (v) => (v.source ? [`${AUTH}: tcp/81-442,444-8080 (IPv6) via ${v.label(0)}.`] : []),
    },
    { title: "does not report tcp/443", intents: [{ from: 443, source: "0.0.0.0/0" }], expected: () => [] },
    {
      title: "does not report tcp/8443 once authorized",
      intents: [{ from: 8443, source: "0.0.0.0/0" }],
      config: { authorizedPublicPorts: ["tcp/8443"] },
      expected: () => [],
    },
    { title: "does not report tcp/8080 from a narrow range", intents: [{ from: 8080, source: "198.51.99.7/32" }], expected: () => [] },
  ]);
});

const GEN = "Genesis Cloud rules have no source filter, so these ports are open to the whole internet";
describe("genesis-ingress-world-open", () => {
  table(genesisIngressWorldOpen, [
    {
      title: "reports tcp/8080",
      intents: [{ from: 8080 }],
      expected: (v) => (v.source ? [] : [`${GEN}: tcp/8080 (IPv4, IPv6) via ${v.label(0)}.`]),
    },
    {
      title: "reports icmp",
      intents: [{ protocol: "icmp" }],
      expected: (v) => (v.source ? [] : [`${GEN}: icmp (IPv4, IPv6) via ${v.label(0)}.`]),
    },
    { title: "does not report tcp/443", intents: [{ from: 443 }], expected: () => [] },
    { title: "does not report egress", intents: [{ direction: "egress", from: 8080 }], expected: () => [] },
  ]);
});
