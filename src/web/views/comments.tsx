import { ReportLink } from './reports.tsx';
import { SpamCheckFields } from './spam-check.tsx';
import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { ErrorSummary, type FieldErrors } from './forms.tsx';
import type { Comment } from '../../store/index.ts';
import type { CommentFormView, CommentsView, ShownComment } from '../../app/comments.ts';
import { COMMENT_LIMITS, COMMENT_MESSAGES } from '../../domain/comments.ts';
import { formatDate } from '../format.ts';
import { pseudPath, workActionPath, logInPath, workPath, commentActionPath } from '../../paths.ts';
import { ResendConfirmationForm } from './recovery.tsx';
import { PassageQuote } from './passage-comments.tsx';

export interface CommentFormValues {
  body: string;
  pseudId: string;
  guestName: string;
  guestEmail: string;
}

function Author({ comment }: { comment: Comment }) {
  if (comment.guest) {
    return (
      <>
        <strong class="comment__author">
          <bdi>{comment.authorName}</bdi>
        </strong>{' '}
        <span class="meta">(Guest)</span>
      </>
    );
  }
  if (comment.login && comment.pseudName) {
    return (
      <strong class="comment__author">
        <a href={pseudPath(comment.login, comment.pseudName)}>{comment.authorName}</a>
        {comment.pseudName !== comment.login ? (
          <span class="meta">
            {' '}
            (<bdi>{comment.login}</bdi>)
          </span>
        ) : null}
      </strong>
    );
  }
  return (
    <strong class="comment__author">
      <bdi>{comment.authorName}</bdi>
    </strong>
  );
}

/** The script that counts characters in fields with a limit, for pages with comment forms. */
export const COMMENT_SCRIPTS = ['/static/char-count.js'];

/**
 * The fields of a new comment or reply: who it is from, and the text. `idKey` keeps ids unique on
 * the page; `pseudId` is the pen name chosen unless the member chose one (in `values`).
 */
