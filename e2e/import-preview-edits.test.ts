import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { assertNoSidewaysScroll, launchBrowser, newContext, PHONE_PROFILE } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';

const STORY = [
  'The Keeper',
  '',
  'A/N: Thank you all for the reviews! This was hard to get right. The keeper climbed the stairs at dawn. He lit the lamp and watched the sea.',
  '',
  'The sea was grey. Gulls circled the tower. Nobody came that day.',
  '',
  'At night the lamp burned on. He slept at last.',
].join('\n');

async function startImport(page: Page): Promise<string> {
  await page.goto('/works/import');
  await page.getByLabel('Or paste the story').fill(STORY);
  await page.getByRole('button', { name: 'Preview the import' }).click();
  await page.waitForURL(/\/works\/import\/\d+$/);
  return new URL(page.url()).pathname;
}

const piece = (page: Page, text: string) => page.locator('.import-piece', { hasText: text });
const pieceText = async (page: Page, text: string) =>
  folded(await piece(page, text).locator('.import-piece__text').textContent());

describe('editing the paragraphs of an import preview in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.base, { bypassCSP: true });
    page = await context.newPage();
    await signUp(page, accountFor('preview_editor'));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('splits and moves sentences by clicking them, and comes back to the edited paragraph', async () => {
    await startImport(page);
    const story = piece(page, 'This was hard to get right.');
    await story
      .getByText('This was hard to get right.', { exact: false })
      .first()
      .click({ position: { x: 5, y: 5 } });
    const menu = page.getByRole('group', { name: 'Sentence 1 of 3' });
    assert.equal(await menu.getByRole('button').first().textContent(), 'Move this sentence to the notes');
    assert.ok(
      await menu
        .getByRole('button', { name: 'Move this sentence to the notes' })
        .evaluate((b) => b === document.activeElement),
    );
    await assertNoViolations(page, 'the import preview with a sentence menu open');
    await screenshot(page, 'import-preview-edits-desktop');
    await menu.getByRole('button', { name: 'Move this sentence to the notes' }).click();
    await page.waitForURL(/#piece-\d+$/);
    assert.equal(
      folded(await page.getByRole('status').textContent()),
      'The sentence is moved to the beginning notes of the work.',
    );
    const focusedId = await page.evaluate(() => document.activeElement?.id);
    assert.equal(`#${focusedId}`, new URL(page.url()).hash, 'the edited piece has the focus');
    assert.equal(await pieceText(page, 'This was hard to get right.'), 'This was hard to get right.');
    assert.equal(await piece(page, 'This was hard to get right.').getByLabel(/^Part/).inputValue(), 'notes');
    assert.match(
      folded(await piece(page, 'This was hard to get right.').textContent()),
      /You moved it here from story text/,
    );

    // Splitting at a later sentence of the story.
    await piece(page, 'The sea was grey.').locator('.import-sentence', { hasText: 'Nobody came' }).click();
    await page.getByRole('button', { name: 'Split the paragraph here' }).click();
    await page.waitForURL(/#piece-\d+$/);
    assert.equal(await pieceText(page, 'The sea was grey.'), 'The sea was grey. Gulls circled the tower.');
    assert.equal(await pieceText(page, 'Nobody came'), 'Nobody came that day.');
  });

  it('works without JavaScript, and Enter in a field still just updates the preview', async () => {
    const plain = await newContext(browser, server.base, { bypassCSP: true, javaScriptEnabled: false });
    const noJs = await plain.newPage();
    try {
      await signUp(noJs, accountFor('plain_editor'));
      await startImport(noJs);
      await noJs.getByLabel('Title of the work').fill('The Keeper of the Light');
      await noJs.getByLabel('Title of the work').press('Enter');
      await noJs.waitForURL(/\/works\/import\/\d+$/);
      assert.equal(folded(await noJs.getByRole('status').textContent()), 'The preview is updated.');

      const story = piece(noJs, 'The sea was grey.');
      await story.locator('summary').click();
      await story.getByLabel('Sentence').selectOption({ index: 1 });
      await story.getByRole('button', { name: 'Split the paragraph before this sentence' }).click();
      await noJs.waitForURL(/#piece-\d+$/);
      assert.equal(await pieceText(noJs, 'Gulls circled'), 'Gulls circled the tower. Nobody came that day.');
      await piece(noJs, 'The sea was grey.').locator('summary').click();
      await piece(noJs, 'The sea was grey.').getByRole('button', { name: 'Join with the next paragraph' }).click();
      await noJs.waitForURL(/#piece-\d+$/);
      assert.equal(
        await pieceText(noJs, 'The sea was grey.'),
        'The sea was grey. Gulls circled the tower. Nobody came that day.',
      );
      assert.equal(await noJs.getByLabel('Title of the work').inputValue(), 'The Keeper of the Light');
    } finally {
      await plain.close();
    }
  });

  it('fits a phone screen', async () => {
    const phone = await newContext(browser, server.base, { bypassCSP: true, ...PHONE_PROFILE });
    const small = await phone.newPage();
    try {
      await signUp(small, accountFor('phone_editor'));
      await startImport(small);
      await piece(small, 'The sea was grey.').locator('summary').click();
      await piece(small, 'At night').locator('.import-sentence', { hasText: 'He slept' }).click();
      await small.getByRole('button', { name: 'Split the paragraph here' }).waitFor();
      await assertNoSidewaysScroll(small);
      await screenshot(small, 'import-preview-edits-phone');
    } finally {
      await phone.close();
    }
  });
});
