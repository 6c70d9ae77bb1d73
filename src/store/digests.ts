import { now, type Db } from './database.ts';
import { noticeOf, type Notice } from './inbox.ts';
import { MAILED_BY_DEFAULT } from '../domain/notifications.ts';

/** A member's notifications gathered for one mail. */
export interface Digest {
  userId: number;
  login: string;
  email: string;
  notices: Notice[];
  /** Further notices waiting beyond the ones listed (they go in the next digest). */
  more: number;
}

/** Notifications older than this when mail comes due are not mailed any more (the inbox still has them). */
export const MAIL_MAX_AGE_MS = 7 * 86_400_000;

/**
 * Mail digests of notifications. A notification the member wanted by email carries
 * `mail_due_at` until a digest took it; taking it sets `emailed_at` first, so that each is mailed
 * at most once even when two processes race for the same member.
 */
export class DigestStore {
  constructor(private readonly db: Db) {}

  /** Members with notifications waiting to be mailed, and since when the oldest has waited. */
  async waiting(): Promise<{ userId: number; since: string }[]> {
    await this.db
      .updateTable('notifications')
      .set({ mail_due_at: null })
      .where('mail_due_at', '<', new Date(Date.now() - MAIL_MAX_AGE_MS).toISOString())
      .where('emailed_at', 'is', null)
      .execute();
    const rows = await this.db
      .selectFrom('notifications')
      .select((eb) => ['user_id', eb.fn.min<string>('mail_due_at').as('since')])
      .where('mail_due_at', 'is not', null)
      .where('emailed_at', 'is', null)
      .groupBy('user_id')
      .execute();
    return rows.map((r) => ({ userId: r.user_id, since: r.since }));
  }

  /**
   * Takes the member's waiting notifications (oldest first, at most `limit`) for one mail. Kinds
   * the member no longer wants by email are let go unmailed. Undefined when nothing is left to send.
   */
  async take(userId: number, limit = 100): Promise<Digest | undefined> {
    const user = await this.db
      .selectFrom('users')
      .select(['id', 'login', 'email'])
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!user) return undefined;
    const mailed = await this.db
      .selectFrom('notification_preferences')
      .select(['kind', 'email'])
      .where('user_id', '=', userId)
      .execute();
    // Kinds the member chose to have mailed, and those mailed by default that they did not turn off.
    const wanted = [
      ...mailed.filter((m) => m.email === 1).map((m) => m.kind),
      ...MAILED_BY_DEFAULT.filter((kind) => !mailed.some((m) => m.kind === kind)),
    ];
    let unwanted = this.db
      .updateTable('notifications')
      .set({ mail_due_at: null })
      .where('user_id', '=', userId)
      .where('mail_due_at', 'is not', null)
      .where('emailed_at', 'is', null);
    if (wanted.length > 0) unwanted = unwanted.where('kind', 'not in', wanted);
    await unwanted.execute();

    const waiting = await this.db
      .selectFrom('notifications')
      .select('id')
      .where('user_id', '=', userId)
      .where('mail_due_at', 'is not', null)
      .where('emailed_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    if (waiting.length === 0) return undefined;
    const ids = waiting.slice(0, limit).map((w) => w.id);
    const stamp = now();
    await this.db
      .updateTable('notifications')
      .set({ emailed_at: stamp })
      .where('id', 'in', ids)
      .where('emailed_at', 'is', null)
      .execute();
    const rows = await this.db
      .selectFrom('notifications')
      .selectAll()
      .where('id', 'in', ids)
      .where('emailed_at', '=', stamp)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    if (rows.length === 0) return undefined;
    return {
      userId,
      login: user.login,
      email: user.email,
      more: waiting.length - ids.length,
      notices: rows.map(noticeOf),
    };
  }

  /** The digest went out: its notifications are mailed for good. */
  async sent(digest: Digest): Promise<void> {
    const ids = digest.notices.map((n) => n.id);
    if (ids.length > 0)
      await this.db.updateTable('notifications').set({ mail_due_at: null }).where('id', 'in', ids).execute();
  }

  /** Sending failed: its notifications wait for the next try. */
  async giveBack(digest: Digest): Promise<void> {
    const ids = digest.notices.map((n) => n.id);
    if (ids.length > 0)
      await this.db.updateTable('notifications').set({ emailed_at: null }).where('id', 'in', ids).execute();
  }
}
