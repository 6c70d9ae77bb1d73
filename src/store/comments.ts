import { sql } from 'kysely';
import { noteWorksChanged } from './work-changes.ts';
import { now, type Db, type Tx } from './database.ts';
import { addNotifications, type NewNotification } from './notifications.ts';
import type { CommentStatus } from '../domain/comments.ts';
import { hiddenOf, type HiddenByModerators } from './hidden.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';
import { addToDailyStats, recountWithDailyStats } from './work-stats.ts';
import { ChapterParagraphs, reanchor, type PassageAnchor } from '../domain/passage-anchor.ts';
import { paragraphTexts } from '../text/paragraph-text.ts';

/** A comment as pages show it. Guests' email addresses never leave the store. */
export interface Comment {
  id: number;
  workId: number;
  chapterId: number | null;
  /** The chapter's number, for "on Chapter 2" in the whole-work view. */
  chapterPosition: number | null;
  parentId: number | null;
  threadId: number;
  depth: number;
  userId: number | null;
  /** The member's login (for links), null for guests. */
  login: string | null;
  /** The pen name the member chose, their login when that pen name is gone, or the guest's name. */
  authorName: string;
  /** The pen name's own name when the comment still has one (for its link). */
  pseudName: string | null;
  guest: boolean;
  body: string;
  status: CommentStatus;
  deleted: boolean;
  frozen: boolean;
  /** Hidden by the archive's moderators: its writer (told why) and staff see it; other readers see that it was hidden. */
  hidden: HiddenByModerators | null;
  /** Why the archive held it for approval (the spam check's reasons, or its address), when it did. */
  heldReason: string | null;
  editedAt: string | null;
  createdAt: string;
  /** What a comment on a passage is anchored to (paragraph null: its passage is gone); null for other comments. */
  passage: PassageAnchor | null;
}

export interface NewComment {
  workId: number;
  chapterId: number | null;
  parentId: number | null;
  userId: number | null;
  pseudId: number | null;
  guestName: string | null;
  guestEmail: string | null;
  /** Already sanitized. */
  body: string;
  status: 'published' | 'held';
  /** Why the archive held it (kept only when `status` is 'held'). */
  heldReason?: string | null;
  addressKey: string | null;
  /** When it was written (now); for tests of writers' statistics over time. */
  createdAt?: string;
  /** The passage of the chapter it is on (a top comment only), already checked against the chapter's text. */
  passage?: { paragraph: number; text: string; quote: string | null } | null;
}

/** What notifications need to know about the work. */
export interface WorkForNotice {
  title: string;
  creatorUserIds: number[];
}

/**
 * Only published, not deleted comments count; the writer's daily figures follow the counter. The
 * work's row is locked before its daily figures, in the order kudos and hits take them: the other
 * order let PostgreSQL find a deadlock between a comment and a kudos on one work.
 */
async function shiftCount(tx: Tx, workId: number, delta: number, day?: string): Promise<void> {
  if (delta === 0) return;
  await tx
    .updateTable('works')
    .set({ comment_count: sql`comment_count + ${delta}` })
    .where('id', '=', workId)
    .execute();
  await addToDailyStats(tx, workId, { comments: delta }, day);
  await noteWorksChanged(tx, [workId]);
}

/** The work's comment counter recomputed from its rows (after a merge). */
export async function recountComments(db: Db | Tx, workId: number): Promise<void> {
  await recountWithDailyStats(db, workId, 'comment_count', 'comments', () => recountCommentsOnly(db, workId));
  await noteWorksChanged(db, [workId]);
}

async function recountCommentsOnly(db: Db | Tx, workId: number): Promise<void> {
  await db
    .updateTable('works')
    .set({
      comment_count: (eb) =>
        eb
          .selectFrom('comments')
          .select((c) => c.fn.countAll<number>().as('n'))
          .where('work_id', '=', workId)
          .where('status', '=', 'published')
          .where('deleted', '=', 0)
          .where('hidden_at', 'is', null),
    })
    .where('id', '=', workId)
    .execute();
}

export class CommentStore {
  constructor(private readonly db: Db) {}

