import { Layout, CsrfField, type PageContext } from './layout.tsx';
import { Checkbox } from './forms.tsx';
import { Pagination } from './tags.tsx';
import type { Notice, NotificationPreferences } from '../../store/index.ts';
import { NOTIFICATION_KINDS } from '../../domain/notifications.ts';
import { INBOX_PAGE_SIZE, NOTIFICATION_KIND_LABELS, noticeLink } from '../../domain/notifications.ts';
import { formatDate } from '../format.ts';

export function InboxPage({
  ctx,
  notices,
  total,
  page,
}: {
  ctx: PageContext;
  notices: Notice[];
  total: number;
  page: number;
}) {
  const unread = ctx.unreadNoticeCount ?? 0;
  return (
    <Layout ctx={ctx} title="Inbox">
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
      {notices.length === 0 ? (
        <p>Your inbox is empty. Subscribe to works, series and writers to hear when something new comes out.</p>
      ) : (
        <ol class="notice-list" aria-label="Notifications, newest first">
          {notices.map((notice) => {
            const href = noticeLink(notice);
            return (
              <li class={notice.read ? 'notice-item' : 'notice-item notice-item--unread'}>
                {notice.read ? null : <span class="badge">Unread</span>}{' '}
                {href ? <a href={href}>{notice.message}</a> : notice.message}{' '}
                <time dateTime={notice.createdAt}>{formatDate(notice.createdAt)}</time>
                {notice.read ? null : (
                  <form method="post" action={`/inbox/${notice.id}/read`} class="inline-form">
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="link-button">
                      Mark as read<span class="visually-hidden">: {notice.message}</span>
                    </button>
                  </form>
                )}
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
