import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import { eventually } from '../support/eventually.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import type { Store } from '../../src/store/index.ts';
import { findOrCreateTag } from '../../src/store/tag-graph.ts';

/**
 * A listing filtered by a meta tag follows wrangling at once, for every work the wrangling moves
 * under it: in the in-memory index opened before the wrangling, and with SEARCH_ENGINE=postgres.
 */
describeEachDatabase('listings filtered by a meta tag follow tag wrangling', (dialect) => {
  let t: TestStore;
  let store: Store;
  let pseudId: number;
  let searches: WorkSearch[];
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    const user = await store.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    pseudId = (await store.pseuds.listForUser(user.id))[0].id;
  });
  afterEach(() => t.dispose());

  async function openSearches() {
    searches = [await WorkSearch.open(store, 'memory')];
    if (dialect === 'postgres') searches.push(await WorkSearch.open(store, 'postgres'));
  }

  async function canonical(name: string): Promise<number> {
    const id = await findOrCreateTag(store.handle.db, 'freeform', name);
    await store.tags.makeCanonical(id);
    return id;
  }

  /** What a guest listing /works?include_freeform=… finds, by each engine (PostgreSQL announces writes moments later). */
  async function listed(tagName: string, expected: string[]): Promise<void> {
    const { filters } = parseWorkFilters(readWorkFilterForm({ include_freeform: tagName }));
    const found: Record<string, string[]> = {};
    const wanted: Record<string, string[]> = {};
    for (const search of searches) {
      const read = async () => (await search.search(filters, null)).works.map((w) => w.title).sort();
      const same = (titles: string[]) => JSON.stringify(titles) === JSON.stringify(expected);
      found[search.engine] = await eventually(read, same, { timeoutMs: 5_000 }).catch(read);
      wanted[search.engine] = expected;
    }
    assert.deepEqual(found, wanted, `works under ${tagName}`);
  }

  it('finds the canonical tag’s own works under the meta tag of a tag made its synonym', async () => {
    await postWork(store, [pseudId], { title: 'Under Target', freeforms: 'Slow Burn' });
    await postWork(store, [pseudId], { title: 'Under Synonym', freeforms: 'Slowburn' });
    await postWork(store, [pseudId], { title: 'Elsewhere', freeforms: 'Fluff' });
    const meta = await canonical('Romance');
    const target = await canonical('Slow Burn');
    const synonym = await canonical('Slowburn');
    await store.tags.addParent(synonym, meta);
    await openSearches();
    await listed('Romance', ['Under Synonym']);

    await store.tags.makeSynonym(synonym, target);
    const targetTag = await store.tags.find(target);
    assert.ok(targetTag);
    assert.deepEqual(
      (await store.tags.family(targetTag, true, 'guest')).metaTags.map((m) => m.id),
      [meta],
      'the meta tag moved to the canonical tag',
    );
    await listed('Romance', ['Under Synonym', 'Under Target']);
  });

  it('finds the works of a tag’s subtags and synonyms under a meta tag added or removed above it', async () => {
    await postWork(store, [pseudId], { title: 'Direct', freeforms: 'Slow Burn' });
    await postWork(store, [pseudId], { title: 'Through Subtag', freeforms: 'Very Slow Burn' });
    await postWork(store, [pseudId], { title: 'Through Synonym', freeforms: 'Slowburn' });
    const meta = await canonical('Romance');
    const tag = await canonical('Slow Burn');
    const sub = await canonical('Very Slow Burn');
    await store.tags.addParent(sub, tag);
    await store.tags.makeSynonym(await canonical('Slowburn'), tag);
    await openSearches();
    await listed('Romance', []);

    await store.tags.addParent(tag, meta);
    await listed('Romance', ['Direct', 'Through Subtag', 'Through Synonym']);
    await store.tags.removeParent(tag, meta);
    await listed('Romance', []);
  });

  it('finds a synonym’s subtags’ works under the canonical tag and its meta tags', async () => {
    await postWork(store, [pseudId], { title: 'Through Subtag', freeforms: 'Very Slowburn' });
    const meta = await canonical('Romance');
    const target = await canonical('Slow Burn');
    await store.tags.addParent(target, meta);
    const synonym = await canonical('Slowburn');
    await store.tags.addParent(await canonical('Very Slowburn'), synonym);
    await openSearches();
    await listed('Romance', []);

    await store.tags.makeSynonym(synonym, target);
    await listed('Slow Burn', ['Through Subtag']);
    await listed('Romance', ['Through Subtag']);
  });
});
