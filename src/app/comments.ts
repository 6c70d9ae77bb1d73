import { isRowId } from '../domain/ids.ts';
import { createHash } from 'node:crypto';
import { FormClock } from './form-time.ts';
import type { Comment, Pseud, Store, Work, WorkBlurb } from '../store/index.ts';
import { requireMember, type Viewer } from './viewer.ts';
import { COMMENT_LIMITS, commentVisibility, decideComment, threadOrder, validateComment } from '../domain/comments.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { CommentPolicy } from '../domain/works.ts';
import { formatUserText } from '../text/sanitize.ts';
import { commentAsShown, creatorUserIds, readableChapters, type WorkAccess } from './access.ts';
import { isNewAccount } from '../domain/spam.ts';
import { commentSpamReasons } from './comment-spam.ts';
import { quoteWithin } from '../domain/passage-anchor.ts';
import { paragraphTexts } from '../text/paragraph-text.ts';

/** One comment as this reader sees it, in thread order. */
export interface ShownComment {
  comment: Comment;
  indent: number;
  /** 'placeholder' keeps a deleted or hidden comment's place in its thread. */
  shown: 'full' | 'placeholder';
  /** The name of the comment it answers, for "in reply to …". */
  replyToName?: string;
  /** The viewer's pen name a reply to this comment defaults to. */
  replyPseudId?: number;
}

/** What the comment section of a work or chapter page needs. */
export interface CommentsView {
  workId: number;
  policy: CommentPolicy;
  moderated: boolean;
  /** The chapter new comments are about, or null for the whole work. */
  chapterId: number | null;
  /** "Comments on Chapter 2" or "Comments". */
  heading: string;
  /** Published comments in this view. */
  count: number;
  comments: ShownComment[];
  isCreator: boolean;
  /** The viewer's pen names (empty for guests). */
  pseuds: Pseud[];
  /** The pen name a new comment defaults to (`defaultPseudId`). */
  defaultPseudId?: number;
  /** True when the viewer may write: the policy allows them and they are not blocked. */
  canComment: boolean;
  /** Why the form is missing, when it is. */
  closedReason?: string;
  /** The form is missing until the viewer confirms their address (the page offers to resend the link). */
  unconfirmedEmail?: boolean;
  /** When the comment forms were shown, signed (their hidden time field, for the spam score). */
  shownAt: string;
  /** Whether readers may comment on a paragraph of the text shown (the work takes passage comments and the viewer may comment). */
  passageComments: boolean;
  /** How many comments each commented paragraph of the chapters shown has (also when passage comments are off: none then). */
  passageCounts: { chapterId: number; paragraph: number; count: number }[];
  /** On a passage's own page: the passage new comments are about, and only its threads are listed. */
  passage?: PassageTarget;
}

/** A paragraph of a chapter (and the sentence quoted from it, checked to be in it) that comments are about. */
export interface PassageTarget {
  chapterId: number;
  chapterPosition: number;
  paragraph: number;
  /** The paragraph's plain text. */
  text: string;
  quote: string | null;
}

/** What a comment form needs besides the values typed. */
export type CommentFormView = Pick<CommentsView, 'pseuds' | 'moderated' | 'isCreator' | 'shownAt'>;

/** A comment as its form sends it: fields as typed, ids as they came. */
export interface CommentForm {
  body: string;
  pseudId: string;
  guestName: string;
  guestEmail: string;
  /** The comment answered, or '' for a new thread. */
  parentId: string;
  /** The chapter commented on, or '' for the whole work (a reply goes with its parent's). */
  chapterId: string;
  /** The honeypot field, hidden from people: anything in it is a sign of a script. */
  website?: string;
  /** The form's signed time field (see CommentsView.shownAt). */
  shownAt?: string;
  /** The paragraph (1-based) of the chapter a new comment is about, or '' for the chapter as a whole. */
  paragraph?: string;
  /** The sentence quoted from that paragraph; kept only when it is in the paragraph's text. */
  quote?: string;
}

