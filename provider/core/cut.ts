/** Longest excerpt of a user's value that a message quotes. */
export const MAX_QUOTED = 80;

/** The text, or its first `max` characters and how long it was (a 10 MB name is not echoed whole). */
export function cut(text: string, max = MAX_QUOTED): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length} characters)`;
}

/** A value as a message quotes it: JSON, cut to `max` characters. */
export function quote(value: unknown, max = MAX_QUOTED): string {
  const text = typeof value === "string" ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value));
  return cut(text, max);
}
