import { parseArgs } from 'node:util';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { loadavg } from 'node:os';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { databaseOptions, type Config } from '../config.ts';
import { openStore, type Store } from '../store/index.ts';
import { random, Zipf } from '../corpus/generate.ts';
import { worksSearchPath, chapterPath, workPath, tagPath } from '../paths.ts';
import { BENCH_MATCHING_HELP, runMatchingBench } from './bench-matching.ts';

export const BENCH_HELP = `  bench search|pages [--json] [--seed S] [--url URL] [--workers N] [--queries N] [--seconds N] [--connections N] [--warmup N]
                          Measure the archive over HTTP: a seeded mix of filtered listings and text
                          searches (search), or a browsing load, mostly chapter pages (pages).
                          Starts bin/quire serve on the current database unless --url is given.
                          pages: reports the share of pages served from kept guest pages, and warms
                          up until that share settles (--warmup N: N requests instead, at most
                          --warmup-seconds S, default 300); --rendered-only keeps no guest pages.
${BENCH_MATCHING_HELP}`;

const QUIRE = fileURLToPath(new URL('../../bin/quire', import.meta.url));

interface Sample {
  kind: string;
  url: string;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summary(ms: number[]) {
  const sorted = [...ms].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    count: sorted.length,
    p50_ms: round(percentile(sorted, 50)),
    p95_ms: round(percentile(sorted, 95)),
    p99_ms: round(percentile(sorted, 99)),
  };
}

/** Starts `bin/quire serve` on a free port and resolves with its address once it listens. */
async function startServer(
  workers: number,
  env: Record<string, string>,
): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [QUIRE, 'serve', '--port', '0', '--no-demo', '--workers', String(workers)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    // The load comes from one address: no ceiling on its pages unless RATE_LIMIT_PAGES asks for one.
    env: { RATE_LIMIT_PAGES: 'off', ...process.env, ...env },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Quire is serving (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1].replace('localhost', '127.0.0.1'));
    });
    child.once('exit', (code) => reject(new Error(`bin/quire serve exited with ${code}: ${out}`)));
  });
  return { url, child };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Cookies one simulated reader's browser keeps (the CSRF secret, reading settings …), sent back as a browser would. */
type CookieJar = Map<string, string>;

function get(base: string, path: string, jar: CookieJar): Promise<{ status: number; ms: number }> {
  const started = process.hrtime.bigint();
  const cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  return new Promise((resolve, reject) => {
    const request = http.get(`${base}${path}`, { agent, headers: cookie ? { cookie } : {} }, (response) => {
      for (const line of response.headers['set-cookie'] ?? []) {
        const [pair] = line.split(';');
        const at = pair.indexOf('=');
        if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1));
      }
      response.on('data', () => undefined);
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, ms: Number(process.hrtime.bigint() - started) / 1e6 }),
      );
      response.on('error', reject);
    });
    request.on('error', reject);
  });
}

/** Runs the samples with `connections` requests in flight; returns each latency by kind. */
async function drive(base: string, samples: Sample[], connections: number, until?: number) {
  const byKind = new Map<string, number[]>();
  const statuses = new Map<number, number>();
  let next = 0;
  let done = 0;
  // Each connection is one reader with one browser.
  const worker = async () => {
    const jar: CookieJar = new Map();
    for (;;) {
      if (until !== undefined ? Date.now() >= until : next >= samples.length) return;
      const sample = samples[next++ % samples.length];
      const { status, ms } = await get(base, sample.url, jar);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      const list = byKind.get(sample.kind) ?? [];
      list.push(ms);
      byKind.set(sample.kind, list);
      done++;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: connections }, worker));
  return { byKind, statuses, done, seconds: (Date.now() - started) / 1000 };
}

/** Guest pages the servers answered so far, from /metrics (every process's, added up). */
interface GuestPageCounts {
  kept: number;
  rendered: number;
}

/**
 * Reads quire_guest_pages_total from /metrics (the token is the bench's own when it started the
 * servers); undefined when the servers do not say (no token, or an older Quire).
 */
async function guestPageCounts(base: string, token: string | undefined): Promise<GuestPageCounts | undefined> {
  if (!token) return undefined;
  const text = await new Promise<string | undefined>((resolve, reject) => {
    http
      .get(`${base}/metrics`, { agent, headers: { authorization: `Bearer ${token}` } }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve(response.statusCode === 200 ? body : undefined));
        response.on('error', reject);
      })
      .on('error', reject);
  });
  if (text === undefined) return undefined;
  const counts = { kept: 0, rendered: 0 };
  for (const match of text.matchAll(/^quire_guest_pages_total\{([^}]*)\} (\S+)$/gm)) {
    const answer = /answer="(kept|rendered)"/.exec(match[1])?.[1] as keyof GuestPageCounts | undefined;
    if (answer) counts[answer] += Number(match[2]);
  }
  return counts;
}

