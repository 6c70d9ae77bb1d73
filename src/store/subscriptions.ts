import { now, type Db, type Tx } from './database.ts';
import { addNotifications, type NewNotification } from './notifications.ts';
import { enqueueJob } from './jobs.ts';
import { addToDailyStats } from './work-stats.ts';

export { SUBSCRIPTION_KINDS, isSubscriptionKind, type SubscriptionKind } from '../domain/subscriptions.ts';
import { isSubscriptionKind, type SubscriptionKind } from '../domain/subscriptions.ts';

export interface Subscription {
  kind: SubscriptionKind;
  targetId: number;
  /** The work's or series' title, or the user's login. */
  name: string;
  since: string;
}

export class SubscriptionStore {
  constructor(private readonly db: Db) {}

  /** Subscribes; a new subscription to a work counts in the writer's daily figures (same transaction). */
  async subscribe(userId: number, kind: SubscriptionKind, targetId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('subscriptions')
        .values({ user_id: userId, target_kind: kind, target_id: targetId, created_at: now() })
        .onConflict((oc) => oc.columns(['user_id', 'target_kind', 'target_id']).doNothing())
        .executeTakeFirst();
      if (kind === 'work' && Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0)
        await addToDailyStats(tx, targetId, { subscriptions: 1 });
    });
  }

  async unsubscribe(userId: number, kind: SubscriptionKind, targetId: number): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const deleted = await tx
        .deleteFrom('subscriptions')
        .where('user_id', '=', userId)
        .where('target_kind', '=', kind)
        .where('target_id', '=', targetId)
        .executeTakeFirst();
      if (kind === 'work' && Number(deleted.numDeletedRows) > 0)
        await addToDailyStats(tx, targetId, { subscriptions: -1 });
    });
  }

  /** Announces what of the work came out by now (a scheduled work or chapter whose time came). */
  async announceRelease(workId: number): Promise<void> {
    await this.db.transaction().execute((tx) => announceRelease(tx, workId));
  }

  async isSubscribed(userId: number, kind: SubscriptionKind, targetId: number): Promise<boolean> {
    return (await subscribedQuery(this.db, userId, kind, targetId).executeTakeFirst()) !== undefined;
  }

  /** What a member follows, newest first, named; targets that no longer exist are left out. */
  async listForUser(userId: number): Promise<Subscription[]> {
    const rows = await this.db
      .selectFrom('subscriptions as s')
      .leftJoin('works as w', (join) => join.onRef('w.id', '=', 's.target_id').on('s.target_kind', '=', 'work'))
      .leftJoin('series as se', (join) => join.onRef('se.id', '=', 's.target_id').on('s.target_kind', '=', 'series'))
      .leftJoin('users as u', (join) => join.onRef('u.id', '=', 's.target_id').on('s.target_kind', '=', 'user'))
      .select([
        's.target_kind',
        's.target_id',
        's.created_at',
        'w.title as work_title',
        'se.title as series_title',
        'u.login',
      ])
      .where('s.user_id', '=', userId)
      .orderBy('s.created_at', 'desc')
      .orderBy('s.id', 'desc')
      .execute();
    return rows.flatMap((r) => {
      const name = r.target_kind === 'work' ? r.work_title : r.target_kind === 'series' ? r.series_title : r.login;
      return name === null || name === undefined || !isSubscriptionKind(r.target_kind)
        ? []
        : [{ kind: r.target_kind, targetId: r.target_id, name, since: r.created_at }];
    });
  }
}

/** A work as announcements need it, when it is out for members to read now (not a draft, not scheduled). */
async function releasedWork(tx: Db | Tx, workId: number) {
  const work = await tx
    .selectFrom('works')
    .select(['id', 'title', 'visibility', 'published_at', 'hidden_at', 'unrevealed', 'anonymous'])
    .where('id', '=', workId)
    .executeTakeFirst();
  if (!work || work.visibility === 'draft' || work.published_at === null || work.published_at > now()) return undefined;
  if (work.hidden_at !== null || work.unrevealed === 1) return undefined;
  const creators = await tx
    .selectFrom('creatorships')
    .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
    .select(['pseuds.name', 'pseuds.user_id'])
    .where('creatorships.work_id', '=', workId)
    .where('creatorships.accepted', '=', 1)
    .orderBy('creatorships.position')
    .execute();
  return {
    ...work,
    creatorUserIds: [...new Set(creators.map((c) => c.user_id))],
    byline: creators.map((c) => c.name).join(', ') || 'orphan_account',
    /** A collection keeps its creators unnamed: their followers hear of it once they are named. */
    named: work.anonymous === 0,
  };
}

async function subscribersOf(tx: Db | Tx, kind: SubscriptionKind, targetIds: number[]): Promise<number[]> {
  if (targetIds.length === 0) return [];
  const rows = await tx
    .selectFrom('subscriptions')
    .select('user_id')
    .where('target_kind', '=', kind)
    .where('target_id', 'in', targetIds)
    .execute();
  return [...new Set(rows.map((r) => r.user_id))];
}

/**
 * Tells the work's subscribers that a chapter came out, once: drafts, chapters not yet out and
 * chapters already announced announce nothing. `quiet` marks it announced without telling anyone
 * (the chapter came out with its work, which is announced as a new work).
 */
