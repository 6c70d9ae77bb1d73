import { loginKey, pseudKey } from '../domain/accounts.ts';
import { ValidationError } from '../domain/errors.ts';
import {
  heldNameMessage,
  TAKEN_MESSAGE,
  tooSoonMessage,
  usernameChangeWaits,
  nextUsernameChangeAt,
  usernameHeldSince,
} from '../domain/usernames.ts';
import { isUniqueViolation, now, type Db, type Tx } from './database.ts';
import { noteWorkTextChanged } from './search-text.ts';
import { noteMemberNameChanged } from './work-changes.ts';

/** A username the member gave up, and when. */
export interface PreviousLogin {
  login: string;
  changedAt: string;
}

export interface UsernameChange {
  oldLogin: string;
  login: string;
  /** The default pen name was named like the old username and now carries the new one. */
  pseudRenamed: boolean;
}

/**
 * Why no one but `exceptUserId` may take this name now: another account gave it up recently, and
 * it still leads there (domain/usernames.ts, USERNAME_HOLD_DAYS). Sign-up asks it too.
 */
export async function heldNameError(db: Db | Tx, login: string, exceptUserId?: number): Promise<string | undefined> {
  let query = db
    .selectFrom('user_renames')
    .select('changed_at')
    .where('old_login_key', '=', loginKey(login))
    .where('changed_at', '>', usernameHeldSince());
  if (exceptUserId !== undefined) query = query.where('user_id', '!=', exceptUserId);
  const held = await query.orderBy('changed_at', 'desc').executeTakeFirst();
  return held ? heldNameMessage(held.changed_at) : undefined;
}

/** Usernames given up: changing one, the addresses they lead to, and their history. */
export class UserRenameStore {
  constructor(private readonly db: Db) {}

  /** When the user last changed their username, if ever. */
  async lastChangeAt(userId: number): Promise<string | null> {
    const row = await this.db
      .selectFrom('user_renames')
      .select('changed_at')
      .where('user_id', '=', userId)
      .orderBy('changed_at', 'desc')
      .executeTakeFirst();
    return row?.changed_at ?? null;
  }

  /**
   * Changes the user's username, in one transaction with what follows it: the old name kept (for
   * its addresses, the weekly limit and holding it a while) and the default pen name renamed with
   * it when it had the old name. Refused, as a ValidationError on `login`, within a week of the
   * last change, or when another account has the name or gave it up recently.
   */
  async change(userId: number, login: string): Promise<UsernameChange> {
    try {
      return await this.db.transaction().execute(async (tx) => {
        const user = await tx
          .selectFrom('users')
          .select(['login', 'login_key'])
          .where('id', '=', userId)
          .executeTakeFirstOrThrow();
        const last = await tx
          .selectFrom('user_renames')
          .select('changed_at')
          .where('user_id', '=', userId)
          .orderBy('changed_at', 'desc')
          .executeTakeFirst();
        if (last && usernameChangeWaits(last.changed_at))
          throw new ValidationError({ login: tooSoonMessage(nextUsernameChangeAt(last.changed_at)!) });
        const key = loginKey(login);
        const taken = await tx
          .selectFrom('users')
          .select('id')
          .where('login_key', '=', key)
          .where('id', '!=', userId)
          .executeTakeFirst();
        if (taken) throw new ValidationError({ login: TAKEN_MESSAGE });
        const held = await heldNameError(tx, login, userId);
        if (held) throw new ValidationError({ login: held });

        const changedAt = now();
        await tx.updateTable('users').set({ login, login_key: key }).where('id', '=', userId).execute();
        await tx
          .insertInto('user_renames')
          .values({ old_login: user.login, old_login_key: user.login_key, user_id: userId, changed_at: changedAt })
          .execute();

        // The first pen name is named after the username: it follows, unless another pen name has the new name.
        const pseuds = await tx
          .selectFrom('pseuds')
          .select(['id', 'name_key', 'is_default'])
          .where('user_id', '=', userId)
          .execute();
        const pseud = pseuds.find((p) => p.is_default === 1 && p.name_key === pseudKey(user.login));
        const clash = pseuds.some((p) => p.id !== pseud?.id && p.name_key === pseudKey(login));
        const pseudRenamed = pseud !== undefined && !clash;
        if (pseudRenamed)
          await tx
            .updateTable('pseuds')
            .set({ name: login, name_key: pseudKey(login) })
            .where('id', '=', pseud.id)
            .execute();

        // Works are found by their creators' pen names and usernames.
        if (pseuds.length > 0) {
          const works = await tx
            .selectFrom('creatorships')
            .select('work_id')
            .distinct()
            .where(
              'pseud_id',
              'in',
              pseuds.map((p) => p.id),
            )
            .execute();
          await noteWorkTextChanged(
            tx,
            works.map((w) => w.work_id),
          );
        }
        // Other works' pages name the member too: their kudos and comments there.
        await noteMemberNameChanged(tx, { userId });
        return { oldLogin: user.login, login, pseudRenamed };
      });
    } catch (error) {
      // Two members racing for one name: the constraint decides, the one who lost hears it plainly.
      if (isUniqueViolation(error)) throw new ValidationError({ login: TAKEN_MESSAGE });
      throw error;
    }
  }

  /**
   * The username that an old username's addresses lead to now: the current one of the account that
   * gave it up last, while no account has it. Undefined when the name is in use or was never given up.
   */
  async currentLoginFor(oldLogin: string): Promise<string | undefined> {
    const key = loginKey(oldLogin);
    const renamed = await this.db
      .selectFrom('user_renames')
      .innerJoin('users', 'users.id', 'user_renames.user_id')
      .select('users.login')
      .where('user_renames.old_login_key', '=', key)
      .orderBy('user_renames.changed_at', 'desc')
      .orderBy('user_renames.id', 'desc')
      .executeTakeFirst();
    if (!renamed) return undefined;
    const live = await this.db.selectFrom('users').select('id').where('login_key', '=', key).executeTakeFirst();
    return live ? undefined : renamed.login;
  }

  /** The usernames the user gave up, the latest first. */
  async previousLogins(userId: number): Promise<PreviousLogin[]> {
    const rows = await this.db
      .selectFrom('user_renames')
      .select(['old_login', 'changed_at'])
      .where('user_id', '=', userId)
      .orderBy('changed_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({ login: r.old_login, changedAt: r.changed_at }));
  }
}
