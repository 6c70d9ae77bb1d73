import { resolve, join } from 'node:path';
import { DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS } from './read-routing.ts';

/** Public API requests per window: reads per route (with a token / without), writes per route and token, and all API requests per address. */
export interface ApiRateLimits {
  tokenReads: { max: number; windowMs: number };
  guestReads: { max: number; windowMs: number };
  writes: { max: number; windowMs: number };
  address: { max: number; windowMs: number };
}

export const DEFAULT_API_RATE_LIMITS: ApiRateLimits = {
  tokenReads: { max: 600, windowMs: 60_000 },
  guestReads: { max: 120, windowMs: 60_000 },
  writes: { max: 60, windowMs: 60 * 60_000 },
  address: { max: 1_200, windowMs: 60_000 },
};

/** At most `max` requests in `windowMs`. */
export interface RateLimit {
  max: number;
  windowMs: number;
}

/** Log-in attempts per login name, whatever the address (AO3: 5 in 20 seconds). */
export const DEFAULT_LOGIN_NAME_LIMIT: RateLimit = { max: 5, windowMs: 20_000 };

/** Requests per address over every page (AO3: 300 in 300 seconds); /static/ is not counted. */
export const DEFAULT_PAGES_LIMIT: RateLimit = { max: 300, windowMs: 300_000 };

/**
 * Pages kept for guests (src/web/guest-pages.ts): at most `maxBytes` per process (0: none kept);
 * a work or chapter page at most `maxAgeMs` old, a listing at most `listingMaxAgeMs` (default: `maxAgeMs`).
 */
