/** Site news: admins post (title, body, tags), everyone reads, members (and guests, when allowed) comment. */
import { createHash } from 'node:crypto';
import { COMMENT_LIMITS, validateComment } from '../domain/comments.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import { isRowId } from '../domain/ids.ts';
import type { NewsComment, NewsPost, Pseud } from '../store/index.ts';
import { formatUserText } from '../text/sanitize.ts';
import type { ModuleDeps } from './deps.ts';
import type { Viewer } from './viewer.ts';
import { excerpt, htmlToPlainText } from '../text/plain-text.ts';
import { isNewAccount } from '../domain/spam.ts';
import { commentSpamReasons } from './comment-spam.ts';
import { FormClock } from './form-time.ts';

export const NEWS_LIMITS = { title: 200, body: 100_000, tags: 20, tag: 100 } as const;
export const NEWS_PAGE_SIZE = 10;
export const HOME_NEWS = 3;
const FEED_SIZE = 20;
const EXCERPT_LENGTH = 240;

const NO_POST = 'There is no such news post. It may have been deleted.';
const NOTHING_LEFT = 'Nothing of your comment is left once unsafe markup is taken out. Write it as plain text.';

/** A post as the home page lists it: a short plain-text excerpt of its body. */
export interface NewsTeaser {
  id: number;
  title: string;
  createdAt: string;
  excerpt: string;
}

export interface NewsPage {
  posts: NewsPost[];
  page: number;
  pages: number;
  total: number;
  /** The tag the list is narrowed to, as asked for. */
  tag?: string;
}

/** A comment with its replies (one level). */
export interface NewsThread {
  comment: NewsComment;
  replies: NewsComment[];
}

/** What a news post's page needs. */
export interface NewsPostView {
  post: NewsPost;
  threads: NewsThread[];
  /** The viewer may write a comment (member, or guest while guests may comment). */
  canComment: boolean;
  /** Why a member may not comment until they confirm their email address, when that is so. */
  unconfirmedEmail?: string;
  /** The viewer may edit the post and delete comments. */
  isAdmin: boolean;
  pseuds: Pseud[];
  /** The comment form's signed time field (for the spam check). */
  shownAt: string;
}

export interface NewsPostForm {
  title: string;
  body: string;
  /** Comma-separated, as typed. */
  tags: string;
}

export interface NewsCommentForm {
  body: string;
  pseudId: string;
  guestName: string;
  guestEmail: string;
  parentId: string;
  /** The spam check's honeypot and the form's signed time. */
  website?: string;
  shownAt?: string;
}

export type NewsCommentPosting =
  | {
      kind: 'posted';
      postId: number;
      commentId: number;
      /** Waits for an admin: the spam check held it. */ held: boolean;
    }
  | { kind: 'too-many'; message: string }
  | { kind: 'invalid'; errors: Record<string, string>; view: NewsPostView };

function parseId(value: string, what: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || !isRowId(id)) throw new NotFoundError(`There is no such ${what}.`);
  return id;
}

/** The tags typed into the form: comma-separated, spaces folded, duplicates dropped. */
export function parseNewsTags(typed: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const part of typed.split(/[,，、]/)) {
    const tag = part.replace(/\s+/g, ' ').trim();
    const key = tag.normalize('NFC').toLowerCase();
    if (tag === '' || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
  }
  return tags;
}

/** The text of some HTML, shortened at a word to about `length` characters. */
export function plainExcerpt(html: string, length = EXCERPT_LENGTH): string {
  return excerpt(htmlToPlainText(html), length);
}

export class News {
  /** Signs comment forms' time fields; its cookie secret also salts address keys. */
  private readonly clock: FormClock;

  constructor(private readonly deps: ModuleDeps) {
    this.clock = new FormClock(deps.store);
  }

  private async addressKey(address: string): Promise<string> {
    return createHash('sha256')
      .update(`news-comment-address:${await this.clock.cookieSecret()}:${address}`)
      .digest('hex');
  }

  /** The newest posts, short, for the home page. */
  async latest(): Promise<NewsTeaser[]> {
    const { posts } = await this.deps.store.news.list({ limit: HOME_NEWS, offset: 0 });
    return posts.map((p) => ({ id: p.id, title: p.title, createdAt: p.createdAt, excerpt: plainExcerpt(p.body) }));
  }

  /** One page of posts, newest first, optionally those with a tag. */
  async page(pageTyped: string, tagTyped: string): Promise<NewsPage> {
    const page = /^\d{1,6}$/.test(pageTyped) && Number(pageTyped) >= 1 ? Number(pageTyped) : 1;
    const tag = tagTyped.replace(/\s+/g, ' ').trim() || undefined;
    const { posts, total } = await this.deps.store.news.list({
      limit: NEWS_PAGE_SIZE,
      offset: (page - 1) * NEWS_PAGE_SIZE,
      tag,
    });
    const pages = Math.max(1, Math.ceil(total / NEWS_PAGE_SIZE));
    if (page > pages) throw new NotFoundError(`There are only ${pages} ${pages === 1 ? 'page' : 'pages'} of news.`);
    return { posts, page, pages, total, tag };
  }

