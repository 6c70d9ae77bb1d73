import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { authenticator } from 'otplib';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const PASSWORD = 'correct horse battery';
const DAY_MS = 86_400_000;

describeEachDatabase('changing a username', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  async function member(login: string): Promise<Agent> {
    const agent = t.agent();
    await agent.signUp(login, PASSWORD);
    return agent;
  }

  async function rename(agent: Agent, login: string, password = PASSWORD) {
    await agent.get('/account');
    return agent.submit('/account/username', { login, usernamePassword: password });
  }

  /** Moves the member's last change of username back by some days, as if it had been made then. */
  async function backdate(days: number): Promise<void> {
    const at = new Date(Date.now() - days * DAY_MS).toISOString();
    await t.store.handle.db.updateTable('user_renames').set({ changed_at: at }).execute();
  }

  it('renames the member, their default pen name with it, and their works show the new name', async () => {
    const writer = await member('moonlit_quill');
    const work = await writer.postWork({ title: 'Tidewater Letters' });
    const response = await rename(writer, 'silver_quill');
    assert.equal(response.status, 303);
    assert.equal(response.location, '/account');
    const account = visibleText((await writer.get('/account')).body);
    assert.match(
      account,
      /Your username is now silver_quill\. Links to \/users\/moonlit_quill lead to \/users\/silver_quill\. Your default pen name is now silver_quill too\./,
    );
    assert.match(account, /Signed in as silver_quill/);
    const user = await t.agent().get('/users/silver_quill');
    assert.equal(user.status, 200);
    assert.match(visibleText(user.body), /Pen names silver_quill/);
    assert.equal((await t.agent().get('/users/silver_quill/pseuds/silver_quill')).status, 200);
    const workPage = visibleText((await t.agent().get(work)).body);
    assert.match(workPage, /silver_quill/);
    assert.doesNotMatch(workPage, /moonlit_quill/);
    // Logging in takes the new name; the old one no longer names an account.
    const again = t.agent();
    assert.equal((await again.submit('/login', { identifier: 'silver_quill', password: PASSWORD })).status, 303);
    assert.equal((await t.agent().submit('/login', { identifier: 'moonlit_quill', password: PASSWORD })).status, 401);
  });

  it('answers the old addresses with 301 to the same page under the new name, query kept', async () => {
    const writer = await member('moonlit_quill');
    await rename(writer, 'silver_quill');
    const guest = t.agent();
    for (const [old, now] of [
      ['/users/moonlit_quill', '/users/silver_quill'],
      ['/users/Moonlit_Quill', '/users/silver_quill'],
      ['/users/moonlit_quill/works?sort=title&page=2', '/users/silver_quill/works?sort=title&page=2'],
      ['/users/moonlit_quill/pseuds/moonlit_quill', '/users/silver_quill/pseuds/moonlit_quill'],
      ['/users/moonlit_quill/bookmarks', '/users/silver_quill/bookmarks'],
      ['/users/moonlit_quill/works/feed.atom', '/users/silver_quill/works/feed.atom'],
    ]) {
      const answer = await guest.get(old);
      assert.equal(answer.status, 301, old);
      assert.equal(answer.location, now, old);
    }
    assert.equal((await guest.get('/users/never_was_here')).status, 404, 'other unknown names still answer 404');
    const form = await guest.request('POST', '/users/moonlit_quill/block', {});
    assert.notEqual(form.status, 301, 'forms are not sent on to another address');
  });

  it('allows one change a week, saying from when the next is possible', async () => {
    const writer = await member('moonlit_quill');
    assert.equal((await rename(writer, 'silver_quill')).status, 303);
    const account = visibleText((await writer.get('/account')).body);
    assert.match(account, /You changed your username lately: you can change it again from/);
    const refused = await rename(writer, 'golden_quill');
    assert.equal(refused.status, 422);
    const next = new Date(Date.now() + 7 * DAY_MS).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    const text = visibleText(refused.body);
    assert.match(text, /You can change your username once every 7 days\./);
    assert.ok(
      text.includes(`You can change it again from ${next}`),
      `the date ${next} is given: ${text.slice(0, 600)}`,
    );
    assert.match(refused.body, /value="golden_quill"/, 'the name typed is kept');
    assert.equal((await t.agent().get('/users/golden_quill')).status, 404);
    await backdate(8);
    assert.equal((await rename(writer, 'golden_quill')).status, 303, 'a week later it may change again');
    assert.equal((await t.agent().get('/users/golden_quill')).status, 200);
    const first = await t.agent().get('/users/moonlit_quill/works');
    assert.equal(first.location, '/users/golden_quill/works', 'the first name leads to the latest one');
  });

  it('refuses a name another account has, or gave up lately, and sign-up refuses it too', async () => {
    await member('taken_name');
    const writer = await member('moonlit_quill');
    const clash = await rename(writer, 'Taken_Name');
    assert.equal(clash.status, 422);
    assert.match(visibleText(clash.body), /That username is already taken\./);
    assert.match(clash.body, /value="Taken_Name"/);

    assert.equal((await rename(writer, 'silver_quill')).status, 303);
    const other = await member('lamp_reader');
    const held = await rename(other, 'moonlit_quill');
    assert.equal(held.status, 422);
    assert.match(visibleText(held.body), /That username was given up recently and stays with its old links until/);
    const signUp = await t.agent().submit('/signup', {
      login: 'moonlit_quill',
      email: 'someone@example.org',
      password: PASSWORD,
      passwordConfirmation: PASSWORD,
      acceptTerms: '1',
    });
    assert.equal(signUp.status, 422);
    assert.match(visibleText(signUp.body), /That username was given up recently/);

    // After the hold another account may take it, and the old addresses are then theirs.
    await backdate(31);
    assert.equal((await rename(other, 'moonlit_quill')).status, 303);
    const page = await t.agent().get('/users/moonlit_quill');
    assert.equal(page.status, 200, 'no redirect once the name is taken');
    assert.match(visibleText(page.body), /moonlit_quill/);
    assert.equal((await t.agent().get('/users/lamp_reader')).location, '/users/moonlit_quill');
  });

  it('asks for the current password and the rules of sign-up, keeping what was typed', async () => {
    const writer = await member('moonlit_quill');
    const wrong = await rename(writer, 'silver_quill', 'not my password');
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /id="field-usernamePassword-error">That is not your current password\./);
    assert.match(wrong.body, /value="silver_quill"/);
    const bad = await rename(writer, 'no way!');
    assert.equal(bad.status, 422);
    assert.match(bad.body, /id="field-login-error">Usernames may use only letters, digits and underscores\./);
    const reserved = await rename(writer, 'orphan_account');
    assert.match(visibleText(reserved.body), /That username is reserved\./);
    const same = await rename(writer, 'moonlit_quill');
    assert.match(visibleText(same.body), /That is already your username\./);
    assert.equal((await t.agent().get('/users/moonlit_quill')).status, 200, 'nothing changed');
    const guest = await t.agent().submit('/account/username', { login: 'x_y_z', usernamePassword: PASSWORD });
    assert.equal(guest.status, 303);
    assert.match(guest.location ?? '', /^\/login/);
  });

  it('leaves a default pen name with its own name as it is', async () => {
    const writer = await member('moonlit_quill');
    await writer.get('/users/moonlit_quill/pseuds/moonlit_quill/edit');
    const edited = await writer.submit('/users/moonlit_quill/pseuds/moonlit_quill', {
      name: 'Moon Writer',
      description: '',
      defaultDisclaimer: '',
    });
    assert.equal(edited.status, 303);
    assert.equal((await rename(writer, 'silver_quill')).status, 303);
    const page = visibleText((await writer.get('/account')).body);
    assert.doesNotMatch(page, /Your default pen name is now/);
    assert.equal((await t.agent().get('/users/silver_quill/pseuds/Moon%20Writer')).status, 200);
  });

  it('asks for a two-factor code too when two-factor log-in is on', async () => {
    let clock = Math.floor(Date.now() / 30_000) * 30_000 + 5_000;
    t.app.quire.archive.twoFactor.now = () => clock;
    const writer = await member('moonlit_quill');
    await writer.get('/account/two-factor');
    const setup = await writer.submit('/account/two-factor/setup', { currentPassword: PASSWORD });
    const secret = /class="two-factor-secret"[^>]*>([A-Z2-7 ]+)</.exec(setup.body)![1].replace(/ /g, '');
    const code = () => authenticator.clone({ epoch: clock }).generate(secret);
    assert.equal((await writer.submit('/account/two-factor/confirm', { twoFactorCode: code() })).status, 200);
    const account = await writer.get('/account');
    assert.match(account.body, /<label for="field-twoFactorCode-username">Two-factor code<\/label>/);
    const without = await rename(writer, 'silver_quill');
    assert.equal(without.status, 422);
    assert.match(visibleText(without.body), /Enter the 6-digit code from your authenticator app/);
    assert.equal((await t.agent().get('/users/moonlit_quill')).status, 200, 'not renamed without the code');
    await writer.get('/account');
    clock += 30_000; // the code used to turn it on is spent: the app shows the next one
    const withCode = await writer.submit('/account/username', {
      login: 'silver_quill',
      usernamePassword: PASSWORD,
      twoFactorCode: code(),
    });
    assert.equal(withCode.status, 303);
    assert.equal((await t.agent().get('/users/silver_quill')).status, 200);
  });

  it("shows an account's previous usernames on its admin page", async () => {
    const writer = await member('moonlit_quill');
    await rename(writer, 'silver_quill');
    const admin = await member('head_admin');
    const user = await t.store.users.findByLogin('head_admin');
    await t.store.roles.grant(user!.id, 'admin');
    const page = visibleText((await admin.get('/admin/users/silver_quill')).body);
    assert.match(page, /Previous usernames moonlit_quill ?, until \d+ \w+ \d{4}/);
  });
});
