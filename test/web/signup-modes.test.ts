import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config.ts';

const PASSWORD = 'correct horse battery';

function signUpForm(login: string, extra: Record<string, string> = {}) {
  return {
    login,
    email: `${login}@example.org`,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
    acceptTerms: '1',
    ...extra,
  };
}

describeEachDatabase('sign-up modes and invitations', (dialect) => {
  let t: TestApp;
  let admin: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    admin = t.agent();
    await admin.signUp('door_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('door_admin'))!.id, 'admin');
  });
  afterEach(() => t.dispose());

  async function setMode(mode: string, perDay = '10') {
    const saved = await admin.submit('/admin/settings', { signUpMode: mode, invitationsPerDay: perDay });
    assert.equal(saved.status, 303);
  }

  it('refuses sign-ups with a clear message when closed, while the CLI store path still creates accounts', async () => {
    await setMode('closed');
    const page = await t.agent().get('/signup');
    assert.equal(page.status, 200);
    assert.match(visibleText(page.body), /This archive is not taking new members now/);
    assert.doesNotMatch(page.body, /name="login"/, 'no form to fill in for nothing');
    const attempt = await t.agent().submit('/signup', signUpForm('shut_out'));
    assert.equal(attempt.status, 403);
    assert.match(visibleText(attempt.body), /This archive is not taking new members now\./);
    assert.equal((await t.agent().get('/users/shut_out')).status, 404);
    // What `bin/quire user create` does works in every mode.
    await t.store.users.create({ login: 'made_by_cli', email: 'cli@example.org', passwordHash: 'x' });
    assert.equal((await t.agent().get('/users/made_by_cli')).status, 200);
  });

  it('keeps bad settings as typed with an error', async () => {
    const bad = await admin.submit('/admin/settings', { signUpMode: 'invitation', invitationsPerDay: 'lots' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /value="lots"/);
    assert.match(visibleText(bad.body), /Enter a whole number from 0 to 10,000\./);
  });

  it('needs a valid, unused invitation when invitation only, and each invitation works once', async () => {
    await setMode('invitation');
    const explained = visibleText((await t.agent().get('/signup')).body);
    assert.match(explained, /This archive is open by invitation only\./);
    assert.match(explained, /join the invitation queue/);

    const without = await t.agent().submit('/signup', signUpForm('no_code'));
    assert.equal(without.status, 422);
    assert.match(visibleText(without.body), /You need an invitation to sign up here\./);
    assert.match(without.body, /value="no_code"/);
    const bogus = await t.agent().submit('/signup', signUpForm('bad_code', { invitation: 'not-a-real-code' }));
    assert.equal(bogus.status, 422);
    assert.match(visibleText(bogus.body), /This invitation code is not valid\./);

    const issued = await admin.submit('/admin/invitations/codes', { count: '2' });
    assert.equal(issued.status, 200);
    const links = [...issued.body.matchAll(/\/signup\?invitation=([A-Za-z0-9_-]+)/g)].map((m) => m[1]);
    const code = links[0];
    assert.ok(code, 'the new link is shown');

    const invited = t.agent();
    const page = await invited.get(`/signup?invitation=${code}`);
    assert.match(visibleText(page.body), /You have an invitation/);
    assert.match(page.body, new RegExp(`name="invitation" value="${code}"`));
    const joined = await invited.submit('/signup', signUpForm('invited_one', { invitation: code }));
    assert.equal(joined.status, 303);
    assert.equal((await t.agent().get('/users/invited_one')).status, 200);

    const again = await t.agent().submit('/signup', signUpForm('second_try', { invitation: code }));
    assert.equal(again.status, 422);
    assert.match(visibleText(again.body), /This invitation has already been used\./);
    assert.equal((await t.agent().get('/users/second_try')).status, 404);
    assert.match(visibleText((await admin.get('/admin/invitations')).body), /Used by invited_one/);
  });

  it('lets members give the invitations admins grant them', async () => {
    await setMode('invitation');
    const giver = t.agent();
    const invitation = (await t.store.invitations.issue(null, 1))[0];
    await giver.submit('/signup', signUpForm('real_giver', { invitation: invitation.code }));
    assert.match(visibleText((await giver.get('/account/invitations')).body), /You have no invitations left to give/);
    assert.equal((await giver.submit('/account/invitations', {})).status, 403);
    const granted = await admin.submit('/admin/invitations/grant', { grantLogin: 'real_giver', grantCount: '1' });
    assert.equal(granted.status, 303);
    assert.equal((await giver.submit('/account/invitations', {})).status, 303);
    const mine = await giver.get('/account/invitations');
    const code = /\/signup\?invitation=([A-Za-z0-9_-]+)/.exec(mine.body)![1];
    assert.equal((await giver.submit('/account/invitations', {})).status, 403, 'the one granted is used up');
    assert.equal((await t.agent().submit('/signup', signUpForm('friend_of_giver', { invitation: code }))).status, 303);
  });

  it('queues requests, shows the position, and without mail lets admins send invitations by hand', async () => {
    await setMode('invitation');
    const first = await t.agent().submit('/invitations/request', { email: 'First@Example.org' });
    assert.equal(first.status, 200);
    assert.match(visibleText(first.body), /first@example\.org is number 1 in the queue/);
    const second = await t.agent().submit('/invitations/request', { email: 'second@example.org' });
    assert.match(visibleText(second.body), /is number 2 in the queue/);
    const twice = await t.agent().submit('/invitations/request', { email: 'first@example.org' });
    assert.match(visibleText(twice.body), /is number 1 in the queue/);
    const bad = await t.agent().submit('/invitations/request', { email: 'nope' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /value="nope"/);
    assert.match(visibleText((await t.agent().get('/signup')).body), /2 people are waiting/);

    const queue = await admin.get('/admin/invitations');
    assert.match(visibleText(queue.body), /The queue \(2 waiting\)/);
    const requestId = /\/admin\/invitations\/requests\/(\d+)\/send/.exec(queue.body)![1];
    const sent = await admin.submit(`/admin/invitations/requests/${requestId}/send`, {});
    assert.equal(sent.status, 303);
    const after = await admin.get('/admin/invitations');
    assert.match(visibleText(after.body), /The archive sends no mail: give them this link/);
    const code =
      /value="[^"]*\/signup\?invitation=([A-Za-z0-9_-]+)"[^>]*aria-label="Invitation link for first@example\.org"/.exec(
        after.body,
      )?.[1];
    assert.ok(code, 'the admin can copy the link');
    assert.equal((await t.agent().submit('/signup', signUpForm('from_queue', { invitation: code }))).status, 303);
    assert.match(
      visibleText((await t.agent().submit('/invitations/request', { email: 'second@example.org' })).body),
      /number 1 in the queue/,
    );
  });

  it('sends the set number of invitations a day from the queue by mail', async () => {
    const smtp: TestSmtp = await startSmtp();
    try {
      await setMode('invitation', '2');
      for (const who of ['ann', 'bob', 'cy'])
        await t.agent().submit('/invitations/request', { email: `${who}@example.org` });
      const config = loadConfig(
        { QUIRE_DATA: '/nonexistent' },
        { smtpUrl: smtp.url, baseUrl: 'https://archive.example.org', mailFrom: 'Quire <noreply@archive.example.org>' },
      );
      for (let pass = 0; pass < 3; pass++) {
        const jobs = createJobs(t.store, config);
        try {
          await jobs.runner.runDue();
        } finally {
          await jobs.stop();
        }
      }
      assert.deepEqual(
        smtp.received.map((m) => m.to[0]),
        ['ann@example.org', 'bob@example.org'],
        'two a day, first come first served, each once',
      );
      const mail = smtp.received[0];
      assert.equal(mail.subject, 'Your invitation to Quire');
      const link = /https:\/\/archive\.example\.org\/signup\?invitation=([A-Za-z0-9_-]+)/.exec(mail.text);
      assert.ok(link, mail.text);
      assert.equal((await t.agent().submit('/signup', signUpForm('ann_joins', { invitation: link[1] }))).status, 303);
      assert.match(
        visibleText((await t.agent().submit('/invitations/request', { email: 'cy@example.org' })).body),
        /cy@example\.org is number 1 in the queue/,
      );
    } finally {
      await smtp.close();
    }
  });
});
