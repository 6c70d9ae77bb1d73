import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';

describe('site news, changed terms and sign-up modes in a browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await Promise.all(contexts.map((context) => context.close()));
    await browser?.close();
    await server?.close();
  });

  async function freshPage(): Promise<Page> {
    const context = await newContext(browser, server.base, { bypassCSP: true });
    contexts.push(context);
    return context.newPage();
  }

  it('an admin posts news and asks members to accept new terms; a member accepts and carries on', async () => {
    const admin = await freshPage();
    await signUp(admin, accountFor('site_admin'));
    await server.store.roles.grant((await server.store.users.findByLogin('site_admin'))!.id, 'admin');
    const member = await freshPage();
    await signUp(member, accountFor('site_member'));

    await admin.goto('/admin/news/new');
    await assertNoViolations(admin, 'the news form');
    await admin.getByLabel('Title').fill('We have news');
    await admin.getByLabel('Text').fill('The archive opens a new fandom section.');
    await admin.getByLabel('Tags').fill('Announcements');
    await admin.getByRole('button', { name: 'Post' }).click();
    await admin.waitForURL('**/news/*');
    await assertNoViolations(admin, 'a news post');

    const guest = await freshPage();
    await guest.goto('/');
    await guest.getByRole('link', { name: 'We have news' }).click();
    assert.match(folded(await guest.locator('main').innerText()), /The archive opens a new fandom section\./);

    await admin.goto('/admin/terms');
    await assertNoViolations(admin, 'the terms editor');
    await admin.getByLabel('Text').first().fill('Be excellent to each other.');
    await admin.getByLabel('What changed').first().fill('A shorter, kinder rule.');
    await admin
      .getByLabel(/Members must accept again/)
      .first()
      .check();
    await admin.getByRole('button', { name: 'Save a new version of the terms of service' }).click();
    await admin.getByRole('status').waitFor();

    await member.goto('/works');
    await member.waitForURL('**/terms/accept**');
    await assertNoViolations(member, 'the accept page');
    assert.match(folded(await member.locator('main').innerText()), /What changed A shorter, kinder rule\./);
    await member.getByRole('button', { name: 'Accept' }).click();
    await member.waitForURL('**/works');
    assert.equal(new URL(member.url()).pathname, '/works');

    await admin.goto('/admin/settings');
    await assertNoViolations(admin, 'the settings page');
    await admin.getByLabel('Invitation only').check();
    await admin.getByRole('button', { name: 'Save settings' }).click();
    await admin.getByRole('status').waitFor();
    await admin.goto('/admin/invitations');
    await assertNoViolations(admin, 'the invitations page');

    await guest.goto('/signup');
    assert.match(folded(await guest.locator('main').innerText()), /This archive is open by invitation only\./);
    await assertNoViolations(guest, 'the sign-up page when invitation only');
    await guest.getByRole('link', { name: 'join the invitation queue' }).click();
    await guest.getByLabel('Email').fill('hopeful@example.org');
    await guest.getByRole('button', { name: 'Join the queue' }).click();
    assert.match(folded(await guest.locator('main').innerText()), /is number 1 in the queue/);
  });
});
