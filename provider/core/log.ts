/** Progress lines a person can follow; written to stderr, which the engine shows for a failing resource. */
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);
const secrets = new Set<string>();

/**
 * Registers a value that must never appear in a log line, an error or a check failure (passwords, keys,
 * tokens), with the forms a cloud may echo it in: as is, JSON-escaped and percent-encoded.
 */
export function registerSecret(value: string | undefined): void {
  if (!value || value.length < 4) return;
  for (const form of [value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value)]) secrets.add(form);
}

/** Replaces every registered secret in the text, longest first (so a secret containing another goes whole). */
export function redact(text: string): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join("[secret]");
  return out;
}

export function log(line: string): void {
  if (process.env.SECGROUPS_QUIET === "1") return;
  sink(redact(`[secgroups] ${line}`));
}

/** Redirects log lines (tests capture them to prove no secret is written). */
export function setLogSink(next: (line: string) => void): void {
  sink = next;
}
