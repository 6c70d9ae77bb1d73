import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestStore } from '../support/databases.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';

/**
 * The same generated corpus on SQLite and PostgreSQL, searched by the in-memory index and by
 * PostgreSQL itself (SEARCH_ENGINE=postgres), must answer every query the same way.
 */
const QUERIES = [
  '',
  'sort=title',
  'sort=creator&page=2',
  'sort=kudos',
  'sort=hits&complete=yes',
  'sort=words&words_from=5000&words_to=40000',
  'crossovers=only&sort=posted',
  'crossovers=exclude&single=1',
  'include_rating=General Audiences&include_rating=Teen And Up Audiences',
  'exclude_warning=Major Character Death&sort=comments',
  'include_freeform=Romance',
  'include_freeform=Hurt/Comfort',
  'exclude_freeform=Fluff, Angst&sort=bookmarks',
  'language=en&updated_from=2020-01-01&updated_to=2023-12-31',
  'q=storm',
  'q=storm&sort=title',
  'q="of the" kudos>10&sort=kudos',
  'q=words>20000 hits<5000&sort=words',
  'q=light&inside=1&sort=updated',
  'q=complete:no chapters:2-5&sort=title',
  'q=storm light&inside=1&sort=best',
  'q=the&sort=best',
  'q=romance&sort=kudos',
  'q="the storm"&sort=posted',
  'sort=creator&crossovers=exclude&page=3',
];

let sqlite: TestStore;
let postgres: TestStore;
/** SQLite with the in-memory index (the reference), PostgreSQL with it, PostgreSQL searching itself. */
let searches: WorkSearch[];
const NAMES = ['sqlite/memory', 'postgres/memory', 'postgres/postgres'];

before(async () => {
  sqlite = await freshStore('sqlite');
  postgres = await freshStore('postgres');
  await loadCorpus(sqlite.store, 200, 42);
  await loadCorpus(postgres.store, 200, 42);
  searches = [
    await WorkSearch.open(sqlite.store),
    await WorkSearch.open(postgres.store, 'memory'),
    await WorkSearch.open(postgres.store, 'postgres'),
  ];
});
after(async () => {
  await sqlite?.dispose();
  await postgres?.dispose();
});

it('gives the same results, order, counts and sidebar on SQLite and PostgreSQL, with both search engines', async () => {
  const fandomOfFirst = (
    await sqlite.store.handle.db
      .selectFrom('tags')
      .select('name')
      .where('kind', '=', 'fandom')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).name;
  const character = (
    await sqlite.store.handle.db
      .selectFrom('tags')
      .select('name')
      .where('kind', '=', 'character')
      .where('merger_id', 'is not', null)
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).name;
  let nonEmpty = 0;
  for (const query of [
    ...QUERIES,
    `include_fandom=${fandomOfFirst}&sort=kudos`,
    `include_character=${character}&sort=title`,
    `exclude_fandom=${fandomOfFirst}&sort=hits`,
  ]) {
    const params = new URLSearchParams(query);
    const { filters, errors } = parseWorkFilters(
      readWorkFilterForm(Object.fromEntries([...new Set(params.keys())].map((k) => [k, params.getAll(k)]))),
    );
    assert.deepEqual(errors, {}, query);
    for (const viewer of [null, 2]) {
      const [a, ...others] = await Promise.all(searches.map((s) => s.search(filters, viewer)));
      const ids = (r: typeof a) => r.works.map((w) => w.id);
      for (const [i, b] of others.entries()) {
        const where = `${query} (${NAMES[i + 1]}, viewer ${viewer})`;
        assert.equal(b.total, a.total, `${where}: total`);
        if (filters.sort === 'best') assert.equal(new Set(ids(b)).size, new Set(ids(a)).size, `${where}: page size`);
        else assert.deepEqual(ids(b), ids(a), `${where}: works and order`);
        assert.deepEqual(b.facets, a.facets, `${where}: sidebar counts`);
      }
      if (filters.sort === 'best') {
        // Relevance scales differ (BM25 in memory, ts_rank in PostgreSQL): the same works, all of them on one page.
        const all = await Promise.all(searches.map((s) => s.search(filters, viewer, 1000)));
        for (const [i, b] of all.slice(1).entries())
          assert.deepEqual(new Set(ids(b)), new Set(ids(all[0])), `${query} (${NAMES[i + 1]}): the same works`);
      }
      if (a.total > 0) nonEmpty++;
    }
  }
  assert.ok(nonEmpty > 30, `most queries find works (${nonEmpty} did)`);
});

it('ranks a best match sort the same when the whole result fits on one page', async () => {
  const { filters } = parseWorkFilters(readWorkFilterForm({ q: '"of the" storm' }));
  const [a, ...others] = await Promise.all(searches.map((s) => s.search(filters, null, 200)));
  assert.ok(a.total > 0);
  for (const b of others) assert.deepEqual(new Set(b.works.map((w) => w.id)), new Set(a.works.map((w) => w.id)));
});