/** The share of pages served from kept copies between two readings (0 when none were asked for). */
function keptShare(before: GuestPageCounts | undefined, after: GuestPageCounts | undefined, requests: number) {
  if (!before || !after) return undefined;
  const kept = after.kept - before.kept;
  const asked = Math.max(requests, kept + after.rendered - before.rendered);
  return { kept, rendered: asked - kept, share: asked === 0 ? 0 : kept / asked };
}

/** `n` samples from `offset` on, going round the list. */
function cycle(samples: Sample[], offset: number, n: number): Sample[] {
  return Array.from({ length: n }, (_, i) => samples[(offset + i) % samples.length]);
}

/** Warm-up rounds whose kept shares differ by at most this are settled. */
const SETTLED_WITHIN = 0.03;
const SETTLED_ROUNDS = 3;

interface Vocabulary {
  fandoms: string[];
  characters: string[];
  relationships: string[];
  freeforms: string[];
  words: string[];
}

/** The most used tags of each kind (most used first) and title words, to build realistic queries from. */
export async function vocabulary(store: Store): Promise<Vocabulary> {
  const top = async (kind: string, limit: number) =>
    (
      await sql<{
        name: string;
      }>`select tags.name from tags join (select tag_id, count(*) as n from taggings group by tag_id) used on used.tag_id = tags.id
        where tags.kind = ${kind} and tags.merger_id is null order by used.n desc, tags.id limit ${limit}`.execute(
        store.handle.db,
      )
    ).rows.map((r) => r.name);
  const titles = await store.handle.db.selectFrom('works').select('title').orderBy('id').limit(2000).execute();
  const words = [...new Set(titles.flatMap((t) => t.title.toLowerCase().match(/[\p{L}]{4,}/gu) ?? []))];
  return {
    fandoms: await top('fandom', 100),
    characters: await top('character', 200),
    relationships: await top('relationship', 100),
    freeforms: await top('freeform', 300),
    words,
  };
}

const q = (params: Record<string, string>) => worksSearchPath(params);

/** A fixed, seeded mix: tag-filtered listings (with sidebar counts) and text queries, as readers use them. */
export function searchMix(v: Vocabulary, count: number, seed: number): Sample[] {
  const rand = random(seed);
  const pick = (list: string[], s = 1.0) => list[new Zipf(list.length, s).pick(rand)];
  // Readers search for names and rarer words more than for the commonest ones.
  const word = () => (rand() < 0.3 ? pick(v.words) : v.words[Math.floor(rand() * v.words.length)]);
  const sorts = ['kudos', 'hits', 'updated', 'words', 'bookmarks', 'title'];
  const samples: Sample[] = [];
  const kinds: [string, number, () => string][] = [
    ['filter_fandom', 25, () => q({ include_fandom: pick(v.fandoms) })],
    [
      'filter_tags',
      20,
      () =>
        q({
          include_fandom: pick(v.fandoms),
          include_freeform: pick(v.freeforms.slice(0, 30)),
          exclude_freeform: pick(v.freeforms.slice(0, 30)),
          complete: 'yes',
          sort: sorts[Math.floor(rand() * sorts.length)],
        }),
    ],
    [
      'filter_character',
      10,
      () =>
        q({
          include_character: pick(v.characters),
          exclude_warning: 'Major Character Death',
          crossovers: 'exclude',
          sort: 'kudos',
        }),
    ],
    [
      'browse_all',
      10,
      () => q({ sort: sorts[Math.floor(rand() * sorts.length)], page: String(1 + Math.floor(rand() * 20)) }),
    ],
    [
      'filter_ranges',
      10,
      () =>
        q({
          words_from: '10000',
          words_to: '100000',
          language: 'en',
          include_rating: 'General Audiences',
          sort: 'kudos',
        }),
    ],
    ['text', 15, () => q({ q: `${word()} ${rand() < 0.5 ? word() : ''}`.trim() })],
    ['text_filtered', 7, () => q({ q: `${word()} words>5000`, include_fandom: pick(v.fandoms) })],
    ['text_phrase', 3, () => q({ q: `"of the ${word()}" kudos>10`, sort: 'kudos' })],
  ];
  const total = kinds.reduce((n, k) => n + k[1], 0);
  for (let i = 0; i < count; i++) {
    let roll = rand() * total;
    const kind = kinds.find((k) => (roll -= k[1]) < 0) ?? kinds[0];
    samples.push({ kind: kind[0], url: kind[2]() });
  }
  return samples;
}

