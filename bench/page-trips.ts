// Round trips per page, on either database: the pages of `bin/quire bench pages`'s mix requested
// through the whole Fastify app (app.inject, no network) by one guest keeping its cookies, and
// the SQL statements each page sends (on PostgreSQL each one is a round trip). For finding where
// a page's time goes, not for throughput (see `bin/quire bench pages`).
//
//   DATABASE_URL=postgres://… node --import tsx bench/page-trips.ts [--pages N] [--top N]
//   QUIRE_DATA=/tmp/c100k    node --import tsx bench/page-trips.ts
//
// The first N pages of the mix are asked for twice: first views (rendered, a first reading's hit)
// and then again (kept guest pages, readings already counted).
import { parseArgs } from 'node:util';
import { benchPages, openBenchStore, startBenchApp, watchStatements } from './support.ts';

const { values } = parseArgs({ options: { pages: { type: 'string' }, top: { type: 'string' } } });
const pages = Number(values.pages ?? 300);
const top = Number(values.top ?? 8);

let statements: { sql: string; ms: number }[] | null = null;
const note = (sql: string, ms: number) => statements?.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 150), ms });

watchStatements({ done: note });

const { config, store } = await openBenchStore();
const samples = (await benchPages(store, pages)).slice(0, pages);
const app = await startBenchApp(store, config);
const jar = new Map<string, string>();

for (const pass of ['first views', 'again (kept pages)']) {
  const byKind = new Map<string, { n: number; ms: number; statements: number; sql: Map<string, number> }>();
  for (const sample of samples) {
    statements = [];
    const started = performance.now();
    const response = await app.inject({ url: sample.url, cookies: Object.fromEntries(jar) });
    const ms = performance.now() - started;
    // Let statements that finish after the response (none should) still be counted.
    await new Promise((resolve) => setImmediate(resolve));
    for (const c of response.cookies) jar.set(c.name, c.value);
    const k = byKind.get(sample.kind) ?? { n: 0, ms: 0, statements: 0, sql: new Map() };
    k.n++;
    k.ms += ms;
    k.statements += statements.length;
    for (const s of statements) k.sql.set(s.sql, (k.sql.get(s.sql) ?? 0) + 1);
    byKind.set(sample.kind, k);
    if (response.statusCode !== 200) console.log(`  ${response.statusCode} ${sample.url}`);
  }
  statements = null;
  console.log(`\n${pass} (${store.dialect}):`);
  for (const [kind, k] of [...byKind].sort()) {
    console.log(
      `${kind.padEnd(8)} ${String(k.n).padStart(4)} pages  ${(k.ms / k.n).toFixed(2)} ms/page  ${(k.statements / k.n).toFixed(2)} statements/page`,
    );
    for (const [sql, n] of [...k.sql].sort((a, b) => b[1] - a[1]).slice(0, top))
      console.log(`    ${(n / k.n).toFixed(2)}× ${sql}`);
  }
}
await app.close();
await store.close();
