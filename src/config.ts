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
  /** The archive's public address, for links in mail (no trailing slash). */
  baseUrl: string;
  /** SMTP transport URL (smtp://user:pass@host:587, smtps://…); unset: no mail is ever sent. */
  smtpUrl?: string;
  /** The From: of notification mail. */
  mailFrom: string;
  /** How long a notification waits for others to join it in one digest mail. */
  mailDelayMs: number;
  /** How often background jobs are looked for. */
  jobPollMs: number;
  /** Requests per window on log-in and sign-up, per address. */
  rateLimits: { login: { max: number; windowMs: number }; signup: { max: number; windowMs: number } };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(env.QUIRE_DATA ?? 'data');
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  const baseUrl = (env.BASE_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  const config: Config = {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    sqlitePath: join(dataDir, 'quire.db'),
    demo: env.QUIRE_DEMO !== '0' && env.QUIRE_DEMO !== 'false',
    trustProxy: env.QUIRE_TRUST_PROXY === '1' || env.QUIRE_TRUST_PROXY === 'true',
    archiveName: env.QUIRE_NAME ?? 'Quire',
    baseUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || `${env.QUIRE_NAME ?? 'Quire'} <noreply@${hostOf(baseUrl)}>`,
    mailDelayMs: seconds(env.MAIL_DELAY_SECONDS, 300) * 1000,
    jobPollMs: seconds(env.JOB_POLL_SECONDS, 5) * 1000,
    rateLimits: {
      login: { max: 10, windowMs: 5 * 60_000 },
      signup: { max: 10, windowMs: 60 * 60_000 },
    },
  };
  return { ...config, ...overrides };
}

function seconds(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** Store options for this configuration. */
export function databaseOptions(config: Config) {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { sqlitePath: config.sqlitePath };
}
