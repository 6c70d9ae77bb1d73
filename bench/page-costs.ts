// In-process cost of single pages: time per request through the whole Fastify app (no network),
// and the SQL statements each page runs with their time. For finding what a page spends, not
// for throughput (see `bin/quire bench pages`).
//
//   QUIRE_DATA=/tmp/qc100k node --import tsx bench/page-costs.ts [--requests N] URL...
//
// Each URL is requested 20 times to warm up, then N times (default 200), as one guest: after the
// first reading of a work, readings are repeats (as a reader going through the chapters).
import BetterSqlite3 from 'better-sqlite3';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/web/app.tsx';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';

const { values, positionals: urls } = parseArgs({ allowPositionals: true, options: { requests: { type: 'string' } } });
const requests = Number(values.requests ?? 200);

// Counts and times every statement better-sqlite3 runs while `tracing` is on.
const stats = new Map<string, { n: number; ms: number }>();
let tracing = false;
type Runner = (...args: unknown[]) => unknown;
const proto = BetterSqlite3.prototype as unknown as { prepare(source: string): Record<string, Runner> };
const prepare = proto.prepare;
proto.prepare = function (this: unknown, source: string) {
  const statement = prepare.call(this, source);
  for (const method of ['all', 'get', 'run', 'iterate']) {
    const run = statement[method].bind(statement);
    statement[method] = (...args: unknown[]) => {
      const started = performance.now();
      const result = run(...args);
      if (tracing) {
        const s = stats.get(source) ?? { n: 0, ms: 0 };
        s.n++;
        s.ms += performance.now() - started;
        stats.set(source, s);
      }
      return result;
    };
  }
  return statement;
};

const config = { ...loadConfig({ RATE_LIMIT_PAGES: 'off', ...process.env }), demo: false };
if (config.databaseUrl) throw new Error('page-costs traces SQLite statements; unset DATABASE_URL.');
const store = await openStore(databaseOptions(config));
const app = await buildApp({ store, config });
await app.ready();
for (const url of urls) {
  for (let i = 0; i < 20; i++) await app.inject({ url });
  stats.clear();
  tracing = true;
  const started = performance.now();
  let status = 0;
  for (let i = 0; i < requests; i++) status = (await app.inject({ url })).statusCode;
  const total = performance.now() - started;
  tracing = false;
  const all = [...stats.values()];
  const per = (n: number) => (n / requests).toFixed(2);
  console.log(
    `${url} (${status}): ${per(total)} ms/page, of which SQL ${per(all.reduce((a, s) => a + s.ms, 0))} ms in ${per(all.reduce((a, s) => a + s.n, 0))} statements`,
  );
  for (const [source, s] of [...stats].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12))
    console.log(`  ${per(s.n)}× ${per(s.ms)} ms  ${source.replace(/\s+/g, ' ').slice(0, 140)}`);
}
await app.close();
await store.close();
