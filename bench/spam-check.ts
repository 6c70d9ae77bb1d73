// What the spam checks cost per post on a big archive: the store queries behind the comment check
// (src/app/comment-spam.ts) and the work check of new accounts (src/app/work-spam.ts), and each
// check whole. Both run only for guests and for accounts younger than 7 days (NEW_ACCOUNT_DAYS;
// the work check only for their first 3 works); everyone else pays nothing.
//
//   QUIRE_DATA=/tmp/qc1m node --import tsx bench/spam-check.ts [--calls N] [--comments N]
//
// SQLite only (a `bin/quire corpus` archive). The corpus has no comment rows and no work posted
// in the last 24 hours, so the bench adds, inside one transaction that it rolls back at the end
// (the archive is left as it was): --comments N comments (default 100,000) on random works,
// spread evenly over the last 48 hours (so half are inside the 24-hour same-text window), from
// N/10 guest addresses; and one account created now with no works. Windows holding the 1,000 and
// 10,000 most recently posted works stand for as many works posted in the last 24 hours.
// Each query is called --calls times (default 200), interleaved with the others call by call,
// after 20 warm-up calls (fewer if --calls is smaller); medians and p95 per call.
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import { loadavg } from 'node:os';
import { Archive } from '../src/app/index.ts';
import type { WorkSearch } from '../src/search/work-search.ts';
import { commentSpamReasons } from '../src/app/comment-spam.ts';
import { FormClock } from '../src/app/form-time.ts';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';
import { SAME_TEXT_WINDOW_HOURS, SPEED_WINDOW_MINUTES, WORK_SPEED_WINDOW_MINUTES } from '../src/domain/spam.ts';

const { values } = parseArgs({ options: { calls: { type: 'string' }, comments: { type: 'string' } } });
const calls = Number(values.calls ?? 200);
const commentCount = Number(values.comments ?? 100_000);

const config = { ...loadConfig({ RATE_LIMIT_PAGES: 'off', ...process.env }), demo: false };
if (config.databaseUrl)
  throw new Error('bench/spam-check.ts rolls its additions back through SQLite; unset DATABASE_URL.');
const store = await openStore(databaseOptions(config));
const sqlite = store.handle.sqlite!;
const noIndex = new Proxy({} as WorkSearch, {
  get() {
    throw new Error('bench/spam-check.ts: the spam check asked the works index, which this bench does not load');
  },
});
const archive = new Archive({ store, search: noIndex, config });

let seed = 7;
const rand = () => {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
};
const WORDS =
  'the a and of to in it was i this so loved love chapter story more please update wait next fic ' +
  'oh my god cried ending favourite part beautiful writing thank you for sharing wow cant heart'.split(' ');
