import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';

describeEachDatabase('security of every page', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect, {
      rateLimits: { login: { max: 3, windowMs: 60_000 }, signup: { max: 2, windowMs: 60_000 } },
    });
  });
  afterEach(() => t.dispose());

  it('sends a strict Content-Security-Policy and the usual protective headers', async () => {
    const page = await t.agent().get('/');
    const csp = String(page.headers['content-security-policy']);
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /script-src 'self'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.equal(page.headers['x-content-type-options'], 'nosniff');
    assert.ok(page.headers['referrer-policy']);
    assert.doesNotMatch(page.body, /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script on the page');
  });

  it('makes a new CSRF secret at log-in and log-out, so a form token from before posts nothing after', async () => {
    await t.agent().signUp('rotator');
    const agent = t.agent();
    await agent.get('/login');
    const beforeLogIn = agent.csrfToken!;
    const secretBefore = agent.cookie('_csrf');
    await agent.submit('/login', { identifier: 'rotator', password: 'correct horse battery' });
    assert.notEqual(agent.cookie('_csrf'), secretBefore, 'a new secret comes with the log-in');
    const stale = await agent.request('POST', '/account/api-tokens', { _csrf: beforeLogIn, tokenName: 'stale' });
    assert.equal(stale.status, 403);
    // Pages opened at once after log-in share the new secret: a form from any of them posts.
    const pages = await Promise.all([agent.get('/account'), agent.get('/works/new'), agent.get('/')]);
    for (const [i, page] of pages.entries()) {
      const token = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1];
      const sent = await agent.request('POST', '/account/api-tokens', { _csrf: token, tokenName: `tab ${i}` });
      assert.equal(sent.status, 201, `the form of page ${i}`);
    }

    const beforeLogOut = agent.csrfToken!;
    const secretLoggedIn = agent.cookie('_csrf');
    await agent.submit('/logout', {});
    assert.notEqual(agent.cookie('_csrf'), secretLoggedIn);
    await agent.get('/login');
    const afterLogOut = await agent.request('POST', '/login', {
      _csrf: beforeLogOut,
      identifier: 'rotator',
      password: 'correct horse battery',
    });
    assert.equal(afterLogOut.status, 403);
  });

  it('refuses a form sent without its CSRF token, or with a forged one', async () => {
    const agent = t.agent();
    await agent.get('/signup');
    const missing = await agent.request('POST', '/signup', {
      login: 'forged',
      email: 'f@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(missing.status, 403);
    assert.match(missing.body, /This form could not be checked/);
    const forged = await agent.request('POST', '/signup', {
      _csrf: 'x'.repeat(52),
      login: 'forged',
      email: 'f@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(forged.status, 403);
    // A token from another browser does not match this browser's secret.
    const other = t.agent();
    await other.get('/');
    agent.remoteAddress = '10.1.1.1'; // past the sign-up rate limit, which counts these attempts too
    const crossed = await agent.request('POST', '/signup', {
      _csrf: other.csrfToken!,
      login: 'forged',
      email: 'f@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(crossed.status, 403);
    assert.equal((await t.agent().get('/users/forged')).status, 404, 'nothing was created');
  });

  it('refuses log-out without a token, so another site cannot log a reader out', async () => {
    const agent = t.agent();
    await agent.signUp('stays_in');
    assert.equal((await agent.request('POST', '/logout', {})).status, 403);
    assert.ok(agent.cookie('quire_session'));
  });

  it('limits log-in attempts per address', async () => {
    const agent = t.agent();
    for (let i = 0; i < 3; i++)
      assert.equal(
        (await agent.submit('/login', { identifier: 'someone', password: 'guess number ' + i })).status,
        401,
      );
    const blocked = await agent.submit('/login', { identifier: 'someone', password: 'guess number 4' });
    assert.equal(blocked.status, 429);
    assert.match(blocked.body, /Too many attempts from your address/);
    const elsewhere = t.agent();
    elsewhere.remoteAddress = '10.9.8.7';
    assert.equal(
      (await elsewhere.submit('/login', { identifier: 'someone', password: 'guess' })).status,
      401,
      'another address is not blocked',
    );
  });

  it('limits sign-ups per address', async () => {
    const agent = t.agent();
    await agent.signUp('first_one');
    await t.agent().signUp('second_one');
    const third = await t.agent().submit('/signup', {
      login: 'third_one',
      email: 't@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(third.status, 429);
    assert.equal((await t.agent().get('/users/third_one')).status, 404);
  });

  it('escapes what users typed everywhere it is shown', async () => {
    const agent = t.agent();
    await agent.signUp('escaper');
    await agent.submit('/users/escaper/pseuds', {
      name: "O'Brien",
      description: '<script>alert(1)</script><img src=x onerror=alert(2)>',
    });
    const page = await t.agent().get("/users/escaper/pseuds/O'Brien");
    assert.equal(page.status, 200);
    assert.doesNotMatch(page.body, /<script>alert|<img src=x/);
    assert.match(page.body, /&lt;script>alert\(1\)&lt;\/script>/);
    const search = await t.agent().get('/search?q=%3Cscript%3Ealert(3)%3C%2Fscript%3E');
    assert.doesNotMatch(search.body, /<script>alert\(3\)/);
    const bad = await t.agent().submit('/signup', {
      login: '"><script>x</script>',
      email: 'e@example.org',
      password: 'long enough',
      passwordConfirmation: 'long enough',
      acceptTerms: '1',
    });
    assert.equal(bad.status, 422);
    assert.doesNotMatch(bad.body, /<script>x<\/script>/);
  });

  it('answers malformed requests with a 4xx page, never a 500', async () => {
    const agent = t.agent();
    await agent.get('/');
    const json = await t.app.inject({
      method: 'POST',
      url: '/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    assert.ok(json.statusCode >= 400 && json.statusCode < 500, `got ${json.statusCode}`);
    const weird = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'text/xml' },
      payload: '<a/>',
    });
    assert.ok(weird.statusCode >= 400 && weird.statusCode < 500, `got ${weird.statusCode}`);
    const repeated = await agent.request('POST', '/login', { _csrf: agent.csrfToken! });
    assert.equal(repeated.status, 401);
    const arrays = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `_csrf=${agent.cookie('_csrf')}` },
      payload: `_csrf=${encodeURIComponent(agent.csrfToken!)}&identifier=a&identifier=b&password=x`,
    });
    assert.equal(arrays.statusCode, 401);
    const missing = await t.agent().get('/no/such/page');
    assert.equal(missing.status, 404);
    assert.match(missing.body, /Page not found/);
  });
});
