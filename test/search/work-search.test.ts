import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';
import type { WorkInput } from '../../src/domain/works.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { SEARCH_ENGINES, WorkSearch, type SearchEngine } from '../../src/search/work-search.ts';
import type { Dialect } from '../../src/store/database.ts';
import { noteWorksChanged } from '../../src/store/work-changes.ts';
import { tagKey } from '../../src/domain/works.ts';

describeEachDatabase('works search', (dialect) => {
  // On PostgreSQL, the same tests for both ways of searching: the in-memory index and PostgreSQL itself.
  for (const engine of dialect === 'postgres' ? SEARCH_ENGINES : (['memory'] as const))
    describe(`searched by ${engine}`, () => searchSuite(dialect, engine));
});

function searchSuite(dialect: Dialect, engine: SearchEngine): void {
  let t: TestStore;
  let store: Store;
  let pseudId: number;
  let otherPseudId: number;
  let readerId: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const writer = await store.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    pseudId = (await store.pseuds.listForUser(writer.id))[0].id;
    const other = await store.users.create({ login: 'other', email: 'o@example.org', passwordHash: 'h' });
    otherPseudId = (await store.pseuds.listForUser(other.id))[0].id;
    readerId = (await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' })).id;
  });
  afterEach(() => t.dispose());

  async function post(title: string, overrides: Partial<WorkInput> = {}, pseud = pseudId, text?: string) {
    return postWork(store, [pseud], { title, ...overrides }, text);
  }

  /** Titles found for a /works query string, in order, with the total. */
  async function find(search: WorkSearch, query: string, viewerId: number | null = null, pageSize = 20) {
    const { filters, errors } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
    assert.deepEqual(errors, {});
    const result = await search.search(filters, viewerId, pageSize);
    return { titles: result.works.map((w) => w.title), total: result.total, facets: result.facets };
  }

  async function tagId(kind: string, name: string): Promise<number> {
    const row = await store.handle.db
      .selectFrom('tags')
      .select('id')
      .where('kind', '=', kind)
      .where('name_key', '=', tagKey(name))
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Wrangling as the tags helper does it: change the tag rows, then note every work tagged with them. */
  async function wrangle(change: () => Promise<void>, tagIds: number[]) {
    await change();
    const works = await store.handle.db
      .selectFrom('taggings')
      .select('work_id')
      .where('tag_id', 'in', tagIds)
      .execute();
    await noteWorksChanged(
      store.handle.db,
      works.map((w) => w.work_id),
    );
  }

  it('includes and excludes tags of any kind, and counts the tags of the results', async () => {
    await post('A', { fandoms: 'Sherlock (TV)', characters: 'John Watson', freeforms: 'Fluff' });
    await post('B', { fandoms: 'Sherlock (TV)', characters: 'Sherlock Holmes', freeforms: 'Angst' });
    await post('C', { fandoms: 'Good Omens', characters: 'Crowley', freeforms: 'Fluff' });
    const search = await WorkSearch.open(store, engine);
    let found = await find(search, 'include_fandom=Sherlock (TV)&sort=title');
    assert.deepEqual(found.titles, ['A', 'B']);
    assert.deepEqual(
      found.facets.freeform
        .filter((f) => f.name === 'Fluff' || f.name === 'Angst')
        .map((f) => [f.name, f.count])
        .sort(),
      [
        ['Angst', 1],
        ['Fluff', 1],
      ],
    );
    assert.deepEqual(found.facets.fandom, [{ name: 'Sherlock (TV)', count: 2 }]);
    found = await find(search, 'include_fandom=Sherlock (TV)&exclude_freeform=Angst');
    assert.deepEqual(found.titles, ['A']);
    found = await find(search, 'include_freeform=Fluff&sort=title');
    assert.deepEqual(found.titles, ['A', 'C']);
    assert.deepEqual(found.facets.fandom.map((f) => [f.name, f.count]).sort(), [
      ['Good Omens', 1],
      ['Sherlock (TV)', 1],
    ]);
    found = await find(search, 'include_rating=General Audiences&exclude_character=Crowley, John Watson');
    assert.deepEqual(found.titles, ['B']);
    found = await find(search, 'include_fandom=No Such Fandom');
    assert.equal(found.total, 0);
  });

  it('files synonyms under their canonical tag and finds subtags under a meta tag', async () => {
    await post('Canonical', { characters: 'Draco Malfoy' });
    await post('Synonym', { characters: 'Draco' });
    await post('Sub', { freeforms: 'Slow Burn' });
    await post('Meta', { freeforms: 'Romance' });
    await post('Neither', { characters: 'Harry Potter' });
    const search = await WorkSearch.open(store, engine);
    const draco = await tagId('character', 'Draco Malfoy');
    const synonym = await tagId('character', 'Draco');
    const romance = await tagId('freeform', 'Romance');
    const slowBurn = await tagId('freeform', 'Slow Burn');
    await wrangle(async () => {
      await store.handle.db
        .updateTable('tags')
        .set({ canonical: 1 })
        .where('id', 'in', [draco, romance, slowBurn])
        .execute();
      await store.handle.db.updateTable('tags').set({ merger_id: draco }).where('id', '=', synonym).execute();
      await store.handle.db.insertInto('tag_parents').values({ parent_id: romance, child_id: slowBurn }).execute();
    }, [draco, synonym, romance, slowBurn]);
    assert.deepEqual((await find(search, 'include_character=Draco Malfoy&sort=title')).titles, [
      'Canonical',
      'Synonym',
    ]);
    assert.deepEqual(
      (await find(search, 'include_character=Draco&sort=title')).titles,
      ['Canonical', 'Synonym'],
      'a synonym filters as its canonical tag',
    );
    assert.deepEqual((await find(search, 'include_freeform=Romance&sort=title')).titles, ['Meta', 'Sub']);
    assert.deepEqual((await find(search, 'include_freeform=Slow Burn')).titles, ['Sub']);
    assert.deepEqual((await find(search, 'exclude_character=Draco&sort=title')).titles, ['Meta', 'Neither', 'Sub']);
    const sidebar = (await find(search, 'sort=title')).facets.character;
    assert.deepEqual(
      sidebar.find((f) => f.name === 'Draco Malfoy'),
      { name: 'Draco Malfoy', count: 2 },
    );
    assert.equal(
      sidebar.find((f) => f.name === 'Draco'),
      undefined,
      'a synonym is counted under its canonical tag',
    );
  });

  it('filters crossovers, completion, single chapters, word counts, dates and language', async () => {
    await post(
      'Cross',
      { fandoms: 'Sherlock (TV), Good Omens', complete: false, expectedChapters: '?' },
      pseudId,
      'one two three four five',
    );
    await post('Single', { fandoms: 'Sherlock (TV)', language: 'fr' }, pseudId, 'one two three');
    const search = await WorkSearch.open(store, engine);
    assert.deepEqual((await find(search, 'crossovers=only')).titles, ['Cross']);
    assert.deepEqual((await find(search, 'crossovers=exclude')).titles, ['Single']);
    assert.equal((await find(search, '')).total, 2);
    assert.deepEqual((await find(search, 'complete=no')).titles, ['Cross']);
    assert.deepEqual((await find(search, 'complete=yes')).titles, ['Single']);
    assert.deepEqual((await find(search, 'words_from=4')).titles, ['Cross']);
    assert.deepEqual((await find(search, 'words_to=3')).titles, ['Single']);
    assert.deepEqual((await find(search, 'q=words>4')).titles, ['Cross']);
    assert.deepEqual((await find(search, 'language=fr')).titles, ['Single']);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await find(search, `updated_from=${today}&updated_to=${today}`)).total, 2);
    assert.equal((await find(search, 'updated_to=2001-01-01')).total, 0);
    await store.works.addChapter(
      (await store.handle.db.selectFrom('works').select('id').where('title', '=', 'Single').executeTakeFirstOrThrow())
        .id,
      { title: '', summary: '', notes: '', endNotes: '', body: '<p>more</p>', wordCount: 1 },
      false,
    );
    assert.deepEqual((await find(search, 'single=1')).titles, ['Cross'], 'the index hears of the new chapter');
  });

  it('finds words and phrases in titles, summaries, tags and creators, and chapter text only when asked', async () => {
    await post(
      'The Lighthouse',
      { summary: '<p>A storm at sea.</p>', freeforms: 'Found Family' },
      pseudId,
      'The keeper polished the brass lamp.',
    );
    await post(
      'Harbour Lights',
      { summary: '<p>Calm water and a storm later.</p>', freeforms: '' },
      otherPseudId,
      'Nothing about lamps.',
    );
    const search = await WorkSearch.open(store, engine);
    assert.deepEqual((await find(search, 'q=storm&sort=title')).titles, ['Harbour Lights', 'The Lighthouse']);
    assert.deepEqual((await find(search, 'q="found family"')).titles, ['The Lighthouse']);
    assert.deepEqual((await find(search, 'q="family found"')).titles, []);
    assert.deepEqual((await find(search, 'q=storm lighthouse')).titles, ['The Lighthouse']);
    assert.deepEqual((await find(search, 'q=other')).titles, ['Harbour Lights'], 'creators are searched');
    assert.deepEqual((await find(search, 'q=brass')).titles, []);
    assert.deepEqual((await find(search, 'q=brass&inside=1')).titles, ['The Lighthouse']);
    assert.deepEqual((await find(search, 'q=lighthouse')).titles, ['The Lighthouse']);
    assert.deepEqual((await find(search, 'q=storm&include_fandom=Original Work&sort=best')).total, 2);
  });

  it('hides what a guest may not see, and mutes tags and creators with right counts and full pages', async () => {
    await post('Registered', { visibility: 'registered' });
    await post('Draft', { visibility: 'draft' });
    await post('Scheduled', { publishAt: '2999-01-01' });
    for (let i = 1; i <= 5; i++) await post(`Plain ${i}`, { freeforms: i % 2 === 0 ? 'Muted Tag' : 'Kept' });
    await post('By other', {}, otherPseudId);
    const search = await WorkSearch.open(store, engine);
    assert.equal((await find(search, '')).total, 6);
    assert.equal((await find(search, '', readerId)).total, 7);
    const other = await store.handle.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'other')
      .executeTakeFirstOrThrow();
    await store.handle.db
      .insertInto('mutes')
      .values([
        {
          user_id: readerId,
          target_kind: 'tag',
          target_id: await tagId('freeform', 'Muted Tag'),
          created_at: new Date().toISOString(),
        },
        { user_id: readerId, target_kind: 'user', target_id: other.id, created_at: new Date().toISOString() },
      ])
      .execute();
    const muted = await find(search, 'sort=title', readerId, 2);
    assert.equal(muted.total, 4);
    assert.deepEqual(muted.titles, ['Plain 1', 'Plain 3']);
    assert.deepEqual(
      muted.facets.freeform.find((f) => f.name === 'Kept'),
      { name: 'Kept', count: 3 },
    );
    assert.equal(
      muted.facets.freeform.find((f) => f.name === 'Muted Tag'),
      undefined,
    );
  });

  it('sorts by every key and pages through all results without gaps or repeats', async () => {
    for (let i = 0; i < 23; i++)
      await post(
        `Work ${String.fromCharCode(65 + ((i * 7) % 23))}`,
        {},
        i % 2 ? pseudId : otherPseudId,
        'word '.repeat(1 + ((i * 5) % 11)),
      );
    const search = await WorkSearch.open(store, engine);
    for (const sort of ['title', 'creator', 'words', 'updated', 'posted', 'kudos', 'hits', 'comments', 'bookmarks']) {
      const seen: string[] = [];
      for (let page = 1; page <= 5; page++)
        seen.push(...(await find(search, `sort=${sort}&page=${page}`, null, 5)).titles);
      assert.equal(seen.length, 23, sort);
      assert.equal(new Set(seen).size, 23, sort);
    }
    const byTitle = (await find(search, 'sort=title', null, 30)).titles;
    assert.deepEqual(byTitle, [...byTitle].sort());
    const byWords = (await find(search, 'sort=words', null, 30)).titles;
    const words = await Promise.all(
      byWords.map(
        async (title) =>
          (
            await store.handle.db
              .selectFrom('works')
              .select('word_count')
              .where('title', '=', title)
              .executeTakeFirstOrThrow()
          ).word_count,
      ),
    );
    assert.deepEqual(
      words,
      [...words].sort((a, b) => b - a),
    );
  });

  it('follows writes made through another store on the same database', async () => {
    const search = await WorkSearch.open(store, engine);
    assert.equal((await find(search, '')).total, 0);
    const id = await post('Later', { freeforms: 'Fresh' });
    assert.deepEqual((await find(search, 'include_freeform=Fresh')).titles, ['Later']);
    await store.works.delete(id);
    assert.equal((await find(search, '')).total, 0);
  });

  it('lists no hidden, unrevealed or registered-only work to whom may not see it, nor a muted tag, in results, totals, text matches or counts', async () => {
    await post('Open Storm', { freeforms: 'Shared Tag' });
    await post('Members Storm', { visibility: 'registered', freeforms: 'Shared Tag' });
    const hidden = await post('Hidden Storm', { freeforms: 'Shared Tag' });
    await store.works.setHiddenByModerators(hidden, { reason: 'spam' });
    const unrevealed = await post('Secret Storm', { freeforms: 'Shared Tag' });
    const owner = await store.handle.db
      .selectFrom('users')
      .select('id')
      .where('login', '=', 'writer')
      .executeTakeFirstOrThrow();
    const collectionId = await store.collections.create(
      'mystery_fest',
      {
        title: 'Mystery Fest',
        description: '',
        rules: '',
        faq: '',
        parentId: null,
        open: true,
        moderated: false,
        unrevealed: true,
        anonymous: false,
        revealWorksAt: null,
        revealCreatorsAt: null,
      },
      { userId: owner.id, pseudId },
    );
    const collection = (await store.collections.find(collectionId))!;
    await store.collections.addWork(collection, unrevealed, {
      collectionApproval: 'approved',
      creatorApproval: 'approved',
      addedBy: owner.id,
    });
    await post('Muted Storm', { freeforms: 'Shared Tag, Dark Tag' });
    await store.handle.db
      .insertInto('mutes')
      .values({
        user_id: readerId,
        target_kind: 'tag',
        target_id: await tagId('freeform', 'Dark Tag'),
        created_at: new Date().toISOString(),
      })
      .execute();
    const search = await WorkSearch.open(store, engine);
    for (const query of ['sort=title', 'q=storm&sort=title', 'include_freeform=Shared Tag&sort=title']) {
      const guest = await find(search, query);
      assert.deepEqual(guest.titles, ['Muted Storm', 'Open Storm'], `a guest: ${query}`);
      assert.equal(guest.total, 2);
      assert.deepEqual(
        guest.facets.freeform.find((f) => f.name === 'Shared Tag'),
        { name: 'Shared Tag', count: 2 },
      );
      const reader = await find(search, query, readerId);
      assert.deepEqual(reader.titles, ['Members Storm', 'Open Storm'], `a member muting a tag: ${query}`);
      assert.deepEqual(
        reader.facets.freeform.find((f) => f.name === 'Shared Tag'),
        { name: 'Shared Tag', count: 2 },
      );
      assert.equal(
        reader.facets.freeform.find((f) => f.name === 'Dark Tag'),
        undefined,
      );
    }
    assert.deepEqual((await find(search, 'q=hidden')).titles, []);
    assert.deepEqual((await find(search, 'q=secret', readerId)).titles, []);
    await store.works.setHiddenByModerators(hidden, null);
    assert.deepEqual(
      (await find(search, 'q=hidden')).titles,
      ['Hidden Storm'],
      'shown again once the moderators unhide it',
    );
  });

  it('sees a write whose change is logged before the write itself in the same transaction', async () => {
    await post('Early Note', { characters: 'Aziraphale (Good Omens)' });
    await post('Target', { characters: 'Aziraphale' });
    const search = await WorkSearch.open(store, engine);
    const synonym = await tagId('character', 'Aziraphale (Good Omens)');
    const canonical = await tagId('character', 'Aziraphale');
    await store.handle.db.transaction().execute(async (tx) => {
      const tagged = await tx.selectFrom('taggings').select('work_id').where('tag_id', '=', synonym).execute();
      await noteWorksChanged(
        tx,
        tagged.map((r) => r.work_id),
      );
      await tx.updateTable('tags').set({ canonical: 1 }).where('id', '=', canonical).execute();
      await tx.updateTable('tags').set({ merger_id: canonical }).where('id', '=', synonym).execute();
    });
    assert.deepEqual((await find(search, 'include_character=Aziraphale&sort=title')).titles, ['Early Note', 'Target']);
  });
}
