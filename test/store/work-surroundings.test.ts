import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork, workInput } from '../support/works.ts';
import { validateWork } from '../../src/domain/works.ts';
import type { Store } from '../../src/store/index.ts';

// The page's surroundings read in one statement on PostgreSQL: the same as each read on its own.
describeEachDatabase('work surroundings', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
    writer = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  });
  afterEach(() => t.dispose());

  const collectionFields = (title: string) => ({
    title,
    description: '',
    rules: '',
    faq: '',
    parentId: null,
    open: true,
    moderated: false,
    unrevealed: false,
    anonymous: false,
    revealWorksAt: null,
    revealCreatorsAt: null,
  });

  it('reads a work series, inbound relations and collections as the separate reads do', async () => {
    const post = (title: string, series: string | number) =>
      store.works.create({
        fields: validateWork(workInput({ title })),
        chapter: chapterContent(),
        creatorPseudIds: [writer.pseudId],
        series: { userId: writer.userId, choice: typeof series === 'string' ? { title: series } : { id: series } },
      });
    const first = await post('Part One', 'Lamplight');
    const seriesId = (await store.series.listForUser(writer.userId))[0].id;
    const work = await post('Part Two', seriesId);
    await post('Part Three', seriesId);
    const fan = await postWork(store, [writer.pseudId], { title: 'Remix' });
    await store.handle.db
      .insertInto('related_works')
      .values({ work_id: fan, target_work_id: work, relation: 'inspired_by', url: '', title: '', position: 0 })
      .execute();
    for (const title of ['b Harbour', 'A Lantern']) {
      const id = await store.collections.create(title.replace(/\W/g, '_'), collectionFields(title), writer);
      const collection = (await store.collections.find(id))!;
      await store.collections.addWork(collection, work, {
        collectionApproval: 'approved',
        creatorApproval: title === 'A Lantern' ? 'approved' : 'pending',
        addedBy: writer.userId,
      });
    }

    const rows = await store.workSurroundings.of(work);
    assert.deepEqual(await store.series.placesFrom(work, rows.series), await store.series.placesOf(work));
    assert.deepEqual((await store.series.placesOf(work))[0].workIds.slice(0, 2), [first, work]);
    assert.deepEqual(rows.inbound, await store.workLinks.inboundTo(work));
    assert.deepEqual(rows.inbound, [{ relation: 'inspired_by', workId: fan }]);
    assert.deepEqual(rows.collectionItems, await store.collections.itemsOfWork(work));
    assert.deepEqual(
      rows.collectionItems.map((i) => [i.collection.title, i.creatorApproval, i.unrevealed]),
      [
        ['A Lantern', 'approved', false],
        ['b Harbour', 'pending', false],
      ],
    );
    assert.deepEqual(rows.prompts, await store.promptMemes.promptsOfWork(work));

    const alone = await store.workSurroundings.of(fan);
    assert.deepEqual(alone, { series: [], inbound: [], collectionItems: [], prompts: [] });
  });
});
