import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, freshStore, TEST_DATABASE_URL, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { eventually } from '../support/eventually.ts';

describeEachDatabase('admins rename and delete tags over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let admin: Agent;
  let wrangler: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
    admin = t.agent();
    await admin.signUp('boss');
    await t.store.roles.grant((await t.store.users.findByLogin('boss'))!.id, 'admin');
    wrangler = t.agent();
    await wrangler.signUp('wrangler');
    await t.store.roles.grant((await t.store.users.findByLogin('wrangler'))!.id, 'wrangler');
  });
  afterEach(() => t.dispose());

  const tagUrl = (name: string, rest = '') => `/tags/${encodeURIComponent(name)}${rest}`;

  it('renames a tag: its works are listed and found under the new name, the old address leads there, the log says so', async () => {
    const work = await writer.postWork({ title: 'Sea Glass', characters: 'Drako', freeforms: 'Beaches' });
    const page = await admin.get(tagUrl('Drako'));
    assert.match(page.body, /name="new_name"/, 'admins see the rename form on the tag page');
    assert.match(page.body, /name="delete_reason"/, 'and the delete form');
    const renamed = await admin.submit(tagUrl('Drako', '/rename?kind=character'), {
      new_name: 'Draco Malfoy',
      rename_reason: 'Misspelt',
    });
    assert.equal(renamed.status, 303);
    const works = visibleText((await t.agent().get(tagUrl('Draco Malfoy', '/works'))).body);
    assert.match(works, /Sea Glass/);
    const old = await t.agent().get(tagUrl('Drako'));
    assert.equal(old.status, 301, 'the old address leads to the tag');
    assert.equal(old.location, tagUrl('Draco Malfoy'));
    const oldWorks = await t.agent().get(`${tagUrl('Drako', '/works')}?page=1`);
    assert.equal(oldWorks.status, 301);
    assert.equal(oldWorks.location, `${tagUrl('Draco Malfoy', '/works')}?page=1`, 'with its query');
    assert.equal((await t.agent().get(tagUrl('Drakko'))).status, 404, 'a name no tag ever had is still not found');
    assert.match(visibleText((await t.agent().get(work)).body), /Draco Malfoy/, 'the work keeps the tag, renamed');
    const search = visibleText((await t.agent().get('/search?q=Malfoy')).body);
    assert.match(search, /Sea Glass/, 'the text index knows the new name');
    const log = visibleText((await admin.get('/admin/log')).body);
    assert.match(log, /Renamed a tag/);
    assert.match(log, /Drako → Draco Malfoy/);
    assert.match(log, /Misspelt/);
  });

  it('refuses a name another tag of the kind has, or an empty or overlong one, keeping what was typed', async () => {
    await writer.postWork({ characters: 'Drako, Draco Malfoy' });
    const clash = await admin.submit(tagUrl('Drako', '/rename?kind=character'), {
      new_name: 'draco malfoy',
      rename_reason: 'typo',
    });
    assert.equal(clash.status, 422);
    assert.match(visibleText(clash.body), /already a character tag called “draco malfoy”.*synonym/);
    assert.match(clash.body, /value="draco malfoy"/);
    assert.match(clash.body, />typo</, 'the reason is kept too');
    const empty = await admin.submit(tagUrl('Drako', '/rename?kind=character'), { new_name: '  ', rename_reason: '' });
    assert.equal(empty.status, 422);
    assert.match(visibleText(empty.body), /Enter the new name/);
    const long = await admin.submit(tagUrl('Drako', '/rename?kind=character'), {
      new_name: 'x'.repeat(151),
      rename_reason: '',
    });
    assert.equal(long.status, 422);
    assert.match(visibleText(long.body), /the limit is/);
    assert.equal((await t.store.tags.named('Drako')).length, 1, 'nothing was renamed');
  });

  it('deletes a tag from every work and the tag graph, with a reason, leaving the works’ other tags', async () => {
    const work = await writer.postWork({ title: 'Sea Glass', characters: 'Drako', freeforms: 'Beaches, Slur' });
    await wrangler.submit(tagUrl('Beaches', '/canonical?kind=freeform'), { canonical: '1' });
    await wrangler.submit(tagUrl('Slur', '/canonical?kind=freeform'), { canonical: '1' });
    const linked = await wrangler.submit(tagUrl('Slur', '/parents?kind=freeform'), {
      parent_kind: 'freeform',
      parent: 'Beaches',
    });
    assert.equal(linked.status, 303, visibleText(linked.body));
    assert.match(visibleText((await t.agent().get(tagUrl('Beaches'))).body), /Subtags.*Slur/);
    const noReason = await admin.submit(tagUrl('Slur', '/delete?kind=freeform'), { delete_reason: ' ' });
    assert.equal(noReason.status, 422);
    assert.match(visibleText(noReason.body), /Say why the tag is deleted/);
    const deleted = await admin.submit(tagUrl('Slur', '/delete?kind=freeform'), { delete_reason: 'A slur' });
    assert.equal(deleted.status, 303);
    const workPage = visibleText((await t.agent().get(work)).body);
    assert.doesNotMatch(workPage, /Slur/);
    assert.match(workPage, /Beaches/);
    assert.match(workPage, /Drako/);
    assert.equal((await t.agent().get(tagUrl('Slur', '/works'))).status, 404);
    assert.doesNotMatch(visibleText((await t.agent().get(tagUrl('Beaches'))).body), /Slur/);
    assert.match(visibleText((await t.agent().get(tagUrl('Beaches', '/works'))).body), /Sea Glass/);
    assert.doesNotMatch(visibleText((await t.agent().get('/search?q=Slur')).body), /Sea Glass/);
    const log = visibleText((await admin.get('/admin/log')).body);
    assert.match(log, /Deleted a tag/);
    assert.match(log, /A slur/);
  });

  it('refuses to delete or rename a rating', async () => {
    await writer.postWork({ title: 'Sea Glass', rating: 'Explicit' });
    const refused = await admin.submit(tagUrl('Explicit', '/delete?kind=rating'), { delete_reason: 'no' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /fixed/);
    assert.equal((await admin.submit(tagUrl('Explicit', '/rename?kind=rating'), { new_name: 'X' })).status, 422);
  });

  it('shows the forms to admins only and refuses members, wranglers and guests', async () => {
    await writer.postWork({ characters: 'Drako' });
    const member = t.agent();
    await member.signUp('reader');
    for (const agent of [member, wrangler, writer]) {
      assert.doesNotMatch((await agent.get(tagUrl('Drako'))).body, /new_name|delete_reason/);
      assert.equal((await agent.submit(tagUrl('Drako', '/rename'), { new_name: 'Oops' })).status, 403);
      assert.equal((await agent.submit(tagUrl('Drako', '/delete'), { delete_reason: 'Oops' })).status, 403);
      assert.equal((await agent.get(tagUrl('Drako', '/admin'))).status, 403);
    }
    const guest = t.agent();
    assert.doesNotMatch((await guest.get(tagUrl('Drako'))).body, /new_name|delete_reason/);
    assert.equal((await guest.get(tagUrl('Drako', '/admin'))).status, 303, 'guests are sent to log in');
    assert.equal((await t.store.tags.named('Drako')).length, 1, 'the tag is untouched');
  });
});

