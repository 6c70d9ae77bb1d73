import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext, PHONE } from './support/browser.ts';
import { axeViolations, describeViolations } from './support/axe.ts';
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

  async function assertNoViolations(page: Page, what: string): Promise<void> {
    const violations = await axeViolations(page);
    assert.equal(violations.length, 0, `axe-core found ${violations.length} violation(s) on ${what} (${page.url()}):\n${describeViolations(violations)}`);
  }

  describe('axe-core finds no violations', () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      for (const path of ['/', '/signup', '/login']) {
        it(`on ${path} (${colorScheme})`, async () => {
          const page = await guestPage({ colorScheme });
          await page.goto(path);
          if (path === '/' && colorScheme === 'light') await screenshot(page, 'home-desktop');
          if (path === '/' && colorScheme === 'dark') await screenshot(page, 'home-desktop-dark');
          await assertNoViolations(page, `${path} in the ${colorScheme} scheme`);
        });
      }

      it(`on a rejected sign-up form (${colorScheme})`, async () => {
        const page = await guestPage({ colorScheme });
        await page.goto('/signup');
        await fillSignUpForm(page, { login: 'ab', email: 'not an email', password: 'short', passwordConfirmation: 'shorter' });
        await page.getByRole('alert').waitFor();
        await screenshot(page, colorScheme === 'light' ? 'signup-errors' : 'signup-errors-dark');
        await assertNoViolations(page, `the rejected sign-up form in the ${colorScheme} scheme`);
      });

      it(`on the user page, the pen name form and a pen name page while logged in (${colorScheme})`, async () => {
        const page = await guestPage({ colorScheme });
        const writer = accountFor(`axe_${colorScheme}`);
        await signUp(page, writer);
        await page.getByRole('status').waitFor();
        await screenshot(page, colorScheme === 'light' ? 'user-page' : 'user-page-dark');
        await assertNoViolations(page, `the new user's page with its welcome message in the ${colorScheme} scheme`);

        await page.getByRole('link', { name: 'Add a pen name' }).click();
        await page.waitForURL(`**/users/${writer.login}/pseuds/new`);
        await assertNoViolations(page, `the pen name form in the ${colorScheme} scheme`);

        await page.getByLabel('Name', { exact: true }).fill('Sol in Winter');
        await page.getByLabel('Description').fill('Long cold-weather stories.');
        await page.getByRole('button', { name: 'Add pen name' }).click();
        await page.waitForURL(`**/users/${writer.login}/pseuds/Sol%20in%20Winter`);
        if (colorScheme === 'light') await screenshot(page, 'pseud-page');
        await assertNoViolations(page, `a pen name page seen by its owner in the ${colorScheme} scheme`);
      });
    }
  });

  describe('on a phone-sized screen', () => {
    for (const [path, shot] of [['/', 'home-phone'], ['/signup', 'signup-phone'], ['/login', 'login-phone']] as const) {
      it(`${path} does not scroll sideways`, async () => {
        const page = await guestPage({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
        await page.goto(path);
        await screenshot(page, shot);
        const { scrollWidth, clientWidth } = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          clientWidth: document.documentElement.clientWidth,
        }));
        assert.ok(scrollWidth <= clientWidth, `${path} is ${scrollWidth}px wide on a ${clientWidth}px screen`);
      });
    }
  });
});
