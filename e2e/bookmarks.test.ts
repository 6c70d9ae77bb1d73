import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';

describe('bookmarks in the browser', () => {
  const session = browserSession();

  /** A new browser profile; axe-core is injected on the reader's pages, so the CSP is bypassed there. */
  const freshPage = (bypassCSP = false): Promise<Page> => session.freshPage({ bypassCSP });

  it('a reader bookmarks a work as a rec with notes and tags, finds it on their bookmarks page, and a guest sees it on the work’s bookmarks', async () => {
    const writer = await freshPage();
    await signUp(writer, accountFor('lantern_writer'));
    const workId = await postWork(writer, plainWork('Lantern Keeper'));

    const reader = await freshPage(true);
    await signUp(reader, accountFor('lantern_reader'));
    await reader.goto(`/works/${workId}`);
    await reader.getByRole('link', { name: 'Bookmark this work' }).click();
    await reader.waitForURL(`**/bookmarks/new?work=${workId}`);
    await assertNoViolations(reader, 'the bookmark form');
    await reader.getByLabel('Notes').fill('The <em>best</em> lighthouse story.');
    await reader.getByLabel('Your tags').fill('Lighthouses, Found Family');
    await reader.getByLabel('Recommend it (rec)').check();
    await reader.getByRole('button', { name: 'Create bookmark' }).click();
    await reader.waitForURL('**/users/lantern_reader/bookmarks');
    assert.match(folded(await reader.getByRole('status').textContent()), /You bookmarked Lantern Keeper/);
    const mine = reader.locator('.bookmark-list > li');
    assert.equal(await mine.count(), 1);
    const item = folded(await mine.first().textContent());
    assert.match(item, /Lantern Keeper by lantern_writer/);
    assert.match(item, /Recommended/);
    assert.match(item, /Lighthouses.*Found Family/);
    assert.match(item, /The best lighthouse story\./);
    assert.equal(await mine.first().locator('em', { hasText: 'best' }).count(), 1, 'the notes keep their formatting');
    await assertNoViolations(reader, 'the bookmarks page');
    await screenshot(reader, 'bookmarks-own');

    const guest = await freshPage();
    await guest.goto(`/works/${workId}`);
    assert.equal(await guest.getByRole('link', { name: 'Bookmark this work' }).count(), 0);
    await guest.locator('.work-meta__stats').getByRole('link', { name: '1' }).click();
    await guest.waitForURL(`**/works/${workId}/bookmarks`);
    assert.match(
      folded(await guest.locator('.bookmark-list').textContent()),
      /Bookmarked by lantern_reader .*Recommended.*The best lighthouse story\./,
    );
  });
});
