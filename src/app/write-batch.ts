/**
 * Writes gathered in memory and made together about once a second (guest kudos, hits): one
 * transaction of a few statements however many came, instead of one each.
 * Items are keyed, so one gathered twice is written once. Flushed at `maxPending` waiting, on a
 * timer, and when the server stops (flush). A failed write keeps the items for the next try (up
 * to `retryMax`) and says so once in the log.
 */
export interface WriteBatchOptions {
  /** What is written, for the log: "guest kudos". */
  what: string;
  flushMs: number;
  /** Items waiting past which they are written at once. */
  maxPending: number;
  /** Items kept for another try while the database does not answer, past which new ones are dropped. */
  retryMax: number;
  warn?: (message: string) => void;
}

export class WriteBatch<T> {
  private pending = new Map<string, T>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly write: (items: T[]) => Promise<unknown>,
    private readonly options: WriteBatchOptions,
  ) {}

  /** Items gathered but not written yet. */
  get size(): number {
    return this.pending.size;
  }

  has(key: string): boolean {
    return this.pending.has(key);
  }

  add(key: string, item: T): void {
    this.pending.set(key, item);
    if (this.pending.size >= this.options.maxPending) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
  }

  /**
   * Writes the items gathered so far (one write at a time: a flush asked for during another waits
   * for it, then writes what came meanwhile). Resolves once they are in the database, or once the
   * write failed and they are kept for the next try.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = (async () => {
      const { what, warn, retryMax } = this.options;
      try {
        await this.write([...batch.values()]);
        if (this.failing) warn?.(`The ${what} waiting are written again.`);
        this.failing = false;
      } catch (error) {
        if (!this.failing)
          warn?.(`Writing ${what} failed (${(error as Error).message}); they are kept for another try.`);
        this.failing = true;
        let dropped = 0;
        // Kept before what came meanwhile, so an item gathered again stays as it was first seen.
        const kept = new Map<string, T>();
        for (const [key, item] of batch) {
          if (kept.size < retryMax) kept.set(key, item);
          else dropped++;
        }
        for (const [key, item] of this.pending) {
          if (kept.has(key)) continue;
          if (kept.size < retryMax) kept.set(key, item);
          else dropped++;
        }
        this.pending = kept;
        if (dropped > 0) warn?.(`${dropped} ${what} were dropped: ${retryMax} are already waiting for the database.`);
        this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs).unref();
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }
}
