import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { PHONE_PROFILE, assertNoSidewaysScroll } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { SHOTS_DIR, screenshot } from './support/shots.ts';
import { join } from 'node:path';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postWork, stat } from './support/works.ts';

describe('comments in the browser', () => {
  const { freshPage } = browserSession();

  const comments = (page: Page) => page.locator('#comments');
  const commentBy = (page: Page, text: string) => comments(page).getByRole('article').filter({ hasText: text });

  /** Opens a comment's Reply, writes and posts; waits for the page to come back. */
  async function reply(page: Page, toText: string, text: string) {
    const target = commentBy(page, toText).last();
    await target.locator('summary', { hasText: 'Reply' }).click();
    await target.getByLabel('Comment', { exact: true }).fill(text);
    await target.getByRole('button', { name: 'Post reply' }).click();
    await page.waitForLoadState('load');
  }

  it('a reader comments, the author replies, and the reader sees the reply in the thread; a deep thread reads well on a phone', async () => {
    const author = await freshPage();
    await signUp(author, accountFor('lamp_author'));
    const workId = await postWork(author, plainWork('Long Haul'));

    // bypassCSP only so that axe can be injected for the accessibility check.
    const reader = await freshPage({ ...PHONE_PROFILE, bypassCSP: true });
    await signUp(reader, accountFor('night_reader'));
    await reader.goto(`/works/${workId}`);
    await comments(reader).getByLabel('Comment', { exact: true }).fill('The ending made me cry.\n\nIn a good way!');
    await comments(reader).getByRole('button', { name: 'Post comment' }).click();
    await reader.waitForURL(/#comment-\d+$/);
    assert.equal(folded(await reader.getByRole('status').textContent()), 'Your comment was posted.');
    assert.match(
      folded(await commentBy(reader, 'The ending made me cry.').textContent()),
      /night_reader .*The ending made me cry\. ?In a good way!/,
    );

    await author.goto(`/works/${workId}`);
    assert.equal(await stat(author, 'Comments'), '1');
    await reply(author, 'The ending made me cry.', 'Thank you so much for reading!');

    await reader.goto(`/works/${workId}`);
    const answer = commentBy(reader, 'Thank you so much for reading!');
    assert.match(
      folded(await answer.textContent()),
      /lamp_author .*in reply to night_reader ?Thank you so much for reading!/,
    );
    assert.equal(
      await reader.locator('li.comment--indent-1').count(),
      1,
      'the reply sits one step in, under the comment',
    );

    // Three more replies: a thread five deep, then a sixth that lines up at the fifth indent.
    const lines = [
      'Will there be a sequel?',
      'Maybe, if the muse agrees.',
      'I will wait patiently.',
      'Then I had better get writing.',
    ];
    for (const [i, line] of lines.entries()) {
      const page = i % 2 === 0 ? reader : author;
      await page.goto(`/works/${workId}`);
      await reply(page, i === 0 ? 'Thank you so much for reading!' : lines[i - 1], line);
    }
    await reader.goto(`/works/${workId}#comments`);
    assert.equal(await reader.locator('li.comment--indent-4').count(), 1);
    assert.equal(await reader.locator('li.comment--indent-5').count(), 1);
    await assertNoSidewaysScroll(reader);
    await assertNoViolations(reader, 'a work page with a deep comment thread');
    await comments(reader).scrollIntoViewIfNeeded();
    await screenshot(reader, 'comments-deep-thread-phone');
    await comments(reader)
      .locator('ol.comment-thread')
      .screenshot({ path: join(SHOTS_DIR, 'comments-deep-thread-phone-section.png') });
  });
});
