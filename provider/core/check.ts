import { z } from "zod";
import { argumentNamesAt, suggestArguments } from "./argument-names";
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
    return { inputs: news, failures: parsed.error.issues.flatMap((issue) => toFailures(issue, news, schema)) };
  }
  return { inputs: { ...(parsed.data as Record<string, unknown>), ...unknown }, failures: [] };
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
  const got = value !== undefined ? ` (got ${JSON.stringify(value)})` : "";
  return [{ property: prefix || "(resource)", reason: `${issue.message}${got}` }];
}
