// CPU per rendered work and chapter page, on either database: pages of `bin/quire bench pages`'s
// mix requested through the whole Fastify app (app.inject, no network), 8 at a time, with no
// page kept (GUEST_PAGES_MB=0), after a warm-up. Reports the Node process's CPU (process.cpuUsage),
// the CPU of the PostgreSQL backends of that database (utime + stime from /proc/<pid>/stat, the
// server being on this machine) and the SQL statements sent, per page. For the cost of a page
// that is rendered, not for throughput (see `bin/quire bench pages`).
//
//   QUIRE_DATA=/tmp/s20k node --import tsx bench/page-cpu.ts [--pages 600] [--warmup 300] [--concurrency 8] [--rounds 1]
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/g20k node --import tsx bench/page-cpu.ts …
//
// Each round renders the next --pages pages of the mix (work and chapter pages only), so the same
// page is not asked twice in a run (caches of the works index and the database stay warm).
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { benchPages, openBenchStore, startBenchApp, watchStatements } from './support.ts';

const { values } = parseArgs({
  options: {
    pages: { type: 'string' },
    warmup: { type: 'string' },
    concurrency: { type: 'string' },
    rounds: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const pages = Number(values.pages ?? 600);
const warmup = Number(values.warmup ?? 300);
const concurrency = Number(values.concurrency ?? 8);
const rounds = Number(values.rounds ?? 1);

let statements = 0;
watchStatements({ sent: () => statements++ });

const { config, store } = await openBenchStore({ GUEST_PAGES_MB: '0' });
const mix = await benchPages(store, 20_000);
const seen = new Set<string>();
const rendered = mix.filter((s) => (s.kind === 'chapter' || s.kind === 'work') && !seen.has(s.url) && seen.add(s.url));
if (rendered.length < warmup + pages * rounds) throw new Error(`The mix has only ${rendered.length} distinct pages.`);
const app = await startBenchApp(store, config);

/** Clock ticks of the PostgreSQL backends serving this database (0 on SQLite). */
const msPerTick = 10; // USER_HZ is 100 on Linux
async function backendTicks(): Promise<number> {
  if (store.dialect !== 'postgres') return 0;
  const { rows } = await sql<{
    pid: number;
  }>`select pid from pg_stat_activity where datname = current_database()`.execute(store.handle.db);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The backend ended meanwhile.
    }
  }
  return ticks;
}

async function render(urls: string[]): Promise<number> {
  let next = 0;
  let failed = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const response = await app.inject({ url: urls[next++] });
        if (response.statusCode !== 200) failed++;
      }
    }),
  );
  return failed;
}

await render(rendered.slice(0, warmup).map((s) => s.url));
const results = [];
for (let round = 0; round < rounds; round++) {
  const urls = rendered.slice(warmup + round * pages, warmup + (round + 1) * pages).map((s) => s.url);
  const ticks = await backendTicks();
  statements = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const failed = await render(urls);
  const elapsed = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const sent = statements;
  const pgMs = ((await backendTicks()) - ticks) * msPerTick;
  const nodeMs = (used.user + used.system) / 1000 / urls.length;
  const result = {
    dialect: store.dialect,
    pages: urls.length,
    failed,
    node_cpu_ms: +nodeMs.toFixed(2),
    pg_cpu_ms: +(pgMs / urls.length).toFixed(2),
    total_cpu_ms: +(nodeMs + pgMs / urls.length).toFixed(2),
    wall_ms: +(elapsed / urls.length).toFixed(2),
    statements: +(sent / urls.length).toFixed(2),
    load_average_1m: +loadavg()[0].toFixed(2),
  };
  results.push(result);
  if (!values.json)
    console.log(
      `${result.dialect}: ${result.pages} pages (${failed} not 200), Node ${result.node_cpu_ms} ms/page, PostgreSQL ${result.pg_cpu_ms} ms/page, total ${result.total_cpu_ms}, wall ${result.wall_ms} ms/page, ${result.statements} statements/page, load ${result.load_average_1m}`,
    );
}
if (values.json) console.log(JSON.stringify(results));
await app.close();
await store.close();