/** What posting a comment came to, short of the outcomes thrown (no such work or comment, not allowed). */
export type CommentPosting =
  | { kind: 'posted'; comment: Comment; /** Waits for a creator's approval. */ held: boolean }
  /** The member posted as many comments as the archive takes in a while. */
  | { kind: 'too-many'; message: string }
  /** The form is shown again with these errors, for this work and commenter. */
  | {
      kind: 'invalid';
      errors: Record<string, string>;
      work: Work;
      view: CommentFormView;
    };

/**
 * The viewer's pen name a comment defaults to: on a reply, the pen name of theirs the answered
 * comment is by, or the one it answered (it was addressed to them); else the pen name of theirs
 * the work is by; else their default pen name. `thread` finds the comment answered by the answered one.
 */
export function defaultPseudId(
  pseuds: Pseud[],
  work: WorkBlurb,
  viewerId: number | null,
  replyTo?: Comment,
  thread?: (id: number) => Comment | undefined,
): number | undefined {
  if (viewerId === null || pseuds.length === 0) return undefined;
  const ownPseudOf = (comment: Comment | undefined) =>
    comment && comment.userId === viewerId && !comment.deleted
      ? pseuds.find((p) => p.name === comment.pseudName)?.id
      : undefined;
  const answered = replyTo?.parentId != null ? thread?.(replyTo.parentId) : undefined;
  return (
    ownPseudOf(replyTo) ??
    ownPseudOf(answered) ??
    work.creators.find((c) => c.userId === viewerId && c.accepted && pseuds.some((p) => p.id === c.pseudId))?.pseudId ??
    (pseuds.find((p) => p.isDefault) ?? pseuds[0]).id
  );
}

/** A comment an inbox notice is about, as the member may see it now, and whether they may answer it there. */
export type NoticeComment =
  | {
      kind: 'shown';
      comment: Comment;
      workTitle: string;
      /** The reply form's choices, when the member may reply to it. */
      reply?: { view: CommentFormView; pseudId?: number };
    }
  /** Deleted, hidden from the member, or the work is closed to them: nothing of it is shown. */
  | { kind: 'gone' };

/** What the work's creators may do to a comment on it. */
export type Moderation = 'approve' | 'hide' | 'unhide' | 'freeze' | 'unfreeze';

const NO_COMMENT = 'There is no such comment. It may have been deleted.';
/** Why a work refuses comments on a passage. */
export const PASSAGE_COMMENTS_OFF =
  'The creators of this work do not take comments on a passage. Comment on the chapter as a whole instead.';
const NOTHING_LEFT = 'Nothing of your comment is left once unsafe markup is taken out. Write it as plain text.';

/** An id from an address or a form; anything but a positive integer is no such thing. */
function parseId(value: string | undefined, what: string): number {
  const id = Number(value);
  if (!isRowId(id)) throw new NotFoundError(`There is no such ${what}.`);
  return id;
}

/** A comment's text as it is kept: checked, and made safe. */
function commentHtml(body: string): string {
  const html = formatUserText(body);
  if (html === '') throw new ValidationError({ body: NOTHING_LEFT });
  return html;
}

/** Why a comment from an address a moderator held after spam waits for approval. */
export const HELD_ADDRESS_REASON =
  'It came from an address the archive’s moderators hold for review after spam was sent from it.';

export class Comments {
  /** Signs the forms' time fields; its cookie secret also salts address keys. */
  private readonly clock: FormClock;

  constructor(
    private readonly store: Store,
    private readonly access: WorkAccess,
    /** Why this member may not comment yet (an address not confirmed), if so; see AccountRecovery. */
    private readonly writingRefusal?: (viewer: Viewer) => Promise<Error | undefined>,
  ) {
    this.clock = new FormClock(store);
  }

  /** The address, salted and hashed: enough to count comments from it, never the address itself. */
  private async addressKey(address: string): Promise<string> {
    return createHash('sha256')
      .update(`comment-address:${await this.cookieSecret()}:${address}`)
      .digest('hex');
  }

  private cookieSecret(): Promise<string> {
    return this.clock.cookieSecret();
  }

  /** The signed time field of comment forms shown now. */
  private shownNow(): Promise<string> {
    return this.clock.now();
  }

