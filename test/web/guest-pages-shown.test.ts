import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../support/databases.ts';
import { twoApps, type TwoApps } from '../support/two-apps.ts';
import { Agent, visibleText } from '../support/http.ts';
import type { Store } from '../../src/store/index.ts';
import { noteWorksShowingChanged } from '../../src/store/work-changes.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Kept guest pages live for minutes (src/web/guest-pages.ts), so everything a work page shows must
 * drop it when it changes, whichever process made the change: names of members who left kudos or
 * comments there, a collection's title, and (for many works at once) EVERY_WORK. A hit does not.
 * Two apps on one database stand for two server processes; each change is made through one and
 * seen on a page the other kept.
 */
describeEachDatabase('kept guest pages follow what they show', (dialect) => {
  let two: TwoApps;
  let stores: Store[] = [];
  let reading: FastifyInstance;
  let writing: FastifyInstance;
  let writer: Agent;

  before(async () => {
    two = await twoApps(dialect);
    stores = two.stores;
    [writing, reading] = two.apps;
    writer = new Agent(writing);
    await writer.signUp('lamplighter');
  });

  after(() => two.dispose());

  let addresses = 0;
  function guest(app: FastifyInstance = reading): Agent {
    const agent = new Agent(app);
    agent.remoteAddress = `10.7.0.${++addresses}`;
    return agent;
  }

  async function member(login: string): Promise<Agent> {
    const agent = new Agent(writing);
    agent.remoteAddress = `10.8.0.${++addresses}`;
    await agent.signUp(login);
    return agent;
  }

  /** The page as a guest of the reading app sees it, once kept there (asked for twice). */
  async function keptText(reader: Agent, path: string): Promise<string> {
    await reader.get(path);
    return visibleText((await reader.get(path)).body);
  }

  /** The reading app's page once the change has reached it (at once on SQLite; after NOTIFY on PostgreSQL). */
  async function seen(reader: Agent, path: string, check: (text: string) => boolean): Promise<string> {
    const read = async () => visibleText((await reader.get(path)).body);
    return dialect === 'sqlite' ? read() : eventually(read, check, { what: `${path} to change` });
  }

  it("shows a new username on kudos and comments left on others' works", async () => {
    const work = await writer.postWork({ title: 'The Harbour Light' });
    const fan = await member('old_fan');
    await fan.get(work);
    assert.equal((await fan.submit(`${work}/kudos`, {})).status, 303);
    assert.equal((await fan.submit(`${work}/comments`, { body: 'Lovely harbour.' })).status, 303);
    const reader = guest();
    assert.match(await keptText(reader, work), /old_fan/);

    const renamed = await fan.submit('/account/username', {
      login: 'new_fan',
      usernamePassword: 'correct horse battery',
    });
    assert.equal(renamed.status, 303);
    const page = await seen(reader, work, (text) => !text.includes('old_fan'));
    assert.doesNotMatch(page, /old_fan/, 'the old username is gone from the kept page');
    assert.match(page, /new_fan/);
    assert.match(page, /Lovely harbour\./);
  });

  it('shows a pen name renamed after commenting under it', async () => {
    const work = await writer.postWork({ title: 'The Night Ferry' });
    const fan = await member('ferry_fan');
    assert.equal((await fan.submit('/users/ferry_fan/pseuds', { name: 'Night Reader', description: '' })).status, 303);
    const form = await fan.get(work);
    const pseudId = new RegExp('<option value="(\\d+)"[^>]*>Night Reader</option>').exec(form.body)![1];
    assert.equal((await fan.submit(`${work}/comments`, { body: 'Rode it twice.', pseudId })).status, 303);
    const reader = guest();
    assert.match(await keptText(reader, work), /Night Reader/);

    const saved = await fan.submit('/users/ferry_fan/pseuds/Night%20Reader', { name: 'Dawn Reader', description: '' });
    assert.equal(saved.status, 303);
    const page = await seen(reader, work, (text) => text.includes('Dawn Reader'));
    assert.match(page, /Dawn Reader/);
    assert.doesNotMatch(page, /Night Reader/);
  });

  it("drops a deleted account's name from the comments it left", async () => {
    const work = await writer.postWork({ title: 'The Tide Table' });
    const leaver = await member('brief_visitor');
    assert.equal((await leaver.submit(`${work}/comments`, { body: 'Passing through.' })).status, 303);
    const reader = guest();
    assert.match(await keptText(reader, work), /brief_visitor/);

    const done = await leaver.submit('/account/delete', {
      currentPassword: 'correct horse battery',
      confirm: '1',
      works: 'delete',
    });
    assert.equal(done.status, 303);
    const page = await seen(reader, work, (text) => !text.includes('brief_visitor'));
    assert.doesNotMatch(page, /brief_visitor/);
  });

  it("shows a collection's new title on its works' kept pages", async () => {
    const owner = await member('fest_keeper');
    const form = { name: 'lantern_fest', title: 'Lantern Fest', description: 'Lights.', open: '1' };
    assert.equal((await owner.submit('/collections', form)).status, 303);
    const work = await writer.postWork({ title: 'Paper Lanterns', collections: 'lantern_fest' });
    const reader = guest();
    assert.match(await keptText(reader, work), /Lantern Fest/);

    assert.equal((await owner.submit('/collections/lantern_fest', { ...form, title: 'Harvest Fest' })).status, 303);
    const page = await seen(reader, work, (text) => text.includes('Harvest Fest'));
    assert.match(page, /Harvest Fest/);
    assert.doesNotMatch(page, /Lantern Fest/);
  });

  it('drops every kept page for EVERY_WORK (a change shown on too many works to name)', async () => {
    const work = await writer.postWork({ title: 'Before the Storm' });
    const id = Number(work.split('/').pop());
    const reader = guest();
    assert.match(await keptText(reader, work), /Before the Storm/);
    // A write the change log does not name stands for what many pages show (a prolific member's name).
    await stores[0].handle.db.updateTable('works').set({ title: 'After the Storm' }).where('id', '=', id).execute();
    assert.match(visibleText((await reader.get(work)).body), /Before the Storm/, 'still the kept page');
    await noteWorksShowingChanged(
      stores[0].handle.db,
      Array.from({ length: 1_001 }, (_, i) => 1_000_000 + i),
    );
    const rows = await stores[0].handle.db
      .selectFrom('work_changes')
      .select('work_id')
      .where('work_id', '>=', 1_000_000)
      .execute();
    assert.equal(rows.length, 0, 'noted as one entry for every work, not 1,001');
    const page = await seen(reader, work, (text) => text.includes('After the Storm'));
    assert.match(page, /After the Storm/);
  });

  it('keeps a page when only its hit count changed, and shows the new count with the next change', async () => {
    const work = await writer.postWork({ title: 'The Quiet Pier' });
    const id = Number(work.split('/').pop());
    const hitsShown = (text: string) => Number(/Hits: (\d+)/.exec(text)![1]);
    const reader = guest();
    const kept = hitsShown(await keptText(reader, work));
    // Other guests read it through the other process: their hits are written and noted as counters only.
    for (let i = 0; i < 3; i++) await guest(writing).get(work);
    await writing.quire.archive.visitors.flush();
    const hits = (await stores[0].works.find(id))!.hits;
    assert.ok(hits >= kept + 3);
    const lastChange = await stores[0].handle.db
      .selectFrom('work_changes')
      .select(['work_id', 'counters_only'])
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.deepEqual(
      { workId: lastChange.work_id, countersOnly: Number(lastChange.counters_only) },
      { workId: id, countersOnly: 1 },
    );
    await reading.quire.search.index.sync();
    assert.equal(
      hitsShown(visibleText((await reader.get(work)).body)),
      kept,
      'the kept page, its hit count a little behind',
    );

    assert.equal((await writer.submit(`${work}/comments`, { body: 'Thank you for reading.' })).status, 303);
    const page = await seen(reader, work, (text) => text.includes('Thank you for reading.'));
    assert.match(page, /Thank you for reading\./);
    assert.ok(hitsShown(page) >= hits, 'the hits counted meanwhile');
  });
});
