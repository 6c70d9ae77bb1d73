import { databaseOptions, type Config } from '../config.ts';
import { openStore } from '../store/index.ts';
import { buildApp } from '../web/app.tsx';
import { createDemoArchive, describeDemo } from '../demo/index.ts';
import { createJobs } from '../jobs/index.ts';

const HOUR = 3_600_000;

export async function serve(config: Config): Promise<void> {
  const store = await openStore(databaseOptions(config));
  if (config.demo) {
    const result = await createDemoArchive(store);
    if (result.created) console.log(describeDemo(result));
  }
  const app = await buildApp({ store, config, logger: { level: process.env.LOG_LEVEL ?? 'warn' } });
  const purge = setInterval(() => void store.sessions.purgeExpired().catch((error) => app.log.error(error)), HOUR);
  purge.unref();
  const jobs = createJobs(store, config, { log: app.log });
  const purgeJobs = setInterval(() => void store.jobs.purgeDone(new Date(Date.now() - 7 * 24 * HOUR).toISOString()).catch((error) => app.log.error(error)), HOUR);
  purgeJobs.unref();

  const shutdown = async (signal: string) => {
    app.log.info(`${signal} received, closing`);
    clearInterval(purge);
    clearInterval(purgeJobs);
    await jobs.stop();
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  jobs.runner.start();
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '127.0.0.1' ? 'localhost' : config.host;
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite at ${config.sqlitePath}`;
  console.log(`Quire is serving http://${host}:${port} (${where})${config.smtpUrl ? '; notifications are mailed' : ''}`);
}
