import { publicUser } from '../domain/accounts.ts';
import type { Selectable } from 'kysely';
import { noteMemberNameChanged, noteWorksChanged } from './work-changes.ts';
import { isUniqueViolation, now, type Db, type Tx } from './database.ts';
import { tokenId } from './sessions.ts';
import { accountDeletionTraces } from './account-deletion.ts';
import { heldNameError } from './renames.ts';
import type { UsersTable } from './schema.ts';
import { ValidationError } from '../domain/errors.ts';
import type { Suspension } from '../domain/moderation.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';
import { ORPHAN_LOGIN, loginKey, normalizeEmail, pseudKey } from '../domain/accounts.ts';
import { handOverCollections } from './collections.ts';

export interface User {
  id: number;
  login: string;
  email: string;
  createdAt: string;
}

export interface UserWithPassword extends User {
  passwordHash: string | null;
  /** Set by moderators: while it holds, the account cannot log in, and its sessions and tokens do not work. */
  suspension: Suspension | null;
}

function toUser(row: Selectable<UsersTable>): UserWithPassword {
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    suspension:
      row.banned_at !== null || row.suspended_until !== null
        ? { until: row.banned_at !== null ? null : row.suspended_until, reason: row.suspension_reason ?? '' }
        : null,
  };
}

export { publicUser } from '../domain/accounts.ts';

export class UserStore {
  constructor(private readonly db: Db) {}

  /**
   * Creates the account and its default pseud, named after the username, in one transaction. Its
   * address counts as confirmed unless `unconfirmed` (a sign-up on an archive that mails links).
   */
  async create(input: { login: string; email: string; passwordHash: string; unconfirmed?: boolean }): Promise<User> {
    const createdAt = now();
    try {
      return await this.db.transaction().execute(async (tx) => {
        await this.assertFree(tx, input.login, input.email);
        const row = await tx
          .insertInto('users')
          .values({
            login: input.login,
            login_key: loginKey(input.login),
            email: normalizeEmail(input.email),
            password_hash: input.passwordHash,
            created_at: createdAt,
            email_confirmed_at: input.unconfirmed ? null : createdAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await tx
          .insertInto('pseuds')
          .values({
            user_id: row.id,
            name: input.login,
            name_key: pseudKey(input.login),
            description: '',
            is_default: 1,
            created_at: createdAt,
          })
          .execute();
        return publicUser(toUser(row));
      });
    } catch (error) {
      // Two sign-ups racing for one name: the constraint decides, the user gets the same message.
      if (isUniqueViolation(error)) await this.assertFree(this.db, input.login, input.email);
      throw error;
    }
  }

  private async assertFree(db: Db, login: string, email: string): Promise<void> {
    const errors: Record<string, string> = {};
    const byLogin = await db
      .selectFrom('users')
      .select('id')
      .where('login_key', '=', loginKey(login))
      .executeTakeFirst();
    // A name given up lately still leads to its old account's pages: no one else takes it yet.
    const held = byLogin ? undefined : await heldNameError(db, login);
    if (byLogin) errors.login = 'That username is already taken.';
    else if (held) errors.login = held;
    const byEmail = await db
      .selectFrom('users')
      .select('id')
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst();
    if (byEmail) errors.email = 'An account with that email address already exists.';
    if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  }

  /**
   * Suspends the account (until a time, or banned when `until` is null) and ends its sessions, or
   * lifts the suspension (`null`). API tokens are refused while it holds (see Accounts).
   */
  async setSuspension(
    userId: number,
    suspension: Suspension | null,
    /** A moderator's action: its log lines, and more of it (a ban hides works), in the same transaction. */
    staff?: { audit?: AuditLines; alsoInTransaction?: (tx: Tx) => Promise<void> },
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx
        .updateTable('users')
        .set({
          suspended_until: suspension?.until ?? null,
          banned_at: suspension && suspension.until === null ? now() : null,
          suspension_reason: suspension?.reason ?? null,
        })
        .where('id', '=', userId)
        .execute();
      if (suspension) await tx.deleteFrom('sessions').where('user_id', '=', userId).execute();
      await insertAuditLines(tx, staff?.audit);
      await staff?.alsoInTransaction?.(tx);
    });
  }

  async findById(id: number): Promise<UserWithPassword | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  async findByLogin(login: string): Promise<UserWithPassword | undefined> {
    const row = await this.db
      .selectFrom('users')
      .selectAll()
      .where('login_key', '=', loginKey(login))
      .executeTakeFirst();
    return row ? toUser(row) : undefined;
  }

