import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { PHONE_PROFILE, assertNoSidewaysScroll, launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { metaRow, plainWork, postWork, stat } from './support/works.ts';

describe('merging works in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  /** A page in a new profile. axe-core is injected into some pages, so the page's CSP is bypassed. */
  async function freshPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser, server.base, { bypassCSP: true, ...options });
    contexts.push(context);
    return context.newPage();
  }

  const h1 = async (page: Page) => folded(await page.getByRole('heading', { level: 1 }).textContent());
  const path = (page: Page) => new URL(page.url()).pathname;
  const chapterText = (page: Page, text: string) => page.locator('.chapter-text').getByText(text, { exact: true });

  it('merges a one-shot and its sequel into one work, and an old address of the sequel leads to its chapter there', async () => {
    const page = await freshPage();
    await signUp(page, accountFor('tide_writer'));
    const oneShot = await postWork(
      page,
      plainWork('Low Tide', { additionalTags: 'Lighthouses', text: 'The ferry came in at dusk, low in the water.' }),
    );
    const sequel = await postWork(
      page,
      plainWork('High Water', {
        summary: 'Spring comes late to the harbour.',
        additionalTags: 'Sequel',
        text: 'Spring came late to the harbour that year.',
      }),
    );

    // A reader keeps the sequel's addresses: the work, and its chapter from the chapter index.
    const reader = await freshPage();
    await reader.goto(`/works/${sequel}/navigate`);
    await reader.getByRole('link', { name: 'Chapter 1' }).click();
    await reader.waitForURL(/\/chapters\/\d+$/);
    const sequelChapter = path(reader);

    // The writer starts from the one-shot's page.
    await page.goto(`/works/${oneShot}`);
    await page.getByRole('link', { name: 'Merge with other works' }).click();
    await page.waitForURL(`**/works/merge?works=${oneShot}`);
    assert.equal(await h1(page), 'Merge works');
    const oneShotBox = page.getByRole('checkbox', { name: /^Low Tide\b/ });
    const sequelBox = page.getByRole('checkbox', { name: /^High Water\b/ });
    assert.equal(await oneShotBox.isChecked(), true, 'the work the writer came from is ticked');
    assert.equal(await page.getByLabel('Order of “Low Tide”').inputValue(), '1');
    assert.equal(await sequelBox.isChecked(), false);

    // Forgetting to tick the sequel gets a clear message, with the choice kept.
    await page.getByRole('button', { name: 'Check the merge' }).click();
    await page.getByRole('alert').waitFor();
    assert.equal(
      folded(await page.getByRole('alert').innerText()),
      'There is a problem Choose at least two works to merge.',
    );
    assert.equal(await oneShotBox.isChecked(), true);
    await assertNoViolations(page, 'the rejected merge form');

    await sequelBox.check();
    await page.getByLabel('Order of “High Water”').fill('2');
    await screenshot(page, 'merge-form');
    await page.getByRole('button', { name: 'Check the merge' }).click();
    await page.waitForURL('**/works/merge/confirm?**');
    assert.equal(await h1(page), 'Merge 2 works into “Low Tide”?');
    const chapters = (
      await page.getByRole('region', { name: 'Chapters in order' }).getByRole('listitem').allTextContents()
    ).map(folded);
    assert.deepEqual(chapters, [
      'Chapter 1 from “Low Tide”, 10 words',
      'Chapter 2: High Water from “High Water”, 8 words',
    ]);
    const tags = (await metaRow(page, 'Additional Tags:').getByRole('listitem').allTextContents()).map(folded);
    assert.deepEqual(tags, ['Lighthouses', 'Sequel']);
    assert.match(
      folded(await page.getByRole('region', { name: 'Addresses' }).textContent()),
      new RegExp(`/works/${sequel} \\(“High Water”\\) will lead to the merged work`),
    );
    await screenshot(page, 'merge-confirm');
    await assertNoViolations(page, 'the merge confirmation page');

    await page.getByRole('button', { name: 'Merge works' }).click();
    await page.waitForURL(`**/works/${oneShot}`);
    assert.equal(
      folded(await page.getByRole('status').textContent()),
      'Merged 2 works into “Low Tide”, which now has 2 chapters. Their old addresses lead here.',
    );
    assert.equal(await h1(page), 'Low Tide');
    assert.equal(await stat(page, 'Chapters'), '2/2');
    assert.deepEqual((await metaRow(page, 'Additional Tags:').getByRole('listitem').allTextContents()).map(folded), [
      'Lighthouses',
      'Sequel',
    ]);

    // The reader's old addresses still work.
    await reader.goto(`/works/${sequel}`);
    assert.equal(
      path(reader),
      sequelChapter.replace(`/works/${sequel}/`, `/works/${oneShot}/`),
      "the sequel's old address opens its chapter",
    );
    assert.equal(await reader.getByRole('heading', { name: 'Chapter 2: High Water' }).isVisible(), true);
    await reader.goto(sequelChapter);
    assert.equal(path(reader), sequelChapter.replace(`/works/${sequel}/`, `/works/${oneShot}/`));
    assert.equal(await reader.getByRole('heading', { name: 'Chapter 2: High Water' }).isVisible(), true);
    assert.equal(await chapterText(reader, 'Spring came late to the harbour that year.').isVisible(), true);
    assert.equal(
      folded(await reader.locator('.chapter .summary').innerText()),
      'Chapter summary: Spring comes late to the harbour.',
      "the sequel's summary opens its chapter",
    );
  });

  it('fits a phone screen', async () => {
    const page = await freshPage(PHONE_PROFILE);
    await signUp(page, accountFor('phone_writer'));
    await postWork(page, plainWork('A Rather Long Title For A First Work On A Small Screen'));
    await postWork(page, plainWork('Second'));
    await page.goto('/works/merge');
    await assertNoSidewaysScroll(page);
    await page.getByRole('checkbox', { name: /^A Rather Long Title/ }).check();
    await page.getByRole('checkbox', { name: /^Second\b/ }).check();
    await page.getByRole('button', { name: 'Check the merge' }).click();
    await page.waitForURL('**/works/merge/confirm?**');
    await screenshot(page, 'merge-confirm-phone');
    await assertNoSidewaysScroll(page);
  });
});
