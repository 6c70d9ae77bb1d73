import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';
import { addToDailyStats } from '../../src/store/work-stats.ts';
import { utcDay } from '../../src/domain/kudos.ts';

const guest = (n: number) => ({ guestKey: String(n).padStart(64, 'b') });

describeEachDatabase('writers’ daily figures', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };

  async function account(login: string) {
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
    return { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  }

  const rows = (workId: number) =>
    store.handle.db
      .selectFrom('work_stats_daily')
      .select(['day', 'hits', 'kudos', 'comments', 'bookmarks', 'subscriptions'])
      .where('work_id', '=', workId)
      .orderBy('day')
      .execute();

  /** The work's daily figures summed over every day, to compare with its counters. */
  async function summed(workId: number) {
    const sum = { hits: 0, kudos: 0, comments: 0, bookmarks: 0, subscriptions: 0 };
    for (const row of await rows(workId))
      for (const key of Object.keys(sum) as (keyof typeof sum)[]) sum[key] += Number(row[key]);
    return sum;
  }

  async function counters(workId: number) {
    const work = (await store.works.find(workId))!;
    const [row] = await store.workStats.worksOf(writer.userId).then((all) => all.filter((w) => w.workId === workId));
    return {
      hits: work.hits,
      kudos: work.kudosCount,
      comments: work.commentCount,
      bookmarks: work.bookmarkCount,
      subscriptions: row?.subscriptions ?? 0,
    };
  }

  const comment = (
    workId: number,
    userId: number | null,
    createdAt?: string,
    status: 'published' | 'held' = 'published',
  ) =>
    store.comments.post(
      {
        workId,
        chapterId: null,
        parentId: null,
        userId,
        pseudId: null,
        guestName: userId === null ? 'Guest' : null,
        guestEmail: null,
        body: '<p>Lovely.</p>',
        status,
        addressKey: null,
        ...(createdAt ? { createdAt } : {}),
      },
      { title: 'Work', creatorUserIds: [writer.userId] },
    );

  const bookmark = (userId: number, pseudId: number, workId: number, isPrivate = false) =>
    store.bookmarks.save(
      userId,
      { kind: 'work', id: workId },
      { notes: '', tags: [], private: isPrivate, rec: false, pseudId },
    );

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    writer = await account('keeper');
  });
  afterEach(() => t.dispose());

  it('writes each figure on its day in the same step as the counter, and the sums match the counters', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Tidewater' });
    const alice = await account('alice');
    const bob = await account('bob');
    await store.kudos.recordHit(work, guest(1), '2026-03-01');
    await store.kudos.recordHit(work, guest(2), '2026-03-01');
    await store.kudos.recordHit(work, guest(1), '2026-03-01'); // the same visitor, the same day: not counted
    await store.kudos.recordHit(work, guest(1), '2026-03-03');
    await store.kudos.leave(work, { userId: alice.userId }, [writer.userId], '2026-03-01T10:00:00.000Z');
    assert.equal(
      await store.kudos.leave(work, { userId: alice.userId }, [writer.userId], '2026-03-03T10:00:00.000Z'),
      false,
      'a repeated kudos is refused',
    );
    await store.kudos.leave(work, guest(2), [writer.userId], '2026-03-03T11:00:00.000Z');
    await comment(work, alice.userId, '2026-03-03T12:00:00.000Z');
    await comment(work, null, '2026-03-03T13:00:00.000Z', 'held'); // held: not counted until approved
    assert.deepEqual(
      (await rows(work)).map((r) => ({ ...r, hits: Number(r.hits), kudos: Number(r.kudos) })),
      [
        { day: '2026-03-01', hits: 2, kudos: 1, comments: 0, bookmarks: 0, subscriptions: 0 },
        { day: '2026-03-03', hits: 1, kudos: 1, comments: 1, bookmarks: 0, subscriptions: 0 },
      ],
    );

    await bookmark(alice.userId, alice.pseudId, work);
    await bookmark(bob.userId, bob.pseudId, work, true); // private: not in the work's count
    await store.subscriptions.subscribe(alice.userId, 'work', work);
    await store.subscriptions.subscribe(alice.userId, 'work', work); // again: nothing new
    await store.subscriptions.subscribe(bob.userId, 'work', work);
    await store.subscriptions.unsubscribe(bob.userId, 'work', work);
    await store.subscriptions.unsubscribe(bob.userId, 'work', work); // not subscribed any more: nothing
    const today = (await rows(work)).find((r) => r.day === utcDay())!;
    assert.equal(Number(today.bookmarks), 1);
    assert.equal(Number(today.subscriptions), 1);
    assert.deepEqual(await summed(work), await counters(work));
    assert.deepEqual(await counters(work), { hits: 3, kudos: 2, comments: 1, bookmarks: 1, subscriptions: 1 });

    assert.deepEqual(await store.workStats.daily([work], '2026-03-02'), [
      { day: '2026-03-03', hits: 1, kudos: 1, comments: 1, bookmarks: 0, subscriptions: 0 },
      { day: utcDay(), hits: 0, kudos: 0, comments: 0, bookmarks: 1, subscriptions: 1 },
    ]);
  });

  it('follows deletions, hiding and approval as the counters do', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Undertow' });
    const alice = await account('alice');
    const first = await comment(work, alice.userId);
    const second = await comment(work, alice.userId);
    const held = await comment(work, null, undefined, 'held');
    await store.comments.approve(held.id, { title: 'Undertow', creatorUserIds: [writer.userId] });
    await store.comments.setHidden(second.id, true);
    await store.comments.delete(first.id);
    const saved = await bookmark(alice.userId, alice.pseudId, work);
    await bookmark(alice.userId, alice.pseudId, work, true); // made private: out of the count
    assert.deepEqual(await summed(work), await counters(work));
    assert.equal((await counters(work)).comments, 1);
    assert.equal((await counters(work)).bookmarks, 0);
    await bookmark(alice.userId, alice.pseudId, work); // public again
    await store.bookmarks.remove(alice.userId, saved);
    assert.deepEqual(await summed(work), await counters(work));
  });

  it('writes nothing when the action is rolled back', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Slack Water' });
    await assert.rejects(
      store.handle.db.transaction().execute(async (tx) => {
        await addToDailyStats(tx, work, { hits: 1 }, '2026-03-01');
        await tx
          .updateTable('works')
          .set((eb) => ({ hits: eb('hits', '+', 1) }))
          .where('id', '=', work)
          .execute();
        throw new Error('the request failed');
      }),
      /the request failed/,
    );
    assert.deepEqual(await rows(work), []);
    assert.equal((await counters(work)).hits, 0);
    // A subscription that outlived its deleted work is dropped without a figure (and without failing).
    const alice = await account('alice');
    await store.subscriptions.subscribe(alice.userId, 'work', work);
    await store.works.delete(work);
    await store.subscriptions.unsubscribe(alice.userId, 'work', work);
    assert.deepEqual(await rows(work), [], 'the work’s figures went with it');
  });

  it('adds a merged work’s days into the remaining work', async () => {
    const a = await postWork(store, [writer.pseudId], { title: 'Part One' });
    const b = await postWork(store, [writer.pseudId], { title: 'Part Two' });
    const alice = await account('alice');
    await store.kudos.recordHit(a, guest(1), '2026-03-01');
    await store.kudos.recordHit(b, guest(2), '2026-03-01');
    await store.kudos.recordHit(b, guest(2), '2026-03-02');
    await store.kudos.leave(a, { userId: alice.userId }, [writer.userId], '2026-03-01T00:00:00.000Z');
    await store.kudos.leave(b, { userId: alice.userId }, [writer.userId], '2026-03-02T00:00:00.000Z');
    await store.merges.merge(writer.userId, [a, b]);
    assert.deepEqual(await rows(b), []);
    const merged = (await rows(a)).map((r) => ({ day: r.day, hits: Number(r.hits), kudos: Number(r.kudos) }));
    // Alice's second kudos was a repeat on the merged work: the counter drops it, today's figure says so.
    assert.deepEqual(merged, [
      { day: '2026-03-01', hits: 2, kudos: 1 },
      { day: '2026-03-02', hits: 1, kudos: 1 },
      { day: utcDay(), hits: 0, kudos: -1 },
    ]);
    const work = (await store.works.find(a))!;
    assert.equal(work.hits, 3);
    assert.equal(work.kudosCount, 1);
  });

  it('keeps the furthest chapter each member opened, counted per chapter without names', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Long Crossing' }, 'One.');
    const first = (await store.works.find(work))!;
    const chapterIds = [
      (
        await store.handle.db
          .selectFrom('chapters')
          .select('id')
          .where('work_id', '=', first.id)
          .executeTakeFirstOrThrow()
      ).id,
    ];
    for (const text of ['Two.', 'Three.', 'Four.'])
      chapterIds.push(await store.works.addChapter(work, chapterContent(text), false));
    const readers = await Promise.all(['r1', 'r2', 'r3', 'r4'].map(account));
    // r1 reads all four chapters, then goes back to the first; r2 reaches chapter 2; r3 opens chapter 1.
    for (const id of chapterIds) await store.readings.record(readers[0].userId, work, id);
    await store.readings.record(readers[0].userId, work, chapterIds[0], { keepChapter: true });
    await store.readings.record(readers[1].userId, work, chapterIds[0]);
    await store.readings.record(readers[1].userId, work, chapterIds[1]);
    await store.readings.record(readers[2].userId, work, chapterIds[0]);
    // r4 keeps no history: not recorded, not counted.
    await store.readings.setKeepsHistory(readers[3].userId, false);
    await store.readings.record(readers[3].userId, work, chapterIds[3]);
    const furthest = (await store.workStats.furthestChapters(work)).sort((x, y) => x.position - y.position);
    assert.deepEqual(furthest, [
      { position: 1, readers: 1 },
      { position: 2, readers: 1 },
      { position: 4, readers: 1 },
    ]);
  });

  it('counts the chapter of a place kept when no visit was recorded first, and the reader partway there', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Short Crossing' }, 'One.');
    const second = await store.works.addChapter(work, chapterContent('Two.'), false);
    await store.works.addChapter(work, chapterContent('Three.'), false);
    const reader = await account('r1');
    // The work was taken out of the history while its second chapter was open; reading on keeps the place.
    assert.equal(await store.readings.savePosition(reader.userId, work, second, 3), true);
    assert.deepEqual(await store.workStats.furthestChapters(work), [{ position: 2, readers: 1 }]);
    const [progress] = await store.readings.progress(reader.userId, [work]);
    assert.equal(progress.readTo, 2);
  });
});
