import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import { accountFor, fillSignUpForm, folded } from './support/accounts.ts';

describe('accounts in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function freshPage(): Promise<Page> {
    await context?.close();
    context = await newContext(browser, server.base);
    page = await context.newPage();
    return page;
  }

  const accountNav = () => page.getByRole('navigation', { name: 'Account' });

  it('signs up, adds a pen name, logs out and logs back in with the email address', async () => {
    const writer = accountFor('sol_writer');
    await freshPage();

    await page.goto('/');
    await accountNav().getByRole('link', { name: 'Sign up' }).click();
    await page.waitForURL('**/signup');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Create an account');

    await fillSignUpForm(page, { ...writer, passwordConfirmation: writer.password });
    await page.waitForURL(`**/users/${writer.login}`);
    assert.match(folded(await page.getByRole('status').textContent()), /^Welcome, sol_writer! /);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), writer.login);
    assert.equal(
      folded(
        await accountNav()
          .getByRole('link', { name: `Signed in as ${writer.login}` })
          .textContent(),
      ),
      `Signed in as ${writer.login}`,
    );

    const penNames = page.getByRole('region', { name: 'Pen names' });
    assert.equal(await penNames.getByRole('listitem').count(), 1);
    const first = penNames.getByRole('listitem').first();
    assert.equal(await first.getByRole('link', { name: writer.login, exact: true }).isVisible(), true);
    assert.equal(await first.getByText('default', { exact: true }).isVisible(), true);

    await penNames.getByRole('link', { name: 'Add a pen name' }).click();
    await page.waitForURL(`**/users/${writer.login}/pseuds/new`);
    await page.getByLabel('Name', { exact: true }).fill('Sol in Winter');
    await page.getByLabel('Description').fill('Long cold-weather stories.\n\nUpdates on Sundays.');
    await page.getByRole('button', { name: 'Add pen name' }).click();

    await page.waitForURL(`**/users/${writer.login}/pseuds/Sol%20in%20Winter`);
    assert.match(folded(await page.getByRole('heading', { level: 1 }).textContent()), /^Sol in Winter\b/);
    assert.equal(await page.getByText('Long cold-weather stories.', { exact: true }).isVisible(), true);
    assert.equal(await page.getByText('Updates on Sundays.', { exact: true }).isVisible(), true);

    await page.getByRole('link', { name: writer.login, exact: true }).first().click();
    await page.waitForURL(`**/users/${writer.login}`);
    const listed = (await page.getByRole('region', { name: 'Pen names' }).getByRole('listitem').allInnerTexts()).map(
      folded,
    );
    assert.equal(listed.length, 2, `pen names listed: ${JSON.stringify(listed)}`);
    assert.ok(
      listed.some((item) => item.startsWith('Sol in Winter') && item.includes('Long cold-weather stories.')),
      `pen names listed: ${JSON.stringify(listed)}`,
    );

    await accountNav().getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(`${server.base}/`);
    assert.equal(folded(await page.getByRole('status').textContent()), 'You are logged out.');
    assert.equal(await accountNav().getByRole('link', { name: 'Log in' }).isVisible(), true);
    assert.equal(await page.getByText('Signed in as').count(), 0);

    await accountNav().getByRole('link', { name: 'Log in' }).click();
    await page.waitForURL('**/login');
    await page.getByLabel('Username or email').fill(writer.email);
    await page.getByLabel('Password', { exact: true }).fill(writer.password);
    await page.getByLabel('Remember me on this device').check();
    await page.getByRole('button', { name: 'Log in' }).click();

    await page.waitForURL(`${server.base}/`);
    assert.equal(folded(await page.getByRole('status').textContent()), `Logged in as ${writer.login}.`);
    assert.equal(
      await accountNav()
        .getByRole('link', { name: `Signed in as ${writer.login}` })
        .isVisible(),
      true,
    );
    assert.equal(await accountNav().getByRole('link', { name: 'Log in' }).count(), 0);

    // "Remember me" keeps the session past closing the browser: a cookie with a far expiry.
    const session = (await context.cookies()).find((cookie) => cookie.name === 'quire_session');
    assert.ok(session, 'a session cookie is set');
    assert.ok(
      session.expires > Date.now() / 1000 + 7 * 86_400,
      `remembered session expires ${new Date(session.expires * 1000).toISOString()}`,
    );
  });

  it('keeps what was typed and shows each error next to its field when sign-up is rejected', async () => {
    await freshPage();
    await page.goto('/signup');
    await fillSignUpForm(page, {
      login: 'ab',
      email: 'ab@example.org',
      password: 'correct horse battery',
      passwordConfirmation: 'correct horse batteyr',
    });

    await page.getByRole('alert').waitFor();
    assert.equal(new URL(page.url()).pathname, '/signup');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Create an account');
    const summary = page.getByRole('alert');
    assert.equal(folded(await summary.getByRole('heading').textContent()), 'There are 2 problems');
    assert.deepEqual(await summary.getByRole('link').allTextContents(), [
      'Usernames are 3 to 40 characters long.',
      'The two passwords do not match.',
    ]);

    await assertErrorNextTo(page.getByLabel('Username'), 'Usernames are 3 to 40 characters long.');
    await assertErrorNextTo(page.getByLabel('Confirm password'), 'The two passwords do not match.');
    assert.equal(await page.getByLabel('Email').getAttribute('aria-invalid'), null);
    assert.equal(await page.getByLabel('Password', { exact: true }).getAttribute('aria-invalid'), null);

    assert.equal(await page.getByLabel('Username').inputValue(), 'ab');
    assert.equal(await page.getByLabel('Email').inputValue(), 'ab@example.org');
    assert.equal(await page.getByLabel('Password', { exact: true }).inputValue(), '');
    assert.equal(await page.getByLabel('Confirm password').inputValue(), '');

    assert.equal(await accountNav().getByRole('link', { name: 'Log in' }).isVisible(), true, 'still a guest');
  });
});

type Field = ReturnType<Page['getByLabel']>;

/** The message is shown just above the field, and a screen reader reads it with the field. */
async function assertErrorNextTo(field: Field, message: string): Promise<void> {
  assert.equal(await field.getAttribute('aria-invalid'), 'true');
  const describedBy = (await field.getAttribute('aria-describedby')) ?? '';
  const descriptions = await Promise.all(
    describedBy
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => field.page().locator(`[id="${id}"]`).textContent()),
  );
  assert.ok(
    descriptions.map(folded).includes(message),
    `field description ${JSON.stringify(descriptions)} includes ${JSON.stringify(message)}`,
  );

  const error = field.page().locator('main form').getByText(message, { exact: true });
  assert.equal(await error.isVisible(), true, `"${message}" is visible in the form`);
  const [errorBox, fieldBox] = await Promise.all([error.boundingBox(), field.boundingBox()]);
  assert.ok(errorBox && fieldBox);
  const gap = fieldBox.y - (errorBox.y + errorBox.height);
  assert.ok(gap >= 0 && gap < 32, `"${message}" sits just above its field (gap ${gap}px)`);
}
