import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postChapter, postWork } from './support/works.ts';

describe('reader feedback from kudos to the inbox, in the browser', () => {
  // bypassCSP only so that axe-core can be injected for the accessibility checks.
  const session = browserSession({ context: { bypassCSP: true } });

  const inboxLink = (page: Page) =>
    page.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /^Inbox/ });
  const comments = (page: Page) => page.locator('#comments');

  it('a guest leaves kudos, a reader comments, the author replies, the reader follows the notice to the reply; a subscriber hears of a new chapter', async () => {
    const author = await session.freshPage();
    await signUp(author, accountFor('lamp_author'));
    const workId = await postWork(author, plainWork('Long Haul', { expectedChapters: '2', complete: false }));

    const subscriber = await session.freshPage();
    await signUp(subscriber, accountFor('loyal_follower'));
    await subscriber.goto(`/works/${workId}`);
    await subscriber.getByRole('button', { name: 'Subscribe to this work' }).click();
    await subscriber.waitForURL(`**/works/${workId}`);

    const guest = await session.freshPage();
    await guest.goto(`/works/${workId}`);
    const kudos = guest.getByRole('region', { name: 'Kudos' });
    await kudos.getByRole('button', { name: 'Kudos ♥' }).click();
    await guest.waitForURL(`**/works/${workId}#kudos`);
    assert.equal(folded(await kudos.locator('.kudos__list').textContent()), 'Kudos from 1 guest');

    const reader = await session.freshPage();
    await signUp(reader, accountFor('night_reader'));
    await reader.goto(`/works/${workId}`);
    await comments(reader).getByLabel('Comment', { exact: true }).fill('The ending made me cry.');
    await comments(reader).getByRole('button', { name: 'Post comment' }).click();
    await reader.waitForURL(/#comment-\d+$/);
    assert.equal(folded(await inboxLink(reader).textContent()), 'Inbox', 'nothing unread yet');

    await author.goto(`/works/${workId}`);
    const comment = comments(author).getByRole('article').filter({ hasText: 'The ending made me cry.' });
    await comment.locator('summary', { hasText: 'Reply' }).click();
    await comment.getByLabel('Comment', { exact: true }).fill('Thank you so much for reading!');
    await comment.getByRole('button', { name: 'Post reply' }).click();
    await author.waitForURL(/#comment-\d+$/);
    const replyId = /#(comment-\d+)$/.exec(author.url())![1];

    // The reader's next page shows the unread badge in the header; the inbox leads to the reply.
    await reader.goto('/');
    assert.equal(folded(await inboxLink(reader).textContent()), 'Inbox 1 unread');
    await inboxLink(reader).click();
    await reader.waitForURL('**/inbox');
    await assertNoViolations(reader, 'the inbox with an unread reply');
    const notice = reader.getByRole('link', { name: /^lamp_author replied to your comment on Long Haul/ });
    assert.equal(await notice.count(), 1);
    await notice.click();
    await reader.waitForURL((url) => url.hash === `#${replyId}`);
    const target = reader.locator(`[id="${replyId}"]`);
    assert.equal(await target.count(), 1, 'the link’s anchor is the id of an element on the page it opens');
    assert.match(folded(await target.textContent()), /lamp_author .*Thank you so much for reading!/);
    assert.equal(
      await reader.evaluate(() => document.querySelector(':target')?.id),
      replyId,
      'the browser lands on the reply',
    );
    assert.ok(await target.isVisible());

    // The author posts chapter 2; the subscriber is told and follows the notice to it.
    await author.goto(`/works/${workId}/chapters/new`);
    const chapterId = await postChapter(author, { title: 'Homecoming', text: 'The ship came home at last.' });
    await subscriber.goto('/');
    assert.equal(folded(await inboxLink(subscriber).textContent()), 'Inbox 1 unread');
    await inboxLink(subscriber).click();
    await subscriber.getByRole('link', { name: 'lamp_author posted chapter 2 of Long Haul.' }).click();
    await subscriber.waitForURL(`**/works/${workId}/chapters/${chapterId}`);
    assert.match(folded(await subscriber.locator('main').textContent()), /The ship came home at last\./);

    // The reader finds the work in their history and marks it for later.
    await reader.goto(`/works/${workId}`);
    await reader.getByRole('button', { name: 'Mark for later' }).click();
    await reader.waitForURL(`**/works/${workId}`);
    assert.equal(folded(await reader.getByRole('status').textContent()), '“Long Haul” is marked for later.');
    await reader.goto('/users/night_reader/readings?show=later');
    const entry = reader.locator('li.blurb', { hasText: 'Long Haul' });
    assert.match(folded(await entry.textContent()), /Last visited: .* · Visited \d+ times · Marked for later/);
    await assertNoViolations(reader, 'the history page');
    await screenshot(reader, 'history-marked-for-later');
  });
});
