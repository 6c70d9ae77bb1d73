import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postChapter, postWork } from './support/works.ts';

describe('subscriptions and the notifications inbox in the browser', () => {
  const session = browserSession();

  /** A new browser profile; axe-core is injected on the reader's pages, so the CSP is bypassed there. */
  const freshPage = (bypassCSP = false): Promise<Page> => session.freshPage({ bypassCSP });

  it('a member subscribes to a work, the author posts a chapter, and the member follows the notice to it', async () => {
    const writer = await freshPage();
    await signUp(writer, accountFor('serial_writer'));
    const workId = await postWork(writer, plainWork('The Long Haul'));

    const reader = await freshPage(true);
    await signUp(reader, accountFor('serial_reader'));
    await reader.goto(`/works/${workId}`);
    await reader.getByRole('button', { name: 'Subscribe to this work' }).click();
    await reader.waitForURL(`**/works/${workId}`);
    assert.match(folded(await reader.getByRole('status').textContent()), /You are subscribed to The Long Haul/);
    assert.equal(await reader.getByRole('button', { name: 'Unsubscribe from this work' }).count(), 1);
    const inboxLink = reader.getByRole('navigation', { name: 'Account' }).getByRole('link', { name: /^Inbox/ });
    assert.equal(folded(await inboxLink.textContent()), 'Inbox', 'nothing unread yet');

    await writer.goto(`/works/${workId}/chapters/new`);
    const chapterId = await postChapter(writer, { title: 'The Return', text: 'The ship came home at last.' });

    await reader.goto('/');
    assert.equal(folded(await inboxLink.textContent()), 'Inbox 1 unread');
    await inboxLink.click();
    await reader.waitForURL('**/inbox');
    await assertNoViolations(reader, 'the inbox');
    await screenshot(reader, 'inbox-unread');
    const notice = reader.getByRole('link', { name: 'serial_writer posted chapter 2 of The Long Haul.' });
    await notice.click();
    await reader.waitForURL(`**/works/${workId}/chapters/${chapterId}`);
    assert.match(folded(await reader.locator('main').textContent()), /The ship came home at last\./);

    await reader.goto('/inbox');
    await reader.getByRole('button', { name: 'Mark all as read' }).click();
    await reader.waitForURL('**/inbox');
    assert.equal(folded(await inboxLink.textContent()), 'Inbox');
  });
});
