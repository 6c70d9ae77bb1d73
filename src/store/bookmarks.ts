import { sql } from 'kysely';
import { noteWorksChanged } from './work-changes.ts';
import { now, type Db, type Tx } from './database.ts';
import { NotFoundError } from '../domain/errors.ts';
import { tagKey } from '../domain/works.ts';
import { foldBookmarks, type BookmarkFields, type BookmarkTarget } from '../domain/bookmarks.ts';
import { hiddenOf, type HiddenByModerators } from './hidden.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';
import { recountWithDailyStats } from './work-stats.ts';

/** A member's bookmark of a work or a series, with their notes (sanitized HTML) and own tags. */
export interface Bookmark {
  id: number;
  userId: number;
  login: string;
  /** The pen name it is shown under; null once that pen name is gone (shown as the login). */
  pseudId: number | null;
  pseudName: string | null;
  target: BookmarkTarget;
  notes: string;
  tags: string[];
  private: boolean;
  rec: boolean;
  /** Hidden by the archive's moderators: listed only to its owner (told why), like a private one. */
  hidden: HiddenByModerators | null;
  createdAt: string;
  updatedAt: string;
}

/** Saved bookmark fields, notes already sanitized. */
export type BookmarkContent = BookmarkFields;

/** works.bookmark_count is the number of public bookmarks of the work (not hidden by moderators), counted from the rows. */
export async function recountBookmarks(tx: Db | Tx, workId: number): Promise<void> {
  // The writer's daily figures follow the counter (public bookmarks only), in the same transaction.
  await recountWithDailyStats(tx, workId, 'bookmark_count', 'bookmarks', () =>
    sql`update works set bookmark_count = (select count(*) from bookmarks where bookmarks.work_id = ${workId} and bookmarks.private = 0 and bookmarks.hidden_at is null) where id = ${workId}`.execute(
      tx,
    ),
  );
  await noteWorksChanged(tx, [workId]);
}

async function writeTags(tx: Tx, bookmarkId: number, tags: string[]): Promise<void> {
  await tx.deleteFrom('bookmark_tags').where('bookmark_id', '=', bookmarkId).execute();
  // A tag is kept once, as first written, whatever its case.
  tags = tags.filter((name, i) => tags.findIndex((other) => tagKey(other) === tagKey(name)) === i);
  if (tags.length === 0) return;
  await tx
    .insertInto('bookmark_tags')
    .values(tags.map((name, position) => ({ bookmark_id: bookmarkId, name, name_key: tagKey(name), position })))
    .execute();
}

/**
 * Before a merge moves bookmarks into the remaining work (parts in merge order, the remaining
 * work first): a member who bookmarked several parts keeps one bookmark, the one on the earliest
 * part (which the merge keeps), and it takes in the others' notes and tags (foldBookmarks). The
 * merge then drops the others as repeats.
 */
export async function foldBookmarksForMerge(tx: Tx, partIds: number[]): Promise<void> {
  const rows = await tx
    .selectFrom('bookmarks')
    .select(['id', 'user_id', 'work_id'])
    .where('work_id', 'in', partIds)
    .execute();
  const byUser = new Map<number, typeof rows>();
  for (const row of rows) byUser.set(row.user_id, [...(byUser.get(row.user_id) ?? []), row]);
  for (const own of byUser.values()) {
    if (own.length < 2) continue;
    const [kept, ...others] = own.sort((a, b) => partIds.indexOf(a.work_id!) - partIds.indexOf(b.work_id!));
    let folded = await loadFoldable(tx, kept.id);
    for (const other of others) folded = foldBookmarks(folded, await loadFoldable(tx, other.id));
    await tx
      .updateTable('bookmarks')
      .set({ notes: folded.notes, private: folded.private ? 1 : 0, rec: folded.rec ? 1 : 0, updated_at: now() })
      .where('id', '=', kept.id)
      .execute();
    await writeTags(tx, kept.id, folded.tags);
  }
}

