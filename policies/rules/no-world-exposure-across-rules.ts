// Stack policy: each security group judged together with every standalone rule resource that targets it,
// with the cloud's semantics (engine/exposure.ts), so exposure split across resources is caught and a
// Huawei deny in another resource is honoured.
import { PolicyResource, StackValidationPolicy, UnknownValueError } from "@pulumi/policy";
import { ConfigKey, configSchemaFor, Resolved, resolveConfig } from "../engine/config";
import { expiredNote, findExemption } from "../engine/exemptions";
import { describeHits, Hit, hitsOnSpecs } from "../engine/findings";
import { NormalisedResource } from "../engine/model";
import { normalise, RULE_GROUP_FIELD } from "../engine/normalise";
import { blockingUnknowns, raiseUnknown } from "../engine/policy-kit";
import { Props } from "../engine/fields";
import { portSubtract, portUnion } from "../engine/port-set";
import { isWorldRule, worldOpenIngress } from "../engine/queries";
import { GROUP_TYPES, joinRulesToGroups } from "../engine/stack-join";
import { allPortHits } from "./no-all-ports-from-world";

const NAME = "no-world-exposure-across-rules";
const KEYS: readonly ConfigKey[] = ["adminPorts", "sensitivePorts", "trustedSourceCidrs", "judgeStandaloneRulesWithGroup", "exemptions"];

/** The normalised resource; a value unknown at preview that changes ingress raises the SDK's error (caught per group below). */
function norm(r: PolicyResource): NormalisedResource {
  const n = normalise(r.type, r.props as Props)!;
  const unknown = blockingUnknowns(n, ["ingress"])[0];
  if (unknown) raiseUnknown(r.props, unknown.path);
  return n;
}

/** Rule resources the exposure policies judge alone (so their findings are not repeated here): union clouds, unless the option is on. */
const judgedAlone = (n: NormalisedResource, cfg: Resolved): boolean => n.semantics === "union" && !cfg.judgeStandaloneRulesWithGroup;

/** The group with the rules of its standalone rule resources added, labelled by resource name. */
function combine(group: NormalisedResource, members: [PolicyResource, NormalisedResource][]): NormalisedResource {
  const added = members
    .filter(([, n]) => n.semantics === group.semantics)
    .flatMap(([r, n]) => n.rules.map((rule) => ({ ...rule, label: n.kind === "rule" ? r.name : `${r.name}.${rule.label}` })));
  return { ...group, rules: [...group.rules, ...added] };
}

const key = (h: Hit): string => `${h.protocol}/${h.family}`;

/** Admin and sensitive port hits minus the ports some single resource already shows (the resource policies report those). */
function unshown(hits: Hit[], shown: Hit[]): Hit[] {
  return hits.flatMap((h) => {
    const seen = shown.filter((s) => key(s) === key(h)).flatMap((s) => s.ports);
    const ports = portSubtract(h.ports, portUnion(seen, []));
    return ports.length ? [{ ...h, ports }] : [];
  });
}

const allPorts = (res: NormalisedResource, cfg: Resolved): Hit[] => allPortHits(worldOpenIngress(res, cfg));
const allPortsPhrases = (hits: Hit[]): string[] =>
  describeHits(hits.map((o) => ({ ...o, ports: o.protocol === "all" ? [] : [[1, 65535]] })));

/**
 * Can the resource show world exposure by itself? A single rule (default deny) only when it is an
 * ingress allow rule whose source covers the world; skipping the others saves evaluating each alone.
 */
const mayShowAlone = (n: NormalisedResource, cfg: Resolved): boolean =>
  n.kind !== "rule" || n.rules.some((r) => r.direction === "ingress" && r.action === "allow" && isWorldRule(r, cfg));

