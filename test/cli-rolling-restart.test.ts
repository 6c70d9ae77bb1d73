// Rolling restarts (issue 17): `bin/quire serve --workers 2` replaces its processes one at a time
// on SIGHUP without a single request failing, and replaces a process that dies.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;
/** Everything here waits on processes starting on a machine that may be busy: generous, never timed. */
const PATIENCE_MS = 240_000;
const TOKEN = 'rolling-restart-metrics-token';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('bin/quire serve --workers 2', () => {
  let data: string;
  let port: number;
  let server: ChildProcessWithoutNullStreams;
  let output = '';
  let exited: Promise<void>;

  /** Resolves once the server's output matches, after `from` characters of it. */
  async function outputMatches(pattern: RegExp, from = 0): Promise<RegExpExecArray> {
    const until = Date.now() + PATIENCE_MS;
    for (;;) {
      const found = pattern.exec(output.slice(from));
      if (found) return found;
      if (server.exitCode !== null) throw new Error(`the server exited:\n${output}`);
      if (Date.now() > until) throw new Error(`no ${pattern} in the server's output:\n${output}`);
      await sleep(100);
    }
  }

  /** The process ids /health reports, asked until `count` different ones answered. */
  async function servingPids(count: number, not: number[] = []): Promise<Set<number>> {
    const pids = new Set<number>();
    const until = Date.now() + PATIENCE_MS;
    while (pids.size < count) {
      if (Date.now() > until) throw new Error(`only processes ${[...pids].join(', ')} answered:\n${output}`);
      try {
        const response = await fetch(`http://127.0.0.1:${port}/health`, { headers: { connection: 'close' } });
        const health = (await response.json()) as { status: string; pid: number };
        if (response.status === 200 && health.status === 'ok' && !not.includes(health.pid)) pids.add(health.pid);
      } catch {
        // Not answering yet: ask again.
      }
      await sleep(20);
    }
    return pids;
  }

  /** Readers asking for pages without pause, each over its own kept-alive connections; every failure is kept. */
  function readers(count: number) {
    const failures: string[] = [];
    let answered = 0;
    let running = true;
    const paths = ['/', '/works', '/search?q=tea'];
    const loops = Array.from({ length: count }, async (_, reader) => {
      for (let i = reader; running; i++) {
        const path = paths[i % paths.length];
        try {
          const response = await fetch(`http://127.0.0.1:${port}${path}`);
          await response.arrayBuffer();
          if (response.status === 200) answered++;
          else failures.push(`${path}: ${response.status}`);
        } catch (error) {
          failures.push(`${path}: ${(error as Error).message} (${String((error as Error).cause ?? '')})`);
        }
      }
    });
    return {
      failures,
      get answered() {
        return answered;
      },
      async stop() {
        running = false;
        await Promise.all(loops);
      },
    };
  }

  async function answeredAtLeast(load: { answered: number }, n: number): Promise<void> {
    const until = Date.now() + PATIENCE_MS;
    while (load.answered < n) {
      if (Date.now() > until) throw new Error(`only ${load.answered} pages were answered:\n${output}`);
      await sleep(50);
    }
  }

  before(async () => {
    data = mkdtempSync(join(tmpdir(), 'quire-rolling-'));
    port = await freePort();
    server = spawn(QUIRE, ['serve', '--workers', '2', '--no-demo'], {
      env: {
        ...process.env,
        DATABASE_URL: '',
        REDIS_URL: '',
        SMTP_URL: '',
        METRICS_TOKEN: TOKEN,
        QUIRE_DATA: data,
        PORT: String(port),
        HOST: '127.0.0.1',
        RATE_LIMIT_PAGES: 'off',
        LOG_LEVEL: 'warn',
      },
    });
    server.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    server.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    exited = new Promise((resolve) => server.once('exit', () => resolve()));
    await outputMatches(/Quire is serving/);
  });

  after(async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 60_000)))]);
      clearTimeout(timer);
      if (server.exitCode === null) server.kill('SIGKILL');
    }
    rmSync(data, { recursive: true, force: true });
  });

  it('answers /metrics for every process, added up by the primary', { timeout: 600_000 }, async () => {
    const pids = await servingPids(2);
    assert.equal(pids.size, 2);
    // Every /health request so far was this test's: the count covers both processes' answers.
    let asked = 0;
    for (let i = 0; i < 20; i++) {
      const response = await fetch(`http://127.0.0.1:${port}/health`, { headers: { connection: 'close' } });
      await response.arrayBuffer();
      asked++;
    }
    const scraped = await fetch(`http://127.0.0.1:${port}/metrics`, {
      headers: { authorization: `Bearer ${TOKEN}`, connection: 'close' },
    });
    assert.equal(scraped.status, 200);
    const text = await scraped.text();
    const line = /^quire_http_requests_total\{[^}]*route="\/health"[^}]*\} (\d+)$/m.exec(text);
    assert.ok(line, text);
    assert.ok(Number(line[1]) >= asked + pids.size, `${line[1]} /health answers counted, ${asked}+ asked`);
    assert.match(text, /^quire_database_up 1$/m);
  });

  it('replaces every process on SIGHUP while not one request fails', { timeout: 600_000 }, async () => {
    const before = await servingPids(2);
    const load = readers(4);
    try {
      await answeredAtLeast(load, 20);
      const from = output.length;
      server.kill('SIGHUP');
      await outputMatches(/rolling restart done/, from);
      const afterRestart = load.answered;
      await answeredAtLeast(load, afterRestart + 20);
    } finally {
      await load.stop();
    }
    assert.deepEqual(load.failures, [], `failed requests:\n${load.failures.join('\n')}\n${output}`);
    assert.ok(load.answered >= 40);
    const now = await servingPids(2);
    for (const pid of now) assert.ok(!before.has(pid), `process ${pid} served before and after the restart`);
    assert.equal(server.exitCode, null, 'the primary is still running');
  });

  it('starts another process when one dies, and keeps answering meanwhile', { timeout: 600_000 }, async () => {
    const [victim] = await servingPids(2);
    const from = output.length;
    process.kill(victim, 'SIGKILL');
    await outputMatches(new RegExp(`worker ${victim} stopped \\(SIGKILL\\); starting another`), from);
    // Two processes answer again, neither of them the dead one.
    const now = await servingPids(2, [victim]);
    assert.equal(now.size, 2);
    assert.ok(!now.has(victim));
  });
});
