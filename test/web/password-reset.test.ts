import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';

const BASE_URL = 'https://archive.example.org';
const OLD_PASSWORD = 'correct horse battery';
const NEW_PASSWORD = 'a brand new passphrase';
const LINK = /https:\/\/archive\.example\.org(\/password\/reset\/[A-Za-z0-9_-]+)/;

let addressCounter = 0;
/** An agent from an address of its own, so one test's per-address limit never touches another's. */
function fromOwnAddress(agent: Agent): Agent {
  addressCounter += 1;
  agent.remoteAddress = `10.77.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
  return agent;
}

function logIn(agent: Agent, identifier: string, password: string) {
  return agent.submit('/login', { identifier, password });
}

describeEachDatabase('password reset by mail', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let config: Config;

  beforeEach(async () => {
    smtp = await startSmtp();
    const mail = { smtpUrl: smtp.url, baseUrl: BASE_URL, mailFrom: 'Quire <noreply@archive.example.org>' };
    t = await testApp(dialect, mail);
    config = loadConfig({ QUIRE_DATA: '/nonexistent' }, mail);
  });
  afterEach(async () => {
    await t.dispose();
    await smtp.close();
  });

  /** Runs the background jobs once, as the server's job runner would. */
  async function runJobs(): Promise<void> {
    const jobs = createJobs(t.store, config);
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }
  }

  async function askForLink(identifier: string, agent = fromOwnAddress(t.agent())) {
    const page = await agent.submit('/password/forgot', { identifier });
    assert.equal(page.status, 200);
    assert.match(visibleText(page.body), /If an account matches what you typed, we have sent a link/);
    return page;
  }

  /** The reset mails sent so far (sign-up also mails a confirmation link). */
  const resetMails = () => smtp.received.filter((m) => m.subject === 'Reset your password on Quire');

  function linkIn(index: number): string {
    const found = LINK.exec(resetMails()[index].text);
    assert.ok(found, resetMails()[index].text);
    return found[1];
  }

  it('mails a link that sets a new password once, logs out every device and logs in here', async () => {
    const writer = fromOwnAddress(t.agent());
    await writer.signUp('reset_writer', OLD_PASSWORD, 'reset.writer@example.org');
    const laptop = fromOwnAddress(t.agent());
    assert.equal((await logIn(laptop, 'reset_writer', OLD_PASSWORD)).status, 303);
    assert.equal((await writer.submit('/account/api-tokens', { tokenName: 'e-reader' })).status, 201);

    const guest = fromOwnAddress(t.agent());
    const login = await guest.get('/login');
    assert.match(login.body, /<a href="\/password\/forgot">Forgot password\?<\/a>/);
    const form = await guest.get('/password/forgot');
    assert.match(form.body, /<label for="field-identifier">Email address or user name<\/label>/);
    await askForLink('Reset.Writer@example.org', guest);
    await runJobs();
    assert.equal(resetMails().length, 1);
    const mail = resetMails()[0];
    assert.deepEqual(mail.to, ['reset.writer@example.org']);
    assert.equal(mail.subject, 'Reset your password on Quire');
    assert.match(mail.text, /works once, for an hour/);
    const link = linkIn(0);
    const stored = await t.store.handle.db.selectFrom('account_tokens').select('token_hash').execute();
    assert.ok(
      stored.every((row) => !link.includes(row.token_hash)),
      'only a hash of the token is stored',
    );

    const resetForm = await guest.get(link);
    assert.equal(resetForm.status, 200);
    assert.match(visibleText(resetForm.body), /Choose a new password For the account reset_writer/);
    const mismatch = await guest.submit(link, { password: NEW_PASSWORD, passwordConfirmation: 'something else' });
    assert.equal(mismatch.status, 422);
    const tooShort = await guest.submit(link, { password: 'short', passwordConfirmation: 'short' });
    assert.equal(tooShort.status, 422);
    assert.match(visibleText(tooShort.body), /8/);

    const done = await guest.submit(link, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/');
    const home = await guest.get('/');
    assert.match(visibleText(home.body), /Your password has been changed and you are logged in as reset_writer/);
    assert.match(visibleText(home.body), /Your API token was revoked/);
    assert.equal((await guest.get('/account')).status, 200, 'logged in on this device');

    for (const device of [writer, laptop]) {
      const page = await device.get('/account');
      assert.equal(page.status, 303, 'every other session ended');
      assert.match(page.location ?? '', /^\/login/);
    }
    const oldRefused = await logIn(fromOwnAddress(t.agent()), 'reset_writer', OLD_PASSWORD);
    assert.equal(oldRefused.status, 401);
    assert.equal((await logIn(fromOwnAddress(t.agent()), 'reset_writer', NEW_PASSWORD)).status, 303);

    const again = await fromOwnAddress(t.agent()).get(link);
    assert.equal(again.status, 410);
    assert.match(visibleText(again.body), /This password-reset link has been used already/);
    assert.match(again.body, /<a href="\/password\/forgot">Ask for a new link<\/a>/);
    const attacker = fromOwnAddress(t.agent());
    await attacker.get('/password/forgot');
    const reuse = await attacker.submit(link, {
      password: 'attacker password',
      passwordConfirmation: 'attacker password',
    });
    assert.equal(reuse.status, 410);
    assert.equal((await logIn(fromOwnAddress(t.agent()), 'reset_writer', 'attacker password')).status, 401);
  });

  it('refuses an expired link and an unknown one with a way to ask again', async () => {
    await fromOwnAddress(t.agent()).signUp('slow_reader');
    await askForLink('slow_reader');
    await runJobs();
    const link = linkIn(0);
    await t.store.handle.db
      .updateTable('account_tokens')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('purpose', '=', 'password-reset')
      .execute();
    const expired = await fromOwnAddress(t.agent()).get(link);
    assert.equal(expired.status, 410);
    assert.match(visibleText(expired.body), /This password-reset link has expired/);
    assert.match(expired.body, /href="\/password\/forgot"/);
    const guest = fromOwnAddress(t.agent());
    await guest.get('/password/forgot');
    const late = await guest.submit(link, { password: NEW_PASSWORD, passwordConfirmation: NEW_PASSWORD });
    assert.equal(late.status, 410);
    assert.equal((await logIn(fromOwnAddress(t.agent()), 'slow_reader', NEW_PASSWORD)).status, 401);

    const unknown = await fromOwnAddress(t.agent()).get('/password/reset/not-a-real-token');
    assert.equal(unknown.status, 404);
    assert.match(visibleText(unknown.body), /This password-reset link is not valid/);
  });

  it('answers an unknown address or name exactly as a known one, and mails nothing', async () => {
    await fromOwnAddress(t.agent()).signUp('known_member');
    const known = await askForLink('known_member@example.org');
    const unknown = await askForLink('nobody-here@example.org');
    const unknownName = await askForLink('no_such_member');
    const answer = (body: string) => /<main[\s\S]*<\/main>/.exec(body)?.[0].replace(/name="_csrf" value="[^"]*"/, '');
    assert.equal(answer(unknown.body), answer(known.body));
    assert.equal(answer(unknownName.body), answer(known.body));
    await runJobs();
    assert.deepEqual(
      resetMails().map((m) => m.to[0]),
      ['known_member@example.org'],
    );
    const empty = await fromOwnAddress(t.agent()).submit('/password/forgot', { identifier: '  ' });
    assert.equal(empty.status, 422);
    assert.match(visibleText(empty.body), /Enter your email address or user name/);
  });

  it('mails at most 5 links an hour for one account, silently, and refuses a 21st request from one address', async () => {
    await fromOwnAddress(t.agent()).signUp('popular_target');
    for (let i = 0; i < 7; i++)
      await askForLink(i % 2 === 0 ? 'popular_target' : 'popular_target@example.org', fromOwnAddress(t.agent()));
    await runJobs();
    assert.equal(resetMails().length, 5, 'five a hour per account, whatever was typed and wherever from');

    const flooder = fromOwnAddress(t.agent());
    for (let i = 0; i < 20; i++) await askForLink(`someone${i}@example.org`, flooder);
    const refused = await flooder.submit('/password/forgot', { identifier: 'one-more@example.org' });
    assert.equal(refused.status, 429);
    assert.match(visibleText(refused.body), /Too many attempts from your address/);
  });
});

describeEachDatabase('password reset without mail', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('says that the archive sends no mail and how an admin makes a reset link', async () => {
    const page = await t.agent().get('/password/forgot');
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    assert.match(text, /This archive sends no mail/);
    assert.match(text, /bin\/quire user reset-password LOGIN/);
    assert.doesNotMatch(page.body, /name="identifier"/);
  });
});
