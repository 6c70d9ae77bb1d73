import { resolve, join } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  sqlitePath: string;
  demo: boolean;
  trustProxy: boolean;
  archiveName: string;
  /** Requests per window on log-in and sign-up, per address. */
  rateLimits: { login: { max: number; windowMs: number }; signup: { max: number; windowMs: number } };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(env.QUIRE_DATA ?? 'data');
  const config: Config = {
    port: Number.parseInt(env.PORT ?? '3000', 10),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: join(dataDir, 'quire.db'),
    demo: env.QUIRE_DEMO !== '0' && env.QUIRE_DEMO !== 'false',
    trustProxy: env.QUIRE_TRUST_PROXY === '1' || env.QUIRE_TRUST_PROXY === 'true',
    archiveName: env.QUIRE_NAME ?? 'Quire',
    rateLimits: {
      login: { max: 10, windowMs: 5 * 60_000 },
      signup: { max: 10, windowMs: 60 * 60_000 },
    },
  };
  return { ...config, ...overrides };
}

/** Store options for this configuration. */
export function databaseOptions(config: Config) {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { sqlitePath: config.sqlitePath };
}
