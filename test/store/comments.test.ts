import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';
import type { NewComment } from '../../src/store/comments.ts';

describeEachDatabase('comments in the store', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  let reader: { userId: number; pseudId: number };

  async function account(login: string) {
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
    return { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  }
  const notice = { title: 'Work', creatorUserIds: [] as number[] };
  function newComment(
    workId: number,
    chapterId: number | null,
    body: string,
    overrides: Partial<NewComment> = {},
  ): NewComment {
    return {
      workId,
      chapterId,
      parentId: null,
      userId: reader.userId,
      pseudId: reader.pseudId,
      guestName: null,
      guestEmail: null,
      body,
      status: 'published',
      addressKey: null,
      ...overrides,
    };
  }

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    writer = await account('keeper');
    reader = await account('reader');
    notice.creatorUserIds = [writer.userId];
  });
  afterEach(() => t.dispose());

  it('keeps comments, their chapters and threads when works merge, and recounts from the rows', async () => {
    const a = await postWork(store, [writer.pseudId], { title: 'A' });
    const b = await postWork(store, [writer.pseudId], { title: 'B' });
    const [chapterB] = await store.works.chaptersOf(b);
    await store.comments.post(newComment(a, null, '<p>On A</p>'), notice);
    const top = await store.comments.post(newComment(b, chapterB.id, '<p>On B</p>'), notice);
    const reply = await store.comments.post(
      newComment(b, chapterB.id, '<p>Reply on B</p>', { parentId: top.id }),
      notice,
    );
    await store.comments.post(newComment(b, chapterB.id, '<p>Held on B</p>', { status: 'held' }), notice);
    const hidden = await store.comments.post(newComment(b, chapterB.id, '<p>Hidden on B</p>'), notice);
    await store.comments.setHidden(hidden.id, true);
    // A counter gone wrong by hand must not survive the merge.
    await store.handle.db.updateTable('works').set({ comment_count: 99 }).where('id', '=', b).execute();

    await store.merges.merge(writer.userId, [a, b]);
    const merged = (await store.works.find(a))!;
    assert.equal(merged.commentCount, 3, 'published, not deleted comments of both works');
    const comments = await store.comments.listForWork(a);
    assert.deepEqual(
      comments.map((c) => c.body),
      ['<p>On A</p>', '<p>On B</p>', '<p>Reply on B</p>', '<p>Held on B</p>', '<p>Hidden on B</p>'],
    );
    const movedReply = comments.find((c) => c.id === reply.id)!;
    assert.equal(movedReply.chapterId, chapterB.id, 'the comment keeps its chapter');
    assert.equal(movedReply.parentId, top.id);
    assert.equal(await store.comments.countForChapter(chapterB.id), 2);
  });

  it('counts only published, not deleted comments through every change', async () => {
    const w = await postWork(store, [writer.pseudId], {});
    const count = async () => (await store.works.find(w))!.commentCount;
    const one = await store.comments.post(newComment(w, null, '<p>1</p>'), notice);
    const held = await store.comments.post(newComment(w, null, '<p>2</p>', { status: 'held' }), notice);
    assert.equal(await count(), 1);
    await store.comments.approve(held.id, notice);
    await store.comments.approve(held.id, notice);
    assert.equal(await count(), 2, 'approving twice counts once');
    await store.comments.setHidden(one.id, true);
    await store.comments.setHidden(one.id, true);
    assert.equal(await count(), 1);
    await store.comments.delete(one.id);
    assert.equal(await count(), 1, 'deleting a hidden comment changes nothing');
    await store.comments.delete(held.id);
    await store.comments.delete(held.id);
    assert.equal(await count(), 0);
    assert.deepEqual(await store.comments.listForWork(w), [], 'comments without replies are gone');
  });
});
