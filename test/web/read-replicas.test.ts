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
import { LSN_COOKIE, LSN_HEADER } from '../../src/web/read-your-writes.ts';
import type { ReplicaStatus } from '../../src/store/database.ts';
import { createToken, newWork } from '../support/api.ts';

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

  /** /health of `on`, with the replicas part typed. */
  const healthOf = async (on: FastifyInstance) =>
    (await on.inject({ url: '/health' })).json<{
      index: { works: number };
      replicas: (ReplicaStatus & Record<string, unknown>)[];
    }>();

  it('shows each replica in /health and /metrics: reachable, in rotation, lag, statements, never its password', async () => {
    await replica.caughtUp();
    const token = 'a-long-metrics-token-for-replica-tests';
    const withPassword = replica.url.replace('postgres@', 'postgres:not-for-anyone@');
    const watched = await openStore(
      { databaseUrl: replica.primaryUrl, replicaUrls: [withPassword] },
      { migrate: false },
    );
    const watchedApp = await buildApp({
      store: watched,
      config: loadConfig(
        { QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off', METRICS_TOKEN: token },
        { demo: false },
      ),
    });
    try {
      const name = `127.0.0.1:${replica.port}`;
      assert.equal(
        (await Object.assign(new Agent(watchedApp), { remoteAddress: '10.0.0.20' }).get(firstPath)).status,
        200,
      );
      const response = await watchedApp.inject({ url: '/health' });
      assert.doesNotMatch(response.body, /not-for-anyone|postgres@/);
      const [shown] = response.json<{ replicas: ReplicaStatus[] }>().replicas;
      assert.equal(shown.name, name);
      assert.equal(shown.reachable, true);
      assert.equal(shown.inRotation, true);
      assert.equal(shown.state, 'serving');
      assert.equal(shown.lagBytes, 0);
      assert.equal(shown.lagSeconds, 0);
      assert.ok(shown.statements > 0, 'the guest’s page was read from it');

      await replica.pause();
      try {
        await writer.postWork({ title: 'Counted Behind' });
        // The primary's position is noted every second: the replica falls behind it, in bytes and seconds.
        const lagging = await eventually(
          async () => (await healthOf(watchedApp)).replicas[0],
          (status) => (status.lagBytes ?? 0) > 0 && (status.lagSeconds ?? 0) > 0,
          { what: '/health to show the paused replica lagging' },
        );
        assert.equal(lagging.reachable, true);
        const scrape = await watchedApp.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
        assert.equal(scrape.statusCode, 200);
        assert.doesNotMatch(scrape.body, /not-for-anyone|postgres@/);
        const value = (metric: string) =>
          Number(new RegExp(`^${metric}\\{replica="${name}"\\} (\\S+)$`, 'm').exec(scrape.body)?.[1]);
        assert.equal(value('quire_replica_up'), 1);
        assert.equal(value('quire_replica_in_rotation'), 1);
        assert.ok(value('quire_replica_lag_bytes') > 0, scrape.body);
        assert.ok(value('quire_replica_lag_seconds') > 0);
        assert.ok(value('quire_replica_statements_total') > 0);
        assert.equal(
          (await watchedApp.inject({ url: '/metrics' })).statusCode,
          401,
          'the replicas are shown only with the token',
        );
      } finally {
        await replica.resume();
      }
      await eventually(
        async () => (await healthOf(watchedApp)).replicas[0].lagBytes,
        (bytes) => bytes === 0,
        { what: '/health to show the replica caught up' },
      );
    } finally {
      await watchedApp.close();
      await watched.close();
    }
  });

  it(
    'answers a page from the primary when a replica statement runs past DATABASE_REPLICA_STATEMENT_TIMEOUT_MS, and passes the replica over',
    { timeout: 120_000 },
    async (t: TestContext) => {
      const warnings: string[] = [];
      t.mock.method(console, 'warn', (message: string) => warnings.push(String(message)));
      await replica.caughtUp();
      const patient = await openStore(
        { databaseUrl: replica.primaryUrl, replicaUrls: [replica.url], replicaStatementTimeoutMs: 300 },
        { migrate: false },
      );
      const patientApp = await buildApp({
        store: patient,
        config: loadConfig(
          { QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off', GUEST_PAGES_MB: '0' },
          { demo: false },
        ),
      });
      const primary = new pg.Client({ connectionString: replica.primaryUrl });
      await primary.connect();
      let locked = true;
      try {
        // The primary locks `works`; the replica replays the lock, then stops replaying before the
        // primary lets go: on the replica every read of `works` waits, on the primary none does.
        await primary.query('begin');
        await primary.query('lock table works in access exclusive mode');
        const onReplica = new pg.Client({ connectionString: replica.url });
        const committer = new pg.Client({ connectionString: replica.primaryUrl });
        await onReplica.connect();
        await committer.connect();
        try {
          await eventually(
            async () => {
              // Another transaction's commit flushes the WAL, the lock's record with it, to the replica.
              await committer.query('select txid_current()');
              const { rows } = await onReplica.query(
                "select count(*)::int as n from pg_locks where relation = 'works'::regclass and mode = 'AccessExclusiveLock'",
              );
              return rows[0].n as number;
            },
            (n) => n > 0,
            { what: 'the replica to replay the lock' },
          );
        } finally {
          await onReplica.end();
          await committer.end();
        }
        await replica.pause();
        await primary.query('rollback');
        locked = false;

        const reader = Object.assign(new Agent(patientApp), { remoteAddress: '10.0.0.21' });
        const page = await reader.get(firstPath);
        assert.equal(page.status, 200);
        assert.ok(visibleText(page.body).includes('The first work, long replayed.'), 'the work page is whole');
        const [shown] = (await healthOf(patientApp)).replicas;
        assert.equal(shown.reachable, true, 'slow is not down');
        assert.equal(shown.inRotation, false);
        assert.equal(shown.state, 'slow');
        assert.ok(shown.fallbacks.slow >= 1, 'the read that ran too long is counted');
        assert.equal(warnings.filter((w) => / is slow /.test(w)).length, 1, warnings.join('\n'));
        // Passed over meanwhile: the next pages do not wait for it.
        assert.equal((await reader.get(firstPath)).status, 200);
        assert.equal((await healthOf(patientApp)).replicas[0].fallbacks.slow, shown.fallbacks.slow);
      } finally {
        if (locked) await primary.query('rollback').catch(() => undefined);
        await primary.end();
        await replica.resume();
        await patientApp.close();
        await patient.close();
      }
    },
  );

  it(
    'gives up on a replica that stops answering mid-statement a second after the statement timeout, and reads on the primary',
    { timeout: 60_000 },
    async () => {
      await replica.caughtUp();
      const patient = await openStore(
        {
          databaseUrl: replica.primaryUrl,
          replicaUrls: [replica.url],
          replicaStatementTimeoutMs: 300,
          replicaPoolSize: 1,
        },
        { migrate: false },
      );
      try {
        const router = patient.handle.replicas!;
        const read = () =>
          withReadRouting(newReadRouting({ replica: true }), () => patient.settings.get('frozen_probe'));
        // A connection to the replica is open and idle in the pool when it freezes.
        assert.equal(await read(), undefined);
        assert.equal((await router.status())[0].statements, 1);
        await patient.settings.set('frozen_probe', 'on the primary');
        await replica.caughtUp();
        // The replica's position, asked now, is past the write: the read is sent there, not held back for lag.
        await router.status();
        replica.freezeReplica();
        try {
          // Neither the statement nor its cancelling can reach a frozen server: the wait is cut short here.
          assert.equal(await read(), 'on the primary');
          const [shown] = await router.status();
          // Given up on as slow (the statement, or the check of its replay position that ran first), not as down.
          assert.equal(shown.state, 'slow');
          assert.equal(shown.reachable, true);
          assert.equal(shown.statements, 1, 'the statement was answered by the primary');
        } finally {
          replica.thawReplica();
        }
      } finally {
        await patient.close();
      }
    },
  );

  it('reads on the primary while all of a replica’s connections are busy, without taking it for down', async (t: TestContext) => {
    const warnings: string[] = [];
    t.mock.method(console, 'warn', (message: string) => warnings.push(String(message)));
    await replica.caughtUp();
    const small = await openStore(
      { databaseUrl: replica.primaryUrl, replicaUrls: [replica.url], replicaPoolSize: 1 },
      { migrate: false },
    );
    try {
      const router = small.handle.replicas!;
      await withReadRouting(newReadRouting({ replica: true }), () => small.settings.get('busy_probe'));
      assert.equal((await router.status())[0].statements, 1);
      await replica.pause();
      const held = await router.replicas[0].pool.connect();
      try {
        await small.settings.set('busy_probe', 'on the primary');
        const read = await withReadRouting(newReadRouting({ replica: true }), () => small.settings.get('busy_probe'));
        assert.equal(read, 'on the primary', 'the read waited for a connection, then went to the primary');
      } finally {
        held.release();
        await replica.resume();
      }
      const [shown] = await router.status();
      assert.equal(shown.reachable, true);
      assert.equal(shown.inRotation, true);
      assert.equal(shown.fallbacks.busy, 1);
      assert.equal(shown.fallbacks.down, 0);
      assert.deepEqual(
        warnings.filter((w) => w.startsWith('Read replica')),
        [],
      );
      await replica.caughtUp();
      await withReadRouting(newReadRouting({ replica: true }), () => small.settings.get('busy_probe'));
      assert.equal((await router.status())[0].statements, 2, 'the next read goes to the replica again');
    } finally {
      await small.close();
    }
  });

  it('shows an API token what it just wrote: through the same process, and through any other with the Quire-LSN header', async () => {
    await replica.caughtUp();
    const token = await createToken(writer, 'replica test');
    const second = await openStore({ databaseUrl: replica.primaryUrl, replicaUrls: [replica.url] }, { migrate: false });
    const secondApp = await buildApp({
      store: second,
      config: loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off' }, { demo: false }),
    });
    const call = (on: FastifyInstance, url: string, headers: Record<string, string> = {}) =>
      on.inject({ url, headers: { authorization: `Bearer ${token}`, ...headers }, remoteAddress: '10.0.0.22' });
    await replica.pause();
    try {
      const posted = await app.inject({
        method: 'POST',
        url: '/api/v1/works',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify(newWork({ title: 'Through The API' })),
        remoteAddress: '10.0.0.22',
      });
      assert.equal(posted.statusCode, 201, posted.body);
      const id = posted.json<{ id: number }>().id;
      const lsn = posted.headers[LSN_HEADER];
      assert.equal(typeof lsn, 'string', 'the answer to a write carries the position to send back');
      // The same token on the same process: from the primary.
      assert.equal((await call(app, `/api/v1/works/${id}`)).statusCode, 200);
      // Anyone else reads the lagging replica.
      assert.equal((await app.inject({ url: `/api/v1/works/${id}`, remoteAddress: '10.0.0.23' })).statusCode, 404);
      // Another process did not see the write: without the header it reads the replica, with it the primary.
      assert.equal((await call(secondApp, `/api/v1/works/${id}`)).statusCode, 404);
      assert.equal((await call(secondApp, `/api/v1/works/${id}`, { [LSN_HEADER]: String(lsn) })).statusCode, 200);
      // A position the archive did not sign is ignored, not trusted (nor an error).
      const forged = (await call(secondApp, `/api/v1/works/${id}`, { [LSN_HEADER]: 'FF/FFFFFFFF' })).statusCode;
      assert.equal(forged, 404);
    } finally {
      await replica.resume();
      await secondApp.close();
      await second.close();
    }
  });

  it('runs SEARCH_ENGINE=postgres searches on the replica, and a writer’s own on the primary', async () => {
    await replica.caughtUp();
    const searching = await openStore(
      { databaseUrl: replica.primaryUrl, replicaUrls: [replica.url] },
      { migrate: false },
    );
    const searchApp = await buildApp({
      store: searching,
      config: loadConfig(
        { QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off', GUEST_PAGES_MB: '0' },
        { demo: false, searchEngine: 'postgres' },
      ),
    });
    try {
      const router = searching.handle.replicas!;
      const author = new Agent(searchApp);
      await author.signUp('seeker');
      await author.postWork({ title: 'Harbourlight Early' });
      await replica.caughtUp();
      const reader = Object.assign(new Agent(searchApp), { remoteAddress: '10.0.0.24' });
      const served = (await router.status())[0].statements;
      assert.ok((await text(reader, '/works?q=harbourlight')).includes('Harbourlight Early'), 'the search finds it');
      assert.ok((await router.status())[0].statements > served, 'the search was read from the replica');
      await replica.pause();
      try {
        await author.postWork({ title: 'Harbourlight Late' });
        // The guest's search reads the replica, which lacks the new work; the writer's, the primary.
        const guestSees = await text(reader, '/works?q=harbourlight&sort=title');
        assert.ok(guestSees.includes('Harbourlight Early'), 'the replica has the first work');
        assert.ok(!guestSees.includes('Harbourlight Late'), 'the guest’s search did not read the primary');
        const authorSees = await text(author, '/works?q=harbourlight&sort=title');
        assert.ok(
          authorSees.includes('Harbourlight Early') && authorSees.includes('Harbourlight Late'),
          'the writer’s search read the primary',
        );
      } finally {
        await replica.resume();
      }
    } finally {
      await searchApp.close();
      await searching.close();
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
    const [shown] = (await healthOf(app)).replicas;
    assert.equal((await app.inject({ url: '/health' })).statusCode, 200, 'the primary serves: the archive is well');
    assert.equal(shown.reachable, false);
    assert.equal(shown.inRotation, false);
    assert.equal(shown.state, 'down');
    assert.equal(shown.lagBytes, null);
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  const primary = 'postgres://quire@db1/quire';

  it('passes each replica to the store, and none without the setting', () => {
    const config = loadConfig({
      DATABASE_URL: primary,
      DATABASE_REPLICA_URLS: ' postgres://quire@db2/quire, postgresql://quire@db3:5433/quire ,',
      DATABASE_REPLICA_MAX_LAG_SECONDS: '5',
      DATABASE_REPLICA_STATEMENT_TIMEOUT_MS: '750',
    });
    assert.deepEqual(databaseOptions(config), {
      databaseUrl: primary,
      replicaUrls: ['postgres://quire@db2/quire', 'postgresql://quire@db3:5433/quire'],
      replicaMaxLagMs: 5_000,
      replicaStatementTimeoutMs: 750,
    });
    assert.deepEqual(databaseOptions(loadConfig({ DATABASE_URL: primary })), {
      databaseUrl: primary,
      replicaUrls: [],
      replicaMaxLagMs: 30_000,
      replicaStatementTimeoutMs: 10_000,
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
    for (const timeout of ['0', '-5', 'soon', '2.5'])
      assert.throws(
        () => loadConfig({ DATABASE_URL: primary, DATABASE_REPLICA_STATEMENT_TIMEOUT_MS: timeout }),
        /DATABASE_REPLICA_STATEMENT_TIMEOUT_MS must be a number of milliseconds/,
      );
  });
});
