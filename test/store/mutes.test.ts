import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('muting and saved searches', (dialect) => {
  let t: TestStore;
  let store: Store;
  let reader: number;
  let writer: { userId: number; pseudId: number };
  let other: { userId: number; pseudId: number };
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    reader = (await store.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' })).id;
    for (const login of ['writer', 'other']) {
      const user = await store.users.create({ login, email: `${login}@example.org`, passwordHash: 'h' });
      const account = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
      if (login === 'writer') writer = account;
      else other = account;
    }
  });
  afterEach(() => t.dispose());

  async function tagId(name: string): Promise<number> {
    return (await store.tags.named(name))[0].id;
  }

  it('leaves works with a muted tag, its synonyms or subtags, and works by muted users out of lists, with right totals and full pages', async () => {
    for (let i = 0; i < 3; i++) await postWork(store, [writer.pseudId], { title: `Plain ${i}`, freeforms: 'Fluff' });
    await postWork(store, [writer.pseudId], { title: 'Canonical', freeforms: 'Major Character Death' });
    await postWork(store, [writer.pseudId], { title: 'Synonym', freeforms: 'MCD' });
    await postWork(store, [writer.pseudId], { title: 'Subtag', freeforms: 'Temporary Character Death' });
    await postWork(store, [other.pseudId], { title: 'By Other', freeforms: 'Fluff' });
    const mcd = await tagId('Major Character Death');
    await store.tags.makeCanonical(mcd);
    await store.tags.makeSynonym(await tagId('MCD'), mcd);
    const temporary = await tagId('Temporary Character Death');
    await store.tags.makeCanonical(temporary);
    await store.tags.addParent(temporary, mcd);

    await store.mutes.mute(reader, 'tag', mcd);
    await store.mutes.mute(reader, 'user', other.userId);
    await store.mutes.mute(reader, 'user', other.userId);
    const muted = await store.mutes.mutedFor(reader);
    assert.deepEqual(muted.userIds, [other.userId]);
    assert.equal(muted.tagIds.length, 3);

    const page1 = await store.works.list({ viewerId: reader, limit: 2, muted });
    assert.equal(page1.total, 3);
    assert.equal(page1.works.length, 2);
    const page2 = await store.works.list({ viewerId: reader, limit: 2, offset: 2, muted });
    assert.deepEqual(
      page2.works.map((w) => w.title),
      ['Plain 0'],
    );
    assert.equal((await store.works.list({ viewerId: null, limit: 20 })).total, 7, 'others still see everything');

    assert.deepEqual(
      (await store.mutes.mutedTags(reader)).map((tag) => tag.name),
      ['Major Character Death'],
    );
    assert.deepEqual(
      (await store.mutes.mutedUsers(reader)).map((user) => user.login),
      ['other'],
    );
    await store.mutes.unmute(reader, 'tag', mcd);
    assert.equal(
      (await store.works.list({ viewerId: reader, limit: 20, muted: await store.mutes.mutedFor(reader) })).total,
      6,
    );
    assert.deepEqual(await store.mutes.mutedFor(null), { tagIds: [], userIds: [] });
  });

  it("keeps saved searches per user with a feed token each, and deletes only the owner's", async () => {
    const first = await store.savedSearches.create(
      reader,
      'Long Drarry',
      'tag=Draco+Malfoy%2FHarry+Potter&words_from=50000',
    );
    const second = await store.savedSearches.create(reader, 'Fluff', 'q=fluff');
    assert.notEqual(first.feedToken, second.feedToken);
    assert.ok(first.feedToken.length >= 32);
    assert.deepEqual((await store.savedSearches.listFor(reader)).map((s) => s.name).sort(), ['Fluff', 'Long Drarry']);
    assert.equal((await store.savedSearches.byFeedToken(first.feedToken))?.userId, reader);
    assert.equal(await store.savedSearches.delete(writer.userId, first.id), false);
    assert.equal(await store.savedSearches.delete(reader, first.id), true);
    assert.deepEqual(
      (await store.savedSearches.listFor(reader)).map((s) => s.name),
      ['Fluff'],
    );
  });

  it('grants and revokes roles', async () => {
    assert.equal(await store.roles.has(reader, 'wrangler'), false);
    assert.equal(await store.roles.grant(reader, 'wrangler'), true);
    assert.equal(await store.roles.grant(reader, 'wrangler'), false);
    assert.equal(await store.roles.has(reader, 'wrangler'), true);
    assert.equal(await store.roles.revoke(reader, 'wrangler'), true);
    assert.equal(await store.roles.has(reader, 'wrangler'), false);
  });
});