export function CommentFields({
  ctx,
  view,
  idKey,
  values,
  errors,
  pseudId,
  label = 'Comment',
}: {
  ctx: PageContext;
  view: CommentFormView;
  idKey: string;
  values?: CommentFormValues;
  errors?: FieldErrors;
  pseudId?: number;
  label?: string;
}) {
  const pseuds = view.pseuds;
  const chosen = pseudId !== undefined && pseuds.some((p) => p.id === pseudId) ? pseudId : undefined;
  const defaultPseud = values?.pseudId || String(chosen ?? (pseuds.find((p) => p.isDefault) ?? pseuds[0])?.id ?? '');
  return (
    <>
      <CsrfField ctx={ctx} />
      {ctx.viewer ? (
        pseuds.length > 1 ? (
          <div class="field">
            <label for={`${idKey}-pseud`}>Comment as</label>
            <select id={`${idKey}-pseud`} name="pseudId">
              {pseuds.map((p) => (
                <option value={String(p.id)} selected={String(p.id) === defaultPseud}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="pseudId" value={defaultPseud} />
        )
      ) : (
        <>
          <div class={`field${errors?.guestName ? ' field--error' : ''}`}>
            <label for={`${idKey}-guestName`}>Guest name</label>
            {errors?.guestName ? <p class="field__error">{errors.guestName}</p> : null}
            <input
              id={`${idKey}-guestName`}
              name="guestName"
              type="text"
              required
              data-max-length={String(COMMENT_LIMITS.guestName)}
              value={values?.guestName ?? ''}
              autoComplete="name"
            />
          </div>
          <div class={`field${errors?.guestEmail ? ' field--error' : ''}`}>
            <label for={`${idKey}-guestEmail`}>Guest email</label>
            <p class="field__hint">Never shown to anyone.</p>
            {errors?.guestEmail ? <p class="field__error">{errors.guestEmail}</p> : null}
            <input
              id={`${idKey}-guestEmail`}
              name="guestEmail"
              type="email"
              required
              data-max-length={String(COMMENT_LIMITS.guestEmail)}
              value={values?.guestEmail ?? ''}
              autoComplete="email"
            />
          </div>
        </>
      )}
      <div class={`field${errors?.body ? ' field--error' : ''}`}>
        <label for={`${idKey}-body`}>{label}</label>
        <p class="field__hint">
          Up to {COMMENT_LIMITS.body.toLocaleString('en')} characters. Plain text or simple HTML.
          {view.moderated && !view.isCreator ? ' Comments on this work are shown once a creator approves them.' : ''}
        </p>
        {errors?.body ? <p class="field__error">{errors.body}</p> : null}
        <textarea id={`${idKey}-body`} name="body" rows={5} required data-max-length={String(COMMENT_LIMITS.body)}>
          {values?.body ?? ''}
        </textarea>
      </div>
      <SpamCheckFields shownAt={view.shownAt} idKey={idKey} />
    </>
  );
}

function ActionButton({
  ctx,
  action,
  label,
  danger,
}: {
  ctx: PageContext;
  action: string;
  label: string;
  danger?: boolean;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      <button type="submit" class={danger ? 'danger' : 'button--secondary'}>
        {label}
      </button>
    </form>
  );
}

function CommentItem({ ctx, view, item }: { ctx: PageContext; view: CommentsView; item: ShownComment }) {
  const { comment } = item;
  const own = ctx.viewer !== null && comment.userId === ctx.viewer.id;
  const base = `/comments/${comment.id}`;
  const name = comment.authorName;
  if (item.shown === 'placeholder') {
    return (
      <li class={`comment comment--indent-${item.indent} comment--placeholder`} id={`comment-${comment.id}`}>
        <p>
          {comment.deleted
            ? '(Previous comment deleted.)'
            : comment.hidden
              ? '(This comment has been hidden by the archive’s moderators.)'
              : '(This comment has been hidden by the work’s creator.)'}
        </p>
      </li>
    );
  }
  const open = comment.status === 'published' && !comment.frozen && !comment.hidden;
  return (
    <li
      class={`comment comment--indent-${item.indent}${comment.status !== 'published' ? ` comment--${comment.status}` : ''}`}
      id={`comment-${comment.id}`}
    >
      <article aria-label={`Comment by ${name}`}>
        <header class="comment__header">
          <Author comment={comment} />
          {comment.chapterPosition !== null && view.chapterId === null ? (
            <span class="meta"> on Chapter {comment.chapterPosition}</span>
          ) : null}{' '}
          <span class="meta">
            <time datetime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
            {comment.editedAt ? ' · Edited' : ''}
          </span>
          {item.replyToName ? <p class="comment__reply-to meta">in reply to {item.replyToName}</p> : null}
          {comment.status === 'held' ? (
            <span class="badge">
              {own && !view.isCreator ? 'Awaiting approval by the work’s creator' : 'Awaiting your approval'}
            </span>
          ) : null}
          {comment.status === 'held' && view.isCreator && comment.heldReason ? (
            <p class="comment__held-reason meta">Why it waits: {comment.heldReason}</p>
          ) : null}
          {comment.status === 'hidden' ? <span class="badge">Hidden from readers</span> : null}
          {comment.hidden ? (
            <p class="moderation-notice" role="note">
              Hidden by the archive’s moderators: only you and the archive’s staff see this comment. Reason:{' '}
              {comment.hidden.reason}
            </p>
          ) : null}
          {comment.frozen ? <span class="badge">Thread frozen</span> : null}
          <PassageQuote comment={comment} />
        </header>
        <div class="userstuff comment__body" dir="auto" dangerouslySetInnerHTML={{ __html: comment.body }} />
        <div class="comment__actions">
          {view.isCreator && comment.status === 'held' ? (
            <ActionButton ctx={ctx} action={`${base}/approve`} label="Approve" />
          ) : null}
          {view.canComment && open ? (
            <details class="comment__form">
              <summary>Reply</summary>
              <form method="post" action={workActionPath(view.workId, 'comments')}>
                <input type="hidden" name="parentId" value={String(comment.id)} />
                <CommentFields ctx={ctx} view={view} idKey={`reply-${comment.id}`} pseudId={item.replyPseudId} />
                <button type="submit">Post reply</button>
              </form>
            </details>
          ) : null}
          {own && !comment.guest ? (
            <details class="comment__form">
              <summary>Edit</summary>
              <form method="post" action={`${base}/edit`}>
                <CsrfField ctx={ctx} />
                <label for={`edit-${comment.id}-body`}>Your comment</label>
                <textarea
                  id={`edit-${comment.id}-body`}
                  name="body"
                  rows={5}
                  required
                  data-max-length={String(COMMENT_LIMITS.body)}
                >
                  {comment.body}
                </textarea>
                <button type="submit">Save comment</button>
              </form>
            </details>
          ) : null}
          {own || view.isCreator ? (
            <details class="comment__form">
              <summary>Delete</summary>
              <p>Delete this comment for good?</p>
              <ActionButton ctx={ctx} action={`${base}/delete`} label="Yes, delete it" danger />
            </details>
          ) : null}
          {view.isCreator && comment.status === 'published' ? (
            <ActionButton ctx={ctx} action={`${base}/hide`} label="Hide" />
          ) : null}
          {view.isCreator && comment.status === 'hidden' ? (
            <ActionButton ctx={ctx} action={`${base}/unhide`} label="Unhide" />
          ) : null}
          {view.isCreator ? (
            <ActionButton
              ctx={ctx}
              action={`${base}/${comment.frozen ? 'unfreeze' : 'freeze'}`}
              label={comment.frozen ? 'Unfreeze thread' : 'Freeze thread'}
            />
          ) : null}
          {!own ? <ReportLink kind="comment" id={comment.id} label={`comment by ${name}`} /> : null}
        </div>
      </article>
    </li>
  );
}

/** The comments under a chapter or the whole work, and the form to add one. */
export function CommentsSection({ ctx, view }: { ctx: PageContext; view: CommentsView }) {
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">
        {view.heading} ({view.count.toLocaleString('en')})
      </h2>
      {view.canComment ? (
        <form method="post" action={workActionPath(view.workId, 'comments')} class="comment-form">
          {view.chapterId !== null ? <input type="hidden" name="chapterId" value={String(view.chapterId)} /> : null}
          {view.passage ? <input type="hidden" name="paragraph" value={String(view.passage.paragraph)} /> : null}
          {view.passage?.quote ? <input type="hidden" name="quote" value={view.passage.quote} /> : null}
          <CommentFields ctx={ctx} view={view} idKey="new-comment" pseudId={view.defaultPseudId} />
          <button type="submit">Post comment</button>
        </form>
      ) : view.unconfirmedEmail ? (
        <div class="notice">
          <p>{view.closedReason}</p>
          <ResendConfirmationForm ctx={ctx} />
        </div>
      ) : view.closedReason ? (
        <p class="notice">
          {view.closedReason === COMMENT_MESSAGES.registered ? (
            <>
              Only registered users can comment on this work. <a href={logInPath(ctx.path)}>Log in</a> to comment.
            </>
          ) : (
            view.closedReason
          )}
        </p>
      ) : null}
      {view.comments.length > 0 ? (
        <ol class="comment-thread">
          {view.comments.map((item) => (
            <CommentItem ctx={ctx} view={view} item={item} />
          ))}
        </ol>
      ) : (
        <p class="meta">No comments yet.</p>
      )}
    </section>
  );
}

/** A rejected comment, with everything as typed and what to fix. */
export function CommentFormPage({
  ctx,
  workId,
  workTitle,
  view,
  target,
  values,
  errors,
}: {
  ctx: PageContext;
  workId: number;
  workTitle: string;
  view: CommentFormView;
  target: { chapterId: string; parentId: string; returnTo?: string; paragraph?: string; quote?: string };
  values: CommentFormValues;
  errors: FieldErrors;
}) {
  return (
    <Layout ctx={ctx} title={`Comment on ${workTitle}`} scripts={COMMENT_SCRIPTS}>
      <div class="narrow">
        <h1>
          Comment on <a href={workPath(workId)}>{workTitle}</a>
        </h1>
        <ErrorSummary errors={errors} labels={{}} />
        <form method="post" action={workActionPath(workId, 'comments')} class="comment-form">
          {target.chapterId ? <input type="hidden" name="chapterId" value={target.chapterId} /> : null}
          {target.parentId ? <input type="hidden" name="parentId" value={target.parentId} /> : null}
          {target.returnTo ? <input type="hidden" name="returnTo" value={target.returnTo} /> : null}
          {target.paragraph ? <input type="hidden" name="paragraph" value={target.paragraph} /> : null}
          {target.quote ? <input type="hidden" name="quote" value={target.quote} /> : null}
          <CommentFields ctx={ctx} view={view} idKey="comment" values={values} errors={errors} />
          <button type="submit">Post comment</button>
        </form>
      </div>
    </Layout>
  );
}

/** The commenter's edit, rejected. */
export function EditCommentPage({
  ctx,
  comment,
  body,
  error,
}: {
  ctx: PageContext;
  comment: Comment;
  body: string;
  error: string;
}) {
  return (
    <Layout ctx={ctx} title="Edit your comment" scripts={COMMENT_SCRIPTS}>
      <div class="narrow">
        <h1>Edit your comment</h1>
        <ErrorSummary errors={{ body: error }} labels={{}} />
        <form method="post" action={commentActionPath(comment.id, 'edit')}>
          <CsrfField ctx={ctx} />
          <label for="edit-body">Your comment</label>
          <textarea id="edit-body" name="body" rows={8} required data-max-length={String(COMMENT_LIMITS.body)}>
            {body}
          </textarea>
          <button type="submit">Save comment</button>
        </form>
      </div>
    </Layout>
  );
}
