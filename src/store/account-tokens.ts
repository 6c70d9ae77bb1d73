import { randomBytes } from 'node:crypto';
import { isUniqueViolation, now, type Db } from './database.ts';
import { tokenId } from './sessions.ts';
import { normalizeEmail } from '../domain/accounts.ts';

/** What a mailed link is for. */
export type AccountTokenPurpose = 'password-reset' | 'email-confirm';

/** A live (unused, unexpired) link's record; the token itself is never stored. */
export interface AccountToken {
  id: number;
  userId: number;
  purpose: AccountTokenPurpose;
  /** The address an email-confirm link confirms. */
  email: string | null;
  expiresAt: string;
}

/** Where an account's address stands. */
export interface EmailStatus {
  email: string;
  /** When the current address was confirmed; null: not yet. */
  confirmedAt: string | null;
  /** A new address waiting for its confirmation link. */
  pendingEmail: string | null;
}

/** Why a link cannot be used (or what confirming it did). */
export type TokenState = 'unknown' | 'used' | 'expired';

/** What confirming an address did. */
export type Confirmation =
  { kind: 'confirmed'; userId: number; email: string } | { kind: 'refused'; state: TokenState | 'stale' | 'taken' };

/**
 * Single-use links mailed to members: password resets and email confirmations. Only a SHA-256 of
 * each token is kept (as for sessions and API tokens), so a leaked database opens no account.
 */
export class AccountTokenStore {
  constructor(private readonly db: Db) {}

  /** Makes a new link's token for the member, valid for `ttlMs`; returns the token (shown or mailed once). */
  async issue(userId: number, purpose: AccountTokenPurpose, ttlMs: number, email?: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const createdAt = now();
    await this.db
      .insertInto('account_tokens')
      .values({
        user_id: userId,
        purpose,
        token_hash: tokenId(token),
        email: email === undefined ? null : normalizeEmail(email),
        created_at: createdAt,
        expires_at: new Date(Date.parse(createdAt) + ttlMs).toISOString(),
        used_at: null,
      })
      .execute();
    return token;
  }

  /** The live link a token opens, or why it does not open one. */
  async find(token: string, purpose: AccountTokenPurpose): Promise<AccountToken | { refused: TokenState }> {
    const row = await this.db
      .selectFrom('account_tokens')
      .selectAll()
      .where('token_hash', '=', tokenId(token))
      .where('purpose', '=', purpose)
      .executeTakeFirst();
    if (!row) return { refused: 'unknown' };
    if (row.used_at !== null) return { refused: 'used' };
    if (row.expires_at <= now()) return { refused: 'expired' };
    return {
      id: row.id,
      userId: row.user_id,
      purpose: row.purpose as AccountTokenPurpose,
      email: row.email,
      expiresAt: row.expires_at,
    };
  }

