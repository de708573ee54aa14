// Policies about sources and ranges: broad sources, wide ranges, omitted sources, IPv6 parity, justification, ICMP.
import { noBroadPublicSources } from "../../policies/rules/no-broad-public-sources";
import { noWidePortRanges } from "../../policies/rules/no-wide-port-ranges";
import { explicitSourceRequired } from "../../policies/rules/explicit-source-required";
import { ipv6Parity } from "../../policies/rules/ipv6-parity";
import { worldRuleJustification } from "../../policies/rules/world-rule-justification";
import { noIcmpFromWorld } from "../../policies/rules/no-icmp-from-world";
import { fam, Variant } from "./fixtures";
import { table } from "./table";

const withSource = (v: Variant) => v.source;

describe("no-broad-public-sources", () => {
  const S = "Sources are broad public ranges";
  table(noBroadPublicSources, [
    {
      title: "reports 0.0.0.0/1",
      intents: [{ from: 443, source: "0.0.0.0/1" }],
      only: withSource,
      expected: (v) => [`${S}: ${v.label(0)} admits 0.0.0.0/1 (wider than /8).`],
    },
    {
      title: "reports a public /8",
      intents: [{ from: 443, source: "11.0.0.0/8" }],
      only: withSource,
      expected: (v) => [`${S}: ${v.label(0)} admits 11.0.0.0/8 (wider than /8).`],
    },
    {
      title: "reports a public IPv6 /16",
      intents: [{ from: 443, source: "2a00::/16" }],
      only: withSource,
      expected: (v) => [`${S}: ${v.label(0)} admits 2a00::/16 (wider than /32).`],
    },
    {
      title: "reports rules that together admit most of the internet",
      intents: [
        { from: 443, source: "0.0.0.0/2" },
        { from: 80, source: "64.0.0.0/2" },
        { from: 80, source: "128.0.0.0/9" },
      ],
      only: (v) => v.source && !v.single,
      config: { broadPrefixV4: 1 },
      expected: () => ["Sources are broad public ranges: the rules together admit 56% of the public IPv4 space."],
    },
    { title: "does not report a private /8", intents: [{ from: 443, source: "10.0.0.0/8" }], expected: () => [] },
    { title: "does not report a public /24", intents: [{ from: 443, source: "198.51.99.0/24" }], expected: () => [] },
    { title: "does not report the world (other policies do)", intents: [{ from: 443, source: "0.0.0.0/0" }], expected: () => [] },
    { title: "does not report a /9 with broadPrefixV4 8", intents: [{ from: 443, source: "11.0.0.0/9" }], expected: () => [] },
  ]);
});

describe("no-wide-port-ranges", () => {
  const S = "Port ranges are wider than maxPortRangeSize for untrusted sources";
  table(noWidePortRanges, [
    {
      title: "reports 1000-3000 from a public /24",
      intents: [{ from: 1000, to: 3000, source: "198.51.99.0/24" }],
      only: withSource,
      expected: (v) => [`${S}: ${v.label(0)} opens tcp/1000-3000 (2001 ports) to 198.51.99.0/24.`],
    },
    {
      title: "reports udp with no ports from the world",
      intents: [{ protocol: "udp", source: "0.0.0.0/0" }],
      expected: (v) => [`${S}: ${v.label(0)} opens udp/all (65536 ports) to ${v.source ? "0.0.0.0/0" : "(no source field)"}.`],
    },
    {
      title: "does not report 1000-3000 from a private range",
      intents: [{ from: 1000, to: 3000, source: "10.1.0.0/16" }],
      expected: () => [],
    },
    { title: "does not report 1000-2023 (1024 ports)", intents: [{ from: 1000, to: 2023, source: "0.0.0.0/0" }], expected: () => [] },
    {
      title: "does not report a wide range from a trusted CIDR",
      intents: [{ from: 1000, to: 3000, source: "198.51.99.0/24" }],
      config: { trustedSourceCidrs: ["198.51.99.0/24"] },
      expected: () => [],
    },
  ]);
});

