import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork, workInput } from '../support/works.ts';
import { validateWork } from '../../src/domain/works.ts';
import type { Store } from '../../src/store/index.ts';

// The page's surroundings read in one statement on PostgreSQL: the same as each read on its own.
describeEachDatabase('work surroundings', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
    writer = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  });
  afterEach(() => t.dispose());

  const collectionFields = (title: string) => ({
    title,
    description: '',
    rules: '',
    faq: '',
    parentId: null,
    open: true,
    moderated: false,
    unrevealed: false,
    anonymous: false,
    revealWorksAt: null,
    revealCreatorsAt: null,
  });

  it('reads a work series, inbound relations and collections as the separate reads do', async () => {
    const post = (title: string, series: string | number) =>
      store.works.create({
        fields: validateWork(workInput({ title })),
        chapter: chapterContent(),
        creatorPseudIds: [writer.pseudId],
        series: { userId: writer.userId, choice: typeof series === 'string' ? { title: series } : { id: series } },
      });
    const first = await post('Part One', 'Lamplight');
    const seriesId = (await store.series.listForUser(writer.userId))[0].id;
    const work = await post('Part Two', seriesId);
    await post('Part Three', seriesId);
    const fan = await postWork(store, [writer.pseudId], { title: 'Remix' });
    await store.handle.db
      .insertInto('related_works')
      .values({ work_id: fan, target_work_id: work, relation: 'inspired_by', url: '', title: '', position: 0 })
      .execute();
    for (const title of ['b Harbour', 'A Lantern']) {
      const id = await store.collections.create(title.replace(/\W/g, '_'), collectionFields(title), writer);
      const collection = (await store.collections.find(id))!;
      await store.collections.addWork(collection, work, {
        collectionApproval: 'approved',
        creatorApproval: title === 'A Lantern' ? 'approved' : 'pending',
        addedBy: writer.userId,
      });
    }

    const rows = await store.workSurroundings.of(work);
    assert.deepEqual(await store.series.placesFrom(work, rows.series), await store.series.placesOf(work));
    assert.deepEqual((await store.series.placesOf(work))[0].workIds.slice(0, 2), [first, work]);
    assert.deepEqual(rows.inbound, await store.workLinks.inboundTo(work));
    assert.deepEqual(rows.inbound, [{ relation: 'inspired_by', workId: fan }]);
    assert.deepEqual(rows.collectionItems, await store.collections.itemsOfWork(work));
    assert.deepEqual(
      rows.collectionItems.map((i) => [i.collection.title, i.creatorApproval, i.unrevealed]),
      [
        ['A Lantern', 'approved', false],
        ['b Harbour', 'pending', false],
      ],
    );
    assert.deepEqual(rows.prompts, await store.promptMemes.promptsOfWork(work));

    const alone = await store.workSurroundings.of(fan);
    assert.deepEqual(alone, { series: [], inbound: [], collectionItems: [], prompts: [] });
  });

  it('reads a page: its chapters, kudos, comments and a member own state as the separate reads do', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Two Tides' });
    const second = await store.works.addChapter(work, chapterContent('Second. The tide came in.'), false);
    const [first] = await store.works.chaptersOf(work);
    const reader = await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' });
    const readerPseud = (await store.pseuds.listForUser(reader.id))[0].id;
    const notice = { title: 'Two Tides', creatorUserIds: [writer.userId] };
    const comment = (chapterId: number, body: string, passage?: { paragraph: number; text: string; quote: null }) =>
      store.comments.post(
        {
          workId: work,
          chapterId,
          parentId: null,
          userId: reader.id,
          pseudId: readerPseud,
          guestName: null,
          guestEmail: null,
          body,
          status: 'published',
          addressKey: null,
          passage,
        },
        notice,
      );
    await comment(first.id, '<p>On the first.</p>');
    const anchored = await comment(second, '<p>On the second.</p>', { paragraph: 1, text: 'Second.', quote: null });
    await store.comments.setHiddenByModerators((await comment(second, '<p>Hidden.</p>')).id, { reason: 'spam' });
    await store.kudos.leave(work, { userId: reader.id }, [writer.userId]);
    await store.kudos.leaveAsGuests([
      {
        workId: work,
        createdAt: (await store.works.find(work))!.createdAt,
        guestKey: 'guest-a',
        creatorUserIds: [writer.userId],
        at: new Date().toISOString(),
      },
    ]);
    await store.subscriptions.subscribe(reader.id, 'work', work);
    const bookmarkId = await store.bookmarks.save(
      reader.id,
      { kind: 'work', id: work },
      { pseudId: readerPseud, notes: '', tags: [], private: false, rec: false },
    );
    await store.readings.record(reader.id, work, second);
    await store.readings.savePosition(reader.id, work, second, 1);
    await store.readings.markForLater(reader.id, work, true);
    await store.blocks.block(writer.userId, reader.id);

    const ask = {
      workId: work,
      chapters: second,
      commentsOfChapter: second,
      passageChapterIds: [second],
      kudosNamesShown: 5,
      kudosLeftBy: { userId: reader.id },
      member: { userId: reader.id, subscription: true, position: true, blockersAmong: [writer.userId] },
    };
    const page = await store.workSurroundings.page(ask);
    assert.deepEqual(page.surroundings, await store.workSurroundings.of(work));
    assert.deepEqual(page.chapters, [await store.works.chapter(work, second)]);
    assert.deepEqual(page.kudos, await store.kudos.listFor(work, 5));
    assert.deepEqual(page.kudos, { memberLogins: ['reader'], memberCount: 1, guestCount: 1 });
    assert.equal(page.kudosLeft, true);
    assert.deepEqual(page.comments, await store.comments.listForWork(work, second));
    assert.deepEqual(
      page.comments.map((c) => [c.body, c.hidden !== null]),
      [
        ['<p>On the second.</p>', false],
        ['<p>Hidden.</p>', true],
      ],
    );
    assert.deepEqual(page.passageCounts, await store.comments.passageCounts([second]));
    assert.deepEqual(page.passageCounts, [{ chapterId: second, paragraph: 1, count: 1 }]);
    assert.equal(anchored.passage?.paragraph, 1);
    assert.deepEqual(page.member, {
      subscribed: true,
      bookmarkId,
      position: await store.readings.positionOf(reader.id, work),
      keepsHistory: true,
      markedForLater: true,
      pseuds: await store.pseuds.listForUser(reader.id),
      blockedBy: [writer.userId],
    });
    assert.equal(page.member?.pseuds[0].name, 'reader');
    assert.equal(page.member?.position?.chapterId, second);

    // The whole work, for a guest who left nothing and a member who asks for nothing of their own.
    const whole = await store.workSurroundings.page({
      ...ask,
      chapters: 'all',
      commentsOfChapter: undefined,
      passageChapterIds: [],
      kudosLeftBy: { guestKey: 'guest-b' },
      member: undefined,
    });
    assert.deepEqual(whole.chapters, await store.works.chaptersOf(work));
    assert.deepEqual(whole.comments, await store.comments.listForWork(work));
    assert.equal(whole.comments.length, 3);
    assert.deepEqual(whole.passageCounts, []);
    assert.equal(whole.kudosLeft, false);
    assert.equal(whole.member, undefined);
    const stranger = await store.workSurroundings.page({
      ...ask,
      kudosLeftBy: undefined,
      member: { userId: writer.userId, subscription: false, position: false, blockersAmong: [] },
    });
    assert.equal(stranger.kudosLeft, undefined);
    assert.deepEqual(stranger.member, {
      subscribed: undefined,
      bookmarkId: null,
      position: undefined,
      keepsHistory: true,
      markedForLater: false,
      pseuds: await store.pseuds.listForUser(writer.userId),
      blockedBy: [],
    });
  });
});
