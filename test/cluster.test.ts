// A multi-machine set-up on one machine (issue 17): two `bin/quire serve` processes on a
// PostgreSQL primary and its streaming replica, counting limits in Redis, behind Debian's nginx
// (test/support/cluster.ts; bench/cluster.sh starts the same set-up to look at by hand). What an
// admin relies on: a write through one server is seen through the other, limits hold for the
// whole archive, a lagging replica never hides a member's own new work, and a server that dies
// loses no request the proxy can send again.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';
import { accepts, startCluster, type Cluster, type ProxiedRequest, type QuireServer } from './support/cluster.ts';
import { Browser, formFields, type HttpResponse } from './support/crash.ts';
import { startReplica, type StartedReplica } from './support/replica.ts';
import { visibleText } from './support/http.ts';

const PASSWORD = 'correct horse battery staple';
/** The log-in limit per address, set for both servers (RATE_LIMIT_LOGIN). */
const LOGIN_LIMIT = 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually(check: () => boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await sleep(50);
  }
}

/** A word no other work has, so that a search for it finds only the work made with it. */
const uniqueWord = (prefix: string) =>
  `${prefix}${randomBytes(4)
    .toString('hex')
    .replace(/\d/g, (d) => 'ghijklmnop'[Number(d)])}`;

/** A browser at its own loopback address, talking to `port` (the proxy, or one server directly). */
function browserAt(address: string, port: number): Browser {
  const browser = new Browser(address);
  browser.port = port;
  return browser;
}

async function signUp(browser: Browser, login: string): Promise<void> {
  const page = await browser.get('/signup');
  assert.equal(page.status, 200);
  const form = formFields(page.body, '/signup');
  assert.ok(form, 'the sign-up page has its form');
  const answer = await browser.post('/signup', {
    ...form,
    login,
    email: `${login}@example.org`,
    password: PASSWORD,
    passwordConfirmation: PASSWORD,
    acceptTerms: '1',
  });
  assert.equal(answer.status, 303, `sign-up of ${login}: ${visibleText(answer.body).slice(0, 300)}`);
  // Signing up starts a new CSRF secret: read a page for the new token.
  assert.equal((await browser.get('/')).status, 200);
}

async function logIn(browser: Browser, login: string): Promise<void> {
  await browser.get('/login');
  const answer = await browser.post('/login', { identifier: login, password: PASSWORD });
  assert.equal(answer.status, 303, `log-in of ${login}: ${visibleText(answer.body).slice(0, 300)}`);
  assert.equal((await browser.get('/')).status, 200);
}

/** Posts a complete one-chapter work through the form; answers its address. */
async function postWork(browser: Browser, title: string, body: string): Promise<string> {
  const page = await browser.get('/works/new');
  assert.equal(page.status, 200);
  const form = formFields(page.body, '/works');
  assert.ok(form?.creatorPseudIds, 'the posting form ticks a pen name');
  const answer = await browser.post('/works', {
    ...form,
    title,
    rating: 'General Audiences',
    warnings: 'No Archive Warnings Apply',
    fandoms: 'Original Work',
    language: 'en',
    summary: `A work posted to the cluster: ${title}.`,
    body,
  });
  assert.equal(answer.status, 303, `posting ${title}: ${visibleText(answer.body).slice(0, 300)}`);
  assert.match(answer.location ?? '', /^\/works\/\d+$/);
  return answer.location!;
}

const wrongPassword = (identifier: string) => ({ identifier, password: 'not the password' });

/** Whether the answer shows the work titled `title` (a link or heading with it). */
const shows = (answer: HttpResponse, title: string) =>
  answer.status === 200 && visibleText(answer.body).includes(title);

