import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import type { WorkInput } from '../../src/domain/works.ts';
import type { Store } from '../../src/store/index.ts';

describeEachDatabase('tag suggestions', (dialect) => {
  let t: TestStore;
  let store: Store;
  let pseudId: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    pseudId = (await store.pseuds.listForUser(user.id))[0].id;
  });
  afterEach(() => t.dispose());

  /** Posts `times` works with these fields (public unless the overrides say otherwise). */
  async function post(times: number, overrides: Partial<WorkInput>) {
    for (let i = 0; i < times; i++) await postWork(store, [pseudId], overrides);
  }

  it('offers tags starting with the typed text, most used first, ignoring case, with their use counts', async () => {
    await post(1, { fandoms: 'Sherlock Holmes (Arthur Conan Doyle)' });
    await post(3, { fandoms: 'Sherlock (TV)' });
    await post(1, { fandoms: 'Shadowhunters' });
    assert.deepEqual(await store.tags.suggest('fandom', 'SHER', 10), [
      { name: 'Sherlock (TV)', uses: 3 },
      { name: 'Sherlock Holmes (Arthur Conan Doyle)', uses: 1 },
    ]);
  });

  it('breaks ties in use by name', async () => {
    await post(1, { freeforms: 'Slow Burn, Slice of Life, Sleepy Cuddles' });
    assert.deepEqual(
      (await store.tags.suggest('freeform', 'sl', 10)).map((tag) => tag.name),
      ['Sleepy Cuddles', 'Slice of Life', 'Slow Burn'],
    );
  });

  it('puts names starting with the text before words starting with it, and those before names merely containing it', async () => {
    await post(1, { freeforms: 'War and Peace' });
    await post(2, { freeforms: 'Star Wars AU' });
    await post(3, { freeforms: 'Hogwarts Eighth Year' });
    assert.deepEqual(
      (await store.tags.suggest('freeform', 'war', 10)).map((tag) => tag.name),
      ['War and Peace', 'Star Wars AU', 'Hogwarts Eighth Year'],
    );
  });

  it('finds the second name of a relationship and a word in brackets as word starts', async () => {
    await post(1, { relationships: 'Hermione Granger/Ron Weasley' });
    await post(2, { relationships: 'Ronan Lynch/Adam Parrish' });
    await post(3, { relationships: 'Byron (Poet)/Percy Shelley' });
    assert.deepEqual(
      (await store.tags.suggest('relationship', 'ron', 10)).map((tag) => tag.name),
      ['Ronan Lynch/Adam Parrish', 'Hermione Granger/Ron Weasley', 'Byron (Poet)/Percy Shelley'],
    );
    await post(1, { fandoms: 'Sherlock Holmes (Arthur Conan Doyle)' });
    assert.deepEqual(
      (await store.tags.suggest('fandom', 'arthur', 10)).map((tag) => tag.name),
      ['Sherlock Holmes (Arthur Conan Doyle)'],
    );
  });

  it('offers only tags of the kind asked for', async () => {
    await post(1, {
      fandoms: 'Sherlock (TV)',
      characters: 'Sherlock Holmes',
      relationships: 'John Watson/Sherlock Holmes',
      freeforms: 'Sherlock Is Bad At Feelings',
    });
    assert.deepEqual(
      (await store.tags.suggest('character', 'sher', 10)).map((tag) => tag.name),
      ['Sherlock Holmes'],
    );
    assert.deepEqual(
      (await store.tags.suggest('fandom', 'sher', 10)).map((tag) => tag.name),
      ['Sherlock (TV)'],
    );
    assert.deepEqual(
      (await store.tags.suggest('relationship', 'sher', 10)).map((tag) => tag.name),
      ['John Watson/Sherlock Holmes'],
    );
  });

  it('never offers a tag that only drafts and scheduled works use, and counts only works readers can see', async () => {
    await post(1, { freeforms: 'Secret Project', visibility: 'draft' });
    await post(1, { freeforms: 'Surprise Sequel', publishAt: '2999-01-01 12:00' });
    await post(1, { freeforms: 'Slow Burn', visibility: 'registered' });
    await post(2, { freeforms: 'Slow Burn', visibility: 'draft' });
    assert.deepEqual(await store.tags.suggest('freeform', 's', 10), [{ name: 'Slow Burn', uses: 1 }]);
  });

  it('takes % and _ in the typed text literally', async () => {
    await post(1, { freeforms: '100% Fluff, 1000 Words, 100 Drabbles, snake_case, Snakes Cased' });
    assert.deepEqual(
      (await store.tags.suggest('freeform', '100%', 10)).map((tag) => tag.name),
      ['100% Fluff'],
    );
    assert.deepEqual(
      (await store.tags.suggest('freeform', 'snake_', 10)).map((tag) => tag.name),
      ['snake_case'],
    );
    assert.deepEqual(await store.tags.suggest('freeform', '%', 10), [{ name: '100% Fluff', uses: 1 }]);
    assert.deepEqual(await store.tags.suggest('freeform', '\\', 10), []);
  });

  it('returns at most the number asked for, and nothing for blank input', async () => {
    await post(1, { freeforms: 'Angst, Alternate Universe, Alcohol, Abandonment, Art' });
    assert.equal((await store.tags.suggest('freeform', 'a', 3)).length, 3);
    assert.deepEqual(await store.tags.suggest('freeform', '   ', 10), []);
  });
});
