// Values written as a person writes them in a TypeScript program: identifier keys unquoted, absent values
// (null, undefined) left out so that the resource's defaults apply, and laid out as Prettier lays them out at the
// project's width (a list of several multi-field objects one per line, anything else on one line when it fits).

export const WIDTH = 140;
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An expression written as it is (a reference to another resource's output). */
export class Code {
  constructor(readonly text: string) {}
}

const key = (k: string): string => (IDENTIFIER.test(k) ? k : JSON.stringify(k));
const present = (v: unknown): boolean => v !== null && v !== undefined;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Code);
const fields = (v: Record<string, unknown>) => Object.entries(v).filter(([, x]) => present(x));

/**
 * `value` as a TypeScript expression starting `used` characters into a line indented by `indent`, followed by
 * `after` characters (a comma, a closing parenthesis). `expand` writes an object one field per line even if it fits.
 */
export function tsLiteral(value: unknown, indent = "", used = indent.length, after = 1, expand = false): string {
  const flat = oneLine(value);
  const breaks = expand || mustBreak(value) || used + flat.length + after > WIDTH;
  if (!breaks || !(Array.isArray(value) ? value.some(present) : isObject(value) && fields(value).length > 0)) return flat;
  const inner = indent + "  ";
  if (Array.isArray(value)) {
    const items = value.filter(present).map((v) => `${inner}${tsLiteral(v, inner)},`);
    return `[\n${items.join("\n")}\n${indent}]`;
  }
  const lines = fields(value as Record<string, unknown>).map(
    ([k, v]) => `${inner}${key(k)}: ${tsLiteral(v, inner, inner.length + key(k).length + 2)},`,
  );
  return `{\n${lines.join("\n")}\n${indent}}`;
}

/** Prettier always breaks a list of two or more objects that each have more than one field, and what holds one. */
function mustBreak(value: unknown): boolean {
  if (isObject(value)) return fields(value).some(([, v]) => mustBreak(v));
  if (!Array.isArray(value)) return false;
  const items = value.filter(present);
  return (items.length > 1 && items.every((v) => isObject(v) && fields(v).length > 1)) || items.some(mustBreak);
}

function oneLine(value: unknown): string {
  if (value instanceof Code) return value.text;
  if (Array.isArray(value)) return `[${value.filter(present).map(oneLine).join(", ")}]`;
  if (isObject(value)) {
    const entries = fields(value);
    return entries.length ? `{ ${entries.map(([k, v]) => `${key(k)}: ${oneLine(v)}`).join(", ")} }` : "{}";
  }
  return JSON.stringify(value ?? null);
}

/** `prefix(arg, arg, ...);`, each argument on its own line when the call does not fit on one. */
export function tsCall(prefix: string, args: unknown[]): string {
  const flat = `${prefix}(${args.map((a) => tsLiteral(a)).join(", ")});`;
  if (flat.length <= WIDTH && !flat.includes("\n")) return flat;
  return `${prefix}(\n${args.map((a) => `  ${tsLiteral(a, "  ")},`).join("\n")}\n);`;
}
