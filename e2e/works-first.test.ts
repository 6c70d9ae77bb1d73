import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/store/index.ts';
import { buildApp } from '../src/web/app.tsx';
import { loadConfig } from '../src/config.ts';
import { createDemoArchive } from '../src/demo/index.ts';
import { PHONE, PHONE_PROFILE, assertNoSidewaysScroll, launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { folded } from './support/accounts.ts';
import { screenshot } from './support/shots.ts';

/** Where an element is on the page, in CSS pixels from the top left of the page (not the viewport). */
async function boxOf(page: Page, selector: string) {
  const box = await page.locator(selector).first().boundingBox();
  assert.ok(box, `${selector} is shown`);
  const scrollY = await page.evaluate(() => window.scrollY);
  return { ...box, y: box.y + scrollY };
}

describe('/works shows its results first, and the header search finds works', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    // The demo archive (30 works, their tags and pen names): about what a new archive shows.
    store = await openStore({ sqlitePath: ':memory:' });
    await createDemoArchive(store);
    app = await buildApp({ store, config: loadConfig({ QUIRE_DATA: '/nonexistent' }, { demo: false }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  async function guestPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser, base, { bypassCSP: true, ...options });
    contexts.push(context);
    return context.newPage();
  }

  it('on a phone, the first work is on the first screen and "Sort and filter" is one tap away, without JavaScript', async () => {
    const page = await guestPage({ ...PHONE_PROFILE, javaScriptEnabled: false });
    await page.goto('/works');
    assert.match(folded(await page.locator('h1').textContent()), /^1–20 of \d+ works$/);
    const first = await boxOf(page, '.work-list .blurb');
    assert.ok(
      first.y >= 0 && first.y < PHONE.height - 100,
      `the first work starts ${Math.round(first.y)}px down, on a ${PHONE.height}px screen`,
    );
    assert.equal(await page.getByLabel('Sort by').isVisible(), false, 'the filters are folded away');
    await assertNoSidewaysScroll(page);
    await screenshot(page, 'works-first-phone');

    await page.locator('summary', { hasText: 'Sort and filter' }).click();
    await page.getByLabel('Sort by').selectOption({ label: 'Title' });
    await page.getByRole('group', { name: 'Include' }).getByLabel('Fandoms', { exact: true }).fill('Original Work');
    await page.getByRole('button', { name: 'Sort and filter' }).first().click();
    await page.waitForURL(/include_fandom=Original/);
    const titles = await page.locator('.blurb__title a[href^="/works/"]').allTextContents();
    assert.ok(titles.length > 1, 'works are found');
    assert.deepEqual(
      titles,
      [...titles].sort((a, b) => a.localeCompare(b, 'en')),
      'sorted by title',
    );
    const filtered = await boxOf(page, '.work-list .blurb');
    assert.ok(filtered.y < PHONE.height - 100, 'after filtering, the results come first again');
    assert.match(
      folded(await page.locator('summary', { hasText: 'Sort and filter' }).textContent()),
      /Original Work · sorted by title/,
      'the folded panel says which filters are in use',
    );
    const tags = await boxOf(page, '#top-tags-heading');
    assert.ok(tags.y > filtered.y, 'the tag counts follow the results');
  });

  it('on a desktop, the filters sit open beside the results, above the tag counts', async () => {
    const page = await guestPage();
    await page.goto('/works');
    const first = await boxOf(page, '.work-list .blurb');
    const filters = await boxOf(page, '.browse__panel');
    const tags = await boxOf(page, '.browse__tags');
    assert.ok(await page.getByLabel('Sort by').isVisible(), 'the filters are open without a click');
    assert.ok(filters.x >= first.x + first.width, 'the filters are to the right of the results');
    assert.ok(first.y < 300 && filters.y < 300, 'results and filters both start at the top');
    assert.ok(tags.y > filters.y + filters.height - 1 && tags.x === filters.x, 'the tag counts are under the filters');
    await screenshot(page, 'works-first-desktop');
    await assertNoViolations(page, 'the works listing on a desktop');
  });

  it('the header search finds a work by its title, with pen names and tags alongside', async () => {
    const page = await guestPage(PHONE_PROFILE);
    await page.goto('/');
    await page.getByRole('searchbox', { name: 'Search' }).fill('What the Sea Keeps');
    await page.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL('**/search?q=What+the+Sea+Keeps');
    const works = page.getByRole('region', { name: /works? found/ });
    assert.equal(
      await works.locator('.blurb__title a[href^="/works/"]').first().textContent(),
      'What the Sea Keeps',
      'the work with that title comes first',
    );
    await assertNoSidewaysScroll(page);
    await screenshot(page, 'header-search-phone');
    await assertNoViolations(page, 'the search results on a phone');

    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('sherlock');
    await page.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL('**/search?q=sherlock');
    assert.match(folded(await page.getByRole('region', { name: /tags? found/ }).textContent()), /Sherlock Holmes/);
    await page.getByRole('link', { name: /^Pen names \(\d+\)$/ }).click();
    assert.match(folded(await page.locator('#found-pseuds-heading').textContent()), /pen names? (found|match)/);

    await page.getByRole('searchbox', { name: 'Search', exact: true }).fill('paperlantern');
    await page.getByRole('button', { name: 'Go' }).click();
    await page.waitForURL('**/search?q=paperlantern');
    await page
      .getByRole('region', { name: /pen names? found/ })
      .getByRole('link', { name: 'Lantern (paperlantern)' })
      .click();
    await page.waitForURL('**/users/paperlantern/pseuds/Lantern');
  });
});
