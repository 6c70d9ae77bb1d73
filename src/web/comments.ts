import type { Store, User, Work } from '../store/index.ts';
import { commentVisibility, decideComment, threadOrder } from '../domain/comments.ts';
import { creatorUserIds } from './access.ts';
import type { CommentsView, ShownComment } from './views/comments.tsx';

/** Who the viewer is to the comment rules: a guest, or a member who may be blocked by the creators. */
export async function commenterOf(
  store: Store,
  work: Work,
  viewer: User | null,
  creator: boolean,
  parentAuthorId?: number | null,
) {
  if (!viewer) return { kind: 'guest' as const };
  const blockers = await store.blocks.blockedBy(viewer.id, [
    ...new Set([...creatorUserIds(work), ...(parentAuthorId ? [parentAuthorId] : [])]),
  ]);
  return {
    kind: 'member' as const,
    isCreator: creator,
    blockedByCreator: creatorUserIds(work).some((id) => blockers.includes(id)),
    blockedByParentAuthor: parentAuthorId !== undefined && parentAuthorId !== null && blockers.includes(parentAuthorId),
  };
}

/**
 * The comment section of a work page: the comments this viewer may see, in thread order, and
 * whether they may write. `chapter` is the chapter shown alone, or null for the whole work.
 */
export async function commentsView(
  store: Store,
  work: Work,
  viewer: User | null,
  creator: boolean,
  chapter: { id: number; position: number } | null,
  multiChapter: boolean,
): Promise<CommentsView> {
  const ownChapter = chapter && multiChapter ? chapter : null;
  const [all, count, pseuds, commenter] = await Promise.all([
    store.comments.listForWork(work.id, ownChapter?.id),
    ownChapter ? store.comments.countForChapter(ownChapter.id) : Promise.resolve(work.commentCount),
    viewer ? store.pseuds.listForUser(viewer.id) : Promise.resolve([]),
    commenterOf(store, work, viewer, creator),
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
    ...(comment.parentId !== null && names.has(comment.parentId) ? { replyToName: names.get(comment.parentId)! } : {}),
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
