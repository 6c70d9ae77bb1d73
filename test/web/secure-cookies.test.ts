import { afterEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';
import { loadConfig, startWarnings } from '../../src/config.ts';

const cookiesOf = (header: string | number | string[] | undefined) => [header ?? []].flat().map(String);

describeEachDatabase('cookies behind a TLS proxy', (dialect) => {
  let t: TestApp | undefined;
  afterEach(() => t?.dispose());

  it('marks every cookie Secure when the public address is https, though the proxy is not trusted', async () => {
    t = await testApp(dialect, { baseUrl: 'https://fic.example', trustProxy: false });
    const signedUp = await t.agent().signUp('proxied');
    const cookies = cookiesOf(signedUp.headers['set-cookie']);
    assert.ok(cookies.some((c) => c.startsWith('quire_session=')));
    for (const cookie of cookies) assert.match(cookie, /; Secure/, cookie.split('=')[0]);
    const form = await t.app.inject({ url: '/login' });
    for (const cookie of cookiesOf(form.headers['set-cookie'])) assert.match(cookie, /; Secure/, cookie.split('=')[0]);
  });

  it('keeps plain-HTTP cookies on an archive served over plain HTTP', async () => {
    t = await testApp(dialect);
    const signedUp = await t.agent().signUp('local');
    const cookies = cookiesOf(signedUp.headers['set-cookie']);
    assert.ok(cookies.some((c) => c.startsWith('quire_session=')));
    for (const cookie of cookies) assert.doesNotMatch(cookie, /; Secure/, cookie.split('=')[0]);
  });
});

it('warns at start when the public address is https but the proxy is not trusted', () => {
  assert.match(startWarnings(loadConfig({ BASE_URL: 'https://fic.example' })).join('\n'), /QUIRE_TRUST_PROXY/);
  assert.deepEqual(startWarnings(loadConfig({ BASE_URL: 'https://fic.example', QUIRE_TRUST_PROXY: '1' })), []);
  assert.deepEqual(startWarnings(loadConfig({ BASE_URL: 'http://archive.local' })), []);
});

describeEachDatabase('a trusted proxy in front', (dialect) => {
  let t: TestApp | undefined;
  afterEach(() => t?.dispose());

  it('counts a visitor under the address the proxy saw, whatever X-Forwarded-For they sent', async () => {
    const { rateLimits } = loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: '3/60' });
    t = await testApp(dialect, { trustProxy: true, rateLimits });
    const statuses: number[] = [];
    for (let i = 1; i <= 5; i++) {
      // The proxy appends the address it saw; the first entry is the visitor's own invention.
      const page = await t.app.inject({ url: '/works', headers: { 'x-forwarded-for': `10.0.0.${i}, 203.0.113.9` } });
      statuses.push(page.statusCode);
    }
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const other = await t.app.inject({ url: '/works', headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.4' } });
    assert.equal(other.statusCode, 200, 'another visitor behind the same proxy is not refused');
  });
});
