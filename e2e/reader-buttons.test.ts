/**
 * A work page's buttons for its reader (Subscribe, Bookmark, the feed, Mark for later, Download, Report) on a
 * phone: the row wraps, and every wrapped row starts at the page's left edge, not a button's margin in.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { PHONE_PROFILE } from './support/browser.ts';
import { accountFor, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';
import { screenshot } from './support/shots.ts';

/** The left edge of each of the reader's buttons that starts a row, and of the page's heading. */
async function rowStarts(page: Page): Promise<{ starts: { button: string; left: number }[]; edge: number }> {
  return page.evaluate(() => {
    const buttons = [
      ...document.querySelectorAll(
        '.subscribe-form, .bookmark-button, .feed-link, .mark-for-later-form, .download-menu, .report-link',
      ),
    ];
    const boxes = buttons.map((button) => button.getBoundingClientRect());
    // A button left of the one before it has wrapped: it starts a row.
    const starts = buttons
      .filter((_, i) => i === 0 || boxes[i].left <= boxes[i - 1].left)
      .map((button) => ({ button: button.className.split(' ').at(-1)!, left: button.getBoundingClientRect().left }));
    return { starts, edge: document.querySelector('h1')!.getBoundingClientRect().left };
  });
}

describe('a work page’s reader buttons on a phone', () => {
  const session = browserSession({ context: PHONE_PROFILE });

  it('starts every wrapped row of them at the page’s left edge, for a reader and for the writer', async () => {
    const writer = await session.freshPage();
    await signUp(writer, accountFor('lamp_oil'));
    const workId = await postWork(writer, plainWork('The Keeper’s Lamp'));
    const reader = await session.freshPage();
    await signUp(reader, accountFor('gull_feather'));
    // The reader sees Subscribe first; the writer, who cannot subscribe to their own work, Bookmark.
    for (const page of [reader, writer]) {
      await page.goto(`/works/${workId}`);
      const { starts, edge } = await rowStarts(page);
      assert.ok(starts.length >= 2, `the buttons wrap onto ${starts.length} row(s) on a phone`);
      const where = starts.map((s) => `${s.button} at ${s.left}`).join(', ');
      for (const start of starts) assert.equal(Math.round(start.left), Math.round(edge), `rows start: ${where}`);
    }
    await screenshot(writer, 'work-reader-buttons-phone');
  });
});
