import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { createToken } from '../support/api.ts';

describeEachDatabase('terms of service and privacy policy', (dialect) => {
  let t: TestApp;
  let admin: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    admin = t.agent();
    await admin.signUp('rules_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('rules_admin'))!.id, 'admin');
  });
  afterEach(() => t.dispose());

  it('shows the default terms and privacy policy, real text linked from sign-up', async () => {
    const terms = await t.agent().get('/terms');
    assert.equal(terms.status, 200);
    assert.match(visibleText(terms.body), /Terms of service .* What you post You keep every right you have/);
    const privacy = await t.agent().get('/privacy');
    assert.match(visibleText(privacy.body), /Privacy policy .* salted hash of your network address/);
    const signup = await t.agent().get('/signup');
    assert.match(signup.body, /href="\/terms"/);
    assert.match(signup.body, /href="\/privacy"/);
    assert.match(signup.body, /name="acceptTerms"/);
  });

  it('requires accepting the terms at sign-up and keeps the form as typed', async () => {
    const guest = t.agent();
    const refused = await guest.submit('/signup', {
      login: 'careful_one',
      email: 'careful@example.org',
      password: 'correct horse battery',
      passwordConfirmation: 'correct horse battery',
    });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /Tick the box to accept the terms of service and privacy policy\./);
    assert.match(refused.body, /value="careful_one"/);
    assert.match(refused.body, /value="careful@example\.org"/);
    assert.doesNotMatch(refused.body, /correct horse battery/);
    assert.equal((await t.agent().get('/users/careful_one')).status, 404, 'no account was made');

    const accepted = await guest.submit('/signup', {
      login: 'careful_one',
      email: 'careful@example.org',
      password: 'correct horse battery',
      passwordConfirmation: 'correct horse battery',
      acceptTerms: '1',
    });
    assert.equal(accepted.status, 303);
  });

  it('sends members to accept changed terms at their next page, leaves the API alone, and lets them on after', async () => {
    const member = t.agent();
    await member.signUp('long_timer');
    const token = await createToken(member);
    assert.equal((await member.get('/works')).status, 200);

    // A change members need not accept again does not stop anyone.
    const quiet = await admin.submit('/admin/terms/terms', {
      body: 'Typo fixed.',
      changeNote: '',
    });
    assert.equal(quiet.status, 303);
    assert.equal((await member.get('/works')).status, 200);

    const pseudId = await member.defaultPseudId();
    const refused = await admin.submit('/admin/terms/terms', { body: 'New rules text', requireAcceptance: '1' });
    assert.equal(refused.status, 422, 'a change to accept needs a note of what changed');
    assert.match(refused.body, /New rules text/);

    const saved = await admin.submit('/admin/terms/terms', {
      body: 'No posting works you did not write.\n\nBe kind in comments.',
      changeNote: 'Kindness in comments is now a rule.',
      requireAcceptance: '1',
    });
    assert.equal(saved.status, 303);
    assert.equal((await admin.get('/works')).status, 200, 'the admin who saved it accepted it');

    const sent = await member.get('/works');
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/terms/accept?return_to=%2Fworks');
    assert.equal((await member.get('/account')).location?.startsWith('/terms/accept'), true);
    // Reading the terms, the API with a token, and logging out still work.
    assert.equal((await member.get('/terms')).status, 200);
    assert.equal((await member.get('/privacy')).status, 200);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 200);
    // Guests are never asked.
    assert.equal((await t.agent().get('/works')).status, 200);
    // A form opened before the change still goes through: nothing typed is lost; the next page asks.
    const posted = await member.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Typed Before The Change',
      creatorPseudIds: pseudId,
      language: 'en',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Written while the terms changed.',
    });
    assert.equal(posted.status, 303);
    assert.equal((await member.get(posted.location!)).location?.startsWith('/terms/accept'), true);
    assert.equal((await t.agent().get(posted.location!)).status, 200);

    const accept = await member.get('/terms/accept?return_to=%2Fworks');
    assert.equal(accept.status, 200);
    const text = visibleText(accept.body);
    assert.match(text, /Our terms of service changed/);
    assert.match(text, /What changed Kindness in comments is now a rule\./);
    assert.match(text, /Be kind in comments\./);
    const done = await member.submit('/terms/accept', { return_to: '/works' });
    assert.equal(done.status, 303);
    assert.equal(done.location, '/works');
    assert.equal((await member.get('/works')).status, 200);
    assert.equal((await member.get('/account')).status, 200);
    assert.match(visibleText((await member.get('/terms')).body), /Version 2, in effect since/);

    // A new member accepts the current version at sign-up and is not asked again.
    const newcomer = t.agent();
    await newcomer.signUp('newcomer');
    assert.equal((await newcomer.get('/works')).status, 200);
  });

  it('keeps every version, and refuses the editor to non-admins', async () => {
    await admin.submit('/admin/terms/privacy', { body: 'Version one of the policy.', changeNote: 'First.' });
    await admin.submit('/admin/terms/privacy', { body: 'Version two of the policy.', changeNote: 'Second.' });
    const page = visibleText((await admin.get('/admin/terms')).body);
    assert.match(page, /Earlier versions \(2\)/);
    assert.match(page, /Version 2, .* Second\./);
    assert.match(visibleText((await t.agent().get('/privacy')).body), /Version two of the policy\./);
    const member = t.agent();
    await member.signUp('not_admin');
    assert.equal((await member.submit('/admin/terms/terms', { body: 'Hijacked.', changeNote: '' })).status, 403);
    assert.doesNotMatch(visibleText((await t.agent().get('/terms')).body), /Hijacked/);
  });
});
