/** One request as the control endpoint `/_emulator/requests` reports it. */
export interface LoggedRequest {
  method: string;
  path: string;
  /** The route template that handled it, e.g. `POST /v2.0/security-group-rules`. */
  route: string;
  status: number | "reset" | "dropped";
  at: number;
}

/** The log keeps the latest this many requests: when full, the oldest tenth is dropped. */
export const MAX_LOGGED_REQUESTS = 10_000;
/** A logged path (and an unrouted request's route) keeps this many characters, then says how many it cut. */
export const MAX_LOGGED_PATH = 256;

/** Cuts a path for the log: at most MAX_LOGGED_PATH characters plus a note of the length cut. */
export function logPath(path: string): string {
  return path.length <= MAX_LOGGED_PATH ? path : `${path.slice(0, MAX_LOGGED_PATH)}...(${path.length - MAX_LOGGED_PATH} more characters)`;
}

/** Appends to a request log, keeping it within MAX_LOGGED_REQUESTS entries. */
export function appendBounded(log: LoggedRequest[], entry: LoggedRequest): void {
  if (log.length >= MAX_LOGGED_REQUESTS) log.splice(0, Math.max(1, Math.floor(MAX_LOGGED_REQUESTS / 10)));
  log.push(entry);
}

/** Requests per route template, e.g. `{"POST /v2.0/security-group-rules": 1}`. */
export function countByRoute(requests: readonly LoggedRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of requests) counts[r.route] = (counts[r.route] ?? 0) + 1;
  return counts;
}
