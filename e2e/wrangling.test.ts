import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';

describe('tag wrangling in the browser', () => {
  // axe-core is injected, so every profile bypasses CSP.
  const session = browserSession({ context: { bypassCSP: true } });
  const freshPage = (): Promise<Page> => session.freshPage();

  it('a wrangler makes "Draco" a synonym of "Draco Malfoy", whose tag page then lists the work tagged Draco', async () => {
    const writerPage = await freshPage();
    await signUp(writerPage, accountFor('dragon_writer'));
    await postWork(writerPage, plainWork('The Dragon’s Hour', { fandoms: 'Harry Potter', characters: 'Draco' }));
    await postWork(writerPage, plainWork('Full Name Basis', { fandoms: 'Harry Potter', characters: 'Draco Malfoy' }));

    const page = await freshPage();
    const wrangler = accountFor('tag_wrangler');
    await signUp(page, wrangler);
    const user = await session.server.store.users.findByLogin(wrangler.login);
    await session.server.store.roles.grant(user!.id, 'wrangler');

    await page.goto('/wrangling?kind=character');
    await assertNoViolations(page, 'the wrangling page');
    assert.match(folded(await page.locator('main').innerText()), /Characters: 2 unwrangled/);
    await page.getByRole('link', { name: 'Draco Malfoy', exact: true }).click();
    await page.getByRole('button', { name: 'Make canonical' }).click();
    await page.waitForURL(/\/edit\?kind=character$/);
    assert.match(folded(await page.locator('main').innerText()), /“Draco Malfoy” is canonical/);

    await page.goto('/wrangling?kind=character');
    await page.getByRole('link', { name: 'Draco', exact: true }).click();
    await assertNoViolations(page, 'the tag edit page');
    const synonymOf = page.getByRole('combobox', { name: 'Synonym of' });
    await synonymOf.pressSequentially('draco m');
    await page.getByRole('option', { name: /Draco Malfoy/ }).click();
    assert.equal(await synonymOf.inputValue(), 'Draco Malfoy');
    await page.getByRole('button', { name: 'Make synonym' }).click();
    await page.waitForURL(/\/edit\?kind=character$/);
    assert.match(folded(await page.locator('main').innerText()), /“Draco” is now a synonym of “Draco Malfoy”/);

    const reader = await freshPage();
    await reader.goto('/tags/Draco%20Malfoy');
    await assertNoViolations(reader, 'a canonical tag page');
    const main = folded(await reader.locator('main').innerText());
    assert.match(main, /Synonyms Draco/);
    assert.match(main, /Newest works \(2\)/);
    assert.ok(await reader.getByRole('link', { name: 'The Dragon’s Hour' }).isVisible());
    await screenshot(reader, 'wrangling-tag-page');
    await reader.getByRole('region', { name: 'Synonyms' }).getByRole('link', { name: 'Draco', exact: true }).click();
    assert.match(folded(await reader.locator('main').innerText()), /This tag is a synonym of Draco Malfoy/);
  });
});
