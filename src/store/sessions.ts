import { createHash, randomBytes } from 'node:crypto';
import { now, type Db } from './database.ts';

import { SESSION_DAYS_REMEMBERED, SESSION_HOURS } from '../domain/accounts.ts';

export { SESSION_DAYS_REMEMBERED, SESSION_HOURS };

export interface Session {
  userId: number;
  expiresAt: string;
  remember: boolean;
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
  async start(userId: number, remember: boolean): Promise<{ token: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = expiry(remember);
    await this.db
      .insertInto('sessions')
      .values({
        id: tokenId(token),
        user_id: userId,
        created_at: now(),
        expires_at: expiresAt,
        remember: remember ? 1 : 0,
      })
      .execute();
    return { token, expiresAt };
  }

  /** The live session for a token; slides its expiry forward once half of it has passed. */
  async resume(token: string): Promise<Session | undefined> {
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
    if (Date.parse(fresh) - Date.parse(row.expires_at) > halfLife) {
      await this.db.updateTable('sessions').set({ expires_at: fresh }).where('id', '=', id).execute();
      return { userId: row.user_id, expiresAt: fresh, remember };
    }
    return { userId: row.user_id, expiresAt: row.expires_at, remember };
  }

  async end(token: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id', '=', tokenId(token)).execute();
  }

  /** Ends every other session of the user, e.g. after a password change. */
  async endOthers(userId: number, keepToken: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', tokenId(keepToken)).execute();
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
