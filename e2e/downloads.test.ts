import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';

describe('downloads in the browser', () => {
  const session = browserSession({ context: { acceptDownloads: true } });
  const freshPage = (bypassCSP = false): Promise<Page> => session.freshPage({ bypassCSP });

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
