/**
 * Replays recorded request/response pairs against the emulator and compares what it answers with what the real
 * API answered: the status, the set of fields (key paths, list items folded into `[]`) and, for recordings of one
 * consistent run, the values. Ids the recording's server made are mapped to the ids the emulator makes, learnt
 * from the answers as they come, so that later requests name the emulator's objects.
 */

export interface Pair {
  method: string;
  path: string;
  body?: unknown;
  status: number;
  response?: unknown;
  /** Names bound to a value of the emulator's answer (dotted path), usable as `{name}` in later paths and bodies. */
  bind?: Record<string, string>;
}

export interface Fixture {
  source: Record<string, string>;
  /** Official samples rather than one recorded run: their values need not agree with each other, so only status and fields count. */
  samples?: boolean;
  pairs: Pair[];
}

export interface Target {
  send(method: string, path: string, body: unknown): Promise<{ status: number; body: unknown }>;
  /** Recorded id -> emulator id known before the replay (projects, servers). */
  ids?: Record<string, string>;
  /** `{name}` placeholders known before the replay. */
  placeholders?: Record<string, string>;
  /** Keys whose values differ by nature (dates, request ids): their presence counts, their values do not. */
  volatile: ReadonlySet<string>;
  /** Keys holding ids the server makes, learnt as recorded -> emulator. */
  idKeys: ReadonlySet<string>;
  /** Keys whose recorded value is one of several the real API answers at random (a transient state): any of them matches. */
  transient?: Record<string, readonly string[]>;
}

export interface PairResult {
  index: number;
  method: string;
  path: string;
  recordedStatus: number;
  status: number;
  /** Key paths the real answer has and the emulator's lacks. */
  missing: string[];
  /** Key paths the emulator's answer has and the real one lacks. */
  extra: string[];
  /** Values that differ, with the recorded one first; empty for samples. */
  values: string[];
  /** Whether both answers had a JSON body to compare. */
  compared: boolean;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: unknown): v is Record<string, Json> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every key path of a JSON value, list items folded (`security_group.rules[].id`), plus `x[]` for each non-empty list. */
export function keyPaths(value: unknown, prefix = "", into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    if (value.length) into.add(`${prefix}[]`);
    value.forEach((v) => keyPaths(v, `${prefix}[]`, into));
  } else if (isObject(value))
    for (const [k, v] of Object.entries(value)) {
      const p = prefix ? `${prefix}.${k}` : k;
      into.add(p);
      keyPaths(v, p, into);
    }
  return into;
}

function dig(value: unknown, dotted: string): unknown {
  return dotted.split(".").reduce<unknown>((v, k) => (isObject(v) ? v[k] : undefined), value);
}

export async function replay(fixture: Fixture, target: Target): Promise<PairResult[]> {
  const ids = new Map(Object.entries(target.ids ?? {}));
  const bound: Record<string, string> = { ...target.placeholders };
  const rewrite = (text: string) => {
    let out = text.replace(/\{(\w+)\}/g, (m, name: string) => bound[name] ?? m);
    for (const [recorded, actual] of ids) out = out.split(recorded).join(actual);
    return out;
  };
  const results: PairResult[] = [];
  for (const [index, pair] of fixture.pairs.entries()) {
    const body = pair.body === undefined || pair.body === null ? undefined : JSON.parse(rewrite(JSON.stringify(pair.body)));
    const path = rewrite(pair.path);
    const answer = await target.send(pair.method, path, body);
    for (const [name, dotted] of Object.entries(pair.bind ?? {})) {
      const v = dig(answer.body, dotted);
      if (typeof v === "string") bound[name] = v;
    }
    const compared = isObject(pair.response) && isObject(answer.body) && answer.status === pair.status;
    const result: PairResult = {
      index,
      method: pair.method,
      path: pair.path,
      recordedStatus: pair.status,
      status: answer.status,
      missing: [],
      extra: [],
      values: [],
      compared,
    };
    if (compared) {
      if (!fixture.samples) learnIds(pair.response, answer.body, ids, target.idKeys);
      const recorded = keyPaths(pair.response);
      const actual = keyPaths(answer.body);
      // Fields inside a list one side has empty are not comparable (how many items a list holds is a value).
      const within = (p: string, side: Set<string>) => [...p.matchAll(/\[\]/g)].every((m) => side.has(p.slice(0, m.index! + 2)));
      result.missing = [...recorded].filter((p) => !actual.has(p) && within(p, actual)).sort();
      result.extra = [...actual].filter((p) => !recorded.has(p) && within(p, recorded)).sort();
      if (!fixture.samples) compareValues(pair.response, answer.body, "", ids, target, result.values);
    }
    results.push(result);
  }
  return results;
}

/** Walks a recorded answer and the emulator's side by side, mapping each server-made id the first time it is seen. */
function learnIds(recorded: unknown, actual: unknown, ids: Map<string, string>, idKeys: ReadonlySet<string>): void {
  if (Array.isArray(recorded) && Array.isArray(actual)) {
    const aligned = alignItems(recorded, actual, ids);
    for (const [r, a] of aligned) learnIds(r, a, ids, idKeys);
    return;
  }
  if (!isObject(recorded) || !isObject(actual)) return;
  for (const [k, v] of Object.entries(recorded)) {
    const a = actual[k];
    if (idKeys.has(k) && typeof v === "string" && typeof a === "string" && !ids.has(v) && v !== a) ids.set(v, a);
    learnIds(v, a, ids, idKeys);
  }
}

/** Pairs list items: by (mapped) id where items have one, else by position when both lists are as long. */
function alignItems(recorded: unknown[], actual: unknown[], ids: Map<string, string>): [unknown, unknown][] {
  const withIds = recorded.every((r) => isObject(r) && typeof r.id === "string");
  if (withIds) {
    const byId = new Map(actual.filter(isObject).map((a) => [a.id, a]));
    const known = recorded.map((r) => [r, byId.get(ids.get((r as { id: string }).id) ?? (r as { id: string }).id)] as [unknown, unknown]);
    if (known.every(([, a]) => a !== undefined)) return known;
  }
  return recorded.length === actual.length ? recorded.map((r, i) => [r, actual[i]]) : [];
}

function compareValues(recorded: unknown, actual: unknown, path: string, ids: Map<string, string>, target: Target, out: string[]): void {
  if (Array.isArray(recorded)) {
    if (!Array.isArray(actual)) return void out.push(`${path}: a list, got ${JSON.stringify(actual)}`);
    const aligned = alignItems(recorded, actual, ids);
    if (aligned.length === 0 && recorded.length > 0) return void out.push(`${path}: ${recorded.length} items, got ${actual.length}`);
    aligned.forEach(([r, a], i) => compareValues(r, a, `${path}[${i}]`, ids, target, out));
    return;
  }
  if (isObject(recorded)) {
    if (!isObject(actual)) return void out.push(`${path}: an object, got ${JSON.stringify(actual)}`);
    for (const [k, v] of Object.entries(recorded)) {
      if (target.volatile.has(k) || !(k in actual)) continue;
      const alike = target.transient?.[k];
      if (alike?.includes(v as string) && alike.includes(actual[k] as string)) continue;
      compareValues(v, actual[k], path ? `${path}.${k}` : k, ids, target, out);
    }
    return;
  }
  const expected = typeof recorded === "string" ? (ids.get(recorded) ?? recorded) : recorded;
  if (expected !== actual) out.push(`${path}: ${JSON.stringify(recorded)}, got ${JSON.stringify(actual)}`);
}
