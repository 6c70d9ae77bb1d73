import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, freshStore, TEST_DATABASE_URL, type TestStore } from '../support/databases.ts';
import { postWork } from '../support/works.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import { validateWork } from '../../src/domain/works.ts';
import { workInput } from '../support/works.ts';
import { eventually } from '../support/eventually.ts';

/** Two stores on one database, as two server processes have: one writes, the other's index answers. */
describeEachDatabase('the works index follows writes made by another process', (dialect) => {
  let t: TestStore | undefined;
  let dir: string | undefined;
  let writer: Store;
  let reader: Store;
  before(async () => {
    if (dialect === 'sqlite') {
      dir = mkdtempSync(join(tmpdir(), 'quire-index-'));
      writer = await openStore({ sqlitePath: join(dir, 'quire.db') });
      reader = await openStore({ sqlitePath: join(dir, 'quire.db') });
    } else {
      t = await freshStore(dialect);
      writer = t.store;
      reader = await openStore({ databaseUrl: TEST_DATABASE_URL, pgSchema: writer.handle.pgSchema });
    }
  });
  after(async () => {
    await reader.close();
    if (t) await t.dispose();
    else await writer.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function titles(search: WorkSearch, query: string) {
    const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
    const result = await search.search(filters, null);
    return { titles: result.works.map((w) => w.title), total: result.total };
  }

  /**
   * SQLite: the next search sees the write. PostgreSQL: the search after its announcement arrives
   * (LISTEN/NOTIFY, moments later), so wait for it there.
   */
  async function seen<T>(read: () => Promise<T>, expected: T, message?: string): Promise<void> {
    const value =
      dialect === 'sqlite'
        ? await read()
        : await eventually(read, (v) => JSON.stringify(v) === JSON.stringify(expected), { what: message });
    assert.deepEqual(value, expected, message);
  }

  it('sees new, changed, re-counted and deleted works at the next search', async () => {
    const user = await writer.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    const [pseud] = await writer.pseuds.listForUser(user.id);
    await postWork(writer, [pseud.id], { title: 'Before', freeforms: 'Old' });
    const search = await WorkSearch.open(reader);
    assert.deepEqual((await titles(search, 'include_freeform=Old')).titles, ['Before']);

    const id = await postWork(writer, [pseud.id], { title: 'After', freeforms: 'New' });
    await seen(async () => (await titles(search, 'include_freeform=New')).titles, ['After']);
    await seen(async () => (await titles(search, 'q=after')).titles, ['After'], 'the text index too');

    await writer.works.update(id, validateWork(workInput({ title: 'After', freeforms: 'Old' })));
    await seen(async () => (await titles(search, 'include_freeform=New')).total, 0);
    await seen(async () => (await titles(search, 'include_freeform=Old&sort=title')).titles, ['After', 'Before']);

    await writer.kudos.leave(id, { userId: user.id }, []);
    await seen(async () => (await titles(search, 'sort=kudos')).titles, ['After', 'Before']);
    await seen(async () => (await titles(search, 'q=kudos>0')).titles, ['After']);

    await writer.works.delete(id);
    await seen(async () => (await titles(search, '')).titles, ['Before']);
  });
});
