import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import type { Store } from '../../src/store/index.ts';

async function rejectsWith(promise: Promise<unknown>, field: string, pattern: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof ValidationError, `expected a ValidationError, got ${String(error)}`);
    assert.match(error.fieldErrors[field] ?? '', pattern);
    return true;
  });
}

describeEachDatabase('account store', (dialect) => {
  let t: TestStore;
  let store: Store;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
  });
  afterEach(() => t.dispose());

  it('creates an account with a default pseud named after the username', async () => {
    const user = await store.users.create({ login: 'Moonlit_Quill', email: 'Quill@Example.org', passwordHash: 'h' });
    assert.equal(user.login, 'Moonlit_Quill');
    assert.equal(user.email, 'quill@example.org');
    const pseuds = await store.pseuds.listForUser(user.id);
    assert.deepEqual(
      pseuds.map((p) => [p.name, p.isDefault]),
      [['Moonlit_Quill', true]],
    );
    assert.equal(
      (await store.users.findByLogin('moonlit_quill'))?.id,
      user.id,
      'usernames match without regard to case',
    );
    assert.equal((await store.users.findByLoginOrEmail('QUILL@example.org'))?.id, user.id);
    assert.equal((await store.users.findByLoginOrEmail('Moonlit_Quill'))?.id, user.id);
  });

  it('refuses a username or email that is taken, in any case', async () => {
    await store.users.create({ login: 'taken_name', email: 'one@example.org', passwordHash: 'h' });
    await rejectsWith(
      store.users.create({ login: 'TAKEN_name', email: 'two@example.org', passwordHash: 'h' }),
      'login',
      /already taken/,
    );
    await rejectsWith(
      store.users.create({ login: 'other_name', email: 'ONE@example.org', passwordHash: 'h' }),
      'email',
      /already exists/,
    );
    assert.equal(await store.users.count(), 1);
  });

  it('lets the database decide between two sign-ups racing for one name', async () => {
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) =>
        store.users.create({ login: 'racer', email: `racer${i}@example.org`, passwordHash: 'h' }),
      ),
    );
    assert.equal(attempts.filter((a) => a.status === 'fulfilled').length, 1);
    for (const attempt of attempts)
      if (attempt.status === 'rejected') assert.ok(attempt.reason instanceof ValidationError, String(attempt.reason));
    assert.equal(await store.users.count(), 1);
    assert.equal((await store.pseuds.search('racer')).length, 1, 'no orphaned pseud from a failed sign-up');
  });

  it('changes email and password, refusing an email another account has', async () => {
    const a = await store.users.create({ login: 'alpha', email: 'a@example.org', passwordHash: 'h1' });
    await store.users.create({ login: 'beta', email: 'b@example.org', passwordHash: 'h2' });
    await store.users.setEmail(a.id, 'New@Example.org');
    assert.equal((await store.users.findById(a.id))?.email, 'new@example.org');
    await rejectsWith(store.users.setEmail(a.id, 'b@example.org'), 'email', /already exists/);
    await store.users.setPasswordHash(a.id, 'h3');
    assert.equal((await store.users.findById(a.id))?.passwordHash, 'h3');
  });

  it('adds, renames, re-defaults and deletes pseuds', async () => {
    const user = await store.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    const ember = await store.pseuds.create(user.id, { name: 'Ember', description: 'Short things.' });
    await rejectsWith(store.pseuds.create(user.id, { name: 'EMBER', description: '' }), 'name', /already have/);
    const renamed = await store.pseuds.update(ember, { name: 'Ember Glow', description: 'Shorter things.' });
    assert.equal((await store.pseuds.findByName(user.id, 'ember glow'))?.description, 'Shorter things.');

    const original = (await store.pseuds.findByName(user.id, 'writer'))!;
    await rejectsWith(store.pseuds.delete(original), 'pseud', /default pseud cannot be deleted/);
    await store.pseuds.makeDefault(renamed);
    const after = await store.pseuds.listForUser(user.id);
    assert.deepEqual(
      after.map((p) => [p.name, p.isDefault]),
      [
        ['Ember Glow', true],
        ['writer', false],
      ],
    );
    await store.pseuds.delete((await store.pseuds.findByName(user.id, 'writer'))!);
    assert.deepEqual(
      (await store.pseuds.listForUser(user.id)).map((p) => p.name),
      ['Ember Glow'],
    );
  });

  it('allows two accounts the same pseud name', async () => {
    const a = await store.users.create({ login: 'aaa', email: 'a@example.org', passwordHash: 'h' });
    const b = await store.users.create({ login: 'bbb', email: 'b@example.org', passwordHash: 'h' });
    await store.pseuds.create(a.id, { name: 'Lantern', description: '' });
    await store.pseuds.create(b.id, { name: 'Lantern', description: '' });
    assert.deepEqual((await store.pseuds.search('lantern')).map((p) => p.login).sort(), ['aaa', 'bbb']);
  });

  it('finds pseuds by name or login, prefix matches first, and treats % and _ literally', async () => {
    const a = await store.users.create({ login: 'harbor_keeper', email: 'a@example.org', passwordHash: 'h' });
    await store.pseuds.create(a.id, { name: 'Quiet Harbor', description: '' });
    await store.users.create({ login: 'harbinger', email: 'b@example.org', passwordHash: 'h' });
    assert.deepEqual(
      (await store.pseuds.search('harb')).map((p) => p.name),
      ['harbinger', 'harbor_keeper', 'Quiet Harbor'],
    );
    assert.deepEqual(await store.pseuds.search('%'), []);
    assert.deepEqual(
      (await store.pseuds.search('r_k')).map((p) => p.name),
      ['harbor_keeper', 'Quiet Harbor'],
      'both pseuds of the account harbor_keeper',
    );
    assert.deepEqual(await store.pseuds.search('orphan'), [], 'the orphan account is not a person to find');
  });

  it('starts, resumes and ends sessions, storing only a hash of the token', async () => {
    const user = await store.users.create({ login: 'sessiony', email: 's@example.org', passwordHash: 'h' });
    const { token } = await store.sessions.start(user.id, false);
    assert.equal((await store.sessions.resume(token))?.userId, user.id);
    const rows = await store.handle.db.selectFrom('sessions').select('id').execute();
    assert.equal(
      rows.some((r) => r.id === token),
      false,
    );
    await store.sessions.end(token);
    assert.equal(await store.sessions.resume(token), undefined);
  });

  it('expires sessions and purges them', async () => {
    const user = await store.users.create({ login: 'expiring', email: 'e@example.org', passwordHash: 'h' });
    const { token } = await store.sessions.start(user.id, true);
    await store.handle.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    assert.equal(await store.sessions.resume(token), undefined);
    await store.sessions.start(user.id, false);
    await store.handle.db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).execute();
    assert.equal(await store.sessions.purgeExpired(), 1);
  });

  it('ends the other sessions of an account and keeps this one', async () => {
    const user = await store.users.create({ login: 'multi', email: 'm@example.org', passwordHash: 'h' });
    const here = await store.sessions.start(user.id, false);
    await store.sessions.start(user.id, true);
    await store.sessions.start(user.id, false);
    await store.sessions.endOthers(user.id, here.token);
    assert.equal(await store.sessions.countForUser(user.id), 1);
    assert.ok(await store.sessions.resume(here.token));
  });

  it('deletes an account with its pseuds and sessions, never the orphan account', async () => {
    const user = await store.users.create({ login: 'leaving', email: 'l@example.org', passwordHash: 'h' });
    await store.pseuds.create(user.id, { name: 'Goodbye', description: '' });
    await store.sessions.start(user.id, true);
    await store.users.delete(user.id);
    assert.equal(await store.users.findById(user.id), undefined);
    assert.deepEqual(await store.pseuds.listForUser(user.id), []);
    assert.equal(await store.sessions.countForUser(user.id), 0);
    const orphan = (await store.users.findByLogin('orphan_account'))!;
    await store.users.delete(orphan.id);
    assert.ok(await store.users.findById(orphan.id));
  });

  it('migrates twice without change and keeps one cookie secret', async () => {
    const secret = await store.settings.get('cookie_secret');
    assert.ok(secret && secret.length >= 32);
    assert.deepEqual(await store.migrate(), []);
    assert.equal(await store.settings.get('cookie_secret'), secret);
  });
});