const sentence = (words: number) =>
  Array.from({ length: words }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(' ');

const top = sqlite.prepare('select max(id) as n, count(*) as c from works').get() as { n: number; c: number };
const topUser = (sqlite.prepare('select max(id) as n from users').get() as { n: number }).n;
console.log(
  `SQLite: ${top.c.toLocaleString('en')} works, ${topUser.toLocaleString('en')} users; load average ${loadavg()[0].toFixed(2)}`,
);

sqlite.exec('begin');
try {
  // Comments over the last 48 hours.
  let started = performance.now();
  const now = Date.now();
  const insert = sqlite.prepare(
    "insert into comments (work_id, chapter_id, parent_id, thread_id, user_id, pseud_id, guest_name, guest_email, body, status, address_key, created_at) values (?, null, null, null, null, null, 'Guest', null, ?, 'published', ?, ?)",
  );
  const addresses = Math.max(1, Math.floor(commentCount / 10));
  const keyOf = (n: number) => createHash('sha256').update(`bench-address:${n}`).digest('hex');
  const addressKeys = Array.from({ length: addresses }, (_, n) => keyOf(n));
  for (let i = 0; i < commentCount; i++) {
    const at = new Date(now - Math.floor(((commentCount - i) / commentCount) * 48 * 3_600_000)).toISOString();
    insert.run(
      1 + Math.floor(rand() * top.n),
      `<p>${sentence(5 + Math.floor(rand() * 40))}</p>`,
      addressKeys[Math.floor(rand() * addresses)],
      at,
    );
  }
  // The new account.
  const created = new Date().toISOString();
  const userId = Number(
    sqlite
      .prepare('insert into users (login, login_key, email, password_hash, created_at) values (?, ?, ?, null, ?)')
      .run('bench_newcomer', 'bench_newcomer', 'bench_newcomer@quire.invalid', created).lastInsertRowid,
  );
  sqlite
    .prepare(
      "insert into pseuds (user_id, name, name_key, description, is_default, created_at) values (?, 'bench_newcomer', 'bench_newcomer', '', 1, ?)",
    )
    .run(userId, created);
  const member = (await store.users.findById(userId))!;
  const prolific = sqlite
    .prepare(
      'select p.user_id as id, count(*) as n from creatorships c join pseuds p on p.id = c.pseud_id group by p.user_id order by n desc limit 1',
    )
    .get() as { id: number; n: number };
  const randomUser = sqlite
    .prepare(
      'select p.user_id as id, count(*) as n from creatorships c join pseuds p on p.id = c.pseud_id where p.user_id = ?',
    )
    .get(1 + Math.floor(topUser / 3)) as { id: number; n: number };
  console.log(
    `added in the transaction: ${commentCount.toLocaleString('en')} comments over 48 h from ${addresses.toLocaleString('en')} addresses, ` +
      `and 1 account with no works, in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const ago = (ms: number) => new Date(Date.now() - ms).toISOString();
  const day = () => ago(SAME_TEXT_WINDOW_HOURS * 3_600_000);
  const sinceRecentWorks = (k: number) =>
    (
      sqlite
        .prepare(
          "select published_at as at from works where visibility in ('public', 'registered') and published_at is not null order by published_at desc limit 1 offset ?",
        )
        .get(k - 1) as { at: string } | undefined
    )?.at ?? '0000';
  const since1k = sinceRecentWorks(1_000);
  const since10k = sinceRecentWorks(10_000);
  const inDay = (
    sqlite
      .prepare("select count(*) as n from works where visibility in ('public', 'registered') and published_at >= ?")
      .get(day()) as {
      n: number;
    }
  ).n;
  const commentsInDay = (
    sqlite.prepare('select count(*) as n from comments where created_at >= ?').get(day()) as { n: number }
  ).n;
  console.log(
    `works posted in the last 24 h: ${inDay}; comments in the last 24 h: ${commentsInDay.toLocaleString('en')}`,
  );

  // A comment not seen before (the usual case: every row of the window is compared), one posted
  // an hour ago on another work, and a busy address and a new one.
  const fresh = () => `<p>${sentence(25)} ${Math.floor(rand() * 1e9)}</p>`;
  const repeated = sqlite
    .prepare('select body, work_id from comments where created_at >= ? order by created_at limit 1')
    .get(ago(3_600_000)) as { body: string; work_id: number };
  const busyAddress = addressKeys[0];
  const newAddress = keyOf(-1);
  const workIds = Array.from({ length: calls + 20 }, () => 1 + Math.floor(rand() * top.n));
  const summary = sentence(40);
  const body = Array.from({ length: 30 }, () => `<p>${sentence(50)}</p>`).join('\n');
  const clock = new FormClock(store);
  const shownAt = await clock.now();

  const timed: [string, (i: number) => Promise<unknown>][] = [
    [
      'comment: `comments.sameTextElsewhere` (new text)',
      (i) => store.comments.sameTextElsewhere(fresh(), workIds[i], day()),
    ],
    [
      'comment: `comments.sameTextElsewhere` (text posted an hour ago)',
      (i) => store.comments.sameTextElsewhere(repeated.body, repeated.work_id + 1 + (i % 2), day()),
    ],
    [
      'comment: `comments.countRecentByAddress` (an address with ~10 comments a day)',
      () => store.comments.countRecentByAddress(busyAddress, ago(SPEED_WINDOW_MINUTES * 60_000), [1]),
    ],
    [
      'comment: `comments.countRecentByAddress` (a new address)',
      () => store.comments.countRecentByAddress(newAddress, ago(SPEED_WINDOW_MINUTES * 60_000), [1]),
    ],
    [
      'comment: whole check (`commentSpamReasons`, new text, new address)',
      (i) => {
        const text = sentence(25);
        const html = `<p>${text} ${i}</p>`;
        return commentSpamReasons(clock, {
          text,
          form: { website: '', shownAt },
          sameTextSince: (since) => store.comments.sameTextElsewhere(html, workIds[i], since),
          fromAddressSince: (since) => store.comments.countRecentByAddress(newAddress, since, [1]),
        });
      },
    ],
    [
      `work: \`works.postingHistory\` (new account, 0 works)`,
      () => store.works.postingHistory(member.id, ago(WORK_SPEED_WINDOW_MINUTES * 60_000)),
    ],
    [
      `work: \`works.postingHistory\` (a corpus member, ${randomUser.n} works)`,
      () => store.works.postingHistory(randomUser.id, ago(WORK_SPEED_WINDOW_MINUTES * 60_000)),
    ],
    [
      `work: \`works.postingHistory\` (the most prolific member, ${prolific.n} works)`,
      () => store.works.postingHistory(prolific.id, ago(WORK_SPEED_WINDOW_MINUTES * 60_000)),
    ],
    [
      `work: \`works.sameTextOnOthersWorks\` (last 24 h: ${inDay} works)`,
      () => store.works.sameTextOnOthersWorks(member.id, { summary, body }, day()),
    ],
    [
      'work: `works.sameTextOnOthersWorks` (window of the 1,000 latest works)',
      () => store.works.sameTextOnOthersWorks(member.id, { summary, body }, since1k),
    ],
    [
      'work: `works.sameTextOnOthersWorks` (window of the 10,000 latest works)',
      () => store.works.sameTextOnOthersWorks(member.id, { summary, body }, since10k),
    ],
    [
      'work: whole check (`archive.workSpam.hold`, new account, last 24 h)',
      () =>
        archive.workSpam.hold(member, {
          typed: { title: 'A new work', summary, notes: '', endNotes: '', body },
          stored: { summary, body },
          spamFields: { website: '', shownAt },
        }),
    ],
  ];
  const times = timed.map(() => [] as number[]);
  for (let i = 0; i < Math.min(20, calls); i++) for (const [, run] of timed) await run(i);
  for (let i = 0; i < calls; i++)
    for (let k = 0; k < timed.length; k++) {
      started = performance.now();
      await timed[k][1](i);
      times[k].push(performance.now() - started);
    }
  const quantile = (list: number[], q: number) =>
    [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(q * list.length))];
  const ms = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(3));
  console.log(`\n| per post (${calls} calls each, interleaved) | median | p95 |\n|---|---:|---:|`);
  timed.forEach(([label], k) =>
    console.log(`| ${label} | ${ms(quantile(times[k], 0.5))} ms | ${ms(quantile(times[k], 0.95))} ms |`),
  );
  console.log(`load average at the end ${loadavg()[0].toFixed(2)}`);
} finally {
  sqlite.exec('rollback');
  await store.close();
}
