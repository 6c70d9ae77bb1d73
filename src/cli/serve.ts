import cluster from 'node:cluster';
import net from 'node:net';
import type { Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { availableParallelism } from 'node:os';
import { databaseOptions, startWarnings, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { buildApp } from '../web/app.tsx';
import { createDemoArchive, describeDemo } from '../demo/index.ts';
import { createJobs } from '../jobs/index.ts';
import { DbWorkIndex, pruneWorkChanges } from '../search/db-index.ts';
import { configureIndexSnapshots } from '../search/index-snapshot.ts';
import { DRAIN_MESSAGE, READY_MESSAGE, WorkerPool } from './workers.ts';

const HOUR = 3_600_000;
/** Every process applies the work change log before each search; a day-old row has long been applied. */
const CHANGE_LOG_KEPT_MS = 24 * HOUR;
/** A changed works index is written to its snapshot file this often (by one process of several). */
const INDEX_SNAPSHOT_EVERY_MS = 10 * 60_000;

/** One process per core unless --workers N or WORKERS says otherwise. */
export function defaultWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = Number.parseInt(env.WORKERS ?? '', 10);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : availableParallelism();
}

function announce(config: Config, port: number, workers: number): void {
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.sqlitePath}`;
  const mailed = config.smtpUrl ? '; notifications are mailed' : '';
  console.log(
    `Quire is serving http://${host}:${port} (${where}; ${workers} ${workers === 1 ? 'process' : 'processes'})${mailed}`,
  );
}

/** The primary migrates and fills the demo once, then runs the workers (restarting any that die) which share the port. */
async function runPrimary(config: Config, workers: number): Promise<void> {
  const store = await openStore(databaseOptions(config));
  try {
    if (config.demo) {
      const result = await createDemoArchive(store);
      if (result.created) console.log(describeDemo(result));
    }
  } finally {
    await store.close();
  }
  // "Serving" once every worker listens: connections made earlier all go to the workers ready then.
  const listening = new Set<number>();
  let announced = false;
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (announced || listening.size < workers) return;
    announced = true;
    announce(config, address.port, workers);
  });
  const pool = new WorkerPool(workers, {
    info: (message) => console.log(`quire: ${message}`),
    error: (message) => console.error(`quire: ${message}`),
  });
  // SIGHUP (systemctl reload): new processes take over one at a time, for an upgrade with no request lost.
  process.on('SIGHUP', () => void pool.rollingRestart());
  const stop = () => {
    void pool.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  pool.start();
}

export async function serve(config: Config, workers = defaultWorkers()): Promise<void> {
  if (cluster.isPrimary) for (const warning of startWarnings(config)) console.warn(`Warning: ${warning}`);
  if (workers > 1 && cluster.isPrimary) return runPrimary(config, workers);
  const store = await openStore(databaseOptions(config));
  if (config.demo && cluster.isPrimary) {
    const result = await createDemoArchive(store);
    if (result.created) console.log(describeDemo(result));
  }
  if (config.indexSnapshot)
    configureIndexSnapshots({
      path: config.indexSnapshot,
      everyMs: INDEX_SNAPSHOT_EVERY_MS,
      log: (message) => console.log(`quire: ${message}`),
    });
  const app = await buildApp({ store, config, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  // Every process runs the jobs runner: a job is claimed by one conditional update, so one process wins it.
  const jobs = createJobs(store, config, { log: app.log });
  const housekeeping = setInterval(() => {
    void store.sessions.purgeExpired().catch((error) => app.log.error(error));
    void pruneWorkChanges(store.handle.db, new Date(Date.now() - CHANGE_LOG_KEPT_MS)).catch((error) =>
      app.log.error(error),
    );
    void store.jobs
      .purgeDone(new Date(Date.now() - 7 * 24 * HOUR).toISOString())
      .catch((error) => app.log.error(error));
  }, HOUR);
  housekeeping.unref();

  const { operations } = app.quire.archive;
  let closing: Promise<void> | undefined;
  // Draining: /health answers 503 and every answer closes its connection; no new connections are
  // taken, requests under way finish, then the process exits.
  const shutdown = (why: string) =>
    (closing ??= (async () => {
      app.log.info(`${why}: draining`);
      operations.process.drain();
      clearInterval(housekeeping);
      if (app.quire.search.index instanceof DbWorkIndex) app.quire.search.index.stopSnapshots();
      stopAccepting(app.server);
      await connectionsClosed(app.server, DRAIN_GRACE_MS);
      await jobs.stop();
      await app.close();
      await store.close();
      process.exit(0);
    })());
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // Only a primary with workers can replace them; one process alone keeps serving (rather than die).
  if (cluster.isPrimary)
    process.on('SIGHUP', () =>
      console.warn('quire: SIGHUP ignored: rolling restarts need bin/quire serve --workers 2 or more'),
    );
  if (cluster.isWorker) {
    // A hangup sent to the whole process group is the primary's to act on.
    process.on('SIGHUP', () => {});
    process.on('message', (message: unknown) => {
      if (message === DRAIN_MESSAGE) void shutdown('asked to stop');
    });
    app.metrics?.shareWithPrimary();
  }

  await app.listen({ port: config.port, host: config.host });
  jobs.runner.start();
  if (cluster.isWorker) await tellPrimaryWhenHealthy(app);
  if (cluster.isPrimary) {
    const address = app.server.address();
    announce(config, typeof address === 'object' && address ? address.port : config.port, 1);
  }
}

/** How long a draining process keeps open connections that send nothing, before closing them. */
const DRAIN_GRACE_MS = 3_000;

/**
 * Stops taking connections (in a worker, the primary hands new ones to the other processes) but,
 * unlike http.Server.close, keeps the open ones: a connection just handed over may not have sent
 * its request yet, and one in use is closed by its next answer.
 */
function stopAccepting(server: Server): void {
  if (server.listening) net.Server.prototype.close.call(server);
}

/** Resolves when the server holds no connection, or after `graceMs` (then closing is http.Server.close's work). */
async function connectionsClosed(server: Server, graceMs: number): Promise<void> {
  const until = Date.now() + graceMs;
  while (Date.now() < until) {
    const open = await new Promise<number>((resolve) => server.getConnections((_error, count) => resolve(count ?? 0)));
    if (open === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Tells the primary this process is ready once its own health check says so (its database answers). */
async function tellPrimaryWhenHealthy(app: FastifyInstance): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    const health = await app.quire.archive.operations.health();
    if (health.healthy) {
      process.send?.(READY_MESSAGE);
      return;
    }
    if (health.status === 'draining') return;
    if (attempt === 0) app.log.warn(`not ready yet: ${health.database.error ?? health.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
