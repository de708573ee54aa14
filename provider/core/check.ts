import { z } from "zod";
import { argumentNamesAt, schemaAt, suggestArguments } from "./argument-names";
import { quote } from "./cut";
import { containsUnknown } from "./unknowns";

/** One bad field, as the dynamic-provider host reports it to the engine. */
export interface CheckFailure {
  property: string;
  reason: string;
}

export interface CheckResult<T> {
  inputs: T;
  failures: CheckFailure[];
}

const ENGINE_KEYS = new Set(["__provider"]);

/**
 * Validates and canonicalises inputs with a strict zod object schema. Fields whose value is unknown
 * (preview) are passed through untouched and never reported; every other bad field gives one failure
 * naming the field, the value and the rule broken.
 */
export function checkInputs(
  schema: z.ZodObject | z.ZodPipe<z.ZodObject, z.ZodType>,
  news: Record<string, unknown>,
): CheckResult<Record<string, unknown>> {
  const known: Record<string, unknown> = {};
  const unknown: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(news)) {
    if (ENGINE_KEYS.has(key) || value === undefined || value === null) continue;
    (containsUnknown(value) ? unknown : known)[key] = value;
  }
  // With unknowns, cross-field rules (the pipe's second stage) wait until apply; field rules still run.
  const base = schema instanceof z.ZodPipe ? (schema.in as z.ZodObject) : schema;
  const optionalForUnknown = Object.fromEntries(
    Object.keys(unknown)
      .filter((k) => k in base.shape)
      .map((k) => [k, true]),
  );
  const effective = Object.keys(optionalForUnknown).length ? base.partial(optionalForUnknown as never) : schema;
  const parsed = effective.safeParse(known, { reportInput: true });
  if (!parsed.success) {
    return { inputs: news, failures: everyFailure(effective, known, parsed.error.issues, news, schema) };
  }
  return { inputs: { ...(parsed.data as Record<string, unknown>), ...unknown }, failures: [] };
}

/**
 * A bad field stops zod before the cross-field rules of its object (a bad direction hid a reversed port
 * range). So the bad fields are set aside and the rest checked again, until nothing new is found; a later
 * finding that names a field set aside in the same object (ports that "need a protocol" once the protocol
 * is gone) is a consequence, not a finding, and is dropped.
 */
function everyFailure(
  effective: z.ZodType,
  known: Record<string, unknown>,
  first: z.core.$ZodIssue[],
  news: Record<string, unknown>,
  schema: z.ZodType,
): CheckFailure[] {
  const failures = first.flatMap((issue) => toFailures(issue, news, schema));
  const removed: PropertyKey[][] = [];
  let issues = first;
  let bag = known;
  for (let pass = 0; pass < 3; pass++) {
    const paths = issues.flatMap((i) => (i.code === "unrecognized_keys" ? i.keys.map((k) => [...i.path, k]) : [i.path]));
    if (paths.some((p) => p.length === 0)) break;
    removed.push(...paths);
    bag = withoutPaths(bag, paths, effective);
    const again = effective.safeParse(bag, { reportInput: true });
    if (again.success) break;
    const seen = new Set(failures.map((f) => f.property));
    issues = again.error.issues.filter((i) => !isConsequence(i, removed));
    const fresh = issues.flatMap((issue) => toFailures(issue, news, schema)).filter((f) => !seen.has(f.property));
    if (!fresh.length) break;
    failures.push(...fresh);
  }
  return failures;
}

function isConsequence(issue: z.core.$ZodIssue, removed: PropertyKey[][]): boolean {
  return removed.some((path) => {
    const parent = path.slice(0, -1).map(String);
    const field = String(path[path.length - 1]);
    const sameObject = parent.length < issue.path.length && parent.every((k, i) => k === String(issue.path[i]));
    if (!sameObject) return false;
    return String(issue.path[parent.length]) === field || new RegExp(`\\b${field}\\b`, "i").test(issue.message);
  });
}

/** Stand-ins for a required field set aside: the first its own schema accepts replaces the bad value. */
const STAND_INS: unknown[] = [
  "ingress",
  "inbound",
  "accept",
  "tcp",
  "TCP",
  "0.0.0.0/0",
  "877b092c-2a31-4509-8d23-deeb02d95633",
  "x",
  1,
  true,
];

/** The bag with each path's value removed, or, when its field is required, replaced by a value the field accepts. */
function withoutPaths(bag: Record<string, unknown>, paths: PropertyKey[][], schema: z.ZodType): Record<string, unknown> {
  const copy = structuredClone(bag);
  for (const path of paths) {
    let node: unknown = copy;
    for (const key of path.slice(0, -1))
      node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[key as string] : undefined;
    if (!node || typeof node !== "object") continue;
    const key = path[path.length - 1] as string;
    const field = schemaAt(schema, path);
    const standIn = field && !field.safeParse(undefined).success ? STAND_INS.find((v) => field.safeParse(v).success) : undefined;
    if (standIn !== undefined) (node as Record<PropertyKey, unknown>)[key] = standIn;
    else delete (node as Record<PropertyKey, unknown>)[key];
  }
  return copy;
}

/** The engine shows each failure as "property <property> ... has a problem: <reason>", so the reason does not repeat the property. */
function toFailures(issue: z.core.$ZodIssue, news: Record<string, unknown>, schema: z.ZodType): CheckFailure[] {
  const prefix = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") {
    const known = argumentNamesAt(schema, issue.path);
    return issue.keys.map((key) => {
      const suggestions = suggestArguments(key, known);
      const hint = suggestions.length
        ? `did you mean ${suggestions.map((s) => `"${s}"`).join(" or ")}?`
        : "check the spelling against the resource's documented arguments";
      return { property: prefix ? `${prefix}.${key}` : key, reason: `unknown argument "${key}"; ${hint}` };
    });
  }
  const value = issue.path.reduce<unknown>(
    (v, k) => (v && typeof v === "object" ? (v as Record<PropertyKey, unknown>)[k] : undefined),
    news,
  );
  const got = value !== undefined ? ` (got ${quote(value)})` : "";
  return [{ property: prefix || "(resource)", reason: `${issue.message}${got}` }];
}
