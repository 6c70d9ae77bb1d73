import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { SHOTS_DIR } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { fillWorkForm, metaRow, plainWork, postWork } from './support/works.ts';

const ACD = 'Sherlock Holmes (Arthur Conan Doyle)';
const BBC = 'Sherlock (TV)';

describe('tag suggestions on the posting form', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const writer = accountFor('baker_street');
  let cookies: Awaited<ReturnType<BrowserContext['cookies']>>;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const page = await writerPage();
    await signUp(page, writer);
    await postWork(page, plainWork('A Study in Lilac', { fandoms: ACD }));
    await postWork(page, plainWork('The Sign of Three', { fandoms: `${ACD}, ${BBC}` }));
    // A draft's fandom must not be offered to anyone.
    await page.goto('/works/new');
    await fillWorkForm(page, plainWork('Not Yet', { fandoms: 'Sherwood Secret' }));
    await page.getByRole('button', { name: 'Save as draft', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    cookies = await page.context().cookies();
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  /** A page logged in as the writer (the first one signs up). axe-core is injected, so CSP is bypassed. */
  async function writerPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser, server.base, { bypassCSP: true, ...options });
    contexts.push(context);
    if (cookies) await context.addCookies(cookies);
    return context.newPage();
  }

  const fandoms = (page: Page) => page.getByRole('combobox', { name: 'Fandoms' });
  const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Existing fandoms' });
  const optionTexts = async (page: Page) => (await suggestions(page).getByRole('option').allTextContents()).map(folded);

  it('offers existing fandoms as the writer types, picks one with the keyboard, and posts the work', async () => {
    const page = await writerPage();
    await page.goto('/works/new');
    const input = fandoms(page);
    assert.equal(await input.getAttribute('aria-expanded'), 'false');

    await input.pressSequentially('sher');
    await suggestions(page).waitFor();
    assert.equal(await input.getAttribute('aria-expanded'), 'true');
    assert.deepEqual(
      await optionTexts(page),
      [`${ACD} 2 works`, `${BBC} 1 work`],
      'most used first; the draft-only fandom is not offered',
    );
    assert.equal(
      folded(await page.locator('[aria-live="polite"]').filter({ hasText: 'suggested' }).textContent()),
      '2 existing tags suggested. Use the up and down arrow keys to choose, Enter to pick.',
    );

    await input.press('ArrowDown');
    await input.press('ArrowDown');
    await input.press('ArrowUp');
    const first = suggestions(page).getByRole('option').first();
    assert.equal(await first.getAttribute('aria-selected'), 'true');
    assert.equal(await input.getAttribute('aria-activedescendant'), await first.getAttribute('id'));
    await input.press('Enter');
    assert.equal(await input.inputValue(), `${ACD}, `);
    assert.equal(await suggestions(page).isVisible(), false);
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(new URL(page.url()).pathname, '/works/new', 'Enter picked the suggestion instead of sending the form');
    assert.equal(await input.evaluate((element) => element === document.activeElement), true, 'the writer can type on');

    // The fandom already in the field is not offered again; Escape closes the list and keeps the text.
    await input.pressSequentially('sher');
    await suggestions(page).waitFor();
    assert.deepEqual(await optionTexts(page), [`${BBC} 1 work`]);
    await input.press('Escape');
    await suggestions(page).waitFor({ state: 'hidden' });
    assert.equal(await input.inputValue(), `${ACD}, sher`);

    // Arrow down opens it again; a click picks too.
    await input.press('ArrowDown');
    await suggestions(page)
      .getByRole('option', { name: new RegExp(BBC.replace(/[()]/g, '\\$&')) })
      .click();
    assert.equal(await input.inputValue(), `${ACD}, ${BBC}, `);

    await fillWorkForm(page, {
      rating: 'General Audiences',
      warnings: ['No Archive Warnings Apply'],
      title: 'The Empty House',
      text: 'He came back.',
    });
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    assert.deepEqual((await metaRow(page, 'Fandoms:').getByRole('listitem').allTextContents()).map(folded), [ACD, BBC]);
  });

  it('lets the writer type on when suggestions cannot be fetched', async () => {
    const page = await writerPage();
    await page.route('**/tags/suggest?**', (route) => route.abort());
    await page.goto('/works/new');
    const failed = page.waitForEvent('requestfailed', (request) => request.url().includes('/tags/suggest'));
    await fandoms(page).pressSequentially('sher');
    await failed;
    await fandoms(page).pressSequentially('wood Forest');
    assert.equal(await fandoms(page).inputValue(), 'sherwood Forest');
    assert.equal(await suggestions(page).isVisible(), false);
  });

  for (const colorScheme of ['light', 'dark'] as const) {
    it(`shows the open list readably and accessibly in the ${colorScheme} scheme`, async () => {
      const page = await writerPage({ colorScheme });
      await page.goto('/works/new');
      // The form may hold an autosaved draft from the tests before; start from an empty field.
      await fandoms(page).fill('');
      await fandoms(page).pressSequentially('sher');
      await suggestions(page).waitFor();
      await fandoms(page).press('ArrowDown');
      mkdirSync(SHOTS_DIR, { recursive: true });
      await page
        .getByRole('group', { name: 'Tags' })
        .screenshot({ path: join(SHOTS_DIR, `tag-suggest-${colorScheme}.png`) });
      await assertNoViolations(page, `the posting form with tag suggestions open (${colorScheme})`);
    });
  }
});
