import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext, PHONE_PROFILE, assertNoSidewaysScroll } from './support/browser.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';

describe('API tokens on the account page in the browser', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('creates a token with the keyboard, shows it once, lets a program use it, and revokes it', async () => {
    const context = await newContext(browser, server.base, { bypassCSP: true });
    const page = await context.newPage();
    await signUp(page, accountFor('token_user'));
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'API tokens' });
    assert.match(folded(await section.textContent()), /You have no API tokens\./);
    await assertNoViolations(page, 'account page without tokens');

    await section.getByLabel('Token name').focus();
    await page.keyboard.type('reading app');
    await page.keyboard.press('Enter');
    await page.waitForLoadState('load');
    const shown = page.getByLabel('Token', { exact: true });
    const token = await shown.inputValue();
    assert.match(token, /^quire_[A-Za-z0-9_-]{43}$/);
    assert.match(folded(await page.getByRole('status').first().textContent()), /Created the API token “reading app”/);
    const row = page.getByRole('row', { name: /reading app/ });
    assert.match(folded(await row.innerText()), /^reading app \d+ \w+ \d{4} Never/);
    await assertNoViolations(page, 'account page with a new token');
    await screenshot(page, 'api-token-created');

    const me = await page.request.get(`${server.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(me.status(), 200);
    assert.equal((await me.json()).user.login, 'token_user');

    await page.goto('/account');
    assert.equal(await page.getByLabel('Token', { exact: true }).count(), 0, 'the token is not shown again');
    await page.getByRole('button', { name: 'Revoke reading app' }).click();
    await page.waitForURL('**/account');
    assert.match(folded(await page.getByRole('status').first().textContent()), /Revoked the API token “reading app”/);
    const after = await page.request.get(`${server.base}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(after.status(), 401);
    await context.close();

    const phone = await newContext(browser, server.base, { ...PHONE_PROFILE, bypassCSP: true });
    const small = await phone.newPage();
    await signUp(small, accountFor('phone_user'));
    await small.goto('/account');
    await small.getByLabel('Token name').fill('a rather long token name for a phone screen');
    await small.getByRole('button', { name: 'Create token' }).click();
    await small.waitForLoadState('load');
    await assertNoSidewaysScroll(small);
    await screenshot(small, 'api-token-created-phone');
    await phone.close();
  });
});
