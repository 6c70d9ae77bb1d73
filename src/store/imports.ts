import { NotFoundError } from '../domain/errors.ts';
import { now, type Db, type Tx } from './database.ts';

/** An import is kept this long after its last change, then it is gone. */
export const IMPORT_DAYS = 7;

/** A writer's import between upload and posting. `state` is what the import page keeps (as JSON). */
export interface PendingImport<State> {
  id: number;
  title: string;
  state: State;
  /** Goes up at every save, so a page opened before another change cannot overwrite it. */
  revision: number;
  createdAt: string;
  updatedAt: string;
  expiresAt: string;
}

export type PendingImportListing = Omit<PendingImport<unknown>, 'state'>;

const GONE = 'This import is not there any more: it was posted, discarded or has expired.';

function expiry(): string {
  return new Date(Date.now() + IMPORT_DAYS * 86_400_000).toISOString();
}

/** Imports in progress, each visible to its own writer only. */
export class ImportStore {
  constructor(private readonly db: Db) {}

  async create<State>(userId: number, title: string, state: State): Promise<number> {
    await this.purgeExpired();
    const at = now();
    const row = await this.db
      .insertInto('imports')
      .values({
        user_id: userId,
        title: title.slice(0, 255),
        state: JSON.stringify(state),
        revision: 1,
        created_at: at,
        updated_at: at,
        expires_at: expiry(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** The writer's own live import; undefined for anyone else's, as if it did not exist. */
  async find<State>(userId: number, id: number): Promise<PendingImport<State> | undefined> {
    const row = await this.db
      .selectFrom('imports')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('expires_at', '>', now())
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      title: row.title,
      state: JSON.parse(row.state) as State,
      revision: row.revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      expiresAt: row.expires_at,
    };
  }

  async listForUser(userId: number): Promise<PendingImportListing[]> {
    const rows = await this.db
      .selectFrom('imports')
      .select(['id', 'title', 'revision', 'created_at', 'updated_at', 'expires_at'])
      .where('user_id', '=', userId)
      .where('expires_at', '>', now())
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map((row) => ({
      id: row.id,
      title: row.title,
      revision: row.revision,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      expiresAt: row.expires_at,
    }));
  }

  /**
   * Saves a changed state when the writer changed the revision they saw; returns the new
   * revision, or undefined when the import changed meanwhile (or is gone).
   */
  async update<State>(
    userId: number,
    id: number,
    revision: number,
    title: string,
    state: State,
  ): Promise<number | undefined> {
    const at = now();
    const result = await this.db
      .updateTable('imports')
      .set({
        title: title.slice(0, 255),
        state: JSON.stringify(state),
        revision: revision + 1,
        updated_at: at,
        expires_at: expiry(),
      })
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revision', '=', revision)
      .where('expires_at', '>', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1 ? revision + 1 : undefined;
  }

  /** Removes the import inside the transaction that posts its work; throws (undoing the work) when it was already used. */
  async useUp(tx: Tx, userId: number, id: number, revision: number): Promise<void> {
    const result = await tx
      .deleteFrom('imports')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('revision', '=', revision)
      .where('expires_at', '>', now())
      .executeTakeFirst();
    if (Number(result.numDeletedRows) !== 1) throw new NotFoundError(GONE);
  }

  async discard(userId: number, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('imports')
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) === 1;
  }

  /**
   * The text (HTML) of the writer's most recently posted chapters, under any of their pen names:
   * what an import measures the writer's paragraph length on.
   */
  async recentChapterBodies(userId: number, limit = 30): Promise<string[]> {
    const rows = await this.db
      .selectFrom('chapters')
      .innerJoin('works', 'works.id', 'chapters.work_id')
      .innerJoin('creatorships', 'creatorships.work_id', 'works.id')
      .innerJoin('pseuds', 'pseuds.id', 'creatorships.pseud_id')
      .select('chapters.body')
      .where('pseuds.user_id', '=', userId)
      .where('creatorships.accepted', '=', 1)
      .where('chapters.draft', '=', 0)
      .where('works.published_at', 'is not', null)
      .orderBy('chapters.id', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => row.body);
  }

  async purgeExpired(): Promise<number> {
    const result = await this.db.deleteFrom('imports').where('expires_at', '<=', now()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export const IMPORT_GONE_MESSAGE = GONE;
