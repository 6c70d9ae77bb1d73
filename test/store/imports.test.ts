import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { NotFoundError } from '../../src/domain/errors.ts';

describeEachDatabase('imports in progress', (dialect) => {
  let t: TestStore;
  let writer: number;
  let other: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    writer = (await t.store.users.create({ login: 'writer', email: 'writer@example.org', passwordHash: 'x' })).id;
    other = (await t.store.users.create({ login: 'other', email: 'other@example.org', passwordHash: 'x' })).id;
  });
  afterEach(() => t.dispose());

  it('keeps an import for its writer only, with a revision that guards every change', async () => {
    const id = await t.store.imports.create(writer, 'The Keeper', { pieces: ['a', 'b'] });
    const found = await t.store.imports.find<{ pieces: string[] }>(writer, id);
    assert.deepEqual(found?.state, { pieces: ['a', 'b'] });
    assert.equal(found?.revision, 1);
    assert.equal(await t.store.imports.find(other, id), undefined);
    assert.deepEqual((await t.store.imports.listForUser(other)).length, 0);

    assert.equal(await t.store.imports.update(other, id, 1, 'Stolen', { pieces: [] }), undefined);
    assert.equal(await t.store.imports.update(writer, id, 1, 'The Keeper, Retold', { pieces: ['b', 'a'] }), 2);
    assert.equal(
      await t.store.imports.update(writer, id, 1, 'Stale', { pieces: [] }),
      undefined,
      'a change from an older page is refused',
    );
    const listed = await t.store.imports.listForUser(writer);
    assert.deepEqual(
      listed.map((i) => [i.title, i.revision]),
      [['The Keeper, Retold', 2]],
    );

    assert.equal(await t.store.imports.discard(other, id), false);
    assert.equal(await t.store.imports.discard(writer, id), true);
    assert.equal(await t.store.imports.find(writer, id), undefined);
  });

  it('is used up once, inside the transaction that posts its work', async () => {
    const id = await t.store.imports.create(writer, 'Once', {});
    await assert.rejects(
      t.store.handle.db.transaction().execute(async (tx) => {
        await t.store.imports.useUp(tx, writer, id, 1);
        throw new Error('posting failed');
      }),
      /posting failed/,
    );
    assert.ok(await t.store.imports.find(writer, id), 'a failed post leaves the import');
    await assert.rejects(
      t.store.handle.db.transaction().execute((tx) => t.store.imports.useUp(tx, other, id, 1)),
      NotFoundError,
    );
    await t.store.handle.db.transaction().execute((tx) => t.store.imports.useUp(tx, writer, id, 1));
    await assert.rejects(
      t.store.handle.db.transaction().execute((tx) => t.store.imports.useUp(tx, writer, id, 1)),
      NotFoundError,
    );
  });

  it('forgets imports a week after their last change', async () => {
    const old = await t.store.imports.create(writer, 'Old', {});
    const fresh = await t.store.imports.create(writer, 'Fresh', {});
    await t.store.handle.db
      .updateTable('imports')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', old)
      .execute();
    assert.equal(await t.store.imports.find(writer, old), undefined);
    assert.equal(await t.store.imports.update(writer, old, 1, 'Old', {}), undefined);
    assert.deepEqual(
      (await t.store.imports.listForUser(writer)).map((i) => i.title),
      ['Fresh'],
    );
    assert.equal(await t.store.imports.purgeExpired(), 1);
    const kept = await t.store.imports.find(writer, fresh);
    const days = (Date.parse(kept!.expiresAt) - Date.now()) / 86_400_000;
    assert.ok(days > 6.9 && days <= 7, `expires in ${days} days`);
  });
});
