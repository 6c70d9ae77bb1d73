import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { freshStore, type TestStore } from '../support/databases.ts';
import { postWork, workInput } from '../support/works.ts';
import { loadCorpus } from '../../src/corpus/load.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { validateWork } from '../../src/domain/works.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import type { IndexQuery } from '../../src/search/work-index.ts';
import { PgWorkIndex } from '../../src/search/pg-index.ts';

/**
 * SEARCH_ENGINE=postgres answers an unfiltered listing from per-tag counts kept as works change
 * (migration 0041), and a listing of one fandom from per-fandom counts (migration 0045). After
 * every kind of write, their totals, pages and sidebars must be the ones the in-memory index
 * (loaded afresh) gives, for a guest and for a member with mutes, and the kept counts must be what
 * counting every work again gives.
 */
let t: TestStore;
let pg: WorkSearch;
let pseudId: number;
let memberId: number;
let firstFandom: string;

before(async () => {
  t = await freshStore('postgres');
  await loadCorpus(t.store, 120, 7);
  pg = await WorkSearch.open(t.store, 'postgres');
  const writer = await t.store.users.create({ login: 'counted', email: 'c@example.org', passwordHash: 'h' });
  pseudId = (await t.store.pseuds.listForUser(writer.id))[0].id;
  memberId = (await t.store.users.create({ login: 'member', email: 'm@example.org', passwordHash: 'h' })).id;
  firstFandom = (
    await t.store.handle.db
      .selectFrom('tags')
      .select('name')
      .where('kind', '=', 'fandom')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).name;
});
after(() => t?.dispose());

const LISTINGS = ['', 'sort=kudos&page=2', 'sort=title', 'sort=creator&page=3', 'sort=posted', 'sort=words'];
/** Listings of one fandom: the corpus's first, and the one the works posted here are filed under. */
const FANDOM_LISTINGS = [
  'include_fandom=Original Work',
  'include_fandom=Original Work&sort=title',
  'include_fandom=Original Work&sort=kudos&page=2',
];

