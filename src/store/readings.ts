import { sql } from 'kysely';
import { now, type Db } from './database.ts';
import { visibleTo } from './works.ts';

/** One work in a member's reading history. */
export interface Reading {
  workId: number;
  /** The chapter last opened, when one was. */
  chapterId: number | null;
  chapterPosition: number | null;
  visits: number;
  markedForLater: boolean;
  /** Null for a work marked for later and not opened since. */
  lastReadAt: string | null;
}

/** A member's reading history and "marked for later" list (AO3's History). */
export class ReadingStore {
  constructor(private readonly db: Db) {}

  /**
   * Counts a visit to the work (at a chapter, when one was opened) for a member who keeps a
   * history: one statement, the history setting checked inside it, so reading pages stay fast.
   */
  async record(userId: number, workId: number, chapterId: number | null): Promise<void> {
    const at = now();
    await this.db
      .insertInto('readings')
      .columns(['user_id', 'work_id', 'chapter_id', 'visits', 'marked_for_later', 'last_read_at'])
      .expression((eb) =>
        eb
          .selectFrom('users')
          // Typed casts: PostgreSQL takes untyped parameters in a SELECT list for text.
          .select([
            sql<number>`cast(${userId} as integer)`.as('user_id'),
            sql<number>`cast(${workId} as integer)`.as('work_id'),
            sql<number | null>`cast(${chapterId} as integer)`.as('chapter_id'),
            sql<number>`cast(1 as integer)`.as('visits'),
            sql<number>`cast(0 as integer)`.as('marked_for_later'),
            sql<string>`cast(${at} as varchar(30))`.as('last_read_at'),
          ])
          .where('users.id', '=', userId)
          .where('users.keeps_history', '=', 1),
      )
      .onConflict((oc) =>
        oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => ({
          visits: sql<number>`readings.visits + 1`,
          chapter_id: eb.fn.coalesce('excluded.chapter_id', 'readings.chapter_id'),
          last_read_at: eb.ref('excluded.last_read_at'),
        })),
      )
      .execute();
  }

  /** "Mark for later" (true) or "Mark as read" (false); a work not in the history yet is added to it. */
  async markForLater(userId: number, workId: number, later: boolean): Promise<void> {
    await this.db
      .insertInto('readings')
      .values({
        user_id: userId,
        work_id: workId,
        chapter_id: null,
        visits: 0,
        marked_for_later: later ? 1 : 0,
        last_read_at: later ? null : now(),
      })
      .onConflict((oc) => oc.columns(['user_id', 'work_id']).doUpdateSet({ marked_for_later: later ? 1 : 0 }))
      .execute();
  }

  /** Whether the member keeps a history, and whether the work is marked for later, in one query. */
  async stateFor(userId: number, workId: number): Promise<{ keepsHistory: boolean; markedForLater: boolean }> {
    const row = await this.db
      .selectFrom('users')
      .leftJoin('readings', (join) =>
        join.onRef('readings.user_id', '=', 'users.id').on('readings.work_id', '=', workId),
      )
      .select(['users.keeps_history', 'readings.marked_for_later'])
      .where('users.id', '=', userId)
      .executeTakeFirst();
    return { keepsHistory: row?.keeps_history === 1, markedForLater: row?.marked_for_later === 1 };
  }

  async find(userId: number, workId: number): Promise<{ markedForLater: boolean; visits: number } | undefined> {
    const row = await this.db
      .selectFrom('readings')
      .select(['marked_for_later', 'visits'])
      .where('user_id', '=', userId)
      .where('work_id', '=', workId)
      .executeTakeFirst();
    return row ? { markedForLater: row.marked_for_later === 1, visits: row.visits } : undefined;
  }

  /** The member's history, last read first, of works they may still see; `forLater` keeps only the marked ones. */
  async list(
    userId: number,
    { forLater = false, limit, offset }: { forLater?: boolean; limit: number; offset: number },
  ): Promise<{ readings: Reading[]; total: number }> {
    let query = this.db
      .selectFrom('readings')
      .innerJoin('works', 'works.id', 'readings.work_id')
      .where('readings.user_id', '=', userId)
      .where(visibleTo(userId));
    if (forLater) query = query.where('readings.marked_for_later', '=', 1);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .leftJoin('chapters', (join) =>
        join.onRef('chapters.id', '=', 'readings.chapter_id').on('chapters.draft', '=', 0),
      )
      .select([
        'readings.work_id',
        'readings.chapter_id',
        'chapters.position',
        'readings.visits',
        'readings.marked_for_later',
        'readings.last_read_at',
      ])
      .orderBy(sql`coalesce(readings.last_read_at, '')`, 'desc')
      .orderBy('readings.work_id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      total: Number(total.n),
      readings: rows.map((r) => ({
        workId: r.work_id,
        chapterId: r.position === null ? null : r.chapter_id,
        chapterPosition: r.position,
        visits: r.visits,
        markedForLater: r.marked_for_later === 1,
        lastReadAt: r.last_read_at,
      })),
    };
  }

  async remove(userId: number, workId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('readings')
      .where('user_id', '=', userId)
      .where('work_id', '=', workId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async clear(userId: number): Promise<void> {
    await this.db.deleteFrom('readings').where('user_id', '=', userId).execute();
  }

  async keepsHistory(userId: number): Promise<boolean> {
    const row = await this.db.selectFrom('users').select('keeps_history').where('id', '=', userId).executeTakeFirst();
    return row?.keeps_history === 1;
  }

  /** Turning history off stops recording; what is there stays until cleared. */
  async setKeepsHistory(userId: number, keep: boolean): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ keeps_history: keep ? 1 : 0 })
      .where('id', '=', userId)
      .execute();
  }
}
