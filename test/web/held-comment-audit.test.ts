import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

/**
 * Admins approving or deleting comments the spam check held are staff actions: the audit log
 * names who did what to which comment, and a moderator reading the log sees it.
 */
describeEachDatabase('held news comments in the audit log', (dialect) => {
  let t: TestApp;
  let admin: Agent;
  let moderator: Agent;
  let post: string;

  beforeEach(async () => {
    t = await testApp(dialect);
    admin = t.agent();
    await admin.signUp('keeper_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('keeper_admin'))!.id, 'admin');
    moderator = t.agent();
    await moderator.signUp('log_reader');
    await t.store.roles.grant((await t.store.users.findByLogin('log_reader'))!.id, 'moderator');
    await admin.submit('/admin/settings', { signUpMode: 'open', invitationsPerDay: '10', newsGuestComments: '1' });
    post = (await admin.submit('/admin/news', { title: 'Open house', body: 'Come and see.', tags: '' })).location!;
  });
  afterEach(() => t.dispose());

  /** A guest's comment the spam check holds (three links and a spam phrase); returns its id. */
  async function heldComment(name: string): Promise<string> {
    const guest = t.agent();
    const held = await guest.submit(`${post}/comments`, {
      body: `Buy now at https://a.example https://b.example https://c.example (${name})`,
      guestName: name,
      guestEmail: `${name.toLowerCase()}@example.org`,
      website: '',
    });
    assert.equal(held.status, 303);
    const id = /#comment-(\d+)/.exec(held.location!)![1];
    assert.match(visibleText((await guest.get(post)).body), /waits for an admin: the archive’s spam check held it/);
    return id;
  }

  const logRows = async () => {
    const page = await moderator.get('/admin/log');
    assert.equal(page.status, 200);
    return visibleText(page.body);
  };

  it('logs an admin’s approval with the admin as the actor, once, and not a refused one', async () => {
    const id = await heldComment('Seller');
    const passerby = t.agent();
    await passerby.signUp('passerby');
    assert.equal((await passerby.submit(`${post}/comments/${id}/approve`, {})).status, 403);
    assert.doesNotMatch(await logRows(), /news-comment/, 'a refused approval is not logged');

    assert.equal((await admin.submit(`${post}/comments/${id}/approve`, {})).status, 303);
    assert.match(visibleText((await t.agent().get(post)).body), /Buy now/, 'approved, readers see it');
    const log = await logRows();
    assert.match(
      log,
      /keeper_admin Approved a held news comment \(\s*news-comment\.approve\s*\) a held comment by Seller on the news post “Open house”/,
    );

    // Approving it again changes nothing, and so adds no line.
    assert.equal((await admin.submit(`${post}/comments/${id}/approve`, {})).status, 303);
    assert.equal((await logRows()).match(/news-comment\.approve/g)?.length, 1);
    const [line] = (await t.store.auditLog.list({ limit: 1 })).entries;
    assert.equal(line.actorId, (await t.store.users.findByLogin('keeper_admin'))!.id);
    assert.equal(line.targetKind, 'news-comment');
    assert.equal(line.targetId, Number(id));
  });

  it('logs an admin deleting a held comment, and the comment is gone', async () => {
    const id = await heldComment('Hawker');
    assert.equal((await admin.submit(`${post}/comments/${id}/delete`, {})).status, 303);
    assert.doesNotMatch(visibleText((await admin.get(post)).body), /Hawker/, 'gone, even for admins');
    assert.match(
      await logRows(),
      /keeper_admin Deleted a news comment \(\s*news-comment\.delete\s*\) a held comment by Hawker on the news post “Open house”/,
    );
  });
});
