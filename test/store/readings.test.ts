import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork, workInput } from '../support/works.ts';
import { validateWork } from '../../src/domain/works.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('reading history store', (dialect) => {
  let t: TestStore;
  let store: Store;
  let pseudId: number;
  let reader: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const writer = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
    pseudId = (await store.pseuds.listForUser(writer.id))[0].id;
    reader = (await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' })).id;
  });
  afterEach(() => t.dispose());

  const history = async (forLater = false) =>
    (await store.readings.list(reader, { forLater, limit: 50, offset: 0 })).readings;

  it('counts visits, keeps the last chapter opened, and lists the last read first', async () => {
    const first = await postWork(store, [pseudId], { title: 'First' });
    const second = await postWork(store, [pseudId], { title: 'Second' });
    const chapter2 = await store.works.addChapter(first, chapterContent('Two.'), false);
    await store.readings.record(reader, first, null);
    await store.readings.record(reader, second, null);
    // Reading times are kept to the millisecond: let the clock move on so "last read first" is decided.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.readings.record(reader, first, chapter2);
    await store.readings.record(reader, first, null);
    const [top, next] = await history();
    assert.equal(top.workId, first);
    assert.equal(top.visits, 3);
    assert.equal(top.chapterId, chapter2, 'a whole-work visit keeps the chapter last opened');
    assert.equal(top.chapterPosition, 2);
    assert.equal(next.workId, second);
    assert.equal(next.visits, 1);
  });

  it('records nothing while history is off, keeps what was there, and clearing deletes it', async () => {
    const workId = await postWork(store, [pseudId]);
    await store.readings.record(reader, workId, null);
    await store.readings.setKeepsHistory(reader, false);
    await store.readings.record(reader, workId, null);
    assert.equal((await history())[0].visits, 1, 'the second visit was not recorded');
    assert.deepEqual(await store.readings.stateFor(reader, workId), { keepsHistory: false, markedForLater: false });
    await store.readings.clear(reader);
    assert.deepEqual(await history(), []);
  });

  it('marks for later and as read; the filter shows only marked works; one entry can be deleted', async () => {
    const a = await postWork(store, [pseudId], { title: 'A' });
    const b = await postWork(store, [pseudId], { title: 'B' });
    await store.readings.markForLater(reader, a, true);
    await store.readings.record(reader, b, null);
    assert.deepEqual(
      (await history(true)).map((r) => r.workId),
      [a],
    );
    assert.equal((await history(true))[0].lastReadAt, null, 'marked, never opened');
    await store.readings.record(reader, a, null);
    assert.equal((await history(true))[0].visits, 1, 'opening it keeps the mark');
    await store.readings.markForLater(reader, a, false);
    assert.deepEqual(await history(true), []);
    assert.equal(await store.readings.remove(reader, b), true);
    assert.deepEqual(
      (await history()).map((r) => r.workId),
      [a],
    );
    assert.equal(await store.readings.remove(reader, b), false);
  });

  it('leaves out works the reader can no longer see', async () => {
    const hidden = await postWork(store, [pseudId], { title: 'Taken Down' });
    const shown = await postWork(store, [pseudId], { title: 'Still Up' });
    await store.readings.record(reader, hidden, null);
    await store.readings.record(reader, shown, null);
    await store.works.update(hidden, validateWork(workInput({ title: 'Taken Down', visibility: 'draft' })));
    const { readings, total } = await store.readings.list(reader, { limit: 50, offset: 0 });
    assert.deepEqual(
      readings.map((r) => r.workId),
      [shown],
    );
    assert.equal(total, 1);
    await store.works.delete(shown);
    assert.deepEqual(await history(), []);
  });
});
