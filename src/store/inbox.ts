import type { ExpressionBuilder, Selectable } from 'kysely';
import { now, type Db } from './database.ts';
import type { Database, NotificationsTable } from './schema.ts';
import { addNotifications, NOTIFICATION_KINDS, type NewNotification, type NotificationKind } from './notifications.ts';
import { MAILED_BY_DEFAULT, type NoticeKind } from '../domain/notifications.ts';

export interface Notice {
  id: number;
  kind: NoticeKind;
  message: string;
  workId: number | null;
  chapterId: number | null;
  commentId: number | null;
  link: string | null;
  read: boolean;
  createdAt: string;
}

export type NotificationPreferences = Record<NotificationKind, { inbox: boolean; email: boolean }>;

/** Kinds the member turned off for the inbox are kept out of it (they may still be mailed). */
function shownInInbox(eb: ExpressionBuilder<Database, 'notifications'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('notification_preferences as p')
        .select('p.user_id')
        .whereRef('p.user_id', '=', 'notifications.user_id')
        .whereRef('p.kind', '=', 'notifications.kind')
        .where('p.inbox', '=', 0),
    ),
  );
}

/** A member's notifications inbox: listing, unread count, marking read, and what they want to hear of. */
export class InboxStore {
  constructor(private readonly db: Db) {}

  async list(
    userId: number,
    { limit, offset }: { limit: number; offset: number },
  ): Promise<{ notices: Notice[]; total: number }> {
    const query = this.db.selectFrom('notifications').where('notifications.user_id', '=', userId).where(shownInInbox);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const rows = await query
      .selectAll('notifications')
      .orderBy('notifications.created_at', 'desc')
      .orderBy('notifications.id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    return {
      total: Number(total.n),
      notices: rows.map(noticeOf),
    };
  }

  /** One indexed count, cheap enough for every page's header. */
  async countUnread(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('notifications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('notifications.user_id', '=', userId)
      .where('notifications.read_at', 'is', null)
      .where(shownInInbox)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Marks one of the member's own notifications read; someone else's id changes nothing. Returns whether it was theirs. */
  async markRead(userId: number, noticeId: number): Promise<boolean> {
    const own = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', noticeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!own) return false;
    await this.db
      .updateTable('notifications')
      .set({ read_at: now() })
      .where('id', '=', noticeId)
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
    return true;
  }

  /** Marks one of the member's own notifications unread again. Returns whether it was theirs. */
  async markUnread(userId: number, noticeId: number): Promise<boolean> {
    const result = await this.db
      .updateTable('notifications')
      .set({ read_at: null })
      .where('id', '=', noticeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes one of the member's own notifications (a digest not yet sent leaves it out). Returns whether it was theirs. */
  async delete(userId: number, noticeId: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('notifications')
      .where('id', '=', noticeId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Records notifications (preferences and "not of one's own doing" apply, as for every notice). */
  async add(items: NewNotification[]): Promise<void> {
    await addNotifications(this.db, items);
  }

  /**
   * Claims the one gift notice a member gets for a work: true the first time only, so a work
   * edited again (or a notice deleted) never tells them twice.
   */
  async claimGiftNotice(workId: number, userId: number): Promise<boolean> {
    const row = await this.db
      .insertInto('gift_notices')
      .values({ work_id: workId, user_id: userId, created_at: now() })
      .onConflict((oc) => oc.columns(['work_id', 'user_id']).doNothing())
      .returning('user_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  async markAllRead(userId: number): Promise<void> {
    await this.db
      .updateTable('notifications')
      .set({ read_at: now() })
      .where('user_id', '=', userId)
      .where('read_at', 'is', null)
      .execute();
  }

  async preferences(userId: number): Promise<NotificationPreferences> {
    const rows = await this.db
      .selectFrom('notification_preferences')
      .selectAll()
      .where('user_id', '=', userId)
      .execute();
    const prefs = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, { inbox: true, email: MAILED_BY_DEFAULT.includes(kind) }]),
    ) as NotificationPreferences;
    for (const row of rows)
      if (row.kind in prefs) prefs[row.kind as NotificationKind] = { inbox: row.inbox === 1, email: row.email === 1 };
    return prefs;
  }

  /** Replaces every kind's choice at once. */
  async setPreferences(userId: number, prefs: NotificationPreferences): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('notification_preferences').where('user_id', '=', userId).execute();
      await tx
        .insertInto('notification_preferences')
        .values(
          NOTIFICATION_KINDS.map((kind) => ({
            user_id: userId,
            kind,
            inbox: prefs[kind].inbox ? 1 : 0,
            email: prefs[kind].email ? 1 : 0,
          })),
        )
        .execute();
    });
  }
}

/** A notification row as the inbox and the mail digest show it. */
export function noticeOf(r: Selectable<NotificationsTable>): Notice {
  return {
    id: r.id,
    kind: r.kind as NoticeKind,
    message: r.message,
    workId: r.work_id,
    chapterId: r.chapter_id,
    commentId: r.comment_id,
    link: r.link,
    read: r.read_at !== null,
    createdAt: r.created_at,
  };
}