  /** The newest posts for the Atom feed, and when the news last changed. */
  async feed(): Promise<{ posts: NewsPost[]; updated: string | undefined }> {
    const [{ posts }, updated] = await Promise.all([
      this.deps.store.news.list({ limit: FEED_SIZE, offset: 0 }),
      this.deps.store.news.lastUpdated(),
    ]);
    return { posts, updated };
  }

  /** A post with its comments, as this viewer sees it. */
  async post(viewer: Viewer, idTyped: string): Promise<NewsPostView> {
    const { store } = this.deps;
    const post = await store.news.find(parseId(idTyped, 'news post'));
    if (!post) throw new NotFoundError(NO_POST);
    const isAdmin = await this.deps.archive.staff.isAdmin(viewer);
    const [comments, settings, pseuds, refusal, shownAt] = await Promise.all([
      store.news.comments(post.id, isAdmin),
      this.deps.archive.invitations.settings(),
      viewer ? store.pseuds.listForUser(viewer.id) : Promise.resolve([]),
      viewer ? this.deps.archive.recovery.writingRefusal(viewer, 'comment') : Promise.resolve(undefined),
      this.clock.now(),
    ]);
    const threads: NewsThread[] = comments
      .filter((c) => c.parentId === null)
      .map((comment) => ({ comment, replies: comments.filter((c) => c.parentId === comment.id) }));
    // No form for a member who may not comment yet: what they typed would only be refused.
    const shown = { post, threads, isAdmin, pseuds, shownAt };
    if (refusal) return { ...shown, canComment: false, unconfirmedEmail: refusal.message };
    return { ...shown, canComment: viewer !== null || settings.newsGuestComments };
  }

  /** Posts a comment (or a reply to a top-level comment) on a news post. */
  async comment(viewer: Viewer, address: string, idTyped: string, form: NewsCommentForm): Promise<NewsCommentPosting> {
    const { store } = this.deps;
    const view = await this.post(viewer, idTyped);
    if (!view.canComment)
      throw new ForbiddenError('Only registered users can comment on news posts. Log in to comment.');
    await this.deps.archive.recovery.requireMayWrite(viewer, 'comment');
    let parentId: number | null = null;
    if (form.parentId) {
      const parent = await store.news.findComment(parseId(form.parentId, 'comment'));
      if (!parent || parent.postId !== view.post.id)
        throw new NotFoundError('The comment you replied to is no longer there.');
      // Replies stay one level deep: a reply to a reply joins its thread.
      parentId = parent.parentId ?? parent.id;
    }
    const since = new Date(Date.now() - COMMENT_LIMITS.rateWindowMinutes * 60_000).toISOString();
    const addressKey = await this.addressKey(address);
    const recent = viewer
      ? await store.news.countRecent({ userId: viewer.id }, since)
      : await store.news.countRecent({ addressKey }, since);
    const limit = viewer ? COMMENT_LIMITS.perUser : COMMENT_LIMITS.perAddress;
    if (recent >= limit)
      return {
        kind: 'too-many',
        message: `You have posted ${limit} comments in the last ${COMMENT_LIMITS.rateWindowMinutes} minutes. Wait a few minutes and try again; what you wrote was not posted.`,
      };
    try {
      const valid = validateComment(form, !viewer);
      const body = formatUserText(valid.body);
      if (body === '') throw new ValidationError({ body: NOTHING_LEFT });
      const pseud =
        view.pseuds.find((p) => String(p.id) === form.pseudId) ??
        view.pseuds.find((p) => p.isDefault) ??
        view.pseuds[0];
      const spam = view.isAdmin
        ? undefined
        : await this.spamReasons(viewer, view.post.id, addressKey, form, valid.body, body);
      const commentId = await store.news.addComment({
        postId: view.post.id,
        parentId,
        userId: viewer?.id ?? null,
        pseudId: pseud?.id ?? null,
        guestName: valid.guestName,
        guestEmail: valid.guestEmail,
        body,
        addressKey,
        heldReason: spam ? `The archive’s spam check held it: ${spam.join('; ')}.` : null,
      });
      return { kind: 'posted', postId: view.post.id, commentId, held: spam !== undefined };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The form shown again keeps the time it was first shown.
      return {
        kind: 'invalid',
        errors: error.fieldErrors,
        view: { ...view, shownAt: await this.clock.keep(form.shownAt) },
      };
    }
  }

  /**
   * Why a news comment looks like spam (src/domain/spam.ts), or undefined: asked for guests and
   * for members whose account is new, as for comments on works.
   */
  private async spamReasons(
    viewer: Viewer,
    postId: number,
    addressKey: string,
    form: NewsCommentForm,
    text: string,
    html: string,
  ): Promise<string[] | undefined> {
    if (viewer && !isNewAccount(viewer.createdAt, Date.now())) return undefined;
    const { news } = this.deps.store;
    return commentSpamReasons(this.clock, {
      text,
      form,
      sameTextSince: (since) => news.sameTextElsewhere(html, postId, since),
      fromAddressSince: (since) => news.countRecent({ addressKey }, since),
    });
  }