async function tagId(name: string): Promise<number> {
  const row = await t.store.handle.db
    .selectFrom('tags')
    .select('id')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The kept counts, and the same counted again from every work's row. */
async function keptAndRecounted() {
  const db = t.store.handle.db;
  const kept = await sql<{
    audience: number;
    tag_id: number;
    works: number;
  }>`select audience, tag_id, works from tag_work_counts where works <> 0 order by audience, tag_id`.execute(db);
  const counted = await sql<{
    audience: number;
    tag_id: number;
    works: number;
  }>`select c.audience, c.tag_id, count(*)::int as works
    from work_filters f, work_filters_counted(f.listed, f.tag_ids) c where f.listed is not null
    group by c.audience, c.tag_id order by c.audience, c.tag_id`.execute(db);
  const fandomKept = await sql<{
    audience: number;
    fandom_id: number;
    tag_id: number;
    works: number;
  }>`select audience, fandom_id, tag_id, works from fandom_tag_work_counts where works <> 0
    order by audience, fandom_id, tag_id`.execute(db);
  const fandomCounted = await sql<{
    audience: number;
    fandom_id: number;
    tag_id: number;
    works: number;
  }>`select c.audience, fd.id as fandom_id, c.tag_id, count(*)::int as works
    from work_filters f, unnest(f.tag_ids) fd (id), work_filters_counted(f.listed, f.tag_ids) c
    where f.listed is not null and fd.id in (select id from tags where kind = 'fandom')
    group by c.audience, fd.id, c.tag_id order by c.audience, fd.id, c.tag_id`.execute(db);
  return { kept: kept.rows, counted: counted.rows, fandomKept: fandomKept.rows, fandomCounted: fandomCounted.rows };
}

async function sameAsInMemory(step: string): Promise<void> {
  const memory = await WorkSearch.open(t.store, 'memory');
  for (const query of [...LISTINGS, ...FANDOM_LISTINGS, `include_fandom=${firstFandom}&sort=hits`]) {
    const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
    for (const viewer of [null, memberId]) {
      const [a, b] = await Promise.all([memory.search(filters, viewer), pg.search(filters, viewer)]);
      const where = `${step}: "${query}" for ${viewer === null ? 'a guest' : 'a member'}`;
      assert.equal(b.total, a.total, `${where}: total`);
      assert.deepEqual(
        b.works.map((w) => w.id),
        a.works.map((w) => w.id),
        `${where}: works and order`,
      );
      assert.deepEqual(b.facets, a.facets, `${where}: sidebar counts`);
    }
  }
  const { kept, counted, fandomKept, fandomCounted } = await keptAndRecounted();
  assert.deepEqual(kept, counted, `${step}: kept counts`);
  assert.ok(fandomCounted.length > 0);
  assert.deepEqual(fandomKept, fandomCounted, `${step}: kept counts per fandom`);
}

async function guestTotal(): Promise<number> {
  const { filters } = parseWorkFilters(readWorkFilterForm({}));
  return (await pg.search(filters, null)).total;
}

it('keeps the unfiltered listing and its sidebar right through posting, editing, hiding, wrangling and deleting', async () => {
  await sameAsInMemory('after loading');
  const before = await guestTotal();

  const posted = await postWork(t.store, [pseudId], { title: 'Counted One', freeforms: 'Counted Tag, Fluff' });
  await pg.index.sync();
  assert.equal(await guestTotal(), before + 1, 'a new public work counts at once');
  await sameAsInMemory('after posting');

  const registered = await postWork(t.store, [pseudId], { title: 'Members Only', visibility: 'registered' });
  await sameAsInMemory('after posting for members');
  assert.equal(await guestTotal(), before + 1, 'a guest does not count a members-only work');

  await postWork(t.store, [pseudId], { title: 'Later', publishAt: '2999-01-01', freeforms: 'Counted Tag' });
  await sameAsInMemory('after scheduling a work');
  assert.equal(await guestTotal(), before + 1, 'a work scheduled for later is not listed yet');

  await t.store.works.update(
    posted,
    validateWork(workInput({ title: 'Counted One', visibility: 'registered', freeforms: 'Angst' })),
  );
  await sameAsInMemory('after retagging and restricting a work');
  assert.equal(await guestTotal(), before);

  await t.store.works.setHiddenByModerators(registered, { reason: 'spam' });
  await sameAsInMemory('after hiding a work');

  await t.store.mutes.mute(memberId, 'tag', await tagId('Fluff'));
  const [someone] = await t.store.handle.db.selectFrom('pseuds').select('user_id').orderBy('id').limit(1).execute();
  await t.store.mutes.mute(memberId, 'user', someone.user_id);
  await sameAsInMemory('after a member muted a tag and a creator');

  await t.store.tags.makeSynonym(await tagId('Counted Tag'), await tagId('Angst'));
  await sameAsInMemory('after making a tag a synonym');

  await t.store.works.delete(posted);
  await sameAsInMemory('after deleting a work');
});

it('counts a work scheduled for later once its time has come', async () => {
  const query: IndexQuery = {
    member: false,
    includeTagIds: [],
    excludeTagIds: [],
    crossovers: 'include',
    singleChapter: false,
    ranges: {},
    mutedTagIds: [],
    mutedUserIds: [],
    sort: 'posted',
    offset: 0,
    limit: 5,
    // Every tag, however few its works.
    facetLimit: 10_000,
  };
  const id = await postWork(t.store, [pseudId], { title: 'Scheduled', publishAt: '2998-06-01', freeforms: 'Timely' });
  const timely = await tagId('Timely');
  const memory = await WorkSearch.open(t.store, 'memory');
  const a = await memory.index.query(query);
  const now = await (pg.index as PgWorkIndex).query(query, Date.now());
  assert.equal(now.total, a.total);
  assert.deepEqual(now.workIds, a.workIds);
  assert.deepEqual(now.facets, a.facets);
  assert.ok(!now.workIds.includes(id), 'not listed before its time');
  assert.ok(!now.facets.freeform.some((f) => f.tagId === timely));
  // The in-memory index answers as of now only; PostgreSQL is asked as of a later time.
  const later = await (pg.index as PgWorkIndex).query(query, Date.parse('2998-06-02T00:00:00Z'));
  assert.equal(later.total, now.total + 1);
  assert.equal(later.workIds[0], id, 'first by date once published');
  assert.deepEqual(
    later.facets.freeform.find((f) => f.tagId === timely),
    { tagId: timely, count: 1 },
  );
});

it('keeps the counts right when many works are posted and edited at once', async () => {
  const ids = await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      postWork(t.store, [pseudId], { title: `Together ${i}`, freeforms: 'Shared Tag, Fluff', characters: 'Keeper' }),
    ),
  );
  await Promise.all(
    ids.map((id, i) =>
      t.store.works.update(
        id,
        validateWork(
          workInput({
            title: `Together ${i}`,
            freeforms: i % 2 ? 'Shared Tag' : 'Other Tag, Fluff',
            visibility: i % 3 ? 'public' : 'registered',
          }),
        ),
      ),
    ),
  );
  await Promise.all(ids.slice(0, 4).map((id) => t.store.works.delete(id)));
  await sameAsInMemory('after writing many works at once');
});

