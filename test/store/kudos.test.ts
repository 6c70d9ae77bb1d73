import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';

const guest = (n: number) => ({ guestKey: String(n).padStart(64, 'a') });

describeEachDatabase('kudos and hits', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: { userId: number; pseudId: number };

  async function account(login: string) {
    const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
    return { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
  }

  const counters = async (workId: number) => {
    const work = (await store.works.find(workId))!;
    return { kudos: work.kudosCount, hits: work.hits };
  };
  const rowCount = async (table: 'kudos' | 'work_hits', workId: number) =>
    Number(
      (
        await store.handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const inbox = (userId: number) =>
    store.handle.db
      .selectFrom('notifications')
      .select(['kind', 'message', 'work_id', 'read_at'])
      .where('user_id', '=', userId)
      .execute();

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    writer = await account('keeper');
  });
  afterEach(() => t.dispose());

  it('takes one kudos per member and per guest, and counts each once', async () => {
    const work = await postWork(store, [writer.pseudId], { title: 'Long Haul' });
    const alice = await account('alice');
    assert.equal(await store.kudos.leave(work, { userId: alice.userId }, [writer.userId]), true);
    assert.equal(
      await store.kudos.leave(work, { userId: alice.userId }, [writer.userId]),
      false,
      'a second kudos is refused',
    );
    assert.equal(await store.kudos.leave(work, guest(1), [writer.userId]), true);
    assert.equal(await store.kudos.leave(work, guest(1), [writer.userId]), false);
    assert.equal(await store.kudos.leave(work, guest(2), [writer.userId]), true);
    assert.deepEqual(await counters(work), { kudos: 3, hits: 0 });
    assert.equal(await store.kudos.hasLeft(work, { userId: alice.userId }), true);
    assert.equal(await store.kudos.hasLeft(work, guest(3)), false);
  });

  it('lists members newest first, cut at the limit, with how many members and guests there are', async () => {
    const work = await postWork(store, [writer.pseudId]);
    for (const login of ['alice', 'bob', 'carol']) {
      const reader = await account(login);
      await store.kudos.leave(work, { userId: reader.userId }, [writer.userId]);
      // Distinct timestamps, as real kudos have.
      await new Promise((resolve) => setTimeout(resolve, 3));
    }
    await store.kudos.leave(work, guest(1), [writer.userId]);
    assert.deepEqual(await store.kudos.listFor(work, 50), {
      memberLogins: ['carol', 'bob', 'alice'],
      memberCount: 3,
      guestCount: 1,
    });
    assert.deepEqual(await store.kudos.listFor(work, 2), {
      memberLogins: ['carol', 'bob'],
      memberCount: 3,
      guestCount: 1,
    });
  });

  it('tells each creator once a day, rewriting the notice as more kudos come', async () => {
    const friend = await account('friend');
    const work = await postWork(store, [writer.pseudId, friend.pseudId], { title: 'Long Haul' });
    const alice = await account('alice');
    await store.kudos.leave(work, { userId: alice.userId }, [writer.userId, friend.userId]);
    assert.deepEqual(
      (await inbox(writer.userId)).map((n) => n.message),
      ['alice left kudos on Long Haul'],
    );
    await store.handle.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).execute();
    await store.kudos.leave(work, guest(1), [writer.userId, friend.userId]);
    await store.kudos.leave(work, guest(2), [writer.userId, friend.userId]);
    for (const creator of [writer, friend]) {
      const notices = await inbox(creator.userId);
      assert.equal(notices.length, 1, 'one notice per creator per work per day');
      assert.equal(notices[0].kind, 'kudos');
      assert.equal(notices[0].work_id, work);
      assert.equal(notices[0].message, 'alice and 2 guests left kudos on Long Haul');
      assert.equal(notices[0].read_at, null, 'more kudos make the notice unread again');
    }
    assert.deepEqual(await inbox(alice.userId), []);
  });

  it('writes gathered guest kudos together: once per guest, counted, in the day’s figures and notices', async () => {
    const friend = await account('friend');
    const work = await postWork(store, [writer.pseudId, friend.pseudId], { title: 'Long Haul' });
    const other = await postWork(store, [writer.pseudId], { title: 'Short Hop' });
    const gone = await postWork(store, [writer.pseudId], { title: 'Gone' });
    const createdAt = async (id: number) => (await store.works.find(id))!.createdAt;
    const [workMade, otherMade, goneMade] = [await createdAt(work), await createdAt(other), await createdAt(gone)];
    const alice = await account('alice');
    await store.kudos.leave(work, { userId: alice.userId }, [writer.userId, friend.userId]);
    await store.kudos.leave(work, guest(1), [writer.userId, friend.userId]);
    await store.handle.db.updateTable('notifications').set({ read_at: new Date().toISOString() }).execute();
    await store.works.delete(gone);
    const at = new Date().toISOString();
    const pending = (workId: number, made: string, n: number, creators = [writer.userId]) => ({
      workId,
      createdAt: made,
      guestKey: guest(n).guestKey,
      creatorUserIds: creators,
      at,
    });
    const left = await store.kudos.leaveAsGuests([
      pending(work, workMade, 1, [writer.userId, friend.userId]), // already written: left out
      pending(work, workMade, 2, [writer.userId, friend.userId]),
      pending(work, workMade, 3, [writer.userId, friend.userId]),
      pending(other, otherMade, 2),
      pending(gone, goneMade, 4), // deleted meanwhile
      pending(other, '2001-01-01T00:00:00.000Z', 5), // a work made since under the same id
    ]);
    assert.equal(left, 3);
    assert.deepEqual(await counters(work), { kudos: 4, hits: 0 });
    assert.deepEqual(await counters(other), { kudos: 1, hits: 0 });
    assert.equal(await rowCount('kudos', work), 4);
    assert.equal(await rowCount('kudos', other), 1);
    assert.equal(await rowCount('kudos', gone), 0);
    const daily = await store.handle.db
      .selectFrom('work_stats_daily')
      .select(['work_id', 'kudos'])
      .where('work_id', 'in', [work, other])
      .orderBy('work_id')
      .execute();
    assert.deepEqual(
      daily.map((d) => [d.work_id, Number(d.kudos)]),
      [
        [work, 4],
        [other, 1],
      ],
    );
    for (const creator of [writer, friend]) {
      const notices = (await inbox(creator.userId)).filter((n) => n.work_id === work);
      assert.equal(notices.length, 1, 'one notice per creator per work per day');
      assert.equal(notices[0].message, 'alice and 3 guests left kudos on Long Haul');
      assert.equal(notices[0].read_at, null, 'unread again');
    }
    assert.deepEqual(
      (await inbox(writer.userId)).filter((n) => n.work_id === other).map((n) => n.message),
      ['1 guest left kudos on Short Hop'],
    );
    assert.deepEqual(
      (await inbox(friend.userId)).filter((n) => n.work_id === other),
      [],
      'only the creators of a work hear of it',
    );
    // The same batch again (a retry after a write whose answer was lost) changes nothing.
    assert.equal(await store.kudos.leaveAsGuests([pending(work, workMade, 2), pending(other, otherMade, 2)]), 0);
    assert.deepEqual(await counters(work), { kudos: 4, hits: 0 });
  });

  it('counts a hit once per visitor per work per day and forgets old days without losing the total', async () => {
    const work = await postWork(store, [writer.pseudId]);
    const other = await postWork(store, [writer.pseudId]);
    assert.equal(await store.kudos.recordHit(work, guest(1), '2025-03-01'), true);
    assert.equal(await store.kudos.recordHit(work, guest(1), '2025-03-01'), false);
    assert.equal(await store.kudos.recordHit(work, { userId: 7 }, '2025-03-01'), true);
    assert.equal(await store.kudos.recordHit(other, guest(1), '2025-03-01'), true);
    assert.deepEqual(await counters(work), { kudos: 0, hits: 2 });
    // Two days later the first process to count a hit forgets 1 March; yesterday is kept.
    await store.kudos.recordHit(work, guest(2), '2025-03-02');
    assert.equal(await rowCount('work_hits', work), 3);
    assert.equal(await store.kudos.recordHit(work, guest(1), '2025-03-03'), true);
    assert.equal(await rowCount('work_hits', work), 2, 'rows of 1 March are gone');
    assert.deepEqual(await counters(work), { kudos: 0, hits: 4 });
    const days = await store.handle.db.selectFrom('work_hits').select('day').distinct().orderBy('day').execute();
    assert.deepEqual(
      days.map((d) => d.day),
      ['2025-03-02', '2025-03-03'],
    );
  });

  it('keeps the address salt once made', async () => {
    const salt = await store.kudos.addressSalt();
    assert.ok(salt.length >= 32);
    assert.equal(await store.settings.get('visitor_address_salt'), salt);
  });

  it('moves kudos and hits with a merged work, one kudos per member and guest, and recounts', async () => {
    const a = await postWork(store, [writer.pseudId], { title: 'A' });
    const b = await postWork(store, [writer.pseudId], { title: 'B' });
    const alice = await account('alice');
    const bob = await account('bob');
    for (const work of [a, b]) {
      await store.kudos.leave(work, { userId: alice.userId }, []);
      await store.kudos.leave(work, guest(1), []);
      await store.kudos.recordHit(work, guest(1), '2025-03-03');
    }
    await store.kudos.leave(b, { userId: bob.userId }, []);
    await store.kudos.leave(b, guest(2), []);
    await store.kudos.recordHit(b, guest(2), '2025-03-03');
    assert.deepEqual(await counters(b), { kudos: 4, hits: 2 });

    await store.merges.merge(writer.userId, [a, b]);
    assert.deepEqual(await store.kudos.listFor(a, 50), {
      memberLogins: ['bob', 'alice'],
      memberCount: 2,
      guestCount: 2,
    });
    assert.equal(await rowCount('kudos', a), 4);
    const merged = await counters(a);
    assert.equal(merged.kudos, 4, 'alice and the first guest count once');
    assert.equal(merged.hits, 3, 'hits already counted stay counted');
    assert.equal(await rowCount('work_hits', a), 2, "one visitor's day on both works is one row");
  });
});
