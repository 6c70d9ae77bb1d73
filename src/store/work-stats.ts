import { sql } from 'kysely';
import type { Db, Tx } from './database.ts';
import { noteWorksChanged } from './work-changes.ts';
import { utcDay } from '../domain/kudos.ts';
import { STAT_FIELDS, type StatField, type StatFigures, type WorkStatsRow } from '../domain/work-stats.ts';

/** The day the archive began keeping daily figures (set by migration 0034). */
const SINCE_SETTING = 'work_stats_since';

/**
 * Adds to a work's figures of a day (today unless told): call it in the transaction that changes
 * the counter, so the daily rows and the counters never disagree. One upsert.
 */
export async function addToDailyStats(
  tx: Db | Tx,
  workId: number,
  changes: Partial<Record<StatField, number>>,
  day: string = utcDay(),
): Promise<void> {
  const fields = STAT_FIELDS.filter((f) => (changes[f] ?? 0) !== 0);
  if (fields.length === 0) return;
  // Written only while the work is there (a subscription may outlive a deleted work).
  await tx
    .insertInto('work_stats_daily')
    .columns(['work_id', 'day', ...fields])
    .expression((eb) =>
      eb
        .selectFrom('works')
        .select([
          sql<number>`cast(${workId} as integer)`.as('work_id'),
          sql<string>`cast(${day} as varchar(10))`.as('day'),
          ...fields.map((f) => sql<number>`cast(${changes[f]!} as integer)`.as(f)),
        ])
        .where('works.id', '=', workId),
    )
    .onConflict((oc) =>
      oc
        .columns(['work_id', 'day'])
        .doUpdateSet(
          Object.fromEntries(
            fields.map((f) => [f, sql<number>`work_stats_daily.${sql.ref(f)} + excluded.${sql.ref(f)}`]),
          ),
        ),
    )
    .execute();
}

type CounterColumn = 'kudos_count' | 'comment_count' | 'bookmark_count';

/**
 * Runs a recount of one of the work's counters and adds what it changed to today's figures. The
 * counter is read through a no-op update first, which locks the work's row (PostgreSQL) or the
 * database (SQLite) until commit, so a concurrent recount cannot slip between the two reads.
 */
export async function recountWithDailyStats(
  tx: Db | Tx,
  workId: number,
  column: CounterColumn,
  field: StatField,
  recount: () => Promise<unknown>,
): Promise<void> {
  const read = () =>
    tx
      .updateTable('works')
      .set((eb) => ({ [column]: eb.ref(column) }))
      .where('id', '=', workId)
      .returning(column)
      .executeTakeFirst() as Promise<Record<CounterColumn, number> | undefined>;
  const before = await read();
  await recount();
  if (!before) return;
  const after = await read();
  if (after) await addToDailyStats(tx, workId, { [field]: Number(after[column]) - Number(before[column]) });
}

/** A merge: the merged-away works' daily figures are added into the remaining work's, day by day. */
export async function moveDailyStats(tx: Tx, fromIds: number[], toId: number): Promise<void> {
  if (fromIds.length === 0) return;
  await tx
    .insertInto('work_stats_daily')
    .columns(['work_id', 'day', ...STAT_FIELDS])
    .expression((eb) =>
      eb
        .selectFrom('work_stats_daily')
        .select((s) => [
          sql<number>`cast(${toId} as integer)`.as('work_id'),
          'day',
          ...STAT_FIELDS.map((f) => sql<number>`cast(sum(${s.ref(f)}) as integer)`.as(f)),
        ])
        .where('work_id', 'in', fromIds)
        .groupBy('day'),
    )
    .onConflict((oc) =>
      oc
        .columns(['work_id', 'day'])
        .doUpdateSet(
          Object.fromEntries(
            STAT_FIELDS.map((f) => [f, sql<number>`work_stats_daily.${sql.ref(f)} + excluded.${sql.ref(f)}`]),
          ),
        ),
    )
    .execute();
  await tx.deleteFrom('work_stats_daily').where('work_id', 'in', fromIds).execute();
}

/** One day's figures, summed over the works asked for. */
export type DayFigures = { day: string } & StatFigures;

/** What the writer's statistics page reads. */
export class WorkStatsStore {
  constructor(private readonly db: Db) {}

  /** The first day daily figures were kept. */
  async since(): Promise<string> {
    const row = await this.db
      .selectFrom('site_settings')
      .select('value')
      .where('key', '=', SINCE_SETTING)
      .executeTakeFirst();
    return row?.value ?? utcDay();
  }

