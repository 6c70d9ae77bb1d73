import { now, type Db, type Tx } from './database.ts';

import { MAILED_BY_DEFAULT, type NotificationKind } from '../domain/notifications.ts';

export { NOTIFICATION_KINDS, type NotificationKind } from '../domain/notifications.ts';

export interface NewNotification {
  userId: number;
  kind: NotificationKind;
  /**
   * Plain text for the inbox and the email, e.g. "ember posted chapter 2 of Long Haul.". A comment
   * or reply notice leaves out who wrote it ("commented on Long Haul, chapter 2"): see noticesAsShown.
   */
  message: string;
  workId?: number;
  chapterId?: number;
  commentId?: number;
  actorUserId?: number;
  /** Where the notice leads, when not to a work, chapter or comment (an archive path). */
  link?: string;
}

/**
 * Records notifications, inside the caller's transaction when given one, so that a comment and
 * the notice of it are written together. Nobody is told of their own doing, and a member who
 * turned a kind off in both the inbox and email is not told at all.
 */
export async function addNotifications(db: Db | Tx, items: NewNotification[]): Promise<void> {
  const wanted = items.filter((n) => n.actorUserId === undefined || n.actorUserId !== n.userId);
  if (wanted.length === 0) return;
  const prefs = await db
    .selectFrom('notification_preferences')
    .select(['user_id', 'kind', 'inbox', 'email'])
    .where('user_id', 'in', [...new Set(wanted.map((n) => n.userId))])
    .where((eb) =>
      eb.or([eb('email', '=', 1), eb('inbox', '=', 0), eb('kind', 'in', [...MAILED_BY_DEFAULT] as string[])]),
    )
    .execute();
  const prefOf = (n: NewNotification) => prefs.find((p) => p.user_id === n.userId && p.kind === n.kind);
  const mailed = (n: NewNotification) => prefOf(n)?.email === 1 || (!prefOf(n) && MAILED_BY_DEFAULT.includes(n.kind));
  const at = now();
  const rows = wanted
    .filter((n) => !(prefOf(n)?.inbox === 0 && prefOf(n)?.email === 0))
    .map((n) => ({
      user_id: n.userId,
      kind: n.kind,
      message: n.message,
      work_id: n.workId ?? null,
      chapter_id: n.chapterId ?? null,
      comment_id: n.commentId ?? null,
      link: n.link ?? null,
      actor_user_id: n.actorUserId ?? null,
      created_at: at,
      // Waiting for the member's next mail digest (sent only where the archive has mail set up).
      mail_due_at: mailed(n) ? at : null,
    }));
  if (rows.length > 0) await db.insertInto('notifications').values(rows).execute();
}
