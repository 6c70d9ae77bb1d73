import { it } from 'node:test';
import assert from 'node:assert/strict';
import { MemoryIndex, type IndexedWork } from '../../src/search/memory-index.ts';
import { SORT_KEYS, type IndexQuery } from '../../src/search/work-index.ts';
import { random } from '../../src/corpus/generate.ts';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'the', 'a'];

function works(n: number, seed: number): IndexedWork[] {
  const rand = random(seed);
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    visibility: rand() < 0.9 ? 0 : rand() < 0.5 ? 1 : 2,
    publishedAt: Date.UTC(2020, 0, 1) + Math.floor(rand() * 50) * 1000,
    updatedAt: Date.UTC(2021, 0, 1) + Math.floor(rand() * 3000) * 500,
    complete: rand() < 0.5,
    chapters: 1 + Math.floor(rand() * 3),
    words: Math.floor(rand() * 100),
    hits: Math.floor(rand() * 20),
    kudos: Math.floor(rand() * 5),
    comments: Math.floor(rand() * 3),
    bookmarks: Math.floor(rand() * 2),
    language: rand() < 0.8 ? 'en' : 'fr',
    title: `${WORDS[Math.floor(rand() * WORDS.length)]} ${WORDS[Math.floor(rand() * WORDS.length)]}`,
    creator: WORDS[Math.floor(rand() * WORDS.length)],
    creatorUserIds: [1 + Math.floor(rand() * 5)],
    tagIds: [1 + Math.floor(rand() * 4), 10 + Math.floor(rand() * 20)],
    fandoms: 1,
  }));
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
    sort: 'updated',
    offset: 0,
    limit: 20,
    facetLimit: 0,
    ...overrides,
  };
}

/** The order every sort must give, computed the slow, obvious way. */
function reference(all: IndexedWork[], sort: string): number[] {
  const key = (w: IndexedWork): number | string =>
    ({
      creator: w.creator.toLowerCase(),
      title: w.title.toLowerCase(),
      posted: -w.publishedAt,
      updated: -w.updatedAt,
      best: -w.updatedAt,
      words: -w.words,
      hits: -w.hits,
      kudos: -w.kudos,
      comments: -w.comments,
      bookmarks: -w.bookmarks,
    })[sort]!;
  return all
    .filter((w) => w.visibility === 0)
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      return ka < kb ? -1 : ka > kb ? 1 : b.id - a.id;
    })
    .map((w) => w.id);
}

it('pages every sort exactly like a full sort, on shallow and deep pages, after changes too', () => {
  const all = works(6000, 3);
  const index = new MemoryIndex();
  for (const w of all) index.upsert(w);
  const check = () => {
    for (const sort of SORT_KEYS) {
      const expected = reference(all, sort);
      for (const [offset, limit] of [
        [0, 20],
        [40, 20],
        [2500, 25],
        [expected.length - 7, 20],
      ]) {
        const got = index.query(query({ sort, offset, limit }));
        assert.equal(got.total, expected.length);
        assert.deepEqual(got.workIds, expected.slice(offset, offset + limit), `${sort} at ${offset}`);
      }
    }
  };
  check();
  // Renamed and re-counted works, and new ones placed between ranked titles.
  const rand = random(9);
  for (let i = 0; i < 300; i++) {
    const w = all[Math.floor(rand() * all.length)];
    w.title = `${WORDS[Math.floor(rand() * WORDS.length)]} renamed ${i}`;
    w.kudos += 3;
    index.upsert(w);
  }
  for (const w of works(200, 11)) {
    const added = { ...w, id: all.length + 1 };
    all.push(added);
    index.upsert(added);
  }
  check();
});

