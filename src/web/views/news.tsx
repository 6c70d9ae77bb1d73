import { SpamCheckFields } from './spam-check.tsx';
import { ResendConfirmationForm } from './recovery.tsx';
import type { NewsComment, NewsPost } from '../../store/index.ts';
import type { NewsPage, NewsPostView, NewsTeaser } from '../../app/news.ts';
import { COMMENT_LIMITS } from '../../domain/comments.ts';
import { NEWS_FEED_PATH, newsListPath, newsPath, userPath } from '../../paths.ts';
import { formatDate } from '../format.ts';
import { Actions, CHAR_COUNT_SCRIPT, ErrorSummary, TextField, type FieldErrors } from './forms.tsx';
import { CsrfField, Layout, type PageContext } from './layout.tsx';

const NEWS_FEED = { title: 'Site news', href: NEWS_FEED_PATH };

/** The latest posts on the home page, short. */
export function NewsTeasers({ news }: { news: NewsTeaser[] }) {
  if (news.length === 0) return null;
  return (
    <section aria-labelledby="news-heading" class="news-teasers">
      <h2 id="news-heading">Site news</h2>
      <ul class="news-teasers__list">
        {news.map((post) => (
          <li>
            <h3>
              <a href={newsPath(post.id)}>{post.title}</a>
            </h3>
            <p class="meta">
              <time datetime={post.createdAt}>{formatDate(post.createdAt)}</time>
            </p>
            <p>{post.excerpt}</p>
          </li>
        ))}
      </ul>
      <p>
        <a href={newsPath()}>All news</a>
      </p>
    </section>
  );
}

function Tags({ tags }: { tags: string[] }) {
  if (tags.length === 0) return null;
  return (
    <p class="news-post__tags">
      <span class="visually-hidden">Tags: </span>
      {tags.map((tag, i) => (
        <>
          {i > 0 ? ', ' : null}
          <a href={newsListPath(1, tag)} rel="tag">
            {tag}
          </a>
        </>
      ))}
    </p>
  );
}

function PostMeta({ post }: { post: NewsPost }) {
  return (
    <p class="meta">
      Posted <time datetime={post.createdAt}>{formatDate(post.createdAt)}</time>
      {post.authorLogin ? <> by {post.authorLogin}</> : null}
      {post.updatedAt.slice(0, 10) !== post.createdAt.slice(0, 10) ? (
        <>
          {' '}
          · updated <time datetime={post.updatedAt}>{formatDate(post.updatedAt)}</time>
        </>
      ) : null}
    </p>
  );
}

