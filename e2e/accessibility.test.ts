import { describe, it, before, after } from 'node:test';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { PHONE_PROFILE, assertNoSidewaysScroll, launchBrowser, newContext } from './support/browser.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, fillSignUpForm, signUp } from './support/accounts.ts';

describe('accessibility', () => {
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

  /** A page in a new guest profile. axe-core is injected, so the page's CSP is bypassed. */
  async function guestPage(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await newContext(browser, server.base, { bypassCSP: true, ...options });
    contexts.push(context);
    return context.newPage();
  }

  describe('axe-core finds no violations', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const shot = (name: string) => (colorScheme === 'light' ? name : `${name}-dark`);

      for (const [path, name] of [
        ['/', 'home-desktop'],
        ['/signup', 'signup'],
        ['/login', 'login'],
      ] as const) {
        it(`on ${path} (${colorScheme})`, async () => {
          const page = await guestPage({ colorScheme });
          await page.goto(path);
          await screenshot(page, shot(name));
          await assertNoViolations(page, `${path} in the ${colorScheme} scheme`);
        });
      }

      it(`on a rejected sign-up form (${colorScheme})`, async () => {
        const page = await guestPage({ colorScheme });
        await page.goto('/signup');
        await fillSignUpForm(page, {
          login: 'ab',
          email: 'not an email',
          password: 'short',
          passwordConfirmation: 'shorter',
        });
        await page.getByRole('alert').waitFor();
        await screenshot(page, shot('signup-errors'));
        await assertNoViolations(page, `the rejected sign-up form in the ${colorScheme} scheme`);
      });

      it(`on a new user's page with its welcome message (${colorScheme})`, async () => {
        const page = await guestPage({ colorScheme });
        await signUp(page, accountFor(`new_${colorScheme}`));
        await page.getByRole('status').waitFor();
        await screenshot(page, shot('user-page'));
        await assertNoViolations(page, `a new user's page in the ${colorScheme} scheme`);
      });

      describe(`signed in (${colorScheme})`, () => {
        const writer = accountFor(`writer_${colorScheme}`);
        let page: Page;

        before(async () => {
          page = await guestPage({ colorScheme });
          await signUp(page, writer);
        });

        it('on the pen name form', async () => {
          await page.goto(`/users/${writer.login}/pseuds/new`);
          await assertNoViolations(page, `the pen name form in the ${colorScheme} scheme`);
        });

        it('on a pen name page seen by its owner', async () => {
          await page.goto(`/users/${writer.login}/pseuds/new`);
          await page.getByLabel('Name', { exact: true }).fill('Sol in Winter');
          await page.getByLabel('Description').fill('Long cold-weather stories.');
          await page.getByRole('button', { name: 'Add pen name' }).click();
          await page.waitForURL(`**/users/${writer.login}/pseuds/Sol%20in%20Winter`);
          await screenshot(page, shot('pseud-page'));
          await assertNoViolations(page, `a pen name page seen by its owner in the ${colorScheme} scheme`);
        });

        it('on the report form, rejected and sent', async () => {
          const user = await server.store.users.findByLogin(writer.login);
          await page.goto(`/reports/new?kind=user&id=${user!.id}`);
          await assertNoViolations(page, `the report form in the ${colorScheme} scheme`);
          await page.getByLabel('Other').check();
          await page.getByRole('button', { name: 'Send report' }).click();
          await page.getByRole('alert').waitFor();
          await assertNoViolations(page, `the rejected report form in the ${colorScheme} scheme`);
          await page.getByLabel('Spam').check();
          await page.getByRole('button', { name: 'Send report' }).click();
          await page.waitForURL('**/reports/received');
          await assertNoViolations(page, `the report confirmation in the ${colorScheme} scheme`);
        });

        it('on the admin pages', async () => {
          const user = await server.store.users.findByLogin(writer.login);
          await server.store.roles.grant(user!.id, 'admin');
          await page.goto('/admin/reports');
          await page.getByRole('table').getByRole('link', { name: writer.login }).click();
          await page.getByRole('button', { name: 'Take' }).click();
          await page.getByLabel('Add a note').fill('Looked at it.');
          await page.getByRole('button', { name: 'Add note' }).click();
          await page.getByRole('status').waitFor();
          await screenshot(page, shot('admin-report'));
          await assertNoViolations(page, `a report's page in the ${colorScheme} scheme`);
          for (const path of ['/admin', '/admin/reports', '/admin/roles', '/admin/log']) {
            await page.goto(path);
            await assertNoViolations(page, `${path} in the ${colorScheme} scheme`);
          }
          await screenshot(page, shot('admin-log'));
        });
      });
    }
  });

  describe('on a phone-sized screen', () => {
    for (const [path, name] of [
      ['/', 'home-phone'],
      ['/signup', 'signup-phone'],
      ['/login', 'login-phone'],
    ] as const) {
      it(`${path} does not scroll sideways`, async () => {
        const page = await guestPage(PHONE_PROFILE);
        await page.goto(path);
        await screenshot(page, name);
        await assertNoSidewaysScroll(page);
      });
    }

    it('a signed-in user page does not scroll sideways, even for the longest username', async () => {
      const page = await guestPage(PHONE_PROFILE);
      await signUp(page, accountFor('w'.repeat(40)));
      await screenshot(page, 'user-page-phone');
      await assertNoSidewaysScroll(page);
    });
  });
});