async function loadFoldable(tx: Tx, id: number) {
  const row = await tx
    .selectFrom('bookmarks')
    .select(['notes', 'private', 'rec'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const tags = await tx
    .selectFrom('bookmark_tags')
    .select('name')
    .where('bookmark_id', '=', id)
    .orderBy('position')
    .execute();
  return { notes: row.notes, private: row.private === 1, rec: row.rec === 1, tags: tags.map((t) => t.name) };
}

export class BookmarkStore {
  constructor(private readonly db: Db) {}

  /**
   * Saves the member's bookmark of the target: creates it, or changes the one they already have
   * (one per work and per series). The work's public bookmark count changes in the same transaction.
   */
  async save(userId: number, target: BookmarkTarget, fields: BookmarkContent): Promise<number> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const columns = {
        pseud_id: fields.pseudId,
        notes: fields.notes,
        private: fields.private ? 1 : 0,
        rec: fields.rec ? 1 : 0,
        updated_at: at,
      };
      const targetColumn = target.kind === 'work' ? 'work_id' : 'series_id';
      const row = await tx
        .insertInto('bookmarks')
        .values({
          user_id: userId,
          work_id: target.kind === 'work' ? target.id : null,
          series_id: target.kind === 'series' ? target.id : null,
          created_at: at,
          ...columns,
        })
        .onConflict((oc) => oc.columns(['user_id', targetColumn]).doUpdateSet(columns))
        .returning('id')
        .executeTakeFirstOrThrow();
      await writeTags(tx, row.id, fields.tags);
      if (target.kind === 'work') await recountBookmarks(tx, target.id);
      return row.id;
    });
  }

  /** Deletes one of the member's own bookmarks (or, with `audit`, a moderator deletes it, logged with it). */
  async remove(userId: number, bookmarkId: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .deleteFrom('bookmarks')
        .where('id', '=', bookmarkId)
        .where('user_id', '=', userId)
        .returning('work_id')
        .executeTakeFirst();
      if (!row) throw new NotFoundError('You have no such bookmark.');
      if (row.work_id !== null) await recountBookmarks(tx, row.work_id);
      await insertAuditLines(tx, audit);
    });
  }

  /** Hides a bookmark from everyone but its owner and staff; `null` shows it again. `audit` is logged with it. */
  async setHiddenByModerators(
    bookmarkId: number,
    hidden: { reason: string } | null,
    audit?: AuditLines,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('bookmarks')
        .set({ hidden_at: hidden ? now() : null, hidden_reason: hidden?.reason ?? null })
        .where('id', '=', bookmarkId)
        .returning('work_id')
        .executeTakeFirst();
      if (row?.work_id) await recountBookmarks(tx, row.work_id);
      await insertAuditLines(tx, audit);
    });
  }

  async find(bookmarkId: number): Promise<Bookmark | undefined> {
    const [bookmark] = await this.query((q) => q.where('b.id', '=', bookmarkId));
    return bookmark;
  }

  /** The member's own bookmark of the target, if they made one. */
  async findOwn(userId: number, target: BookmarkTarget): Promise<Bookmark | undefined> {
    const [bookmark] = await this.query((q) =>
      q.where('b.user_id', '=', userId).where(target.kind === 'work' ? 'b.work_id' : 'b.series_id', '=', target.id),
    );
    return bookmark;
  }

  /** A member's bookmarks, newest first; private ones only when `withPrivate` (their own list). */
  async listForUser(userId: number, withPrivate: boolean): Promise<Bookmark[]> {
    return this.query((q) =>
      (withPrivate ? q : q.where('b.private', '=', 0).where('b.hidden_at', 'is', null)).where('b.user_id', '=', userId),
    );
  }

  /** The public bookmarks of a work, newest first. */
  async listForWork(workId: number): Promise<Bookmark[]> {
    return this.query((q) =>
      q.where('b.work_id', '=', workId).where('b.private', '=', 0).where('b.hidden_at', 'is', null),
    );
  }

  private async query(
    narrow: (q: ReturnType<BookmarkStore['base']>) => ReturnType<BookmarkStore['base']>,
  ): Promise<Bookmark[]> {
    const rows = await narrow(this.base()).orderBy('b.updated_at', 'desc').orderBy('b.id', 'desc').execute();
    if (rows.length === 0) return [];
    const tags = await this.db
      .selectFrom('bookmark_tags')
      .select(['bookmark_id', 'name'])
      .where(
        'bookmark_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      login: r.login,
      pseudId: r.pseud_id,
      pseudName: r.pseud_name,
      target: r.work_id !== null ? { kind: 'work', id: r.work_id } : { kind: 'series', id: r.series_id! },
      notes: r.notes,
      tags: tags.filter((t) => t.bookmark_id === r.id).map((t) => t.name),
      private: r.private === 1,
      rec: r.rec === 1,
      hidden: hiddenOf(r),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  private base() {
    return this.db
      .selectFrom('bookmarks as b')
      .innerJoin('users as u', 'u.id', 'b.user_id')
      .leftJoin('pseuds as p', 'p.id', 'b.pseud_id')
      .select([
        'b.id',
        'b.user_id',
        'u.login',
        'b.pseud_id',
        'p.name as pseud_name',
        'b.work_id',
        'b.series_id',
        'b.notes',
        'b.private',
        'b.rec',
        'b.hidden_at',
        'b.hidden_reason',
        'b.created_at',
        'b.updated_at',
      ]);
  }
}

/** The member's own bookmark of this work or series (one at most: they are unique per member). */
export function ownBookmarkIdQuery(db: Db, userId: number, target: BookmarkTarget) {
  return db
    .selectFrom('bookmarks as b')
    .select('b.id')
    .where('b.user_id', '=', userId)
    .where(target.kind === 'work' ? 'b.work_id' : 'b.series_id', '=', target.id);
}
