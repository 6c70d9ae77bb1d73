import { now, type Db } from './database.ts';
import { insertAuditLines, type AuditLines } from './audit-log.ts';

/** A site news post as pages show it. */
export interface NewsPost {
  id: number;
  title: string;
  /** Sanitized HTML. */
  body: string;
  tags: string[];
  /** The admin who wrote it (null once their account is gone). */
  authorLogin: string | null;
  commentCount: number;
  createdAt: string;
  updatedAt: string;
}

/** A comment on a news post; replies (parentId set) answer top-level comments only. */
export interface NewsComment {
  id: number;
  postId: number;
  parentId: number | null;
  userId: number | null;
  /** The pen name (members) or the name given (guests). */
  name: string;
  /** The member's login, for a link to their page; null for guests. */
  login: string | null;
  /** Sanitized HTML. */
  body: string;
  createdAt: string;
  /** Held by the spam check until an admin approves it: only admins see it meanwhile. */
  held: boolean;
  /** Why it was held. */
  heldReason: string | null;
}

export interface NewsPostInput {
  title: string;
  body: string;
  tags: string[];
}

export interface NewNewsComment {
  postId: number;
  parentId: number | null;
  userId: number | null;
  pseudId: number | null;
  guestName: string | null;
  guestEmail: string | null;
  body: string;
  addressKey: string | null;
  /** Why the spam check held it, when it did. */
  heldReason?: string | null;
}

function tagKey(name: string): string {
  return name.normalize('NFC').toLowerCase();
}

/** Site news: posts, their tags and their comments. */
export class NewsStore {
  constructor(private readonly db: Db) {}

  private basePosts() {
    return this.db
      .selectFrom('news_posts')
      .leftJoin('users', 'users.id', 'news_posts.user_id')
      .select((eb) => [
        'news_posts.id',
        'news_posts.title',
        'news_posts.body',
        'news_posts.created_at',
        'news_posts.updated_at',
        'users.login',
        eb
          .selectFrom('news_comments')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('news_comments.post_id', '=', 'news_posts.id')
          .where('news_comments.status', '=', 'published')
          .as('comment_count'),
      ]);
  }

