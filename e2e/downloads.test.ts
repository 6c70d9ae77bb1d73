import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';

describe('downloads in the browser', () => {
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

  async function freshPage(bypassCSP = false): Promise<Page> {
    const context = await newContext(browser, server.base, { bypassCSP, acceptDownloads: true });
    contexts.push(context);
    return context.newPage();
  }

  it('a guest opens the Download menu on a work page and saves its EPUB', async () => {
    const writer = await freshPage();
    await signUp(writer, accountFor('epub_writer'));
    const workId = await postWork(writer, plainWork('Salt & Lanterns', { summary: 'Two keepers, one light.' }));

    const reader = await freshPage(true);
    await reader.goto(`/works/${workId}`);
    const menu = reader.locator('details.download-menu');
    await menu.getByText('Download', { exact: false }).first().focus();
    await reader.keyboard.press('Enter');
    assert.equal(await menu.getAttribute('open'), '', 'the keyboard opens the menu');
    const epubLink = menu.getByRole('link', { name: 'EPUB' });
    assert.ok(await epubLink.isVisible());
    await assertNoViolations(reader, 'the work page with the Download menu open');
    await screenshot(reader, 'downloads-menu');

    const [download] = await Promise.all([reader.waitForEvent('download'), epubLink.click()]);
    assert.equal(download.suggestedFilename(), 'Salt & Lanterns.epub');
    const bytes = new Uint8Array(await readFile((await download.path())!));
    assert.equal(String.fromCharCode(bytes[0], bytes[1]), 'PK', 'a zip file');
    assert.equal(strFromU8(bytes.subarray(30, 38)), 'mimetype', 'the mimetype comes first');
    const files = unzipSync(bytes);
    assert.equal(strFromU8(files.mimetype), 'application/epub+zip');
    assert.match(strFromU8(files['OEBPS/content.opf']), /<dc:title id="title">Salt &amp; Lanterns<\/dc:title>/);
    assert.match(strFromU8(files['OEBPS/title.xhtml']), /Two keepers, one light\./);
  });
});
