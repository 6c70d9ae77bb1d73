import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork, workInput } from '../support/works.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { validateWork } from '../../src/domain/works.ts';
import { WorkSearch } from '../../src/search/work-search.ts';

/** The in-memory text index answers text queries: every write that changes a work's words must reach it. */
describeEachDatabase('text search follows writes', (dialect) => {
  let t: TestStore;
  let search: WorkSearch;
  before(async () => {
    t = await freshStore(dialect);
    search = await WorkSearch.open(t.store);
  });
  after(() => t.dispose());

  async function titles(q: string): Promise<string[]> {
    const { filters } = parseWorkFilters(readWorkFilterForm({ q, sort: 'title' }));
    return (await search.search(filters, null)).works.map((w) => w.title);
  }

  it('finds a work by the new words of its title, summary and tags, and not by the old', async () => {
    const { store } = t;
    const user = await store.users.create({ login: 'archivist', email: 'a@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    const id = await postWork(store, [pseud.id], {
      title: 'Winter Letters',
      summary: 'Frost on the glass.',
      freeforms: 'Glasswing',
    });
    await postWork(store, [pseud.id], {
      title: 'Harbour Bells',
      summary: 'Letters from winter, read in summer.',
      freeforms: 'Copperleaf Fields',
    });
    assert.deepEqual(await titles('winter letters'), ['Harbour Bells', 'Winter Letters']);
    assert.deepEqual(await titles('"winter letters"'), ['Winter Letters'], 'a phrase holds its words in order');
    assert.deepEqual(await titles('glasswing'), ['Winter Letters']);

    await store.works.update(
      id,
      validateWork(workInput({ title: 'Summer Letters', summary: 'Heat on the stone.', freeforms: 'Copperleaf' })),
    );
    assert.deepEqual(await titles('"winter letters"'), []);
    assert.deepEqual(await titles('frost'), []);
    assert.deepEqual(await titles('glasswing'), [], 'a tag taken off no longer finds the work');
    assert.deepEqual(await titles('"summer letters"'), ['Summer Letters']);
    assert.deepEqual(await titles('stone'), ['Summer Letters']);
    assert.deepEqual(await titles('copperleaf'), ['Harbour Bells', 'Summer Letters']);
    assert.deepEqual(await titles('copperleaf fields'), ['Harbour Bells']);
  });

  it('finds the works of a canonical tag by the words of its synonym once it is one', async () => {
    const { store } = t;
    const user = await store.users.create({ login: 'wrangled', email: 'w@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    await postWork(store, [pseud.id], { title: 'Canonical Use', freeforms: 'Sunlit Grief' });
    await postWork(store, [pseud.id], { title: 'Synonym Use', freeforms: 'Brightsorrow' });
    assert.deepEqual(await titles('brightsorrow'), ['Synonym Use']);
    const [canonical] = await store.tags.named('Sunlit Grief');
    const [synonym] = await store.tags.named('Brightsorrow');
    await store.tags.makeCanonical(canonical.id);
    await store.tags.makeSynonym(synonym.id, canonical.id);
    assert.deepEqual(
      await titles('brightsorrow'),
      ['Canonical Use', 'Synonym Use'],
      'as filtering by the tag finds them',
    );
    assert.deepEqual(await titles('sunlit'), ['Canonical Use', 'Synonym Use']);
  });

  it('finds works by the new title of their series and the new name of their creator', async () => {
    const { store } = t;
    const user = await store.users.create({ login: 'serialist', email: 's@example.org', passwordHash: 'h' });
    const [pseud] = await store.pseuds.listForUser(user.id);
    const id = await postWork(store, [pseud.id], { title: 'Part One' });
    const seriesId = await store.series.create(user.id, {
      title: 'Tidewater Saga',
      summary: '',
      notes: '',
      complete: false,
    });
    await store.series.addWork(seriesId, id);
    assert.deepEqual(await titles('tidewater'), ['Part One']);
    await store.series.update(seriesId, { title: 'Moonwake Cycle', summary: '', notes: '', complete: false });
    assert.deepEqual(await titles('tidewater'), []);
    assert.deepEqual(await titles('moonwake'), ['Part One']);
    await store.series.removeWork(seriesId, id);
    assert.deepEqual(await titles('moonwake'), []);

    const penName = await store.pseuds.create(user.id, { name: 'Quillfeather', description: '' });
    const other = await postWork(store, [penName.id], { title: 'Under A Pen Name' });
    assert.deepEqual(await titles('quillfeather'), ['Under A Pen Name']);
    await store.pseuds.update(penName, { name: 'Inkwhisker', description: '' });
    assert.deepEqual(await titles('quillfeather'), []);
    assert.deepEqual(await titles('inkwhisker'), ['Under A Pen Name']);
    assert.deepEqual(
      await titles('serialist inkwhisker'),
      ['Under A Pen Name'],
      'the login is searched with the pen name',
    );
    await store.works.delete(other);
    assert.deepEqual(await titles('inkwhisker'), []);
  });
});
