import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp, type TestAccount } from './support/accounts.ts';
import { fillWorkForm, metaRow, plainWork } from './support/works.ts';

describe('drafts that never lose text', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  /** Scripts or styles the page's CSP refused: autosave.js must work under `script-src 'self'`. */
  const refused: string[] = [];

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

  async function freshPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser, server.base, options);
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    return page;
  }

  async function writerPage(
    login: string,
    options: BrowserContextOptions = {},
  ): Promise<{ page: Page; account: TestAccount }> {
    const page = await freshPage(options);
    const account = accountFor(login);
    await signUp(page, account);
    return { page, account };
  }

  const autosaveStatus = (page: Page) => page.locator('form[data-autosave] .autosave-status');
  const workText = (page: Page) => page.getByRole('textbox', { name: 'Work text', exact: true });
  const isAutosave = (url: URL) => url.pathname === '/autosave';

  it('saves the draft on the archive while the writer types, and shows it again after a reload', async () => {
    // axe-core is injected into this page, so its CSP is bypassed here (the other tests keep it).
    const { page } = await writerPage('reload_writer', { bypassCSP: true });
    await page.goto('/works/new');
    await fillWorkForm(
      page,
      plainWork('The Saved Draft', {
        categories: ['F/F'],
        complete: false,
        text: 'A first line.\n\nA second line, typed before the reload.',
      }),
    );
    await autosaveStatus(page)
      .getByText(/^Draft saved at \d\d:\d\d$/)
      .waitFor();

    await page.reload();
    const notice = page.getByRole('region', { name: /We restored the text you had not posted yet/ });
    await notice.waitFor();
    assert.match(
      folded(await notice.locator('p').textContent()),
      /^We restored the text you had not posted yet \(saved \d\d:\d\d on \d+ \w+ \d{4}\)\.$/,
      'the time is in the writer’s own time zone',
    );
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'The Saved Draft');
    assert.equal(await workText(page).inputValue(), 'A first line.\n\nA second line, typed before the reload.');
    assert.equal(
      await page.getByRole('group', { name: 'Categories' }).getByLabel('F/F', { exact: true }).isChecked(),
      true,
    );
    assert.equal(await page.getByLabel('This work is complete', { exact: true }).isChecked(), false);
    await screenshot(page, 'autosave-restored-notice');
    await assertNoViolations(page, 'the posting form with restored text');

    await notice.getByRole('button', { name: 'Discard the restored text' }).click();
    await page.waitForURL('**/works/new');
    assert.equal(folded(await page.getByRole('status').textContent()), 'The text you had not posted was discarded.');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), '');
    assert.equal(await notice.count(), 0);
  });

  it('keeps the text when the session expired before Post, and after logging in the writer posts it from the form', async () => {
    const { page, account } = await writerPage('expired_writer');
    await page.goto('/works/new');
    const draft = plainWork('Written While Logged Out', {
      warnings: ['Major Character Death'],
      categories: ['Gen', 'Multi'],
      relationships: 'Maren Holt & Ilse Brandt',
      summary: 'What the tide left.',
      complete: false,
      expectedChapters: '2',
      text: 'The session ended somewhere in here.\n\nThe writer kept typing anyway.',
    });
    await fillWorkForm(page, draft);

    // The session ends on the archive's side (it expired); the form is still open.
    await page.context().clearCookies({ name: 'quire_session' });
    await workText(page).press('End');
    await workText(page).pressSequentially('\n\nOne more line.');
    await autosaveStatus(page)
      .getByText(
        'You are logged out. Your text is kept in this browser; log in again in another tab and it stays here.',
      )
      .waitFor();

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL('**/login?return_to=%2Fworks%2Fnew');
    assert.match(
      folded(await page.getByRole('status').textContent()),
      /What you typed is safe: log in again and you will be back at the form/,
    );
    await page.getByLabel('Username or email').fill(account.login);
    await page.getByLabel('Password', { exact: true }).fill(account.password);
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.waitForURL('**/works/new');
    await page.getByRole('region', { name: /We restored the text you had not posted yet/ }).waitFor();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Written While Logged Out');
    assert.equal(await page.getByLabel('Relationships', { exact: true }).inputValue(), 'Maren Holt & Ilse Brandt');
    assert.equal(await page.getByLabel('Summary', { exact: true }).inputValue(), 'What the tide left.');
    assert.equal(await page.getByLabel('Expected chapters', { exact: true }).inputValue(), '2');
    assert.equal(await page.getByLabel('This work is complete', { exact: true }).isChecked(), false);
    const warnings = page.getByRole('group', { name: 'Archive warnings' });
    assert.equal(await warnings.getByLabel('Major Character Death', { exact: true }).isChecked(), true);
    assert.equal(await warnings.getByLabel('No Archive Warnings Apply', { exact: true }).isChecked(), false);
    assert.equal(
      await page.getByRole('group', { name: 'Categories' }).getByLabel('Multi', { exact: true }).isChecked(),
      true,
    );
    assert.equal(
      await workText(page).inputValue(),
      'The session ended somewhere in here.\n\nThe writer kept typing anyway.\n\nOne more line.',
    );
    assert.equal(
      await page.locator('.autosave-offer').count(),
      0,
      'the archive has the newest text; the browser copy is not offered',
    );

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    assert.equal(folded(await page.getByRole('status').textContent()), 'Your work was posted.');
    assert.equal(folded(await page.getByRole('heading', { level: 1 }).textContent()), 'Written While Logged Out');
    assert.deepEqual((await metaRow(page, 'Categories:').getByRole('listitem').allTextContents()).map(folded), [
      'Gen',
      'Multi',
    ]);
    for (const paragraph of [
      'The session ended somewhere in here.',
      'The writer kept typing anyway.',
      'One more line.',
    ]) {
      assert.equal(
        await page.locator('.chapter-text').getByText(paragraph, { exact: true }).isVisible(),
        true,
        `the work shows “${paragraph}”`,
      );
    }

    await page.goto('/works/new');
    assert.equal(await page.getByRole('region', { name: /We restored/ }).count(), 0);
    assert.equal(await page.locator('.autosave-offer').count(), 0);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), '');
  });

  it('keeps the text in the browser when the archive cannot be reached, and offers it back', async () => {
    const { page } = await writerPage('offline_writer');
    await page.route(isAutosave, (route) => route.abort('internetdisconnected'));
    await page.goto('/works/new');
    await fillWorkForm(page, plainWork('Typed Offline', { text: 'No signal on the ferry.' }));
    await autosaveStatus(page)
      .getByText(/^Could not reach the archive: saved in this browser at \d\d:\d\d$/)
      .waitFor();

    await page.reload();
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), '', 'the archive never had it');
    const offer = page.getByRole('region', {
      name: 'This browser holds text for this form that the archive does not have.',
    });
    const restore = offer.getByRole('button', { name: /^Restore the text saved in this browser at \d\d:\d\d$/ });
    await restore.waitFor();
    await screenshot(page, 'autosave-browser-copy-offer');
    await restore.click();
    assert.equal(await offer.count(), 0);
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Typed Offline');
    assert.equal(await workText(page).inputValue(), 'No signal on the ferry.');
    assert.equal(
      await page
        .getByRole('group', { name: 'Archive warnings' })
        .getByLabel('No Archive Warnings Apply', { exact: true })
        .isChecked(),
      true,
    );

    // Back online: the restored text reaches the archive, and the browser copy is dropped.
    await page.unroute(isAutosave);
    await autosaveStatus(page)
      .getByText(/^Draft saved at \d\d:\d\d$/)
      .waitFor();
    assert.deepEqual(await browserCopies(page), []);
    await page.reload();
    await page.getByRole('region', { name: /We restored the text you had not posted yet/ }).waitFor();
    assert.equal(await offer.count(), 0);
    assert.equal(await workText(page).inputValue(), 'No signal on the ferry.');
  });

  it('forgets the browser copy once the form it was kept for is posted', async () => {
    const { page } = await writerPage('posting_writer');
    await page.route(isAutosave, (route) => route.abort('internetdisconnected'));
    await page.goto('/works/new');
    await fillWorkForm(page, plainWork('Posted Despite The Weather', { text: 'The autosave never got through.' }));
    await autosaveStatus(page)
      .getByText(/^Could not reach the archive/)
      .waitFor();
    assert.equal((await browserCopies(page)).length, 1);

    await page.getByRole('button', { name: 'Post', exact: true }).click();
    await page.waitForURL(/\/works\/\d+$/);
    assert.equal(folded(await page.getByRole('heading', { level: 1 }).textContent()), 'Posted Despite The Weather');
    await page.goto('/works/new');
    await page.locator('form[data-autosave] .autosave-status').waitFor({ state: 'attached' });
    assert.equal(await page.locator('.autosave-offer').count(), 0, 'a posted work is not offered again');
    assert.deepEqual(await browserCopies(page), []);
  });

  /** The autosave copies this browser holds, by storage key. */
  function browserCopies(page: Page): Promise<string[]> {
    return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('quire-autosave:')));
  }
});
