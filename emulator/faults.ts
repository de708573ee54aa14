import { z } from "zod";
import { compilePathPattern, matchesPath, PathPattern, PathPatternError } from "./path-pattern";

const whole = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * A fault to inject into `count` requests matching `method` and `path` (see path-pattern.ts), after letting the
 * first `after` matching requests through.
 */
export const FaultSpecSchema = z
  .object({
    method: z
      .string()
      .regex(/^[A-Za-z]{1,16}$/, "must be an HTTP method such as POST")
      .optional(),
    path: z.string().optional(),
    count: whole(1, 1_000_000).optional(),
    /** Let this many matching requests through first: `after: 2` faults the third. */
    after: whole(0, 1_000_000).optional(),
    /** Answer with this status instead of acting (429 gets Retry-After: retryAfter seconds). */
    status: whole(200, 599).optional(),
    retryAfter: whole(0, 86_400).optional(),
    body: z.unknown().optional(),
    /** Delay the answer by this much. */
    latencyMs: whole(0, 600_000).optional(),
    /** Close the connection without acting or answering. */
    reset: z.boolean().optional(),
    /** Act, then close the connection without answering. */
    dropAfterAct: z.boolean().optional(),
  })
  .strict();

export type FaultSpec = z.infer<typeof FaultSpecSchema>;

/** A fault spec the control endpoint refuses; `field` names the bad field, e.g. `count` or `[1].path`. */
export class FaultSpecError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

interface ActiveFault {
  spec: FaultSpec;
  pattern?: PathPattern;
  remaining: number;
  skip: number;
}

/** Validates one spec or a list of them; throws FaultSpecError naming the first bad field. */
export function parseFaultSpecs(input: unknown): FaultSpec[] {
  const list = Array.isArray(input) ? input : [input];
  return list.map((item, index) => {
    const prefix = Array.isArray(input) ? `[${index}]` : "";
    const parsed = FaultSpecSchema.safeParse(item, { reportInput: true });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue.code === "unrecognized_keys" ? issue.keys.join(", ") : issue.path.map(String).join(".") || "(fault)";
      const got = "input" in issue && issue.input !== undefined ? ` (got ${JSON.stringify(issue.input)?.slice(0, 80)})` : "";
      throw new FaultSpecError(`${prefix}${prefix && field ? "." : ""}${field}`, `${issue.message}${got}`);
    }
    if (parsed.data.path !== undefined) {
      try {
        compilePathPattern(parsed.data.path);
      } catch (error) {
        if (error instanceof PathPatternError) throw new FaultSpecError(`${prefix}${prefix ? "." : ""}path`, error.message);
        throw error;
      }
    }
    return parsed.data;
  });
}

/** The faults waiting to fire, consumed in the order they were added. */
export class FaultTable {
  private faults: ActiveFault[] = [];

  /** Adds an already validated spec (see parseFaultSpecs). */
  add(spec: FaultSpec): void {
    this.faults.push({
      spec,
      pattern: spec.path === undefined ? undefined : compilePathPattern(spec.path),
      remaining: spec.count ?? 1,
      skip: spec.after ?? 0,
    });
  }

  clear(): void {
    this.faults = [];
  }

  /**
   * Takes the first armed fault matching this request, if any. Every matching fault still counting its
   * `after` requests counts this one, whether or not another fault strikes it.
   */
  take(method: string, path: string): FaultSpec | undefined {
    let chosen: ActiveFault | undefined;
    for (const f of this.faults) {
      if (f.spec.method && f.spec.method.toUpperCase() !== method) continue;
      if (f.pattern && !matchesPath(f.pattern, path)) continue;
      if (f.skip > 0) f.skip--;
      else chosen ??= f;
    }
    if (!chosen) return undefined;
    chosen.remaining--;
    if (chosen.remaining <= 0) this.faults = this.faults.filter((x) => x !== chosen);
    return chosen.spec;
  }

  /** Pending faults: each spec with the strikes it has left and the matching requests it still lets through. */
  list(): (FaultSpec & { remaining: number; skipping: number })[] {
    return this.faults.map((f) => ({ ...f.spec, remaining: f.remaining, skipping: f.skip }));
  }
}