  /**
   * A spam comment's family: it, and every comment not yet deleted since `since` with the same text
   * or from the same guest address. With the address (salted hash) to hold, when it had one.
   */
  async spamFamily(commentId: number, since: string): Promise<{ ids: number[]; addressKey: string | null }> {
    const spam = await this.db
      .selectFrom('comments')
      .select(['id', 'body', 'address_key', 'user_id'])
      .where('id', '=', commentId)
      .executeTakeFirst();
    if (!spam) return { ids: [], addressKey: null };
    const guestAddress = spam.user_id === null ? spam.address_key : null;
    const rows = await this.db
      .selectFrom('comments')
      .select('id')
      .where('deleted', '=', 0)
      .where((eb) =>
        eb.or([
          eb('id', '=', commentId),
          eb.and([eb('body', '=', spam.body), eb('created_at', '>=', since)]),
          ...(guestAddress
            ? [eb.and([eb('address_key', '=', guestAddress), eb('user_id', 'is', null), eb('created_at', '>=', since)])]
            : []),
        ]),
      )
      .orderBy('id')
      .execute();
    return { ids: rows.map((r) => r.id), addressKey: spam.address_key };
  }

  /**
   * Hides a comment from every reader but its writer and staff (its thread stays, with a note);
   * `null` shows it again. `audit` is logged in the same transaction.
   */
  async setHiddenByModerators(commentId: number, hidden: { reason: string } | null, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('comments')
        .set({ hidden_at: hidden ? now() : null, hidden_reason: hidden?.reason ?? null })
        .where('id', '=', commentId)
        .returning('work_id')
        .executeTakeFirst();
      if (row) await recountComments(tx, row.work_id);
      await insertAuditLines(tx, audit);
    });
  }

  async find(id: number, db: Db | Tx = this.db): Promise<Comment | undefined> {
    const row = await commentsQuery(db).where('comments.id', '=', id).executeTakeFirst();
    return row ? toComment(row) : undefined;
  }

  /** Every comment of the work (or of one chapter of it), oldest first; the caller decides who sees what. */
  async listForWork(workId: number, chapterId?: number): Promise<Comment[]> {
    const rows = await workCommentsQuery(this.db, workId, chapterId).execute();
    return rows.map((row) => toComment(row));
  }

  /** Comments awaiting approval across the archive, newest first, with how many there are (for staff). */
  async listHeld(limit: number): Promise<{ comments: Comment[]; total: number }> {
    const [rows, total] = await Promise.all([
      commentsQuery(this.db)
        .where('comments.status', '=', 'held')
        .where('comments.deleted', '=', 0)
        .orderBy('comments.id', 'desc')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'held')
        .where('deleted', '=', 0)
        .executeTakeFirstOrThrow(),
    ]);
    return { comments: rows.map((row) => toComment(row)), total: Number(total.n) };
  }

  /** Published, not deleted comments on one chapter. */
  async countForChapter(chapterId: number): Promise<number> {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('chapter_id', '=', chapterId)
      .where('status', '=', 'published')
      .where('deleted', '=', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * How many published, shown comments each commented paragraph of these chapters has, replies in
   * their threads included (for the marks beside the paragraphs).
   */
  async passageCounts(chapterIds: number[]): Promise<{ chapterId: number; paragraph: number; count: number }[]> {
    if (chapterIds.length === 0) return [];
    return toPassageCounts(await passageCountsQuery(this.db, chapterIds).execute());
  }

  /** Comments the member posted since the given time, for the per-member rate limit. */
  async countRecentByUser(userId: number, since: string): Promise<number> {
    const row = await this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .where('created_at', '>=', since)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Whether a comment with exactly this text, by anyone, was posted on another work since the given time (spam score). */
  async sameTextElsewhere(body: string, workId: number, since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('comments')
      .select('id')
      .where('created_at', '>=', since)
      .where('body', '=', body)
      .where('work_id', '<>', workId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /**
   * Comments sent from an address (its salted hash) since the given time, deleted or not, leaving out
   * those of the members named (a work's creators answering their readers from the same address).
   */
  async countRecentByAddress(addressKey: string, since: string, exceptUserIds: number[] = []): Promise<number> {
    let query = this.db
      .selectFrom('comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('address_key', '=', addressKey)
      .where('created_at', '>=', since);
    if (exceptUserIds.length > 0)
      query = query.where((eb) => eb.or([eb('user_id', 'is', null), eb('user_id', 'not in', exceptUserIds)]));
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Posts a comment; the counter and the notifications are written in the same transaction. */
  async post(input: NewComment, work: WorkForNotice): Promise<Comment> {
    return this.db.transaction().execute(async (tx) => {
      const parent =
        input.parentId === null
          ? undefined
          : await tx
              .selectFrom('comments')
              .select(['id', 'thread_id', 'depth'])
              .where('id', '=', input.parentId)
              .executeTakeFirst();
      if (input.parentId !== null && !parent) throw new Error('the parent comment is gone');
      const inserted = await tx
        .insertInto('comments')
        .values({
          work_id: input.workId,
          chapter_id: input.chapterId,
          parent_id: input.parentId,
          thread_id: parent ? (parent.thread_id ?? parent.id) : null,
          depth: parent ? parent.depth + 1 : 0,
          user_id: input.userId,
          pseud_id: input.pseudId,
          guest_name: input.guestName,
          guest_email: input.guestEmail,
          body: input.body,
          status: input.status,
          held_reason: input.status === 'held' ? (input.heldReason ?? null) : null,
          address_key: input.addressKey,
          created_at: input.createdAt ?? now(),
          ...(input.passage && !parent
            ? {
                paragraph: input.passage.paragraph,
                passage_text: input.passage.text,
                passage_quote: input.passage.quote,
              }
            : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (!parent)
        await tx.updateTable('comments').set({ thread_id: inserted.id }).where('id', '=', inserted.id).execute();
      if (input.status === 'published') {
        await shiftCount(tx, input.workId, 1, input.createdAt?.slice(0, 10));
        await this.notify(tx, inserted.id, work);
      }
      return (await this.find(inserted.id, tx))!;
    });
  }

  /**
   * 'comment' to each creator of the work, 'reply' to the member answered. The message leaves out
   * who wrote the comment: the app names them as the comment is shown to each member (noticesAsShown).
   */
  private async notify(tx: Tx, commentId: number, work: WorkForNotice): Promise<void> {
    const comment = (await this.find(commentId, tx))!;
    const parent = comment.parentId === null ? undefined : await this.find(comment.parentId, tx);
    const where = comment.chapterPosition !== null ? `${work.title}, chapter ${comment.chapterPosition}` : work.title;
    const common = {
      workId: comment.workId,
      commentId: comment.id,
      ...(comment.chapterId !== null ? { chapterId: comment.chapterId } : {}),
      ...(comment.userId !== null ? { actorUserId: comment.userId } : {}),
    };
    const items: NewNotification[] = [];
    const replyTo = parent?.userId ?? undefined;
    if (replyTo !== undefined && !parent?.deleted)
      items.push({
        ...common,
        userId: replyTo,
        kind: 'reply',
        message: `replied to your comment on ${where}`,
      });
    const passage = comment.passage ? ` (on the passage “${passageExcerpt(comment.passage)}”)` : '';
    for (const userId of work.creatorUserIds) {
      if (userId !== replyTo)
        items.push({ ...common, userId, kind: 'comment', message: `commented on ${where}${passage}` });
    }
    await addNotifications(tx, items);
  }

  /** The commenter's new text; marks the comment edited. */
  async edit(id: number, body: string): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('comments')
        .set({ body, edited_at: now() })
        .where('id', '=', id)
        .where('deleted', '=', 0)
        .returning('work_id')
        .executeTakeFirst();
      if (row) await noteWorksChanged(tx, [row.work_id]);
    });
  }

  /**
   * Deletes a comment. One with replies stays as "(Previous comment deleted.)" so the thread keeps
   * its shape; one without goes, and so do deleted comments above it left with no replies.
   */
  async delete(id: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      if (await deleteComment(tx, id)) await insertAuditLines(tx, audit);
    });
  }

  /**
   * A moderator marks spam: deletes these comments (as `delete` does each), does what else the
   * action needs (`alsoInTransaction`: hold the address) and logs `audit`, all in one transaction.
   */
  async deleteSpam(
    ids: readonly number[],
    staff: { audit: AuditLines; alsoInTransaction?: (tx: Tx) => Promise<void> },
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      for (const id of ids) await deleteComment(tx, id);
      await staff.alsoInTransaction?.(tx);
      await insertAuditLines(tx, staff.audit);
    });
  }

  /** Hides a published comment from readers (true) or shows it again (false). */
  async setHidden(id: number, hidden: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const [from, to] = hidden ? ['published', 'hidden'] : ['hidden', 'published'];
      const row = await tx
        .updateTable('comments')
        .set({ status: to })
        .where('id', '=', id)
        .where('status', '=', from)
        .where('deleted', '=', 0)
        .returning('work_id')
        .executeTakeFirst();
      if (row) await recountComments(tx, row.work_id);
    });
  }

  /** Publishes a held comment, and only then tells the creators and the member answered. */
  async approve(id: number, work: WorkForNotice): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const row = await tx
        .updateTable('comments')
        .set({ status: 'published', held_reason: null })
        .where('id', '=', id)
        .where('status', '=', 'held')
        .where('deleted', '=', 0)
        .returning('work_id')
        .executeTakeFirst();
      if (!row) return;
      await shiftCount(tx, row.work_id, 1);
      await this.notify(tx, id, work);
    });
  }

  /** Freezes (or thaws) the whole thread the comment belongs to: no new replies while frozen. */
  async setFrozen(threadId: number, frozen: boolean): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      const rows = await tx
        .updateTable('comments')
        .set({ frozen: frozen ? 1 : 0 })
        .where((eb) => eb.or([eb('thread_id', '=', threadId), eb('id', '=', threadId)]))
        .returning('work_id')
        .execute();
      await noteWorksChanged(
        tx,
        rows.map((r) => r.work_id),
      );
    });
  }
}