  /**
   * Why a comment looks like spam (src/domain/spam.ts), or undefined when it does not: asked for
   * guests and for members whose account is new, never for the work's creators.
   */
  private async spamReasons(
    viewer: Viewer,
    creator: boolean,
    work: Work,
    addressKey: string,
    form: CommentForm,
    text: string,
    html: string,
  ): Promise<string[] | undefined> {
    if (creator || (viewer && !isNewAccount(viewer.createdAt, Date.now()))) return undefined;
    return commentSpamReasons(this.clock, {
      text,
      form,
      sameTextSince: (since) => this.store.comments.sameTextElsewhere(html, work.id, since),
      // The creators' own answers from the same address (a shared connection) are not the commenter's speed.
      fromAddressSince: (since) => this.store.comments.countRecentByAddress(addressKey, since, creatorUserIds(work)),
    });
  }

  /** A comment on a work the viewer may read, which they may see in full. */
  private async visible(viewer: Viewer, id: string) {
    const comment = await this.store.comments.find(parseId(id, 'comment'));
    if (!comment) throw new NotFoundError(NO_COMMENT);
    const { work, creator } = await this.access.readable(viewer, comment.workId);
    if (commentVisibility(comment, viewer?.id ?? null, creator) !== 'full') throw new NotFoundError(NO_COMMENT);
    return { comment, work, creator };
  }

  /**
   * Posts a comment on a work, or a reply to one of its comments, from a member or a guest (from
   * `address`), as the work's comment rules allow; held for approval on moderated works.
   */
  async post(viewer: Viewer, address: string, workId: string, form: CommentForm): Promise<CommentPosting> {
    const { work, creator } = await this.access.readable(viewer, parseId(workId, 'work'), 'comment');
    const parent = form.parentId ? await this.store.comments.find(parseId(form.parentId, 'comment')) : undefined;
    if (
      form.parentId &&
      (!parent || parent.workId !== work.id || commentVisibility(parent, viewer?.id ?? null, creator) !== 'full')
    ) {
      throw new NotFoundError('The comment you replied to is no longer there.');
    }
    let chapterId: number | null = parent ? parent.chapterId : null;
    if (!parent && form.chapterId) {
      const chapter = readableChapters(work, creator).find((c) => String(c.id) === form.chapterId);
      if (!chapter) throw new NotFoundError('This work has no such chapter.');
      chapterId = chapter.id;
    }

    const commenter = await this.commenter(work, viewer, creator, parent?.userId);
    const decision = decideComment(
      work.commentPolicy,
      work.moderated,
      commenter,
      parent ? { frozen: parent.frozen, open: parent.status === 'published' && !parent.deleted } : undefined,
    );
    if (!decision.allowed) throw new ForbiddenError(decision.message);
    const refusal = await this.writingRefusal?.(viewer);
    if (refusal) throw refusal;
    const passage =
      !parent && form.paragraph ? await this.passage(work, creator, chapterId, form.paragraph, form.quote) : null;

    if (viewer) {
      const since = new Date(Date.now() - COMMENT_LIMITS.rateWindowMinutes * 60_000).toISOString();
      if ((await this.store.comments.countRecentByUser(viewer.id, since)) >= COMMENT_LIMITS.perUser) {
        return {
          kind: 'too-many',
          message: `You have posted ${COMMENT_LIMITS.perUser} comments in the last ${COMMENT_LIMITS.rateWindowMinutes} minutes. Wait a few minutes and try again; what you wrote was not posted.`,
        };
      }
    }

    const pseuds = viewer ? await this.store.pseuds.listForUser(viewer.id) : [];
    const addressKey = await this.addressKey(address);
    let status = decision.status;
    let heldReason: string | null = null;
    // After spam came from this address, what it sends waits for approval.
    if (status === 'published' && (await this.store.heldAddresses.isHeld(addressKey))) {
      status = 'held';
      heldReason = HELD_ADDRESS_REASON;
    }
    try {
      const valid = validateComment(form, !viewer);
      const body = commentHtml(valid.body);
      // Held, never dropped: a false alarm costs the reader a wait for approval, not their words.
      const spam =
        status === 'published'
          ? await this.spamReasons(viewer, creator, work, addressKey, form, valid.body, body)
          : undefined;
      if (spam) {
        status = 'held';
        heldReason = `The archive’s spam check held it: ${spam.join('; ')}.`;
      }
      const grandparent = parent?.parentId != null ? await this.store.comments.find(parent.parentId) : undefined;
      const fallback = defaultPseudId(pseuds, work, viewer?.id ?? null, parent, () => grandparent);
      const pseud =
        pseuds.find((p) => String(p.id) === form.pseudId) ?? pseuds.find((p) => p.id === fallback) ?? pseuds[0];
      const comment = await this.store.comments.post(
        {
          workId: work.id,
          chapterId,
          parentId: parent?.id ?? null,
          userId: viewer?.id ?? null,
          pseudId: pseud?.id ?? null,
          guestName: valid.guestName,
          guestEmail: valid.guestEmail,
          body,
          status,
          heldReason,
          addressKey,
          passage: passage && { paragraph: passage.paragraph, text: passage.text, quote: passage.quote },
        },
        { title: work.title, creatorUserIds: creatorUserIds(work) },
      );
      return { kind: 'posted', comment, held: status === 'held' };
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return {
        kind: 'invalid',
        errors: error.fieldErrors,
        work,
        view: {
          pseuds,
          moderated: work.moderated,
          isCreator: creator,
          // The form shown again keeps the time it was first shown, when that time is this archive's.
          shownAt: await this.clock.keep(form.shownAt),
        },
      };
    }
  }

