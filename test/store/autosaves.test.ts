import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('autosave store', (dialect) => {
  let t: TestStore;
  let store: Store;
  let writer: number;
  let other: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    writer = (await store.users.create({ login: 'ink_writer', email: 'ink@example.org', passwordHash: 'h' })).id;
    other = (await store.users.create({ login: 'other_writer', email: 'other@example.org', passwordHash: 'h' })).id;
  });
  afterEach(() => t.dispose());

  it('keeps one copy per user and form, replacing it on every save, until it is discarded', async () => {
    const first = await store.autosaves.save(writer, '/works/new', {
      title: 'Low Tide',
      warnings: ['Graphic Depictions Of Violence', 'Major Character Death'],
    });
    const second = await store.autosaves.save(writer, '/works/new', {
      title: 'Low Tide, Again',
      body: 'A line\n\nand “another”.',
    });
    assert.ok(second >= first);
    await store.autosaves.save(other, '/works/new', { title: 'Someone Else’s' });

    const kept = await store.autosaves.find(writer, '/works/new');
    assert.deepEqual(kept, {
      formKey: '/works/new',
      payload: { title: 'Low Tide, Again', body: 'A line\n\nand “another”.' },
      savedAt: second,
    });
    assert.equal((await store.autosaves.find(other, '/works/new'))?.payload.title, 'Someone Else’s');
    assert.equal(await store.autosaves.find(writer, '/works/1/edit'), undefined);

    await store.autosaves.discard(writer, '/works/new');
    assert.equal(await store.autosaves.find(writer, '/works/new'), undefined);
    assert.ok(await store.autosaves.find(other, '/works/new'), 'another writer’s copy stays');
  });

  it('hands a pending form, once, to whoever logs in with its token, as their autosave', async () => {
    await store.autosaves.save(writer, '/works/3/edit', { title: 'Older text' });
    const { token, expiresAt } = await store.autosaves.keepPending('/works/3/edit', {
      title: 'Sent while logged out',
      complete: '1',
    });
    assert.ok(expiresAt > new Date(Date.now() + 23 * 3_600_000).toISOString(), 'kept for a day');

    assert.equal(await store.autosaves.claimPending('not-the-token', writer), undefined);
    assert.equal(await store.autosaves.claimPending(token, writer), '/works/3/edit');
    assert.deepEqual((await store.autosaves.find(writer, '/works/3/edit'))?.payload, {
      title: 'Sent while logged out',
      complete: '1',
    });
    assert.equal(
      await store.autosaves.claimPending(token, other),
      undefined,
      'a pending form is handed over only once',
    );
    assert.equal(await store.autosaves.find(other, '/works/3/edit'), undefined);
  });

  it('does not hand over or keep pending forms past their day', async () => {
    const { token: stale } = await store.autosaves.keepPending('/works/new', { title: 'Stale' });
    await store.autosaves.keepPending('/works/new', { title: 'Forgotten' });
    const { token: fresh } = await store.autosaves.keepPending('/works/new', { title: 'Fresh' });
    const past = new Date(Date.now() - 1000).toISOString();
    await store.handle.db
      .updateTable('pending_forms')
      .set({ expires_at: past })
      .where('payload', 'not like', '%Fresh%')
      .execute();

    assert.equal(await store.autosaves.claimPending(stale, writer), undefined);
    assert.equal(await store.autosaves.find(writer, '/works/new'), undefined);
    await store.autosaves.keepPending('/works/new', { title: 'Later' });
    const left = await store.handle.db.selectFrom('pending_forms').select('payload').execute();
    assert.deepEqual(
      left.map((r) => JSON.parse(r.payload).title).sort(),
      ['Fresh', 'Later'],
      'keeping a form purges the expired ones',
    );
    assert.equal(await store.autosaves.claimPending(fresh, writer), '/works/new');
    assert.equal((await store.autosaves.find(writer, '/works/new'))?.payload.title, 'Fresh');
  });

  it('deletes a user’s autosaves with their account', async () => {
    await store.autosaves.save(writer, '/works/new', { title: 'Gone with me' });
    await store.users.delete(writer);
    const rows = await store.handle.db.selectFrom('autosaves').selectAll().execute();
    assert.equal(rows.length, 0);
  });
});