  /** Admins let a held comment be seen (a staff action: it goes to the audit log); returns the post it is on. */
  async approveComment(viewer: Viewer, idTyped: string): Promise<number> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const comment = await this.deps.store.news.findComment(parseId(idTyped, 'comment'));
    if (!comment) throw new NotFoundError('There is no such comment. It may have been deleted.');
    // The store writes the line only when a held comment was approved, in the same transaction.
    await this.deps.store.news.approveComment(
      comment.id,
      this.deps.archive.audit.entry(admin, 'news-comment.approve', await this.commentTarget(comment)),
    );
    return comment.postId;
  }

  /** A news comment as the audit log names it: "a held comment by X on the news post “Title”". */
  private async commentTarget(comment: { id: number; postId: number; name: string; held: boolean }) {
    const post = await this.deps.store.news.find(comment.postId);
    return {
      kind: 'news-comment',
      id: comment.id,
      label: `a ${comment.held ? 'held ' : ''}comment by ${comment.name} on the news post “${post?.title ?? 'a deleted post'}”`,
    };
  }

  /** Held news comments, for the admin dashboard (the caller has checked the viewer). */
  async held(limit: number) {
    return this.deps.store.news.listHeld(limit);
  }

  /** Admins delete a comment (and its replies), held or not, with a line in the audit log; returns the post it was on. */
  async deleteComment(viewer: Viewer, idTyped: string): Promise<number> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    const comment = await this.deps.store.news.findComment(parseId(idTyped, 'comment'));
    if (!comment) throw new NotFoundError('There is no such comment. It may have been deleted.');
    await this.deps.store.news.deleteComment(
      comment.id,
      this.deps.archive.audit.entry(admin, 'news-comment.delete', await this.commentTarget(comment)),
    );
    return comment.postId;
  }

  /** Every post, for the admin list. */
  async forAdmin(viewer: Viewer, pageTyped: string): Promise<NewsPage> {
    await this.deps.archive.staff.requireAdmin(viewer);
    return this.page(pageTyped, '');
  }

  /** A post as its edit form starts. */
  async editForm(viewer: Viewer, idTyped: string): Promise<{ id: number; form: NewsPostForm }> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const post = await this.deps.store.news.find(parseId(idTyped, 'news post'));
    if (!post) throw new NotFoundError(NO_POST);
    return { id: post.id, form: { title: post.title, body: post.body, tags: post.tags.join(', ') } };
  }

  async create(viewer: Viewer, form: NewsPostForm): Promise<number> {
    const admin = await this.deps.archive.staff.requireAdmin(viewer);
    return this.deps.store.news.create(admin.id, validatePost(form));
  }

  async update(viewer: Viewer, idTyped: string, form: NewsPostForm): Promise<number> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const id = parseId(idTyped, 'news post');
    const input = validatePost(form);
    if (!(await this.deps.store.news.update(id, input))) throw new NotFoundError(NO_POST);
    return id;
  }

  /** Deletes a post with its comments; returns its title. */
  async delete(viewer: Viewer, idTyped: string): Promise<string> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const post = await this.deps.store.news.find(parseId(idTyped, 'news post'));
    if (!post) throw new NotFoundError(NO_POST);
    await this.deps.store.news.delete(post.id);
    return post.title;
  }
}

function validatePost(form: NewsPostForm): { title: string; body: string; tags: string[] } {
  const errors: Record<string, string> = {};
  const title = form.title.replace(/\s+/g, ' ').trim();
  const body = formatUserText(form.body);
  const tags = parseNewsTags(form.tags);
  if (title === '') errors.title = 'Give the post a title.';
  else if ([...title].length > NEWS_LIMITS.title)
    errors.title = `The title is ${[...title].length} characters; the limit is ${NEWS_LIMITS.title}.`;
  if (form.body.trim() === '') errors.body = 'Write the post before publishing it.';
  else if (form.body.length > NEWS_LIMITS.body)
    errors.body = `The post is ${form.body.length.toLocaleString('en')} characters; the limit is ${NEWS_LIMITS.body.toLocaleString('en')}.`;
  else if (body === '')
    errors.body = 'Nothing of the post is left once unsafe markup is taken out. Write it as plain text.';
  if (tags.length > NEWS_LIMITS.tags) errors.tags = `A post takes at most ${NEWS_LIMITS.tags} tags.`;
  else {
    const long = tags.find((t) => [...t].length > NEWS_LIMITS.tag);
    if (long)
      errors.tags = `Tags are at most ${NEWS_LIMITS.tag} characters; “${[...long].slice(0, 30).join('')}…” is longer.`;
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { title, body, tags };
}