it('counts the tags of the result set, most frequent first, and keeps counts right after retagging', () => {
  const index = new MemoryIndex();
  index.setTagKind(1, 'fandom');
  index.setTagKind(2, 'fandom');
  index.setTagKind(3, 'freeform');
  const base = works(3, 1).map((w) => ({ ...w, visibility: 0 as const }));
  index.upsert({ ...base[0], tagIds: [1, 3] });
  index.upsert({ ...base[1], tagIds: [1] });
  index.upsert({ ...base[2], tagIds: [2, 3] });
  assert.deepEqual(index.query(query({ facetLimit: 5 })).facets.fandom, [
    { tagId: 1, count: 2 },
    { tagId: 2, count: 1 },
  ]);
  index.upsert({ ...base[1], tagIds: [2, 3] });
  const facets = index.query(query({ facetLimit: 5 })).facets;
  assert.deepEqual(facets.fandom, [
    { tagId: 2, count: 2 },
    { tagId: 1, count: 1 },
  ]);
  assert.deepEqual(facets.freeform, [{ tagId: 3, count: 3 }]);
  assert.deepEqual(index.query(query({ includeTagIds: [2], excludeTagIds: [1], facetLimit: 5 })).total, 2);
  index.remove(base[2].id);
  assert.deepEqual(index.query(query({ includeTagIds: [2] })).workIds, [base[1].id]);
  // A work with more tags than fit in its row counts them all.
  const many = Array.from({ length: 22 }, (_, i) => 100 + i);
  for (const tagId of many) index.setTagKind(tagId, 'freeform');
  index.upsert({ ...base[0], tagIds: [1, 3, ...many] });
  const counted = index.query(query({ includeTagIds: [121], facetLimit: 30 })).facets.freeform;
  assert.equal(counted.length, 23);
  assert.ok(counted.every((f) => f.count === 1));
  index.upsert({ ...base[0], tagIds: [1] });
  assert.equal(index.query(query({ includeTagIds: [121] })).total, 0);
});

it('counts the sidebar of large results from the most used tags, and exactly like counting every tag', () => {
  const rand = random(5);
  const index = new MemoryIndex();
  const all = works(12_000, 7).map((w, i) => ({
    ...w,
    visibility: 0 as const,
    tagIds: [
      1 + (i % 3),
      10 + Math.floor(Math.pow(rand(), 2) * 40),
      ...(rand() < 0.3 ? [5000 + Math.floor(rand() * 3000)] : []),
    ],
  }));
  for (let t = 1; t < 8000; t++) index.setTagKind(t, t < 10 ? 'fandom' : 'freeform');
  for (const w of all) index.upsert(w);
  index.renumberTags();
  for (const includeTagIds of [[], [1], [2], [12]]) {
    const got = index.query(query({ includeTagIds, facetLimit: 10 })).facets.freeform;
    const counts = new Map<number, number>();
    for (const w of all)
      if (includeTagIds.every((t) => w.tagIds.includes(t)))
        for (const t of w.tagIds) if (t >= 10) counts.set(t, (counts.get(t) ?? 0) + 1);
    const expected = [...counts]
      .map(([tagId, count]) => ({ tagId, count }))
      .sort((a, b) => b.count - a.count || a.tagId - b.tagId)
      .slice(0, 10);
    assert.deepEqual(got, expected, `include ${includeTagIds}`);
  }
});

it('applies a text query together with a tag whose works are as many as the text matched, but others', () => {
  const index = new MemoryIndex();
  const all = works(4, 7).map((w, i) => ({ ...w, visibility: 0 as const, tagIds: i < 2 ? [1] : [2] }));
  for (const w of all) index.upsert(w);
  // Text matched works 1 and 3; tag 1 holds works 1 and 2: only work 1 has both.
  const result = index.query(query({ includeTagIds: [1], textMatches: { ids: [1, 3], ranks: [0, 0] }, sort: 'best' }));
  assert.deepEqual(result.workIds, [1]);
  assert.equal(result.total, 1);
});

it('a listing that matches nothing leaves no trace on the next one (exclusions, several included tags)', () => {
  const all = works(400, 7);
  const index = new MemoryIndex();
  for (const w of all) index.upsert(w);
  const visible = (ids: number[]) =>
    all.filter((w) => w.visibility === 0 && ids.every((id) => w.tagIds.includes(id))).length;
  assert.equal(
    index.query(query({ excludeTagIds: [1, 2], language: 'xx' }), Date.UTC(2030, 0, 1)).total,
    0,
    'no work is in that language',
  );
  assert.equal(
    index.query(query({ limit: 1 }), Date.UTC(2030, 0, 1)).total,
    visible([]),
    'the excluded tags of the empty listing do not stay excluded',
  );
  for (const [a, b] of [
    [1, 10],
    [2, 11],
    [3, 12],
  ]) {
    assert.equal(index.query(query({ includeTagIds: [a, b], limit: 1 }), Date.UTC(2030, 0, 1)).total, visible([a, b]));
  }
  assert.equal(
    index.query(query({ includeTagIds: [10], limit: 1 }), Date.UTC(2030, 0, 1)).total,
    visible([10]),
    'counted includes are cleared afterwards',
  );
});
