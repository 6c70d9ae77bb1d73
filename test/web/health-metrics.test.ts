// /health for proxies and monitors, /metrics for Prometheus behind a token (issue 17).
import { afterEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeEachDatabase, describeEachSearch } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';
import { loadConfig } from '../../src/config.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
const TOKEN = 'a-long-metrics-token-for-tests';

interface Health {
  status: string;
  healthy: boolean;
  database: { engine: string; reachable: boolean };
  index: { ready: boolean; works: number; lag: number | null };
  version: string;
  uptimeSeconds: number;
  pid: number;
}

/** The value of one series in Prometheus text (0 when it is not there). */
function series(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = /\{(.*)\}/.exec(line)?.[1] ?? '';
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`)))
      return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return 0;
}

describeEachDatabase('health and metrics', (dialect) => {
  let t: TestApp | undefined;
  afterEach(async () => {
    await t?.dispose().catch(() => undefined);
    t = undefined;
  });

  async function scrape(app: TestApp['app'], authorization?: string) {
    return app.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
  }

  it('answers /health with the database, the works index, the version and the uptime', async () => {
    t = await testApp(dialect);
    const response = await t.app.inject({ url: '/health', headers: { cookie: 'quire_session=not-a-session' } });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /application\/json/);
    assert.equal(response.headers['cache-control'], 'no-store');
    // No session is looked up (an unknown session cookie is not even cleared).
    assert.equal(response.headers['set-cookie'], undefined);
    const health = response.json<Health>();
    assert.equal(health.status, 'ok');
    assert.equal(health.healthy, true);
    assert.deepEqual(health.database, { engine: dialect, reachable: true });
    assert.equal(health.index.ready, true);
    assert.equal(health.index.works, 0);
    assert.equal(health.index.lag, 0);
    assert.equal(health.version, VERSION);
    assert.ok(health.uptimeSeconds >= 0);
    assert.equal(health.pid, process.pid);
    const head = await t.app.inject({ method: 'HEAD', url: '/health' });
    assert.equal(head.statusCode, 200);
  });

  it('counts the logged work changes this process has yet to apply to its index', async () => {
    t = await testApp(dialect);
    // Another process changed a work: the change log holds it, this process has not read it yet.
    await t.store.handle.db
      .insertInto('work_changes')
      .values({ work_id: 12345, changed_at: new Date().toISOString() })
      .execute();
    assert.equal((await t.app.inject({ url: '/health' })).json<Health>().index.lag, 1);
    // A search applies it first.
    await t.app.inject({ url: '/works' });
    assert.equal((await t.app.inject({ url: '/health' })).json<Health>().index.lag, 0);
  });

  it('is never refused by the ceiling on requests per address', async () => {
    const { rateLimits } = loadConfig({});
    t = await testApp(dialect, { rateLimits: { ...rateLimits, pages: { max: 3, windowMs: 60_000 } } });
    for (let i = 0; i < 8; i++) assert.equal((await t.app.inject({ url: '/health' })).statusCode, 200);
    const pages = [];
    for (let i = 0; i < 4; i++) pages.push((await t.app.inject({ url: '/' })).statusCode);
    assert.deepEqual(pages, [200, 200, 200, 429], 'the ceiling is on for pages');
    assert.equal((await t.app.inject({ url: '/health' })).statusCode, 200);
  });

  it('answers 503 while the process drains, and closes every connection after its answer', async () => {
    t = await testApp(dialect);
    assert.notEqual((await t.app.inject({ url: '/' })).headers.connection, 'close');
    t.app.quire.archive.operations.process.drain();
    const response = await t.app.inject({ url: '/health' });
    assert.equal(response.statusCode, 503);
    assert.equal(response.json<Health>().status, 'draining');
    assert.equal(response.headers.connection, 'close');
    // Pages are still answered (requests under way finish), each closing its connection.
    const page = await t.app.inject({ url: '/' });
    assert.equal(page.statusCode, 200);
    assert.equal(page.headers.connection, 'close');
  });

  it('answers 503 when the database cannot be reached', async () => {
    t = await testApp(dialect);
    await t.store.close();
    const response = await t.app.inject({ url: '/health' });
    assert.equal(response.statusCode, 503);
    const health = response.json<Health>();
    assert.equal(health.status, 'unavailable');
    assert.equal(health.healthy, false);
    assert.equal(health.database.reachable, false);
    // The database's message (hosts, users) stays in the log.
    assert.deepEqual(Object.keys(health.database).sort(), ['engine', 'reachable']);
  });

  it('has no /metrics without METRICS_TOKEN', async () => {
    t = await testApp(dialect);
    for (const authorization of [undefined, 'Bearer anything']) {
      const response = await scrape(t.app, authorization);
      assert.equal(response.statusCode, 404);
      assert.match(response.body, /There is nothing at this address/);
    }
  });

  it('refuses /metrics without the token or with a wrong one', async () => {
    t = await testApp(dialect, { metricsToken: TOKEN });
    for (const authorization of [undefined, 'Bearer wrong-token', `Basic ${TOKEN}`, `Bearer ${TOKEN}x`, TOKEN]) {
      const response = await scrape(t.app, authorization);
      assert.equal(response.statusCode, 401, String(authorization));
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="metrics"');
      assert.doesNotMatch(response.body, /quire_http_requests_total/);
    }
  });

  it('reports requests by route pattern and status, latency, the job queue, the index and the process', async () => {
    t = await testApp(dialect, { metricsToken: TOKEN });
    const bearer = `Bearer ${TOKEN}`;
    const first = await scrape(t.app, bearer);
    assert.equal(first.statusCode, 200);
    assert.match(String(first.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    assert.equal(first.headers['cache-control'], 'no-store');
    const home = { method: 'GET', route: '/', status: '200' };
    const before = series(first.body, 'quire_http_requests_total', home);
    for (let i = 0; i < 3; i++) await t.app.inject({ url: '/' });
    await t.app.inject({ url: '/works/987654' });
    await t.app.inject({ url: '/no/such/page-123' });
    await t.store.jobs.enqueue({ kind: 'metrics-test' });

    const text = (await scrape(t.app, bearer)).body;
    assert.equal(series(text, 'quire_http_requests_total', home), before + 3);
    assert.equal(series(text, 'quire_http_request_duration_seconds_count', { method: 'GET', route: '/' }), before + 3);
    // Route patterns, never raw addresses.
    assert.equal(series(text, 'quire_http_requests_total', { route: '/works/:id', status: '404' }), 1);
    assert.equal(series(text, 'quire_http_requests_total', { route: '(unmatched)', status: '404' }), 1);
    assert.doesNotMatch(text, /987654|page-123/);
    assert.equal(series(text, 'quire_job_queue_depth', { kind: 'metrics-test' }), 1);
    assert.match(text, /^quire_job_queue_oldest_seconds\{kind="metrics-test"\} /m);
    assert.equal(series(text, 'quire_database_up'), 1);
    assert.match(text, /^quire_works_index_works 0$/m);
    assert.match(text, /^quire_works_index_lag_changes 0$/m);
    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.match(text, /^nodejs_heap_size_used_bytes /m);
  });
});

function scrape(app: TestApp['app'], authorization: string) {
  return app.inject({ url: '/metrics', headers: { authorization } });
}

describeEachSearch('the works count in /health and /metrics', (dialect, engine) => {
  it('counts every work, whichever engine searches', async () => {
    const t = await testApp(dialect, { searchEngine: engine, metricsToken: TOKEN });
    try {
      const writer = t.agent();
      await writer.signUp('counter');
      await writer.postWork({ title: 'One to Count' });
      await writer.postWork({ title: 'Two to Count' });
      // A listing: the in-memory index applies what it has not yet before it answers.
      assert.equal((await t.app.inject({ url: '/works' })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/health' })).json<Health>().index.works, 2);
      const text = (await scrape(t.app, `Bearer ${TOKEN}`)).body;
      assert.match(text, /^quire_works_index_works 2$/m);
    } finally {
      await t.dispose();
    }
  });
});
