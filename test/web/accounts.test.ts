import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';

describeEachDatabase('sign-up, log-in and account pages', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('shows a sign-up form with visible labels', async () => {
    const page = await t.agent().get('/signup');
    assert.equal(page.status, 200);
    for (const [id, label] of [
      ['login', 'Username'],
      ['email', 'Email'],
      ['password', 'Password'],
      ['passwordConfirmation', 'Confirm password'],
    ]) {
      assert.match(page.body, new RegExp(`<label for="field-${id}">${label}</label>`));
    }
    assert.match(page.body, /name="_csrf" value="[^"]+"/);
  });

  it('signs a writer up, logs them in and shows their first pen name', async () => {
    const agent = t.agent();
    const response = await agent.signUp('moonlit_quill');
    assert.equal(response.location, '/users/moonlit_quill');
    const page = await agent.get('/users/moonlit_quill');
    const text = visibleText(page.body);
    assert.match(text, /Welcome, moonlit_quill!/);
    assert.match(text, /Signed in as moonlit_quill/);
    assert.match(text, /Pen names moonlit_quill default/);
    assert.match(text, /Add a pen name/);
    const session = agent.cookie('quire_session');
    assert.ok(session);
    assert.match(String(response.headers['set-cookie']), /quire_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax/);
    assert.doesNotMatch(
      String(response.headers['set-cookie']),
      /quire_session=[^,]*Max-Age/,
      'without remember me the cookie ends with the browser',
    );
  });

  it('returns a rejected sign-up with every error beside its field and every field but passwords as typed', async () => {
    const agent = t.agent();
    const page = await agent.submit('/signup', {
      login: 'no',
      email: 'not-an-email',
      password: 'secret-pass',
      passwordConfirmation: 'other-pass',
      acceptTerms: '1',
    });
    assert.equal(page.status, 422);
    assert.match(page.body, /value="no"/);
    assert.match(page.body, /value="not-an-email"/);
    assert.doesNotMatch(page.body, /secret-pass|other-pass/);
    assert.match(page.body, /id="field-login-error">Usernames are 3 to 40 characters long\./);
    assert.match(page.body, /id="field-email-error">Enter an email address like name@example\.com\./);
    assert.match(page.body, /id="field-passwordConfirmation-error">The two passwords do not match\./);
    assert.match(page.body, /aria-invalid="true"/);
    assert.match(visibleText(page.body), /There are 3 problems/);
  });

  it('refuses a taken username or email with a clear message, not a 500', async () => {
    await t.agent().signUp('taken_name', 'correct horse battery', 'taken@example.org');
    const agent = t.agent();
    const byName = await agent.submit('/signup', {
      login: 'Taken_Name',
      email: 'fresh@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(byName.status, 422);
    assert.match(visibleText(byName.body), /That username is already taken\./);
    const byEmail = await agent.submit('/signup', {
      login: 'fresh_name',
      email: 'TAKEN@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(byEmail.status, 422);
    assert.match(visibleText(byEmail.body), /An account with that email address already exists\./);
  });

  it('logs in by username or by email, and out again', async () => {
    await t.agent().signUp('river', 'correct horse battery', 'river@example.org');
    for (const identifier of ['river', 'RIVER', 'River@Example.org']) {
      const agent = t.agent();
      const response = await agent.submit('/login', { identifier, password: 'correct horse battery' });
      assert.equal(response.status, 303, identifier);
      assert.match(visibleText((await agent.get('/')).body), /Signed in as river/);
      const out = await agent.submit('/logout', {});
      assert.equal(out.status, 303);
      const home = visibleText((await agent.get('/')).body);
      assert.match(home, /You are logged out\./);
      assert.match(home, /Log in/);
      assert.doesNotMatch(home, /Signed in as/);
    }
  });

  it('turns away a wrong password without saying whether the account exists', async () => {
    await t.agent().signUp('river');
    const agent = t.agent();
    const wrong = await agent.submit('/login', { identifier: 'river', password: 'not the password' });
    const unknown = await agent.submit('/login', { identifier: 'nobody_here', password: 'not the password' });
    assert.equal(wrong.status, 401);
    assert.equal(unknown.status, 401);
    const message = 'That username or email and password do not match an account.';
    assert.ok(visibleText(wrong.body).includes(message));
    assert.ok(visibleText(unknown.body).includes(message));
    assert.match(wrong.body, /value="river"/, 'the username stays as typed');
    assert.equal(agent.cookie('quire_session'), undefined);
  });

  it('asks for both fields when log-in is sent empty', async () => {
    const page = await t.agent().submit('/login', { identifier: '', password: '' });
    assert.equal(page.status, 401);
    assert.match(visibleText(page.body), /Enter your username or email address\..*Enter your password\./);
  });

  it('keeps a remembered session for 30 days', async () => {
    await t.agent().signUp('remembered');
    const agent = t.agent();
    const response = await agent.submit('/login', {
      identifier: 'remembered',
      password: 'correct horse battery',
      remember: '1',
    });
    assert.match(String(response.headers['set-cookie']), /quire_session=[^;]+; Max-Age=2592000/);
  });

  it('goes back to the page that asked for log-in, and only to pages of this site', async () => {
    await t.agent().signUp('returner');
    const agent = t.agent();
    const gate = await agent.get('/account');
    assert.equal(gate.status, 303);
    assert.equal(gate.location, '/login?return_to=%2Faccount');
    const form = await agent.get(gate.location!);
    assert.match(form.body, /name="return_to" value="\/account"/);
    const back = await agent.submit('/login', {
      identifier: 'returner',
      password: 'correct horse battery',
      return_to: '/account',
    });
    assert.equal(back.location, '/account');
    const other = t.agent();
    const offsite = await other.submit('/login', {
      identifier: 'returner',
      password: 'correct horse battery',
      return_to: '//evil.example/',
    });
    assert.equal(offsite.location, '/');
    // A browser drops the tab and would go to //evil.example.
    const tabbed = await t
      .agent()
      .submit('/login', { identifier: 'returner', password: 'correct horse battery', return_to: '/\t/evil.example/' });
    assert.equal(tabbed.location, '/');
  });

  it('changes the password, logging out other devices', async () => {
    const phone = t.agent();
    await phone.signUp('switcher', 'first password');
    const laptop = t.agent();
    await laptop.submit('/login', { identifier: 'switcher', password: 'first password' });

    const wrong = await phone.submit('/account/password', {
      currentPassword: 'not it',
      password: 'second password',
      passwordConfirmation: 'second password',
    });
    assert.equal(wrong.status, 422);
    assert.match(visibleText(wrong.body), /That is not your current password\./);
    const mismatch = await phone.submit('/account/password', {
      currentPassword: 'first password',
      password: 'second password',
      passwordConfirmation: 'typo',
    });
    assert.match(visibleText(mismatch.body), /The two passwords do not match\./);

    const done = await phone.submit('/account/password', {
      currentPassword: 'first password',
      password: 'second password',
      passwordConfirmation: 'second password',
    });
    assert.equal(done.status, 303);
    assert.match(visibleText((await phone.get('/account')).body), /Your password has been changed/);
    assert.equal((await laptop.get('/account')).status, 303, 'the other device must log in again');

    const fresh = t.agent();
    assert.equal((await fresh.submit('/login', { identifier: 'switcher', password: 'first password' })).status, 401);
    assert.equal((await fresh.submit('/login', { identifier: 'switcher', password: 'second password' })).status, 303);
  });

  it('changes the email address after checking the password', async () => {
    await t.agent().signUp('other_one', 'correct horse battery', 'other@example.org');
    const agent = t.agent();
    await agent.signUp('mover', 'correct horse battery', 'old@example.org');
    const taken = await agent.submit('/account/email', {
      email: 'other@example.org',
      currentPassword: 'correct horse battery',
    });
    assert.equal(taken.status, 422);
    assert.match(visibleText(taken.body), /An account with that email address already exists\./);
    assert.match(taken.body, /value="other@example.org"/, 'the new address stays as typed');
    const noPassword = await agent.submit('/account/email', { email: 'new@example.org', currentPassword: '' });
    assert.equal(noPassword.status, 422);
    const done = await agent.submit('/account/email', {
      email: 'New@Example.org',
      currentPassword: 'correct horse battery',
    });
    assert.equal(done.status, 303);
    assert.match(visibleText((await agent.get('/account')).body), /Your email address is now new@example\.org/);
    await agent.submit('/logout', {});
    assert.equal(
      (await agent.submit('/login', { identifier: 'new@example.org', password: 'correct horse battery' })).status,
      303,
    );
  });

  it('deletes the account only with the password and the confirmation', async () => {
    const agent = t.agent();
    await agent.signUp('leaving_soon');
    const unconfirmed = await agent.submit('/account/delete', { currentPassword: 'correct horse battery' });
    assert.equal(unconfirmed.status, 422);
    assert.match(visibleText(unconfirmed.body), /Tick the box/);
    const wrong = await agent.submit('/account/delete', { currentPassword: 'nope nope', confirm: '1' });
    assert.equal(wrong.status, 422);
    assert.equal((await t.agent().get('/users/leaving_soon')).status, 200);

    const done = await agent.submit('/account/delete', { currentPassword: 'correct horse battery', confirm: '1' });
    assert.equal(done.status, 303);
    assert.match(visibleText((await agent.get('/')).body), /The account leaving_soon has been deleted/);
    assert.equal((await t.agent().get('/users/leaving_soon')).status, 404);
    assert.equal(
      (await t.agent().submit('/login', { identifier: 'leaving_soon', password: 'correct horse battery' })).status,
      401,
    );
    // The name is free again.
    await t.agent().signUp('leaving_soon');
  });

  it('keeps account pages from guests', async () => {
    const guest = t.agent();
    for (const path of ['/account', '/account/delete']) assert.equal((await guest.get(path)).status, 303, path);
    const post = await guest.submit('/account/password', {
      currentPassword: 'x',
      password: 'yyyyyyyy',
      passwordConfirmation: 'yyyyyyyy',
    });
    assert.equal(post.status, 303);
    assert.match(post.location ?? '', /^\/login/);
  });

  it('never lets the orphan account log in', async () => {
    const response = await t.agent().submit('/login', { identifier: 'orphan_account', password: '' });
    assert.equal(response.status, 401);
    const attempt = await t.agent().submit('/login', { identifier: 'orphan_account', password: 'anything goes' });
    assert.equal(attempt.status, 401);
  });
});