  private async withTags(
    rows: {
      id: number;
      title: string;
      body: string;
      created_at: string;
      updated_at: string;
      login: string | null;
      comment_count: number | string | bigint | null;
    }[],
  ): Promise<NewsPost[]> {
    if (rows.length === 0) return [];
    const tags = await this.db
      .selectFrom('news_post_tags')
      .select(['post_id', 'name'])
      .where(
        'post_id',
        'in',
        rows.map((r) => r.id),
      )
      .orderBy('post_id')
      .orderBy('position')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      tags: tags.filter((t) => t.post_id === r.id).map((t) => t.name),
      authorLogin: r.login,
      commentCount: Number(r.comment_count ?? 0),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
    }));
  }

  /** Newest first; with `tag`, only posts carrying it. */
  async list(options: { limit: number; offset: number; tag?: string }): Promise<{ posts: NewsPost[]; total: number }> {
    let ids = this.db.selectFrom('news_posts').select('news_posts.id');
    if (options.tag !== undefined) {
      const key = tagKey(options.tag);
      ids = ids.where((eb) =>
        eb.exists(
          eb
            .selectFrom('news_post_tags')
            .select('news_post_tags.post_id')
            .whereRef('news_post_tags.post_id', '=', 'news_posts.id')
            .where('news_post_tags.name_key', '=', key),
        ),
      );
    }
    const totalRow = await this.db
      .selectFrom(ids.as('matching'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await this.basePosts()
      .where('news_posts.id', 'in', ids)
      .orderBy('news_posts.created_at', 'desc')
      .orderBy('news_posts.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return { posts: await this.withTags(rows), total: Number(totalRow.n) };
  }

  async find(id: number): Promise<NewsPost | undefined> {
    const row = await this.basePosts().where('news_posts.id', '=', id).executeTakeFirst();
    return row ? (await this.withTags([row]))[0] : undefined;
  }

  /** When any post last changed (for the feed), or undefined with no posts. */
  async lastUpdated(): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('news_posts')
      .select((eb) => eb.fn.max('updated_at').as('at'))
      .executeTakeFirst();
    return row?.at ?? undefined;
  }

  async create(userId: number, input: NewsPostInput): Promise<number> {
    const at = now();
    return this.db.transaction().execute(async (tx) => {
      const row = await tx
        .insertInto('news_posts')
        .values({ title: input.title, body: input.body, user_id: userId, created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      if (input.tags.length > 0)
        await tx
          .insertInto('news_post_tags')
          .values(input.tags.map((name, position) => ({ post_id: row.id, position, name, name_key: tagKey(name) })))
          .execute();
      return row.id;
    });
  }

  /** Replaces a post's title, body and tags; false when there is no such post. */
  async update(id: number, input: NewsPostInput): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('news_posts')
        .set({ title: input.title, body: input.body, updated_at: now() })
        .where('id', '=', id)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) return false;
      await tx.deleteFrom('news_post_tags').where('post_id', '=', id).execute();
      if (input.tags.length > 0)
        await tx
          .insertInto('news_post_tags')
          .values(input.tags.map((name, position) => ({ post_id: id, position, name, name_key: tagKey(name) })))
          .execute();
      return true;
    });
  }

  async delete(id: number): Promise<boolean> {
    const result = await this.db.deleteFrom('news_posts').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Comments with who wrote them, for a post's page and for admins' actions on one. */
  private commentsWithWriters() {
    return this.db
      .selectFrom('news_comments')
      .leftJoin('pseuds', 'pseuds.id', 'news_comments.pseud_id')
      .leftJoin('users', 'users.id', 'news_comments.user_id')
      .select([
        'news_comments.id',
        'news_comments.post_id',
        'news_comments.parent_id',
        'news_comments.user_id',
        'news_comments.guest_name',
        'news_comments.body',
        'news_comments.created_at',
        'news_comments.status',
        'news_comments.held_reason',
        'pseuds.name as pseud_name',
        'users.login',
      ]);
  }

  /** A post's comments, oldest first; held ones only with `withHeld` (for admins). */
  async comments(postId: number, withHeld = false): Promise<NewsComment[]> {
    let query = this.commentsWithWriters().where('news_comments.post_id', '=', postId);
    if (!withHeld) query = query.where('news_comments.status', '=', 'published');
    const rows = await query.orderBy('news_comments.created_at').orderBy('news_comments.id').execute();
    return rows.map(toNewsComment);
  }

  /**
   * Publishes a held comment, with the staff action's log lines in the same transaction (written
   * only when a comment was approved); false when there is no such held comment.
   */
  async approveComment(id: number, audit?: AuditLines): Promise<boolean> {
    return this.db.transaction().execute(async (tx) => {
      const result = await tx
        .updateTable('news_comments')
        .set({ status: 'published', held_reason: null })
        .where('id', '=', id)
        .where('status', '=', 'held')
        .executeTakeFirst();
      const approved = Number(result.numUpdatedRows) > 0;
      if (approved) await insertAuditLines(tx, audit);
      return approved;
    });
  }

  /** Held news comments across the archive, newest first, with their post's title (for the admin dashboard). */
  async listHeld(limit: number): Promise<{ comments: (NewsComment & { postTitle: string })[]; total: number }> {
    const [rows, total] = await Promise.all([
      this.db
        .selectFrom('news_comments')
        .innerJoin('news_posts', 'news_posts.id', 'news_comments.post_id')
        .select(['news_comments.id', 'news_comments.post_id', 'news_posts.title'])
        .where('news_comments.status', '=', 'held')
        .orderBy('news_comments.id', 'desc')
        .limit(limit)
        .execute(),
      this.db
        .selectFrom('news_comments')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'held')
        .executeTakeFirstOrThrow(),
    ]);
    const byPost = new Map<number, NewsComment[]>();
    for (const postId of new Set(rows.map((r) => r.post_id))) byPost.set(postId, await this.comments(postId, true));
    return {
      comments: rows.flatMap((r) => {
        const comment = byPost.get(r.post_id)?.find((c) => c.id === r.id);
        return comment ? [{ ...comment, postTitle: r.title }] : [];
      }),
      total: Number(total.n),
    };
  }

  /** Whether a news comment with exactly this text was posted on another post since then. */
  async sameTextElsewhere(body: string, postId: number, since: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('news_comments')
      .select('id')
      .where('body', '=', body)
      .where('post_id', '<>', postId)
      .where('created_at', '>=', since)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** One comment, with who wrote it and whether it is held (for admins' actions and their log lines). */
  async findComment(id: number): Promise<NewsComment | undefined> {
    const row = await this.commentsWithWriters().where('news_comments.id', '=', id).executeTakeFirst();
    return row && toNewsComment(row);
  }

  async addComment(comment: NewNewsComment): Promise<number> {
    const row = await this.db
      .insertInto('news_comments')
      .values({
        post_id: comment.postId,
        parent_id: comment.parentId,
        user_id: comment.userId,
        pseud_id: comment.pseudId,
        guest_name: comment.guestName,
        guest_email: comment.guestEmail,
        body: comment.body,
        address_key: comment.addressKey,
        created_at: now(),
        ...(comment.heldReason ? { status: 'held', held_reason: comment.heldReason } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Deletes a comment and its replies, with the staff action's log lines, in one transaction. */
  async deleteComment(id: number, audit?: AuditLines): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await tx.deleteFrom('news_comments').where('parent_id', '=', id).execute();
      const result = await tx.deleteFrom('news_comments').where('id', '=', id).executeTakeFirst();
      if (Number(result.numDeletedRows) > 0) await insertAuditLines(tx, audit);
    });
  }

  /** News comments a member or an address (by its key) posted since then, for the comment limits. */
  async countRecent(by: { userId: number } | { addressKey: string }, since: string): Promise<number> {
    let query = this.db
      .selectFrom('news_comments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>=', since);
    query = 'userId' in by ? query.where('user_id', '=', by.userId) : query.where('address_key', '=', by.addressKey);
    const row = await query.executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

function toNewsComment(r: {
  id: number;
  post_id: number;
  parent_id: number | null;
  user_id: number | null;
  guest_name: string | null;
  body: string;
  created_at: string;
  status: string;
  held_reason: string | null;
  pseud_name: string | null;
  login: string | null;
}): NewsComment {
  return {
    id: r.id,
    postId: r.post_id,
    parentId: r.parent_id,
    userId: r.user_id,
    name: r.pseud_name ?? r.login ?? r.guest_name ?? 'A former member',
    login: r.login,
    body: r.body,
    createdAt: r.created_at,
    held: r.status === 'held',
    heldReason: r.held_reason,
  };
}
