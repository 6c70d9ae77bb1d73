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

/** A guest's kudos waiting to be written with others (see KudosStore.leaveAsGuests). */
export interface PendingKudos {
  workId: number;
  /** When the work was made: kudos of a work replaced under the same id are left out. */
  createdAt: string;
  guestKey: string;
  /** Who hears of it (the work's creators when the kudos were left). */
  creatorUserIds: number[];
  /** When the guest left them. */
  at: string;
}

/** Guest kudos per insert (three parameters each). */
const KUDOS_PER_WRITE = 2000;

/** A work whose creators hear of the day's kudos on it. */
interface KudosNotice {
  workId: number;
  title: string;
  creatorUserIds: number[];
}

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
      await this.noticesOfToday(
        tx,
        [{ workId, title: work.title, creatorUserIds }],
        utcDay(new Date(at)),
        'userId' in visitor ? visitor.userId : undefined,
      );
      return true;
    });
  }

  /**
   * Writes guests' kudos gathered for a second or so (see Kudos in src/app/kudos.ts): what leave
   * does for one, for all of them in one transaction per day they were left on, of a few
   * statements whatever their number. The unique key keeps one kudos per guest and work (kudos
   * another process or an earlier batch wrote are left out), and so do works that are gone or
   * were replaced under the same id. Returns how many were new.
   */
  async leaveAsGuests(kudos: readonly PendingKudos[]): Promise<number> {
    const byDay = new Map<string, PendingKudos[]>();
    for (const k of kudos) {
      const day = utcDay(new Date(k.at));
      byDay.set(day, [...(byDay.get(day) ?? []), k]);
    }
    let left = 0;
    for (const [day, ofDay] of byDay)
      for (let start = 0; start < ofDay.length; start += KUDOS_PER_WRITE)
        left += await this.writeGuestKudos(day, ofDay.slice(start, start + KUDOS_PER_WRITE));
    return left;
  }

  private async writeGuestKudos(day: string, kudos: readonly PendingKudos[]): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const works = await tx
        .selectFrom('works')
        .select(['id', 'created_at'])
        .where('id', 'in', [...new Set(kudos.map((k) => k.workId))])
        .execute();
      const present = new Map(works.map((w) => [w.id, w.created_at]));
      const rows = kudos
        .filter((k) => present.get(k.workId) === k.createdAt)
        .map((k) => ({ work_id: k.workId, guest_key: k.guestKey, created_at: k.at }))
        // One order for every process's batches: two inserting the same guest's kudos wait for
        // each other on the unique key, and never each for the other.
        .sort((a, b) => a.work_id - b.work_id || (a.guest_key < b.guest_key ? -1 : a.guest_key > b.guest_key ? 1 : 0));
      if (rows.length === 0) return 0;
      const inserted = await tx
        .insertInto('kudos')
        .values(rows)
        .onConflict((oc) => oc.doNothing())
        .returning('work_id')
        .execute();
      if (inserted.length === 0) return 0;
      const byWork = new Map<number, number>();
      for (const { work_id } of inserted) byWork.set(work_id, (byWork.get(work_id) ?? 0) + 1);
      // Locked in id order, as every multi-work write does; the lock also makes each work's daily
      // notice below read and written by one writer at a time.
      const ids = [...byWork.keys()].sort((a, b) => a - b);
      const raised = await tx
        .updateTable('works')
        .set({
          kudos_count: sql<number>`kudos_count + case id ${sql.join(
            ids.map((id) => sql`when ${id} then ${byWork.get(id)!}`),
            sql` `,
          )} else 0 end`,
        })
        .where('id', 'in', ids)
        .returning(['id', 'title'])
        .execute();
      await tx
        .insertInto('work_stats_daily')
        .values(ids.map((id) => ({ work_id: id, day, kudos: byWork.get(id)! })))
        .onConflict((oc) =>
          oc.columns(['work_id', 'day']).doUpdateSet({ kudos: sql<number>`work_stats_daily.kudos + excluded.kudos` }),
        )
        .execute();
      await noteWorksChanged(tx, ids);
      const creators = new Map<number, Set<number>>();
      for (const k of kudos)
        if (byWork.has(k.workId))
          creators.set(k.workId, new Set([...(creators.get(k.workId) ?? []), ...k.creatorUserIds]));
      await this.noticesOfToday(
        tx,
        raised.map((w) => ({ workId: w.id, title: w.title, creatorUserIds: [...(creators.get(w.id) ?? [])] })),
        day,
        undefined,
      );
      return inserted.length;
    });
  }

  /**
   * Writes (or rewrites) the day's kudos notice for each creator of each work: one per work and
   * creator a day, naming everyone who left kudos that day. A few statements for any number of works.
   */
  private async noticesOfToday(
    tx: Tx,
    notices: readonly KudosNotice[],
    day: string,
    actorUserId: number | undefined,
  ): Promise<void> {
    const told = notices.filter((n) => n.creatorUserIds.length > 0);
    if (told.length === 0) return;
    const since = dayStart(day);
    const workIds = told.map((n) => n.workId);
    const today = await tx
      .selectFrom('kudos')
      .leftJoin('users', 'users.id', 'kudos.user_id')
      .select(['kudos.work_id', 'users.login', 'kudos.guest_key'])
      .where('kudos.work_id', 'in', workIds)
      .where('kudos.created_at', '>=', since)
      .orderBy('kudos.created_at', 'desc')
      .orderBy('kudos.id', 'desc')
      .execute();
    const messages = new Map(
      told.map((n) => {
        const ofWork = today.filter((k) => k.work_id === n.workId);
        const logins = ofWork.flatMap((k) => (k.login ? [k.login] : []));
        const guests = ofWork.filter((k) => k.guest_key !== null).length;
        return [n.workId, kudosSummary(logins, guests, n.title)];
      }),
    );
    const existing = (
      await tx
        .selectFrom('notifications')
        .select(['id', 'user_id', 'work_id'])
        .where('kind', '=', 'kudos')
        .where('work_id', 'in', workIds)
        .where('user_id', 'in', [...new Set(told.flatMap((n) => n.creatorUserIds))])
        .where('created_at', '>=', since)
        .execute()
    ).filter((e) => told.some((n) => n.workId === e.work_id && n.creatorUserIds.includes(e.user_id)));
    if (existing.length > 0) {
      const rewritten = [...new Set(existing.map((e) => e.work_id!))];
      // Unread again, so the creator sees that more kudos came.
      await tx
        .updateTable('notifications')
        .set({
          message: sql<string>`case work_id ${sql.join(
            rewritten.map((id) => sql`when ${id} then ${messages.get(id)!}`),
            sql` `,
          )} end`,
          read_at: null,
        })
        .where(
          'id',
          'in',
          existing.map((n) => n.id),
        )
        .execute();
    }
    const done = new Set(existing.map((e) => `${e.work_id}|${e.user_id}`));
    await addNotifications(
      tx,
      told.flatMap((n) =>
        n.creatorUserIds
          .filter((userId) => !done.has(`${n.workId}|${userId}`))
          .map((userId) => ({
            userId,
            kind: 'kudos' as const,
            message: messages.get(n.workId)!,
            workId: n.workId,
            actorUserId,
          })),
      ),
    );
  }

  /** Whether this visitor has left kudos on the work. */
  async hasLeft(workId: number, visitor: Visitor): Promise<boolean> {
    return (await kudosLeftQuery(this.db, workId, visitor).executeTakeFirst()) !== undefined;
  }

  /** Who left kudos on the work: members newest first (up to `limit` of them), and how many guests. */
  async listFor(workId: number, limit: number): Promise<WorkKudos> {
    const [members, counts] = await Promise.all([
      kudosLoginsQuery(this.db, workId, limit).execute(),
      kudosCountsQuery(this.db, workId).executeTakeFirstOrThrow(),
    ]);
    return toWorkKudos(members, counts);
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
        { countersOnly: true },
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

/** The kudos this visitor left on the work (a row, or none). */
export function kudosLeftQuery(db: Db, workId: number, visitor: Visitor) {
  const query = db.selectFrom('kudos').select('id').where('work_id', '=', workId);
  return 'userId' in visitor
    ? query.where('user_id', '=', visitor.userId)
    : query.where('guest_key', '=', visitor.guestKey);
}

/** The logins of the members who left kudos on the work, newest first. */
export function kudosLoginsQuery(db: Db, workId: number, limit: number) {
  return db
    .selectFrom('kudos')
    .innerJoin('users', 'users.id', 'kudos.user_id')
    .select('users.login')
    .where('kudos.work_id', '=', workId)
    .orderBy('kudos.created_at', 'desc')
    .orderBy('kudos.id', 'desc')
    .limit(limit);
}

/** How many members and guests left kudos on the work. */
export function kudosCountsQuery(db: Db, workId: number) {
  return db
    .selectFrom('kudos')
    .select((eb) => [eb.fn.count<number>('user_id').as('members'), eb.fn.count<number>('guest_key').as('guests')])
    .where('work_id', '=', workId);
}

export function toWorkKudos(members: { login: string }[], counts: { members: number; guests: number }): WorkKudos {
  return {
    memberLogins: members.map((m) => m.login),
    memberCount: Number(counts.members),
    guestCount: Number(counts.guests),
  };
}