  /**
   * Past activity written at once (the demo archive's weeks of reading): guests' hits and kudos on
   * given days, each added to the work's counters and to that day's figures, in one transaction.
   */
  async addPastActivity(
    entries: { workId: number; day: string; hits: number; kudosGuestKeys: string[] }[],
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const { workId, day, hits, kudosGuestKeys } of entries) {
        let kudos = 0;
        for (const guestKey of kudosGuestKeys) {
          const inserted = await tx
            .insertInto('kudos')
            .values({ work_id: workId, user_id: null, guest_key: guestKey, created_at: `${day}T12:00:00.000Z` })
            .onConflict((oc) => oc.doNothing())
            .executeTakeFirst();
          kudos += Number(inserted.numInsertedOrUpdatedRows ?? 0);
        }
        if (hits === 0 && kudos === 0) continue;
        await tx
          .updateTable('works')
          .set((eb) => ({ hits: eb('hits', '+', hits), kudos_count: eb('kudos_count', '+', kudos) }))
          .where('id', '=', workId)
          .execute();
        await addToDailyStats(tx, workId, { hits, kudos }, day);
      }
      await noteWorksChanged(tx, [...new Set(entries.map((e) => e.workId))]);
    });
  }

  /** Sets the first day of daily figures (the demo archive, whose history begins before it was made). */
  async setSince(day: string): Promise<void> {
    await this.db
      .insertInto('site_settings')
      .values({ key: SINCE_SETTING, value: day })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: day }))
      .execute();
  }

  /**
   * The posted works (not drafts) a member is an accepted creator of, under any of their pen
   * names, with their counters and how many members subscribe to each. Two indexed queries.
   */
  async worksOf(userId: number): Promise<WorkStatsRow[]> {
    const works = await this.db
      .selectFrom('works')
      .select([
        'works.id',
        'works.title',
        'works.word_count',
        'works.chapter_count',
        'works.published_at',
        'works.hits',
        'works.kudos_count',
        'works.comment_count',
        'works.bookmark_count',
      ])
      .where(
        'works.id',
        'in',
        this.db
          .selectFrom('creatorships as c')
          .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
          .select('c.work_id')
          .where('p.user_id', '=', userId)
          .where('c.accepted', '=', 1),
      )
      .where('works.published_at', 'is not', null)
      .where('works.visibility', '<>', 'draft')
      .execute();
    if (works.length === 0) return [];
    const subscriptions = await this.db
      .selectFrom('subscriptions')
      .select((eb) => ['target_id', eb.fn.countAll<number>().as('n')])
      .where('target_kind', '=', 'work')
      .where(
        'target_id',
        'in',
        works.map((w) => w.id),
      )
      .groupBy('target_id')
      .execute();
    const subscribers = new Map(subscriptions.map((s) => [s.target_id, Number(s.n)]));
    return works.map((w) => ({
      workId: w.id,
      title: w.title,
      wordCount: w.word_count,
      chapterCount: w.chapter_count,
      publishedAt: w.published_at ?? '',
      hits: w.hits,
      kudos: w.kudos_count,
      comments: w.comment_count,
      bookmarks: w.bookmark_count,
      subscriptions: subscribers.get(w.id) ?? 0,
    }));
  }

  /** The daily figures of these works from `from` on, summed per day, oldest first (primary key range scans). */
  async daily(workIds: number[], from: string): Promise<DayFigures[]> {
    if (workIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('work_stats_daily')
      .select((eb) => ['day', ...STAT_FIELDS.map((f) => eb.fn.sum<number>(f).as(f))])
      .where('work_id', 'in', workIds)
      .where('day', '>=', from)
      .groupBy('day')
      .orderBy('day')
      .execute();
    return rows.map((r) => ({
      day: r.day,
      hits: Number(r.hits),
      kudos: Number(r.kudos),
      comments: Number(r.comments),
      bookmarks: Number(r.bookmarks),
      subscriptions: Number(r.subscriptions),
    }));
  }

  /**
   * How many members (with a reading history) got furthest to each chapter position of a work:
   * counts only, never who. One range scan of readings_work_reach.
   */
  async furthestChapters(workId: number): Promise<{ position: number; readers: number }[]> {
    const rows = await this.db
      .selectFrom('readings')
      .select((eb) => ['furthest_position', eb.fn.countAll<number>().as('n')])
      .where('work_id', '=', workId)
      .where('furthest_position', 'is not', null)
      .groupBy('furthest_position')
      .execute();
    return rows.map((r) => ({ position: Number(r.furthest_position), readers: Number(r.n) }));
  }

  /** The positions of the work's posted chapters (not drafts, not hidden), in order: the chapters readers are counted at. */
  async postedChapterPositions(workId: number): Promise<number[]> {
    const rows = await this.db
      .selectFrom('chapters')
      .select('position')
      .where('work_id', '=', workId)
      .where('draft', '=', 0)
      .where('hidden_at', 'is', null)
      .orderBy('position')
      .execute();
    return rows.map((r) => r.position);
  }
}