export interface GuestPageOptions {
  maxBytes: number;
  maxAgeMs: number;
  listingMaxAgeMs?: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  /** Streaming read replicas of DATABASE_URL (DATABASE_REPLICA_URLS, comma-separated); see src/store/read-routing.ts. */
  databaseReplicaUrls: string[];
  /** DATABASE_REPLICA_MAX_LAG_SECONDS: a replica further behind the primary is not read from. */
  databaseReplicaMaxLagMs: number;
  /** DATABASE_REPLICA_STATEMENT_TIMEOUT_MS: a read that takes longer on a replica is answered by the primary. */
  databaseReplicaStatementTimeoutMs: number;
  /** DATABASE_PREPARED_STATEMENTS=off sends every statement unnamed (for a transaction-pooling proxy); see src/store/prepared-statements.ts. */
  databasePreparedStatements?: boolean;
  sqlitePath: string;
  demo: boolean;
  trustProxy: boolean;
  archiveName: string;
  /** The public address (scheme, host, port, any path prefix) for absolute links; unset: feeds take it from the request, mail uses http://localhost:PORT (see siteAddress). */
  baseUrl?: string;
  /** SMTP transport URL (smtp://user:pass@host:587, smtps://…); unset: no mail is ever sent. */
  smtpUrl?: string;
  /** The From: of notification mail. */
  mailFrom: string;
  /** How long a notification waits for others to join it in one digest mail. */
  mailDelayMs: number;
  /** How often background jobs are looked for. */
  jobPollMs: number;
  /**
   * Requests per window, counted for the whole archive (in the database, or in Redis with
   * `redisUrl`): log-in and sign-up per address, log-in per login name, and every request per
   * address (`pages`; unset: no such ceiling).
   */
  rateLimits: {
    login: RateLimit;
    loginName?: RateLimit;
    signup: RateLimit;
    api?: ApiRateLimits;
    pages?: RateLimit;
  };
  /** redis://… to keep rate-limit counters in Redis instead of the database. */
  redisUrl?: string;
  guestPages: GuestPageOptions;
  /** The bearer token /metrics asks for; unset: /metrics answers 404. */
  metricsToken?: string;
  /** The works index snapshot a starting process reads (INDEX_SNAPSHOT; default data/index.snapshot; "off": none). */
  indexSnapshot?: string;
  /** WRITE_BATCH_SECONDS: how long hits and guests' kudos wait to be written together (1 s). */
  writeBatchMs: number;
  /** SEARCH_ENGINE: `memory` (each process holds the works index) or `postgres` (PostgreSQL answers searches; DATABASE_URL only). */
  searchEngine: 'memory' | 'postgres';
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(env.QUIRE_DATA ?? 'data');
  const port = Number.parseInt(env.PORT ?? '3000', 10);
  const baseUrl = parseBaseUrl(env.BASE_URL);
  const config: Config = {
    port,
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl: env.DATABASE_URL || undefined,
    databaseReplicaUrls: parseReplicaUrls(env.DATABASE_REPLICA_URLS, env.DATABASE_URL),
    databaseReplicaMaxLagMs: seconds(env.DATABASE_REPLICA_MAX_LAG_SECONDS, 30) * 1000,
    databaseReplicaStatementTimeoutMs: replicaStatementTimeout(env.DATABASE_REPLICA_STATEMENT_TIMEOUT_MS),
    databasePreparedStatements: onOrOff('DATABASE_PREPARED_STATEMENTS', env.DATABASE_PREPARED_STATEMENTS),
    sqlitePath: join(dataDir, 'quire.db'),
    demo: env.QUIRE_DEMO !== '0' && env.QUIRE_DEMO !== 'false',
    trustProxy: env.QUIRE_TRUST_PROXY === '1' || env.QUIRE_TRUST_PROXY === 'true',
    archiveName: env.QUIRE_NAME ?? 'Quire',
    baseUrl,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || `${env.QUIRE_NAME ?? 'Quire'} <noreply@${hostOf(baseUrl ?? 'http://localhost')}>`,
    mailDelayMs: seconds(env.MAIL_DELAY_SECONDS, 300) * 1000,
    jobPollMs: seconds(env.JOB_POLL_SECONDS, 5) * 1000,
    writeBatchMs: seconds(env.WRITE_BATCH_SECONDS, 1) * 1000,
    rateLimits: {
      login: requiredRateLimit(env, 'RATE_LIMIT_LOGIN', { max: 10, windowMs: 5 * 60_000 }),
      loginName: requiredRateLimit(env, 'RATE_LIMIT_LOGIN_NAME', DEFAULT_LOGIN_NAME_LIMIT),
      signup: requiredRateLimit(env, 'RATE_LIMIT_SIGNUP', { max: 10, windowMs: 60 * 60_000 }),
      api: DEFAULT_API_RATE_LIMITS,
      pages: rateLimit(env, 'RATE_LIMIT_PAGES', DEFAULT_PAGES_LIMIT),
    },
    redisUrl: env.REDIS_URL || undefined,
    guestPages: {
      maxBytes: seconds(env.GUEST_PAGES_MB, 128) * 1024 * 1024,
      // The change log drops a work page whenever anything it shows changes but its hit count.
      maxAgeMs: seconds(env.GUEST_PAGES_SECONDS, 600) * 1000,
      // A listing's counters (hits, kudos, comments) are not followed: they may lag this long.
      listingMaxAgeMs: seconds(env.GUEST_LISTINGS_SECONDS, 30) * 1000,
    },
    metricsToken: env.METRICS_TOKEN?.trim() || undefined,
    indexSnapshot:
      env.INDEX_SNAPSHOT?.trim() === 'off'
        ? undefined
        : resolve(env.INDEX_SNAPSHOT?.trim() || join(dataDir, 'index.snapshot')),
    searchEngine: searchEngine(env),
  };
  return { ...config, ...overrides };
}

function searchEngine(env: NodeJS.ProcessEnv): 'memory' | 'postgres' {
  const value = env.SEARCH_ENGINE?.trim() || 'memory';
  if (value !== 'memory' && value !== 'postgres')
    throw new Error(`SEARCH_ENGINE must be "memory" (the default) or "postgres", not ${value}`);
  if (value === 'postgres' && !env.DATABASE_URL)
    throw new Error(
      'SEARCH_ENGINE=postgres searches with PostgreSQL itself, but DATABASE_URL is not set (the archive is on SQLite): set DATABASE_URL, or SEARCH_ENGINE=memory.',
    );
  return value;
}

function seconds(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * A limit from the environment as "MAX/SECONDS" (RATE_LIMIT_PAGES=300/300); "off" turns it off
 * (undefined). Anything else stops the start with a clear message.
 */
function rateLimit(env: NodeJS.ProcessEnv, name: string, fallback: RateLimit): RateLimit | undefined {
  const value = env[name]?.trim();
  if (value === undefined || value === '') return fallback;
  if (value === 'off') return undefined;
  const match = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) <= 0)
    throw new Error(
      `${name} must be "MAX/SECONDS" (such as ${fallback.max}/${fallback.windowMs / 1000}) or "off", not ${value}`,
    );
  return { max: Number(match[1]), windowMs: Math.round(Number(match[2]) * 1000) };
}

