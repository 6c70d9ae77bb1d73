// Rate limits hold for the whole archive, whatever the number of server processes (issues 14 and
// 17): two real `bin/quire serve` processes share one database (or Redis), and a visitor who
// alternates between them is counted once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIALECTS } from '../support/databases.ts';
import { formFields, freshPostgresDatabase, type Fields } from '../support/crash.ts';
import { Agent, testApp, visibleText } from '../support/http.ts';
import { buildApp } from '../../src/web/app.tsx';
import type { RateLimitCounters } from '../../src/store/index.ts';

const QUIRE = new URL('../../bin/quire', import.meta.url).pathname;
const PAGES_LIMIT = 60;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** `bin/quire serve` in one process (WORKERS=1), with everything it logs kept. */
class Server {
  private child?: ChildProcessWithoutNullStreams;
  private exited?: Promise<void>;
  log = '';
  port = 0;

  constructor(private readonly env: Record<string, string>) {}

  async start(): Promise<void> {
    const child = spawn(QUIRE, ['serve', '--no-demo'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        SMTP_URL: '',
        BASE_URL: '',
        QUIRE_DEMO: '0',
        WORKERS: '1',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        QUIRE_TRUST_PROXY: '1',
        RATE_LIMIT_PAGES: `${PAGES_LIMIT}/300`,
        ...this.env,
      },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    this.port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the server did not start in 180 s: ${this.log}`)), 180_000);
      child.stdout.on('data', (chunk: Buffer) => {
        this.log += chunk.toString();
        const match = /Quire is serving http:\/\/\S+:(\d+)/.exec(this.log);
        if (match) {
          clearTimeout(timer);
          resolve(Number(match[1]));
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`serve exited with ${signal ?? code} before serving: ${this.log}`));
      });
    });
  }

  async stop(): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(timer);
  }
}

function send(
  port: number,
  method: 'GET' | 'POST',
  path: string,
  { headers = {}, form }: { headers?: Record<string, string>; form?: Fields } = {},
): Promise<Answer> {
  let payload: string | undefined;
  if (form) {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) for (const one of [value].flat()) params.append(name, one);
    payload = params.toString();
  }
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          accept: 'text/html',
          ...headers,
          ...(payload !== undefined
            ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(payload) }
            : {}),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(payload);
  });
}

/**
 * A visitor at one address (sent as X-Forwarded-For: the servers trust their proxy) with a
 * browser session on each server: cookies and the CSRF token of the last page read there.
 */
class Visitor {
  private readonly sessions = new Map<number, { cookies: Map<string, string>; token?: string }>();

  constructor(public address: string) {}

  private session(port: number) {
    let session = this.sessions.get(port);
    if (!session) this.sessions.set(port, (session = { cookies: new Map() }));
    return session;
  }

  async request(port: number, method: 'GET' | 'POST', path: string, form?: Fields): Promise<Answer> {
    const session = this.session(port);
    const answer = await send(port, method, path, {
      headers: {
        'x-forwarded-for': this.address,
        cookie: [...session.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
      form: form && { ...form, _csrf: session.token ?? '' },
    });
    for (const header of answer.headers['set-cookie'] ?? []) {
      const [pair] = header.split(';');
      const eq = pair.indexOf('=');
      session.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1).trim());
    }
    const token = /<meta name="csrf-token" content="([^"]+)"/.exec(answer.body);
    if (token) session.token = token[1].replace(/&amp;/g, '&');
    return answer;
  }

  get(port: number, path: string): Promise<Answer> {
    return this.request(port, 'GET', path);
  }

  /** Posts a form as from a page of that server (reading `from` first when this server gave no token yet). */
  async post(port: number, path: string, form: Fields, from = '/login'): Promise<Answer> {
    if (!this.session(port).token) await this.get(port, from);
    return this.request(port, 'POST', path, form);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

const DEMO_WRITER = 'ink_and_ember';

const wrongPassword = (identifier: string) => ({ identifier, password: 'not the password' });

for (const dialect of DIALECTS) {
  describe(`rate limits across two server processes [${dialect}]`, () => {
    let dir: string;
    let dropDatabase: (() => Promise<void>) | undefined;
    let servers: [Server, Server];
    let ports: [number, number];
    let demoPassword: string;

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'quire-limits-'));
      const env: Record<string, string> = { QUIRE_DATA: dir };
      if (dialect === 'postgres') {
        const database = await freshPostgresDatabase();
        env.DATABASE_URL = database.url;
        dropDatabase = database.drop;
      }
      // Demo members and works (open to guests' comments), written once before the servers start.
      const demo = spawnSync(QUIRE, ['demo'], { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });
      assert.equal(demo.status, 0, demo.stderr);
      demoPassword = /with the password (\S+) /.exec(demo.stdout)![1];
      servers = [new Server(env), new Server(env)];
      await Promise.all(servers.map((server) => server.start()));
      ports = [servers[0].port, servers[1].port];
    });

    after(async () => {
      await Promise.all((servers ?? []).map((server) => server.stop()));
      await dropDatabase?.();
      rmSync(dir, { recursive: true, force: true });
    });

    it('refuses the 11th wrong log-in from one address when the attempts alternate between the processes', async () => {
      const visitor = new Visitor('10.1.0.1');
      // Different login names, so that only the limit per address (10 in 5 minutes) is in play.
      for (let i = 0; i < 10; i++) {
        const answer = await visitor.post(ports[i % 2], '/login', wrongPassword(`nobody_${i}`));
        assert.equal(answer.status, 401, `attempt ${i + 1} is answered`);
      }
      for (const port of ports) {
        const refused = await visitor.post(port, '/login', wrongPassword('nobody_else'));
        assert.equal(refused.status, 429, 'both processes refuse the 11th and 12th attempt');
        assert.match(visibleText(refused.body), /Too many attempts from your address\. Wait \d+ (seconds|minutes)/);
        assert.ok(Number(refused.headers['retry-after']) > 0);
      }
      assert.equal(
        (await new Visitor('10.1.0.2').post(ports[0], '/login', wrongPassword('nobody_0'))).status,
        401,
        'another address is still answered',
      );
    });

    it('refuses the 6th log-in to one account in 20 seconds, tried from as many addresses', async () => {
      for (let i = 0; i < 5; i++) {
        const visitor = new Visitor(`10.2.0.${i + 1}`);
        const answer = await visitor.post(
          ports[i % 2],
          '/login',
          wrongPassword(i % 2 ? 'Marisol_Writes' : 'marisol_writes'),
        );
        assert.equal(answer.status, 401, `attempt ${i + 1} is answered`);
      }
      const refused = await new Visitor('10.2.0.99').post(ports[1], '/login', wrongPassword(' marisol_writes '));
      assert.equal(refused.status, 429);
      assert.ok(Number(refused.headers['retry-after']) > 0);
      const text = visibleText(refused.body);
      assert.match(text, /Too many log-in attempts for this account\. Wait \d+ seconds and try again/);
      assert.match(
        refused.body,
        /name="identifier"[^>]*value=" ?marisol_writes ?"|value=" ?marisol_writes ?"[^>]*name="identifier"/,
        'the form keeps the login name as typed',
      );
      assert.equal(
        (await new Visitor('10.2.0.100').post(ports[0], '/login', wrongPassword('someone_else'))).status,
        401,
        'other accounts are still answered',
      );
    });

    it("reads one of a member's uploads at a time, whichever process each reaches", async () => {
      const writer = new Visitor('10.5.0.1');
      const pseudIds: string[] = [];
      for (const port of ports) {
        // Not marisol_writes: the test above spends her log-in attempts.
        const login = await writer.post(port, '/login', { identifier: DEMO_WRITER, password: demoPassword });
        assert.equal(login.status, 303, 'logged in');
        const page = await writer.get(port, '/works/import');
        pseudIds.push(/<option value="(\d+)" selected/.exec(page.body)![1]);
      }
      // Long enough to read (a second or more) that both arrive while the first is being read.
      const paragraph = 'The tide came in over the harbour wall and the boats knocked together. '.repeat(3);
      const text = `Salt Roads\n\n${Array(20_000).fill(paragraph).join('\n\n')}`;
      const answers = await Promise.all(
        ports.map((port, i) => writer.request(port, 'POST', '/works/import', { pseudId: pseudIds[i], text })),
      );
      assert.deepEqual(answers.map((answer) => answer.status).sort(), [303, 429]);
      const refused = answers.find((answer) => answer.status === 429)!;
      assert.match(visibleText(refused.body), /still reading your other upload/);
      assert.ok(refused.body.includes('Salt Roads'), 'the pasted text is still in the form');
    });

    it('stops a guest’s comments at 20 in all, new ones and replies, whichever process takes them', async () => {
      const guest = new Visitor('10.3.0.1');
      const home = await guest.get(ports[0], '/works');
      const workPath = /href="(\/works\/\d+)"/.exec(home.body)?.[1];
      assert.ok(workPath, 'the demo lists a work');
      let parentId: string | undefined;
      let posted = 0;
      let refused = 0;
      for (let i = 0; i < 24; i++) {
        const port = ports[i % 2];
        const page = await guest.get(port, `${workPath}?view_full_work=true`);
        const form = formFields(page.body, `${workPath}/comments`, (fields) => fields.parentId === undefined);
        assert.ok(form, 'the work page has a comment form for guests');
        const answer = await guest.request(port, 'POST', `${workPath}/comments`, {
          ...form,
          body: `Guest note ${i}`,
          guestName: 'Passer-by',
          guestEmail: 'passer@example.org',
          ...(parentId && i % 3 === 0 ? { parentId } : {}),
        });
        if (answer.status === 303) {
          posted++;
          parentId ??= /#comment-(\d+)$/.exec(answer.headers.location ?? '')?.[1];
        } else {
          assert.equal(answer.status, 429, visibleText(answer.body).slice(0, 300));
          assert.match(visibleText(answer.body), /Too many comments from your address/);
          refused++;
        }
      }
      assert.equal(posted, 20);
      assert.equal(refused, 4);
    });

    it(`refuses the ${PAGES_LIMIT + 1}st request from one address across all pages, but not files under /static/`, async () => {
      const reader = new Visitor('10.4.0.1');
      for (let i = 0; i < PAGES_LIMIT; i++) {
        const answer = await reader.get(ports[i % 2], i % 3 === 0 ? '/works' : '/');
        assert.equal(answer.status, 200, `page ${i + 1}`);
        assert.equal((await reader.get(ports[i % 2], '/static/quire.css')).status, 200, 'files are not counted');
      }
      const page = await reader.get(ports[0], '/search');
      assert.equal(page.status, 429);
      assert.match(page.headers['content-type'] ?? '', /text\/html/);
      assert.match(
        visibleText(page.body),
        /Too many requests from your address.*Wait \d+ (seconds|minutes) and try again/,
      );
      assert.ok(Number(page.headers['retry-after']) > 0);
      const api = await reader.get(ports[1], '/api/v1/works');
      assert.equal(api.status, 429);
      assert.equal(JSON.parse(api.body).error.code, 'rate_limited');
      assert.equal((await new Visitor('10.4.0.2').get(ports[1], '/')).status, 200, 'other addresses are served');
    });
  });
}

describe('rate limits across two server processes, counted in Redis', () => {
  let dir: string;
  let redis: ChildProcessWithoutNullStreams | undefined;
  let redisGone: Promise<void> | undefined;
  let servers: Server[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'quire-limits-redis-'));
    const redisPort = await freePort();
    redis = spawn('/usr/bin/redis-server', ['--port', String(redisPort), '--save', '', '--appendonly', 'no'], {
      cwd: dir,
    });
    const child = redis;
    redisGone = new Promise((resolve) => child.once('exit', () => resolve()));
    let out = '';
    redis.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    await waitFor(() => /Ready to accept connections/.test(out), `redis-server to start: ${out}`);
    const env = { QUIRE_DATA: dir, REDIS_URL: `redis://127.0.0.1:${redisPort}` };
    servers = [new Server(env), new Server(env)];
    // One after the other: the first migrates the fresh database.
    for (const server of servers) await server.start();
  });

