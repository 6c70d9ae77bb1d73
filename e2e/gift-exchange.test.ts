import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { browserSession } from './support/session.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { fillWorkForm } from './support/works.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { createJobs } from '../src/jobs/index.ts';
import { loadConfig } from '../src/config.ts';

const COLLECTION = '/collections/frost_swap';
const minutesFromNow = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16);

/** Who asks for which fandom and offers which: the only way to give everyone a gift is the ring a → b → c → a. */
const MEMBERS = [
  { login: 'frost_alder', request: 'Lantern Coast', offer: 'Glass Orbit' },
  { login: 'frost_briar', request: 'Glass Orbit', offer: 'Salt Meadow' },
  { login: 'frost_cress', request: 'Salt Meadow', offer: 'Lantern Coast' },
];

describe('a small gift exchange in the browser', () => {
  // axe-core's script needs the page's CSP bypassed.
  const session = browserSession({ context: { bypassCSP: true } });

  async function runJobs(): Promise<void> {
    const jobs = createJobs(session.server.store, loadConfig({ QUIRE_DATA: '/nonexistent' }, { smtpUrl: undefined }));
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }
  }

  async function saveSettings(page: Page, fields: Record<string, string>) {
    if (!page.url().endsWith(`${COLLECTION}/exchange/settings`)) await page.goto(`${COLLECTION}/exchange/settings`);
    for (const [label, value] of Object.entries(fields)) await page.getByLabel(label, { exact: true }).fill(value);
    await page.getByRole('button', { name: /Set up the exchange|Save settings/ }).click();
    await page.waitForLoadState();
    assert.ok(
      page.url().endsWith(`${COLLECTION}/exchange`),
      `the settings were saved: ${folded(
        await page
          .locator('.error-summary')
          .textContent()
          .catch(() => ''),
      )}`,
    );
  }

  it('three members sign up, the moderator generates and sends assignments, each posts a gift, the reveal tells each recipient', async () => {
    const moderator = await session.freshPage();
    await signUp(moderator, accountFor('frost_mod'));
    await moderator.goto('/collections/new');
    await moderator.getByLabel('Short name').fill('frost_swap');
    await moderator.getByLabel('Title', { exact: true }).fill('Frost Swap');
    await moderator.getByLabel('Unrevealed: works stay hidden from readers until revealed').check();
    await moderator.getByLabel('Anonymous: creators are shown as “Anonymous” until revealed').check();
    await moderator.getByRole('button', { name: 'Create collection' }).click();
    await moderator.waitForURL(`**${COLLECTION}`);

    await moderator.getByRole('link', { name: 'Set up a gift exchange' }).click();
    await moderator.waitForURL(`**${COLLECTION}/exchange/settings`);
    await moderator.getByLabel('Only tags the archive already uses (canonical tags)').uncheck();
    await saveSettings(moderator, { 'Sign-ups open': minutesFromNow(-60), 'Sign-ups close': minutesFromNow(24 * 60) });
    assert.match(folded(await moderator.locator('main').textContent()), /Sign-ups are open: 0 signed up so far/);

    const pages: Record<string, Page> = {};
    for (const member of MEMBERS) {
      const page = await session.freshPage();
      pages[member.login] = page;
      await signUp(page, accountFor(member.login));
      await page.goto(`${COLLECTION}/exchange`);
      await page.getByRole('link', { name: 'Sign up' }).click();
      await page.getByRole('group', { name: 'Request 1' }).getByLabel('Fandoms', { exact: true }).fill(member.request);
      await page
        .getByRole('group', { name: 'Request 1' })
        .getByLabel('Description (optional)')
        .fill(`Something warm set in ${member.request}.`);
      await page.getByRole('group', { name: 'Offer 1' }).getByLabel('Fandoms', { exact: true }).fill(member.offer);
      if (member === MEMBERS[0]) {
        await assertNoViolations(page, 'the sign-up form');
        await page.setViewportSize({ width: 390, height: 844 });
        await screenshot(page, 'gift-exchange-signup-phone');
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      await page.getByRole('button', { name: 'Sign up' }).click();
      await page.waitForLoadState();
      assert.ok(
        page.url().endsWith(`${COLLECTION}/exchange`),
        `signed up: ${folded(await page.locator('main').textContent())}`.slice(0, 600),
      );
      assert.match(folded(await page.locator('main').textContent()), new RegExp(`You signed up as ${member.login}`));
    }

    // The moderator sees the summary, closes sign-ups and generates the assignments.
    await moderator.goto(`${COLLECTION}/signups/summary`);
    assert.match(folded(await moderator.locator('main').textContent()), /3 participants and 0 pinch hitters/);
    await saveSettings(moderator, { 'Sign-ups close': minutesFromNow(-1) });
    await moderator.goto(`${COLLECTION}/assignments`);
    await moderator.getByRole('button', { name: 'Generate assignments' }).click();
    await moderator.waitForURL(`**${COLLECTION}/assignments`);
    assert.match(folded(await moderator.getByRole('status').first().textContent()), /matching/i);
    await runJobs();
    await moderator.reload();
    const drafts = folded(await moderator.locator('main').textContent());
    assert.match(drafts, /3 assignments for 3 participants\./);
    await assertNoViolations(moderator, 'the assignments page');
    await screenshot(moderator, 'gift-exchange-assignments-desktop');
    await moderator.getByRole('button', { name: 'Send 3 assignments' }).click();
    await moderator.waitForURL(`**${COLLECTION}/assignments`);
    assert.match(folded(await moderator.locator('main').textContent()), /3 assignments were sent\./);

    // Each member hears of their assignment and posts a gift for it.
    const recipientOf: Record<string, string> = {};
    for (const [index, member] of MEMBERS.entries()) {
      const page = pages[member.login];
      await page.goto('/inbox');
      await page.getByRole('link', { name: /Your assignment in Frost Swap/ }).click();
      await page.waitForURL(`**${COLLECTION}/assignments/mine`);
      const assignment = folded(await page.locator('main').textContent());
      const recipient = folded(await page.locator('.exchange-assignment h3 a').first().textContent());
      recipientOf[member.login] = recipient;
      const wanted = MEMBERS.find((m) => m.login === recipient)!;
      assert.equal(wanted.request, member.offer, 'each writes what they offered for someone who asked for it');
      assert.match(assignment, new RegExp(`Something warm set in ${wanted.request}`));
      if (index === 0) await screenshot(page, 'gift-exchange-my-assignment');
      await page.getByRole('link', { name: 'Post your gift' }).click();
      await page.waitForURL(/\/works\/new\?assignment=\d+/);
      assert.equal(await page.getByLabel('Collections', { exact: true }).inputValue(), 'frost_swap');
      assert.equal(await page.getByLabel('Gift for', { exact: true }).inputValue(), recipient);
      await fillWorkForm(page, {
        rating: 'General Audiences',
        warnings: ['No Archive Warnings Apply'],
        fandoms: member.offer,
        title: `A Gift for ${recipient}`,
        text: `Snow fell on ${member.offer}.\n\nIt was warm inside.`,
      });
      await page.getByRole('button', { name: 'Post', exact: true }).click();
      await page.waitForURL(/\/works\/\d+$/);
      assert.match(folded(await page.locator('main').textContent()), /Not yet revealed/);
    }
    await moderator.goto(`${COLLECTION}/assignments`);
    assert.match(folded(await moderator.locator('main').textContent()), /3 of 3 gifts posted/);

    // Nobody hears of a gift before the reveal; after it, every recipient does, from "Anonymous".
    await runJobs();
    for (const member of MEMBERS) {
      await pages[member.login].goto('/inbox');
      assert.doesNotMatch(folded(await pages[member.login].locator('main').textContent()), /gave .* a gift/);
    }
    await moderator.goto(`${COLLECTION}/items`);
    await moderator.getByRole('button', { name: 'Reveal works' }).click();
    await runJobs();
    for (const member of MEMBERS) {
      const page = pages[member.login];
      await page.goto('/inbox');
      const inbox = folded(await page.locator('main').textContent());
      const giver = MEMBERS.find((m) => recipientOf[m.login] === member.login)!;
      assert.match(inbox, new RegExp(`Anonymous gave ${member.login} a gift: A Gift for ${member.login}`));
      assert.doesNotMatch(inbox, new RegExp(giver.login), 'the giver stays anonymous until creators are revealed');
    }
  });
});
