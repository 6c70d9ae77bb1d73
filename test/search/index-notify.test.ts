import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { freshStore, TEST_DATABASE_URL, type TestStore } from '../support/databases.ts';
import { eventually } from '../support/eventually.ts';
import { postWork } from '../support/works.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import type { WorkChangeListener } from '../../src/store/change-listener.ts';

/**
 * PostgreSQL only (SQLite reads the change log's newest id in microseconds, with no round trip):
 * two stores on one schema, as two server processes have. The reader's index learns of the
 * writer's changes from LISTEN/NOTIFY instead of asking the database on every search.
 */
describe('the works index hears of changes from PostgreSQL [postgres]', () => {
  let t: TestStore;
  let writer: Store;
  let reader: Store;
  let search: WorkSearch;
  let listener: WorkChangeListener;
  let pseudId: number;
  /** Queries the reader's index (and everything else on the reader's pool) sent since the last reset. */
  let queries = 0;

  before(async () => {
    t = await freshStore('postgres');
    writer = t.store;
    // A second before listening again after a failure: long enough for the test to act in the outage.
    reader = await openStore({
      databaseUrl: TEST_DATABASE_URL,
      pgSchema: writer.handle.pgSchema,
      listenRetryDelay: () => 1_000,
    });
    const executor = reader.handle.db.getExecutor();
    const execute = executor.executeQuery.bind(executor);
    executor.executeQuery = ((...args: Parameters<typeof execute>) => {
      queries++;
      return execute(...args);
    }) as typeof executor.executeQuery;
    const user = await writer.users.create({ login: 'writer', email: 'w@example.org', passwordHash: 'h' });
    [{ id: pseudId }] = await writer.pseuds.listForUser(user.id);
    await postWork(writer, [pseudId], { title: 'First Light', freeforms: 'Harbours' });
    search = await WorkSearch.open(reader);
    listener = reader.handle.workChangeListener!();
    await eventually(
      () => listener.connected,
      (up) => up,
      { what: 'the listener to connect' },
    );
  });
  after(async () => {
    await reader?.close();
    await t?.dispose();
  });

  async function titles(query = 'sort=title'): Promise<string[]> {
    const { filters } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
    return (await search.search(filters, null)).works.map((w) => w.title);
  }

  /** Syncs the index and tells how many queries that took. */
  async function queriesOfSync(): Promise<number> {
    queries = 0;
    await search.index.sync();
    return queries;
  }

  it("sees another process's new work once the notification arrives", async () => {
    assert.deepEqual(await titles(), ['First Light']);
    await postWork(writer, [pseudId], { title: 'Second Tide', freeforms: 'Harbours' });
    await eventually(titles, (seen) => seen.includes('Second Tide'), { what: 'the new work' });
    assert.deepEqual(await titles('include_freeform=Harbours&sort=title'), ['First Light', 'Second Tide']);
  });

  it('asks the database nothing while listening and nothing changed', async () => {
    await search.index.sync();
    assert.equal(listener.connected, true);
    assert.equal(await queriesOfSync(), 0, 'no round trip to work_changes');
    assert.equal(await queriesOfSync(), 0);
    // The spy can see: a change announced makes the next sync read it.
    const before = search.index.appliedChangeId;
    await postWork(writer, [pseudId], { title: 'Third Bell' });
    await eventually(
      () => listener.latestChange(),
      (latest) => latest > before,
      { what: 'the announcement' },
    );
    assert.ok((await queriesOfSync()) > 0, 'the announced change is read');
    assert.ok((await titles()).includes('Third Bell'));
    assert.equal(await queriesOfSync(), 0);
  });

  it("sees this process's own writes at once, before their announcement comes back", async () => {
    const own = await reader.users.create({ login: 'reader', email: 'r@example.org', passwordHash: 'h' });
    const [pseud] = await reader.pseuds.listForUser(own.id);
    await postWork(reader, [pseud.id], { title: 'Own Lantern' });
    // No waiting: the same process reads its own write at its very next search.
    assert.ok((await titles()).includes('Own Lantern'));
  });

  it('falls back to asking while the listener is cut off, and catches up after it reconnects', async () => {
    const pid = listener.backendPid;
    assert.ok(pid, 'the listener has a connection');
    const connects = listener.connects;
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ ended: boolean }>('select pg_terminate_backend($1) as ended', [pid]);
      assert.equal(rows[0].ended, true);
    } finally {
      await admin.end();
    }
    await eventually(
      () => listener.connected,
      (up) => !up,
      { what: 'the listener to notice its connection ended' },
    );

    // Cut off: a write through the other process is read by asking the database, at once.
    await postWork(writer, [pseudId], { title: 'Fog Signal' });
    assert.equal(listener.connected, false, 'still cut off (the retry waits a second)');
    assert.ok((await queriesOfSync()) > 0, 'sync asks the database');
    assert.ok((await titles()).includes('Fog Signal'));
    // Written in the outage and not read before the listener is back.
    await postWork(writer, [pseudId], { title: 'Low Water' });

    await eventually(
      () => listener.connects,
      (n) => n > connects,
      { what: 'the listener to reconnect' },
    );
    assert.notEqual(listener.backendPid, pid, 'a new connection');
    assert.ok((await titles()).includes('Low Water'), 'the write made during the outage is caught up');
    assert.equal(await queriesOfSync(), 0, 'listening again: no round trip');

    await postWork(writer, [pseudId], { title: 'New Moon' });
    await eventually(titles, (seen) => seen.includes('New Moon'), { what: 'a write after the reconnect' });
  });
});
