import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { accountFor, signUp } from './support/accounts.ts';
import { plainWork, postChapter, postWork } from './support/works.ts';

const longText = (label: string) =>
  Array.from(
    { length: 80 },
    (_, i) => `${label}, paragraph ${i + 1}. The tide came in over the flats and went out again, as it always had.`,
  ).join('\n\n');

describe('reading that picks up where you left off', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Scripts the page's CSP refused: reading-position.js must work under `script-src 'self'`. */
  const refused: string[] = [];
  let workId = 0;
  let chapterId = 0;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const writer = await freshPage();
    await signUp(writer, accountFor('tide_writer'));
    workId = await postWork(writer, plainWork('The Long Shore', { expectedChapters: '2', text: longText('One') }));
    await writer.goto(`/works/${workId}/chapters/new`);
    chapterId = await postChapter(writer, { title: 'Low Water', text: longText('Two') });
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
    assert.deepEqual(refused, [], 'the Content Security Policy refused nothing');
  });

  async function freshPage(): Promise<Page> {
    const context = await newContext(browser, server.base);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    return page;
  }

  /** Brings paragraph `n` of the chapter text to the top of the screen, as reading down to it would. */
  const scrollTo = (page: Page, n: number) =>
    page.evaluate((id) => document.getElementById(id)!.scrollIntoView({ block: 'start' }), `p-${n}`);

  /** How far paragraph `n` is from the top of the screen, in CSS pixels. */
  const distanceFromTop = (page: Page, n: number) =>
    page.evaluate((id) => Math.abs(document.getElementById(id)!.getBoundingClientRect().top), `p-${n}`);

  it('a member scrolls a long chapter, reloads, and follows the offer back to the paragraph', async () => {
    const page = await freshPage();
    await signUp(page, accountFor('tide_reader'));
    await page.goto(`/works/${workId}/chapters/${chapterId}`);
    const saved = page.waitForRequest(
      (request) =>
        request.url().endsWith(`/works/${workId}/reading-position`) && /paragraph=40\b/.test(request.postData() ?? ''),
    );
    await scrollTo(page, 40);
    await saved;
    await page.waitForLoadState('networkidle');

    await page.reload();
    const offer = page.getByRole('link', { name: 'Continue where you left off (chapter 2, paragraph 40)' });
    await offer.waitFor();
    await offer.click();
    await page.waitForURL(`**/works/${workId}/chapters/${chapterId}#p-40`);
    assert.ok((await distanceFromTop(page, 40)) < 40, 'paragraph 40 is at the top of the screen');

    // The work page offers it too, without any anchor.
    await page.goto(`/works/${workId}`);
    await page.getByRole('link', { name: 'Continue where you left off (chapter 2, paragraph 40)' }).waitFor();
  });

  it('a guest’s place is kept in their browser and offered after a reload', async () => {
    const page = await freshPage();
    await page.goto(`/works/${workId}/chapters/${chapterId}`);
    await scrollTo(page, 25);
    await page.waitForFunction(
      (key) => localStorage.getItem(key)?.includes('"paragraph":25') ?? false,
      `quire:reading-position:${workId}`,
    );
    await page.reload();
    const offer = page.getByRole('link', { name: 'Continue where you left off (chapter 2, paragraph 25)' });
    await offer.waitFor();
    await offer.click();
    await page.waitForURL(`**/works/${workId}/chapters/${chapterId}#p-25`);
    assert.ok((await distanceFromTop(page, 25)) < 40, 'paragraph 25 is at the top of the screen');
  });
});