  /**
   * The paragraph `paragraph` (from a form or an address) of a chapter of the work, when the work
   * takes passage comments, with the quote kept only when it really is in that paragraph.
   */
  private async passage(
    work: Work,
    creator: boolean,
    chapterId: number | null,
    paragraph: string,
    quote: string | undefined,
  ): Promise<PassageTarget> {
    if (work.passageComments === false) throw new ForbiddenError(PASSAGE_COMMENTS_OFF);
    const summary = readableChapters(work, creator).find((c) => c.id === chapterId);
    if (!summary) throw new NotFoundError('Comments on a passage are about a chapter: this work has no such chapter.');
    const chapter = await this.store.works.chapter(work.id, summary.id);
    const texts = chapter ? paragraphTexts(chapter.body) : [];
    const n = Number(paragraph);
    if (!Number.isInteger(n) || n < 1 || n > texts.length)
      throw new NotFoundError(
        `This chapter has no paragraph ${paragraph.slice(0, 20)}. It may have been changed since.`,
      );
    return {
      chapterId: summary.id,
      chapterPosition: summary.position,
      paragraph: n,
      text: texts[n - 1],
      quote: quote ? quoteWithin(quote, texts[n - 1]) : null,
    };
  }

  /**
   * The page of one paragraph of a chapter: the paragraph (and the sentence quoted, when it is in
   * it), the comment threads on it, and the form to add one, as the work's comment rules allow.
   * A viewer who may not comment here is told why, as when posting.
   */
  async passageSection(
    viewer: Viewer,
    workId: string,
    chapterId: string,
    paragraph: string,
    quote: string,
  ): Promise<{ work: Work; view: CommentsView }> {
    const { work, creator } = await this.access.readable(viewer, parseId(workId, 'work'));
    const summary = readableChapters(work, creator).find((c) => String(c.id) === chapterId);
    if (!summary) throw new NotFoundError('This work has no such chapter.');
    const passage = await this.passage(work, creator, summary.id, paragraph, quote);
    const multiChapter = readableChapters(work, creator).length > 1;
    const view = await this.section(viewer, work, creator, summary, multiChapter, passage);
    return { work, view };
  }

  /**
   * The comment an inbox notice is about, as the member may see it now (with the work's rules asked
   * now, not when the notice was written), and the reply form if they may answer it.
   */
  async forNotice(viewer: Viewer, commentId: number): Promise<NoticeComment> {
    const member = requireMember(viewer);
    const comment = await this.store.comments.find(commentId);
    if (!comment || comment.deleted) return { kind: 'gone' };
    const work = await this.store.works.find(comment.workId);
    if (!work || !this.access.mayRead(work, member)) return { kind: 'gone' };
    const creator = creatorUserIds(work).includes(member.id);
    if (commentVisibility(comment, member.id, creator) !== 'full') return { kind: 'gone' };
    const commenter = await this.commenter(work, member, creator, comment.userId);
    const decision = decideComment(work.commentPolicy, work.moderated, commenter, {
      frozen: comment.frozen,
      open: comment.status === 'published',
    });
    const shown = commentAsShown(comment, work, member);
    if (!decision.allowed) return { kind: 'shown', comment: shown, workTitle: work.title };
    const pseuds = await this.store.pseuds.listForUser(member.id);
    const answered = comment.parentId !== null ? await this.store.comments.find(comment.parentId) : undefined;
    return {
      kind: 'shown',
      comment: shown,
      workTitle: work.title,
      reply: {
        view: { pseuds, moderated: work.moderated, isCreator: creator, shownAt: await this.shownNow() },
        pseudId: defaultPseudId(pseuds, work, member.id, comment, () => answered),
      },
    };
  }

