import { after, before, describe, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { startReplica, type StartedReplica } from '../support/replica.ts';
import { Agent, visibleText } from '../support/http.ts';
import { eventually } from '../support/eventually.ts';
import { openStore, type Store } from '../../src/store/index.ts';
import { buildApp } from '../../src/web/app.tsx';
import { databaseOptions, loadConfig } from '../../src/config.ts';
import { newReadRouting, parseLsn, withReadRouting } from '../../src/read-routing.ts';
import { LSN_COOKIE } from '../../src/web/read-your-writes.ts';

/**
 * Read replicas (DATABASE_REPLICA_URLS) against a real streaming replica. Pausing the replica's
 * replay makes it lag for as long as a test needs: what a reader sees then tells where their
 * page was read.
 */
describe('replica routing with read-your-writes', () => {
  let replica: StartedReplica;
  let store: Store;
  let app: FastifyInstance;
  let writer: Agent;
  let firstPath: string;

  const guest = (address: string) => Object.assign(new Agent(app), { remoteAddress: address });
  const text = async (agent: Agent, path: string) => visibleText((await agent.get(path)).body);

  before(async () => {
    replica = await startReplica();
    store = await openStore({ databaseUrl: replica.primaryUrl, replicaUrls: [replica.url] });
    // Pages kept for guests stay on (their default): a page read from a lagging replica must not be kept.
    app = await buildApp({
      store,
      config: loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off' }, { demo: false }),
    });
    writer = new Agent(app);
    await writer.signUp('quillon');
    firstPath = await writer.postWork({ title: 'Settled Tide', body: 'The first work, long replayed.' });
    await replica.caughtUp();
  });

  after(async () => {
    await app?.close();
    await store?.close();
    await replica?.stop();
  });

  it('shows a new work to its writer at once, to guests once the replica has replayed it', async () => {
    const reader = guest('10.0.0.2');
    assert.ok((await text(reader, '/works')).includes('Settled Tide'));
    await replica.pause();
    let path: string;
    try {
      path = await writer.postWork({ title: 'Lantern Harbour', body: 'Posted while the replica lags.' });
      assert.ok(writer.cookie(LSN_COOKIE), 'the post leaves the primary’s WAL position in a cookie');

      // The writer: the work page and their own works list, straight away.
      const own = await writer.get(path);
      assert.equal(own.status, 200);
      assert.ok(visibleText(own.body).includes('Posted while the replica lags.'));
      assert.ok((await text(writer, '/users/quillon/works')).includes('Lantern Harbour'));

      // A guest reads from the replica, which has not applied the post yet.
      assert.equal((await reader.get(path)).status, 404);
      const listing = await text(reader, '/works');
      assert.ok(listing.includes('Settled Tide') && !listing.includes('Lantern Harbour'));
      assert.ok(!(await text(reader, '/users/quillon/works')).includes('Lantern Harbour'));
    } finally {
      await replica.resume();
    }
    await eventually(
      async () => (await reader.get(path)).status,
      (status) => status === 200,
      { what: 'the guest to see the new work' },
    );
    // The listing the guest saw while the replica lagged was not kept: it shows the work now.
    await eventually(
      () => text(reader, '/works'),
      (page) => page.includes('Lantern Harbour'),
      { what: 'the works listing to show the new work to guests' },
    );
  });

  it('reads from the primary once the replica lags further than DATABASE_REPLICA_MAX_LAG_SECONDS', async () => {
    await replica.caughtUp();
    const strict = await openStore(
      { databaseUrl: replica.primaryUrl, replicaUrls: [replica.url], replicaMaxLagMs: 1_500 },
      { migrate: false },
    );
    const strictApp = await buildApp({
      store: strict,
      config: loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off', GUEST_PAGES_MB: '0' }, { demo: false }),
    });
    await replica.pause();
    try {
      const path = await writer.postWork({ title: 'Beyond the Bound' });
      const reader = Object.assign(new Agent(strictApp), { remoteAddress: '10.0.0.9' });
      // Lagging less than the bound, the replica still serves guests: it lacks the work.
      assert.equal((await reader.get(path)).status, 404);
      // Once it has lagged longer, guests are read from the primary, replay still paused.
      await eventually(
        async () => (await reader.get(path)).status,
        (status) => status === 200,
        { what: 'a guest to be served by the primary once the replica lags too far' },
      );
      const onReplica = new pg.Client({ connectionString: replica.url });
      await onReplica.connect();
      try {
        const { rows } = await onReplica.query("select count(*)::int as n from works where title = 'Beyond the Bound'");
        assert.equal(rows[0].n, 0, 'the replica still lacks the work');
      } finally {
        await onReplica.end();
      }
    } finally {
      await replica.resume();
      await strictApp.close();
      await strict.close();
    }
  });

  it('reads a member’s pages from the replica again once it has replayed their write', async () => {
    await replica.caughtUp();
    await replica.pause();
    try {
      const other = new Agent(app);
      await other.signUp('marrowby');
      const path = await other.postWork({ title: 'Someone Else’s Morning' });
      // quillon's cookie holds a position the replica has passed: their pages come from it, as a guest's do.
      assert.equal((await writer.get(path)).status, 404);
      assert.equal((await other.get(path)).status, 200);
    } finally {
      await replica.resume();
    }
  });

  it('shows a guest their own kudos at once, other guests once the replica has it', async () => {
    await replica.caughtUp();
    await replica.pause();
    const giver = guest('10.0.0.3');
    const other = guest('10.0.0.4');
    assert.ok(!(await text(other, firstPath)).includes('1 guest'));
    try {
      await giver.get(firstPath);
      const left = await giver.submit(`${firstPath}/kudos`, {});
      assert.equal(left.status, 303);
      assert.ok((await text(giver, firstPath)).includes('1 guest'));
      assert.ok(!(await text(other, firstPath)).includes('1 guest'));
    } finally {
      await replica.resume();
    }
    await eventually(
      () => text(other, firstPath),
      (page) => page.includes('1 guest'),
      { what: 'other guests to see the kudos' },
    );
  });

  it('keeps writes, transactions, raw SQL, the works index and a request’s reads of what it wrote on the primary', async () => {
    await replica.caughtUp();
    await replica.pause();
    try {
      const readsReplica = newReadRouting({ replica: true });
      await withReadRouting(readsReplica, async () => {
        await store.settings.set('replica_probe', 'written');
        // The request wrote site_settings: its own read of it is not sent to the lagging replica.
        assert.equal(await store.settings.get('replica_probe'), 'written');
      });
      await withReadRouting(newReadRouting({ replica: true }), async () => {
        assert.equal(await store.settings.get('replica_probe'), undefined, 'a plain read goes to the replica');
        const inTransaction = await store.handle.db
          .transaction()
          .execute((tx) =>
            tx.selectFrom('site_settings').select('value').where('key', '=', 'replica_probe').executeTakeFirst(),
          );
        assert.equal(inTransaction?.value, 'written');
        const raw = await sql<{
          value: string;
        }>`select value from site_settings where key = 'replica_probe'`.execute(store.handle.db);
        assert.equal(raw.rows[0]?.value, 'written');
        const viaPrimary = await store.handle.primaryDb
          .selectFrom('site_settings')
          .select('value')
          .where('key', '=', 'replica_probe')
          .executeTakeFirst();
        assert.equal(viaPrimary?.value, 'written');
      });
      // A reader whose last write the replica has not replayed reads from the primary.
      const minLsn = parseLsn(await store.handle.replicas!.primaryLsn());
      await withReadRouting(newReadRouting({ replica: true, minLsn }), async () => {
        assert.equal(await store.settings.get('replica_probe'), 'written');
      });
      // Outside any request (jobs, the command line): the primary.
      assert.equal(await store.settings.get('replica_probe'), 'written');
    } finally {
      await replica.resume();
    }
  });

  it('serves every page from the primary while the replica is down, and says so once in the log', async (t: TestContext) => {
    const warnings: string[] = [];
    t.mock.method(console, 'warn', (message: string) => warnings.push(String(message)));
    await replica.stopReplica();
    const reader = guest('10.0.0.5');
    for (let i = 0; i < 3; i++) {
      const page = await reader.get(firstPath);
      assert.equal(page.status, 200);
      assert.ok(visibleText(page.body).includes('The first work, long replayed.'));
      assert.ok((await text(reader, '/works')).includes('Lantern Harbour'));
      assert.ok((await text(reader, '/users/quillon/works')).includes('Settled Tide'));
    }
    const path = await writer.postWork({ title: 'Written Without A Replica' });
    assert.equal((await reader.get(path)).status, 200);
    assert.equal(warnings.filter((w) => w.startsWith('Read replica')).length, 1, warnings.join('\n'));
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  const primary = 'postgres://quire@db1/quire';

  it('passes each replica to the store, and none without the setting', () => {
    const config = loadConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: ' postgres://quire@db2/quire, postgresql://quire@db3:5433/quire ,',
      DATABASE_REPLICA_MAX_LAG_SECONDS: '5',
    });
    assert.deepEqual(databaseOptions(config), {
      databaseUrl: primary,
      replicaUrls: ['postgres://quire@db2/quire', 'postgresql://quire@db3:5433/quire'],
      replicaMaxLagMs: 5_000,
    });
    assert.deepEqual(databaseOptions(loadConfig({ DATABASE_URL: primary })), {
      databaseUrl: primary,
      replicaUrls: [],
      replicaMaxLagMs: 30_000,
    });
  });

  it('stops the start with a clear message for replicas of no primary or an address that is not PostgreSQL', () => {
    assert.throws(
      () => loadConfig({ DATABASE_REPLICA_URLS: 'postgres://quire@db2/quire' }),
      /DATABASE_REPLICA_URLS needs DATABASE_URL/,
    );
    assert.throws(
      () => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'mysql://root:secret@db2/quire' }),
      (error: Error) => /must be postgres:\/\/ addresses/.test(error.message) && !error.message.includes('secret'),
    );
  });
});
