import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';

const TEXT = [
  'The lighthouse stood at the end of the world, and nobody had climbed it in years.',
  'Mara counted the steps as she went up. There were one hundred and twelve, each one worn in the middle.',
  'At the top the lamp was cold. She put her hand on the glass and felt the storm coming.',
].join('\n\n');
const SENTENCE = 'There were one hundred and twelve, each one worn in the middle.';

describe('comments on a passage', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Scripts the page's CSP refused: passage-comments.js must work under `script-src 'self'`. */
  const refused: string[] = [];
  let workId = 0;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
    assert.deepEqual(refused, [], 'the Content Security Policy refused nothing');
  });

  /** `forAxe`: a context that lets axe-core's script in (it bypasses the page's CSP, so nothing CSP is checked there). */
  async function freshPage(forAxe = false): Promise<Page> {
    const context = await newContext(browser, server.base, forAxe ? { bypassCSP: true } : {});
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    return page;
  }

  /** Selects `text` inside paragraph `n` of the chapter text, as a reader dragging over it would. */
  const select = (page: Page, n: number, text: string) =>
    page.evaluate(
      ({ id, text }) => {
        const paragraph = document.getElementById(id)!;
        const node = paragraph.firstChild as Text;
        const start = node.data.indexOf(text);
        const range = document.createRange();
        range.setStart(node, start);
        range.setEnd(node, start + text.length);
        const selection = document.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
      },
      { id: `p-${n}`, text },
    );

  it('a reader selects a sentence and comments on it; the writer sees it in the inbox and answers; the count shows', async () => {
    const writer = await freshPage();
    await signUp(writer, accountFor('lamp_writer'));
    await writer.goto('/works/new');
    assert.ok(
      await writer.getByLabel('Let readers comment on a paragraph or sentence').isChecked(),
      'on by default for a new work',
    );
    workId = await postWork(writer, plainWork('The Lighthouse', { text: TEXT }));

    const reader = await freshPage();
    await signUp(reader, accountFor('lamp_reader'));
    await reader.goto(`/works/${workId}`);
    // Without a selection, each paragraph has its own link (the "+", reachable by keyboard).
    await reader.getByRole('link', { name: 'Comment on paragraph 2' }).waitFor({ state: 'attached' });
    await select(reader, 2, SENTENCE);
    const offer = reader.getByRole('link', { name: 'Comment on this passage' });
    await offer.waitFor();
    await offer.click();
    await reader.waitForURL(/\/comments\/new\?paragraph=2&quote=/);
    assert.equal(folded(await reader.locator('.passage-quote mark').textContent()), SENTENCE);
    await reader.getByLabel('Comment', { exact: true }).fill('Every step counted. I felt that.');
    await reader.getByRole('button', { name: 'Post comment' }).click();
    await reader.waitForURL(new RegExp(`/works/${workId}/chapters/\\d+#comment-\\d+$`));
    const posted = reader.locator('.comment').filter({ hasText: 'Every step counted' });
    assert.match(folded(await posted.locator('.comment__passage').textContent()), /On paragraph 2: “?There were/);

    await writer.goto('/inbox');
    const notice = writer.locator('.notice-item__comment').filter({ hasText: 'Every step counted' });
    assert.match(folded(await notice.textContent()), new RegExp(`On paragraph 2: “?${SENTENCE.replace('.', '\\.')}`));
    await notice.locator('summary', { hasText: 'Reply' }).click();
    await notice.getByLabel('Your reply').fill('Thank you! I counted them myself once.');
    await notice.getByRole('button', { name: 'Post reply' }).click();
    await writer.waitForURL('**/inbox**');

    await reader.goto(`/works/${workId}`);
    const count = reader.getByRole('link', { name: '2 comments on paragraph 2' });
    await count.waitFor();
    assert.equal(await count.getAttribute('data-count'), '2', 'the figure it shows');
    // The marks add nothing to the paragraph's text (to select, copy or find).
    assert.equal(folded(await reader.locator('#p-2').textContent()), TEXT.split('\n\n')[1]);
    await count.click();
    await reader.waitForURL(/\/comments\/new\?paragraph=2#comments$/);
    const thread = folded(await reader.locator('#comments').textContent());
    assert.match(thread, /Every step counted/);
    assert.match(thread, /I counted them myself once/);
    await screenshot(reader, 'passage-comments-thread');
  });

  it('the per-paragraph link waits for the pointer but is reachable by keyboard', async () => {
    const page = await freshPage(true);
    await page.goto(`/works/${workId}`);
    const link = page.getByRole('link', { name: 'Comment on paragraph 3' });
    assert.equal(await link.evaluate((el) => getComputedStyle(el).opacity), '0', 'hidden until pointed at');
    await link.focus();
    await page.waitForFunction(
      () => getComputedStyle(document.querySelector('#p-3 .passage-add')!).opacity === '1',
      undefined,
      { timeout: 2000 },
    );
    await assertNoViolations(page, 'a chapter with passage comments');
    await page.goto(`/works/${workId}`);
    await page.setViewportSize({ width: 1280, height: 900 });
    await screenshot(page, 'passage-comments-1280');
    await page.setViewportSize({ width: 390, height: 844 });
    await screenshot(page, 'passage-comments-390');
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('link', { name: 'Comment on paragraph 1' }).click();
    await page.waitForURL(/\/comments\/new\?paragraph=1$/);
    await assertNoViolations(page, 'the passage comment form');
    await screenshot(page, 'passage-comments-form');
  });
});
