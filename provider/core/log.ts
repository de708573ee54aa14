/** Progress lines a person can follow; written to stderr, which the engine shows for a failing resource. */
let sink: (line: string) => void = (line) => process.stderr.write(`${line}\n`);
const secrets = new Set<string>();

/** Registers a value that must never appear in a log line or error (passwords, keys, tokens). */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

/** Replaces every registered secret in the text. */
export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join("[secret]");
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
