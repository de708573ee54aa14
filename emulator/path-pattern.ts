/**
 * The fault table's `path`: the subset of regular expressions that needs no backtracking (literals, `.`,
 * `[...]`, `\d`, `\w`, `\s`, `?`, `*`, `+`, and `^`/`$` at the ends), matched by a set-of-states scan in
 * O(path length x pattern length). No user pattern can stall the server, as `^/(a+)+$` did with RegExp.
 * Groups, alternation, `{n,m}`, backreferences and lookaround are refused with the reason.
 */
export class PathPatternError extends Error {}

type Atom = (c: number) => boolean;
interface Step {
  atom: Atom;
  /** `one`: exactly once; `opt`: `?`; `star`: `*` (`x+` compiles to `x` then `x*`). */
  kind: "one" | "opt" | "star";
}

export interface PathPattern {
  source: string;
  anchoredStart: boolean;
  anchoredEnd: boolean;
  steps: Step[];
}

export const MAX_PATTERN_LENGTH = 1000;

const DIGIT: Atom = (c) => c >= 48 && c <= 57;
const WORD: Atom = (c) => DIGIT(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const SPACE: Atom = (c) => c === 32 || (c >= 9 && c <= 13);
const CLASS_ESCAPES: Record<string, Atom> = { d: DIGIT, w: WORD, s: SPACE, D: (c) => !DIGIT(c), W: (c) => !WORD(c), S: (c) => !SPACE(c) };

/** Compiles a `path` of the fault table; throws PathPatternError saying what is not supported. */
export function compilePathPattern(source: string): PathPattern {
  if (source.length > MAX_PATTERN_LENGTH) throw new PathPatternError(`is ${source.length} characters; at most ${MAX_PATTERN_LENGTH}`);
  let i = 0;
  const anchoredStart = source.startsWith("^");
  if (anchoredStart) i = 1;
  let end = source.length;
  const anchoredEnd = end > i && source.endsWith("$") && !isEscaped(source, end - 1);
  if (anchoredEnd) end--;
  const steps: Step[] = [];
  while (i < end) {
    const ch = source[i];
    let atom: Atom;
    if (ch === "(" || ch === ")" || ch === "|")
      throw new PathPatternError(
        `"${ch}" at ${i}: groups and alternation are not supported (a literal path, ".", "[...]", "?", "*", "+", "^" and "$" are)`,
      );
    if (ch === "{" || ch === "}") throw new PathPatternError(`"${ch}" at ${i}: repetition counts are not supported; use "?", "*" or "+"`);
    if (ch === "*" || ch === "+" || ch === "?") throw new PathPatternError(`"${ch}" at ${i} has nothing to repeat`);
    if (ch === "^" || ch === "$")
      throw new PathPatternError(`"${ch}" at ${i}: anchors are supported only at the start ("^") and end ("$")`);
    if (ch === ".") {
      atom = () => true;
      i++;
    } else if (ch === "[") {
      [atom, i] = parseClass(source, i + 1, end);
    } else if (ch === "\\") {
      [atom, i] = parseEscape(source, i + 1, end);
    } else {
      const code = source.charCodeAt(i);
      atom = (c) => c === code;
      i++;
    }
    const q = source[i];
    if (i < end && (q === "*" || q === "+" || q === "?")) {
      i++;
      if (q === "+") steps.push({ atom, kind: "one" });
      steps.push({ atom, kind: q === "?" ? "opt" : "star" });
    } else {
      steps.push({ atom, kind: "one" });
    }
  }
  return { source, anchoredStart, anchoredEnd, steps };
}

/** Whether the pattern matches somewhere in `input` (anywhere unless anchored), like `RegExp.test`. */
export function matchesPath(pattern: PathPattern, input: string): boolean {
  const { steps } = pattern;
  const k = steps.length;
  let current = new Uint8Array(k + 1);
  let next = new Uint8Array(k + 1);
  const close = (set: Uint8Array) => {
    for (let s = 0; s < k; s++) if (set[s] && steps[s].kind !== "one") set[s + 1] = 1;
  };
  current[0] = 1;
  close(current);
  for (let pos = 0; ; pos++) {
    if (current[k] && (!pattern.anchoredEnd || pos === input.length)) return true;
    if (pos === input.length) return false;
    const c = input.charCodeAt(pos);
    next.fill(0);
    for (let s = 0; s < k; s++) {
      if (!current[s] || !steps[s].atom(c)) continue;
      next[steps[s].kind === "star" ? s : s + 1] = 1;
    }
    if (!pattern.anchoredStart) next[0] = 1;
    close(next);
    [current, next] = [next, current];
  }
}

function parseEscape(source: string, i: number, end: number): [Atom, number] {
  if (i >= end) throw new PathPatternError("ends with a lone \\");
  const e = source[i];
  if (CLASS_ESCAPES[e] && Object.hasOwn(CLASS_ESCAPES, e)) return [CLASS_ESCAPES[e], i + 1];
  if (/[A-Za-z0-9]/.test(e))
    throw new PathPatternError(`"\\${e}" at ${i - 1} is not supported (\\d, \\w, \\s and escaped punctuation are)`);
  const code = source.charCodeAt(i);
  return [(c) => c === code, i + 1];
}

function parseClass(source: string, i: number, end: number): [Atom, number] {
  const start = i - 1;
  const negated = source[i] === "^";
  if (negated) i++;
  const parts: Atom[] = [];
  while (i < end && source[i] !== "]") {
    let lo: number;
    if (source[i] === "\\") {
      const [atom, after] = parseEscape(source, i + 1, end);
      const e = source[i + 1];
      if (Object.hasOwn(CLASS_ESCAPES, e)) {
        parts.push(atom);
        i = after;
        continue;
      }
      lo = source.charCodeAt(i + 1);
      i = after;
    } else {
      lo = source.charCodeAt(i++);
    }
    if (source[i] === "-" && i + 1 < end && source[i + 1] !== "]") {
      const hi = source[i + 1] === "\\" ? source.charCodeAt(i + 2) : source.charCodeAt(i + 1);
      i += source[i + 1] === "\\" ? 3 : 2;
      if (hi < lo) throw new PathPatternError(`range out of order in the class at ${start}`);
      parts.push((c) => c >= lo && c <= hi);
    } else {
      const only = lo;
      parts.push((c) => c === only);
    }
  }
  if (i >= end) throw new PathPatternError(`the class opened at ${start} is not closed`);
  const member: Atom = (c) => parts.some((p) => p(c));
  return [negated ? (c) => !member(c) : member, i + 1];
}

function isEscaped(source: string, at: number): boolean {
  let backslashes = 0;
  for (let j = at - 1; j >= 0 && source[j] === "\\"; j--) backslashes++;
  return backslashes % 2 === 1;
}
