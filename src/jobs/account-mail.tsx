import { siteAddress, type Config } from '../config.ts';
import { mailHtml } from './mail-html.tsx';
import type { Store } from '../store/index.ts';
import { ACCOUNT_MAIL_JOB, CONFIRM_LINK_MS, RESET_LINK_MS, type AccountMailPayload } from '../app/recovery.ts';
import { emailConfirmPath, passwordResetPath } from '../paths.ts';
import type { MailMessage, Site } from './digest-mail.tsx';
import type { JobHandler } from './runner.ts';
import type { Mailer } from './index.ts';

function payloadOf(payload: unknown): AccountMailPayload {
  const { userId, purpose, email } = (payload ?? {}) as Partial<AccountMailPayload>;
  if (typeof userId !== 'number' || !Number.isSafeInteger(userId) || typeof email !== 'string')
    throw new Error('account mail job without a user id and address');
  if (purpose !== 'password-reset' && purpose !== 'email-confirm')
    throw new Error(`account mail job with an unknown purpose: ${String(purpose)}`);
  return { userId, purpose, email };
}

function accountMail(
  site: Site,
  to: string,
  subject: string,
  paragraphs: { before: string; linkText: string; after: string },
  link: string,
): MailMessage {
  const text = ['Hello,', '', paragraphs.before, '', link, '', paragraphs.after, ''].join('\n');
  const html = mailHtml(
    subject,
    <>
      <p>Hello,</p>
      <p>{paragraphs.before}</p>
      <p>
        <a href={link}>{paragraphs.linkText}</a>
      </p>
      <p>{link}</p>
      <p>
        <small>{paragraphs.after}</small>
      </p>
      <p>
        <small>{site.archiveName}</small>
      </p>
    </>,
  );
  return { to, subject, text, html, headers: {} };
}

/** The mail with a link to choose a new password. */
export function passwordResetMail(site: Site, user: { login: string; email: string }, token: string): MailMessage {
  return accountMail(
    site,
    user.email,
    `Reset your password on ${site.archiveName}`,
    {
      before: `Someone (we hope you) asked to reset the password of the account ${user.login} on ${site.archiveName}. Follow this link to choose a new one:`,
      linkText: 'Choose a new password',
      after:
        'The link works once, for an hour. If you did not ask for this, ignore this mail: your password stays as it is.',
    },
    `${site.baseUrl}${passwordResetPath(token)}`,
  );
}

/** The mail with a link confirming an address (a new account's, or a changed one). */
export function emailConfirmationMail(
  site: Site,
  user: { login: string },
  email: string,
  token: string,
  changed: boolean,
): MailMessage {
  return accountMail(
    site,
    email,
    `Confirm your email address on ${site.archiveName}`,
    {
      before: changed
        ? `The account ${user.login} on ${site.archiveName} asked to use this address from now on. Follow this link to confirm it:`
        : `Welcome to ${site.archiveName}, ${user.login}! Follow this link to confirm your email address:`,
      linkText: 'Confirm this address',
      after:
        'The link works for 7 days. If this was not you, ignore this mail: nothing changes unless you use the link.',
    },
    `${site.baseUrl}${emailConfirmPath(token)}`,
  );
}

/**
 * With mail: the password-reset and email-confirmation mails. The job makes the link's token when
 * it runs (only its hash is stored), so a retried job mails a fresh link; a job whose address is
 * no longer the account's (changed or cancelled since) sends nothing.
 */
export function addAccountMailJobs(
  handlers: Record<string, JobHandler>,
  periodic: (() => Promise<void>)[],
  store: Store,
  config: Config,
  mail: Mailer,
): void {
  const site = { archiveName: config.archiveName, baseUrl: siteAddress(config) };
  handlers[ACCOUNT_MAIL_JOB] = async (job) => {
    const { userId, purpose, email } = payloadOf(job.payload);
    const user = await store.users.findById(userId);
    const status = await store.accountTokens.emailStatus(userId);
    if (!user || !status) return;
    if (purpose === 'password-reset') {
      // To the account's address as it is now.
      const token = await store.accountTokens.issue(user.id, 'password-reset', RESET_LINK_MS);
      await mail.send(passwordResetMail(site, { login: user.login, email: status.email }, token));
      return;
    }
    const changed = email === status.pendingEmail;
    const current = email === status.email && status.confirmedAt === null;
    if (!changed && !current) return;
    const token = await store.accountTokens.issue(user.id, 'email-confirm', CONFIRM_LINK_MS, email);
    await mail.send(emailConfirmationMail(site, user, email, token, changed));
  };
  let lastPurge = 0;
  periodic.push(async () => {
    if (Date.now() - lastPurge < 60 * 60_000) return;
    lastPurge = Date.now();
    await store.accountTokens.purge();
  });
}
