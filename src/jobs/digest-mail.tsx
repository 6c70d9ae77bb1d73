import type { Digest } from '../store/index.ts';
import { mailHtml } from './mail-html.tsx';
import { noticeLink } from '../domain/notifications.ts';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface Site {
  archiveName: string;
  /** e.g. https://archive.example.org, no trailing slash. */
  baseUrl: string;
}

/** One mail listing a member's new notifications, each linked, with where to change what is mailed. */
export function digestMail(site: Site, digest: Digest): MailMessage {
  const count = digest.notices.length + digest.more;
  const subject = `${site.archiveName}: ${count === 1 ? '1 new notification' : `${count} new notifications`}`;
  const inbox = `${site.baseUrl}/inbox`;
  const preferences = `${site.baseUrl}/inbox/preferences`;
  const items = digest.notices.map((notice) => {
    const path = noticeLink(notice);
    // An invitation still about a work the member may read is answered on the invitations page.
    const answer =
      notice.kind === 'co-creator-invitation' && notice.workId !== null
        ? { label: 'Accept or decline', url: `${site.baseUrl}/invitations` }
        : undefined;
    return { message: notice.message, url: path ? `${site.baseUrl}${path}` : undefined, answer };
  });
  const moreLine = digest.more > 0 ? `…and ${digest.more} more in your inbox.` : undefined;

  const text = [
    `Hello ${digest.login},`,
    '',
    `Here is what happened on ${site.archiveName}:`,
    '',
    ...items.flatMap((item) => [
      `* ${item.message}`,
      ...(item.url ? [`  ${item.url}`] : []),
      ...(item.answer ? [`  ${item.answer.label}: ${item.answer.url}`] : []),
    ]),
    ...(moreLine ? ['', moreLine] : []),
    '',
    `Your inbox: ${inbox}`,
    '',
    '-- ',
    `You get this mail because you chose to be told of these notifications by email.`,
    `Change what you get by email, or stop it: ${preferences}`,
    '',
  ].join('\n');

  const html = mailHtml(
    subject,
    <>
      <p>Hello {digest.login},</p>
      <p>Here is what happened on {site.archiveName}:</p>
      <ul>
        {items.map((item) => (
          <li>
            {item.url ? <a href={item.url}>{item.message}</a> : item.message}
            {item.answer ? (
              <>
                {' '}
                (<a href={item.answer.url}>{item.answer.label}</a>)
              </>
            ) : null}
          </li>
        ))}
      </ul>
      {moreLine ? <p>{moreLine}</p> : null}
      <p>
        <a href={inbox}>Open your inbox</a>
      </p>
      <hr />
      <p>
        <small>
          You get this mail because you chose to be told of these notifications by email.{' '}
          <a href={preferences}>Change what you get by email, or stop it</a>.
        </small>
      </p>
    </>,
  );

  return { to: digest.email, subject, text, html, headers: { 'List-Unsubscribe': `<${preferences}>` } };
}
