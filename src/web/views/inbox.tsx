import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Checkbox } from './forms.tsx';
import { Pagination } from './tags.tsx';
import type { Notice, NotificationPreferences } from '../../store/index.ts';
import { NOTIFICATION_KINDS } from '../../domain/notifications.ts';
import { INBOX_PAGE_SIZE, NOTIFICATION_KIND_LABELS, noticeLink } from '../../domain/notifications.ts';
import { formatDate } from '../format.ts';
import type { InboxItem } from '../../app/inbox.ts';
import type { NoticeComment } from '../../app/comments.ts';
import { commentPath, workActionPath, workPath } from '../../paths.ts';
import { COMMENT_SCRIPTS, CommentFields } from './comments.tsx';
import { InvitationAnswer } from './work-people.tsx';
import { PassageQuote } from './passage-comments.tsx';

/** Past this many characters of text, a comment is shown folded, with a way to the whole of it. */
const LONG_COMMENT = 1200;

function plainLength(html: string): number {
  return [...html.replace(/<[^>]*>/g, '')].length;
}

/** The comment a notice is about, as on the work page, with Reply right there. */
function NoticeCommentBlock({
  ctx,
  notice,
  shown,
  returnTo,
}: {
  ctx: PageContext;
  notice: Notice;
  shown: NoticeComment;
  returnTo: string;
}) {
  if (shown.kind === 'gone')
    return <p class="meta notice-item__gone">The comment was deleted or is no longer shown to you.</p>;
  const { comment, reply } = shown;
  const long = plainLength(comment.body) > LONG_COMMENT;
  const bodyId = `notice-${notice.id}-comment`;
  return (
    <div class="notice-item__comment">
      <p class="meta">
        {comment.authorName} on <a href={workPath(comment.workId)}>{shown.workTitle}</a>
        {comment.chapterPosition !== null ? `, Chapter ${comment.chapterPosition}` : ''}
      </p>
      <PassageQuote comment={comment} />
      <blockquote
        id={bodyId}
        class={`userstuff comment__body${long ? ' notice-item__text--long' : ''}`}
        dangerouslySetInnerHTML={{ __html: comment.body }}
      />
      {long ? (
        <p>
          <a href={commentPath(comment)}>Read the whole comment</a>
        </p>
      ) : null}
      {reply ? (
        <details class="comment__form">
          <summary>
            Reply<span class="visually-hidden"> to {comment.authorName}</span>
          </summary>
          <form method="post" action={workActionPath(comment.workId, 'comments')}>
            <input type="hidden" name="parentId" value={String(comment.id)} />
            <input type="hidden" name="returnTo" value={returnTo} />
            <CommentFields
              ctx={ctx}
              view={reply.view}
              idKey={`notice-${notice.id}-reply`}
              pseudId={reply.pseudId}
              label="Your reply"
            />
            <button type="submit">Post reply</button>
          </form>
        </details>
      ) : null}
    </div>
  );
}

function NoticeAction({
  ctx,
  action,
  label,
  about,
  page,
}: {
  ctx: PageContext;
  action: string;
  label: string;
  about: string;
  page: number;
}) {
  return (
    <form method="post" action={action} class="inline-form">
      <CsrfField ctx={ctx} />
      {page > 1 ? <input type="hidden" name="page" value={String(page)} /> : null}
      <button type="submit" class="link-button">
        {label}
        <span class="visually-hidden">: {about}</span>
      </button>
    </form>
  );
}

