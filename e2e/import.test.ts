import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';

const FIXTURE = '/work/shared/fixtures/import/000_092c374209ade54d.txt';

describe('importing a work in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    context = await newContext(browser, server.base, { bypassCSP: true });
    page = await context.newPage();
    await signUp(page, accountFor('import_writer'));
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await server?.close();
  });

  it('uploads a story, moves a misplaced note into the text, posts it and shows the work', async () => {
    await page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: 'Import', exact: true }).click();
    await page.waitForURL('**/works/import');
    assert.equal(folded(await page.getByRole('heading', { level: 1 }).textContent()), 'Import a work');
    await assertNoViolations(page, 'the upload form');

    await page.getByLabel('Files').setInputFiles(FIXTURE);
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.waitForURL(/\/works\/import\/\d+$/);
    assert.equal(folded(await page.getByRole('heading', { level: 1 }).textContent()), 'Check the import: Untitled');
    const warnings = page.getByRole('region', { name: 'Check before posting' });
    assert.match(folded(await warnings.textContent()), /no title was found; give the work one\./);

    // The import took the author's musing at the end for an end note, and flagged it as a guess.
    const note = page.locator('.import-piece', { hasText: 'Draco has always intrigued me' });
    assert.match(folded(await note.textContent()), /Check this guess/);
    await assertNoViolations(page, 'the import preview');
    await screenshot(page, 'import-preview');

    const part = note.getByLabel(/^Part/);
    assert.equal(await part.inputValue(), 'end-notes');
    await part.selectOption({ label: 'Story text' });
    await page.getByLabel('Title of the work').fill('The Greatest Moment');
    await page.getByRole('button', { name: 'Update preview' }).click();
    await page.waitForURL(/\/works\/import\/\d+$/);
    assert.equal(folded(await page.getByRole('status').textContent()), 'The preview is updated.');
    const moved = page.locator('.import-piece', { hasText: 'Draco has always intrigued me' });
    assert.match(folded(await moved.textContent()), /You moved it here from end notes of the work/);
    assert.equal(await moved.getByLabel(/^Part/).inputValue(), 'text');

    // Posting asks for what the file did not say.
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    assert.match(
      folded(await page.getByRole('alert').textContent()),
      /Choose a rating\..*Choose at least one archive warning.*Name at least one fandom/,
    );
    await page.getByLabel('Rating').selectOption('General Audiences');
    await page.getByLabel('No Archive Warnings Apply').check();
    await page.getByLabel('Fandoms').fill('Harry Potter - J. K. Rowling');
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);

    assert.equal(folded(await page.getByRole('status').textContent()), 'Your imported work was posted.');
    assert.equal(folded(await page.locator('.work-title').textContent()), 'The Greatest Moment');
    assert.match(
      folded(await page.locator('.chapter-text').textContent()),
      /The first time Draco Malfoy held his newborn son.*Draco has always intrigued me/,
    );
    assert.equal(
      folded(await page.getByRole('region', { name: 'End notes:' }).locator('.userstuff').textContent()),
      'Please review! :) Thank you!',
    );
    await screenshot(page, 'import-posted');
  });
});