export function NewsListPage({ ctx, list }: { ctx: PageContext; list: NewsPage }) {
  const title = list.tag ? `Site news tagged “${list.tag}”` : 'Site news';
  return (
    <Layout ctx={ctx} title={list.page > 1 ? `${title} (page ${list.page})` : title} feeds={[NEWS_FEED]}>
      <h1>{title}</h1>
      <p>
        News from the people who run this archive. <a href={NEWS_FEED_PATH}>Follow the news feed</a>
        {list.tag ? (
          <>
            {' '}
            · <a href={newsPath()}>All news</a>
          </>
        ) : null}
      </p>
      {list.posts.length === 0 ? (
        <p>{list.tag ? 'No news posts carry this tag.' : 'There is no news yet.'}</p>
      ) : (
        list.posts.map((post) => (
          <article class="news-post" aria-labelledby={`news-${post.id}`}>
            <h2 id={`news-${post.id}`}>
              <a href={newsPath(post.id)}>{post.title}</a>
            </h2>
            <PostMeta post={post} />
            <div class="userstuff" dangerouslySetInnerHTML={{ __html: post.body }} />
            <Tags tags={post.tags} />
            <p>
              <a href={`${newsPath(post.id)}#comments`}>
                {post.commentCount === 1 ? '1 comment' : `${post.commentCount} comments`}
                <span class="visually-hidden"> on {post.title}</span>
              </a>
            </p>
          </article>
        ))
      )}
      {list.pages > 1 ? (
        <nav class="pagination" aria-label="News pages">
          <p>
            Page {list.page} of {list.pages}
          </p>
          <ul>
            {list.page > 1 ? (
              <li>
                <a href={newsListPath(list.page - 1, list.tag)} rel="prev">
                  Newer posts
                </a>
              </li>
            ) : null}
            {list.page < list.pages ? (
              <li>
                <a href={newsListPath(list.page + 1, list.tag)} rel="next">
                  Older posts
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </Layout>
  );
}

export interface NewsCommentValues {
  body: string;
  pseudId: string;
  guestName: string;
  guestEmail: string;
  parentId: string;
}

const EMPTY_COMMENT: NewsCommentValues = { body: '', pseudId: '', guestName: '', guestEmail: '', parentId: '' };

function CommentItem({
  ctx,
  comment,
  postId,
  isAdmin,
}: {
  ctx: PageContext;
  comment: NewsComment;
  postId: number;
  isAdmin: boolean;
}) {
  return (
    <article class="comment" id={`comment-${comment.id}`} aria-label={`Comment by ${comment.name}`}>
      <p class="comment__byline">
        <strong>{comment.login ? <a href={userPath(comment.login)}>{comment.name}</a> : comment.name}</strong>
        {comment.userId === null ? ' (guest)' : null} ·{' '}
        <time datetime={comment.createdAt}>{formatDate(comment.createdAt)}</time>
        {comment.held ? (
          <>
            {' '}
            <span class="badge">Awaiting your approval</span>
          </>
        ) : null}
      </p>
      {comment.held && comment.heldReason ? (
        <p class="comment__held-reason meta">Why it waits: {comment.heldReason}</p>
      ) : null}
      <div class="userstuff comment__body" dangerouslySetInnerHTML={{ __html: comment.body }} />
      {isAdmin && comment.held ? (
        <form method="post" action={`/news/${postId}/comments/${comment.id}/approve`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit">
            Approve <span class="visually-hidden">the comment by {comment.name}</span>
          </button>
        </form>
      ) : null}{' '}
      {isAdmin ? (
        <form method="post" action={`/news/${postId}/comments/${comment.id}/delete`} class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button--secondary">
            Delete <span class="visually-hidden">the comment by {comment.name}</span>
          </button>
        </form>
      ) : null}
    </article>
  );
}

/** A member's reply to a top-level comment (replies stay one level deep). */
function ReplyForm({ ctx, view, replyTo }: { ctx: PageContext; view: NewsPostView; replyTo: NewsComment }) {
  const id = `reply-${replyTo.id}`;
  return (
    <form method="post" action={`/news/${view.post.id}/comments`} novalidate class="news-comment-form">
      <CsrfField ctx={ctx} />
      <SpamCheckFields shownAt={view.shownAt} idKey={id} />
      <input type="hidden" name="parentId" value={String(replyTo.id)} />
      {view.pseuds.length > 1 ? (
        <div class="field">
          <label for={`pseud-${id}`}>Reply as</label>
          <select id={`pseud-${id}`} name="pseudId">
            {view.pseuds.map((p) => (
              <option value={String(p.id)} selected={p.isDefault}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field">
        <label for={`body-${id}`}>Reply to {replyTo.name}</label>
        <textarea id={`body-${id}`} name="body" rows={3} data-max-length={String(COMMENT_LIMITS.body)} />
      </div>
      <Actions>
        <button type="submit">Reply</button>
      </Actions>
    </form>
  );
}

export function NewsPostPage({
  ctx,
  view,
  values = EMPTY_COMMENT,
  errors = {},
}: {
  ctx: PageContext;
  view: NewsPostView;
  values?: NewsCommentValues;
  errors?: FieldErrors;
}) {
  const { post } = view;
  const count = view.threads.reduce((n, t) => n + 1 + t.replies.length, 0);
  // A reply the form sent back (with errors) is shown in the main form, which keeps its text.
  const replying = values.parentId ? view.threads.find((t) => String(t.comment.id) === values.parentId) : undefined;
  return (
    <Layout ctx={ctx} title={post.title} feeds={[NEWS_FEED]} scripts={[CHAR_COUNT_SCRIPT]}>
      <article class="news-post">
        <p class="breadcrumb">
          <a href={newsPath()}>Site news</a>
        </p>
        <h1>{post.title}</h1>
        <PostMeta post={post} />
        {view.isAdmin ? (
          <p>
            <a href={`/admin/news/${post.id}/edit`}>Edit this post</a>
          </p>
        ) : null}
        <div class="userstuff" dangerouslySetInnerHTML={{ __html: post.body }} />
        <Tags tags={post.tags} />
      </article>
      <section id="comments" aria-labelledby="comments-heading" class="comments">
        <h2 id="comments-heading">Comments ({count})</h2>
        {view.threads.length === 0 ? <p>No comments yet.</p> : null}
        <ol class="news-comments">
          {view.threads.map((thread) => (
            <li>
              <CommentItem ctx={ctx} comment={thread.comment} postId={post.id} isAdmin={view.isAdmin} />
              {thread.replies.length > 0 ? (
                <ol class="news-comments__replies">
                  {thread.replies.map((reply) => (
                    <li>
                      <CommentItem ctx={ctx} comment={reply} postId={post.id} isAdmin={view.isAdmin} />
                    </li>
                  ))}
                </ol>
              ) : null}
              {view.canComment && ctx.viewer ? (
                <details class="news-comment-reply">
                  <summary>
                    Reply <span class="visually-hidden">to {thread.comment.name}</span>
                  </summary>
                  <ReplyForm ctx={ctx} view={view} replyTo={thread.comment} />
                </details>
              ) : null}
            </li>
          ))}
        </ol>
        {view.canComment ? (
          <>
            <h3>{replying ? `Reply to ${replying.comment.name}` : 'Leave a comment'}</h3>
            <ErrorSummary
              errors={errors}
              labels={{ body: 'Comment', guestName: 'Your name', guestEmail: 'Your email address' }}
            />
            <form method="post" action={`/news/${post.id}/comments`} novalidate class="news-comment-form">
              <CsrfField ctx={ctx} />
              <SpamCheckFields shownAt={view.shownAt} idKey="news-comment" />
              {replying ? <input type="hidden" name="parentId" value={values.parentId} /> : null}
              <CommentFields ctx={ctx} view={view} values={values} errors={errors} />
              <Actions>
                <button type="submit">Post comment</button>
              </Actions>
            </form>
          </>
        ) : view.unconfirmedEmail ? (
          <div class="notice">
            <p>{view.unconfirmedEmail}</p>
            <ResendConfirmationForm ctx={ctx} />
          </div>
        ) : (
          <p>
            <a href={`/login?return_to=${encodeURIComponent(newsPath(post.id))}`}>Log in</a> to comment on news posts.
          </p>
        )}
      </section>
    </Layout>
  );
}

function CommentFields({
  ctx,
  view,
  values,
  errors,
}: {
  ctx: PageContext;
  view: NewsPostView;
  values: NewsCommentValues;
  errors: FieldErrors;
}) {
  return (
    <>
      {ctx.viewer ? (
        view.pseuds.length > 1 ? (
          <div class="field">
            <label for="field-pseudId">Comment as</label>
            <select id="field-pseudId" name="pseudId">
              {view.pseuds.map((p) => (
                <option value={String(p.id)} selected={values.pseudId ? values.pseudId === String(p.id) : p.isDefault}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
        ) : null
      ) : (
        <>
          <TextField name="guestName" label="Your name" value={values.guestName} error={errors.guestName} required />
          <TextField
            name="guestEmail"
            label="Your email address"
            type="email"
            value={values.guestEmail}
            error={errors.guestEmail}
            hint="Never shown to anyone but the archive's admins."
            required
          />
        </>
      )}
      <TextField
        name="body"
        label="Comment"
        multiline
        value={values.body}
        error={errors.body}
        maxLength={COMMENT_LIMITS.body}
        required
        hint="Plain text, or HTML such as <em> and <a>."
      />
    </>
  );
}
