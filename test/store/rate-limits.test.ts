import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';

describeEachDatabase('rate-limit counters', (dialect) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore(dialect);
  });
  afterEach(() => t.dispose());

  it('counts every hit once, even when many arrive at the same moment', async () => {
    const counts = await Promise.all(
      Array.from({ length: 40 }, () => t.store.rateLimits.hit('login:10.0.0.1', 60_000)),
    );
    assert.deepEqual(
      counts.map((c) => c.count).sort((a, b) => a - b),
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    const peeked = await t.store.rateLimits.peek('login:10.0.0.1');
    assert.equal(peeked?.count, 40);
    assert.equal((await t.store.rateLimits.hit('login:10.0.0.2', 60_000)).count, 1, 'another key counts on its own');
  });

  it('starts a key again at 1 once its window has ended, keeping the window’s end while it runs', async () => {
    const start = 1_000_000;
    const first = await t.store.rateLimits.hit('k', 1_000, start);
    assert.deepEqual(first, { count: 1, resetsAt: start + 1_000 });
    assert.deepEqual(await t.store.rateLimits.hit('k', 1_000, start + 999), { count: 2, resetsAt: start + 1_000 });
    assert.deepEqual(await t.store.rateLimits.hit('k', 1_000, start + 1_000), { count: 1, resetsAt: start + 2_000 });
    assert.equal(await t.store.rateLimits.peek('k', start + 2_000), undefined, 'an ended window reads as nothing');
  });

  it('forgets ended windows when pruned, and keeps running ones', async () => {
    const now = Date.now();
    await t.store.rateLimits.hit('old', 1_000, now - 5_000);
    await t.store.rateLimits.hit('new', 60_000, now);
    assert.equal(await t.store.rateLimits.prune(now), 1);
    assert.equal((await t.store.rateLimits.peek('new', now))?.count, 1);
    assert.equal((await t.store.rateLimits.hit('old', 1_000, now)).count, 1);
  });

  it('keeps a key longer than the column as its hash, still counted apart from its neighbours', async () => {
    const long = `login-name:${'a'.repeat(1_000)}`;
    assert.equal((await t.store.rateLimits.hit(long, 60_000)).count, 1);
    assert.equal((await t.store.rateLimits.hit(long, 60_000)).count, 2);
    assert.equal((await t.store.rateLimits.hit(`${long}b`, 60_000)).count, 1);
  });
});
