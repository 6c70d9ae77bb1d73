/**
 * A PostgreSQL primary and its streaming read replica, for tests and bench/cluster.sh: two clusters
 * of their own under /tmp on free ports of 127.0.0.1, made with Debian's PostgreSQL tools (initdb,
 * pg_basebackup -R, pg_ctl), trust authentication, user `postgres`, database `postgres`.
 *
 * The primary is a fresh cluster rather than the running one at 127.0.0.1:5432: a replica copies a
 * whole cluster, and the running one holds every other archive and benchmark corpus (gigabytes), so
 * copying it would take minutes; a fresh pair starts in about two seconds and touches no one's
 * configuration. Use `primaryUrl` as DATABASE_URL and `url` in DATABASE_REPLICA_URLS.
 *
 *   const replica = await startReplica();
 *   … DATABASE_URL=replica.primaryUrl, DATABASE_REPLICA_URLS=replica.url …
 *   await replica.pause();   // the replica stops applying changes: it lags from now on
 *   await replica.resume();
 *   await replica.stop();    // both clusters, and their directory
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface StartedReplica {
  /** postgres://postgres@127.0.0.1:PORT/postgres of the replica (read-only). */
  url: string;
  port: number;
  /** The primary the replica streams from (a cluster started with it). */
  primaryUrl: string;
  primaryPort: number;
  /** The replica stops applying what the primary sends (it keeps receiving it) until resume(). */
  pause(): Promise<void>;
  resume(): Promise<void>;
  /** Resolves once the replica has applied everything the primary had written when called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the replica's server only (the primary keeps running): a replica that is down. */
  stopReplica(): Promise<void>;
  /**
   * Suspends every process of the replica's server (SIGSTOP): it takes no connection and answers no
   * statement, not even to cancel it, like a machine that froze or a network that drops everything.
   */
  freezeReplica(): void;
  thawReplica(): void;
  /** Stops both servers and removes their directory. */
  stop(): Promise<void>;
}

/** Debian's PostgreSQL programs (newest installed version), or PG_BINDIR. */
function binDir(): string {
  if (process.env.PG_BINDIR) return process.env.PG_BINDIR;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL server programs are not installed (apt-get install postgresql), or set PG_BINDIR.');
  return join(root, versions[0], 'bin');
}

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function asPostgres(program: string, args: string[]): [string, string[]] {
  const path = join(binDir(), program);
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
}

function run(program: string, args: string[]): Promise<void> {
  const [command, argv] = asPostgres(program, args);
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${program} ${args.join(' ')} failed (${code}): ${stderr.trim()}`)),
    );
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`Waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function logTail(path: string): string {
  try {
    return readFileSync(path, 'utf8').split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}

export async function startReplica(): Promise<StartedReplica> {
  const dir = mkdtempSync(join(tmpdir(), 'quire-replica-'));
  if (process.getuid?.() === 0) {
    const uid = Number(spawnSync('id', ['-u', 'postgres']).stdout.toString().trim());
    const gid = Number(spawnSync('id', ['-g', 'postgres']).stdout.toString().trim());
    if (!Number.isInteger(uid)) throw new Error('There is no `postgres` user to run PostgreSQL as.');
    chownSync(dir, uid, gid);
  }
  const primaryDir = join(dir, 'primary');
  const replicaDir = join(dir, 'replica');
  const running: string[] = [];
  /** The replica server's processes: the postmaster (first line of postmaster.pid) and its children. */
  const signalReplica = (signal: 'SIGSTOP' | 'SIGCONT') => {
    let postmaster: number;
    try {
      postmaster = Number(readFileSync(join(replicaDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    } catch {
      return;
    }
    const children = spawnSync('pgrep', ['-P', String(postmaster)])
      .stdout.toString()
      .split('\n')
      .filter(Boolean);
    for (const pid of [postmaster, ...children.map(Number)]) {
      try {
        process.kill(pid, signal);
      } catch {
        // gone meanwhile
      }
    }
  };
  const stopSync = () => {
    signalReplica('SIGCONT');
    for (const data of running.splice(0)) {
      const [command, argv] = asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
      spawnSync(command, argv, { stdio: 'ignore' });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A test process that ends without stop() (a failure, ^C) leaves no server behind.
  process.once('exit', stopSync);
  const serverOptions = (port: number, extra: string) =>
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c shared_buffers=32MB ${extra}`;
  const startServer = async (data: string, port: number, extra = '') => {
    await run('pg_ctl', ['-D', data, '-l', `${data}.log`, '-w', '-t', '60', '-o', serverOptions(port, extra), 'start']);
    running.push(data);
  };
  try {
    const primaryPort = await freePort();
    const port = await freePort();
    const primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    await run('initdb', [
      '-D',
      primaryDir,
      '-A',
      'trust',
      '-U',
      'postgres',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    // initdb's pg_hba.conf lets local connections replicate; wal_level is `replica` by default.
    await startServer(primaryDir, primaryPort).catch((error: Error) => {
      throw new Error(`${error.message}\n${logTail(`${primaryDir}.log`)}`);
    });
    await run(
      'pg_basebackup',
      ['-h', '127.0.0.1', '-p', String(primaryPort), '-U', 'postgres'].concat([
        '-D',
        replicaDir,
        '-R',
        '-X',
        'stream',
        '-c',
        'fast',
      ]),
    );
    await startServer(replicaDir, port, '-c hot_standby=on').catch((error: Error) => {
      throw new Error(`${error.message}\n${logTail(`${replicaDir}.log`)}`);
    });
    await until('the replica to stream from the primary', async () => {
      const rows = await query<{ state: string }>(primaryUrl, 'select state from pg_stat_replication');
      return rows.some((row) => row.state === 'streaming');
    });

    const caughtUp = async (timeoutMs = 30_000) => {
      const [{ lsn }] = await query<{ lsn: string }>(primaryUrl, 'select pg_current_wal_lsn()::text as lsn');
      await until(
        'the replica to catch up',
        async () => {
          const [row] = await query<{ behind: boolean }>(
            url,
            `select pg_wal_lsn_diff('${lsn}', pg_last_wal_replay_lsn()) > 0 as behind`,
          );
          return !row.behind;
        },
        timeoutMs,
      );
    };
    const stopServer = async (data: string) => {
      const at = running.indexOf(data);
      if (at === -1) return;
      running.splice(at, 1);
      await run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    };
    return {
      url,
      port,
      primaryUrl,
      primaryPort,
      async pause() {
        await query(url, 'select pg_wal_replay_pause()');
        await until('replay to pause', async () => {
          const [row] = await query<{ state: string }>(url, 'select pg_get_wal_replay_pause_state() as state');
          return row.state === 'paused';
        });
      },
      async resume() {
        await query(url, 'select pg_wal_replay_resume()');
      },
      caughtUp,
      stopReplica: () => stopServer(replicaDir),
      freezeReplica: () => signalReplica('SIGSTOP'),
      thawReplica: () => signalReplica('SIGCONT'),
      async stop() {
        signalReplica('SIGCONT');
        await stopServer(replicaDir);
        await stopServer(primaryDir);
        process.removeListener('exit', stopSync);
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    process.removeListener('exit', stopSync);
    stopSync();
    throw error;
  }
}
