import type { FastifyBaseLogger, FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit, { normalizeIP, type FastifyRateLimitStore } from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import type { Config, RateLimit } from '../config.ts';
import type { RateLimitCounters } from '../store/index.ts';

/**
 * Rate limits count for the whole archive, whatever the number of server processes: in the
 * database by default, in Redis when REDIS_URL is set. When the counters cannot be reached,
 * requests pass (an archive that cannot count is still an archive) and the log says so once per
 * outage.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  { config, counters }: { config: Config; counters: RateLimitCounters },
): Promise<void> {
  const shared = config.redisUrl
    ? { redis: await connectRedis(app, config.redisUrl), nameSpace: 'quire-rate-limit:' }
    : { store: databaseStore(counters, new Outage(app.log, 'the database')) };
  if (!config.redisUrl) pruneExpired(app, counters);
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...shared,
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      message: `Too many attempts from your address. Wait ${context.after} and try again.`,
    }),
  });
  const pages = config.rateLimits.pages;
  if (pages) registerPagesCeiling(app, pages);
}

/** Logs once when counting starts failing, and once when it works again. */
class Outage {
  private down = false;

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly where: string,
  ) {}

  failed(error: unknown): void {
    if (this.down) return;
    this.down = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.log.warn(
      `Rate limits are not enforced: ${this.where} does not answer (${reason}). Requests pass uncounted until it answers again.`,
    );
  }

  recovered(): void {
    if (!this.down) return;
    this.down = false;
    this.log.warn(`Rate limits are enforced again: ${this.where} answers.`);
  }
}

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** A store for @fastify/rate-limit over the archive's database; each route counts under its own prefix. */
function databaseStore(counters: RateLimitCounters, outage: Outage) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number): void {
      counters.hit(this.prefix + key, timeWindow).then(
        ({ count, resetsAt }) => {
          outage.recovered();
          callback(null, { current: count, ttl: Math.max(0, resetsAt - Date.now()) });
        },
        (error: Error) => {
          outage.failed(error);
          callback(error);
        },
      );
    }

    read(key: string, callback: Callback): void {
      counters.peek(this.prefix + key).then(
        (found) =>
          callback(
            null,
            found ? { current: found.count, ttl: Math.max(0, found.resetsAt - Date.now()) } : { current: 0, ttl: 0 },
          ),
        (error: Error) => {
          outage.failed(error);
          callback(error);
        },
      );
    }

    child(options: object): FastifyRateLimitStore {
      // As the Redis store does: a route's limit counts that route only (limiters made with
      // createRateLimit have no route, and count under the keys they choose). The plugin passes
      // the route's merged options, with the route under `routeInfo` (its typings say otherwise).
      const route = (options as { routeInfo?: { method?: unknown; url?: string } }).routeInfo;
      const prefix = route?.url ? `${String(route.method)} ${route.url} ` : '';
      return new DatabaseRateLimitStore(undefined, prefix);
    }
  };
}

/** Forgets ended windows now and then, in every process (the delete is cheap and idempotent). */
function pruneExpired(app: FastifyInstance, counters: RateLimitCounters): void {
  const timer = setInterval(() => {
    counters.prune().catch((error: unknown) => app.log.warn({ err: error }, 'pruning rate-limit counters failed'));
  }, 10 * 60_000);
  timer.unref();
  app.addHook('onClose', async () => clearInterval(timer));
}

/**
 * An ioredis client that fails fast while Redis is away (no queue of waiting commands, which
 * would hold every request), and logs the outage once.
 */
async function connectRedis(app: FastifyInstance, url: string): Promise<Redis> {
  const outage = new Outage(app.log, `Redis at ${redactedUrl(url)}`);
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    commandTimeout: 1_000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  let closing = false;
  redis.on('error', (error: Error) => {
    if (!closing) outage.failed(error);
  });
  redis.on('end', () => {
    if (!closing) outage.failed(new Error('connection closed'));
  });
  redis.on('close', () => {
    if (!closing) outage.failed(new Error('connection closed'));
  });
  redis.on('ready', () => outage.recovered());
  app.addHook('onClose', async () => {
    closing = true;
    redis.disconnect();
  });
  // Start counting from the first request when Redis is there; without it, start anyway.
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 3_000);
    const done = () => {
      clearTimeout(timer);
      resolve();
    };
    redis.once('ready', done);
    redis.once('error', done);
  });
  return redis;
}

function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

/** "45 seconds", "5 minutes": when a refused visitor may try again. */
export function waitTime(seconds: number): string {
  if (seconds < 90) return `${Math.max(1, seconds)} ${seconds === 1 ? 'second' : 'seconds'}`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

/** The address a request is counted under (an IPv6 address by its /64, as the plugin does). */
export function addressKey(request: FastifyRequest): string {
  return normalizeIP(request.ip);
}

/**
 * One ceiling on every request from an address (AO3: 300 in 300 seconds), pages and API alike;
 * files under /static/ are not counted. A page is answered with the error page, the API with its
 * JSON error (each part of the app renders a 429 its own way).
 */
function registerPagesCeiling(app: FastifyInstance, limit: RateLimit): void {
  const limiter = app.createRateLimit({
    keyGenerator: (request) => `pages:${addressKey(request)}`,
    max: limit.max,
    timeWindow: limit.windowMs,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return;
    reply.header('retry-after', result.ttlInSeconds);
    throw Object.assign(
      new Error(
        `Too many requests from your address: the archive answers ${limit.max} in ${waitTime(Math.round(limit.windowMs / 1000))} from one address. Wait ${waitTime(result.ttlInSeconds)} and try again.`,
      ),
      { statusCode: 429 },
    );
  });
}

/**
 * A limit counted under a key the route takes from the request (a login name), shared by every
 * process. Answers undefined while under the limit, else how long to wait (in seconds).
 */
export function keyedLimit(
  app: FastifyInstance,
  name: string,
  limit: RateLimit,
  keyOf: (request: FastifyRequest) => string | undefined,
): (request: FastifyRequest) => Promise<{ retryAfter: number } | undefined> {
  const limiter = app.createRateLimit({
    keyGenerator: (request) => `${name}:${keyOf(request) ?? ''}`,
    max: limit.max,
    timeWindow: limit.windowMs,
  });
  return async (request) => {
    if (!keyOf(request)) return undefined;
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return undefined;
    return { retryAfter: result.ttlInSeconds };
  };
}