export async function announceChapter(
  tx: Db | Tx,
  workId: number,
  chapterId: number,
  { quiet = false } = {},
): Promise<void> {
  const at = now();
  const chapter = await tx
    .selectFrom('chapters')
    .select(['position', 'draft', 'published_at'])
    .where('id', '=', chapterId)
    .where('work_id', '=', workId)
    .executeTakeFirst();
  if (!chapter || chapter.draft === 1 || chapter.published_at === null || chapter.published_at > at) return;
  const work = await releasedWork(tx, workId);
  if (!work) return;
  const claimed = await tx
    .updateTable('chapters')
    .set({ announced_at: at })
    .where('id', '=', chapterId)
    .where('announced_at', 'is', null)
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) !== 1 || quiet) return;
  const readers = (await subscribersOf(tx, 'work', [workId])).filter((id) => !work.creatorUserIds.includes(id));
  await addNotifications(
    tx,
    readers.map((userId): NewNotification => ({
      userId,
      kind: 'new-chapter',
      workId,
      chapterId,
      actorUserId: work.creatorUserIds[0],
      message: `${work.byline} posted chapter ${chapter.position} of ${work.title}.`,
    })),
  );
}

/** Tells the followers of the work's creators, and of the series it is already in, that it came out (once per work and member). */
export async function announceWork(tx: Db | Tx, workId: number): Promise<void> {
  const work = await releasedWork(tx, workId);
  if (!work?.named) return;
  const places = await tx.selectFrom('series_works').select('series_id').where('work_id', '=', workId).execute();
  for (const place of places) await announceWorkInSeries(tx, place.series_id, workId);
  const readers = await notYetTold(
    tx,
    workId,
    (await subscribersOf(tx, 'user', work.creatorUserIds)).filter((id) => !work.creatorUserIds.includes(id)),
  );
  await addNotifications(
    tx,
    readers.map((userId): NewNotification => ({
      userId,
      kind: 'new-work',
      workId,
      actorUserId: work.creatorUserIds[0],
      message: `${work.byline} posted a new work, ${work.title}.`,
    })),
  );
}

/** Tells a series' followers that a work was added to it, unless they already heard of the work. */
export async function announceWorkInSeries(tx: Db | Tx, seriesId: number, workId: number): Promise<void> {
  const work = await releasedWork(tx, workId);
  if (!work?.named) return;
  const series = await tx.selectFrom('series').select('title').where('id', '=', seriesId).executeTakeFirst();
  if (!series) return;
  const readers = await notYetTold(
    tx,
    workId,
    (await subscribersOf(tx, 'series', [seriesId])).filter((id) => !work.creatorUserIds.includes(id)),
  );
  await addNotifications(
    tx,
    readers.map((userId): NewNotification => ({
      userId,
      kind: 'new-work',
      workId,
      actorUserId: work.creatorUserIds[0],
      message: `${work.byline} added ${work.title} to the series ${series.title}.`,
    })),
  );
}

async function notYetTold(tx: Db | Tx, workId: number, userIds: number[]): Promise<number[]> {
  if (userIds.length === 0) return [];
  const told = await tx
    .selectFrom('notifications')
    .select('user_id')
    .where('kind', '=', 'new-work')
    .where('work_id', '=', workId)
    .where('user_id', 'in', userIds)
    .execute();
  return userIds.filter((id) => !told.some((t) => t.user_id === id));
}

/** The job that announces a scheduled work or chapter when its time comes. */
export const RELEASE_JOB = 'release';

/**
 * Announces whatever of the work is out by now and was not announced yet: the work itself (to
 * the followers of its creators and series) and chapters that came out after it (to its
 * subscribers). Chapters that came out with the work are part of its announcement. Safe to run
 * any number of times, early or late: a work still scheduled, a draft or a deleted work announce nothing.
 */
export async function announceRelease(tx: Db | Tx, workId: number): Promise<void> {
  const work = await releasedWork(tx, workId);
  if (!work) return;
  await announceWork(tx, workId);
  const chapters = await tx
    .selectFrom('chapters')
    .select(['id', 'published_at'])
    .where('work_id', '=', workId)
    .where('draft', '=', 0)
    .where('hidden_at', 'is', null)
    .where('announced_at', 'is', null)
    .where('published_at', '<=', now())
    .orderBy('position')
    .execute();
  for (const chapter of chapters)
    await announceChapter(tx, workId, chapter.id, { quiet: chapter.published_at! <= work.published_at! });
}

/** Queues the announcement of a work or chapter scheduled for `publishedAt` (once per work and time). */
export async function scheduleRelease(tx: Db | Tx, workId: number, publishedAt: string): Promise<void> {
  await enqueueJob(tx, {
    kind: RELEASE_JOB,
    payload: { workId },
    runAt: publishedAt,
    uniqueKey: `release:${workId}:${publishedAt}`,
  });
}

/** The member's subscription to this work, series or user (a row, or none). */
export function subscribedQuery(db: Db, userId: number, kind: SubscriptionKind, targetId: number) {
  return db
    .selectFrom('subscriptions')
    .select('id')
    .where('user_id', '=', userId)
    .where('target_kind', '=', kind)
    .where('target_id', '=', targetId);
}