/** Violation phrases for `res` leaving out what the resources in `alone` show by themselves. */
function findings(res: NormalisedResource, aloneAll: NormalisedResource[], cfg: Resolved): string[] {
  const open = worldOpenIngress(res, cfg);
  if (!hitsOnSpecs(open, cfg.admin).length && !hitsOnSpecs(open, cfg.sensitive).length && !allPorts(res, cfg).length) return [];
  const alone = aloneAll.filter((a) => mayShowAlone(a, cfg));
  const openAlone = alone.flatMap((a) => worldOpenIngress(a, cfg));
  const allAlone = new Set(alone.flatMap((a) => allPorts(a, cfg)).map(key));
  const out: string[] = [];
  const admin = describeHits(unshown(hitsOnSpecs(open, cfg.admin), hitsOnSpecs(openAlone, cfg.admin)));
  if (admin.length) out.push(`admin ports are open to the world: ${admin.join("; ")}`);
  const sensitive = describeHits(unshown(hitsOnSpecs(open, cfg.sensitive), hitsOnSpecs(openAlone, cfg.sensitive)));
  if (sensitive.length) out.push(`sensitive service ports are open to the world: ${sensitive.join("; ")}`);
  const all = allPortsPhrases(allPorts(res, cfg).filter((h) => !allAlone.has(key(h))));
  if (all.length) out.push(`all ports are open to the world: ${all.join("; ")}`);
  return out;
}

export const noWorldExposureAcrossRules: StackValidationPolicy = {
  name: NAME,
  description:
    "Checks that no security group lets the whole internet reach admin, sensitive or all ports through its inline rules and standalone rule resources taken together.",
  severity: "critical",
  enforcementLevel: "mandatory",
  remediationSteps:
    "Restrict the sources of the rules named in the message so that together they no longer cover the public internet (or list the clients in trustedSourceCidrs); on Huawei give the deny rule a priority number no greater than the allow rules it must override.",
  configSchema: configSchemaFor(KEYS),
  validateStack: (args, report) => {
    const cfg = resolveConfig(args.getConfig(), NAME, KEYS);
    const groups = args.resources.filter((r) => GROUP_TYPES.has(r.type));
    const rules = args.resources.filter((r) => RULE_GROUP_FIELD[r.type] !== undefined);
    const join = joinRulesToGroups(groups, rules);
    // An unknown value stops the judgement of one group, not of the stack; it is raised at the end so
    // that the SDK reports that the policy could not judge yet, as for the resource policies.
    let unknown: unknown = join.unresolved[0]?.error;
    const judge = (r: PolicyResource, subject: string, build: () => [NormalisedResource, NormalisedResource[]]) => {
      const ex = findExemption(cfg.exemptions, NAME, r.name, r.urn);
      if (ex.active) return;
      let out: string[];
      try {
        const [res, alone] = build();
        out = findings(res, alone, cfg);
      } catch (e) {
        if (!(e instanceof UnknownValueError)) throw e;
        unknown ??= e;
        return;
      }
      for (const f of out) report(`${subject}: ${f}.${expiredNote(ex.expired)}`, r.urn);
    };
    for (const [g, mine] of join.byGroup) {
      if (!mine.length) continue;
      judge(g, `Security group ${g.name} (with ${mine.map((r) => r.name).join(", ")})`, () => {
        const group = norm(g);
        const members = mine.map((r) => [r, norm(r)] as [PolicyResource, NormalisedResource]);
        // The resource policies judge the group alone, and the rule resources they do not defer.
        return [combine(group, members), [group, ...members.filter(([, n]) => judgedAlone(n, cfg)).map(([, n]) => n)]];
      });
    }
    // Union-cloud rule resources the resource policies deferred but whose group is not in the stack: exact
    // alone, so judged alone here. Huawei and Scaleway ones cannot be judged without their group (rule-group-in-stack).
    if (cfg.judgeStandaloneRulesWithGroup) {
      for (const r of join.orphans.filter((o) => normalise(o.type, o.props as Props)!.semantics === "union")) {
        judge(r, `Rule resource ${r.name} (its group is not in this stack)`, () => [norm(r), []]);
      }
    }
    if (unknown) throw unknown;
  },
};
