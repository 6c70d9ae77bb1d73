import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postWork, stat } from './support/works.ts';

describe('kudos in the browser', () => {
  const { freshPage } = browserSession({ context: { bypassCSP: true } });

  const kudosArea = (page: Page) => page.getByRole('region', { name: 'Kudos' });
  const kudosLine = async (page: Page) => folded(await kudosArea(page).locator('.kudos__list').textContent());
  /** Guests' kudos are written together about once a second: another reader's page shows them after that. */
  const kudosLineOnceWritten = async (page: Page, workId: number, expected: string) => {
    let line = await kudosLine(page);
    for (let attempt = 0; attempt < 40 && line !== expected; attempt++) {
      await page.waitForTimeout(250);
      await page.goto(`/works/${workId}`);
      line = await kudosLine(page);
    }
    return line;
  };

  it('a guest leaves kudos and is counted; a member leaves kudos and is named; the writer cannot', async () => {
    const writer = await freshPage();
    await signUp(writer, accountFor('harbour_writer'));
    const workId = await postWork(writer, plainWork('Long Haul'));
    assert.equal(
      await kudosArea(writer).getByRole('button', { name: 'Kudos ♥' }).count(),
      0,
      'no kudos button for the writer',
    );

    const guest = await freshPage();
    await guest.goto(`/works/${workId}`);
    assert.equal(await kudosLine(guest), 'No kudos yet.');
    await kudosArea(guest).getByRole('button', { name: 'Kudos ♥' }).click();
    await guest.waitForURL(`**/works/${workId}#kudos`);
    assert.equal(folded(await guest.getByRole('status').textContent()), 'Thank you for leaving kudos!');
    assert.equal(await kudosLine(guest), 'Kudos from 1 guest');
    assert.equal(await stat(guest, 'Kudos'), '1');

    // A second click is answered, not counted.
    await kudosArea(guest).getByRole('button', { name: 'Kudos ♥' }).click();
    await guest.waitForLoadState();
    assert.equal(folded(await guest.getByRole('status').textContent()), 'You have already left kudos here. :)');
    assert.equal(await kudosLine(guest), 'Kudos from 1 guest');

    const reader = await freshPage();
    await signUp(reader, accountFor('night_reader'));
    await reader.goto(`/works/${workId}`);
    await kudosArea(reader).getByRole('button', { name: 'Kudos ♥' }).click();
    await reader.waitForURL(`**/works/${workId}#kudos`);
    assert.equal(
      await kudosLineOnceWritten(reader, workId, 'Kudos from night_reader and 1 guest'),
      'Kudos from night_reader and 1 guest',
    );
    assert.equal(
      await kudosArea(reader).getByRole('link', { name: 'night_reader' }).getAttribute('href'),
      '/users/night_reader',
    );
    assert.equal(await stat(reader, 'Kudos'), '2');
    await kudosArea(reader).scrollIntoViewIfNeeded();
    await screenshot(reader, 'kudos-area');
    await assertNoViolations(reader, 'a work page with kudos');

    await writer.goto(`/works/${workId}`);
    assert.equal(
      await kudosLineOnceWritten(writer, workId, 'Kudos from night_reader and 1 guest'),
      'Kudos from night_reader and 1 guest',
    );
    // Readings are written about once a second: the page shows them after that.
    let hits = '';
    for (let attempt = 0; attempt < 40 && hits !== '2'; attempt++) {
      if (attempt > 0) await writer.waitForTimeout(250);
      await writer.goto(`/works/${workId}`);
      hits = await stat(writer, 'Hits');
    }
    assert.equal(hits, '2', 'the guest and the member read it; the writer does not count');
  });
});
