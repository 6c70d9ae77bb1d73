import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { startSmtp, type TestSmtp } from '../test/support/smtp.ts';
import { createJobs } from '../src/jobs/index.ts';
import { loadConfig, type Config } from '../src/config.ts';

describe('password reset in the browser', () => {
  let smtp: TestSmtp;
  // Filled in once the mail server is up, before the archive starts (hooks run in this order).
  const config: Partial<Config> = { mailFrom: 'Quire <noreply@archive.example.org>' };
  before(async () => {
    smtp = await startSmtp();
    config.smtpUrl = smtp.url;
  });
  after(() => smtp.close());
  const session = browserSession({ config, context: { bypassCSP: true } });

  /** Runs the background jobs once (the mails), as the server's job runner would. */
  async function runJobs(): Promise<void> {
    const jobs = createJobs(session.server.store, loadConfig({ QUIRE_DATA: '/nonexistent' }, config));
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }
  }

  it('a member who forgot their password asks for a link, reads the mail, sets a new one, and the old session ends', async () => {
    const account = accountFor('forgetful_writer');
    const laptop = await session.freshPage();
    await signUp(laptop, account);

    // On another device, the member has forgotten the password.
    const phone = await session.freshPage();
    await phone.goto('/login');
    await phone.getByRole('link', { name: 'Forgot password?' }).click();
    await assertNoViolations(phone, 'the forgot-password page');
    await phone.getByLabel('Email address or user name').fill(account.email);
    await phone.getByRole('button', { name: 'Send me a link' }).click();
    await phone.getByText(/If an account matches what you typed, we have sent a link/).waitFor();

    await runJobs();
    const mail = smtp.received.find((m) => m.to.includes(account.email) && /reset/i.test(m.subject));
    assert.ok(mail, 'the reset mail arrived');
    const link = /https?:\/\/\S+\/password\/reset\/[\w-]+/.exec(mail.text)?.[0];
    assert.ok(link, 'with a link to follow');
    await phone.goto(new URL(link).pathname);
    const password = 'a brand new harbour password';
    await phone.getByLabel('New password', { exact: true }).fill(password);
    await phone.getByLabel('Confirm new password').fill(password);
    await phone.getByRole('button', { name: 'Set new password' }).click();
    await phone.waitForURL((url) => !url.pathname.startsWith('/password/'));
    assert.match(folded(await phone.locator('header').textContent()), /forgetful_writer/, 'logged in with it');

    // The session on the laptop has ended.
    await laptop.goto('/account');
    await laptop.waitForURL(/\/login/);

    // The link works once.
    await phone.goto(new URL(link).pathname);
    assert.match(folded(await phone.locator('main').textContent()), /used already|no longer works|expired/i);

    // The old password is refused, the new one works.
    const other = await session.freshPage();
    await other.goto('/login');
    await other.getByLabel('Username or email').fill(account.login);
    await other.getByLabel('Password').fill(account.password);
    await other.getByRole('button', { name: 'Log in' }).click();
    await other.getByText('That username or email and password do not match an account.').first().waitFor();
    await other.getByLabel('Password').fill(password);
    await other.getByRole('button', { name: 'Log in' }).click();
    await other.waitForURL((url) => url.pathname !== '/login');
  });
});