  /** A comment of the member's own, which they may edit. */
  async own(viewer: Viewer, id: string): Promise<Comment> {
    const member = requireMember(viewer);
    const { comment } = await this.visible(member, id);
    if (comment.userId !== member.id) throw new ForbiddenError('Only the person who wrote a comment can edit it.');
    return comment;
  }

  /** Changes the text of the member's own comment (loaded with `own`). */
  async edit(viewer: Viewer, comment: Comment, body: string): Promise<void> {
    const member = requireMember(viewer);
    if (comment.userId !== member.id) throw new ForbiddenError('Only the person who wrote a comment can edit it.');
    const valid = validateComment({ body }, false);
    await this.store.comments.edit(comment.id, commentHtml(valid.body));
  }

  /** Deletes a comment, for the member who wrote it or a creator of the work. Returns it (for the way back). */
  async delete(viewer: Viewer, id: string): Promise<Comment> {
    const member = requireMember(viewer);
    const { comment, creator } = await this.visible(member, id);
    if (comment.userId !== member.id && !creator)
      throw new ForbiddenError('Only the person who wrote a comment and the work’s creators can delete it.');
    await this.store.comments.delete(comment.id);
    return comment;
  }

  /** Approves, hides or shows a comment, or freezes or opens its thread, for the work's creators. Returns the comment. */
  async moderate(viewer: Viewer, id: string, action: Moderation): Promise<Comment> {
    const member = requireMember(viewer);
    const { comment, work, creator } = await this.visible(member, id);
    if (!creator) throw new ForbiddenError('Only the work’s creators can moderate its comments.');
    const comments = this.store.comments;
    if (action === 'approve')
      await comments.approve(comment.id, { title: work.title, creatorUserIds: creatorUserIds(work) });
    else if (action === 'hide' || action === 'unhide') await comments.setHidden(comment.id, action === 'hide');
    else await comments.setFrozen(comment.threadId, action === 'freeze');
    return comment;
  }

  /** Who the viewer is to the comment rules: a guest, or a member who may be blocked by the creators. */
  async commenter(
    work: Work,
    viewer: Viewer,
    creator: boolean,
    parentAuthorId?: number | null,
    /** Who among the creators blocked the viewer, when already read (with no parent author to ask about). */
    creatorsBlocking?: number[],
  ) {
    if (!viewer) return { kind: 'guest' as const };
    const blockers =
      creatorsBlocking ??
      (await this.store.blocks.blockedBy(viewer.id, [
        ...new Set([...creatorUserIds(work), ...(parentAuthorId ? [parentAuthorId] : [])]),
      ]));
    return {
      kind: 'member' as const,
      isCreator: creator,
      blockedByCreator: creatorUserIds(work).some((id) => blockers.includes(id)),
      blockedByParentAuthor:
        parentAuthorId !== undefined && parentAuthorId !== null && blockers.includes(parentAuthorId),
    };
  }

  /**
   * What a work page's comment section reads: the comments of one chapter or of the whole work,
   * the chapters whose paragraphs it marks, and for a member who among the creators blocked them.
   */
  sectionAsk(
    work: Work,
    chapter: { id: number } | null,
    multiChapter: boolean,
    shownChapterIds: number[],
  ): { commentsOfChapter: number | undefined; passageChapterIds: number[]; blockersAmong: number[] } {
    return {
      commentsOfChapter: chapter && multiChapter ? chapter.id : undefined,
      passageChapterIds: work.passageComments === false ? [] : shownChapterIds,
      blockersAmong: creatorUserIds(work),
    };
  }

