import type { Comment, Pseud, Store, Work } from '../store/index.ts';
import type { Viewer } from './viewer.ts';
import { commentVisibility, decideComment, threadOrder } from '../domain/comments.ts';
import type { CommentPolicy } from '../domain/works.ts';
import { creatorUserIds } from './access.ts';

/** One comment as this reader sees it, in thread order. */
export interface ShownComment {
  comment: Comment;
  indent: number;
  /** 'placeholder' keeps a deleted or hidden comment's place in its thread. */
  shown: 'full' | 'placeholder';
  /** The name of the comment it answers, for "in reply to …". */
  replyToName?: string;
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
  /** True when the viewer may write: the policy allows them and they are not blocked. */
  canComment: boolean;
  /** Why the form is missing, when it is. */
  closedReason?: string;
}

export class Comments {
  constructor(private readonly store: Store) {}

  /** Who the viewer is to the comment rules: a guest, or a member who may be blocked by the creators. */
  async commenter(work: Work, viewer: Viewer, creator: boolean, parentAuthorId?: number | null) {
    if (!viewer) return { kind: 'guest' as const };
    const blockers = await this.store.blocks.blockedBy(viewer.id, [
      ...new Set([...creatorUserIds(work), ...(parentAuthorId ? [parentAuthorId] : [])]),
    ]);
    return {
      kind: 'member' as const,
      isCreator: creator,
      blockedByCreator: creatorUserIds(work).some((id) => blockers.includes(id)),
      blockedByParentAuthor:
        parentAuthorId !== undefined && parentAuthorId !== null && blockers.includes(parentAuthorId),
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
  ): Promise<CommentsView> {
    const ownChapter = chapter && multiChapter ? chapter : null;
    const [all, count, pseuds, commenter] = await Promise.all([
      this.store.comments.listForWork(work.id, ownChapter?.id),
      ownChapter ? this.store.comments.countForChapter(ownChapter.id) : Promise.resolve(work.commentCount),
      viewer ? this.store.pseuds.listForUser(viewer.id) : Promise.resolve([]),
      this.commenter(work, viewer, creator),
    ]);
    const visible = all.flatMap((comment) => {
      const shown = commentVisibility(comment, viewer?.id ?? null, creator);
      return shown === 'none' ? [] : [{ comment, shown }];
    });
    const names = new Map(visible.filter((v) => v.shown === 'full').map((v) => [v.comment.id, v.comment.authorName]));
    const byId = new Map(visible.map((v) => [v.comment.id, v]));
    const ordered = threadOrder(visible.map((v) => v.comment));
    const comments: ShownComment[] = ordered.map(({ comment, indent }) => ({
      comment,
      indent,
      shown: byId.get(comment.id)!.shown,
      ...(comment.parentId !== null && names.has(comment.parentId)
        ? { replyToName: names.get(comment.parentId)! }
        : {}),
    }));
    const decision = decideComment(work.commentPolicy, work.moderated, commenter);
    return {
      workId: work.id,
      policy: work.commentPolicy,
      moderated: work.moderated,
      chapterId: chapter ? chapter.id : null,
      heading: ownChapter ? `Comments on Chapter ${ownChapter.position}` : 'Comments',
      count,
      comments,
      isCreator: creator,
      pseuds,
      canComment: decision.allowed,
      ...(decision.allowed ? {} : { closedReason: decision.message }),
    };
  }
}