function requiredRateLimit(env: NodeJS.ProcessEnv, name: string, fallback: RateLimit): RateLimit {
  const limit = rateLimit(env, name, fallback);
  if (!limit) throw new Error(`${name} cannot be off; set a higher limit instead (such as 100/60)`);
  return limit;
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname || 'localhost';
  } catch {
    return 'localhost';
  }
}

/** The archive's address for links that leave the site without a request to go by (mail). */
export function siteAddress(config: Config): string {
  return config.baseUrl ?? `http://localhost:${config.port}`;
}

/** Whether every cookie is marked Secure: the public address is https, whether or not the proxy before it is trusted. */
export function cookiesSecure(config: Config): boolean {
  return config.baseUrl?.startsWith('https:') ?? false;
}

/** What an admin should know at start about settings that work against each other. */
export function startWarnings(config: Config): string[] {
  const warnings: string[] = [];
  if (cookiesSecure(config) && !config.trustProxy)
    warnings.push(
      'BASE_URL is https but QUIRE_TRUST_PROXY is off: cookies are marked Secure, but rate limits and logs see the proxy’s address instead of each reader’s. Set QUIRE_TRUST_PROXY=1 when a proxy you run sets X-Forwarded-For.',
    );
  return warnings;
}

/** Store options for this configuration. */
export function databaseOptions(config: Config) {
  return config.databaseUrl
    ? {
        databaseUrl: config.databaseUrl,
        replicaUrls: config.databaseReplicaUrls,
        replicaMaxLagMs: config.databaseReplicaMaxLagMs,
        replicaStatementTimeoutMs: config.databaseReplicaStatementTimeoutMs,
        // Only when turned off: the default leaves the options as they were.
        ...(config.databasePreparedStatements === false ? { preparedStatements: false } : {}),
      }
    : { sqlitePath: config.sqlitePath };
}

/** A setting that is `on` (the default when unset) or `off`; anything else stops the start with a clear message. */
function onOrOff(name: string, value: string | undefined): boolean {
  const text = value?.trim().toLowerCase();
  if (!text || text === 'on') return true;
  if (text === 'off') return false;
  throw new Error(`${name} must be on or off, not ${value}`);
}

/** DATABASE_REPLICA_STATEMENT_TIMEOUT_MS: whole milliseconds, at least 1 (10000 unless set). */
function replicaStatementTimeout(value: string | undefined): number {
  const text = value?.trim();
  if (!text) return DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 2_147_483_647)
    throw new Error(
      `DATABASE_REPLICA_STATEMENT_TIMEOUT_MS must be a number of milliseconds (such as ${DEFAULT_REPLICA_STATEMENT_TIMEOUT_MS}), not ${text}`,
    );
  return Number(text);
}

/** DATABASE_REPLICA_URLS as a list of postgres:// addresses; anything else stops the start with a clear message. */
function parseReplicaUrls(value: string | undefined, databaseUrl: string | undefined): string[] {
  const urls = (value ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (urls.length > 0 && !databaseUrl)
    throw new Error('DATABASE_REPLICA_URLS needs DATABASE_URL: read replicas are replicas of a PostgreSQL primary.');
  for (const url of urls) {
    let protocol = '';
    try {
      protocol = new URL(url).protocol;
    } catch {
      // reported below
    }
    if (protocol !== 'postgres:' && protocol !== 'postgresql:')
      throw new Error(
        `DATABASE_REPLICA_URLS must be postgres:// addresses separated by commas (such as postgres://quire@replica1/quire), not ${url.replace(/\/\/[^@/]*@/, '//…@')}`,
      );
  }
  return urls;
}

/** BASE_URL as "https://archive.example" (no trailing slash); a malformed one stops the start with a clear message. */
function parseBaseUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`BASE_URL must be an absolute http(s) address such as https://archive.example, not ${value}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`BASE_URL must start with http:// or https://, not ${value}`);
  return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}
