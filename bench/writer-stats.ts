/**
 * The writer's statistics page (/users/LOGIN/stats) at scale: a writer with 200 works among
 * 1,000,000, and a year of daily figures (the writer's 200 works every day, and 8,000 other works
 * a day: about 3 million rows). Builds the archive once in DIR (SQLite; the works are minimal
 * rows, without chapters or tags, which this page never reads), then times the use case and the
 * whole page over HTTP (the Fastify app, logged in, rendered) for each chooser, and prints the
 * query plans.
 *
 * Usage: node --import tsx bench/writer-stats.ts [DIR]   (default /tmp/quire-writer-stats)
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { CompiledQuery, sql } from 'kysely';
import { openStore, type Store } from '../src/store/index.ts';
import { buildApp } from '../src/web/app.tsx';
import { loadConfig } from '../src/config.ts';
import { hashPassword } from '../src/domain/passwords.ts';
import { utcDay } from '../src/domain/kudos.ts';
import { Agent } from '../test/support/http.ts';

const WORKS = 1_000_000;
const OTHER_USERS = 1_000;
const WRITER_WORKS = 200;
const DAYS = 365;
const OTHER_ACTIVE_PER_DAY = 8_000;
const PASSWORD = 'bench writer password';

const dir = process.argv[2] ?? '/tmp/quire-writer-stats';
const fresh = !existsSync(join(dir, 'quire.db'));
mkdirSync(dir, { recursive: true });
const store = await openStore({ sqlitePath: join(dir, 'quire.db') });
const db = store.handle.db;
const today = utcDay();

async function build(store: Store): Promise<void> {
  const started = performance.now();
  const step = (what: string) => console.log(`  ${what} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  for (let i = 1; i <= OTHER_USERS; i++)
    await store.users.create({ login: `reader${i}`, email: `reader${i}@example.org`, passwordHash: 'x' });
  step(`${OTHER_USERS} members`);
  const writer = await store.users.create({
    login: 'bench_writer',
    email: 'bench_writer@example.org',
    passwordHash: await hashPassword(PASSWORD),
  });
  const [writerPseud] = await store.pseuds.listForUser(writer.id);
  await sql`insert into works (id, title, summary, notes, end_notes, disclaimer, rating, language, visibility, comment_policy,
      moderated, expected_chapters, complete, published_at, created_at, updated_at, word_count, chapter_count,
      hits, kudos_count, comment_count, bookmark_count)
    with recursive n(i) as (select 1 union all select i + 1 from n where i < ${WORKS})
    select i, 'Work ' || i, '', '', '', '', 'General Audiences', 'en', 'public', 'everyone', 0, 1, 1,
      '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z', 1000 + i % 5000, 1 + i % 10,
      i % 10007, i % 1009, i % 101, i % 53
    from n`.execute(db);
  step(`${WORKS} works`);
  // Every work by one of the other members' pen names; the writer's 200 spread through the table.
  await sql`insert into creatorships (work_id, pseud_id, position, accepted)
    select works.id, pseuds.id, 0, 1 from works
    join pseuds on pseuds.user_id = 1 + works.id % ${OTHER_USERS} and pseuds.is_default = 1
    where works.id % ${WORKS / WRITER_WORKS} <> 7`.execute(db);
  await sql`insert into creatorships (work_id, pseud_id, position, accepted)
    select id, ${writerPseud.id}, 0, 1 from works where id % ${WORKS / WRITER_WORKS} = 7`.execute(db);
  step('creatorships');
  // A year of days: the writer's works every day, and other works (8,000 a day) around them.
  await sql`insert or ignore into work_stats_daily (work_id, day, hits, kudos, comments, bookmarks, subscriptions)
    with recursive d(i) as (select 0 union all select i + 1 from d where i < ${DAYS - 1}),
      w(j) as (select 1 union all select j + 1 from w where j < ${OTHER_ACTIVE_PER_DAY})
    select 1 + (j * 7919 + i * 104729) % ${WORKS}, date(${today}, '-' || i || ' days'), 1 + (i + j) % 9, (i * j) % 3, (i + j) % 7 = 0, 0, 0
    from d, w`.execute(db);
  step('other works’ daily rows');
  await sql`insert or ignore into work_stats_daily (work_id, day, hits, kudos, comments, bookmarks, subscriptions)
    with recursive d(i) as (select 0 union all select i + 1 from d where i < ${DAYS - 1})
    select works.id, date(${today}, '-' || i || ' days'), 1 + (works.id + i) % 30, (works.id * i) % 4, (works.id + i) % 5 = 0,
      (works.id + i) % 11 = 0, (works.id + i) % 13 = 0
    from works, d where works.id % ${WORKS / WRITER_WORKS} = 7`.execute(db);
  step('the writer’s daily rows');
  // Subscriptions: every other member to 20 works, and all of them to a few of the writer's.
  await sql`insert or ignore into subscriptions (user_id, target_kind, target_id, created_at)
    with recursive k(i) as (select 1 union all select i + 1 from k where i < ${OTHER_USERS * 20})
    select 1 + i % ${OTHER_USERS}, 'work', 1 + (i * 7919) % ${WORKS}, '2025-01-01T00:00:00.000Z' from k`.execute(db);
  await sql`insert or ignore into subscriptions (user_id, target_kind, target_id, created_at)
    select users.id, 'work', works.id, '2025-01-01T00:00:00.000Z' from users, works
    where users.id <= ${OTHER_USERS} and works.id % ${WORKS / WRITER_WORKS} = 7 and (users.id + works.id) % 10 = 0`.execute(
    db,
  );
  // One of the writer's works has 10 chapters; every other member read some way into it.
  await sql`update works set chapter_count = 10 where id = ${7}`.execute(db);
  await sql`insert into readings (user_id, work_id, chapter_id, visits, marked_for_later, last_read_at, furthest_position)
    select id, 7, null, 1, 0, '2026-01-01T00:00:00.000Z', 1 + (id * 37) % 10 from users where id <= ${OTHER_USERS}`.execute(
    db,
  );
  // Other works' readers too, so the index holds more than this work.
  await sql`insert or ignore into readings (user_id, work_id, chapter_id, visits, marked_for_later, last_read_at, furthest_position)
    with recursive k(i) as (select 1 union all select i + 1 from k where i < 200000)
    select 1 + i % ${OTHER_USERS}, 1 + (i * 104729) % ${WORKS}, null, 1, 0, '2026-01-01T00:00:00.000Z', 1 + i % 5 from k`.execute(
    db,
  );
  step('subscriptions and readings');
  await sql`analyze`.execute(db);
  step('analyze');
}

if (fresh) {
  console.log(`Building the archive in ${dir} …`);
  await build(store);
}

const count = async (table: 'works' | 'work_stats_daily' | 'subscriptions' | 'readings') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
console.log(
  `works ${await count('works')}, daily rows ${await count('work_stats_daily')}, subscriptions ${await count('subscriptions')}, readings ${await count('readings')}`,
);

// Daily figures have been kept for the whole year (the page shows nothing from before that day).
const yearAgo = new Date();
yearAgo.setUTCDate(yearAgo.getUTCDate() - (DAYS - 1));
await store.workStats.setSince(utcDay(yearAgo));

const writer = (await store.users.findByLogin('bench_writer'))!;
const workIds = (await store.workStats.worksOf(writer.id)).map((w) => w.workId);
console.log(`the writer has ${workIds.length} works`);

// The plans of the page's queries (SQLite's EXPLAIN QUERY PLAN).
async function plan(label: string, query: { compile(): { sql: string; parameters: readonly unknown[] } }) {
  const compiled = query.compile();
  const result = await db.executeQuery<{ detail: string }>(
    CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
  );
  console.log(`\n${label}:\n${result.rows.map((r) => `  ${r.detail}`).join('\n')}`);
}
await plan(
  'daily figures, all works, from 30 days ago',
  db
    .selectFrom('work_stats_daily')
    .select((eb) => ['day', eb.fn.sum<number>('hits').as('hits')])
    .where('work_id', 'in', workIds)
    .where('day', '>=', '2026-11-05')
    .groupBy('day')
    .orderBy('day'),
);
await plan(
  'the writer’s works',
  db
    .selectFrom('works')
    .select(['works.id', 'works.hits'])
    .where(
      'works.id',
      'in',
      db
        .selectFrom('creatorships as c')
        .innerJoin('pseuds as p', 'p.id', 'c.pseud_id')
        .select('c.work_id')
        .where('p.user_id', '=', writer.id)
        .where('c.accepted', '=', 1),
    )
    .where('works.published_at', 'is not', null),
);
await plan(
  'subscriptions per work',
  db
    .selectFrom('subscriptions')
    .select((eb) => ['target_id', eb.fn.countAll<number>().as('n')])
    .where('target_kind', '=', 'work')
    .where('target_id', 'in', workIds)
    .groupBy('target_id'),
);
await plan(
  'readers’ furthest chapters',
  db
    .selectFrom('readings')
    .select((eb) => ['furthest_position', eb.fn.countAll<number>().as('n')])
    .where('work_id', '=', 7)
    .where('furthest_position', 'is not', null)
    .groupBy('furthest_position'),
);

const RUNS = 30;

function summary(times: number[]): string {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return `median ${at(0.5).toFixed(1)} ms, p95 ${at(0.95).toFixed(1)} ms, max ${sorted.at(-1)!.toFixed(1)} ms`;
}

// The store's queries alone, as the use case makes them.
{
  const since = utcDay(yearAgo);
  const timings: Record<string, number[]> = { worksOf: [], 'daily, 30 days': [], 'daily, a year': [], furthest: [] };
  for (let i = 0; i < RUNS + 3; i++) {
    const t0 = performance.now();
    await store.workStats.worksOf(writer.id);
    const t1 = performance.now();
    await store.workStats.daily(workIds, utcDay(new Date(Date.now() - 29 * 86_400_000)));
    const t2 = performance.now();
    await store.workStats.daily(workIds, since);
    const t3 = performance.now();
    await store.workStats.furthestChapters(7);
    const t4 = performance.now();
    if (i < 3) continue;
    timings.worksOf.push(t1 - t0);
    timings['daily, 30 days'].push(t2 - t1);
    timings['daily, a year'].push(t3 - t2);
    timings.furthest.push(t4 - t3);
  }
  console.log(`\nstore queries, ${RUNS} runs each:`);
  for (const [label, times] of Object.entries(timings)) console.log(`  ${label}: ${summary(times)}`);
}

const config = loadConfig({ QUIRE_DATA: dir, RATE_LIMIT_PAGES: 'off' }, { demo: false });
const app = await buildApp({ store, config });
const agent = new Agent(app);
const login = await agent.submit('/login', { identifier: 'bench_writer', password: PASSWORD });
if (login.status !== 303) throw new Error(`log-in failed: ${login.status}`);

console.log(`\n${RUNS} runs each (after 3 warm-up runs):`);
const cases: [string, Record<string, string>][] = [
  ['by day, all works', {}],
  ['by week, all works', { period: 'week' }],
  ['by month, all works', { period: 'month' }],
  ['by year, all works', { period: 'year' }],
  ['by day, sorted by kudos ascending', { sort: 'kudos', direction: 'asc' }],
  ['by month, one work of 10 chapters (with readers’ reach)', { period: 'month', work: '7' }],
];
for (const [label, query] of cases) {
  const useCase: number[] = [];
  const page: number[] = [];
  for (let i = 0; i < RUNS + 3; i++) {
    const { archive } = app.quire;
    const start = performance.now();
    await archive.writerStats.stats(writer, 'bench_writer', query);
    const mid = performance.now();
    const response = await agent.get(`/users/bench_writer/stats?${new URLSearchParams(query)}`);
    const end = performance.now();
    if (response.status !== 200) throw new Error(`the page answered ${response.status}`);
    if (i >= 3) {
      useCase.push(mid - start);
      page.push(end - mid);
    }
  }
  console.log(`  ${label}: use case ${summary(useCase)}; whole page over HTTP ${summary(page)}`);
}
const csv: number[] = [];
for (let i = 0; i < RUNS + 3; i++) {
  const start = performance.now();
  await agent.get('/users/bench_writer/stats.csv');
  if (i >= 3) csv.push(performance.now() - start);
}
console.log(`  CSV download: ${summary(csv)}`);
await app.close();
await store.close();
