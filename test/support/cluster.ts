// A multi-machine set-up on one machine (issue 17), for test/cluster.test.ts and bench/cluster.sh:
// Redis, two `bin/quire serve --workers 1` processes on a PostgreSQL database (with its read
// replicas when given), and Debian's nginx in front of them. Everything runs on free ports
// under one directory in /tmp, and is stopped by stop() (or, should this process die first, by
// its exit handler).
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshPostgresDatabase } from './crash.ts';

const QUIRE = new URL('../../bin/quire', import.meta.url).pathname;
export const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
export const REDIS_SERVER = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
/** Starting waits on processes on a machine that may be busy: generous, never a timed assertion. */
const PATIENCE_MS = 180_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every child still running, stopped if this process exits without stopping them. */
const running = new Set<{ child: ChildProcess; signal: NodeJS.Signals }>();
process.on('exit', () => {
  for (const { child, signal } of running) child.kill(signal);
});

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
export function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A child process with everything it prints kept in `log`. */
class Child {
  child?: ChildProcess;
  log = '';
  private exited?: Promise<void>;

  constructor(
    readonly name: string,
    /** What stops it gracefully (and what the exit handler sends). */
    private readonly stopSignal: NodeJS.Signals,
  ) {}

  get alive(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  protected spawn(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; cwd?: string }): void {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    const entry = { child, signal: this.stopSignal };
    running.add(entry);
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        running.delete(entry);
        this.log += `\n[${this.name} exited: ${signal ?? code}]\n`;
        resolve();
      }),
    );
    child.stdout!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.log += chunk.toString()));
    child.once('error', (error) => (this.log += `\n[${this.name} could not start: ${error.message}]\n`));
  }

  /** Resolves once `check` holds; fails when the process exits first or after PATIENCE_MS. */
  protected async until(check: () => boolean | Promise<boolean>, what: string): Promise<void> {
    const deadline = Date.now() + PATIENCE_MS;
    for (;;) {
      if (await check()) return;
      if (!this.alive) throw new Error(`${this.name} exited before ${what}:\n${this.log}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: gave up waiting for ${what}:\n${this.log}`);
      await sleep(50);
    }
  }

  /** SIGKILL, as a machine that dies: nothing is flushed or drained. Resolves once it is gone. */
  async kill(): Promise<void> {
    if (!this.alive) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<void> {
    if (!this.alive) return;
    this.child!.kill(this.stopSignal);
    const timer = setTimeout(() => this.child?.kill('SIGKILL'), 15_000);
    await this.exited;
    clearTimeout(timer);
  }
}

/** Debian's redis-server, nothing written to disk. */
export class RedisServer extends Child {
  constructor(
    readonly port: number,
    private readonly dir: string,
  ) {
    super('redis-server', 'SIGTERM');
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const args = ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
    this.spawn(REDIS_SERVER, args, { cwd: this.dir });
    const from = this.log.length;
    await this.until(() => this.log.includes('Ready to accept connections', from), 'Redis to accept connections');
  }
}

/** `bin/quire serve --workers 1 --no-demo`: one process on a fixed port, as one machine of the cluster. */
export class QuireServer extends Child {
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    super(name, 'SIGTERM');
  }

  async start(): Promise<void> {
    this.spawn(QUIRE, ['serve', '--workers', '1', '--no-demo'], {
      env: { ...process.env, ...this.env, PORT: String(this.port) },
    });
    const from = this.log.length;
    await this.until(() => /Quire is serving http:\/\/\S+/.test(this.log.slice(from)), 'Quire to serve');
  }
}

/**
 * nginx in front of the servers: the configuration docs/deploying.md shows under "Several
 * machines", with this directory's paths (nginx runs in the foreground, its temporary files and
 * logs here). The access log names the server(s) each request went to.
 */
export class Nginx extends Child {
  readonly accessLog: string;
  readonly config: string;

  constructor(
    readonly port: number,
    private readonly dir: string,
    upstreams: number[],
  ) {
    super('nginx', 'SIGTERM');
    mkdirSync(dir, { recursive: true });
    this.accessLog = join(dir, 'access.log');
    this.config = join(dir, 'nginx.conf');
    writeFileSync(this.config, nginxConfig({ dir, port, upstreams }));
  }

  async start(): Promise<void> {
    this.spawn(NGINX, ['-p', `${this.dir}/`, '-c', this.config, '-e', join(this.dir, 'error.log')], {});
    await this.until(() => accepts(this.port), 'nginx to accept connections');
  }

  /** The requests nginx answered so far, as its access log has them. */
  requests(): ProxiedRequest[] {
    let text: string;
    try {
      text = readFileSync(this.accessLog, 'utf8');
    } catch {
      return [];
    }
    return text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [client, method, uri, status, upstreams, statuses] = line.split('\t');
        return {
          client,
          method,
          uri,
          status: Number(status),
          upstreams: upstreams === '-' ? [] : upstreams.split(/\s*,\s*|\s+:\s+/),
          upstreamStatuses: statuses === '-' ? [] : statuses.split(/\s*,\s*|\s+:\s+/),
        };
      });
  }
}