  /**
   * The comment section of a work page: the comments this viewer may see, in thread order, and
   * whether they may write. `chapter` is the chapter shown alone, or null for the whole work.
   */
  async section(
    viewer: Viewer,
    work: Work,
    creator: boolean,
    chapter: { id: number; position: number } | null,
    multiChapter: boolean,
    /** Only the threads on this passage (its own page). */
    passage?: PassageTarget,
    /** The chapters shown (the whole work page), for the marks beside their commented paragraphs. */
    shownChapterIds: number[] = chapter ? [chapter.id] : [],
    /** What `sectionAsk` asked for, read with the page. */
    read?: {
      comments: Comment[];
      passageCounts: { chapterId: number; paragraph: number; count: number }[];
      member?: { pseuds: Pseud[]; blockedBy: number[] };
    },
  ): Promise<CommentsView> {
    const ownChapter = chapter && multiChapter ? chapter : null;
    const ask = this.sectionAsk(work, chapter, multiChapter, shownChapterIds);
    const [listed, pseuds, commenter, passageCounts] = await Promise.all([
      read?.comments ?? this.store.comments.listForWork(work.id, passage ? passage.chapterId : ask.commentsOfChapter),
      !viewer ? [] : (read?.member?.pseuds ?? this.store.pseuds.listForUser(viewer.id)),
      this.commenter(work, viewer, creator, undefined, read?.member?.blockedBy),
      read?.passageCounts ?? this.store.comments.passageCounts(ask.passageChapterIds),
    ]);
    // A chapter's count is its published, not deleted comments: all of them are listed here
    // (one statement less per page than asking the database to count them).
    const count =
      ownChapter && !passage ? listed.filter((c) => c.status === 'published' && !c.deleted).length : work.commentCount;
    // A passage's page lists the threads on it: their top comments are anchored there.
    const threads = passage
      ? new Set(listed.filter((c) => c.passage?.paragraph === passage.paragraph).map((c) => c.id))
      : undefined;
    const all = (threads ? listed.filter((c) => threads.has(c.threadId)) : listed).map((c) =>
      commentAsShown(c, work, viewer),
    );
    const visible = all.flatMap((comment) => {
      const shown = commentVisibility(comment, viewer?.id ?? null, creator);
      return shown === 'none' ? [] : [{ comment, shown }];
    });
    const names = new Map(visible.filter((v) => v.shown === 'full').map((v) => [v.comment.id, v.comment.authorName]));
    const byId = new Map(visible.map((v) => [v.comment.id, v]));
    const allById = new Map(all.map((comment) => [comment.id, comment]));
    const viewerId = viewer?.id ?? null;
    const ordered = threadOrder(visible.map((v) => v.comment));
    const comments: ShownComment[] = ordered.map(({ comment, indent }) => ({
      comment,
      indent,
      shown: byId.get(comment.id)!.shown,
      ...(comment.parentId !== null && names.has(comment.parentId)
        ? { replyToName: names.get(comment.parentId)! }
        : {}),
      replyPseudId: defaultPseudId(pseuds, work, viewerId, comment, (id) => allById.get(id)),
    }));
    const decision = decideComment(work.commentPolicy, work.moderated, commenter);
    const refusal = decision.allowed ? await this.writingRefusal?.(viewer) : undefined;
    return {
      workId: work.id,
      policy: work.commentPolicy,
      moderated: work.moderated,
      chapterId: chapter ? chapter.id : null,
      heading: passage
        ? `Comments on paragraph ${passage.paragraph}`
        : ownChapter
          ? `Comments on Chapter ${ownChapter.position}`
          : 'Comments',
      count: passage ? visible.filter((v) => v.comment.status === 'published' && v.shown === 'full').length : count,
      comments,
      isCreator: creator,
      pseuds,
      defaultPseudId: defaultPseudId(pseuds, work, viewerId),
      canComment: decision.allowed && !refusal,
      shownAt: await this.shownNow(),
      passageComments: work.passageComments !== false && decision.allowed && !refusal,
      passageCounts,
      ...(passage ? { passage } : {}),
      ...(decision.allowed ? {} : { closedReason: decision.message }),
      ...(refusal ? { closedReason: refusal.message, unconfirmedEmail: true } : {}),
    };
  }
}
