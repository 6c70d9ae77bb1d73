import { it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIndex, type IndexedWork } from '../../src/search/memory-index.ts';
import type { IndexQuery } from '../../src/search/work-index.ts';
import { random } from '../../src/corpus/generate.ts';

const T0 = Date.UTC(2024, 0, 1);

function work(id: number, rand: () => number): IndexedWork {
  return {
    id,
    visibility: rand() < 0.85 ? 0 : rand() < 0.5 ? 1 : 2,
    // Some works are scheduled: they appear while the test's clock moves on.
    publishedAt: T0 + Math.floor(rand() * 40) * 1000,
    updatedAt: T0 + Math.floor(rand() * 100) * 1000,
    complete: rand() < 0.5,
    chapters: 1 + Math.floor(rand() * 3),
    words: Math.floor(rand() * 100),
    hits: Math.floor(rand() * 20),
    kudos: Math.floor(rand() * 5),
    comments: Math.floor(rand() * 3),
    bookmarks: Math.floor(rand() * 2),
    language: rand() < 0.8 ? 'en' : 'fr',
    title: `t${id}`,
    creator: 'c',
    creatorUserIds: [1 + Math.floor(rand() * 5)],
    tagIds: [1 + Math.floor(rand() * 4), 10 + Math.floor(rand() * 15), 40 + Math.floor(rand() * 30)],
    fandoms: rand() < 0.1 ? 2 : 1,
  };
}

/** Tags 1–4 are ratings, 10–24 fandoms, 40–69 freeforms (so the sidebar counts them). */
function kinds(index: MemoryIndex): MemoryIndex {
  for (let t = 1; t < 70; t++) index.setTagKind(t, t < 10 ? 'rating' : t < 40 ? 'fandom' : 'freeform');
  return index;
}

function query(overrides: Partial<IndexQuery>): IndexQuery {
  return {
    member: false,
    includeTagIds: [],
    excludeTagIds: [],
    crossovers: 'include',
    singleChapter: false,
    ranges: {},
    mutedTagIds: [],
    mutedUserIds: [],
    sort: 'kudos',
    offset: 0,
    limit: 15,
    facetLimit: 5,
    ...overrides,
  };
}

const QUERIES: IndexQuery[] = [
  query({}),
  query({ member: true, sort: 'updated' }),
  query({ includeTagIds: [2] }),
  query({ includeTagIds: [3, 12], excludeTagIds: [45], complete: true }),
  query({ ranges: { kudos: { min: 3 } } }),
  query({ ranges: { hits: { max: 5 } }, includeTagIds: [1] }),
  query({ singleChapter: true }),
  query({ crossovers: 'only', sort: 'hits' }),
  query({ language: 'fr', ranges: { words: { min: 20, max: 80 } } }),
];

it('answers from its cache exactly what a fresh index answers, through counter changes, retagging, deletions and scheduled publication', () => {
  const rand = random(11);
  const current = new Map<number, IndexedWork>();
  const index = kinds(new MemoryIndex());
  for (let id = 1; id <= 800; id++) {
    const w = work(id, rand);
    current.set(id, w);
    index.upsert(w);
  }
  let now = T0 + 5_000;
  let nextId = 801;
  for (let step = 0; step < 100; step++) {
    // Ask every query (twice: the second is answered from the cache) and compare with a fresh index.
    const fresh = kinds(new MemoryIndex());
    for (const w of [...current.values()].sort((a, b) => a.id - b.id)) fresh.upsert(w);
    for (const q of QUERIES) {
      const expected = fresh.query(q, now);
      assert.deepEqual(index.query(q, now), expected, `step ${step}: ${JSON.stringify(q)}`);
      assert.deepEqual(
        index.query({ ...q, offset: 5 }, now),
        fresh.query({ ...q, offset: 5 }, now),
        `step ${step}, second page`,
      );
    }
    // Then change the archive the ways readers and writers do.
    const roll = rand();
    const ids = [...current.keys()];
    const id = ids[Math.floor(rand() * ids.length)];
    const w = current.get(id)!;
    let changed: IndexedWork | undefined;
    if (roll < 0.3) changed = { ...w, hits: w.hits + 1 + Math.floor(rand() * 10) };
    else if (roll < 0.45) changed = { ...w, kudos: w.kudos + 1, bookmarks: w.bookmarks + (rand() < 0.5 ? 1 : 0) };
    else if (roll < 0.55) changed = { ...w, tagIds: [1 + Math.floor(rand() * 4), 10 + Math.floor(rand() * 15)] };
    else if (roll < 0.62) changed = { ...w, complete: !w.complete, chapters: w.chapters + 1, words: w.words + 7 };
    else if (roll < 0.68) changed = { ...w, creatorUserIds: [9] };
    else if (roll < 0.74) changed = { ...w, visibility: w.visibility === 0 ? 2 : 0 };
    else if (roll < 0.8) changed = work(nextId++, rand);
    else if (roll < 0.85) {
      current.delete(id);
      index.remove(id);
    } else now += 3000 + Math.floor(rand() * 5000);
    if (changed) {
      current.set(changed.id, changed);
      index.upsert(changed);
    }
  }
  assert.ok(now > T0 + 40_000, 'the clock passed every scheduled publication');
});

it('keeps a cached result while only counters change that its filters do not look at', () => {
  const rand = random(5);
  const index = new MemoryIndex();
  const all = Array.from({ length: 300 }, (_, i) => work(i + 1, rand));
  for (const w of all) index.upsert(w);
  const now = T0 + 100_000;
  const q = query({ sort: 'hits', facetLimit: 3 });
  const before = index.query(q, now);
  const bumped = all.find((w) => w.visibility === 0)!;
  index.upsert({ ...bumped, hits: 1_000_000 });
  // Sorted by hits, the bumped work comes first: the page is picked afresh from the kept matches.
  const after = index.query(q, now);
  assert.equal(after.workIds[0], bumped.id);
  assert.equal(after.total, before.total);
  assert.deepEqual(after.facets, before.facets);
  // A filter on hits does see the change.
  const ranged = query({ ranges: { hits: { max: 100 } } });
  const n = index.query(ranged, now).total;
  index.upsert({ ...bumped, hits: 5 });
  assert.equal(index.query(ranged, now).total, n + 1);
});

it('sorts text matches by their best rank and checks them against a tag list of the same length', () => {
  const index = new MemoryIndex();
  const base = work(1, random(1));
  for (let id = 1; id <= 6; id++)
    index.upsert({ ...base, id, visibility: 0, publishedAt: T0, tagIds: id <= 3 ? [1] : [2] });
  // Three matches, as many as the works tagged 1, but not the same works; work 5 appears twice.
  const textMatches = { ids: [2, 5, 6, 5], ranks: [-1, -0.5, -3, -4] };
  const got = index.query(query({ sort: 'best', textMatches, includeTagIds: [2], facetLimit: 0 }), T0 + 1);
  assert.deepEqual(got.workIds, [5, 6]);
  assert.equal(got.total, 2);
  const tagged1 = index.query(query({ sort: 'best', textMatches, includeTagIds: [1], facetLimit: 0 }), T0 + 1);
  assert.deepEqual(tagged1.workIds, [2]);
  // Without ranks (another sort was asked), relevance falls back to the newest update.
  const unranked = index.query(query({ sort: 'best', textMatches: { ids: [2, 5, 6] }, facetLimit: 0 }), T0 + 1);
  assert.deepEqual(unranked.workIds.sort(), [2, 5, 6]);
});
