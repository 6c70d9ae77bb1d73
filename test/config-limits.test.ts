import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PAGES_LIMIT, loadConfig } from '../src/config.ts';

it('reads rate limits as MAX/SECONDS, "off" where a limit may be off, and refuses anything else clearly', () => {
  const defaults = loadConfig({});
  assert.deepEqual(defaults.rateLimits.pages, DEFAULT_PAGES_LIMIT);
  assert.deepEqual(defaults.rateLimits.loginName, { max: 5, windowMs: 20_000 });
  assert.equal(defaults.redisUrl, undefined);

  const set = loadConfig({
    RATE_LIMIT_PAGES: '600/60',
    RATE_LIMIT_LOGIN: '3/30',
    RATE_LIMIT_LOGIN_NAME: '4/10',
    RATE_LIMIT_SIGNUP: '2/3600',
    REDIS_URL: 'redis://127.0.0.1:6379',
  });
  assert.deepEqual(set.rateLimits.pages, { max: 600, windowMs: 60_000 });
  assert.deepEqual(set.rateLimits.login, { max: 3, windowMs: 30_000 });
  assert.deepEqual(set.rateLimits.loginName, { max: 4, windowMs: 10_000 });
  assert.deepEqual(set.rateLimits.signup, { max: 2, windowMs: 3_600_000 });
  assert.equal(set.redisUrl, 'redis://127.0.0.1:6379');

  assert.equal(loadConfig({ RATE_LIMIT_PAGES: 'off' }).rateLimits.pages, undefined);
  assert.throws(
    () => loadConfig({ RATE_LIMIT_PAGES: '300' }),
    /RATE_LIMIT_PAGES must be "MAX\/SECONDS" \(such as 300\/300\) or "off", not 300/,
  );
  assert.throws(() => loadConfig({ RATE_LIMIT_PAGES: '0/300' }), /RATE_LIMIT_PAGES must be/);
  assert.throws(() => loadConfig({ RATE_LIMIT_LOGIN: 'off' }), /RATE_LIMIT_LOGIN cannot be off/);
});