describe("explicit-source-required", () => {
  const S = "Ingress rules omit their source, which the cloud reads as the whole internet";
  table(explicitSourceRequired, [
    {
      title: "reports an omitted source",
      intents: [{ from: 443 }],
      only: withSource,
      expected: (v) => [`${S}: ${v.label(0)} (read as ${v.id.startsWith("scaleway") ? "0.0.0.0/0 and ::/0" : "0.0.0.0/0"}).`],
    },
    { title: "does not report an explicit 0.0.0.0/0", intents: [{ from: 443, source: "0.0.0.0/0" }], expected: () => [] },
    { title: "does not report an omitted egress destination", intents: [{ direction: "egress", from: 443 }], expected: () => [] },
    { title: "does not report Genesis, which has no source field", intents: [{ from: 443 }], only: (v) => !v.source, expected: () => [] },
  ]);
});

describe("ipv6-parity", () => {
  const S = "Ports restricted over IPv4 are open to the whole IPv6 internet";
  const ipv6Capable = (v: Variant) => v.source && !v.single;
  table(ipv6Parity, [
    {
      title: "reports tcp/22 restricted on IPv4 but ::/0 on IPv6",
      intents: [
        { from: 22, source: "203.0.113.0/24" },
        { from: 22, source: "::/0" },
      ],
      only: ipv6Capable,
      expected: (v) => [`${S}: tcp/22 (IPv6) via ${v.label(1)}.`],
    },
    {
      title: "does not report when both families are open (other policies do)",
      intents: [
        { from: 22, source: "0.0.0.0/0" },
        { from: 22, source: "::/0" },
      ],
      expected: () => [],
    },
    {
      title: "does not report when both families are restricted",
      intents: [
        { from: 22, source: "203.0.113.0/24" },
        { from: 22, source: "2001:db8::/32" },
      ],
      expected: () => [],
    },
    { title: "does not report an IPv6-only port", intents: [{ from: 443, source: "::/0" }], expected: () => [] },
  ]);
});

describe("world-rule-justification", () => {
  const S = "World-open rules lack a justification in their description";
  const described = (v: Variant) => /nhn|openstack|huawei (rule|group)|huawei bridged/.test(v.id);
  table(worldRuleJustification, [
    {
      title: "reports a world rule without description",
      intents: [{ from: 443, source: "0.0.0.0/0" }],
      only: described,
      expected: (v) => [`${S}: ${v.label(0)} (0.0.0.0/0).`],
    },
    {
      title: "reports a description not matching the ticket pattern",
      intents: [{ from: 443, source: "::/0", description: "web" }],
      only: described,
      config: { justificationPattern: "^[A-Z]+-\\d+" },
      expected: (v) => [`${S}: ${v.label(0)} (::/0).`],
    },
    {
      title: "does not report a justified rule",
      intents: [{ from: 443, source: "0.0.0.0/0", description: "SEC-42 public web" }],
      only: described,
      config: { justificationPattern: "^[A-Z]+-\\d+" },
      expected: () => [],
    },
    { title: "does not report a restricted rule", intents: [{ from: 443, source: "198.51.99.0/24" }], expected: () => [] },
    {
      title: "does not apply to clouds without rule descriptions",
      intents: [{ from: 443, source: "0.0.0.0/0" }],
      only: (v) => !described(v),
      expected: () => [],
    },
  ]);
});

describe("no-icmp-from-world", () => {
  const S = "ICMP is open to the world";
  table(noIcmpFromWorld, [
    {
      title: "reports icmp from 0.0.0.0/0",
      intents: [{ protocol: "icmp", source: "0.0.0.0/0" }],
      expected: (v) => [`${S}: icmp (${fam(v, "IPv4")}) via ${v.label(0)}.`],
    },
    { title: "does not report icmp from a private range", intents: [{ protocol: "icmp", source: "10.0.0.0/8" }], expected: () => [] },
    {
      title: "does not report a protocol-all rule (no-all-ports-from-world does)",
      intents: [{ protocol: "all", source: "0.0.0.0/0" }],
      expected: () => [],
    },
  ]);
});