export interface ProxiedRequest {
  client: string;
  method: string;
  uri: string;
  status: number;
  /** The servers tried, in order ("127.0.0.1:PORT"): two when the first failed and nginx retried. */
  upstreams: string[];
  upstreamStatuses: string[];
}

/** The proxy's configuration; the `upstream` and `location` blocks are what a real deployment uses. */
export function nginxConfig({ dir, port, upstreams }: { dir: string; port: number; upstreams: number[] }): string {
  return `# Written by test/support/cluster.ts. The upstream and location blocks are as in docs/deploying.md.
daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }

http {
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    log_format upstreams '$remote_addr\\t$request_method\\t$request_uri\\t$status\\t$upstream_addr\\t$upstream_status';
    access_log ${dir}/access.log upstreams;

    upstream quire {
${upstreams.map((p) => `        server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n')}
        keepalive 32;
    }

    server {
        listen 127.0.0.1:${port};
        client_max_body_size 8m;

        location / {
            proxy_pass http://quire;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $remote_addr;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_connect_timeout 2s;
            proxy_read_timeout 120s;
            proxy_next_upstream error timeout http_502 http_503;
            proxy_next_upstream_timeout 15s;
        }
    }
}
`;
}

export interface ClusterOptions {
  /**
   * The database (DATABASE_URL) and its streaming read replicas (DATABASE_REPLICA_URLS), such as
   * test/support/replica.ts starts; the caller stops them. Default: a fresh database on the
   * running PostgreSQL (TEST_DATABASE_URL), dropped by stop(), and no replicas.
   */
  database?: { url: string; replicaUrls?: string[] };
  /** More settings for both servers. */
  env?: Record<string, string>;
}

export interface Cluster {
  dir: string;
  databaseUrl: string;
  replicaUrls: string[];
  redis: RedisServer;
  servers: [QuireServer, QuireServer];
  proxy: Nginx;
  /** http://127.0.0.1:PORT of the proxy. */
  url: string;
  /** Stops everything started, drops the database it made, and removes the directory. */
  stop(): Promise<void>;
}

/**
 * Starts the set-up: the database (by default a fresh one on the running PostgreSQL), Redis, server
 * A (which migrates the database and writes the cookie secret), then server B, then nginx. A
 * failure part-way stops what was started.
 */
export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const dir = mkdtempSync(join(tmpdir(), 'quire-cluster-'));
  // nginx's worker runs as nobody and keeps request bodies under the directory.
  chmodSync(dir, 0o755);
  const stops: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const stopAll = async () => {
    const errors: unknown[] = [];
    for (const stop of stops.splice(0).reverse()) await stop().catch((error: unknown) => errors.push(error));
    if (errors.length > 0) throw new AggregateError(errors, 'stopping the cluster failed');
  };
  try {
    let database = options.database;
    if (!database) {
      const fresh = await freshPostgresDatabase();
      stops.push(() => fresh.drop());
      database = fresh;
    }
    const replicaUrls = database.replicaUrls ?? [];
    const [redisPort, portA, portB, proxyPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const redis = new RedisServer(redisPort, dir);
    stops.push(() => redis.stop());
    await redis.start();

    const url = `http://127.0.0.1:${proxyPort}`;
    const env = (name: string): Record<string, string> => ({
      DATABASE_URL: database.url,
      ...(replicaUrls.length > 0 ? { DATABASE_REPLICA_URLS: replicaUrls.join(',') } : {}),
      REDIS_URL: redis.url,
      QUIRE_TRUST_PROXY: '1',
      BASE_URL: url,
      HOST: '127.0.0.1',
      QUIRE_DATA: join(dir, name),
      QUIRE_DEMO: '0',
      WORKERS: '1',
      SMTP_URL: '',
      METRICS_TOKEN: '',
      LOG_LEVEL: 'warn',
      // The reading loads come from a few addresses, far past the ceiling on all pages per address.
      RATE_LIMIT_PAGES: 'off',
      ...options.env,
    });
    const a = new QuireServer('server A', portA, env('a'));
    const b = new QuireServer('server B', portB, env('b'));
    stops.push(
      () => a.stop(),
      () => b.stop(),
    );
    // One after the other: A migrates the new database and writes the cookie secret both use.
    await a.start();
    await b.start();

    const proxy = new Nginx(proxyPort, join(dir, 'nginx'), [portA, portB]);
    stops.push(() => proxy.stop());
    await proxy.start();
    return { dir, databaseUrl: database.url, replicaUrls, redis, servers: [a, b], proxy, url, stop: stopAll };
  } catch (error) {
    await stopAll().catch(() => {});
    throw error;
  }
}