/** The quote of a passage comment (or the start of its paragraph), short enough for a notice. */
export function passageExcerpt(passage: PassageAnchor, length = 120): string {
  const text = passage.quote ?? passage.text;
  const chars = [...text];
  return chars.length <= length ? text : `${chars.slice(0, length).join('').trimEnd()}…`;
}

/**
 * Inside the transaction that saves a chapter's text: moves each passage comment of the chapter to
 * where its passage is now (src/domain/passage-anchor.ts), or leaves it on the chapter as a whole.
 */
export async function reanchorPassageComments(
  tx: Tx,
  chapterId: number,
  body: string,
  previousBody?: string,
): Promise<void> {
  const anchored = await tx
    .selectFrom('comments')
    .select(['id', 'paragraph', 'passage_text', 'passage_quote'])
    .where('chapter_id', '=', chapterId)
    .where('passage_text', 'is not', null)
    .execute();
  if (anchored.length === 0) return;
  const texts = paragraphTexts(body);
  const paragraphs = new ChapterParagraphs(texts);
  const previous = previousBody === undefined ? undefined : new ChapterParagraphs(paragraphTexts(previousBody));
  for (const row of anchored) {
    const anchor = { paragraph: row.paragraph, text: row.passage_text!, quote: row.passage_quote };
    const paragraph = reanchor(anchor, paragraphs, previous);
    // Followed to an edited paragraph: its new text is what the next edit is compared with.
    const text = paragraph === null ? anchor.text : texts[paragraph - 1];
    if (paragraph === row.paragraph && text === row.passage_text) continue;
    await tx.updateTable('comments').set({ paragraph, passage_text: text }).where('id', '=', row.id).execute();
  }
}

