import { sql, type Selectable } from 'kysely';
import { isUniqueViolation, now, type Db, type Tx } from './database.ts';
import { noteWorkTextChanged } from './search-text.ts';
import { noteMemberNameChanged } from './work-changes.ts';
import type { PseudsTable } from './schema.ts';
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import { loginKey, ORPHAN_LOGIN, pseudKey, type PseudInput } from '../domain/accounts.ts';
import type { PersonRef } from '../domain/work-links.ts';

export interface Pseud {
  id: number;
  userId: number;
  name: string;
  description: string;
  isDefault: boolean;
  createdAt: string;
  defaultDisclaimer: string;
}

/** A pseud with the login of the account it belongs to, as shown in lists and bylines. */
export interface PseudByline extends Pseud {
  login: string;
}

/** A member's pen names, the default first. */
export function pseudsOfUserQuery(db: Db, userId: number) {
  return db
    .selectFrom('pseuds')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('is_default', 'desc')
    .orderBy('name_key');
}

export function toPseud(row: Selectable<PseudsTable>): Pseud {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    isDefault: row.is_default === 1,
    createdAt: row.created_at,
    defaultDisclaimer: row.default_disclaimer,
  };
}

const DUPLICATE_NAME = 'You already have a pseud with that name.';

export class PseudStore {
  constructor(private readonly db: Db) {}

  async listForUser(userId: number): Promise<Pseud[]> {
    const rows = await pseudsOfUserQuery(this.db, userId).execute();
    return rows.map(toPseud);
  }

  /** The pen name with this id, with its account's login. */
  async find(id: number): Promise<PseudByline | undefined> {
    const row = await this.db
      .selectFrom('pseuds')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .selectAll('pseuds')
      .select('users.login')
      .where('pseuds.id', '=', id)
      .executeTakeFirst();
    return row ? { ...toPseud(row), login: row.login } : undefined;
  }

  async findByName(userId: number, name: string): Promise<Pseud | undefined> {
    const row = await this.db
      .selectFrom('pseuds')
      .selectAll()
      .where('user_id', '=', userId)
      .where('name_key', '=', pseudKey(name))
      .executeTakeFirst();
    return row ? toPseud(row) : undefined;
  }

