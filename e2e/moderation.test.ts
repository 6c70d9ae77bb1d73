import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { browserSession } from './support/session.ts';
import { assertNoViolations } from './support/axe.ts';
import { screenshot } from './support/shots.ts';
import { accountFor, folded, signUp } from './support/accounts.ts';
import { plainWork, postWork } from './support/works.ts';

describe('moderation in the browser', () => {
  // bypassCSP only so that axe-core can be injected for the accessibility checks.
  const session = browserSession({ context: { bypassCSP: true } });

  it('a guest reports a comment; a moderator hides it and suspends its writer, who cannot log in and is told why; the log shows both', async () => {
    const author = await session.freshPage();
    await signUp(author, accountFor('gentle_author'));
    const workId = await postWork(author, plainWork('Small Kindnesses'));

    const troll = await session.freshPage();
    const trollAccount = accountFor('bridge_troll');
    await signUp(troll, trollAccount);
    await troll.goto(`/works/${workId}`);
    await troll.locator('#comments').getByLabel('Comment', { exact: true }).fill('Nobody wants to read this. Quit.');
    await troll.locator('#comments').getByRole('button', { name: 'Post comment' }).click();
    await troll.waitForURL(/#comment-\d+$/);

    // A guest reports the comment.
    const guest = await session.freshPage();
    await guest.goto(`/works/${workId}`);
    const nasty = guest.locator('#comments').getByRole('article').filter({ hasText: 'Nobody wants to read this' });
    await nasty.getByRole('link', { name: /^Report/ }).click();
    await guest.getByLabel('Harassment').check();
    await guest.getByLabel('What is wrong').fill('Telling the writer to quit, under every chapter.');
    await guest.getByLabel('Your email address (optional)').fill('worried.reader@example.org');
    await guest.getByRole('button', { name: 'Send report' }).click();
    await guest.getByRole('heading', { name: 'Thank you: your report was received' }).waitFor();
    assert.doesNotMatch(folded(await guest.locator('main').textContent()), /bridge_troll@example\.org/);

    // A moderator takes it from the queue and hides the comment.
    const moderator = await session.freshPage();
    await signUp(moderator, accountFor('kind_moderator'));
    const mod = await session.server.store.users.findByLogin('kind_moderator');
    await session.server.store.roles.grant(mod!.id, 'moderator');
    await moderator.goto('/');
    await moderator.getByRole('link', { name: 'Admin' }).click();
    await moderator.getByRole('link', { name: 'Reports', exact: true }).first().click();
    await moderator
      .getByRole('link', { name: /Small Kindnesses|comment/i })
      .first()
      .click();
    await moderator.getByRole('button', { name: 'Take' }).click();
    await moderator.getByRole('link', { name: /Moderate it/ }).click();
    await assertNoViolations(moderator, 'the moderation page of a comment');
    await moderator.getByLabel(/^Reason \(shown to its creators/).fill('Harassment of the writer.');
    await moderator.getByRole('button', { name: 'Hide it' }).click();
    await moderator.getByText(/is hidden\./).waitFor();

    await guest.goto(`/works/${workId}`);
    const comments = folded(await guest.locator('#comments').textContent());
    assert.doesNotMatch(comments, /Nobody wants to read this/);
    assert.match(comments, /hidden by the archive’s moderators/);

    // …then suspends its writer for a week.
    await moderator.getByRole('link', { name: 'bridge_troll' }).click();
    await moderator.getByLabel('Suspend for this many days').fill('7');
    await moderator.getByLabel(/^Reason \(shown to the member/).fill('Harassing a writer in comments.');
    await assertNoViolations(moderator, 'the moderation page of an account');
    await moderator.getByRole('button', { name: 'Suspend or ban' }).click();
    await moderator.getByText('bridge_troll is suspended.').waitFor();
    await screenshot(moderator, 'moderation-account-suspended');

    // The writer is logged out, and told why and until when on logging in again.
    await troll.goto(`/works/${workId}`);
    assert.equal(await troll.getByRole('link', { name: 'Log in' }).count(), 1, 'logged out');
    await troll.goto('/login');
    await troll.getByLabel('Username or email').fill(trollAccount.login);
    await troll.getByLabel('Password').fill(trollAccount.password);
    await troll.getByRole('button', { name: 'Log in' }).click();
    const refusal = folded(await troll.locator('main').textContent());
    assert.match(refusal, /This account is suspended until \d{1,2} \w+ \d{4}/);
    assert.match(refusal, /Reason: Harassing a writer in comments\./);
    await screenshot(troll, 'moderation-suspended-log-in');

    // The audit log shows both actions, by whom and why.
    await moderator.goto('/admin/log');
    const log = folded(await moderator.locator('main').textContent());
    assert.match(log, /kind_moderator/);
    assert.match(log, /Harassment of the writer\./);
    assert.match(log, /Harassing a writer in comments\./);
    await assertNoViolations(moderator, 'the audit log');
  });
});
