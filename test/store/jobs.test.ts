import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, TEST_DATABASE_URL, type TestStore } from '../support/databases.ts';
import { openStore } from '../../src/store/index.ts';
import { JobRunner, backoffMs } from '../../src/jobs/runner.ts';
import type { Job, Store } from '../../src/store/index.ts';

const past = (ms: number) => new Date(Date.now() - ms).toISOString();
const future = (ms: number) => new Date(Date.now() + ms).toISOString();

describeEachDatabase('the jobs table and its runner', (dialect) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
  });
  afterEach(() => t.dispose());

  it('gives a due job to exactly one of many claims made at once', async () => {
    const id = (await store.jobs.enqueue({ kind: 'echo', payload: { n: 1 } }))!;
    const claims = await Promise.all(Array.from({ length: 8 }, () => store.jobs.claimDue(['echo'])));
    const winners = claims.filter((c) => c.length === 1);
    assert.equal(winners.length, 1, 'one claim wins');
    assert.deepEqual(winners[0][0].payload, { n: 1 });
    assert.equal(winners[0][0].id, id);
    assert.deepEqual(
      await store.jobs.claimDue(['echo']),
      [],
      'a claimed job is not claimed again while its lock holds',
    );
  });

  it('two processes over the same database share the queue without running a job twice', async () => {
    // On PostgreSQL a second connection pool, as a second server process has; in-memory SQLite has one connection.
    const second =
      dialect === 'postgres'
        ? await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: store.handle.pgSchema })
        : undefined;
    const other = second ?? store;
    for (let n = 0; n < 20; n++) await store.jobs.enqueue({ kind: 'count', payload: { n } });
    const seen: number[] = [];
    const handler = async (job: Job) => {
      seen.push((job.payload as { n: number }).n);
    };
    const a = new JobRunner(store.jobs, { count: handler }, { batch: 3 });
    const b = new JobRunner(other.jobs, { count: handler }, { batch: 3 });
    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);
    await second?.close();
    assert.equal(ranA + ranB, 20);
    assert.deepEqual(
      [...seen].sort((x, y) => x - y),
      Array.from({ length: 20 }, (_, n) => n),
      'each job ran once',
    );
  });

  it('runs a due job once, marks it done, and never runs it again', async () => {
    const id = (await store.jobs.enqueue({ kind: 'echo', payload: { word: 'hello' } }))!;
    const later = (await store.jobs.enqueue({ kind: 'echo', payload: { word: 'later' }, runAt: future(60_000) }))!;
    const seen: unknown[] = [];
    const runner = new JobRunner(store.jobs, { echo: async (job) => void seen.push(job.payload) });
    assert.equal(await runner.runDue(), 1);
    assert.equal(await runner.runDue(), 0);
    assert.deepEqual(seen, [{ word: 'hello' }], 'the job for later waits for its time');
    const done = (await store.jobs.find(id))!;
    assert.ok(done.doneAt, 'marked done');
    assert.equal(done.attempts, 1);
    assert.equal(done.lockedUntil, null);
    assert.equal((await store.jobs.find(later))!.doneAt, null);
  });

  it('a failing job keeps its error and runs again after a backoff, then succeeds', async () => {
    const id = (await store.jobs.enqueue({ kind: 'flaky' }))!;
    let calls = 0;
    const runner = new JobRunner(store.jobs, {
      flaky: async () => {
        calls++;
        if (calls === 1) throw new Error('the mail server hung up');
      },
    });
    const before = Date.now();
    assert.equal(await runner.runDue(), 1);
    const failed = (await store.jobs.find(id))!;
    assert.equal(failed.doneAt, null, 'not done');
    assert.equal(failed.lastError, 'the mail server hung up');
    assert.equal(failed.lockedUntil, null, 'the claim is let go');
    assert.ok(Date.parse(failed.runAt) >= before + backoffMs(1), 'it waits before the next try');
    assert.equal(await runner.runDue(), 0, 'not before its time');

    // Its time comes.
    await store.handle.db
      .updateTable('jobs')
      .set({ run_at: past(1000) })
      .where('id', '=', id)
      .execute();
    assert.equal(await runner.runDue(), 1);
    const done = (await store.jobs.find(id))!;
    assert.ok(done.doneAt);
    assert.equal(done.attempts, 2);
    assert.equal(done.lastError, null);
    assert.equal(calls, 2);
  });

  it('sets a job aside as failed after its last attempt', async () => {
    const id = (await store.jobs.enqueue({ kind: 'broken' }))!;
    const runner = new JobRunner(
      store.jobs,
      { broken: async () => Promise.reject(new Error('always')) },
      { maxAttempts: 2 },
    );
    await runner.runDue();
    await store.handle.db
      .updateTable('jobs')
      .set({ run_at: past(1000) })
      .where('id', '=', id)
      .execute();
    await runner.runDue();
    const job = (await store.jobs.find(id))!;
    assert.ok(job.doneAt, 'no more tries');
    assert.equal(job.lastError, 'always');
    assert.equal(job.attempts, 2);
    assert.equal(await runner.runDue(), 0);
  });

  it('takes over a job whose claim expired (its process died), and leaves kinds it has no handler for', async () => {
    const id = (await store.jobs.enqueue({ kind: 'echo' }))!;
    await store.jobs.enqueue({ kind: 'someone-else' });
    const [claimed] = await store.jobs.claimDue(['echo'], { lockMs: 10 });
    assert.equal(claimed.id, id);
    const retaken = await store.jobs.claimDue(['echo'], { at: future(1000) });
    assert.equal(retaken.length, 1);
    assert.equal(retaken[0].attempts, 2);
    await store.jobs.complete(id);
    await store.jobs.enqueue({ kind: 'echo' });
    const runner = new JobRunner(store.jobs, { echo: async () => {} });
    assert.equal(await runner.runDue(), 1);
    assert.deepEqual(
      (await store.jobs.pending()).map((j) => j.kind),
      ['someone-else'],
    );
  });

  it('a unique key keeps one pending job, and frees the key once it is done', async () => {
    const first = await store.jobs.enqueue({ kind: 'digest', uniqueKey: 'digest:7' });
    assert.ok(first);
    assert.equal(await store.jobs.enqueue({ kind: 'digest', uniqueKey: 'digest:7' }), undefined);
    await new JobRunner(store.jobs, { digest: async () => {} }).runDue();
    assert.ok(await store.jobs.enqueue({ kind: 'digest', uniqueKey: 'digest:7' }), 'a new one may be queued after');
  });

  it('stop() waits for the pass under way', async () => {
    await store.jobs.enqueue({ kind: 'slow' });
    let finished = false;
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const runner = new JobRunner(store.jobs, {
      slow: async () => {
        started();
        await new Promise((resolve) => setImmediate(resolve));
        finished = true;
      },
    });
    runner.start();
    await running;
    await runner.stop();
    assert.ok(finished, 'the job finished before stop() returned');
    assert.ok((await store.jobs.pending()).length === 0);
  });
});
