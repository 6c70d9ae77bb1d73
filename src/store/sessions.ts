import { createHash, randomBytes } from 'node:crypto';
import { now, type Db } from './database.ts';

import { SESSION_DAYS_REMEMBERED, SESSION_HOURS } from '../domain/accounts.ts';
import { dueForLastSeen, storedUserAgent } from '../domain/devices.ts';

export { SESSION_DAYS_REMEMBERED, SESSION_HOURS };

export interface Session {
  userId: number;
  expiresAt: string;
  remember: boolean;
}

/** A live session as its member's account page lists it. */
export interface DeviceSession {
  /** The stored id (a hash of the token): never shown; `handle` names the session in forms. */
  id: string;
  /** Names the session in the account page's "Log out" forms without giving away its stored id. */
  handle: string;
  userAgent: string | null;
  createdAt: string;
  /** Null for sessions from before last-seen was kept. */
  lastSeenAt: string | null;
  expiresAt: string;
}

/** A short public name for a stored session id (itself a hash of the token), for forms and addresses. */
export function sessionHandle(id: string): string {
  return createHash('sha256').update(`session-handle:${id}`).digest('hex').slice(0, 24);
}

/** Only a hash of the token is stored, so a leaked database does not leak live sessions. */
export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function expiry(remember: boolean, from = Date.now()): string {
  const ms = remember ? SESSION_DAYS_REMEMBERED * 86_400_000 : SESSION_HOURS * 3_600_000;
  return new Date(from + ms).toISOString();
}

export class SessionStore {
  constructor(private readonly db: Db) {}

  /** Returns the token to put in the cookie. */
  async start(userId: number, remember: boolean, userAgent?: string): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = expiry(remember);
    const createdAt = now();
    await this.db
      .insertInto('sessions')
      .values({
        id: tokenId(token),
        user_id: userId,
        created_at: createdAt,
        expires_at: expiresAt,
        remember: remember ? 1 : 0,
        user_agent: storedUserAgent(userAgent),
        last_seen_at: createdAt,
      })
      .execute();
    return { token, expiresAt };
  }

  /**
   * The live session for a token; slides its expiry forward once half of it has passed, and notes
   * when and from which user agent it was last used at most every few minutes (so that most
   * requests only read).
   */
  async resume(token: string, userAgent?: string): Promise<Session | undefined> {
    const id = tokenId(token);
    const row = await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const remember = row.remember === 1;
    if (row.expires_at <= now()) {
      await this.db.deleteFrom('sessions').where('id', '=', id).execute();
      return undefined;
    }
    const fresh = expiry(remember);
    const halfLife = (remember ? SESSION_DAYS_REMEMBERED * 86_400_000 : SESSION_HOURS * 3_600_000) / 2;
    const slide = Date.parse(fresh) - Date.parse(row.expires_at) > halfLife;
    const seen = dueForLastSeen(row.last_seen_at);
    if (slide || seen) {
      await this.db
        .updateTable('sessions')
        .set({
          ...(slide ? { expires_at: fresh } : {}),
          ...(seen ? { last_seen_at: now(), user_agent: storedUserAgent(userAgent) ?? row.user_agent } : {}),
        })
        .where('id', '=', id)
        .execute();
    }
    return { userId: row.user_id, expiresAt: slide ? fresh : row.expires_at, remember };
  }

  async end(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
  }

  /** Ends every other session of the user, e.g. after a password change; returns how many ended. */
  async endOthers(userId: number, keepToken: string): Promise<number> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id', '!=', tokenId(keepToken))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** The user's live sessions, the most recently used first. */
  async listForUser(userId: number): Promise<DeviceSession[]> {
    const rows = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('user_id', '=', userId)
      .where('expires_at', '>', now())
      .execute();
    return rows
      .map((row) => ({
        id: row.id,
        handle: sessionHandle(row.id),
        userAgent: row.user_agent,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
      }))
      .sort(
        (a, b) => (b.lastSeenAt ?? b.createdAt).localeCompare(a.lastSeenAt ?? a.createdAt) || a.id.localeCompare(b.id),
      );
  }

  /** Ends one session of the user (by its stored id); false when the user has no such session. */
  async endForUser(userId: number, id: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('sessions')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('sessions').where('expires_at', '<=', now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async countForUser(userId: number): Promise<number> {
    const row = await this.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
