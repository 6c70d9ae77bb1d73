// What the sitemap and the per-request "do not index" lookups cost, through the application layer
// (`archive.crawlers`, src/app/crawlers.ts), on a big archive.
//
//   QUIRE_DATA=/tmp/qc1m node --import tsx bench/sitemap.ts [--runs N] [--lookups N] [--http]
//
// Uses the archive in QUIRE_DATA (SQLite) or DATABASE_URL (a `bin/quire corpus` one); changes
// nothing in it. Measured:
//  - the sitemap index (/sitemap.xml: one "any indexable row?" query per page of 10,000 ids) and
//    sitemap pages of works (first, middle, last) and of users (first, middle, last), --runs
//    times each (default 21) after one warm-up, rendered to XML as the route does;
//  - `workDirectives(id)` and `memberDirectives(login)`, the lookup every work and user page
//    pays in the robots hook (src/web/robots.ts), --lookups times each (default 2,000) on random
//    works and members, interleaved call by call with existing lookups of the same thing
//    (`store.users.findByLogin`, one statement; `store.works.find`, the work with its creators,
//    tags and chapters), so that a busy machine slows all alike;
//  - with --http, the same sitemap addresses through the whole Fastify app (`app.inject`, no
//    network). This loads the works index first (about a minute at 1,000,000 works).
// Crawlers never ask the works index, so the app layer here is built without loading it.
import { parseArgs } from 'node:util';
import { Archive } from '../src/app/index.ts';
import type { WorkSearch } from '../src/search/work-search.ts';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';
import { sitemapIndexXml, sitemapXml } from '../src/formats/sitemap.ts';
import { SITEMAP_RANGE } from '../src/app/crawlers.ts';
import { userPath, workPath } from '../src/paths.ts';

const { values } = parseArgs({
  options: { runs: { type: 'string' }, lookups: { type: 'string' }, http: { type: 'boolean' } },
});
const runs = Number(values.runs ?? 21);
const lookups = Number(values.lookups ?? 2000);

const config = { ...loadConfig({ RATE_LIMIT_PAGES: 'off', ...process.env }), demo: false };
const store = await openStore(databaseOptions(config));
const noIndex = new Proxy({} as WorkSearch, {
  get() {
    throw new Error('bench/sitemap.ts: the crawlers asked the works index, which this bench does not load');
  },
});
const archive = new Archive({ store, search: noIndex, config });
const { crawlers } = archive;
const origin = 'https://archive.example';

function quantile(list: number[], q: number): number {
  const sorted = [...list].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const us = (n: number) => (n * 1000).toFixed(0);
function report(label: string, times: number[], extra = '', unit: 'ms' | 'µs' = 'ms'): void {
  const show = unit === 'ms' ? ms : us;
  console.log(
    `| ${label} | ${show(quantile(times, 0.5))} ${unit} | ${show(quantile(times, 0.95))} ${unit} | ${times.length} |${extra ? ` ${extra} |` : ''}`,
  );
}
async function timeRuns(run: () => Promise<unknown>): Promise<{ times: number[]; last: unknown }> {
  let last = await run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await run();
    times.push(performance.now() - started);
  }
  return { times, last };
}

const { db } = store.handle;
const counts = await db
  .selectFrom('works')
  .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('top')])
  .executeTakeFirstOrThrow();
const users = await db
  .selectFrom('users')
  .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('top')])
  .executeTakeFirstOrThrow();
const optedOut = await db
  .selectFrom('works')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('noindex', '=', 1)
  .executeTakeFirstOrThrow();
const usersOptedOut = await db
  .selectFrom('users')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .where('noindex', '=', 1)
  .executeTakeFirstOrThrow();
const workPages = Math.ceil(Number(counts.top) / SITEMAP_RANGE);
const userPages = Math.ceil(Number(users.top) / SITEMAP_RANGE);
console.log(
  `${store.dialect}: ${Number(counts.n).toLocaleString('en')} works (${Number(optedOut.n)} opted out), ` +
    `${Number(users.n).toLocaleString('en')} users (${Number(usersOptedOut.n)} opted out); ` +
    `${workPages} works pages and ${userPages} users pages of ${SITEMAP_RANGE.toLocaleString('en')} ids; ` +
    `load average ${(await import('node:os')).loadavg()[0].toFixed(2)}`,
);

