// no-world-exposure-across-rules: a group judged with every standalone rule resource that targets it,
// and judgeStandaloneRulesWithGroup, which lets it be the judge of those rule resources.
import { noWorldExposureAcrossRules as policy } from "../../policies/rules/no-world-exposure-across-rules";
import { noAdminPortsFromWorld } from "../../policies/rules/no-admin-ports-from-world";
import { noSensitivePortsFromWorld } from "../../policies/rules/no-sensitive-ports-from-world";
import { noAllPortsFromWorld } from "../../policies/rules/no-all-ports-from-world";
import { DEFERRED } from "../../policies/engine/policy-kit";
import { COMMUNITY_TOKENS as C, RULE_GROUP_FIELD } from "../../policies/engine/normalise";
import { TOKENS } from "../../policies/type-tokens";
import { Intent, Variant, VARIANTS } from "./fixtures";
import { runResource, runStack, runStackOutcome, StackEntry, UNKNOWN } from "./harness";

/** Per standalone rule variant of fixtures.ts: the group it targets (id sg-1, name web). */
const GROUPS: Record<string, { type: string; props: Record<string, unknown> }> = {
  "nhn rule": { type: TOKENS.nhnSecurityGroup, props: { name: "web" } },
  "openstack rule": { type: C.openstackSecGroup, props: { name: "web" } },
  "huawei rule": { type: TOKENS.huaweicloudSecurityGroup, props: { name: "web" } },
  "huawei bridged rule": { type: C.huaweiSecgroup, props: { name: "web" } },
  "nova rule": { type: TOKENS.huaweicloudNovaSecurityGroup, props: { name: "web", description: "web" } },
  "scaleway rule": { type: TOKENS.scalewaySecurityGroup, props: { name: "web", inboundDefaultPolicy: "drop" } },
  "scaleway community rules": { type: C.scalewaySecurityGroup, props: { inboundDefaultPolicy: "drop", externalRules: true } },
};
const RULE_VARIANTS = VARIANTS.filter((v) => GROUPS[v.id]);

const group = (v: Variant, extra: Record<string, unknown> = { id: "sg-1" }, name = "web"): StackEntry =>
  ({ type: GROUPS[v.id].type, name, props: { ...GROUPS[v.id].props, ...extra } });
/** A rule resource of variant v expressing one intent, targeting group id `sg`. */
const ruleOf = (v: Variant, name: string, i: Intent, sg: unknown = "sg-1", deps?: string[]): StackEntry =>
  ({ type: v.type, name, props: { ...v.build([i]), [RULE_GROUP_FIELD[v.type]]: sg }, deps: deps && { [RULE_GROUP_FIELD[v.type]]: deps } });
/** How the pack labels the first rule of resource `name` in a group-wide message. */
const via = (v: Variant, name: string) => (v.single ? name : `${name}.${v.label(0)}`);
const msg = (v: Variant, what: string) => `web: Security group web (with a, b): ${what} via ${via(v, "a")}, ${via(v, "b")}.`;

interface Split {
  title: string;
  a: Intent;
  b: Intent;
  expected: (v: Variant) => string[];
}

const SPLITS: Split[] = [
  { title: "reports tcp/22 split over 0.0.0.0/1 and 128.0.0.0/1", a: { from: 22, source: "0.0.0.0/1" }, b: { from: 22, source: "128.0.0.0/1" },
    expected: (v) => [msg(v, "admin ports are open to the world: tcp/22 (IPv4)")] },
  { title: "reports tcp/5432 split over 2000::/4 and 3000::/4 (all of public IPv6)", a: { from: 5432, source: "2000::/4" }, b: { from: 5432, source: "3000::/4" },
    expected: (v) => [msg(v, "sensitive service ports are open to the world: tcp/5432 (IPv6)")] },
  { title: "reports all protocols split over two halves", a: { protocol: "all", source: "0.0.0.0/1" }, b: { protocol: "all", source: "128.0.0.0/1" },
    expected: (v) => expectAllProtocols(v) },
  { title: "does not report ::/1 + 8000::/1 (::/1 alone covers public IPv6 2000::/3: the resource policy reports it)",
    a: { from: 22, source: "::/1" }, b: { from: 22, source: "8000::/1" }, expected: () => [] },
  { title: "does not double-report a rule that is the world alone", a: { from: 22, source: "0.0.0.0/0" }, b: { from: 22, source: "0.0.0.0/1" }, expected: () => [] },
  { title: "does not report halves that miss public space", a: { from: 22, source: "0.0.0.0/1" }, b: { from: 22, source: "10.0.0.0/8" }, expected: () => [] },
  { title: "does not report halves on different ports", a: { from: 22, source: "0.0.0.0/1" }, b: { from: 3389, source: "128.0.0.0/1" }, expected: () => [] },
  { title: "does not report a split tcp/443 (not an admin or sensitive port)", a: { from: 443, source: "0.0.0.0/1" }, b: { from: 443, source: "128.0.0.0/1" }, expected: () => [] },
];

/** The three categories a split all-protocols exposure shows: every admin port, every sensitive port, all protocols. */
function expectAllProtocols(v: Variant): string[] {
  const both = `via ${via(v, "a")}, ${via(v, "b")}`;
  const list = (specs: string[]) => specs.map((p) => `${p} (IPv4) ${both}`).join("; ");
  const admin = ["tcp/22", "tcp/3389", "tcp/5985-5986", "tcp/5900", "tcp/23"];
  const sensitive = ["tcp/3306", "tcp/5432", "tcp/1433", "tcp/1521", "tcp/27017-27019", "tcp/6379", "tcp/11211", "udp/11211", "tcp/9200", "tcp/9300", "tcp/5601",
    "tcp/2375-2376", "tcp/2379-2380", "tcp/6443", "tcp/10250", "tcp/445", "tcp/139", "tcp/2049", "udp/2049", "tcp/111", "udp/111", "tcp/389", "tcp/636",
    "udp/53", "udp/123", "udp/161", "udp/1900"];
  return [`admin ports are open to the world: ${list(admin)}`, `sensitive service ports are open to the world: ${list(sensitive)}`, `all ports are open to the world: all protocols (IPv4) ${both}`]
    .map((what) => `web: Security group web (with a, b): ${what}.`);
}

describe("no-world-exposure-across-rules: exposure split across rule resources", () => {
  const rows = SPLITS.flatMap((s) => RULE_VARIANTS.map((v) => [`${s.title} on ${v.id}`, s, v] as const));
  it.each(rows)("%s", async (_t, s, v) => {
    expect(await runStack(policy, [group(v), ruleOf(v, "a", s.a), ruleOf(v, "b", s.b)])).toEqual(s.expected(v));
  });

  it.each(RULE_VARIANTS.map((v) => [v.id, v] as const))("no single resource shows the split on %s: the resource policies pass each half", async (_t, v) => {
    for (const half of [{ from: 22, source: "0.0.0.0/1" }, { from: 22, source: "128.0.0.0/1" }]) {
      expect(await runResource(noAdminPortsFromWorld, v.type, ruleOf(v, "a", half).props)).toEqual({ violations: [] });
    }
  });

  it.each(RULE_VARIANTS.map((v) => [v.id, v] as const))("does not join rules of another group on %s", async (_t, v) => {
    const entries = [group(v), group(v, { id: "sg-2" }, "db"), ruleOf(v, "a", { from: 22, source: "0.0.0.0/1" }), ruleOf(v, "b", { from: 22, source: "128.0.0.0/1" }, "sg-2")];
    expect(await runStack(policy, entries)).toEqual([]);
  });
});
