import { isUniqueViolation, now, type Db } from './database.ts';
import { enqueueJob } from './jobs.ts';

/** The job that builds one export's zip; its payload is `{ exportId }`. */
export const DATA_EXPORT_JOB = 'data-export';
/** The mail saying an export is ready (only on archives with mail); payload `{ exportId }`. */
export const DATA_EXPORT_MAIL_JOB = 'data-export-mail';

export type DataExportState = 'pending' | 'ready' | 'expired' | 'failed';

/** One "download my data" a member asked for (without its file). */
export interface DataExport {
  id: number;
  userId: number;
  state: DataExportState;
  createdAt: string;
  readyAt: string | null;
  expiresAt: string | null;
  fileSize: number | null;
}

/** Why a new export was not started: one is being built, or the member asked too often lately. */
export type AskRefusal = { refused: 'pending'; pending: DataExport } | { refused: 'limit'; asked: number };

const STATES: DataExportState[] = ['pending', 'ready', 'expired', 'failed'];

function toExport(row: {
  id: number;
  user_id: number;
  state: string;
  created_at: string;
  ready_at: string | null;
  expires_at: string | null;
  file_size: number | null;
}): DataExport {
  return {
    id: row.id,
    userId: row.user_id,
    state: STATES.includes(row.state as DataExportState) ? (row.state as DataExportState) : 'failed',
    createdAt: row.created_at,
    readyAt: row.ready_at,
    expiresAt: row.expires_at,
    fileSize: row.file_size === null ? null : Number(row.file_size),
  };
}

const COLUMNS = ['id', 'user_id', 'state', 'created_at', 'ready_at', 'expires_at', 'file_size'] as const;

/** What goes into a member's export besides their works, as plain rows (the JSON files of the zip). */
export interface ExportRecords {
  profile: {
    login: string;
    email: string;
    pendingEmail: string | null;
    emailConfirmedAt: string | null;
    createdAt: string;
    keepsHistory: boolean;
    noindex: boolean;
    readerSettings: { fontSize: string; theme: string; lineWidth: string; skipAdultNotice: boolean } | null;
    notificationPreferences: { kind: string; inbox: boolean; email: boolean }[];
  };
  pseuds: { id: number; name: string; description: string; isDefault: boolean; createdAt: string }[];
  bookmarks: {
    id: number;
    pseud: string | null;
    workId: number | null;
    workTitle: string | null;
    seriesId: number | null;
    seriesTitle: string | null;
    notes: string;
    tags: string[];
    private: boolean;
    rec: boolean;
    createdAt: string;
    updatedAt: string;
  }[];
  comments: {
    id: number;
    workId: number;
    workTitle: string;
    chapterId: number | null;
    chapterPosition: number | null;
    chapterTitle: string | null;
    parentId: number | null;
    pseud: string | null;
    body: string;
    status: string;
    deleted: boolean;
    createdAt: string;
    editedAt: string | null;
  }[];
  newsComments: { id: number; postId: number; postTitle: string; body: string; createdAt: string }[];
  kudos: { workId: number; workTitle: string | null; createdAt: string }[];
  readings: {
    workId: number;
    workTitle: string | null;
    chapterId: number | null;
    visits: number;
    markedForLater: boolean;
    lastReadAt: string | null;
  }[];
}

/** Data exports: asking (one at a time, a few a day), building, the file while it lasts, expiry. */
export class DataExportStore {
  constructor(private readonly db: Db) {}

