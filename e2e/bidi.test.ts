import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { accountFor, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';

const RLO = '\u202E';

async function left(locator: Locator): Promise<number> {
  const box = await locator.boundingBox();
  assert.ok(box, 'the element is laid out');
  return box.x;
}

/** Where the title, "by" and the creator of a blurb are drawn, left to right. */
async function blurbOrder(page: Page, workId: number): Promise<{ title: number; by: number; creator: number }> {
  const heading = page.locator(`#work-${workId} .blurb__title`);
  return {
    title: await left(heading.locator(`a[href="/works/${workId}"]`)),
    by: await left(heading.locator('.blurb__by')),
    creator: await left(heading.locator('a[rel="author"]')),
  };
}

describe('right-to-left override in a title', () => {
  const session = browserSession();

  it('leaves the byline after the title reading left to right, in a listing', async () => {
    const writer = await session.freshPage();
    await signUp(writer, accountFor('mirror_writer'));
    const workId = await postWork(writer, plainWork(`Mirror ${RLO}Lake`));

    const reader = await session.freshPage();
    await reader.goto('/works');
    const order = await blurbOrder(reader, workId);
    assert.ok(
      order.title < order.by && order.by < order.creator,
      `title, by, creator in order: ${JSON.stringify(order)}`,
    );

    // The control: the same blurb without isolation is drawn backwards, so the check above can fail.
    await reader.goto('/works');
    await reader.evaluate(() => {
      for (const bdi of document.querySelectorAll('.blurb__title bdi')) bdi.replaceWith(...bdi.childNodes);
      for (const a of document.querySelectorAll<HTMLElement>('.blurb__title a')) a.style.unicodeBidi = 'normal';
    });
    const broken = await blurbOrder(reader, workId);
    assert.ok(broken.creator < broken.by, `without isolation the byline reverses: ${JSON.stringify(broken)}`);
  });
});