it('gives the same pages and sidebar whether it walks the sort order or sorts what a filter matched', async () => {
  const memory = await WorkSearch.open(t.store, 'memory');
  const fandom = (
    await t.store.handle.db
      .selectFrom('tags')
      .select('name')
      .where('kind', '=', 'fandom')
      .orderBy('id')
      .executeTakeFirstOrThrow()
  ).name;
  const queries = [
    `include_fandom=${fandom}`,
    `include_fandom=${fandom}&sort=kudos&page=2`,
    `include_fandom=${fandom}&sort=title`,
    'include_rating=General Audiences&sort=creator&page=2',
    'exclude_warning=Major Character Death&crossovers=exclude&sort=words',
    'words_from=2000&language=en&complete=yes&sort=hits',
    'include_freeform=Fluff&sort=bookmarks',
  ];
  const { walkAtMost, sidebarFirst } = PgWorkIndex;
  let walked = 0;
  try {
    for (const query of queries) {
      const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
      for (const viewer of [null, memberId]) {
        const a = await memory.search(filters, viewer);
        // Sorting, with the kind of every tag looked up; walking, with the kinds of only the first forty.
        for (const way of [0, 1_000_000]) {
          PgWorkIndex.walkAtMost = way;
          PgWorkIndex.sidebarFirst = way ? 40 : 1_000_000;
          const b = await pg.search(filters, viewer);
          const where = `"${query}" (${way ? 'walking' : 'sorting'}, ${viewer === null ? 'guest' : 'member'})`;
          assert.equal(b.total, a.total, `${where}: total`);
          assert.deepEqual(
            b.works.map((w) => w.id),
            a.works.map((w) => w.id),
            `${where}: works and order`,
          );
          assert.deepEqual(b.facets, a.facets, `${where}: sidebar counts`);
        }
        if (a.works.length > 0) walked++;
      }
    }
  } finally {
    PgWorkIndex.walkAtMost = walkAtMost;
    PgWorkIndex.sidebarFirst = sidebarFirst;
  }
  assert.ok(walked >= 10, `most of these listings have works (${walked} did)`);
});

it('keeps the counts of each fandom right when works move between fandoms and fandoms are wrangled', async () => {
  const count = async (name: string) => {
    const { filters } = parseWorkFilters(readWorkFilterForm({ include_fandom: name }));
    return (await pg.search(filters, null)).total;
  };
  await postWork(t.store, [pseudId], { title: 'Original' });
  const a = await postWork(t.store, [pseudId], { title: 'Moving', fandoms: 'Fandom North', freeforms: 'Travel' });
  await postWork(t.store, [pseudId], { title: 'Staying', fandoms: 'Fandom South, Fandom North' });
  await sameAsInMemory('after posting in new fandoms');
  assert.equal(await count('Fandom North'), 2);

  await t.store.works.update(a, validateWork(workInput({ title: 'Moving', fandoms: 'Fandom South' })));
  await sameAsInMemory('after moving a work to another fandom');
  assert.equal(await count('Fandom North'), 1);
  assert.equal(await count('Fandom South'), 2);

  // A meta fandom lists its subtags' works; a synonym's works file under its canonical fandom.
  for (const name of ['Fandom North', 'Fandom South', 'Original Work'])
    await t.store.tags.makeCanonical(await tagId(name));
  await t.store.tags.addParent(await tagId('Fandom South'), await tagId('Fandom North'));
  await sameAsInMemory('after making a fandom the meta tag of another');
  assert.equal(await count('Fandom North'), 2);
  await t.store.tags.removeParent(await tagId('Fandom South'), await tagId('Fandom North'));
  await sameAsInMemory('after taking a meta fandom away');
  assert.equal(await count('Fandom North'), 1);
  const original = await count('Original Work');
  await t.store.tags.makeSynonym(await tagId('Fandom South'), await tagId('Original Work'));
  await sameAsInMemory('after making a fandom a synonym');
  assert.equal(await count('Original Work'), original + 2, "the synonym's works are filed under its canonical fandom");
  await t.store.works.delete(a);
  await sameAsInMemory('after deleting a work of a fandom');
});