/** Deletes one comment inside a transaction (see CommentStore.delete); false when there was none. */
async function deleteComment(tx: Tx, id: number): Promise<boolean> {
  const row = await tx.selectFrom('comments').select(['work_id']).where('id', '=', id).executeTakeFirst();
  if (!row) return false;
  const counted = await tx
    .updateTable('comments')
    .set({ deleted: 1, body: '' })
    .where('id', '=', id)
    .where('deleted', '=', 0)
    .where('status', '=', 'published')
    .where('hidden_at', 'is', null)
    .executeTakeFirst();
  if (Number(counted.numUpdatedRows) > 0) await shiftCount(tx, row.work_id, -1);
  else await tx.updateTable('comments').set({ deleted: 1, body: '' }).where('id', '=', id).execute();
  let current: number | null = id;
  while (current !== null) {
    const gone = await tx
      .deleteFrom('comments')
      .where('id', '=', current)
      .where('deleted', '=', 1)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb.selectFrom('comments as reply').select('reply.id').whereRef('reply.parent_id', '=', 'comments.id'),
          ),
        ),
      )
      .returning('parent_id')
      .executeTakeFirst();
    current = gone?.parent_id ?? null;
  }
  return true;
}

function commentsQuery(db: Db | Tx) {
  return db
    .selectFrom('comments')
    .leftJoin('users', 'users.id', 'comments.user_id')
    .leftJoin('pseuds', 'pseuds.id', 'comments.pseud_id')
    .leftJoin('chapters', 'chapters.id', 'comments.chapter_id')
    .select([
      'comments.id',
      'comments.work_id',
      'comments.chapter_id',
      'chapters.position as chapter_position',
      'comments.parent_id',
      'comments.thread_id',
      'comments.depth',
      'comments.user_id',
      'users.login',
      'pseuds.name as pseud_name',
      'comments.guest_name',
      'comments.body',
      'comments.status',
      'comments.deleted',
      'comments.frozen',
      'comments.hidden_at',
      'comments.hidden_reason',
      'comments.held_reason',
      'comments.edited_at',
      'comments.created_at',
      'comments.paragraph',
      'comments.passage_text',
      'comments.passage_quote',
    ]);
}

