// What the in-process page and kudos benchmarks (guest-kudos.ts, page-cpu.ts, page-trips.ts) share:
// the archive of DATABASE_URL or QUIRE_DATA opened as a server opens it, the whole Fastify app on
// it, the page mix of `bin/quire bench pages`, and a watch on every SQL statement sent.
import pg from 'pg';
import BetterSqlite3 from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/web/app.tsx';
import { databaseOptions, loadConfig, type Config } from '../src/config.ts';
import { openStore, type Store } from '../src/store/index.ts';
import { pagesMix, vocabulary } from '../src/cli/bench.ts';

/** The archive the environment names (a corpus: bin/quire corpus), with no page-rate limit unless set; `forced` wins over the environment. */
export async function openBenchStore(forced: Record<string, string> = {}): Promise<{ config: Config; store: Store }> {
  const config = { ...loadConfig({ RATE_LIMIT_PAGES: 'off', ...process.env, ...forced }), demo: false };
  return { config, store: await openStore(databaseOptions(config)) };
}

/** The whole app on the store, ready for app.inject. */
export async function startBenchApp(store: Store, config: Config): Promise<FastifyInstance> {
  const app = await buildApp({ store, config });
  await app.ready();
  return app;
}

/** The first `count` requests of `bin/quire bench pages`'s mix (seed 1). */
export async function benchPages(store: Store, count: number) {
  return pagesMix(store, await vocabulary(store), count, 1);
}

type Query = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Calls `sent` as each SQL statement goes out of this process (pg or better-sqlite3), and `done`
 * once it is answered, with how long that took. Call once, before the store is opened.
 */
export function watchStatements(watch: {
  sent?: (sql: string) => void;
  done?: (sql: string, ms: number) => void;
}): void {
  const clientProto = pg.Client.prototype as unknown as { query: Query };
  const query = clientProto.query;
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text ?? '');
    watch.sent?.(text);
    // Counting alone adds nothing to the CPU a benchmark measures but the call.
    if (!watch.done) return query.apply(this, args);
    const started = performance.now();
    const result = query.apply(this, args);
    const done = () => watch.done?.(text, performance.now() - started);
    if (result && typeof (result as Promise<unknown>).then === 'function')
      (result as Promise<unknown>).then(done, done);
    else done();
    return result;
  };
  const sqliteProto = BetterSqlite3.prototype as unknown as { prepare(source: string): Record<string, Query> };
  const prepare = sqliteProto.prepare;
  sqliteProto.prepare = function (this: unknown, source: string) {
    const statement = prepare.call(this, source);
    for (const method of ['all', 'get', 'run', 'iterate']) {
      const run = statement[method].bind(statement);
      statement[method] = watch.done
        ? (...args: unknown[]) => {
            watch.sent?.(source);
            const started = performance.now();
            const result = run(...args);
            watch.done?.(source, performance.now() - started);
            return result;
          }
        : (...args: unknown[]) => {
            watch.sent?.(source);
            return run(...args);
          };
    }
    return statement;
  };
}