/** Two stores on one database, as two server processes have: one renames and deletes, the other's index answers. */
describeEachDatabase('another process’s works index follows tag renames and deletions', (dialect) => {
  let t: TestStore | undefined;
  let dir: string | undefined;
  let writer: Store;
  let reader: Store;
  before(async () => {
    if (dialect === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'quire-tag-admin-'));
      writer = await openStore({ sqlitePath: join(dir, 'quire.db') });
      reader = await openStore({ sqlitePath: join(dir, 'quire.db') });
    } else {
      t = await freshStore(dialect);
      writer = t.store;
      reader = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: writer.handle.pgSchema });
    }
  });
  after(async () => {
    await reader.close();
    if (t) await t.dispose();
    else await writer.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function titles(search: WorkSearch, query: string) {
    const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
    return (await search.search(filters, null)).works.map((w) => w.title);
  }

  /** SQLite: the next search sees the write; PostgreSQL: once its announcement (LISTEN/NOTIFY) arrives. */
  async function seen(search: WorkSearch, query: string, expected: string[], message?: string): Promise<void> {
    const read = () => titles(search, query);
    const value =
      dialect === 'sqlite'
        ? await read()
        : await eventually(read, (v) => JSON.stringify(v) === JSON.stringify(expected), { what: message ?? query });
    assert.deepEqual(value, expected, message);
  }

  it('finds works by the new name and no longer by a deleted tag', async () => {
    const user = await writer.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    const [pseud] = await writer.pseuds.listForUser(user.id);
    await postWork(writer, [pseud.id], { title: 'Sea Glass', freeforms: 'Wharves, Gulls' });
    const search = await WorkSearch.open(reader);
    assert.deepEqual(await titles(search, 'q=wharves'), ['Sea Glass']);
    const [wharves] = await writer.tags.named('Wharves');
    assert.equal(await writer.tags.rename(wharves.id, 'Piers'), true);
    await seen(search, 'q=piers', ['Sea Glass'], 'the text index has the new name');
    await seen(search, 'q=wharves', []);
    await seen(search, 'include_freeform=Piers', ['Sea Glass']);
    const [gulls] = await writer.tags.named('Gulls');
    await writer.tags.delete(gulls.id);
    await seen(search, 'q=gulls', []);
    await seen(search, 'include_freeform=Piers', ['Sea Glass'], 'the work keeps its other tags');
  });
});
