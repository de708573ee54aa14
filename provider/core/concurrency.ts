/** A counting semaphore: at most `limit` tasks run at once, the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

const perEndpoint = new Map<string, Semaphore>();

/** The process-wide limiter for one endpoint (scheme, host and port). */
export function endpointLimiter(baseUrl: string, limit: number): Semaphore {
  const key = new URL(baseUrl).origin;
  let s = perEndpoint.get(key);
  if (!s) perEndpoint.set(key, (s = new Semaphore(limit)));
  return s;
}

/** Runs tasks one at a time per key (e.g. per security group), in arrival order. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await result;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
