import { now, type Db, type Tx } from './database.ts';

export interface Job {
  id: number;
  kind: string;
  payload: unknown;
  runAt: string;
  /** Runs so far, this one included. */
  attempts: number;
}

export interface NewJob {
  kind: string;
  payload?: unknown;
  /** When it may run; now when left out. */
  runAt?: string;
  /** While a job with this key is pending, enqueuing another with the same key does nothing. */
  uniqueKey?: string;
}

export interface JobState {
  id: number;
  kind: string;
  payload: unknown;
  runAt: string;
  attempts: number;
  lockedUntil: string | null;
  lastError: string | null;
  doneAt: string | null;
}

/** Adds a job, inside the caller's transaction when given one, so that it exists only if the change that asked for it does. */
export async function enqueueJob(db: Db | Tx, job: NewJob): Promise<number | undefined> {
  const at = now();
  const row = await db
    .insertInto('jobs')
    .values({
      kind: job.kind,
      payload: JSON.stringify(job.payload ?? {}),
      run_at: job.runAt ?? at,
      created_at: at,
      unique_key: job.uniqueKey ?? null,
    })
    .onConflict((oc) => oc.column('unique_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return {};
  }
}

/**
 * Background work in the `jobs` table. Any number of server processes may poll it: a job is
 * claimed by one conditional UPDATE that sets `locked_until`, which only one of them can win,
 * on SQLite and PostgreSQL alike. A process that dies mid-job leaves a lock that expires.
 */
export class JobStore {
  constructor(private readonly db: Db) {}

  /** Adds a job. Returns its id, or undefined when its key was already pending. */
  enqueue(job: NewJob): Promise<number | undefined> {
    return enqueueJob(this.db, job);
  }

  /**
   * Claims up to `limit` due jobs of the given kinds for `lockMs`, counting an attempt on each.
   * Candidates are read first and each is then taken with an UPDATE that only succeeds while
   * the job is still due and unlocked, so a job claimed by two processes at once goes to one.
   */
  async claimDue(
    kinds: string[],
    { limit = 10, lockMs = 5 * 60_000, at = now() }: { limit?: number; lockMs?: number; at?: string } = {},
  ): Promise<Job[]> {
    if (kinds.length === 0) return [];
    const candidates = await this.db
      .selectFrom('jobs')
      .select(['id'])
      .where('done_at', 'is', null)
      .where('run_at', '<=', at)
      .where('kind', 'in', kinds)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
      .orderBy('run_at')
      .orderBy('id')
      .limit(limit)
      .execute();
    const lockedUntil = new Date(Date.parse(at) + lockMs).toISOString();
    const claimed: Job[] = [];
    for (const { id } of candidates) {
      const row = await this.db
        .updateTable('jobs')
        .set((eb) => ({ locked_until: lockedUntil, attempts: eb('attempts', '+', 1) }))
        .where('id', '=', id)
        .where('done_at', 'is', null)
        .where('run_at', '<=', at)
        .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', at)]))
        .returning(['id', 'kind', 'payload', 'run_at', 'attempts'])
        .executeTakeFirst();
      if (row)
        claimed.push({
          id: row.id,
          kind: row.kind,
          payload: parsePayload(row.payload),
          runAt: row.run_at,
          attempts: row.attempts,
        });
    }
    return claimed;
  }

  /** Marks a job done; its key is freed so that the same work can be queued again later. */
  async complete(id: number): Promise<void> {
    await this.db
      .updateTable('jobs')
      .set({ done_at: now(), locked_until: null, unique_key: null, last_error: null })
      .where('id', '=', id)
      .execute();
  }

  /** Records a failed run: it runs again at `retryAt`, or, with no retry left, is set aside as done with its error kept. */
  async fail(id: number, error: string, retryAt: string | null): Promise<void> {
    const message = error.slice(0, 2000);
    if (retryAt === null) {
      await this.db
        .updateTable('jobs')
        .set({ done_at: now(), locked_until: null, unique_key: null, last_error: message })
        .where('id', '=', id)
        .execute();
    } else {
      await this.db
        .updateTable('jobs')
        .set({ run_at: retryAt, locked_until: null, last_error: message })
        .where('id', '=', id)
        .execute();
    }
  }

  async find(id: number): Promise<JobState | undefined> {
    const row = await this.db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      kind: row.kind,
      payload: parsePayload(row.payload),
      runAt: row.run_at,
      attempts: row.attempts,
      lockedUntil: row.locked_until,
      lastError: row.last_error,
      doneAt: row.done_at,
    };
  }

  /** Jobs not yet done, of one kind or all, oldest first. */
  async pending(kind?: string): Promise<JobState[]> {
    let query = this.db.selectFrom('jobs').select('id').where('done_at', 'is', null);
    if (kind !== undefined) query = query.where('kind', '=', kind);
    const rows = await query.orderBy('run_at').orderBy('id').execute();
    return (await Promise.all(rows.map((r) => this.find(r.id)))).filter((j): j is JobState => j !== undefined);
  }

  /** Done jobs older than the cutoff are only history; they are removed now and then. */
  async purgeDone(before: string): Promise<void> {
    await this.db.deleteFrom('jobs').where('done_at', '<', before).execute();
  }
}
