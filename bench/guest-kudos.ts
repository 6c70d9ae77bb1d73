// Guest kudos per second on either database: POST /works/:id/kudos through the whole Fastify app
// (app.inject, no network, with sessions, CSRF and the kudos rate limit), each from a guest of an
// address of its own, `--concurrency` at a time for `--seconds`, after a short warm-up; and the SQL
// statements sent per kudos (on PostgreSQL each one is a round trip), the final write included,
// and this process's CPU time per kudos.
//
//   DATABASE_URL=postgres://… node --import tsx bench/guest-kudos.ts [--seconds 20] [--concurrency 16]
//   QUIRE_DATA=/tmp/c20k      node --import tsx bench/guest-kudos.ts
//
// Needs a corpus (bin/quire corpus). Every run leaves kudos from new addresses, so runs on one
// database do not meet each other's guests; it checks that each kudos answered is in the database.
import { parseArgs } from 'node:util';
import { openBenchStore, startBenchApp, watchStatements } from './support.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string' },
    concurrency: { type: 'string' },
    warmup: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const seconds = Number(values.seconds ?? 20);
const concurrency = Number(values.concurrency ?? 16);
const warmupSeconds = Number(values.warmup ?? 3);

let statements = 0;
watchStatements({ sent: () => statements++ });

const { config, store } = await openBenchStore();
const works = (
  await store.handle.db
    .selectFrom('works')
    .select('id')
    .where('visibility', '=', 'public')
    .where('published_at', 'is not', null)
    .orderBy('id')
    .limit(1000)
    .execute()
).map((w) => w.id);
if (works.length === 0) throw new Error('No public works: build a corpus first (bin/quire corpus).');
const app = await startBenchApp(store, config);

// One page for the CSRF secret and its token, shared by every request (as test/web/kudos.test.ts does).
const page = await app.inject({ url: `/works/${works[0]}`, remoteAddress: '192.0.2.1' });
const csrf = page.cookies.find((c) => c.name === '_csrf')!.value;
const token = /name="csrf-token" content="([^"]+)"/.exec(page.body)![1];
const payload = `_csrf=${encodeURIComponent(token)}`;

// Addresses of their own: 100.64.0.0/10 from a random start, so repeated runs meet no earlier guest.
let next = Math.floor(Math.random() * 0x300000);
const address = () => {
  const n = next++ % 0x3fffff;
  return `100.${64 + (n >> 16)}.${(n >> 8) & 255}.${n & 255}`;
};

async function run(forMs: number, times: number[]): Promise<{ ok: number; other: Map<number, number> }> {
  const until = performance.now() + forMs;
  let ok = 0;
  const other = new Map<number, number>();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const work = works[Math.floor(Math.random() * works.length)];
        const started = performance.now();
        const response = await app.inject({
          method: 'POST',
          url: `/works/${work}/kudos`,
          remoteAddress: address(),
          headers: { cookie: `_csrf=${csrf}`, 'content-type': 'application/x-www-form-urlencoded' },
          payload,
        });
        times.push(performance.now() - started);
        if (response.statusCode === 303) ok++;
        else other.set(response.statusCode, (other.get(response.statusCode) ?? 0) + 1);
      }
    }),
  );
  return { ok, other };
}

await run(warmupSeconds * 1000, []);
// Clear of the warm-up's last kudos, which may share its millisecond.
await new Promise((resolve) => setTimeout(resolve, 5));
const started = new Date().toISOString();
await new Promise((resolve) => setTimeout(resolve, 5));
statements = 0;
const times: number[] = [];
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const { ok, other } = await run(seconds * 1000, times);
const elapsed = (performance.now() - t0) / 1000;
// The server's close writes what is still gathered: part of the cost of these kudos.
await app.close();
const cpu = process.cpuUsage(cpu0);
const perKudos = statements / ok;
const written = Number(
  (
    await store.handle.db
      .selectFrom('kudos')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>=', started)
      .where('guest_key', 'is not', null)
      .executeTakeFirstOrThrow()
  ).n,
);
await store.close();
times.sort((a, b) => a - b);
const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((times.length * p) / 100))] ?? 0;
const result = {
  engine: config.databaseUrl ? 'postgres' : 'sqlite',
  concurrency,
  seconds: Math.round(elapsed * 10) / 10,
  kudos: ok,
  kudosPerSecond: Math.round(ok / elapsed),
  p50ms: Math.round(pct(50) * 10) / 10,
  p99ms: Math.round(pct(99) * 10) / 10,
  statementsPerKudos: Math.round(perKudos * 10) / 10,
  // This process only (the app and the pg client), not PostgreSQL's own.
  appCpuMsPerKudos: Math.round(((cpu.user + cpu.system) / 1000 / ok) * 100) / 100,
  written,
  otherAnswers: Object.fromEntries(other),
};
if (values.json) console.log(JSON.stringify(result));
else console.table(result);
if (written !== ok) {
  console.error(`${ok} kudos answered but ${written} written`);
  process.exitCode = 1;
}
