import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { freshStore, type TestStore } from '../support/databases.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';

/** The same generated corpus on SQLite and PostgreSQL must answer every query the same way. */
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
];

let sqlite: TestStore;
let postgres: TestStore;
let searches: [WorkSearch, WorkSearch];

before(async () => {
  sqlite = await freshStore('sqlite');
  postgres = await freshStore('postgres');
  await loadCorpus(sqlite.store, 200, 42);
  await loadCorpus(postgres.store, 200, 42);
  searches = [await WorkSearch.open(sqlite.store), await WorkSearch.open(postgres.store)];
});
after(async () => {
  await sqlite?.dispose();
  await postgres?.dispose();
});

it('gives the same results, order, counts and sidebar on SQLite and PostgreSQL', async () => {
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
      const [a, b] = await Promise.all(searches.map((s) => s.search(filters, viewer)));
      const ids = (r: typeof a) => r.works.map((w) => w.id);
      assert.equal(a.total, b.total, `${query}: total`);
      if (filters.sort === 'best') assert.deepEqual(new Set(ids(a)).size, new Set(ids(b)).size, `${query}: page size`);
      else assert.deepEqual(ids(a), ids(b), `${query}: works and order`);
      assert.deepEqual(a.facets, b.facets, `${query}: sidebar counts`);
      if (a.total > 0) nonEmpty++;
    }
  }
  assert.ok(nonEmpty > 30, `most queries find works (${nonEmpty} did)`);
});

it('ranks a best match sort the same when the whole result fits on one page', async () => {
  const { filters } = parseWorkFilters(readWorkFilterForm({ q: '"of the" storm' }));
  const [a, b] = await Promise.all(searches.map((s) => s.search(filters, null, 200)));
  assert.ok(a.total > 0);
  assert.deepEqual(new Set(a.works.map((w) => w.id)), new Set(b.works.map((w) => w.id)));
});
