import { readIfExists } from "../core/lifecycle";
import { pollUntil } from "../core/operation";
import { SecgroupsError } from "../core/errors";
import * as api from "./api-client";
import type { Connection } from "./connection";
import { statusOf } from "./marshal";
import type { WireGroup } from "./wire-schemas";

/** Statuses after which a group can be changed again; `error` is final until the next change. */
export const SETTLED = new Set(["created", "error"]);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls the group until its status is `created` or `error`, with backoff and the configured deadline.
 * The first look waits one poll interval: the answer that started the change already said it was under way.
 */
export async function waitSettled(conn: Connection, id: string, what: string): Promise<WireGroup> {
  await sleep(conn.pollIntervalMs);
  return pollUntil(
    `${what}: waiting for security group ${id} to settle`,
    async () => {
      const g = await readIfExists(() => api.getGroup(conn.client, id));
      if (!g) throw new SecgroupsError("NotFound", { operation: what }, `security group ${id} disappeared while waiting for it to settle`);
      return SETTLED.has(statusOf(g)) ? g : undefined;
    },
    { timeoutMs: conn.settleTimeoutMs, initialDelayMs: conn.pollIntervalMs, maxDelayMs: conn.pollIntervalMs * 8 },
  );
}

/** Polls until the group answers 404 after a delete. */
export async function waitGone(conn: Connection, id: string, what: string): Promise<void> {
  await sleep(conn.pollIntervalMs);
  await pollUntil(
    `${what}: waiting for security group ${id} to be deleted`,
    async () => ((await readIfExists(() => api.getGroup(conn.client, id))) ? undefined : true),
    {
      timeoutMs: conn.settleTimeoutMs,
      initialDelayMs: conn.pollIntervalMs,
      maxDelayMs: conn.pollIntervalMs * 8,
    },
  );
}

/** The group as it is now, waiting first if a change is under way; undefined when it is gone. */
export async function settledGroup(conn: Connection, id: string, what: string): Promise<WireGroup | undefined> {
  const g = await readIfExists(() => api.getGroup(conn.client, id));
  if (!g || SETTLED.has(statusOf(g))) return g;
  if (statusOf(g) === "deleting") return undefined;
  return waitSettled(conn, id, what);
}

/** The error a change reports when the group ended in `error`: it names the group and what to do. */
export function groupInErrorState(id: string, what: string): SecgroupsError {
  return new SecgroupsError(
    "CloudApiError",
    { operation: what },
    `security group ${id} ended in status "error" at Genesis Cloud; run \`pulumi up\` again to re-apply it, or delete it`,
  );
}
