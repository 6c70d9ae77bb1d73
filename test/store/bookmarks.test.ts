import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import { NotFoundError } from '../../src/domain/errors.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('bookmarks store', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  let reader: { userId: number; pseudId: number };
  let other: { userId: number; pseudId: number };

  async function account(login: string) {
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
    return { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  }

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    writer = await account('shore_writer');
    reader = await account('shore_reader');
    other = await account('shore_other');
  });
  afterEach(() => t.dispose());

  const fields = (
    who: { pseudId: number },
    overrides: Partial<{ notes: string; tags: string[]; private: boolean; rec: boolean }> = {},
  ) => ({
    notes: '<p>Lovely.</p>',
    tags: [] as string[],
    private: false,
    rec: false,
    pseudId: who.pseudId,
    ...overrides,
  });
  const count = async (workId: number) => (await store.works.find(workId))!.bookmarkCount;

  it('counts public bookmarks only, through create, private↔public edits and delete, one bookmark per member and work', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Breakwater' });
    const first = await store.bookmarks.save(
      reader.userId,
      { kind: 'work', id: work },
      fields(reader, { tags: ['Slow Burn', 'slow burn', 'Comfort'] }),
    );
    assert.equal(await count(work), 1);
    const again = await store.bookmarks.save(
      reader.userId,
      { kind: 'work', id: work },
      fields(reader, { notes: '<p>Still lovely.</p>', tags: ['Comfort'], rec: true }),
    );
    assert.equal(again, first, 'saving again changes the same bookmark');
    assert.equal(await count(work), 1);
    const saved = (await store.bookmarks.find(first))!;
    assert.deepEqual([saved.notes, saved.tags, saved.rec], ['<p>Still lovely.</p>', ['Comfort'], true]);

    await store.bookmarks.save(reader.userId, { kind: 'work', id: work }, fields(reader, { private: true }));
    assert.equal(await count(work), 0, 'a private bookmark is not counted');
    const othersId = await store.bookmarks.save(
      other.userId,
      { kind: 'work', id: work },
      fields(other, { private: true }),
    );
    assert.equal(await count(work), 0);
    await store.bookmarks.save(other.userId, { kind: 'work', id: work }, fields(other));
    await store.bookmarks.save(reader.userId, { kind: 'work', id: work }, fields(reader));
    assert.equal(await count(work), 2);
    assert.equal((await store.bookmarks.listForWork(work)).length, 2);

    await assert.rejects(
      store.bookmarks.remove(reader.userId, othersId),
      NotFoundError,
      'nobody deletes another member’s bookmark',
    );
    assert.equal(await count(work), 2);
    await store.bookmarks.remove(other.userId, othersId);
    assert.equal(await count(work), 1);
    assert.equal((await store.bookmarks.listForUser(reader.userId, false)).length, 1);
  });

  it('lists private bookmarks only when asked for the owner, and keeps series bookmarks apart from the count', async () => {
    const work = await postWork(store, [writer.pseudId]);
    const seriesId = await store.series.create(writer.userId, {
      title: 'Tides',
      summary: '',
      notes: '',
      complete: false,
    });
    await store.series.addWork(seriesId, work);
    await store.bookmarks.save(reader.userId, { kind: 'work', id: work }, fields(reader, { private: true }));
    await store.bookmarks.save(reader.userId, { kind: 'series', id: seriesId }, fields(reader, { rec: true }));
    assert.deepEqual((await store.bookmarks.listForUser(reader.userId, true)).map((b) => b.target.kind).sort(), [
      'series',
      'work',
    ]);
    assert.deepEqual(
      (await store.bookmarks.listForUser(reader.userId, false)).map((b) => b.target),
      [{ kind: 'series', id: seriesId }],
    );
    assert.equal(await count(work), 0);
  });

  it('bookmarks follow a merged work: one per member, notes and tags joined, private stays private, count recomputed', async () => {
    const opener = await postWork(store, [writer.pseudId], { title: 'Low Tide' });
    const sequel = await postWork(store, [writer.pseudId], { title: 'High Water' });
    await store.bookmarks.save(
      reader.userId,
      { kind: 'work', id: opener },
      fields(reader, { notes: '<p>Part one notes.</p>', tags: ['Boats'] }),
    );
    await store.bookmarks.save(
      reader.userId,
      { kind: 'work', id: sequel },
      fields(reader, { notes: '<p>Part two notes.</p>', tags: ['boats', 'Storms'], private: true, rec: true }),
    );
    await store.bookmarks.save(
      other.userId,
      { kind: 'work', id: sequel },
      fields(other, { notes: '<p>Only the sequel.</p>' }),
    );
    assert.equal(await count(opener), 1);
    assert.equal(await count(sequel), 1);

    await store.merges.merge(writer.userId, [opener, sequel]);

    const all = await store.bookmarks.listForUser(reader.userId, true);
    assert.equal(all.length, 1, 'the reader keeps one bookmark of the merged work');
    assert.deepEqual(all[0].target, { kind: 'work', id: opener });
    assert.equal(all[0].notes, '<p>Part one notes.</p>\n<p>Part two notes.</p>');
    assert.deepEqual(all[0].tags, ['Boats', 'Storms']);
    assert.equal(all[0].private, true);
    assert.equal(all[0].rec, true);
    const others = await store.bookmarks.listForUser(other.userId, true);
    assert.deepEqual(
      others.map((b) => b.target),
      [{ kind: 'work', id: opener }],
    );
    assert.equal(await count(opener), 1, 'only the other member’s bookmark is public now');
  });
});
