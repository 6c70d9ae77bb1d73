import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';
import { chapterReach } from '../../src/domain/work-stats.ts';

const MIGRATION = '0047_furthest_chapter_of_saved_places';

describeEachDatabase('migration 0047: furthest chapter of places saved before 666a426', (dialect) => {
  let t: TestStore;
  let store: Store;

  async function account(login: string) {
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
    return { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  }

  /** As ReadingStore.savePosition left a reading from 0034 until 666a426 (and fb01ebc): no furthest chapter. */
  const forgetFurthest = (userId: number, workId: number) =>
    store.handle.db
      .updateTable('readings')
      .set({ furthest_position: null })
      .where('user_id', '=', userId)
      .where('work_id', '=', workId)
      .execute();

  const readTo = async (userId: number, workId: number) => (await store.readings.progress(userId, [workId]))[0].readTo;

  async function reach(workId: number) {
    const [furthest, posted] = await Promise.all([
      store.workStats.furthestChapters(workId),
      store.workStats.postedChapterPositions(workId),
    ]);
    return chapterReach(furthest, posted).map(({ position, readers }) => ({ position, readers }));
  }

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
  });
  afterEach(() => t.dispose());

  it('counts a reader at the chapter they saved a place in, not one whose chapters were all deleted', async () => {
    const writer = await account('backfill_writer');
    const work = await postWork(store, [writer.pseudId], { title: 'Tidal Charts' }, 'One.');
    const first = (
      await store.handle.db.selectFrom('chapters').select('id').where('work_id', '=', work).executeTakeFirstOrThrow()
    ).id;
    const second = await store.works.addChapter(work, chapterContent('Two.'), false);
    await store.works.addChapter(work, chapterContent('Three.'), false);
    const fourth = await store.works.addChapter(work, chapterContent('Four.'), false);
    const [early, later, gone] = await Promise.all(['backfill_a', 'backfill_b', 'backfill_c'].map(account));

    // A place kept before any visit was recorded (the work just taken out of the history).
    await store.readings.savePosition(early.userId, work, second, 3);
    await forgetFurthest(early.userId, work);
    // A work marked for later, then a place kept in its fourth chapter, which moderators hid since.
    await store.readings.markForLater(later.userId, work, true);
    await store.readings.savePosition(later.userId, work, fourth, 5);
    await forgetFurthest(later.userId, work);
    await store.works.setChapterHiddenByModerators(work, fourth, { reason: 'Spam' });
    // A reader of the first chapter only, which is then deleted: they have read none of those left.
    await store.readings.record(gone.userId, work, first);
    await store.works.deleteChapter(work, first);

    assert.deepEqual(await reach(work), [
      { position: 1, readers: 0 },
      { position: 2, readers: 0 },
    ]);
    assert.deepEqual(await Promise.all([early, later, gone].map((r) => readTo(r.userId, work))), [0, 0, 0]);

    // The database as it was before the migration, then brought up to date.
    await sql`delete from kysely_migration where name = ${MIGRATION}`.execute(store.handle.db);
    assert.deepEqual(await store.migrate(), [MIGRATION]);

    // The second chapter is now the first; the fourth (now third, hidden) still counts its reader on the two shown.
    assert.deepEqual(await reach(work), [
      { position: 1, readers: 2 },
      { position: 2, readers: 1 },
    ]);
    // Their own blurbs count the chapters they read (0 reads "Updated since you read it"); the third reader still read none.
    assert.deepEqual(await Promise.all([early, later, gone].map((r) => readTo(r.userId, work))), [1, 2, 0]);
  });
});
