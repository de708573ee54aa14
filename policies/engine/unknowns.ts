// Values unknown at preview. The normalisers read a copy of the props with every unknown left out, and
// each unknown is mapped to the aspects of the resource it can change, so that a policy that needs
// none of those aspects still judges the resource (a rule's description does not change exposure).
import { Direction, NormalisedResource } from "./model";

/** What an unknown value can change: the rules of one direction, the rule set's shape, or one flag. */
export type Aspect = Direction | "rules" | "description" | "inboundDefault" | "defaultSecurity" | "stateful";

export type Path = readonly (string | number)[];

export interface UnknownValue {
  path: Path;
  aspects: readonly Aspect[];
}

// The sentinels @pulumi/policy deserialises unknowns into (proxy.js; the engine sends the string one).
const SENTINELS = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

export const isUnknown = (v: unknown): boolean => typeof v === "string" && SENTINELS.has(v);

/** The value without its unknowns (object fields dropped, array elements emptied) and their paths; the value itself when it has none. */
export function withoutUnknowns(value: unknown): { clean: unknown; paths: Path[] } {
  const paths: Path[] = [];
  return { clean: strip(value, [], paths), paths };
}

// `path` is one stack, pushed and popped: copied only for an unknown, so a value without unknowns allocates nothing.
function strip(v: unknown, path: (string | number)[], found: Path[]): unknown {
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      path.push(i);
      const c = isUnknown(x) ? (found.push([...path]), {}) : strip(x, path, found);
      path.pop();
      if (c !== x) (out ??= [...v])[i] = c;
    }
    return out ?? v;
  }
  if (v !== null && typeof v === "object") {
    let out: Record<string, unknown> | undefined;
    for (const k in v) {
      const x = (v as Record<string, unknown>)[k];
      path.push(k);
      if (isUnknown(x)) {
        found.push([...path]);
        out ??= { ...(v as Record<string, unknown>) };
        delete out[k];
      } else {
        const c = strip(x, path, found);
        if (c !== x) (out ??= { ...(v as Record<string, unknown>) })[k] = c;
      }
      path.pop();
    }
    return out ?? v;
  }
  return v;
}

/** A whole rule, or a whole rule list. */
const WHOLE_RULES: readonly Aspect[] = ["ingress", "egress", "rules", "description"];
const RULE_LISTS: Record<string, Direction | undefined> = { rules: undefined, inboundRules: "ingress", outboundRules: "egress" };

/** Group fields the normalisers read besides the rule lists; any other field cannot change what the pack computes. */
const GROUP_FIELDS: Record<string, readonly Aspect[]> = {
  inboundDefaultPolicy: ["ingress", "inboundDefault"],
  outboundDefaultPolicy: ["egress"],
  enableDefaultSecurity: ["egress", "defaultSecurity"],
  stateful: ["stateful"],
  deleteDefaultRules: ["egress"],
};

/** Rule fields the normalisers read (every cloud's spelling). */
const RULE_FIELDS = new Set([
  "ethertype",
  "protocol",
  "ipProtocol",
  "portRangeMin",
  "portRangeMax",
  "multiport",
  "ports",
  "port",
  "portRange",
  "remoteIpPrefix",
  "remoteGroupId",
  "remoteAddressGroupId",
  "cidr",
  "groupId",
  "fromPort",
  "toPort",
  "priority",
  "ipRange",
  "ip",
  "destPortFrom",
  "destPortTo",
  "position",
]);

function ruleFieldAspects(field: string | number | undefined, direction: Direction | undefined): readonly Aspect[] {
  const both: Aspect[] = direction ? [direction] : ["ingress", "egress"];
  if (field === undefined) return WHOLE_RULES;
  if (field === "description") return ["description"];
  if (field === "direction") return ["ingress", "egress", "rules"];
  if (field === "action" || field === "enabled") return [...both, "rules"];
  return RULE_FIELDS.has(String(field)) ? both : [];
}

/** What the unknown at `path` can change in the normalised resource `res` (normalised without it). */
export function aspectsOf(res: NormalisedResource, path: Path): readonly Aspect[] {
  const [head, index, field] = path;
  if (res.kind === "rule")
    return head === "securityGroupId" || head === "parentGroupId" ? [] : ruleFieldAspects(head, res.rules[0]?.direction);
  if (typeof head === "string" && head in RULE_LISTS) {
    if (index === undefined) return WHOLE_RULES;
    const direction = RULE_LISTS[head] ?? res.rules.find((r) => r.label === `${head}[${index}]`)?.direction;
    return path.length === 2 ? WHOLE_RULES : ruleFieldAspects(field, direction);
  }
  return GROUP_FIELDS[String(head)] ?? [];
}

/** `.rules[0].remoteIpPrefix`, as the SDK writes paths. */
export const pathText = (path: Path): string => `.${path.join(".")}`;