/** Browsing as readers do: mostly chapters, then work pages, listings and tag pages. */
export async function pagesMix(store: Store, v: Vocabulary, count: number, seed: number): Promise<Sample[]> {
  const rand = random(seed);
  const max = Number(
    (
      await store.handle.db
        .selectFrom('chapters')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
    )?.id ?? 0,
  );
  const wanted = Array.from({ length: 4000 }, () => 1 + Math.floor(rand() * max));
  const chapters: { id: number; work_id: number }[] = [];
  for (let i = 0; i < wanted.length; i += 500) {
    chapters.push(
      ...(await store.handle.db
        .selectFrom('chapters')
        .innerJoin('works', 'works.id', 'chapters.work_id')
        .select(['chapters.id', 'chapters.work_id'])
        .where('chapters.id', 'in', wanted.slice(i, i + 500))
        .where('works.visibility', '=', 'public')
        .where('chapters.draft', '=', 0)
        .execute()),
    );
  }
  if (chapters.length === 0)
    throw new Error(
      'The archive has no public chapters to read; generate a corpus first (bin/quire corpus --works N).',
    );
  const listings = searchMix(v, 200, seed + 1).filter((s) => !s.kind.startsWith('text'));
  const samples: Sample[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rand();
    const chapter = chapters[Math.floor(rand() * chapters.length)];
    if (roll < 0.7) samples.push({ kind: 'chapter', url: chapterPath(chapter.work_id, chapter.id) });
    else if (roll < 0.85) samples.push({ kind: 'work', url: workPath(chapter.work_id) });
    else if (roll < 0.95) samples.push({ kind: 'listing', url: listings[Math.floor(rand() * listings.length)].url });
    else
      samples.push({
        kind: 'tag',
        url: tagPath(v.fandoms[Math.floor(rand() * Math.min(20, v.fandoms.length))]),
      });
  }
  return samples;
}

function keptText(result: { kept_share: number | null; guest_pages: string }): string {
  if (result.guest_pages === 'off') return 'no guest pages kept (rendered only)';
  return result.kept_share === null
    ? 'share of kept pages unknown (set METRICS_TOKEN)'
    : `${Math.round(result.kept_share * 100)}% served from kept guest pages`;
}

