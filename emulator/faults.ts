/** A fault to inject into the next `count` requests matching `method` and `path` (a regular expression). */
export interface FaultSpec {
  method?: string;
  path?: string;
  count?: number;
  /** Answer with this status instead of acting (429 gets Retry-After: retryAfter seconds). */
  status?: number;
  retryAfter?: number;
  body?: unknown;
  /** Delay the answer by this much. */
  latencyMs?: number;
  /** Close the connection without acting or answering. */
  reset?: boolean;
  /** Act, then close the connection without answering. */
  dropAfterAct?: boolean;
}

interface ActiveFault extends FaultSpec {
  remaining: number;
  regex: RegExp;
}

/** The faults waiting to fire, consumed in the order they were added. */
export class FaultTable {
  private faults: ActiveFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ ...spec, remaining: spec.count ?? 1, regex: new RegExp(spec.path ?? ".*") });
  }

  clear(): void {
    this.faults = [];
  }

  /** Takes the first fault matching this request, if any. */
  take(method: string, path: string): FaultSpec | undefined {
    const f = this.faults.find((x) => (!x.method || x.method.toUpperCase() === method) && x.regex.test(path));
    if (!f) return undefined;
    f.remaining--;
    if (f.remaining <= 0) this.faults = this.faults.filter((x) => x !== f);
    return f;
  }

  list(): FaultSpec[] {
    return this.faults.map(({ regex: _r, ...rest }) => rest);
  }
}
