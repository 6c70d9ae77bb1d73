import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork, workInput } from '../support/works.ts';
import { validateWork } from '../../src/domain/works.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('work store', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  let reader: { userId: number };
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
    writer = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
    reader = { userId: (await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' })).id };
  });
  afterEach(() => t.dispose());

  it('posts a work with its chapter, creators, tags and counts', async () => {
    const id = await postWork(
      store,
      [writer.pseudId],
      { relationships: 'Keeper/Stranger' },
      'One two three.\n\nFour five.',
    );
    const work = (await store.works.find(id))!;
    assert.equal(work.title, 'The Lighthouse Keeper');
    assert.equal(work.wordCount, 5);
    assert.equal(work.chapterCount, 1);
    assert.deepEqual(
      work.creators.map((c) => [c.name, c.login]),
      [['keeper', 'keeper']],
    );
    assert.deepEqual(
      work.tags.map((tag) => `${tag.kind}:${tag.name}`),
      [
        'rating:General Audiences',
        'warning:No Archive Warnings Apply',
        'category:Gen',
        'fandom:Original Work',
        'relationship:Keeper/Stranger',
        'character:Keeper',
        'character:Stranger',
        'freeform:Storms',
        'freeform:Found Family',
      ],
    );
    assert.ok(work.publishedAt);
    const chapter = (await store.works.chapter(id, work.chapters[0].id))!;
    assert.equal(chapter.body, '<p>One two three.</p>\n<p>Four five.</p>');
  });

  it('reuses tags across works regardless of case', async () => {
    await postWork(store, [writer.pseudId], { freeforms: 'Found Family' });
    await postWork(store, [writer.pseudId], { freeforms: 'found family' });
    const tags = await store.works.tagsNamed('FOUND FAMILY');
    assert.equal(tags.length, 1);
    assert.equal((await store.works.list({ viewerId: null, limit: 10, tagName: 'found family' })).total, 2);
  });

  it('shows readers only what is out: no drafts, no scheduled works, registered-only to members', async () => {
    const open = await postWork(store, [writer.pseudId], { title: 'Open' });
    const members = await postWork(store, [writer.pseudId], { title: 'Members', visibility: 'registered' });
    const draft = await postWork(store, [writer.pseudId], { title: 'Draft', visibility: 'draft' });
    const scheduled = await postWork(store, [writer.pseudId], { title: 'Later', publishAt: '2999-01-01 12:00' });
    const titles = async (viewerId: number | null) =>
      (await store.works.list({ viewerId, limit: 10 })).works.map((w) => w.title).sort();
    assert.deepEqual(await titles(null), ['Open']);
    assert.deepEqual(await titles(reader.userId), ['Members', 'Open']);
    assert.deepEqual(await titles(writer.userId), ['Draft', 'Later', 'Members', 'Open']);
    assert.equal((await store.works.find(draft))!.publishedAt, null);
    assert.ok(open && members && scheduled);
  });

  it('publishes a draft when it leaves draft, keeping a backdated date', async () => {
    const id = await postWork(store, [writer.pseudId], { visibility: 'draft' });
    await store.works.update(id, validateWork(workInput({ visibility: 'public', publishAt: '2015-03-14' })));
    const work = (await store.works.find(id))!;
    assert.equal(work.publishedAt, '2015-03-14T00:00:00.000Z');
    assert.equal(work.chapters[0].publishedAt, '2015-03-14T00:00:00.000Z');
    assert.equal((await store.works.list({ viewerId: null, limit: 10 })).total, 1);
  });

  it('lists by pseud and by user, newest update first', async () => {
    const second = await store.pseuds.create(writer.userId, { name: 'Second Pen', description: '' });
    const a = await postWork(store, [writer.pseudId], { title: 'A', publishAt: '2020-01-01' });
    const b = await postWork(store, [second.id], { title: 'B', publishAt: '2021-01-01' });
    assert.deepEqual(
      (await store.works.list({ viewerId: null, limit: 10, pseudId: second.id })).works.map((w) => w.title),
      ['B'],
    );
    assert.deepEqual(
      (await store.works.list({ viewerId: null, limit: 10, userId: writer.userId })).works.map((w) => w.title),
      ['B', 'A'],
    );
    assert.ok(a && b);
  });

  it('retags on update and leaves no tagging behind', async () => {
    const id = await postWork(store, [writer.pseudId], { freeforms: 'Storms' });
    await store.works.update(id, validateWork(workInput({ freeforms: 'Calm Seas', title: 'Renamed' })));
    const work = (await store.works.find(id))!;
    assert.equal(work.title, 'Renamed');
    assert.ok(work.tags.some((tag) => tag.name === 'Calm Seas'));
    assert.ok(!work.tags.some((tag) => tag.name === 'Storms'));
    assert.equal((await store.works.list({ viewerId: null, limit: 10, tagName: 'Storms' })).total, 0);
  });

  it('keeps a shared work with its co-creator when one creator deletes account and works', async () => {
    const other = await store.users.create({ login: 'cocreator', email: 'c@example.org', passwordHash: 'h' });
    const otherPseud = (await store.pseuds.listForUser(other.id))[0].id;
    const shared = await postWork(store, [writer.pseudId, otherPseud], { title: 'Shared' });
    const sole = await postWork(store, [writer.pseudId], { title: 'Sole' });
    await store.users.delete(writer.userId, 'delete');
    assert.equal(await store.works.find(sole), undefined);
    assert.deepEqual(
      (await store.works.find(shared))!.creators.map((c) => c.name),
      ['cocreator'],
    );
  });

  it('orphans works under the orphan account, counting them once', async () => {
    const second = await store.pseuds.create(writer.userId, { name: 'Second Pen', description: '' });
    const id = await postWork(store, [writer.pseudId, second.id], { title: 'Both Pens' });
    await store.users.delete(writer.userId, 'orphan');
    assert.deepEqual(
      (await store.works.find(id))!.creators.map((c) => c.login),
      ['orphan_account'],
    );
    assert.equal((await store.works.list({ viewerId: null, limit: 10 })).total, 1);
  });

  it('writes nothing when a post fails halfway', async () => {
    await assert.rejects(
      store.works.create({
        fields: validateWork(workInput()),
        chapter: { title: '', summary: '', notes: '', endNotes: '', body: '<p>x</p>', wordCount: 1 },
        creatorPseudIds: [999_999],
      }),
    );
    assert.equal((await store.works.list({ viewerId: writer.userId, limit: 10 })).total, 0);
    assert.equal((await store.handle.db.selectFrom('chapters').select('id').execute()).length, 0);
    assert.equal((await store.handle.db.selectFrom('tags').select('id').execute()).length, 0);
  });

  it('files a new work into a series in the posting transaction', async () => {
    const first = await store.works.create({
      fields: validateWork(workInput({ title: 'Part One' })),
      chapter: chapterContent(),
      creatorPseudIds: [writer.pseudId],
      series: { userId: writer.userId, choice: { title: 'Lamplight' } },
    });
    const [series] = await store.series.listForUser(writer.userId);
    assert.equal(series.title, 'Lamplight');
    const second = await store.works.create({
      fields: validateWork(workInput({ title: 'Part Two' })),
      chapter: chapterContent(),
      creatorPseudIds: [writer.pseudId],
      series: { userId: writer.userId, choice: { id: series.id } },
    });
    assert.deepEqual((await store.series.find(series.id))!.workIds, [first, second]);
  });

  it('posts no work when filing it into a series fails', async () => {
    await assert.rejects(
      store.works.create({
        fields: validateWork(workInput()),
        chapter: chapterContent(),
        creatorPseudIds: [writer.pseudId],
        series: { userId: writer.userId, choice: { id: 999_999 } },
      }),
      /series no longer exists/,
    );
    assert.equal((await store.works.list({ viewerId: writer.userId, limit: 10 })).total, 0);
    assert.equal((await store.handle.db.selectFrom('chapters').select('id').execute()).length, 0);
    assert.equal((await store.handle.db.selectFrom('series_works').select('work_id').execute()).length, 0);
  });

  it('changes nothing when filing an edited work into a series fails', async () => {
    const id = await postWork(store, [writer.pseudId]);
    await assert.rejects(
      store.works.update(id, validateWork(workInput({ title: 'Renamed' })), undefined, {
        userId: writer.userId,
        choice: { id: 999_999 },
      }),
      /series no longer exists/,
    );
    assert.equal((await store.works.find(id))!.title, 'The Lighthouse Keeper');
    await store.works.update(id, validateWork(workInput({ title: 'Renamed' })), undefined, {
      userId: writer.userId,
      choice: { title: 'Lamplight' },
    });
    assert.deepEqual(
      (await store.series.placesOf(id)).map((p) => [p.title, p.position]),
      [['Lamplight', 1]],
    );
  });
});