  /**
   * Uses a password-reset link: in one transaction, takes the link (once: a second use at the
   * same moment finds it taken), sets the new password, ends every session of the account,
   * revokes its API tokens and voids its other reset links. Returns how many API tokens were
   * revoked, or undefined when the link was no longer live.
   */
  async resetPassword(tokenRowId: number, userId: number, passwordHash: string): Promise<number | undefined> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const taken = await tx
        .updateTable('account_tokens')
        .set({ used_at: at })
        .where('id', '=', tokenRowId)
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .where('expires_at', '>', at)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) !== 1) return undefined;
      await tx
        .updateTable('account_tokens')
        .set({ used_at: at })
        .where('user_id', '=', userId)
        .where('purpose', '=', 'password-reset')
        .where('used_at', 'is', null)
        .execute();
      await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
      await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      const revoked = await tx.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst();
      return Number(revoked.numDeletedRows);
    });
  }

  /**
   * Uses an email-confirm link: the account's current address becomes confirmed, or the address
   * waiting for confirmation replaces it. A link for an address the member has since changed or
   * cancelled is refused as stale; one for an address another account took meanwhile, as taken.
   */
  async confirmEmail(token: string): Promise<Confirmation> {
    const found = await this.find(token, 'email-confirm');
    if ('refused' in found) return { kind: 'refused', state: found.refused };
    try {
      return await this.db.transaction().execute(async (tx): Promise<Confirmation> => {
        const at = now();
        const taken = await tx
          .updateTable('account_tokens')
          .set({ used_at: at })
          .where('id', '=', found.id)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (Number(taken.numUpdatedRows) !== 1) return { kind: 'refused', state: 'used' };
        const user = await tx
          .selectFrom('users')
          .select(['email', 'pending_email'])
          .where('id', '=', found.userId)
          .executeTakeFirst();
        if (!user || found.email === null) return { kind: 'refused', state: 'stale' };
        if (user.email === found.email) {
          await tx.updateTable('users').set({ email_confirmed_at: at }).where('id', '=', found.userId).execute();
          return { kind: 'confirmed', userId: found.userId, email: found.email };
        }
        if (user.pending_email !== found.email) return { kind: 'refused', state: 'stale' };
        const other = await tx
          .selectFrom('users')
          .select('id')
          .where('email', '=', found.email)
          .where('id', '!=', found.userId)
          .executeTakeFirst();
        if (other) return { kind: 'refused', state: 'taken' };
        await tx
          .updateTable('users')
          .set({ email: found.email, pending_email: null, email_confirmed_at: at })
          .where('id', '=', found.userId)
          .execute();
        // Links still out for the old address confirm nothing now.
        await tx
          .updateTable('account_tokens')
          .set({ used_at: at })
          .where('user_id', '=', found.userId)
          .where('purpose', '=', 'email-confirm')
          .where('used_at', 'is', null)
          .execute();
        return { kind: 'confirmed', userId: found.userId, email: found.email };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { kind: 'refused', state: 'taken' };
      throw error;
    }
  }

  /** Where the member's address stands. */
  async emailStatus(userId: number): Promise<EmailStatus | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(['email', 'email_confirmed_at', 'pending_email'])
      .where('id', '=', userId)
      .executeTakeFirst();
    return row ? { email: row.email, confirmedAt: row.email_confirmed_at, pendingEmail: row.pending_email } : undefined;
  }

  /** Sets (or, with null, cancels) the address waiting for confirmation; cancelling voids its links. */
  async setPendingEmail(userId: number, email: string | null): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({ pending_email: email === null ? null : normalizeEmail(email) })
        .where('id', '=', userId)
        .execute();
      const voided = tx
        .updateTable('account_tokens')
        .set({ used_at: now() })
        .where('user_id', '=', userId)
        .where('purpose', '=', 'email-confirm')
        .where('used_at', 'is', null);
      // A new pending address voids the links of the one before it; the current address's links stay.
      if (email === null) await voided.where('email', '!=', (await this.currentEmail(tx, userId)) ?? '').execute();
      else await voided.where('email', '!=', normalizeEmail(email)).execute();
    });
  }

  private async currentEmail(db: Db, userId: number): Promise<string | undefined> {
    const row = await db.selectFrom('users').select('email').where('id', '=', userId).executeTakeFirst();
    return row?.email;
  }

  /** Whether another account has this address (an address merely waiting for confirmation reserves nothing). */
  async emailInUse(email: string, exceptUserId: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', normalizeEmail(email))
      .where('id', '!=', exceptUserId)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Marks the account's current address confirmed (no mail is sent on this archive). */
  async markConfirmed(userId: number): Promise<void> {
    await this.db.updateTable('users').set({ email_confirmed_at: now() }).where('id', '=', userId).execute();
  }

  /** Forgets links that ended more than a day ago. */
  async purge(): Promise<number> {
    const before = new Date(Date.now() - 86_400_000).toISOString();
    const result = await this.db.deleteFrom('account_tokens').where('expires_at', '<=', before).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
