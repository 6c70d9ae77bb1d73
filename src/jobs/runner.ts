import type { Job, JobStore } from '../store/jobs.ts';

/** Does one job's work; throwing makes the job run again later. */
export type JobHandler = (job: Job) => Promise<void>;

export interface RunnerLog {
  error(object: unknown, message?: string): void;
}

export interface RunnerOptions {
  /** How often the table is polled, in milliseconds. */
  pollMs?: number;
  /** Jobs claimed per pass. */
  batch?: number;
  /** How long a claim lasts before another process may take the job over. */
  lockMs?: number;
  /** Runs before a job is set aside as failed. */
  maxAttempts?: number;
  /** Work done at every pass besides the queue (e.g. queuing mail digests that came due). */
  periodic?: (() => Promise<void>)[];
  log?: RunnerLog;
}

/** Wait before the next try: 30 s, 1 min, 2 min, … at most an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempts - 1));
}

/**
 * Polls the jobs table and runs each due job with the handler for its kind. Several processes
 * may each run one; the store's claim makes sure a job runs in one of them at a time.
 */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<number> | undefined;
  private polling = false;
  /** Set by stop(): the pass under way finishes its job and claims no more. */
  private stopping = false;
  private readonly pollMs: number;
  private readonly batch: number;
  private readonly lockMs: number;
  private readonly maxAttempts: number;

  constructor(
    private readonly jobs: JobStore,
    private readonly handlers: Record<string, JobHandler>,
    private readonly options: RunnerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 5_000;
    this.batch = options.batch ?? 10;
    this.lockMs = options.lockMs ?? 5 * 60_000;
    this.maxAttempts = options.maxAttempts ?? 8;
  }

  /** Polls every `pollMs` until stopped. */
  start(): void {
    if (this.polling) return;
    this.polling = true;
    this.stopping = false;
    const tick = async () => {
      await this.runDue().catch((error) => this.options.log?.error(error, 'job runner pass failed'));
      if (this.polling) this.timer = setTimeout(() => void tick(), this.pollMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  /** Stops polling and waits for the pass under way, so nothing runs against a closed store. */
  async stop(): Promise<void> {
    this.polling = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.pass?.catch(() => undefined);
  }

  /** One pass: the periodic work, then every due job it can claim. Returns how many jobs ran (failed ones included). */
  runDue(): Promise<number> {
    if (this.pass) return this.pass;
    this.pass = this.runPass().finally(() => {
      this.pass = undefined;
    });
    return this.pass;
  }

  private async runPass(): Promise<number> {
    for (const task of this.options.periodic ?? []) {
      try {
        await task();
      } catch (error) {
        this.options.log?.error(error, 'periodic job task failed');
      }
    }
    let ran = 0;
    for (;;) {
      const claimed = await this.jobs.claimDue(Object.keys(this.handlers), { limit: this.batch, lockMs: this.lockMs });
      for (const job of claimed) {
        await this.run(job);
        ran++;
      }
      // Nothing claimed: the queue is empty, or other processes took what was due.
      if (claimed.length === 0 || this.stopping) return ran;
    }
  }

  private async run(job: Job): Promise<void> {
    try {
      await this.handlers[job.kind](job);
      await this.jobs.complete(job.id);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const retryAt =
        job.attempts >= this.maxAttempts ? null : new Date(Date.now() + backoffMs(job.attempts)).toISOString();
      this.options.log?.error(
        { err: error, job: { id: job.id, kind: job.kind, attempts: job.attempts } },
        retryAt ? 'job failed; it will be retried' : 'job failed for the last time',
      );
      await this.jobs.fail(job.id, message, retryAt);
    }
  }
}
