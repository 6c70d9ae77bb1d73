import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork } from '../support/works.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('merging works', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  let friend: { userId: number; pseudId: number };

  async function account(login: string) {
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
    return { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  }

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    writer = await account('keeper');
    friend = await account('friend');
  });
  afterEach(() => t.dispose());

  const db = () => store.handle.db;

  it('moves every chapter in the chosen order with its id, and carries the sequel’s title and notes onto its chapters', async () => {
    const opener = await postWork(
      store,
      [writer.pseudId],
      { title: 'Low Tide', summary: 'Part one.', endNotes: 'See you in part two.' },
      'The ferry came in.',
    );
    const openerSecond = await store.works.addChapter(
      opener,
      { ...chapterContent('The storm took the pier.'), title: 'Storm Season' },
      false,
    );
    const sequel = await postWork(
      store,
      [writer.pseudId],
      {
        title: 'High Water',
        summary: 'Spring came late.',
        notes: 'For the exchange.',
        endNotes: 'Thanks for reading!',
      },
      'Spring came late to the harbour.',
    );
    const before = (await store.works.find(sequel))!;

    const plan = await store.merges.merge(writer.userId, [opener, sequel]);
    assert.equal(plan.remaining.id, opener);

    const merged = (await store.works.find(opener))!;
    assert.equal(merged.title, 'Low Tide');
    assert.equal(merged.summary, 'Part one.');
    assert.equal(merged.endNotes, '');
    assert.deepEqual(
      merged.chapters.map((c) => [c.position, c.title]),
      [
        [1, ''],
        [2, 'Storm Season'],
        [3, 'High Water'],
      ],
    );
    assert.deepEqual(
      merged.chapters.map((c) => c.id),
      [(await store.works.chaptersOf(opener))[0].id, openerSecond, before.chapters[0].id],
    );
    assert.equal(merged.chapterCount, 3);
    assert.equal(merged.wordCount, 4 + 5 + 6);

    const [, second, third] = await store.works.chaptersOf(opener);
    assert.equal(second.endNotes, 'See you in part two.', "the remaining work's end notes close its own part");
    assert.equal(third.summary, 'Spring came late.');
    assert.equal(third.notes, 'For the exchange.');
    assert.equal(third.endNotes, 'Thanks for reading!');
    assert.equal(await store.works.find(sequel), undefined);
  });

  it('unites tags and rating, sums counters and keeps the earliest publication and latest update', async () => {
    const a = await postWork(store, [writer.pseudId], {
      freeforms: 'Storms, Found Family',
      categories: ['Gen'],
      publishAt: '2020-01-01',
    });
    const b = await postWork(store, [writer.pseudId], {
      rating: 'Mature',
      warnings: ['Major Character Death'],
      categories: ['F/F'],
      freeforms: 'found family, Grief',
      complete: false,
      expectedChapters: '?',
      publishAt: '2021-06-01',
    });
    await db()
      .updateTable('works')
      .set({ hits: 100, kudos_count: 10, bookmark_count: 2 })
      .where('id', '=', a)
      .execute();
    await db().updateTable('works').set({ hits: 50, kudos_count: 5, bookmark_count: 3 }).where('id', '=', b).execute();

    await store.merges.merge(writer.userId, [a, b]);
    const merged = (await store.works.find(a))!;
    assert.deepEqual(
      merged.tags.map((tag) => `${tag.kind}:${tag.name}`),
      [
        'rating:Mature',
        'warning:Major Character Death',
        'category:F/F',
        'category:Gen',
        'fandom:Original Work',
        'character:Keeper',
        'character:Stranger',
        'freeform:Storms',
        'freeform:Found Family',
        'freeform:Grief',
      ],
    );
    assert.equal(merged.rating, 'Mature');
    assert.equal(merged.complete, false);
    assert.equal(merged.expectedChapters, null);
    // Kudos, comments and bookmarks are recounted from their rows (none here: the counters above were set by hand).
    assert.deepEqual([merged.hits, merged.kudosCount, merged.commentCount, merged.bookmarkCount], [150, 0, 0, 0]);
    assert.equal(merged.publishedAt, '2020-01-01T00:00:00.000Z');
    assert.equal(merged.revisedAt, '2021-06-01T00:00:00.000Z');
    assert.equal(
      (await store.works.list({ viewerId: null, limit: 10, tagName: 'Grief' })).works[0]?.id,
      a,
      'the merged work is found under the tags it took in',
    );
  });

  it('moves creators, credits and relations, retargeting links to the merged-away work and dropping self-links', async () => {
    const second = await store.pseuds.create(writer.userId, { name: 'Second Pen', description: '' });
    const a = await postWork(store, [writer.pseudId, friend.pseudId], { title: 'A' });
    const b = await postWork(store, [second.id, writer.pseudId], { title: 'B' });
    const other = await postWork(store, [friend.pseudId], { title: 'Elsewhere' });
    await db()
      .updateTable('creatorships')
      .set({ accepted: 0 })
      .where('work_id', '=', a)
      .where('pseud_id', '=', friend.pseudId)
      .execute();
    await db()
      .insertInto('work_credits')
      .values([
        { work_id: a, role: 'gift', position: 0, pseud_id: friend.pseudId, name: 'friend' },
        { work_id: b, role: 'gift', position: 0, pseud_id: friend.pseudId, name: 'friend' },
        { work_id: b, role: 'beta', position: 0, pseud_id: null, name: 'Sam' },
      ])
      .execute();
    await db()
      .insertInto('related_works')
      .values([
        { work_id: b, relation: 'sequel-of', position: 0, target_work_id: a, url: '', title: '' },
        {
          work_id: b,
          relation: 'inspired-by',
          position: 1,
          target_work_id: null,
          url: 'https://example.org/prompt',
          title: 'The prompt',
        },
        { work_id: other, relation: 'inspired-by', position: 0, target_work_id: b, url: '', title: '' },
      ])
      .execute();

    await store.merges.merge(writer.userId, [a, b]);
    const merged = (await store.works.find(a))!;
    assert.deepEqual(
      merged.creators.map((c) => [c.name, c.accepted]),
      [
        ['keeper', true],
        ['friend', false],
        ['Second Pen', true],
      ],
    );
    const credits = await db().selectFrom('work_credits').select(['work_id', 'role', 'name']).orderBy('role').execute();
    assert.deepEqual(credits, [
      { work_id: a, role: 'beta', name: 'Sam' },
      { work_id: a, role: 'gift', name: 'friend' },
    ]);
    const relations = await db()
      .selectFrom('related_works')
      .select(['work_id', 'relation', 'target_work_id', 'url'])
      .orderBy('work_id')
      .execute();
    assert.deepEqual(relations, [
      { work_id: a, relation: 'inspired-by', target_work_id: null, url: 'https://example.org/prompt' },
      { work_id: other, relation: 'inspired-by', target_work_id: a, url: '' },
    ]);
  });

  it("keeps readers' history and Mark for later of a merged-away work on the remaining work", async () => {
    const opener = await postWork(store, [writer.pseudId], { title: 'Low Tide' }, 'The ferry came in.');
    const sequel = await postWork(store, [writer.pseudId], { title: 'High Water' }, 'Spring came late.');
    const both = await account('both_reader');
    await store.readings.markForLater(friend.userId, sequel, true);
    await store.readings.record(both.userId, opener, null);
    await store.readings.record(both.userId, sequel, null);

    await store.merges.merge(writer.userId, [opener, sequel]);

    const friendHistory = await store.readings.list(friend.userId, { limit: 10, offset: 0 });
    assert.deepEqual(
      friendHistory.readings.map((r) => [r.workId, r.markedForLater]),
      [[opener, true]],
    );
    const bothHistory = await store.readings.list(both.userId, { limit: 10, offset: 0 });
    assert.deepEqual(
      bothHistory.readings.map((r) => r.workId),
      [opener],
    );
  });

  it("moves the furthest chapter each reader of a merged-away work reached to that chapter's place in the merged work", async () => {
    const opener = await postWork(store, [writer.pseudId], { title: 'Low Tide' }, 'The ferry came in.');
    await store.works.addChapter(opener, chapterContent('The storm took the pier.'), false);
    const sequel = await postWork(store, [writer.pseudId], { title: 'High Water' }, 'Spring came late.');
    const sequelSecond = await store.works.addChapter(sequel, chapterContent('The river rose.'), false);
    const reader = await account('sequel_reader');
    await store.readings.record(reader.userId, sequel, sequelSecond); // the sequel's chapter 2
    await store.readings.record(friend.userId, opener, (await store.works.find(opener))!.chapters[0].id);

    await store.merges.merge(writer.userId, [opener, sequel]);

    // The sequel's chapter 2 is the merged work's chapter 4: not the opener's chapter 2.
    const furthest = (await store.workStats.furthestChapters(opener)).sort((x, y) => x.position - y.position);
    assert.deepEqual(furthest, [
      { position: 1, readers: 1 },
      { position: 4, readers: 1 },
    ]);
  });

  it('counts a reader of both works at the furthest chapter they reached in the merged work', async () => {
    const opener = await postWork(store, [writer.pseudId], { title: 'Low Tide' }, 'The ferry came in.');
    const openerSecond = await store.works.addChapter(opener, chapterContent('The storm took the pier.'), false);
    const sequel = await postWork(store, [writer.pseudId], { title: 'High Water' }, 'Spring came late.');
    const sequelSecond = await store.works.addChapter(sequel, chapterContent('The river rose.'), false);
    const both = await account('both_reader');
    await store.readings.record(both.userId, opener, (await store.works.find(opener))!.chapters[0].id);
    await store.readings.record(both.userId, sequel, sequelSecond);
    await store.readings.record(friend.userId, opener, openerSecond);

    await store.merges.merge(writer.userId, [opener, sequel]);

    // The sequel's chapter 2, now chapter 4, is the furthest the first reader got: not the opener's chapter 1.
    const furthest = (await store.workStats.furthestChapters(opener)).sort((x, y) => x.position - y.position);
    assert.deepEqual(furthest, [
      { position: 2, readers: 1 },
      { position: 4, readers: 1 },
    ]);
  });

  it('takes the place of a merged-away work in a series, and keeps its own', async () => {
    const a = await postWork(store, [writer.pseudId], { title: 'A' });
    const b = await postWork(store, [writer.pseudId], { title: 'B' });
    const c = await postWork(store, [writer.pseudId], { title: 'C' });
    const both = await store.series.create(writer.userId, { title: 'Both', summary: '', notes: '', complete: false });
    const onlyB = await store.series.create(writer.userId, {
      title: 'Only B',
      summary: '',
      notes: '',
      complete: false,
    });
    for (const id of [b, c, a]) await store.series.addWork(both, id);
    for (const id of [c, b]) await store.series.addWork(onlyB, id);

    await store.merges.merge(writer.userId, [a, b]);
    assert.deepEqual((await store.series.find(both))!.workIds, [c, a]);
    assert.deepEqual((await store.series.find(onlyB))!.workIds, [c, a]);
    assert.deepEqual(
      (await store.series.placesOf(a)).map((p) => [p.title, p.position]),
      [
        ['Both', 2],
        ['Only B', 2],
      ],
    );
  });

  it('leaves one redirect row per merged-away work, repointed after a second merge so there are no chains', async () => {
    const a = await postWork(store, [writer.pseudId], { title: 'A' });
    const b = await postWork(store, [writer.pseudId], { title: 'B' });
    const c = await postWork(store, [writer.pseudId], { title: 'C' });
    const d = await postWork(store, [writer.pseudId], { title: 'D' });
    const openingOfA = (await store.works.find(a))!.chapters[0].id;
    await store.merges.merge(writer.userId, [b, a]);
    assert.deepEqual(await store.merges.redirectFor(a), { workId: b, chapterId: openingOfA });
    await store.merges.merge(writer.userId, [d, b, c]);

    const rows = await db()
      .selectFrom('work_redirects')
      .select(['old_work_id', 'work_id'])
      .orderBy('old_work_id')
      .execute();
    assert.deepEqual(rows, [
      { old_work_id: a, work_id: d },
      { old_work_id: b, work_id: d },
      { old_work_id: c, work_id: d },
    ]);
    for (const old of [a, b, c]) assert.equal((await store.merges.redirectFor(old))?.workId, d);
    assert.equal((await store.merges.redirectFor(a))?.chapterId, openingOfA, 'still the chapter where A began');
    assert.equal(await store.merges.redirectFor(d), undefined, 'a live work is never redirected');
    assert.deepEqual(
      (await store.works.find(d))!.chapters.map((ch) => ch.title),
      ['', 'B', 'A', 'C'],
    );
  });

  it("refuses someone else's work, and a merge over the tag limit changes nothing", async () => {
    const mine = await postWork(store, [writer.pseudId], { title: 'Mine' });
    const theirs = await postWork(store, [friend.pseudId], { title: 'Theirs' });
    await assert.rejects(
      store.merges.merge(writer.userId, [mine, theirs]),
      (error) => error instanceof ValidationError && /your own works/.test(error.message),
    );

    const tags = (from: number) => Array.from({ length: 40 }, (_, i) => `Tag ${from + i}`).join(', ');
    const a = await postWork(store, [writer.pseudId], { title: 'A', characters: '', freeforms: tags(0) });
    const b = await postWork(store, [writer.pseudId], { title: 'B', characters: '', freeforms: tags(40) });
    await store.series.addWork(
      await store.series.create(writer.userId, { title: 'S', summary: '', notes: '', complete: false }),
      b,
    );
    const snapshot = async () => ({
      works: await db().selectFrom('works').selectAll().orderBy('id').execute(),
      chapters: await db().selectFrom('chapters').selectAll().orderBy('id').execute(),
      taggings: await db().selectFrom('taggings').selectAll().orderBy('work_id').orderBy('tag_id').execute(),
      creatorships: await db().selectFrom('creatorships').selectAll().orderBy('work_id').orderBy('pseud_id').execute(),
      series: await db().selectFrom('series_works').selectAll().execute(),
      redirects: await db().selectFrom('work_redirects').selectAll().execute(),
    });
    const before = await snapshot();
    await assert.rejects(
      store.merges.merge(writer.userId, [a, b]),
      (error) => error instanceof ValidationError && /at most 75/.test(error.message),
    );
    assert.deepEqual(await snapshot(), before);
  });

  it('undoes everything when a merge fails after it began writing', async () => {
    const a = await postWork(store, [writer.pseudId], { title: 'A' });
    const b = await postWork(store, [writer.pseudId], { title: 'B', summary: 'Carried.' });
    // A stray redirect row for b makes the last write of the merge fail, after chapters, tags and counters moved.
    await db()
      .insertInto('work_redirects')
      .values({ old_work_id: b, work_id: a, created_at: new Date().toISOString() })
      .execute();
    const snapshot = async () => ({
      works: await db().selectFrom('works').selectAll().orderBy('id').execute(),
      chapters: await db().selectFrom('chapters').selectAll().orderBy('id').execute(),
      taggings: await db().selectFrom('taggings').selectAll().orderBy('work_id').orderBy('tag_id').execute(),
      redirects: await db().selectFrom('work_redirects').selectAll().execute(),
    });
    const before = await snapshot();
    await assert.rejects(store.merges.merge(writer.userId, [a, b]));
    assert.deepEqual(await snapshot(), before);
  });
});
