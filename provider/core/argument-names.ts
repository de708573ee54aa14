import { z } from "zod";

/**
 * Names the same idea carries on other clouds' resources (and in their Terraform providers): an argument from
 * one group, unknown here, suggests the members of its group this resource has, e.g. Huawei `ports` -> `multiport`.
 */
const SYNONYMS: readonly (readonly string[])[] = [
  ["ports", "port", "portRange", "multiport", "portRangeMin", "portRangeMax", "fromPort", "toPort", "destPortFrom", "destPortTo"],
  ["cidr", "cidrBlock", "sourceCidr", "remoteIpPrefix", "ipRange", "sourceRanges", "remoteIp"],
  ["protocol", "ipProtocol"],
  ["securityGroupId", "groupId", "securityGroupName", "parentGroupId"],
  ["remoteGroupId", "sourceGroupId", "sourceSecurityGroupId"],
  ["ethertype", "etherType", "ipVersion"],
  ["action", "policy"],
];

/** The argument names a user probably meant instead of `name`, given the names the resource knows. */
export function suggestArguments(name: string, known: readonly string[]): string[] {
  const group = SYNONYMS.find((g) => g.some((n) => n.toLowerCase() === name.toLowerCase()));
  const fromGroup = group ? known.filter((k) => group.includes(k)) : [];
  if (fromGroup.length) return fromGroup;
  const scored = known.map((k) => ({ k, d: distance(name.toLowerCase(), k.toLowerCase()) })).sort((a, b) => a.d - b.d);
  const best = scored[0];
  return best && best.d <= Math.max(2, Math.floor(name.length / 3)) ? scored.filter((s) => s.d === best.d).map((s) => s.k) : [];
}

/** The part of a zod schema's internal definition this walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  in?: z.ZodType;
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The argument names of the object schema at `path` inside `schema` (through arrays, optionals, defaults, pipes). */
export function argumentNamesAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let at: z.ZodType | undefined = unwrap(schema);
  for (const segment of path) {
    if (!at) return [];
    const def = defOf(at);
    if (def.type === "object") at = def.shape?.[segment as string];
    else if (def.type === "array") at = def.element;
    else return [];
    at = at && unwrap(at);
  }
  return at && defOf(at).type === "object" ? Object.keys(defOf(at).shape ?? {}) : [];
}

/** The schema of the field at `path` inside `schema`, as declared (with its optional/default wrappers), if any. */
export function schemaAt(schema: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let at: z.ZodType | undefined = schema;
  for (const segment of path) {
    if (!at) return undefined;
    const def = defOf(unwrap(at));
    if (def.type === "object") at = def.shape?.[segment as string];
    else if (def.type === "array") at = def.element;
    else return undefined;
  }
  return at;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let at = schema;
  for (;;) {
    const def = defOf(at);
    if (["optional", "nullable", "default", "prefault", "readonly", "catch", "nonoptional"].includes(def.type) && def.innerType)
      at = def.innerType;
    else if (def.type === "pipe" && def.in) at = def.in;
    else return at;
  }
}

/** Levenshtein distance. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}
