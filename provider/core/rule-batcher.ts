import { log } from "./log";

/** What a bulk call did for one queued operation: its result, or undefined when it must be sent on its own. */
export type BatchOutcome<R> = { result: R } | undefined;

/** How one cloud sends the queued rule operations of one group. */
export interface BatchCalls<Op, R> {
  /** e.g. `rule creates in security group 4f1c…`, for progress lines. */
  what: string;
  /** Most operations one bulk call takes (Huawei: 200); the chunks of one flush are sent in parallel. */
  maxBatch: number;
  /**
   * Sends operations in one all-or-nothing bulk call and says, per operation in order, what it did; throws when
   * the cloud refused the whole call (then every operation is sent on its own, to get its own result or error).
   */
  sendBatch(ops: Op[]): Promise<BatchOutcome<R>[]>;
  /** Sends one operation on its own: a batch of one, and the fallback after a refused bulk call. */
  sendOne(op: Op): Promise<R>;
}

interface Entry<Op, R> {
  op: Op;
  calls: BatchCalls<Op, R>;
  resolve: (r: R) => void;
  reject: (e: unknown) => void;
}

interface Queue<Op, R> {
  pending: Entry<Op, R>[];
  scheduled: boolean;
  inFlight: number;
}

/**
 * Per-group queues of rule operations within one provider process (one `pulumi up`): operations that arrive
 * within `windowMs` of the first, or while the group's previous bulk call is in flight, go out together in the
 * API's bulk form; each caller gets its own result or error. A window of 0 still collects everything that
 * arrives before the event loop turns (a burst of concurrent creates).
 */
export class RuleBatcher<Op, R> {
  private readonly queues = new Map<string, Queue<Op, R>>();

  constructor(
    private readonly windowMs = 0,
    /** Bulk calls of one group in flight at once; more than 1 only where calls are independent (a dry run). */
    private readonly maxInFlight = 1,
  ) {}

  /** Queues `op` for the group `key` (endpoint and group id); `calls` of the first queued operation send the batch. */
  submit(key: string, op: Op, calls: BatchCalls<Op, R>): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let q = this.queues.get(key);
      if (!q) this.queues.set(key, (q = { pending: [], scheduled: false, inFlight: 0 }));
      q.pending.push({ op, calls, resolve, reject });
      this.schedule(key, q, this.windowMs);
    });
  }

  private schedule(key: string, q: Queue<Op, R>, delayMs: number): void {
    if (q.inFlight >= this.maxInFlight || q.scheduled) return;
    q.scheduled = true;
    const run = () => {
      q.scheduled = false;
      void this.flush(key, q);
    };
    if (delayMs > 0) setTimeout(run, delayMs);
    else setImmediate(run);
  }

  private async flush(key: string, q: Queue<Op, R>): Promise<void> {
    const batch = q.pending.splice(0);
    if (batch.length === 0) {
      if (q.inFlight === 0) this.queues.delete(key);
      return;
    }
    q.inFlight++;
    try {
      await sendQueued(batch);
    } finally {
      q.inFlight--;
      if (q.pending.length) this.schedule(key, q, 0);
      else if (q.inFlight === 0 && !q.scheduled) this.queues.delete(key);
    }
  }
}

/** Sends queued operations in chunks of the API's bulk limit, all chunks at once; settles every entry. */
async function sendQueued<Op, R>(batch: Entry<Op, R>[]): Promise<void> {
  const calls = batch[0].calls;
  const chunks: Entry<Op, R>[][] = [];
  for (let i = 0; i < batch.length; i += calls.maxBatch) chunks.push(batch.slice(i, i + calls.maxBatch));
  await Promise.all(chunks.map((chunk) => sendChunk(calls, chunk)));
}

async function sendChunk<Op, R>(calls: BatchCalls<Op, R>, chunk: Entry<Op, R>[]): Promise<void> {
  let alone = chunk;
  if (chunk.length > 1) {
    try {
      const outcomes = await calls.sendBatch(chunk.map((e) => e.op));
      alone = [];
      chunk.forEach((e, i) => {
        const o = outcomes[i];
        if (o) e.resolve(o.result);
        else alone.push(e);
      });
    } catch (error) {
      log(`${calls.what}: the bulk call of ${chunk.length} was refused (${(error as Error).message}); sending each on its own`);
    }
  }
  await Promise.all(alone.map((e) => calls.sendOne(e.op).then(e.resolve, e.reject)));
}
