import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork } from '../support/works.ts';
import { NOTIFICATION_KINDS } from '../../src/store/notifications.ts';
import type { NotificationPreferences, Store } from '../../src/store/index.ts';

describeEachDatabase('subscriptions and the inbox store', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  let reader: number;
  let other: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
    writer = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
    reader = (await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' })).id;
    other = (await store.users.create({ login: 'other', email: 'o@example.org', passwordHash: 'h' })).id;
  });
  afterEach(() => t.dispose());

  const messages = async (userId: number) =>
    (await store.inbox.list(userId, { limit: 50, offset: 0 })).notices.map((n) => n.message);

  it('tells a work’s subscribers of a posted chapter, not of a draft one, and never the writer', async () => {
    const workId = await postWork(store, [writer.pseudId]);
    await store.subscriptions.subscribe(reader, 'work', workId);
    await store.subscriptions.subscribe(reader, 'work', workId);
    await store.subscriptions.subscribe(writer.userId, 'work', workId);
    await store.works.addChapter(workId, chapterContent('Draft text.'), true);
    assert.deepEqual(await messages(reader), []);
    const chapterId = await store.works.addChapter(workId, chapterContent('Chapter three.'), false);
    const { notices } = await store.inbox.list(reader, { limit: 50, offset: 0 });
    assert.equal(notices.length, 1);
    assert.equal(notices[0].message, 'keeper posted chapter 3 of The Lighthouse Keeper.');
    assert.equal(notices[0].chapterId, chapterId);
    assert.equal(await store.inbox.countUnread(reader), 1);
    assert.deepEqual(await messages(writer.userId), []);
    assert.deepEqual(await messages(other), []);
  });

  it('announces a draft chapter when it is posted, and nothing for a draft work', async () => {
    const draftWork = await postWork(store, [writer.pseudId], { visibility: 'draft' });
    await store.subscriptions.subscribe(reader, 'work', draftWork);
    await store.works.addChapter(draftWork, chapterContent(), false);
    assert.deepEqual(await messages(reader), []);

    const workId = await postWork(store, [writer.pseudId]);
    await store.subscriptions.subscribe(reader, 'work', workId);
    const chapterId = await store.works.addChapter(workId, chapterContent(), true);
    await store.works.updateChapter(workId, chapterId, chapterContent('Now posted.'), false);
    assert.deepEqual(await messages(reader), ['keeper posted chapter 2 of The Lighthouse Keeper.']);
  });

  it('tells a writer’s followers of a new work once, even when they also follow its series', async () => {
    await store.subscriptions.subscribe(reader, 'user', writer.userId);
    const seriesId = await store.series.create(writer.userId, {
      title: 'Harbour Cycle',
      summary: '',
      notes: '',
      complete: false,
    });
    await store.subscriptions.subscribe(reader, 'series', seriesId);
    await store.subscriptions.subscribe(other, 'series', seriesId);
    const workId = await postWork(store, [writer.pseudId], { title: 'Second Storm' });
    await store.series.addWork(seriesId, workId);
    assert.deepEqual(await messages(reader), ['keeper posted a new work, Second Storm.']);
    assert.deepEqual(await messages(other), ['keeper added Second Storm to the series Harbour Cycle.']);
    await postWork(store, [writer.pseudId], { title: 'Unseen', visibility: 'draft' });
    assert.equal((await messages(reader)).length, 1);
  });

  it('lists what a member follows, and forgets an unsubscribed target', async () => {
    const workId = await postWork(store, [writer.pseudId]);
    await store.subscriptions.subscribe(reader, 'work', workId);
    await store.subscriptions.subscribe(reader, 'user', writer.userId);
    assert.deepEqual((await store.subscriptions.listForUser(reader)).map((s) => `${s.kind}:${s.name}`).sort(), [
      'user:keeper',
      'work:The Lighthouse Keeper',
    ]);
    await store.subscriptions.unsubscribe(reader, 'work', workId);
    assert.equal(await store.subscriptions.isSubscribed(reader, 'work', workId), false);
    assert.deepEqual(
      (await store.subscriptions.listForUser(reader)).map((s) => s.kind),
      ['user'],
    );
  });

  it('marks read only the member’s own notices, and hides kinds turned off', async () => {
    const workId = await postWork(store, [writer.pseudId]);
    await store.subscriptions.subscribe(reader, 'work', workId);
    await store.works.addChapter(workId, chapterContent(), false);
    await store.works.addChapter(workId, chapterContent(), false);
    const { notices } = await store.inbox.list(reader, { limit: 1, offset: 0 });
    assert.equal(notices[0].message, 'keeper posted chapter 3 of The Lighthouse Keeper.');
    assert.equal(await store.inbox.markRead(other, notices[0].id), false);
    assert.equal(await store.inbox.countUnread(reader), 2);
    assert.equal(await store.inbox.markRead(reader, notices[0].id), true);
    assert.equal(await store.inbox.countUnread(reader), 1);
    await store.inbox.markAllRead(reader);
    assert.equal(await store.inbox.countUnread(reader), 0);

    const prefs = Object.fromEntries(
      NOTIFICATION_KINDS.map((k) => [k, { inbox: k !== 'new-chapter', email: false }]),
    ) as NotificationPreferences;
    await store.inbox.setPreferences(reader, prefs);
    assert.equal((await store.inbox.preferences(reader))['new-chapter'].inbox, false);
    assert.deepEqual(await messages(reader), []);
    await store.works.addChapter(workId, chapterContent(), false);
    assert.equal(await store.inbox.countUnread(reader), 0);
  });
});