export function toComment(
  row: Awaited<ReturnType<ReturnType<typeof commentsQuery>['executeTakeFirstOrThrow']>>,
): Comment {
  const guest = row.user_id === null && row.guest_name !== null;
  return {
    id: row.id,
    workId: row.work_id,
    chapterId: row.chapter_id,
    chapterPosition: row.chapter_position ?? null,
    parentId: row.parent_id,
    threadId: row.thread_id ?? row.id,
    depth: row.depth,
    userId: row.user_id,
    login: row.login ?? null,
    authorName: row.pseud_name ?? row.login ?? row.guest_name ?? 'a former member',
    pseudName: row.pseud_name ?? null,
    guest,
    body: row.deleted ? '' : row.body,
    status: row.status as CommentStatus,
    deleted: row.deleted === 1,
    frozen: row.frozen === 1,
    hidden: hiddenOf(row),
    heldReason: row.held_reason,
    editedAt: row.edited_at,
    createdAt: row.created_at,
    passage:
      row.passage_text === null ? null : { paragraph: row.paragraph, text: row.passage_text, quote: row.passage_quote },
  };
}

/** Every comment of the work (or of one chapter of it), oldest first. */
export function workCommentsQuery(db: Db, workId: number, chapterId?: number) {
  let query = commentsQuery(db).where('comments.work_id', '=', workId);
  if (chapterId !== undefined) query = query.where('comments.chapter_id', '=', chapterId);
  return query.orderBy('comments.created_at').orderBy('comments.id');
}

/** Published, shown comments per commented paragraph of these chapters (at least one), replies included. */
export function passageCountsQuery(db: Db, chapterIds: number[]) {
  return db
    .selectFrom('comments as top')
    .innerJoin('comments as c', 'c.thread_id', 'top.id')
    .select(['top.chapter_id', 'top.paragraph', (eb) => eb.fn.countAll<number>().as('n')])
    .where('top.chapter_id', 'in', chapterIds)
    .where('top.paragraph', 'is not', null)
    .where('c.status', '=', 'published')
    .where('c.deleted', '=', 0)
    .where('c.hidden_at', 'is', null)
    .groupBy(['top.chapter_id', 'top.paragraph']);
}

export function toPassageCounts(
  rows: { chapter_id: number | null; paragraph: number | null; n: number }[],
): { chapterId: number; paragraph: number; count: number }[] {
  return rows.map((r) => ({ chapterId: r.chapter_id!, paragraph: r.paragraph!, count: Number(r.n) }));
}
