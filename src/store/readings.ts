import { sql } from 'kysely';
import { now, type Db, type Tx } from './database.ts';
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

/** Where a member stopped in a work. */
export interface ReadingPosition {
  chapterId: number;
  /** The chapter's place in the work (1 for the first). */
  chapterPosition: number;
  /** The paragraph (1-based) of the chapter, when the reader's browser told it. */
  paragraph: number | null;
}

/** How far a member read a work, for its blurb and the home page. */
export interface ReadingProgress {
  workId: number;
  lastReadAt: string;
  /** The chapter last opened, when readers can open it (null: only marked as read, or that chapter is hidden). */
  chapterId: number | null;
  chapterPosition: number | null;
  paragraph: number | null;
  /**
   * How many posted chapters come up to and including the one last opened; 0 when the member has
   * read none of the chapters shown now (every chapter they had reached was deleted, or the one
   * they read was the first and is hidden); null when no chapter is known (only marked as read, or
   * read as one page).
   */
  readTo: number | null;
  /** When the work's newest posted chapter was posted. */
  lastPostedAt: string | null;
}

function toProgress(row: {
  work_id: number;
  last_read_at: string | null;
  paragraph: number | null;
  opened_id: number | null;
  opened_readable: number | string | null;
  chapter_position: number | null;
  furthest_position: number | null;
  read_to: number | string | null;
  last_posted_at: string | null;
}): ReadingProgress {
  const readable = row.opened_id !== null && Number(row.opened_readable) === 1;
  return {
    workId: row.work_id,
    lastReadAt: row.last_read_at ?? '',
    chapterId: readable ? row.opened_id : null,
    chapterPosition: readable ? row.chapter_position : null,
    paragraph: readable ? row.paragraph : null,
    readTo: row.opened_id === null ? null : row.furthest_position === null ? 0 : Number(row.read_to ?? 0),
    lastPostedAt: row.last_posted_at,
  };
}

/** The place of a chapter of the work (null for none), as a reading's furthest_position. */
function furthestOf(workId: number, chapterId: number | null) {
  return sql<
    number | null
  >`(select chapters.position from chapters where chapters.id = cast(${chapterId} as integer) and chapters.work_id = cast(${workId} as integer))`;
}

/** On a reading written again: the furthest chapter opened, whatever chapter was opened last. */
const furthestSoFar = sql<
  number | null
>`case when excluded.furthest_position > coalesce(readings.furthest_position, 0) then excluded.furthest_position else readings.furthest_position end`;

/** A member's reading history and "marked for later" list (AO3's History). */
export class ReadingStore {
  constructor(private readonly db: Db) {}

