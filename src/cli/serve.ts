import cluster from 'node:cluster';
import { availableParallelism } from 'node:os';
import { databaseOptions, startWarnings, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { buildApp } from '../web/app.tsx';
import { createDemoArchive, describeDemo } from '../demo/index.ts';
import { createJobs } from '../jobs/index.ts';
import { pruneWorkChanges } from '../search/db-index.ts';

const HOUR = 3_600_000;
/** Every process applies the work change log before each search; a day-old row has long been applied. */
const CHANGE_LOG_KEPT_MS = 24 * HOUR;

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
  let stopping = false;
  // "Serving" once every worker listens: connections made earlier all go to the workers ready then.
  const listening = new Set<number>();
  let announced = false;
  cluster.on('listening', (worker, address) => {
    listening.add(worker.id);
    if (announced || listening.size < workers) return;
    announced = true;
    announce(config, address.port, workers);
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`quire: worker ${worker.process.pid} stopped (${signal ?? code}); starting another`);
    cluster.fork();
  });
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.kill('SIGTERM');
    const wait = setInterval(() => {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        clearInterval(wait);
        process.exit(0);
      }
    }, 50);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  for (let i = 0; i < workers; i++) cluster.fork();
}

export async function serve(config: Config, workers = defaultWorkers()): Promise<void> {
  if (cluster.isPrimary) for (const warning of startWarnings(config)) console.warn(`Warning: ${warning}`);
  if (workers > 1 && cluster.isPrimary) return runPrimary(config, workers);
  const store = await openStore(databaseOptions(config));
  if (config.demo && cluster.isPrimary) {
    const result = await createDemoArchive(store);
    if (result.created) console.log(describeDemo(result));
  }
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

  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received, closing`);
    clearInterval(housekeeping);
    await jobs.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  jobs.runner.start();
  if (cluster.isPrimary) {
    const address = app.server.address();
    announce(config, typeof address === 'object' && address ? address.port : config.port, 1);
  }
}