export function InboxPage({
  ctx,
  items,
  total,
  page,
}: {
  ctx: PageContext;
  items: InboxItem[];
  total: number;
  page: number;
}) {
  const unread = ctx.unreadNoticeCount ?? 0;
  const here = page > 1 ? `/inbox?page=${page}` : '/inbox';
  return (
    <Layout ctx={ctx} title="Inbox" scripts={COMMENT_SCRIPTS}>
      <h1>Inbox</h1>
      <p>
        {unread === 0 ? 'Nothing unread.' : `${unread} unread.`}{' '}
        <a href="/inbox/preferences">Choose what you are told about</a>
        {' · '}
        <a href="/subscriptions">Your subscriptions</a>
      </p>
      {unread > 0 ? (
        <form method="post" action="/inbox/read" class="inline-form">
          <CsrfField ctx={ctx} />
          <button type="submit" class="button--secondary">
            Mark all as read
          </button>
        </form>
      ) : null}
      {items.length === 0 ? (
        <p>Your inbox is empty. Subscribe to works, series and writers to hear when something new comes out.</p>
      ) : (
        <ol class="notice-list" aria-label="Notifications, newest first">
          {items.map(({ notice, comment, invitation }) => {
            const href = noticeLink(notice);
            return (
              <li class={notice.read ? 'notice-item' : 'notice-item notice-item--unread'} id={`notice-${notice.id}`}>
                <p class="notice-item__head">
                  {notice.read ? null : <span class="badge">Unread</span>}{' '}
                  {href ? <a href={href}>{notice.message}</a> : notice.message}{' '}
                  <time dateTime={notice.createdAt}>{formatDate(notice.createdAt)}</time>
                </p>
                {comment ? <NoticeCommentBlock ctx={ctx} notice={notice} shown={comment} returnTo={here} /> : null}
                {invitation ? (
                  <InvitationAnswer ctx={ctx} workId={invitation.workId} pseudId={invitation.pseudId} />
                ) : null}
                <div class="notice-item__actions">
                  {notice.read ? (
                    <NoticeAction
                      ctx={ctx}
                      action={`/inbox/${notice.id}/unread`}
                      label="Mark as unread"
                      about={notice.message}
                      page={page}
                    />
                  ) : (
                    <NoticeAction
                      ctx={ctx}
                      action={`/inbox/${notice.id}/read`}
                      label="Mark as read"
                      about={notice.message}
                      page={page}
                    />
                  )}
                  <NoticeAction
                    ctx={ctx}
                    action={`/inbox/${notice.id}/delete`}
                    label="Delete"
                    about={notice.message}
                    page={page}
                  />
                </div>
              </li>
            );
          })}
        </ol>
      )}
      <Pagination base="/inbox" page={page} pageSize={INBOX_PAGE_SIZE} total={total} />
    </Layout>
  );
}

export function NotificationPreferencesPage({
  ctx,
  prefs,
  mailEnabled,
  email,
}: {
  ctx: PageContext;
  prefs: NotificationPreferences;
  mailEnabled: boolean;
  email: string;
}) {
  return (
    <Layout ctx={ctx} title="Notification preferences">
      <h1>Notification preferences</h1>
      {mailEnabled ? (
        <p>
          Choose which notifications appear in your inbox and which are also sent to {email}. Mail comes as one digest a
          few minutes after the first notification, never more than once for each.{' '}
          <a href="/account">Change your email address</a>
        </p>
      ) : (
        <p>
          Choose which notifications appear in your inbox. Email notifications are not configured on this archive, so
          nothing is sent by email.
        </p>
      )}
      <form method="post" action="/inbox/preferences">
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>Show in my inbox</legend>
          {NOTIFICATION_KINDS.map((kind) => (
            <Checkbox
              name={`inbox-${kind}`}
              label={NOTIFICATION_KIND_LABELS[kind] ?? kind}
              checked={prefs[kind].inbox}
            />
          ))}
        </fieldset>
        {mailEnabled ? (
          <fieldset>
            <legend>Also send me by email</legend>
            {NOTIFICATION_KINDS.map((kind) => (
              <Checkbox
                name={`email-${kind}`}
                label={NOTIFICATION_KIND_LABELS[kind] ?? kind}
                checked={prefs[kind].email}
              />
            ))}
          </fieldset>
        ) : null}
        <div class="actions">
          <button type="submit">Save preferences</button>
        </div>
      </form>
    </Layout>
  );
}