  /**
   * Starts an export and queues the job that builds it, together: refused while another is being
   * built (the unique index decides, whichever server asks) or when `perDay` were asked for in
   * the last 24 hours.
   */
  async ask(userId: number, perDay: number): Promise<{ exportId: number } | AskRefusal> {
    const pending = await this.pendingOf(userId);
    if (pending) return { refused: 'pending', pending };
    const since = new Date(Date.now() - 86_400_000).toISOString();
    const recent = await this.db
      .selectFrom('data_exports')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>', since)
      .executeTakeFirstOrThrow();
    if (Number(recent.n) >= perDay) return { refused: 'limit', asked: Number(recent.n) };
    try {
      return await this.db.transaction().execute(async (tx) => {
        const row = await tx
          .insertInto('data_exports')
          .values({ user_id: userId, state: 'pending', created_at: now() })
          .returning('id')
          .executeTakeFirstOrThrow();
        await enqueueJob(tx, { kind: DATA_EXPORT_JOB, payload: { exportId: row.id } });
        return { exportId: row.id };
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const other = await this.pendingOf(userId);
      if (other) return { refused: 'pending', pending: other };
      throw error;
    }
  }

  private async pendingOf(userId: number): Promise<DataExport | undefined> {
    const row = await this.db
      .selectFrom('data_exports')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .where('state', '=', 'pending')
      .executeTakeFirst();
    return row ? toExport(row) : undefined;
  }

  async find(id: number): Promise<DataExport | undefined> {
    const row = await this.db.selectFrom('data_exports').select(COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toExport(row) : undefined;
  }

  /** The member's newest export, whatever its state. */
  async latest(userId: number): Promise<DataExport | undefined> {
    const row = await this.db
      .selectFrom('data_exports')
      .select(COLUMNS)
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? toExport(row) : undefined;
  }

  /** The zip of a ready export of this member's; undefined for anyone else's, or once it expired. */
  async file(id: number, userId: number): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('data_exports')
      .select(['file', 'expires_at'])
      .where('id', '=', id)
      .where('user_id', '=', userId)
      .where('state', '=', 'ready')
      .executeTakeFirst();
    if (!row?.file || (row.expires_at !== null && row.expires_at <= now())) return undefined;
    return row.file;
  }

  /**
   * Keeps the built zip, ready until `expiresAt`, and tells the member in their inbox, in one
   * transaction. False when the export is no longer waiting (its account was deleted, say).
   */
  async markReady(id: number, file: Uint8Array, expiresAt: string, message: string): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const at = now();
      const row = await tx
        .updateTable('data_exports')
        .set({
          state: 'ready',
          file: Buffer.from(file.buffer, file.byteOffset, file.byteLength),
          file_size: file.byteLength,
          ready_at: at,
          expires_at: expiresAt,
        })
        .where('id', '=', id)
        .where('state', '=', 'pending')
        .returning('user_id')
        .executeTakeFirst();
      if (!row) return false;
      // Always in the inbox: the member asked for it (no preference of theirs applies), and it is never a digest's.
      await tx
        .insertInto('notifications')
        .values({ user_id: row.user_id, kind: 'data-export', message, created_at: at, mail_due_at: null })
        .execute();
      return true;
    });
  }

  /** Gives up on an export that could not be built, so the member may ask again. */
  async markFailed(id: number): Promise<void> {
    await this.db
      .updateTable('data_exports')
      .set({ state: 'failed' })
      .where('id', '=', id)
      .where('state', '=', 'pending')
      .execute();
  }

  /** Drops the files of exports past their time (the rows stay, to say they expired). Returns how many. */
  async expire(at = now()): Promise<number> {
    const result = await this.db
      .updateTable('data_exports')
      .set({ state: 'expired', file: null })
      .where('state', '=', 'ready')
      .where('expires_at', '<=', at)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Everything of the member's besides their works, for the export's JSON files. */
  async records(userId: number): Promise<ExportRecords | undefined> {
    const db = this.db;
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirst();
    if (!user) return undefined;
    const [settings, prefs, pseuds, bookmarks, bookmarkTags, comments, newsComments, kudos, readings] =
      await Promise.all([
        db.selectFrom('reader_settings').selectAll().where('user_id', '=', userId).executeTakeFirst(),
        db.selectFrom('notification_preferences').selectAll().where('user_id', '=', userId).orderBy('kind').execute(),
        db.selectFrom('pseuds').selectAll().where('user_id', '=', userId).orderBy('id').execute(),
        db
          .selectFrom('bookmarks as b')
          .leftJoin('pseuds as p', 'p.id', 'b.pseud_id')
          .leftJoin('works as w', 'w.id', 'b.work_id')
          .leftJoin('series as s', 's.id', 'b.series_id')
          .select([
            'b.id',
            'p.name as pseud',
            'b.work_id',
            'w.title as work_title',
            'b.series_id',
            's.title as series_title',
            'b.notes',
            'b.private',
            'b.rec',
            'b.created_at',
            'b.updated_at',
          ])
          .where('b.user_id', '=', userId)
          .orderBy('b.id')
          .execute(),
        db
          .selectFrom('bookmark_tags as t')
          .innerJoin('bookmarks as b', 'b.id', 't.bookmark_id')
          .select(['t.bookmark_id', 't.name'])
          .where('b.user_id', '=', userId)
          .orderBy('t.bookmark_id')
          .orderBy('t.position')
          .execute(),
        db
          .selectFrom('comments as c')
          .innerJoin('works as w', 'w.id', 'c.work_id')
          .leftJoin('chapters as ch', 'ch.id', 'c.chapter_id')
          .leftJoin('pseuds as p', 'p.id', 'c.pseud_id')
          .select([
            'c.id',
            'c.work_id',
            'w.title as work_title',
            'c.chapter_id',
            'ch.position as chapter_position',
            'ch.title as chapter_title',
            'c.parent_id',
            'p.name as pseud',
            'c.body',
            'c.status',
            'c.deleted',
            'c.created_at',
            'c.edited_at',
          ])
          .where('c.user_id', '=', userId)
          .orderBy('c.id')
          .execute(),
        db
          .selectFrom('news_comments as c')
          .innerJoin('news_posts as n', 'n.id', 'c.post_id')
          .select(['c.id', 'c.post_id', 'n.title', 'c.body', 'c.created_at'])
          .where('c.user_id', '=', userId)
          .orderBy('c.id')
          .execute(),
        db
          .selectFrom('kudos as k')
          .leftJoin('works as w', 'w.id', 'k.work_id')
          .select(['k.work_id', 'w.title', 'k.created_at'])
          .where('k.user_id', '=', userId)
          .orderBy('k.id')
          .execute(),
        db
          .selectFrom('readings as r')
          .leftJoin('works as w', 'w.id', 'r.work_id')
          .select(['r.work_id', 'w.title', 'r.chapter_id', 'r.visits', 'r.marked_for_later', 'r.last_read_at'])
          .where('r.user_id', '=', userId)
          .orderBy('r.last_read_at', 'desc')
          .orderBy('r.work_id')
          .execute(),
      ]);
    return {
      profile: {
        login: user.login,
        email: user.email,
        pendingEmail: user.pending_email,
        emailConfirmedAt: user.email_confirmed_at,
        createdAt: user.created_at,
        keepsHistory: Number(user.keeps_history) === 1,
        noindex: Number(user.noindex) === 1,
        readerSettings: settings
          ? {
              fontSize: settings.font_size,
              theme: settings.theme,
              lineWidth: settings.line_width,
              skipAdultNotice: settings.skip_adult_notice === 1,
            }
          : null,
        notificationPreferences: prefs.map((p) => ({ kind: p.kind, inbox: p.inbox === 1, email: p.email === 1 })),
      },
      pseuds: pseuds.map((p) => ({
        id: p.id,
        name: p.name,
        description: p.description,
        isDefault: p.is_default === 1,
        createdAt: p.created_at,
      })),
      bookmarks: bookmarks.map((b) => ({
        id: b.id,
        pseud: b.pseud,
        workId: b.work_id,
        workTitle: b.work_title,
        seriesId: b.series_id,
        seriesTitle: b.series_title,
        notes: b.notes,
        tags: bookmarkTags.filter((t) => t.bookmark_id === b.id).map((t) => t.name),
        private: b.private === 1,
        rec: b.rec === 1,
        createdAt: b.created_at,
        updatedAt: b.updated_at,
      })),
      comments: comments.map((c) => ({
        id: c.id,
        workId: c.work_id,
        workTitle: c.work_title,
        chapterId: c.chapter_id,
        chapterPosition: c.chapter_position,
        chapterTitle: c.chapter_title,
        parentId: c.parent_id,
        pseud: c.pseud,
        body: c.body,
        status: c.status,
        deleted: c.deleted === 1,
        createdAt: c.created_at,
        editedAt: c.edited_at,
      })),
      newsComments: newsComments.map((c) => ({
        id: c.id,
        postId: c.post_id,
        postTitle: c.title,
        body: c.body,
        createdAt: c.created_at,
      })),
      kudos: kudos.map((k) => ({ workId: k.work_id, workTitle: k.title, createdAt: k.created_at })),
      readings: readings.map((r) => ({
        workId: r.work_id,
        workTitle: r.title,
        chapterId: r.chapter_id,
        visits: Number(r.visits),
        markedForLater: r.marked_for_later === 1,
        lastReadAt: r.last_read_at,
      })),
    };
  }
}