export async function runBench(args: string[], config: Config): Promise<number> {
  // Gift exchange matching needs no archive: generated sign-ups, in memory.
  if (args.includes('matching')) return runMatchingBench(args.filter((arg) => arg !== 'matching'));
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        json: { type: 'boolean' },
        seed: { type: 'string' },
        url: { type: 'string' },
        workers: { type: 'string' },
        queries: { type: 'string' },
        seconds: { type: 'string' },
        connections: { type: 'string' },
        warmup: { type: 'string' },
        'warmup-seconds': { type: 'string' },
        'rendered-only': { type: 'boolean' },
      },
    });
  } catch (error) {
    console.error(`quire: ${(error as Error).message}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const what = positionals[0];
  if (what !== 'search' && what !== 'pages') {
    console.error('quire: usage: bin/quire bench search|pages|matching [--json] (see bin/quire --help)');
    return 2;
  }
  const number = (value: string | undefined, fallback: number) => (value === undefined ? fallback : Number(value));
  const seed = number(values.seed, 1);
  const workers = number(values.workers, Math.max(1, Number.parseInt(process.env.WORKERS ?? '', 10) || 2));
  const connections = number(values.connections, what === 'search' ? 2 : 32);
  const queries = number(values.queries, 1000);
  const seconds = number(values.seconds, 20);
  const warmup = number(values.warmup, what === 'search' ? 200 : 500);
  const warmupSeconds = number(values['warmup-seconds'], 300);
  const renderedOnly = values['rendered-only'] === true;
  for (const [name, value] of Object.entries({ seed, workers, connections, queries, seconds, warmup, warmupSeconds })) {
    if (!Number.isInteger(value) || value < (name === 'warmup' ? 0 : 1)) {
      console.error(`quire: --${name} must be a whole number`);
      return 2;
    }
  }

  const store = await openStore(databaseOptions(config));
  let server: { url: string; child: ChildProcess } | undefined;
  try {
    const works = Number(
      (
        await store.handle.db
          .selectFrom('works')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
    const v = await vocabulary(store);
    if (v.fandoms.length === 0)
      throw new Error('The archive has no tagged works; generate a corpus first (bin/quire corpus --works N).');
    const samples = what === 'search' ? searchMix(v, queries, seed) : await pagesMix(store, v, 20_000, seed);
    const distinct = [...new Map(samples.map((s) => [s.url, s])).values()];
    // The servers count kept guest pages for /metrics behind a token: the bench's own when it starts them.
    const token = values.url
      ? process.env.METRICS_TOKEN
      : (process.env.METRICS_TOKEN ?? randomBytes(16).toString('hex'));
    const started = Date.now();
    server = values.url
      ? undefined
      : await startServer(workers, {
          METRICS_TOKEN: token!,
          ...(renderedOnly ? { GUEST_PAGES_MB: '0' } : {}),
        });
    const startSeconds = (Date.now() - started) / 1000;
    const base = values.url ?? server!.url;
    // Browsing is measured in the steady state: every page of the mix once, then rounds of the
    // mix until the share of kept pages settles (a page kept by one process is only kept for
    // requests that reach that process, so it takes a few rounds); --warmup N asks for N instead.
    const warmupStarted = Date.now();
    const warmupShares: number[] = [];
    let warmupRequests = 0;
    let settled: boolean | undefined;
    if (what === 'search') await drive(base, searchMix(v, warmup, seed + 1000), connections);
    else if (values.warmup !== undefined)
      warmupRequests += (await drive(base, samples.slice(0, warmup), connections)).done;
    else {
      warmupRequests += (await drive(base, distinct, connections)).done;
      const round = Math.max(2_000, Math.round(distinct.length / 2));
      settled = false;
      for (let offset = 0; !settled && Date.now() - warmupStarted < warmupSeconds * 1000; offset += round) {
        const before = await guestPageCounts(base, token);
        const { done } = await drive(base, cycle(samples, offset, round), connections);
        warmupRequests += done;
        const share = keptShare(before, await guestPageCounts(base, token), done);
        // Without the servers' counts, one round after the first pass is what can be done.
        if (!share) break;
        warmupShares.push(Math.round(share.share * 1000) / 1000);
        const last = warmupShares.slice(-SETTLED_ROUNDS);
        settled = last.length === SETTLED_ROUNDS && Math.max(...last) - Math.min(...last) <= SETTLED_WITHIN;
      }
    }
    const warmupTook = (Date.now() - warmupStarted) / 1000;
    const load = loadavg()[0];
    const countsBefore = what === 'pages' ? await guestPageCounts(base, token) : undefined;
    const run =
      what === 'search'
        ? await drive(base, samples, connections)
        : await drive(base, samples, connections, Date.now() + seconds * 1000);
    const kept = what === 'pages' ? keptShare(countsBefore, await guestPageCounts(base, token), run.done) : undefined;
    const all = [...run.byKind.values()].flat();
    const { count: _count, ...overall } = summary(all);
    const byKind = Object.fromEntries([...run.byKind].sort().map(([kind, ms]) => [kind, summary(ms)]));
    const statuses = Object.fromEntries(run.statuses);
    const result =
      what === 'search'
        ? {
            queries: all.length,
            ...overall,
            by_kind: byKind,
            statuses,
            works,
            dialect: store.dialect,
            workers: values.url ? null : workers,
            connections,
            server_start_s: startSeconds,
            load_average_1m: Math.round(load * 100) / 100,
          }
        : {
            requests: all.length,
            requests_per_s: Math.round(all.length / run.seconds),
            ...overall,
            by_kind: byKind,
            statuses,
            works,
            dialect: store.dialect,
            workers: values.url ? null : workers,
            connections,
            seconds: run.seconds,
            load_average_1m: Math.round(load * 100) / 100,
            guest_pages: renderedOnly ? 'off' : 'kept',
            // Of the measured requests, the share served from kept guest pages (null: the servers did not say).
            kept_share: kept ? Math.round(kept.share * 1000) / 1000 : null,
            kept_pages: kept?.kept ?? null,
            rendered_pages: kept?.rendered ?? null,
            warmup: {
              requests: warmupRequests,
              seconds: Math.round(warmupTook * 10) / 10,
              kept_shares: warmupShares,
              settled: settled ?? null,
            },
          };
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else {
      const head =
        what === 'search'
          ? `${result.p50_ms} ms p50, ${result.p95_ms} ms p95, ${result.p99_ms} ms p99 over ${all.length} searches`
          : `${(result as { requests_per_s: number }).requests_per_s} pages/s; ${result.p50_ms} ms p50, ${result.p95_ms} ms p95, ${result.p99_ms} ms p99; ${keptText(result as { kept_share: number | null; guest_pages: string })}`;
      console.log(
        `${head} (${works.toLocaleString('en')} works on ${store.dialect}, load average ${result.load_average_1m})`,
      );
      for (const [kind, s] of Object.entries(byKind))
        console.log(
          `  ${kind.padEnd(18)} ${String(s.count).padStart(6)}  p50 ${s.p50_ms} ms  p95 ${s.p95_ms} ms  p99 ${s.p99_ms} ms`,
        );
    }
    return 0;
  } finally {
    agent.destroy();
    if (server) {
      server.child.kill('SIGTERM');
      await new Promise((resolve) => server!.child.once('exit', resolve));
    }
    await store.close();
  }
}