  /** Log-in accepts either the username or the email address. */
  async findByLoginOrEmail(identifier: string): Promise<UserWithPassword | undefined> {
    const value = identifier.trim();
    if (value.includes('@')) {
      const row = await this.db
        .selectFrom('users')
        .selectAll()
        .where('email', '=', normalizeEmail(value))
        .executeTakeFirst();
      if (row) return toUser(row);
    }
    return this.findByLogin(value);
  }

  /**
   * A new password, in one transaction with what it must end: every other session and every API
   * token (a stolen token must not outlive the password that let it be made). Returns how many
   * tokens were revoked.
   */
  async replacePassword(userId: number, passwordHash: string, keepSession: string): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      await tx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
      await tx.deleteFrom('sessions').where('user_id', '=', userId).where('id', '!=', tokenId(keepSession)).execute();
      const revoked = await tx.deleteFrom('api_tokens').where('user_id', '=', userId).executeTakeFirst();
      return Number(revoked.numDeletedRows);
    });
  }

  async setPasswordHash(userId: number, passwordHash: string): Promise<void> {
    await this.db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute();
  }

  async setEmail(userId: number, email: string): Promise<void> {
    const normalized = normalizeEmail(email);
    const taken = await this.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', normalized)
      .where('id', '!=', userId)
      .executeTakeFirst();
    if (taken) throw new ValidationError({ email: 'An account with that email address already exists.' });
    try {
      await this.db.updateTable('users').set({ email: normalized }).where('id', '=', userId).execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ValidationError({ email: 'An account with that email address already exists.' });
      throw error;
    }
  }

  /**
   * Removes the account with its pseuds and sessions. Its works are either deleted (works it
   * shares with co-creators stay with them) or kept under the orphan account, as the user chose.
   */
  async delete(userId: number, works: 'delete' | 'orphan' = 'delete'): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const user = await tx.selectFrom('users').select('login_key').where('id', '=', userId).executeTakeFirst();
      if (!user || user.login_key === ORPHAN_LOGIN) return;
      const ownPseuds = tx.selectFrom('pseuds').select('id').where('user_id', '=', userId);
      const workIds = (
        await tx.selectFrom('creatorships').select('work_id').distinct().where('pseud_id', 'in', ownPseuds).execute()
      ).map((r) => r.work_id);
      if (workIds.length > 0 && works === 'orphan') {
        const orphan = await tx
          .selectFrom('pseuds')
          .innerJoin('users', 'users.id', 'pseuds.user_id')
          .select('pseuds.id')
          .where('users.login_key', '=', ORPHAN_LOGIN)
          .where('pseuds.is_default', '=', 1)
          .executeTakeFirstOrThrow();
        for (const workId of workIds) {
          const first = await tx
            .selectFrom('creatorships')
            .select('position')
            .where('work_id', '=', workId)
            .where('pseud_id', 'in', ownPseuds)
            .orderBy('position')
            .executeTakeFirstOrThrow();
          await tx
            .deleteFrom('creatorships')
            .where('work_id', '=', workId)
            .where('pseud_id', 'in', ownPseuds)
            .execute();
          await tx
            .insertInto('creatorships')
            .values({ work_id: workId, pseud_id: orphan.id, position: first.position, accepted: 1 })
            .onConflict((oc) => oc.columns(['work_id', 'pseud_id']).doNothing())
            .execute();
        }
      } else if (workIds.length > 0) {
        const shared = await tx
          .selectFrom('creatorships')
          .select('work_id')
          .distinct()
          .where('work_id', 'in', workIds)
          .where('pseud_id', 'not in', ownPseuds)
          .where('accepted', '=', 1)
          .execute();
        const sharedIds = new Set(shared.map((r) => r.work_id));
        const soleWorks = workIds.filter((id) => !sharedIds.has(id));
        if (soleWorks.length > 0) await tx.deleteFrom('works').where('id', 'in', soleWorks).execute();
      }
      // Their comments elsewhere now read "a former member": those pages change too.
      await noteMemberNameChanged(tx, { userId });
      await handOverCollections(tx, userId);
      const recount = await accountDeletionTraces(tx, userId);
      await tx.deleteFrom('users').where('id', '=', userId).execute();
      await recount();
      await noteWorksChanged(tx, workIds);
    });
  }

  /** The newest accounts, newest first (the admin dashboard's recent sign-ups). */
  async newest(limit: number): Promise<User[]> {
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .where('login_key', '!=', ORPHAN_LOGIN)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => publicUser(toUser(row)));
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('login_key', '!=', ORPHAN_LOGIN)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
