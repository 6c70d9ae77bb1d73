import { randomBytes } from 'node:crypto';
import { noteWorksChanged } from './work-changes.ts';
import { sql } from 'kysely';
import { now, type Db, type Tx } from './database.ts';
import { addNotifications } from './notifications.ts';
import { dayStart, kudosSummary, oldestKeptHitDay, utcDay } from '../domain/kudos.ts';
import { addToDailyStats, recountWithDailyStats } from './work-stats.ts';

/**
 * Who is leaving kudos or reading: a member, or a guest known only by a salted hash of their
 * address (never the address itself; see visitorKeyOf in src/web/visitors.ts).
 */
export type Visitor = { userId: number } | { guestKey: string };

/** The kudos of a work as its page lists them. */
export interface WorkKudos {
  /** Members' logins, newest kudos first (at most the limit asked for). */
  memberLogins: string[];
  memberCount: number;
  guestCount: number;
}

const SALT_SETTING = 'visitor_address_salt';

/** One reading to count: the work (and, to tell a reused id apart, when it was made), who, which UTC day. */
export interface PendingHit {
  workId: number;
  createdAt?: string;
  /** hitKey(visitor) */
  visitorKey: string;
  day: string;
}

/** Rows per insert (three parameters each, well under SQLite's limit of 32,766). */
const HITS_PER_WRITE = 2000;

/** Whether a work's hits going from `from` to `to` pass a count the search index is told of. */
export function passesHitMark(from: number, to: number): boolean {
  for (let hits = from + 1; hits <= to; hits++)
    if (hits <= 100 || (hits <= 10_000 ? hits % 10 === 0 : hits % 100 === 0)) return true;
  return false;
}

/** The key a visitor's hits are stored under: `u<id>` for members, the 64-hex address hash for guests. */
export function hitKey(visitor: Visitor): string {
  return 'userId' in visitor ? `u${visitor.userId}` : visitor.guestKey;
}

/** Recounts a work's kudos from its rows (after a merge, where repeats were dropped). */
export async function recountKudos(tx: Db | Tx, workId: number): Promise<void> {
  await recountWithDailyStats(tx, workId, 'kudos_count', 'kudos', () =>
    sql`update works set kudos_count = (select count(*) from kudos where kudos.work_id = ${workId}) where id = ${workId}`.execute(
      tx,
    ),
  );
  await noteWorksChanged(tx, [workId]);
}

export class KudosStore {
  private salt: string | undefined;
  /** The day old hits were last purged by this process; purging runs once a day per process. */
  private purgedOn: string | undefined;

  constructor(private readonly db: Db) {}

  /** The secret mixed into guests' address hashes: made on first use, the same for every process. */
  async addressSalt(): Promise<string> {
    if (this.salt) return this.salt;
    await this.db
      .insertInto('site_settings')
      .values({ key: SALT_SETTING, value: randomBytes(32).toString('base64url') })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('site_settings')
      .select('value')
      .where('key', '=', SALT_SETTING)
      .executeTakeFirstOrThrow();
    this.salt = row.value;
    return this.salt;
  }

