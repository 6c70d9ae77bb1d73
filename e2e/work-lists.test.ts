import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { PHONE_PROFILE, assertNoSidewaysScroll, launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { postWork } from '../test/support/works.ts';

describe("a writer's works list", () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
    const user = await server.store.users.create({ login: 'shelf_writer', email: 's@example.org', passwordHash: 'x' });
    const pseudId = (await server.store.pseuds.listForUser(user.id))[0].id;
    for (let i = 1; i <= 25; i++)
      await postWork(server.store, [pseudId], {
        title: `Shelf ${String(i).padStart(2, '0')}`,
        relationships: i === 7 ? 'Elizabeth Bennet/Fitzwilliam Darcy' : '',
      });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('leads from the user page to every work, page by page, on a phone, without accessibility violations', async () => {
    const context = await newContext(browser, server.base, { ...PHONE_PROFILE, bypassCSP: true });
    try {
      const page = await context.newPage();
      await page.goto('/users/shelf_writer');
      await page.getByRole('link', { name: /All 25 works/ }).click();
      await page.waitForURL('**/users/shelf_writer/works');
      await page.getByRole('heading', { level: 1, name: '1–20 of 25 works by shelf_writer' }).waitFor();
      await assertNoSidewaysScroll(page);
      await assertNoViolations(page, "a writer's works list on a phone");
      await page.getByRole('link', { name: 'Next →' }).click();
      await page.getByRole('heading', { level: 1, name: '21–25 of 25 works by shelf_writer' }).waitFor();
      await page.goto(
        `/users/shelf_writer/works?include_relationship=${encodeURIComponent('Fitzwilliam Darcy/Elizabeth Bennet')}`,
      );
      await page.getByRole('heading', { level: 1, name: '1–1 of 1 work by shelf_writer' }).waitFor();
      assert.equal(await page.getByRole('link', { name: 'Shelf 07' }).count(), 1);
    } finally {
      await context.close();
    }
  });
});
