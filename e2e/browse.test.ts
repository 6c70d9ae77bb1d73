import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { openStore, type Store } from '../src/store/index.ts';
import { buildApp } from '../src/web/app.tsx';
import { loadConfig } from '../src/config.ts';
import { postWork } from '../test/support/works.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { folded } from './support/accounts.ts';
import { SHOTS_DIR } from './support/shots.ts';

describe('browsing works with the filter sidebar', () => {
  let store: Store;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    const user = await store.users.create({ login: 'consulting', email: 'c@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    const works: [string, string, string][] = [
      ['The Blind Banker', 'Sherlock (TV)', 'Fluff'],
      ['A Scandal', 'Sherlock (TV)', 'Fluff, Angst'],
      ['The Fall', 'Sherlock (TV)', 'Angst'],
      ['Ineffable', 'Good Omens', 'Fluff'],
    ];
    for (const [title, fandoms, freeforms] of works)
      await postWork(store, [pseud.id], { title, fandoms, freeforms, characters: '' });
    app = await buildApp({ store, config: loadConfig({ QUIRE_DATA: '/nonexistent' }, { demo: false }) });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    browser = await launchBrowser();
    context = await newContext(browser, base, { bypassCSP: true });
  });

  after(async () => {
    await context?.close();
    await browser?.close();
    await app?.close();
    await store?.close();
  });

  it('includes a fandom, then excludes a tag, and the counts in the sidebar follow', async () => {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Works', exact: true }).click();
    await page.waitForURL('**/works');
    assert.equal(folded(await page.locator('h1').textContent()), '1–4 of 4 works');
    const topTags = page.getByRole('region', { name: 'Tags in these results' });
    assert.match(folded(await topTags.textContent()), /Fluff \(3\)/);
    await assertNoViolations(page, 'the works listing');

    await page.getByRole('group', { name: 'Include' }).getByLabel('Fandoms', { exact: true }).fill('Sherlock (TV)');
    await page.getByRole('button', { name: 'Sort and filter' }).first().click();
    await page.waitForURL(/include_fandom=/);
    assert.equal(folded(await page.locator('h1').textContent()), '1–3 of 3 works');
    let sidebar = folded(await topTags.textContent());
    assert.match(sidebar, /Fluff \(2\)/);
    assert.match(sidebar, /Angst \(2\)/);
    assert.doesNotMatch(sidebar, /Good Omens/);

    await page.getByRole('group', { name: 'Exclude' }).getByLabel('Additional Tags', { exact: true }).fill('Angst');
    await page.getByRole('button', { name: 'Sort and filter' }).first().click();
    await page.waitForURL(/exclude_freeform=Angst/);
    assert.equal(folded(await page.locator('h1').textContent()), '1–1 of 1 work');
    sidebar = folded(await topTags.textContent());
    assert.match(sidebar, /Fluff \(1\)/);
    assert.doesNotMatch(sidebar, /Angst/);
    assert.deepEqual(await page.locator('.blurb__title a[href^="/works/"]').allTextContents(), ['The Blind Banker']);
    assert.equal(
      await page.getByRole('group', { name: 'Include' }).getByLabel('Fandoms', { exact: true }).inputValue(),
      'Sherlock (TV)',
      'the form keeps what was chosen',
    );
    mkdirSync(SHOTS_DIR, { recursive: true });
    await page.screenshot({ path: join(SHOTS_DIR, 'browse-filtered.png'), fullPage: true });
    await assertNoViolations(page, 'the filtered works listing');

    await topTags.getByRole('link', { name: 'Exclude Sherlock (TV)' }).click();
    await page.waitForURL(/exclude_fandom=/);
    assert.equal(folded(await page.locator('h1').textContent()), 'No works found');
  });
});