  /**
   * Leaves kudos on a work, once per member or guest: the row and the counter are written in one
   * transaction, the counter only when the unique constraints let the row in. The work's creators
   * hear of it in one notice per work per day, rewritten as more kudos come.
   * Returns false when this visitor had already left kudos here. `at` (now) is for tests of history.
   */
  async leave(workId: number, visitor: Visitor, creatorUserIds: number[], at = now()): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('kudos')
        .values({
          work_id: workId,
          user_id: 'userId' in visitor ? visitor.userId : null,
          guest_key: 'guestKey' in visitor ? visitor.guestKey : null,
          created_at: at,
        })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
      // This update also locks the work's row until commit, so the daily notice below is read
      // and written by one kudos at a time.
      const work = await tx
        .updateTable('works')
        .set((eb) => ({ kudos_count: eb('kudos_count', '+', 1) }))
        .where('id', '=', workId)
        .returning(['title', 'hits'])
        .executeTakeFirstOrThrow();
      await addToDailyStats(tx, workId, { kudos: 1 }, utcDay(new Date(at)));
      await noteWorksChanged(tx, [workId]);
      await this.noticeOfToday(
        tx,
        workId,
        work.title,
        creatorUserIds,
        at,
        'userId' in visitor ? visitor.userId : undefined,
      );
      return true;
    });
  }

  /** Writes (or rewrites) today's kudos notice for each creator of the work. */
  private async noticeOfToday(
    tx: Tx,
    workId: number,
    title: string,
    creatorUserIds: number[],
    at: string,
    actorUserId: number | undefined,
  ): Promise<void> {
    if (creatorUserIds.length === 0) return;
    const since = dayStart(utcDay(new Date(at)));
    const today = await tx
      .selectFrom('kudos')
      .leftJoin('users', 'users.id', 'kudos.user_id')
      .select(['users.login', 'kudos.guest_key'])
      .where('kudos.work_id', '=', workId)
      .where('kudos.created_at', '>=', since)
      .orderBy('kudos.created_at', 'desc')
      .orderBy('kudos.id', 'desc')
      .execute();
    const message = kudosSummary(
      today.flatMap((k) => (k.login ? [k.login] : [])),
      today.filter((k) => k.guest_key !== null).length,
      title,
    );
    const existing = await tx
      .selectFrom('notifications')
      .select(['id', 'user_id'])
      .where('kind', '=', 'kudos')
      .where('work_id', '=', workId)
      .where('user_id', 'in', creatorUserIds)
      .where('created_at', '>=', since)
      .execute();
    if (existing.length > 0) {
      // Unread again, so the creator sees that more kudos came.
      await tx
        .updateTable('notifications')
        .set({ message, read_at: null })
        .where(
          'id',
          'in',
          existing.map((n) => n.id),
        )
        .execute();
    }
    const told = new Set(existing.map((n) => n.user_id));
    await addNotifications(
      tx,
      creatorUserIds
        .filter((id) => !told.has(id))
        .map((userId) => ({ userId, kind: 'kudos' as const, message, workId, actorUserId })),
    );
  }

  /** Whether this visitor has left kudos on the work. */
  async hasLeft(workId: number, visitor: Visitor): Promise<boolean> {
    const query = this.db.selectFrom('kudos').select('id').where('work_id', '=', workId);
    const row = await (
      'userId' in visitor
        ? query.where('user_id', '=', visitor.userId)
        : query.where('guest_key', '=', visitor.guestKey)
    ).executeTakeFirst();
    return row !== undefined;
  }

  /** Who left kudos on the work: members newest first (up to `limit` of them), and how many guests. */
  async listFor(workId: number, limit: number): Promise<WorkKudos> {
    const [members, counts] = await Promise.all([
      this.db
        .selectFrom('kudos')
        .innerJoin('users', 'users.id', 'kudos.user_id')
        .select('users.login')
        .where('kudos.work_id', '=', workId)
        .orderBy('kudos.created_at', 'desc')
        .orderBy('kudos.id', 'desc')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('kudos')
        .select((eb) => [eb.fn.count<number>('user_id').as('members'), eb.fn.count<number>('guest_key').as('guests')])
        .where('work_id', '=', workId)
        .executeTakeFirstOrThrow(),
    ]);
    return {
      memberLogins: members.map((m) => m.login),
      memberCount: Number(counts.members),
      guestCount: Number(counts.guests),
    };
  }

  /**
   * Counts a hit: once per visitor per work per UTC day. Returns whether it counted. See recordHits.
   */
  async recordHit(workId: number, visitor: Visitor, day = utcDay()): Promise<boolean> {
    return (await this.recordHits([{ workId, visitorKey: hitKey(visitor), day }])) === 1;
  }

  /**
   * Counts many readings at once (a server process gathers them for a second or so): a
   * work_hits row each, once per visitor per work per UTC day, and each work's counter and daily
   * figure raised by the rows that were new, all in one transaction of a few statements whatever
   * the number of hits. Readings of works that are gone (or were replaced under the same id,
   * when `createdAt` is given) are left out. Returns how many counted.
   */
  async recordHits(hits: readonly PendingHit[]): Promise<number> {
    let counted = 0;
    for (let start = 0; start < hits.length; start += HITS_PER_WRITE)
      counted += await this.writeHits(hits.slice(start, start + HITS_PER_WRITE));
    const newest = hits.reduce((day, h) => (h.day > day ? h.day : day), '');
    if (newest !== '' && this.purgedOn !== newest) {
      this.purgedOn = newest;
      await this.purgeHitsBefore(oldestKeptHitDay(newest));
    }
    return counted;
  }

  private async writeHits(hits: readonly PendingHit[]): Promise<number> {
    if (hits.length === 0) return 0;
    return this.db.transaction().execute(async (tx) => {
      const works = await tx
        .selectFrom('works')
        .select(['id', 'created_at'])
        .where('id', 'in', [...new Set(hits.map((h) => h.workId))])
        .execute();
      const present = new Map(works.map((w) => [w.id, w.created_at]));
      const rows = hits
        .filter((h) => present.has(h.workId) && (h.createdAt === undefined || present.get(h.workId) === h.createdAt))
        .map((h) => ({ work_id: h.workId, visitor_key: h.visitorKey, day: h.day }));
      if (rows.length === 0) return 0;
      const inserted = await tx
        .insertInto('work_hits')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning(['work_id', 'day'])
        .execute();
      if (inserted.length === 0) return 0;
      const byWork = new Map<number, number>();
      const byWorkDay = new Map<string, { workId: number; day: string; n: number }>();
      for (const { work_id, day } of inserted) {
        byWork.set(work_id, (byWork.get(work_id) ?? 0) + 1);
        const key = `${work_id}|${day}`;
        const entry = byWorkDay.get(key) ?? { workId: work_id, day, n: 0 };
        entry.n++;
        byWorkDay.set(key, entry);
      }
      const ids = [...byWork.keys()];
      // Rows are locked in id order, as every other multi-work write does, so two processes'
      // flushes cannot deadlock.
      ids.sort((a, b) => a - b);
      const raised = await tx
        .updateTable('works')
        .set({
          hits: sql<number>`hits + case id ${sql.join(
            ids.map((id) => sql`when ${id} then ${byWork.get(id)!}`),
            sql` `,
          )} else 0 end`,
        })
        .where('id', 'in', ids)
        .returning(['id', 'hits'])
        .execute();
      await tx
        .insertInto('work_stats_daily')
        .values([...byWorkDay.values()].map(({ workId, day, n }) => ({ work_id: workId, day, hits: n })))
        .onConflict((oc) =>
          oc.columns(['work_id', 'day']).doUpdateSet({ hits: sql<number>`work_stats_daily.hits + excluded.hits` }),
        )
        .execute();
      // Hits come with most page views: the search index hears of them coarsely (every hit up to
      // 100, then every 10th, then every 100th), which keeps "sort by hits" within 1%.
      await noteWorksChanged(
        tx,
        raised.filter((w) => passesHitMark(w.hits - byWork.get(w.id)!, w.hits)).map((w) => w.id),
      );
      return inserted.length;
    });
  }

  /**
   * Forgets who read before that day: the rows only stop a visitor counting twice in one day, and
   * the counter on the work keeps the total. One indexed delete (work_hits_day) per process per day.
   */
  async purgeHitsBefore(day: string): Promise<number> {
    const result = await this.db.deleteFrom('work_hits').where('day', '<', day).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