  /**
   * Counts a visit to the work (at a chapter, when one was opened) for a member who keeps a
   * history: one statement, the history setting checked inside it, so reading pages stay fast.
   */
  async record(
    userId: number,
    workId: number,
    chapterId: number | null,
    { keepChapter = false }: { keepChapter?: boolean } = {},
  ): Promise<void> {
    const at = now();
    await this.db
      .insertInto('readings')
      .columns(['user_id', 'work_id', 'chapter_id', 'visits', 'marked_for_later', 'last_read_at', 'furthest_position'])
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
            // The chapter's place, for the writer's "how far readers got" (counts only; see WorkStatsStore).
            furthestOf(workId, chapterId).as('furthest_position'),
          ])
          .where('users.id', '=', userId)
          .where('users.keeps_history', '=', 1),
      )
      .onConflict((oc) =>
        oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => {
          // The work page shows its first chapter: opening it keeps the chapter the reader got to.
          const chapter = keepChapter
            ? eb.fn.coalesce('readings.chapter_id', 'excluded.chapter_id')
            : eb.fn.coalesce('excluded.chapter_id', 'readings.chapter_id');
          return {
            visits: sql<number>`readings.visits + 1`,
            chapter_id: chapter,
            // The paragraph belongs to the chapter: another chapter opened forgets it.
            paragraph: sql<
              number | null
            >`case when readings.chapter_id = ${chapter} then readings.paragraph else null end`,
            last_read_at: eb.ref('excluded.last_read_at'),
            furthest_position: furthestSoFar,
          };
        }),
      )
      .execute();
  }

  /**
   * Keeps the paragraph of a chapter the member stopped at, for a member who keeps a history (the
   * setting checked inside the statement); returns whether it was kept.
   */
  async savePosition(userId: number, workId: number, chapterId: number, paragraph: number): Promise<boolean> {
    const at = now();
    const result = await this.db
      .insertInto('readings')
      .columns([
        'user_id',
        'work_id',
        'chapter_id',
        'paragraph',
        'visits',
        'marked_for_later',
        'last_read_at',
        'furthest_position',
      ])
      .expression((eb) =>
        eb
          .selectFrom('users')
          .select([
            sql<number>`cast(${userId} as integer)`.as('user_id'),
            sql<number>`cast(${workId} as integer)`.as('work_id'),
            sql<number>`cast(${chapterId} as integer)`.as('chapter_id'),
            sql<number>`cast(${paragraph} as integer)`.as('paragraph'),
            sql<number>`cast(1 as integer)`.as('visits'),
            sql<number>`cast(0 as integer)`.as('marked_for_later'),
            sql<string>`cast(${at} as varchar(30))`.as('last_read_at'),
            // A place kept before any visit was recorded (the work was just taken out of the history): it was reached.
            furthestOf(workId, chapterId).as('furthest_position'),
          ])
          .where('users.id', '=', userId)
          .where('users.keeps_history', '=', 1),
      )
      .onConflict((oc) =>
        oc.columns(['user_id', 'work_id']).doUpdateSet((eb) => ({
          chapter_id: eb.ref('excluded.chapter_id'),
          paragraph: eb.ref('excluded.paragraph'),
          last_read_at: eb.ref('excluded.last_read_at'),
          // A reading marked for later or as read before the chapter was open has no furthest chapter yet.
          furthest_position: furthestSoFar,
        })),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Where the member stopped in a work: the posted chapter last opened, and the paragraph when known. */
  async positionOf(userId: number, workId: number): Promise<ReadingPosition | undefined> {
    return toReadingPosition(await readingPositionQuery(this.db, userId, workId).executeTakeFirst());
  }

  /**
   * What a member who keeps a history has read of these works, in one query: how far (the number
   * of posted chapters up to the one last opened), when, and when a chapter was last posted.
   * Works never opened (or only marked for later) are left out; so is everything without a history.
   */
  async progress(userId: number, workIds: number[]): Promise<ReadingProgress[]> {
    if (workIds.length === 0) return [];
    return this.progressQuery(userId)
      .where('readings.work_id', 'in', workIds)
      .execute()
      .then((rows) => rows.map(toProgress));
  }

  /** The member's most recently read works (at most `limit`), as `progress` tells them, last read first. */
  async recentProgress(userId: number, limit: number): Promise<ReadingProgress[]> {
    const rows = await this.progressQuery(userId)
      .orderBy('readings.last_read_at', 'desc')
      .orderBy('readings.work_id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toProgress);
  }

  /** The chapter last opened is joined whether or not readers can open it now: a hidden one still tells how far they read. */
  private progressQuery(userId: number) {
    return this.db
      .selectFrom('readings')
      .innerJoin('users', 'users.id', 'readings.user_id')
      .leftJoin('chapters as opened', 'opened.id', 'readings.chapter_id')
      .select((eb) => [
        'readings.work_id',
        'readings.last_read_at',
        'readings.paragraph',
        'readings.furthest_position',
        'opened.id as opened_id',
        sql<number>`case when opened.draft = 0 and opened.hidden_at is null then 1 else 0 end`.as('opened_readable'),
        'opened.position as chapter_position',
        eb
          .selectFrom('chapters as upto')
          .select((sub) => sub.fn.countAll<number>().as('n'))
          .whereRef('upto.work_id', '=', 'readings.work_id')
          .whereRef('upto.position', '<=', 'opened.position')
          .where('upto.draft', '=', 0)
          .where('upto.hidden_at', 'is', null)
          .as('read_to'),
        eb
          .selectFrom('chapters as posted')
          .select((sub) => sub.fn.max('posted.published_at').as('m'))
          .whereRef('posted.work_id', '=', 'readings.work_id')
          .where('posted.draft', '=', 0)
          .where('posted.hidden_at', 'is', null)
          .as('last_posted_at'),
      ])
      .where('readings.user_id', '=', userId)
      .where('users.keeps_history', '=', 1)
      .where('readings.last_read_at', 'is not', null);
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
    return toReadingState(await readingStateQuery(this.db, userId, workId).executeTakeFirst());
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
      // The chapter is named only when readers can open it and the member reached it (not where they
      // were left when every chapter they had reached was deleted).
      .leftJoin('chapters', (join) =>
        join
          .onRef('chapters.id', '=', 'readings.chapter_id')
          .on('chapters.draft', '=', 0)
          .on('chapters.hidden_at', 'is', null)
          .on('readings.furthest_position', 'is not', null),
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

/** Where a member who keeps a history stopped in the work (a posted, shown chapter), if anywhere. */
export function readingPositionQuery(db: Db, userId: number, workId: number) {
  return db
    .selectFrom('readings')
    .innerJoin('users', 'users.id', 'readings.user_id')
    .innerJoin('chapters', 'chapters.id', 'readings.chapter_id')
    .select(['readings.chapter_id', 'chapters.position', 'readings.paragraph'])
    .where('readings.user_id', '=', userId)
    .where('readings.work_id', '=', workId)
    .where('users.keeps_history', '=', 1)
    .where('chapters.draft', '=', 0)
    .where('chapters.hidden_at', 'is', null);
}

export function toReadingPosition(
  row: { chapter_id: number | null; position: number; paragraph: number | null } | null | undefined,
): ReadingPosition | undefined {
  if (!row || row.chapter_id === null) return undefined;
  return { chapterId: row.chapter_id, chapterPosition: row.position, paragraph: row.paragraph };
}

/** Whether the member keeps a history, and whether they marked the work for later. */
export function readingStateQuery(db: Db, userId: number, workId: number) {
  return db
    .selectFrom('users')
    .leftJoin('readings', (join) => join.onRef('readings.user_id', '=', 'users.id').on('readings.work_id', '=', workId))
    .select(['users.keeps_history', 'readings.marked_for_later'])
    .where('users.id', '=', userId);
}

export function toReadingState(row: { keeps_history: number; marked_for_later: number | null } | null | undefined): {
  keepsHistory: boolean;
  markedForLater: boolean;
} {
  return { keepsHistory: row?.keeps_history === 1, markedForLater: row?.marked_for_later === 1 };
}

/**
 * Inside the transaction that reorders a work's chapters or deletes one (`before`: the work's
 * chapter ids in their old order, `after`: in the new one).
 *
 * A reader's furthest chapter is kept by its place in the work (see `record`), and the writer's
 * "how far readers got" counts a reader as having reached every chapter up to it. After the change
 * the reader's furthest is the furthest place, in the new order, of the chapters they had reached
 * that are still there: a reorder keeps what they reached (a reader who had read more is never
 * counted lower than one who had read less), a deleted chapter credits nobody with the one after
 * it, and a reader who had reached only deleted chapters has reached nothing (null, not counted).
 *
 * A reader whose last opened chapter is deleted is left at the nearest chapter before it they can
 * open, else the one after (for "Continue reading"); their "Read to chapter …" counts only the
 * chapters they had reached (see `progressQuery`). Must run before the deleted chapter's row goes
 * (its readings would lose the chapter).
 */
export async function followChapterOrder(
  tx: Tx,
  workId: number,
  before: readonly number[],
  after: readonly number[],
  /** The chapters readers can open (not drafts, not hidden): a reader moved off a deleted one lands on one of these. */
  readable: ReadonlySet<number> = new Set(after),
): Promise<void> {
  const newPlace = new Map(after.map((id, i) => [id, i + 1]));
  // furthestNow[f - 1]: where a reader whose furthest place was f is now (null: none of their chapters is left).
  const furthestNow: (number | null)[] = [];
  for (const [i, id] of before.entries())
    furthestNow.push(Math.max(furthestNow[i - 1] ?? 0, newPlace.get(id) ?? 0) || null);
  const moves = furthestNow.flatMap((to, i) => (to === i + 1 ? [] : [{ from: i + 1, to }]));
  if (moves.length > 0)
    await tx
      .updateTable('readings')
      .set({
        furthest_position: sql<number | null>`case ${sql.join(
          moves.map(({ from, to }) => sql`when furthest_position = ${from} then cast(${to} as integer)`),
          sql` `,
        )} else furthest_position end`,
      })
      .where('work_id', '=', workId)
      .where(
        'furthest_position',
        'in',
        moves.map((m) => m.from),
      )
      .execute();
  if (after.length === 0) return;
  /** The nearest kept chapter before `i` in the old order, else after it: one readers can open when there is one. */
  const landingFor = (i: number): number => {
    const nearest = [...before.slice(0, i).reverse(), ...before.slice(i + 1)].filter((id) => newPlace.has(id));
    return nearest.find((id) => readable.has(id)) ?? nearest[0];
  };
  for (const [i, id] of before.entries()) {
    if (newPlace.has(id)) continue;
    await tx
      .updateTable('readings')
      .set({ chapter_id: landingFor(i), paragraph: null })
      .where('work_id', '=', workId)
      .where('chapter_id', '=', id)
      .execute();
  }
}
