import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { loadConfig } from '../../src/config.ts';
import { createJobs } from '../../src/jobs/index.ts';

const idOf = (path: string) => Number(/\/works\/(\d+)/.exec(path)![1]);

/** Tables holding a member's own things, by the column naming the member. */
const OWN_ROWS = [
  ['sessions', 'user_id'],
  ['api_tokens', 'user_id'],
  ['data_exports', 'user_id'],
  ['autosaves', 'user_id'],
  ['readings', 'user_id'],
  ['subscriptions', 'user_id'],
  ['notifications', 'user_id'],
  ['kudos', 'user_id'],
  ['bookmarks', 'user_id'],
  ['pseuds', 'user_id'],
] as const;

describeEachDatabase('deleting an account', (dialect) => {
  let t: TestApp;
  let leaver: Agent;
  let stayer: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    leaver = t.agent();
    await leaver.signUp('leaving_lark');
    stayer = t.agent();
    await stayer.signUp('staying_swan');
  });
  afterEach(() => t.dispose());

  async function countOf(table: (typeof OWN_ROWS)[number][0], column: string, userId: number): Promise<number> {
    const row = await t.store.handle.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(column as 'user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('leaves no sessions, tokens, exports, autosaves, history, subscriptions or notices, and co-created works with the co-creator', async () => {
    const leaverId = (await t.store.users.findByLogin('leaving_lark'))!.id;
    const stayerId = (await t.store.users.findByLogin('staying_swan'))!.id;

    // A second device, an API token, an autosave.
    const phone = t.agent();
    assert.equal(
      (await phone.submit('/login', { identifier: 'leaving_lark', password: 'correct horse battery' })).status,
      303,
    );
    assert.equal((await leaver.submit('/account/api-tokens', { tokenName: 'My reader app' })).status, 201);
    await t.store.handle.db
      .insertInto('autosaves')
      .values({
        user_id: leaverId,
        form_key: 'new-work',
        payload: '{"title":"Half a thought"}',
        saved_at: new Date().toISOString(),
      })
      .execute();

    // Works: one of their own, one shared with a co-creator who accepted.
    const solo = await leaver.postWork({ title: 'Solo Flight' });
    const shared = await leaver.postWork({ title: 'Two Hands', coCreators: 'staying_swan' });
    const pseudId = /\/invitations\/\d+\/(\d+)\/accept/.exec((await stayer.get(shared)).body)![1];
    assert.equal((await stayer.submit(`/invitations/${idOf(shared)}/${pseudId}/accept`, {})).status, 303);

    // Feedback on someone else's work, reading history, a subscription; others follow them; notices.
    const theirs = await stayer.postWork({ title: 'Stayer Tale' });
    assert.equal((await leaver.submit(`${theirs}/kudos`, {})).status, 303);
    let form = await leaver.get(`/bookmarks/new?work=${idOf(theirs)}`);
    const bookmarkPseud = /name="pseudId" value="(\d+)"/.exec(form.body)![1];
    form = await leaver.submit('/bookmarks', {
      kind: 'work',
      id: String(idOf(theirs)),
      pseudId: bookmarkPseud,
      notes: '',
      tags: '',
    });
    assert.equal(form.status, 303);
    assert.equal((await leaver.get(theirs)).status, 200);
    assert.equal((await leaver.submit('/subscriptions', { kind: 'work', id: String(idOf(theirs)) })).status, 303);
    assert.equal((await stayer.submit('/subscriptions', { kind: 'user', id: String(leaverId) })).status, 303);
    assert.equal((await stayer.submit(`${solo}/comments`, { body: 'Lovely!' })).status, 303);
    const counts = async () => {
      const work = (await t.store.works.find(idOf(theirs)))!;
      return [work.kudosCount, work.bookmarkCount];
    };
    assert.deepEqual(await counts(), [1, 1]);
    assert.match(visibleText((await stayer.get(theirs)).body), /Kudos: 1 .*Bookmarks: 1/);

    // A data export, built.
    assert.equal((await leaver.submit('/account/export', {})).status, 303);
    const jobs = createJobs(t.store, loadConfig({ QUIRE_DATA: '/nonexistent' }, { demo: false }));
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }

    for (const [table, column] of OWN_ROWS)
      assert.ok((await countOf(table, column, leaverId)) > 0, `${table} has the member's rows before`);

    const done = await leaver.submit('/account/delete', {
      currentPassword: 'correct horse battery',
      confirm: '1',
      works: 'delete',
    });
    assert.equal(done.status, 303);

    for (const [table, column] of OWN_ROWS)
      assert.equal(await countOf(table, column, leaverId), 0, `${table} keeps nothing of the member`);
    const followers = await t.store.handle.db
      .selectFrom('subscriptions')
      .select('id')
      .where('target_kind', '=', 'user')
      .where('target_id', '=', leaverId)
      .execute();
    assert.equal(followers.length, 0, 'nobody is left following the deleted account');
    assert.equal((await phone.get('/account')).status, 303, 'the other device is logged out');

    // Their own work is gone; the shared one stays with the co-creator, without them.
    assert.equal((await stayer.get(solo)).status, 404);
    const kept = await stayer.get(shared);
    assert.equal(kept.status, 200);
    assert.match(visibleText(kept.body), /Two Hands/);
    assert.doesNotMatch(visibleText(kept.body), /leaving_lark/);
    assert.equal((await stayer.get(`${shared}/edit`)).status, 200, 'the co-creator still may change it');
    const creators = (await t.store.works.find(idOf(shared)))!.creators.map((c) => c.userId);
    assert.deepEqual(creators, [stayerId]);

    // The counts on the work they gave kudos and a bookmark to no longer count them.
    assert.deepEqual(await counts(), [0, 0]);
    assert.doesNotMatch(visibleText((await stayer.get(theirs)).body), /Kudos: 1|Bookmarks: 1/);
  });

  it('keeps the archive’s only admin from deleting their account until another member is an admin', async () => {
    const leaverId = (await t.store.users.findByLogin('leaving_lark'))!.id;
    await t.store.roles.grant(leaverId, 'admin');
    const fields = { currentPassword: 'correct horse battery', confirm: '1', works: 'delete' };
    const refused = await leaver.submit('/account/delete', fields);
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /You are the archive’s only admin/);
    assert.ok(await t.store.users.findByLogin('leaving_lark'), 'the account is still there');

    await t.store.roles.grant((await t.store.users.findByLogin('staying_swan'))!.id, 'admin');
    assert.equal((await leaver.submit('/account/delete', fields)).status, 303);
    assert.equal(await t.store.users.findByLogin('leaving_lark'), undefined);
  });
});
