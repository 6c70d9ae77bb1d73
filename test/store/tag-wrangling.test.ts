import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import type { Store } from '../../src/store/index.ts';
import type { TagKind } from '../../src/domain/works.ts';
import { ValidationError } from '../../src/domain/errors.ts';

describeEachDatabase('tag wrangling', (dialect) => {
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

  async function tagId(kind: TagKind, name: string): Promise<number> {
    const found = (await store.tags.named(name)).find((tag) => tag.kind === kind);
    assert.ok(found, `tag ${name}`);
    return found.id;
  }

  async function changedWorks(): Promise<number[]> {
    const rows = await store.handle.db.selectFrom('work_changes').select('work_id').orderBy('id').execute();
    return [...new Set(rows.map((r) => r.work_id))].sort((a, b) => a - b);
  }

  async function clearChanges() {
    await store.handle.db.deleteFrom('work_changes').execute();
  }

  it('files a synonym under its canonical tag, noting every work that moves, and a filter on either matches both', async () => {
    const w1 = await postWork(store, [pseudId], { characters: 'Draco' });
    const w2 = await postWork(store, [pseudId], { characters: 'Draco Malfoy' });
    await postWork(store, [pseudId], { characters: 'Harry Potter' });
    const draco = await tagId('character', 'Draco');
    const malfoy = await tagId('character', 'Draco Malfoy');
    await assert.rejects(store.tags.makeSynonym(draco, malfoy), /not canonical/);
    await store.tags.makeCanonical(malfoy);
    await clearChanges();
    await store.tags.makeSynonym(draco, malfoy);
    assert.deepEqual(await changedWorks(), [w1]);
    assert.deepEqual(
      await store.tags.filterTagIdsFor(malfoy),
      [malfoy, draco].sort((a, b) => a - b),
    );
    assert.deepEqual(
      await store.tags.filterTagIdsFor(draco),
      [malfoy, draco].sort((a, b) => a - b),
    );
    assert.equal((await store.tags.find(draco))?.mergerId, malfoy);
    // The work still shows the tag as its writer typed it.
    assert.deepEqual(
      (await store.works.find(w1))?.tags.filter((tag) => tag.kind === 'character').map((tag) => tag.name),
      ['Draco'],
    );
    void w2;

    await clearChanges();
    await store.tags.removeSynonym(draco);
    assert.deepEqual(await changedWorks(), [w1]);
    assert.deepEqual(await store.tags.filterTagIdsFor(malfoy), [malfoy]);
  });

  it('includes subtags at any depth and their synonyms in a filter on a meta tag, and notes works when links change', async () => {
    const wMalfoy = await postWork(store, [pseudId], { characters: 'Draco' });
    const wLucius = await postWork(store, [pseudId], { characters: 'Lucius Malfoy' });
    const wOther = await postWork(store, [pseudId], { characters: 'Neville Longbottom' });
    const ids = {
      draco: await tagId('character', 'Draco'),
      lucius: await tagId('character', 'Lucius Malfoy'),
      neville: await tagId('character', 'Neville Longbottom'),
    };
    const slytherinsWork = await postWork(store, [pseudId], {
      characters: 'Slytherins, Malfoy Family, Draco Malfoy',
      visibility: 'draft',
    });
    const slytherins = await tagId('character', 'Slytherins');
    const family = await tagId('character', 'Malfoy Family');
    const malfoy = await tagId('character', 'Draco Malfoy');
    for (const id of [slytherins, family, malfoy, ids.lucius]) await store.tags.makeCanonical(id);
    await store.tags.makeSynonym(ids.draco, malfoy);
    await clearChanges();
    await store.tags.addParent(family, slytherins);
    await store.tags.addParent(malfoy, family);
    await store.tags.addParent(ids.lucius, family);
    assert.deepEqual(
      await changedWorks(),
      [wMalfoy, wLucius, slytherinsWork].sort((a, b) => a - b),
    );
    assert.deepEqual(
      await store.tags.filterTagIdsFor(slytherins),
      [slytherins, family, malfoy, ids.lucius, ids.draco].sort((a, b) => a - b),
    );
    assert.ok(!(await store.tags.filterTagIdsFor(slytherins)).includes(ids.neville));
    void wOther;

    await assert.rejects(
      store.tags.addParent(slytherins, malfoy),
      (error: unknown) => error instanceof ValidationError && /loop/.test(error.message),
    );
    await clearChanges();
    await store.tags.removeParent(ids.lucius, family);
    assert.deepEqual(await changedWorks(), [wLucius]);
    assert.deepEqual(
      await store.tags.filterTagIdsFor(family),
      [family, malfoy, ids.draco].sort((a, b) => a - b),
    );
  });

  it('moves synonyms, subtags, meta tags and fandoms when a canonical tag becomes a synonym; nothing is left pointing at a synonym', async () => {
    await postWork(store, [pseudId], {
      fandoms: 'Harry Potter',
      characters: 'Draco, Malfoy, Draco Malfoy, Slytherins, Young Draco',
    });
    const hp = await tagId('fandom', 'Harry Potter');
    const [draco, malfoy, full, slytherins, young] = await Promise.all(
      ['Draco', 'Malfoy', 'Draco Malfoy', 'Slytherins', 'Young Draco'].map((n) => tagId('character', n)),
    );
    for (const id of [draco, full, slytherins, young]) await store.tags.makeCanonical(id);
    await store.tags.makeSynonym(malfoy, draco);
    await store.tags.addParent(draco, slytherins);
    await store.tags.addParent(young, draco);
    await store.tags.addParent(draco, hp);
    await clearChanges();
    await store.tags.makeSynonym(draco, full);
    assert.equal((await store.tags.find(malfoy))?.mergerId, full);
    assert.equal((await store.tags.find(draco))?.canonical, false);
    assert.deepEqual(
      await store.tags.filterTagIdsFor(slytherins),
      [slytherins, full, draco, malfoy, young].sort((a, b) => a - b),
    );
    assert.deepEqual(
      await store.tags.filterTagIdsFor(full),
      [full, draco, malfoy, young].sort((a, b) => a - b),
    );
    const links = await store.handle.db
      .selectFrom('tag_parents')
      .select(['parent_id', 'child_id'])
      .where('parent_id', '=', hp)
      .execute();
    assert.ok(
      links.some((l) => l.child_id === full),
      'the fandom moves to the canonical tag',
    );
    assert.equal((await changedWorks()).length, 1);
  });

  it('refuses to stop a tag being canonical while a synonym hangs on it, and changes nothing on a failed step', async () => {
    await postWork(store, [pseudId], { characters: 'Draco, Draco Malfoy', relationships: 'Draco/Harry' });
    const draco = await tagId('character', 'Draco');
    const malfoy = await tagId('character', 'Draco Malfoy');
    const ship = await tagId('relationship', 'Draco/Harry');
    await store.tags.makeCanonical(malfoy);
    await store.tags.makeSynonym(draco, malfoy);
    await assert.rejects(store.tags.makeNotCanonical(malfoy), /1 synonym/);
    await assert.rejects(store.tags.makeSynonym(ship, malfoy), /same kind/);
    await assert.rejects(store.tags.addParent(ship, malfoy), /relationship tag can have/);
    assert.equal((await store.tags.find(malfoy))?.canonical, true);
    assert.equal((await store.tags.find(ship))?.mergerId, null);
    await store.tags.removeSynonym(draco);
    await store.tags.makeNotCanonical(malfoy);
    assert.equal((await store.tags.find(malfoy))?.canonical, false);
  });

  it('suggests the canonical relationship for a name of the same people once the characters are wrangled', async () => {
    await postWork(store, [pseudId], {
      characters: 'Hermione, Draco, Hermione Granger, Draco Malfoy',
      relationships: 'Draco Malfoy/Hermione Granger, Draco Malfoy & Hermione Granger',
    });
    const ship = await tagId('relationship', 'Draco Malfoy/Hermione Granger');
    assert.deepEqual(await store.tags.matchingRelationships('Hermione/Draco', 5), [], 'nothing before wrangling');
    for (const [syn, canonical] of [
      ['Hermione', 'Hermione Granger'],
      ['Draco', 'Draco Malfoy'],
    ]) {
      const canonicalId = await tagId('character', canonical);
      await store.tags.makeCanonical(canonicalId);
      await store.tags.makeSynonym(await tagId('character', syn), canonicalId);
    }
    assert.deepEqual(
      await store.tags.matchingRelationships('Hermione/Draco', 5),
      [],
      'the relationship itself is not canonical yet',
    );
    await store.tags.makeCanonical(ship);
    assert.deepEqual(await store.tags.matchingRelationships('hermione / draco', 5), [
      { name: 'Draco Malfoy/Hermione Granger', uses: 1 },
    ]);
    assert.deepEqual(
      await store.tags.matchingRelationships('Draco & Hermione', 5),
      [],
      'the platonic one is another relationship, and not canonical',
    );
    assert.deepEqual(
      (await store.tags.suggest('relationship', 'Hermione/Draco', 10)).map((tag) => tag.name),
      ['Draco Malfoy/Hermione Granger'],
    );
  });
});
