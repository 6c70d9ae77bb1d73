import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { chapterContent, postWork, workInput } from '../support/works.ts';
import { validateWork } from '../../src/domain/works.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config.ts';
import type { Store } from '../../src/store/index.ts';

/** A publication time as the form takes it: minutes from now, in UTC. */
function inMinutes(minutes: number): string {
  return new Date(Date.now() + minutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

describeEachDatabase('scheduled works and chapters are announced when they come out', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };
  let reader: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
    writer = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
    reader = (await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' })).id;
    await store.subscriptions.subscribe(reader, 'user', writer.userId);
  });
  afterEach(() => t.dispose());

  const messages = async () => (await store.inbox.list(reader, { limit: 50, offset: 0 })).notices.map((n) => n.message);
  const runJobs = () => createJobs(store, loadConfig({}, { smtpUrl: undefined })).runner.runDue();

  /**
   * The clock moves past `until`: everything scheduled up to then (works, chapters, jobs) is
   * moved to a moment ago, as if the time had come.
   */
  async function timePasses(until: string) {
    const cutoff = new Date(Date.parse(`${until.replace(' ', 'T')}:00Z`) + 1000).toISOString();
    const moment = new Date(Date.now() - 1000).toISOString();
    const past = (_iso: string) => moment;
    const db = store.handle.db;
    for (const w of await db
      .selectFrom('works')
      .select(['id', 'published_at'])
      .where('published_at', '<=', cutoff)
      .where('published_at', '>', new Date().toISOString())
      .execute()) {
      await db
        .updateTable('works')
        .set({ published_at: past(w.published_at!), revised_at: past(w.published_at!) })
        .where('id', '=', w.id)
        .execute();
    }
    for (const c of await db
      .selectFrom('chapters')
      .select(['id', 'published_at'])
      .where('published_at', '<=', cutoff)
      .where('published_at', '>', new Date().toISOString())
      .execute()) {
      await db
        .updateTable('chapters')
        .set({ published_at: past(c.published_at!) })
        .where('id', '=', c.id)
        .execute();
    }
    for (const j of await db
      .selectFrom('jobs')
      .select(['id', 'run_at'])
      .where('run_at', '<=', cutoff)
      .where('done_at', 'is', null)
      .execute()) {
      await db
        .updateTable('jobs')
        .set({ run_at: past(j.run_at) })
        .where('id', '=', j.id)
        .execute();
    }
  }

  it('a scheduled work tells its writer’s subscribers when it comes out, not when it is posted, and only once', async () => {
    const at = inMinutes(90);
    await postWork(store, [writer.pseudId], { title: 'Tomorrow’s Tide', publishAt: at });
    assert.deepEqual(await messages(), [], 'nothing at posting time');
    assert.equal(await runJobs(), 0, 'nothing is due yet');
    assert.deepEqual(await messages(), []);

    await timePasses(at);
    assert.equal(await runJobs(), 1);
    assert.deepEqual(await messages(), ['keeper posted a new work, Tomorrow’s Tide.']);
    assert.equal(await runJobs(), 0, 'the done job is not run again');
    await store.subscriptions.announceRelease((await store.works.list({ viewerId: null, limit: 1 })).works[0].id);
    assert.deepEqual(
      await messages(),
      ['keeper posted a new work, Tomorrow’s Tide.'],
      'announcing again tells nobody twice',
    );
  });

  it('a rescheduled work is announced at its new time; the old time announces nothing', async () => {
    const first = inMinutes(60);
    const workId = await postWork(store, [writer.pseudId], { title: 'Moved', publishAt: first });
    const later = inMinutes(240);
    await store.works.update(workId, validateWork(workInput({ title: 'Moved', publishAt: later })));
    await timePasses(first);
    assert.equal(await runJobs(), 1, 'the job for the old time runs');
    assert.deepEqual(await messages(), [], 'but the work is not out yet');
    const work = (await store.works.find(workId))!;
    assert.ok(
      work.chapters.every((c) => c.publishedAt === work.publishedAt),
      'its chapters moved with it',
    );

    await timePasses(later);
    assert.equal(await runJobs(), 1);
    assert.deepEqual(await messages(), ['keeper posted a new work, Moved.']);
  });

  it('a scheduled work made a draft, or deleted, before its time announces nothing', async () => {
    const at = inMinutes(30);
    const drafted = await postWork(store, [writer.pseudId], { title: 'Pulled Back', publishAt: at });
    await store.works.update(drafted, validateWork(workInput({ title: 'Pulled Back', visibility: 'draft' })));
    const deleted = await postWork(store, [writer.pseudId], { title: 'Gone', publishAt: at });
    await store.works.delete(deleted);
    await timePasses(at);
    await runJobs();
    assert.deepEqual(await messages(), []);
    assert.deepEqual(await store.jobs.pending(), [], 'their jobs are done, not retried');
  });

  it('chapters posted to a scheduled work come out with it: one new-work notice, no chapter notices', async () => {
    const at = inMinutes(45);
    const workId = await postWork(store, [writer.pseudId], {
      title: 'Serial',
      publishAt: at,
      expectedChapters: '3',
      complete: false,
    });
    await store.subscriptions.subscribe(reader, 'work', workId);
    await store.works.addChapter(workId, chapterContent('Two.'), false);
    await timePasses(at);
    await runJobs();
    assert.deepEqual(await messages(), ['keeper posted a new work, Serial.']);
    await store.works.addChapter(workId, chapterContent('Three.'), false);
    assert.deepEqual(
      await messages(),
      ['keeper posted chapter 3 of Serial.', 'keeper posted a new work, Serial.'],
      'later chapters are announced as they come',
    );
  });

  it('a chapter scheduled after its work is out tells the work’s subscribers when its time comes, once', async () => {
    const workId = await postWork(store, [writer.pseudId], { title: 'Weekly', publishAt: '2024-03-01' });
    await store.subscriptions.subscribe(reader, 'work', workId);
    const before = await messages();
    const at = inMinutes(120);
    const chapterId = await store.works.addChapter(
      workId,
      chapterContent('Next week.'),
      false,
      `${at.replace(' ', 'T')}:00.000Z`,
    );
    assert.deepEqual(await messages(), before, 'not yet');
    await timePasses(at);
    await runJobs();
    const notices = (await store.inbox.list(reader, { limit: 50, offset: 0 })).notices;
    assert.equal(notices[0].message, 'keeper posted chapter 2 of Weekly.');
    assert.equal(notices[0].chapterId, chapterId);
    await store.subscriptions.announceRelease(workId);
    assert.equal((await messages()).filter((m) => m.includes('chapter 2')).length, 1, 'once');
  });
});
