import { sql } from 'kysely';
import { now, type Db } from './database.ts';

/** Background jobs of one kind that are due and not done: how many, and since when the oldest waits. */
export interface JobBacklog {
  kind: string;
  due: number;
  /** When the longest-waiting due job was due (ISO time). */
  oldestDueAt: string;
}

/** The few cheap questions a health check and the metrics ask the database. */
export class HealthStore {
  constructor(private readonly db: Db) {}

  /** Answers when the database does; throws when it cannot be reached. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.db);
  }

  /** Works in the archive (every row, as the in-memory works index holds them). */
  async countWorks(): Promise<number> {
    const row = await this.db
      .selectFrom('works')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Entries of the work change log past `appliedId`: changes a works index has not applied yet. */
  async workChangesAfter(appliedId: number): Promise<number> {
    const row = await this.db
      .selectFrom('work_changes')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('id', '>', appliedId)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Due jobs by kind (jobs scheduled for later are not a backlog). */
  async jobBacklog(): Promise<JobBacklog[]> {
    const rows = await this.db
      .selectFrom('jobs')
      .select((eb) => ['kind', eb.fn.countAll<number | string | bigint>().as('due'), eb.fn.min('run_at').as('oldest')])
      .where('done_at', 'is', null)
      .where('run_at', '<=', now())
      .groupBy('kind')
      .orderBy('kind')
      .execute();
    return rows.map((row) => ({ kind: row.kind, due: Number(row.due), oldestDueAt: String(row.oldest) }));
  }
}
