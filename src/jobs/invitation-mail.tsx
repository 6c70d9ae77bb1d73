import { invitationPath } from '../paths.ts';
import { mailHtml } from './mail-html.tsx';
import type { MailMessage, Site } from './digest-mail.tsx';

/** The mail that carries an invitation to sign up: its link, once usable. */
export function invitationMail(site: Site, invitation: { email: string; code: string }): MailMessage {
  const link = `${site.baseUrl}${invitationPath(invitation.code)}`;
  const subject = `Your invitation to ${site.archiveName}`;
  const text = [
    'Hello,',
    '',
    `You asked for an invitation to ${site.archiveName}, a fan fiction archive. Here it is: follow this link to create your account.`,
    '',
    link,
    '',
    'The link works once. If you did not ask for this, ignore this mail: nothing happens unless you use the link.',
    '',
  ].join('\n');
  const html = mailHtml(
    subject,
    <>
      <p>Hello,</p>
      <p>
        You asked for an invitation to {site.archiveName}, a fan fiction archive. Here it is:{' '}
        <a href={link}>create your account</a>.
      </p>
      <p>{link}</p>
      <p>
        <small>
          The link works once. If you did not ask for this, ignore this mail: nothing happens unless you use the link.
        </small>
      </p>
    </>,
  );
  return { to: invitation.email, subject, text, html, headers: {} };
}
