import type { Page } from 'playwright-core';

export interface TestAccount {
  login: string;
  email: string;
  password: string;
}

/** The details a person signing up as `login` would type. */
export function accountFor(login: string): TestAccount {
  return { login, email: `${login}@example.org`, password: 'correct horse battery staple' };
}

/** Fills in the sign-up form as a person would, from whatever page is open, and submits it. */
export async function fillSignUpForm(
  page: Page,
  fields: { login: string; email: string; password: string; passwordConfirmation: string },
): Promise<void> {
  await page.getByLabel('Username').fill(fields.login);
  await page.getByLabel('Email').fill(fields.email);
  await page.getByLabel('Password', { exact: true }).fill(fields.password);
  await page.getByLabel('Confirm password').fill(fields.passwordConfirmation);
  await page.getByLabel('I have read and accept').check();
  await page.getByRole('button', { name: 'Create account' }).click();
}

/** Signs up through the real form and waits for the new user's page. */
export async function signUp(page: Page, account: TestAccount): Promise<void> {
  await page.goto('/signup');
  await fillSignUpForm(page, { ...account, passwordConfirmation: account.password });
  await page.waitForURL(`**/users/${account.login}`);
}

/** Text as a reader sees it: whitespace folded. */
export function folded(text: string | null): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}