  async create(userId: number, input: PseudInput): Promise<Pseud> {
    if (await this.findByName(userId, input.name)) throw new ValidationError({ name: DUPLICATE_NAME });
    try {
      const row = await this.db
        .insertInto('pseuds')
        .values({
          user_id: userId,
          name: input.name,
          name_key: pseudKey(input.name),
          description: input.description,
          default_disclaimer: input.defaultDisclaimer ?? '',
          is_default: 0,
          created_at: now(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toPseud(row);
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError({ name: DUPLICATE_NAME });
      throw error;
    }
  }

  async update(pseud: Pseud, input: PseudInput): Promise<Pseud> {
    const clash = await this.findByName(pseud.userId, input.name);
    if (clash && clash.id !== pseud.id) throw new ValidationError({ name: DUPLICATE_NAME });
    try {
      return await this.db.transaction().execute(async (tx) => {
        const row = await tx
          .updateTable('pseuds')
          .set({
            name: input.name,
            name_key: pseudKey(input.name),
            description: input.description,
            default_disclaimer: input.defaultDisclaimer ?? '',
          })
          .where('id', '=', pseud.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        // Works are found by their creators' pen names.
        if (row.name !== pseud.name) {
          await noteWorkTextChanged(tx, await worksOf(tx, pseud.id));
          // Other works' pages name the pen name too: comments, credits, prompts.
          await noteMemberNameChanged(tx, { pseudIds: [pseud.id] });
        }
        return toPseud(row);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new ValidationError({ name: DUPLICATE_NAME });
      throw error;
    }
  }

  async makeDefault(pseud: Pseud): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.updateTable('pseuds').set({ is_default: 0 }).where('user_id', '=', pseud.userId).execute();
      await tx.updateTable('pseuds').set({ is_default: 1 }).where('id', '=', pseud.id).execute();
    });
  }

  /** The default pseud stays: every account keeps at least one name to post under. */
  async delete(pseud: Pseud): Promise<void> {
    if (pseud.isDefault)
      throw new ValidationError({
        pseud: 'Your default pseud cannot be deleted. Make another pseud the default first.',
      });
    await this.db.transaction().execute(async (tx) => {
      const workIds = await worksOf(tx, pseud.id);
      // What the member did under this pen name in collections stays theirs, under their default one.
      const fallback = await tx
        .selectFrom('pseuds')
        .select('id')
        .where('user_id', '=', pseud.userId)
        .where('is_default', '=', 1)
        .executeTakeFirst();
      await noteMemberNameChanged(tx, { pseudIds: [pseud.id] });
      if (fallback)
        for (const table of ['collection_participants', 'gift_exchange_signups', 'prompts'] as const)
          await tx.updateTable(table).set({ pseud_id: fallback.id }).where('pseud_id', '=', pseud.id).execute();
      const result = await tx
        .deleteFrom('pseuds')
        .where('id', '=', pseud.id)
        .where('is_default', '=', 0)
        .executeTakeFirst();
      if (Number(result.numDeletedRows) === 0) throw new NotFoundError('That pseud no longer exists.');
      await noteWorkTextChanged(tx, workIds);
    });
  }

  /**
   * The pen name a person typed means: "Name (login)" exactly, else a login (its default pen
   * name), else a pen name only one account uses. Undefined when it names no one, or is ambiguous.
   */
  async findByRef(ref: PersonRef): Promise<PseudByline | undefined> {
    const base = this.db
      .selectFrom('pseuds')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .selectAll('pseuds')
      .select('users.login')
      .where('users.login_key', '!=', ORPHAN_LOGIN);
    if (ref.login !== undefined) {
      const row = await base
        .where('users.login_key', '=', loginKey(ref.login))
        .where('pseuds.name_key', '=', pseudKey(ref.name))
        .executeTakeFirst();
      return row ? { ...toPseud(row), login: row.login } : undefined;
    }
    const byLogin = await base
      .where('users.login_key', '=', loginKey(ref.name))
      .where('pseuds.is_default', '=', 1)
      .executeTakeFirst();
    if (byLogin) return { ...toPseud(byLogin), login: byLogin.login };
    const byName = await base.where('pseuds.name_key', '=', pseudKey(ref.name)).limit(2).execute();
    return byName.length === 1 ? { ...toPseud(byName[0]), login: byName[0].login } : undefined;
  }

  /** Pseuds whose name or account login contains the query, best (prefix) matches first. */
  async search(query: string, limit = 50): Promise<PseudByline[]> {
    const key = pseudKey(query).replace(/[\\%_]/g, (c) => `\\${c}`);
    if (key.length === 0) return [];
    const rows = await this.db
      .selectFrom('pseuds')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .selectAll('pseuds')
      .select('users.login')
      .where('users.login_key', '!=', ORPHAN_LOGIN)
      // SQLite has no default LIKE escape character; PostgreSQL's is the backslash. Name it for both.
      .where(
        sql<boolean>`(pseuds.name_key like ${`%${key}%`} escape '\\' or users.login_key like ${`%${key}%`} escape '\\')`,
      )
      .orderBy(sql`case when pseuds.name_key like ${`${key}%`} escape '\\' then 0 else 1 end`)
      .orderBy('pseuds.name_key')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...toPseud(row), login: row.login }));
  }

  /** The newest pen names on the archive, for the home page. */
  async newest(limit: number): Promise<PseudByline[]> {
    const rows = await this.db
      .selectFrom('pseuds')
      .innerJoin('users', 'users.id', 'pseuds.user_id')
      .selectAll('pseuds')
      .select('users.login')
      .where('users.login_key', '!=', ORPHAN_LOGIN)
      .orderBy('pseuds.created_at', 'desc')
      .orderBy('pseuds.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...toPseud(row), login: row.login }));
  }
}

async function worksOf(db: Db | Tx, pseudId: number): Promise<number[]> {
  return (await db.selectFrom('creatorships').select('work_id').where('pseud_id', '=', pseudId).execute()).map(
    (r) => r.work_id,
  );
}