  after(async () => {
    redis?.kill('SIGKILL');
    await redisGone;
    await Promise.all(servers.map((server) => server.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds the limit across both processes, and lets requests through (and says so) while Redis is down', async () => {
    const ports = servers.map((server) => server.port);
    const visitor = new Visitor('10.5.0.1');
    for (let i = 0; i < 10; i++)
      assert.equal((await visitor.post(ports[i % 2], '/login', wrongPassword(`nobody_${i}`))).status, 401);
    for (const port of ports)
      assert.equal((await visitor.post(port, '/login', wrongPassword('nobody_else'))).status, 429);

    redis!.kill('SIGKILL');
    await redisGone;
    for (const server of servers)
      await waitFor(() => /Rate limits are not enforced/.test(server.log), 'the log to say limits are off');
    for (let i = 0; i < 6; i++) {
      const answer = await visitor.post(ports[i % 2], '/login', wrongPassword(`nobody_${i}`));
      assert.equal(answer.status, 401, 'an attempt is answered while the limits cannot be counted');
    }
    for (const server of servers) {
      const warnings = server.log.match(
        /Rate limits are not enforced: Redis at redis:\/\/127\.0\.0\.1:\d+\/? does not answer/g,
      );
      assert.equal(warnings?.length, 1, `one warning per outage, not one per request: ${server.log}`);
    }
  });
});

describe('rate limits when the database cannot count', () => {
  it('lets requests through and logs once that limits are off, then once that they are back', async () => {
    const t = await testApp('sqlite', {
      rateLimits: { login: { max: 2, windowMs: 60_000 }, signup: { max: 2, windowMs: 60_000 } },
    });
    try {
      const real = t.store.rateLimits;
      let failing = true;
      const counters: RateLimitCounters = {
        hit: (key, windowMs) => (failing ? Promise.reject(new Error('disk I/O error')) : real.hit(key, windowMs)),
        peek: (key) => real.peek(key),
        prune: () => real.prune(),
      };
      // The app reads the counters through the store it was given; swap them for failing ones.
      Object.defineProperty(t.store, 'rateLimits', { value: counters });
      await t.app.close();
      const app = await buildApp({ store: t.store, config: t.app.quire.config });
      const warnings: string[] = [];
      app.log.warn = ((message: unknown) => void warnings.push(String(message))) as typeof app.log.warn;
      const agent = new Agent(app);
      for (let i = 0; i < 5; i++)
        assert.equal((await agent.submit('/login', wrongPassword(`nobody_${i}`))).status, 401, `attempt ${i + 1}`);
      assert.deepEqual(warnings.length, 1, warnings.join('\n'));
      assert.match(warnings[0], /Rate limits are not enforced: the database does not answer \(disk I\/O error\)/);

      failing = false;
      assert.equal((await agent.submit('/login', wrongPassword('nobody_a'))).status, 401);
      assert.equal((await agent.submit('/login', wrongPassword('nobody_b'))).status, 401);
      assert.equal((await agent.submit('/login', wrongPassword('nobody_c'))).status, 429, 'counting again');
      assert.equal(warnings.length, 2);
      assert.match(warnings[1], /Rate limits are enforced again/);
      await app.close();
    } finally {
      await t.store.close();
    }
  });
});