console.log(`\n| app layer (archive.crawlers), to XML | median | p95 | runs | rows / bytes |`);
console.log('|---|---:|---:|---:|---|');
{
  const { times, last } = await timeRuns(async () => {
    const index = await crawlers.sitemapIndex();
    return sitemapIndexXml(origin, [
      ...index.works.map((n) => `/sitemaps/works-${n}.xml`),
      ...index.users.map((n) => `/sitemaps/users-${n}.xml`),
    ]);
  });
  const xml = last as string;
  report('sitemap index (`sitemapIndex`)', times, `${xml.split('<sitemap>').length - 1} pages / ${xml.length} B`);
}
const middle = (n: number) => Math.max(1, Math.ceil(n / 2));
const pages: [kind: 'works' | 'users', page: number, label: string][] = [
  ['works', 1, 'first'],
  ['works', middle(workPages), 'middle'],
  ['works', workPages, 'last'],
  ['users', 1, 'first'],
  ['users', middle(userPages), 'middle'],
  ['users', userPages, 'last'],
];
for (const [kind, page, label] of pages) {
  const { times, last } = await timeRuns(async () => {
    const rows = await crawlers.sitemapPage(kind, String(page));
    return {
      rows: rows.length,
      xml: sitemapXml(
        origin,
        rows.map((row) => ({
          path: kind === 'works' ? workPath(row.id) : userPath(row.login ?? ''),
          lastmod: row.lastmod,
        })),
      ),
    };
  });
  const { rows, xml } = last as { rows: number; xml: string };
  report(`${kind} page ${page} (${label}, \`sitemapPage\`)`, times, `${rows} rows / ${xml.length} B`);
}

// Random works and members, the same for every lookup.
let seed = 42;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const workIds = Array.from({ length: lookups }, () => 1 + Math.floor(rand() * Number(counts.top)));
const loginRows = await db
  .selectFrom('users')
  .select('login')
  .where(
    'id',
    'in',
    Array.from({ length: Math.min(lookups, 5000) }, () => 1 + Math.floor(rand() * Number(users.top))),
  )
  .execute();
const logins = Array.from({ length: lookups }, (_, i) => loginRows[i % loginRows.length].login);

const lookupsTimed: [string, (i: number) => Promise<unknown>][] = [
  ['`workDirectives(id)` (the robots hook on a work page)', (i) => crawlers.workDirectives(String(workIds[i]))],
  ['`store.crawlers.workOptedOut(id)` (its one statement)', (i) => store.crawlers.workOptedOut(workIds[i])],
  ['`store.works.find(id)` (the work page reads it anyway)', (i) => store.works.find(workIds[i])],
  ['`memberDirectives(login)` (the robots hook on a user page)', (i) => crawlers.memberDirectives(logins[i])],
  ['`store.users.findByLogin(login)` (one statement)', (i) => store.users.findByLogin(logins[i])],
];
const lookupTimes = lookupsTimed.map(() => [] as number[]);
for (let i = 0; i < Math.min(200, lookups); i++) for (const [, run] of lookupsTimed) await run(i); // warm-up
let marked = 0;
for (let i = 0; i < lookups; i++)
  for (let k = 0; k < lookupsTimed.length; k++) {
    const started = performance.now();
    const answer = await lookupsTimed[k][1](i);
    lookupTimes[k].push(performance.now() - started);
    if (k === 0 && answer !== undefined) marked++;
  }
console.log(
  `\n| per-request lookup (${lookups} random works / members, interleaved) | median | p95 | calls |\n|---|---:|---:|---:|`,
);
lookupsTimed.forEach(([label], k) => report(label, lookupTimes[k], '', 'µs'));
console.log(`(${marked} of the ${lookups} works asked not to be indexed)`);

if (values.http) {
  const { buildApp } = await import('../src/web/app.tsx');
  let started = performance.now();
  const app = await buildApp({ store, config });
  await app.ready();
  console.log(`\nbuildApp (works index load): ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `\n| through the app (\`app.inject\`, no network) | median | p95 | runs | status / bytes |\n|---|---:|---:|---:|---|`,
  );
  // A posted public work in the middle of the archive, as a guest reads it.
  const publicWork = await db
    .selectFrom('works')
    .select('id')
    .where('visibility', '=', 'public')
    .where('published_at', 'is not', null)
    .where('id', '>=', Math.floor(Number(counts.top) / 2))
    .orderBy('id')
    .limit(1)
    .executeTakeFirstOrThrow();
  const urls = [
    '/sitemap.xml',
    ...pages.map(([kind, page]) => `/sitemaps/${kind}-${page}.xml`),
    `/works/${publicWork.id}?view_adult=true`, // past the adult-content notice, whatever its rating
    `/users/${encodeURIComponent(logins[0])}`,
  ];
  for (const url of urls) {
    // A new address each time, so the sitemap's rate limit (300 a minute an address) never answers.
    let address = 0;
    const inject = () => app.inject({ url, remoteAddress: `10.7.${(address >> 8) & 255}.${address++ & 255}` });
    await inject();
    const times: number[] = [];
    let status = 0;
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      const response = await inject();
      times.push(performance.now() - started);
      status = response.statusCode;
      bytes = response.rawPayload.length;
    }
    report(`GET ${url}`, times, `${status} / ${bytes} B`);
  }
  await app.close();
}
await store.close();