describe('two Quire servers on a PostgreSQL primary, its replica and Redis, behind nginx', { timeout: 900_000 }, () => {
  let replica: StartedReplica;
  let cluster: Cluster;
  let a: QuireServer;
  let b: QuireServer;
  const browsers: Browser[] = [];
  const browser = (address: string, port: number) => {
    const made = browserAt(address, port);
    browsers.push(made);
    return made;
  };
  const proxyPort = () => cluster.proxy.port;
  const upstream = (server: QuireServer) => `127.0.0.1:${server.port}`;

  before(async () => {
    replica = await startReplica();
    cluster = await startCluster({
      database: { url: replica.primaryUrl, replicaUrls: [replica.url] },
      env: { RATE_LIMIT_LOGIN: `${LOGIN_LIMIT}/300` },
    });
    [a, b] = cluster.servers;
  });

  after(async () => {
    for (const made of browsers) made.close();
    await cluster?.stop();
    await replica?.stop();
  });

  it('shows a work posted through server A on server B: its page, the listings and search', async () => {
    const login = `writer_${randomBytes(3).toString('hex')}`;
    // Sign up, and log in again from another browser, through the proxy.
    await signUp(browser('127.0.0.31', proxyPort()), login);
    const writer = browser('127.0.0.31', proxyPort());
    await logIn(writer, login);

    const word = uniqueWord('clusterword');
    const title = `Across the Servers ${word}`;
    writer.port = a.port;
    const path = await postWork(writer, title, `The opening line, ${word}.\n\nA second paragraph.`);

    // The same session, read straight from server B.
    writer.port = b.port;
    const page = await writer.get(path);
    assert.equal(page.status, 200, `B answers the work page: ${visibleText(page.body).slice(0, 200)}`);
    assert.ok(visibleText(page.body).includes(title), 'B shows the title');
    assert.ok(visibleText(page.body).includes(`The opening line, ${word}.`), 'B shows the text');
    assert.ok(shows(await writer.get(`/users/${login}/works`), title), "B lists it among the writer's works");

    // Guests read from the replica: once it has replayed the work (within milliseconds).
    await replica.caughtUp();
    const guest = browser('127.0.0.32', b.port);
    assert.ok(shows(await guest.get('/works'), title), "B's works listing has it");
    assert.ok(shows(await guest.get(path), title), 'a guest on B reads it');
    const found = await guest.get(`/search?q=${word}`);
    assert.ok(shows(found, title), `search on B finds it: ${visibleText(found.body).slice(0, 300)}`);
  });

  it('counts wrong log-ins from one address across both servers, and lets them through while Redis is down', async () => {
    const attempts = (address: string) =>
      cluster.proxy.requests().filter((r) => r.client === address && r.method === 'POST' && r.uri === '/login');

    // One reader behind the proxy; a different login name each time, so only the limit per address counts.
    const reader = browser('127.0.0.41', proxyPort());
    for (let i = 0; i < LOGIN_LIMIT; i++) {
      const answer = await reader.post('/login', wrongPassword(`nobody_${i}`));
      assert.equal(answer.status, 401, `attempt ${i + 1} is answered`);
    }
    for (let i = 0; i < 2; i++) {
      const refused = await reader.post('/login', wrongPassword('nobody_else'));
      assert.equal(refused.status, 429, `attempt ${LOGIN_LIMIT + 1 + i} is refused`);
      assert.match(visibleText(refused.body), /Too many attempts from your address\. Wait \d+ (seconds|minutes)/);
    }
    const served = new Set(attempts('127.0.0.41').map((r) => r.upstreams.at(-1)));
    assert.deepEqual([...served].sort(), [upstream(a), upstream(b)].sort(), 'the attempts went to both servers');

    // A reader cannot pass for another address: the proxy sends the address it sees, not one claimed.
    const claimed = await postClaimingAddress(proxyPort(), '127.0.0.41', '198.51.100.7');
    assert.equal(claimed, 429, 'a claimed X-Forwarded-For does not reset the count');
    assert.notEqual(await postClaimingAddress(proxyPort(), '127.0.0.45', '198.51.100.7'), 429);
    assert.equal(
      (await browser('127.0.0.42', proxyPort()).post('/login', wrongPassword('nobody_0'))).status,
      401,
      'another address is still answered',
    );

    // Redis goes away: both servers say so in their logs, and log-ins are answered uncounted.
    const logFrom = [a.log.length, b.log.length];
    await cluster.redis.kill();
    for (const [i, server] of [a, b].entries())
      await eventually(
        () =>
          /Rate limits are not enforced: Redis at redis:\/\/127\.0\.0\.1:\d+\/? does not answer/.test(
            server.log.slice(logFrom[i]),
          ),
        `${server.name} to log that limits are off`,
      );
    const uncounted = browser('127.0.0.43', proxyPort());
    for (let i = 0; i < LOGIN_LIMIT + 4; i++) {
      const answer = await uncounted.post('/login', wrongPassword(`nobody_${i}`));
      assert.equal(answer.status, 401, `attempt ${i + 1} is answered while Redis is down`);
    }
    assert.equal(new Set(attempts('127.0.0.43').map((r) => r.upstreams.at(-1))).size, 2, 'both servers answered');

    // Redis is back (empty): both servers count again.
    await cluster.redis.start();
    for (const [i, server] of [a, b].entries())
      await eventually(
        () => /Rate limits are enforced again/.test(server.log.slice(logFrom[i])),
        `${server.name} to log that limits are back`,
      );
    const counted = browser('127.0.0.44', proxyPort());
    for (let i = 0; i < LOGIN_LIMIT; i++)
      assert.equal((await counted.post('/login', wrongPassword(`nobody_${i}`))).status, 401, `attempt ${i + 1}`);
    assert.equal((await counted.post('/login', wrongPassword('nobody_else'))).status, 429, 'counted again');
  });

  it('never hides a member’s new work behind a lagging replica; guests see it once the replica replays it', async () => {
    const login = `lagging_${randomBytes(3).toString('hex')}`;
    const writer = browser('127.0.0.71', proxyPort());
    await signUp(writer, login);
    const word = uniqueWord('lagword');
    const title = `Behind the Replica ${word}`;

    await replica.pause();
    let path: string;
    try {
      writer.port = a.port;
      path = await postWork(writer, title, `Written while the replica waits, ${word}.`);
      const id = Number(/\d+$/.exec(path)![0]);
      assert.equal(await replicaHasWork(replica.url, id), false, 'the replica has not replayed the work yet');

      // The writer, on the other server straight away: their pages come from the primary.
      writer.port = b.port;
      const page = await writer.get(path);
      assert.equal(page.status, 200, `the writer reads their work on B: ${visibleText(page.body).slice(0, 200)}`);
      assert.ok(visibleText(page.body).includes(title));
      assert.ok(shows(await writer.get(`/users/${login}/works`), title), 'their works list on B has it');
      // A guest on B reads from the lagging replica: not there yet.
      const guest = await browser('127.0.0.72', b.port).get(path);
      assert.equal(guest.status, 404, 'a guest on B does not see it while the replica lags');
      assert.equal(await replicaHasWork(replica.url, id), false, 'the replica still lags');
    } finally {
      await replica.resume();
    }
    await replica.caughtUp();
    const guest = browser('127.0.0.73', b.port);
    const page = await guest.get(path);
    assert.equal(page.status, 200, 'once the replica has replayed it, a guest on B reads it');
    assert.ok(visibleText(page.body).includes(title));
  });

  it('loses no page when a server is killed mid-load, and sends a POST again only when the dead server never got it', async (t) => {
    const pathsToRead = ['/', '/works', '/search?q=across', '/login'];
    const failures: string[] = [];
    let answered = 0;
    let reading = true;
    const loops = Array.from({ length: 4 }, async (_, n) => {
      const reader = browser(`127.0.0.${51 + n}`, proxyPort());
      for (let i = n; reading; i++) {
        const path = pathsToRead[i % pathsToRead.length];
        try {
          const answer = await reader.get(path);
          if (answer.status === 200) answered++;
          else failures.push(`GET ${path}: ${answer.status} ${visibleText(answer.body).slice(0, 120)}`);
        } catch (error) {
          failures.push(`GET ${path}: ${(error as Error).message}`);
        }
      }
    });
    // Wrong-password log-ins alongside (POSTs, each from its own address): counted, not required to pass.
    const posts: { status: number | string }[] = [];
    const posting = (async () => {
      for (let i = 0; reading; i++) {
        const poster = browser(`127.0.1.${1 + (i % 250)}`, proxyPort());
        await poster.get('/login').catch(() => undefined);
        try {
          posts.push({ status: (await poster.post('/login', wrongPassword(`nobody_${i}`))).status });
        } catch (error) {
          posts.push({ status: (error as Error).message });
        }
        poster.close();
      }
    })();

    const killedAt = { answered: 0, log: 0 };
    try {
      await eventually(() => answered >= 40 || failures.length > 0, '40 pages to be read');
      killedAt.answered = answered;
      killedAt.log = cluster.proxy.requests().length;
      await a.kill();
      await eventually(() => answered >= killedAt.answered + 120 || failures.length > 0, '120 more pages');
    } finally {
      reading = false;
      await Promise.all([...loops, posting]);
    }
    assert.deepEqual(failures, [], 'every page read through the proxy was answered');
    assert.equal(await accepts(a.port), false, 'nothing answers on the killed server’s port');

    // The proxy answered from B alone after the kill, and retried on B what had gone to A.
    const afterKill = cluster.proxy.requests().slice(killedAt.log);
    const retried = afterKill.filter((r) => r.upstreams.length > 1);
    assert.ok(retried.length > 0, 'at least one request was sent to A, failed there and was sent again to B');
    for (const r of retried) assert.equal(r.upstreams.at(-1), upstream(b));
    const health = await browser('127.0.0.59', proxyPort()).get('/health');
    assert.equal(health.status, 200);
    assert.equal((JSON.parse(health.body) as { pid: number }).pid, b.pid, '/health through the proxy is B’s');

    // POSTs: nginx sends one again only when A never got it (the connection was refused); one that
    // reached A before it died is answered 502, as nginx cannot know whether A acted on it.
    const proxiedPosts = afterKill.filter((r) => r.method === 'POST');
    for (const r of proxiedPosts.filter((p) => p.status === 502))
      assert.deepEqual(r.upstreams, [upstream(a)], 'a POST that failed was not sent to B as well');
    t.diagnostic(
      `after the kill: ${afterKill.length} requests, ${retried.length} sent again to B ` +
        `(${retried.filter((r) => r.method === 'POST').length} of them POSTs refused by A before it got them); ` +
        `POSTs answered ${JSON.stringify(countBy(posts.map((p) => String(p.status))))}`,
    );

    // Once A's 5 s out (fail_timeout) are over, nginx tries it again: a POST then sent to A finds
    // its connection refused, never reached A, and is sent to B.
    const mark = cluster.proxy.requests().length;
    let resent: ProxiedRequest | undefined;
    const until = Date.now() + 30_000;
    for (let i = 0; !resent && Date.now() < until; i++) {
      const poster = browser(`127.0.2.${1 + (i % 250)}`, b.port);
      await poster.get('/login'); // the form's token, from B directly: this GET is not one nginx sends to A
      poster.port = proxyPort();
      const answer = await poster.post('/login', wrongPassword(`resent_${i}`));
      assert.equal(answer.status, 401, `POST ${i + 1} through the proxy is answered`);
      await sleep(300);
      resent = cluster.proxy
        .requests()
        .slice(mark)
        .find((r) => r.method === 'POST' && r.upstreams.length > 1);
    }
    assert.ok(resent, 'nginx tried A again within 30 s');
    assert.deepEqual(resent.upstreams, [upstream(a), upstream(b)]);
    assert.equal(resent.status, 401, 'B answered the POST that A never received');

    // A comes back on its port, and the proxy sends it requests again.
    await a.start();
    const pids = new Set<number>();
    const checker = browser('127.0.0.60', proxyPort());
    const deadline = Date.now() + 60_000;
    while (pids.size < 2 && Date.now() < deadline) {
      const answer = await checker.get('/health');
      if (answer.status === 200) pids.add((JSON.parse(answer.body) as { pid: number }).pid);
      await sleep(100);
    }
    assert.deepEqual([...pids].sort(), [a.pid, b.pid].sort(), 'the restarted A answers through the proxy again');
  });
});

/** A log-in form post (without its token) from `localAddress`, claiming to come from `claimed`: its status. */
function postClaimingAddress(port: number, localAddress: string, claimed: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        localAddress,
        method: 'POST',
        path: '/login',
        agent: false,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': claimed },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    request.on('error', reject);
    request.end(new URLSearchParams(wrongPassword('nobody_claimed')).toString());
  });
}

/** Whether the replica has replayed the work with this id (asked of the replica itself). */
async function replicaHasWork(url: string, id: number): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query('select 1 from works where id = $1', [id])).rowCount === 1;
  } finally {
    await client.end();
  }
}

function countBy(values: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}
