import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { fillWorkForm, plainWork } from './support/works.ts';

describe('live character count near a length limit', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.base);
    page = await context.newPage();
    await signUp(page, accountFor('counting_writer'));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  const summary = () => page.getByRole('textbox', { name: 'Summary', exact: true });
  const count = () => page.locator('#field-summary-char-count');

  it('stays quiet far from the limit, counts from 90%, and says how far over, keeping every character', async () => {
    await page.goto('/works/new');
    await summary().fill('A storm, a stranger.');
    assert.equal(await count().isVisible(), false, 'no count far from the limit');
    assert.equal(await count().getAttribute('aria-live'), 'polite');

    await summary().fill('w'.repeat(1_130));
    assert.equal(folded(await count().textContent()), '1,130 / 1,250');
    assert.equal(await count().isVisible(), true);

    // A pasted text over the limit is not cut by the browser: it is all there, and the count says by how much.
    await summary().fill('w'.repeat(1_262));
    assert.equal((await summary().inputValue()).length, 1_262);
    assert.equal(folded(await count().textContent()), '12 characters over');

    // Emoji are one character each, as the archive counts them.
    await summary().fill('🌊'.repeat(1_251));
    assert.equal(folded(await count().textContent()), '1 character over');
  });

  it('shows the count again on the refused form, with the server’s message and the whole text', async () => {
    await page.goto('/works/new');
    await fillWorkForm(page, plainWork('Over the Limit'));
    await summary().fill('w'.repeat(1_262));
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForLoadState('domcontentloaded');
    assert.match(
      folded(await page.locator('.error-summary').textContent()),
      /Summary is 1,262 characters; the limit is 1,250\. Shorten it by 12\./,
    );
    assert.equal((await summary().inputValue()).length, 1_262);
    assert.equal(folded(await count().textContent()), '12 characters over');
  });
});
