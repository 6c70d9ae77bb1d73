import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ArchiveMetrics } from './metrics.ts';

export const HEALTH_PATH = '/health';
export const METRICS_PATH = '/metrics';

declare module 'fastify' {
  interface FastifyInstance {
    /** What /metrics reports; null when no METRICS_TOKEN is set (nothing is counted then). */
    metrics: ArchiveMetrics | null;
  }
}

/**
 * /health and /metrics, for proxies, monitors and Prometheus. Register before every other
 * onRequest hook: both are answered from the first one, so they need no session, are never
 * rate-limited or kept as guest pages, and /health still answers when the database does not.
 * Also counts every request for /metrics, and once this process is draining tells every client
 * to close its connection after the answer, so that none sends another request to a process
 * about to stop.
 */
export function registerOperations(app: FastifyInstance): void {
  const { archive, config } = app.quire;
  const { operations } = archive;
  const metrics = config.metricsToken ? new ArchiveMetrics(operations) : null;
  app.decorate('metrics', metrics);

  let lastError: string | undefined;
  const health = async (request: FastifyRequest, reply: FastifyReply) => {
    const {
      status,
      healthy,
      database: { error, ...database },
      ...rest
    } = await operations.health();
    // The database's own message may name hosts and users: it goes to the log (once per outage), not to the public.
    if (error && error !== lastError) request.log.warn(`health check: the database does not answer: ${error}`);
    lastError = error;
    return reply
      .code(healthy ? 200 : 503)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send({ status, healthy, database, ...rest });
  };

  const scrape = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!metrics || !config.metricsToken) return reply.callNotFound();
    if (!bearerMatches(request.headers.authorization, config.metricsToken))
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send('Metrics need the token set in METRICS_TOKEN, sent as "Authorization: Bearer TOKEN".\n');
    let text: string;
    try {
      text = await metrics.text();
    } catch (error) {
      request.log.warn({ err: error }, 'metrics could not be collected');
      return reply
        .code(503)
        .header('cache-control', 'no-store')
        .type('text/plain; charset=utf-8')
        .send(`Metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`);
    }
    return reply.code(200).header('cache-control', 'no-store').type(metrics.contentType).send(text);
  };

  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route === HEALTH_PATH) return health(request, reply);
    // Without a token the address is like any unknown one, answered by the usual 404 page.
    if (route === METRICS_PATH && metrics) return scrape(request, reply);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (operations.process.draining) reply.header('connection', 'close');
    return payload;
  });
  if (metrics)
    app.addHook('onResponse', async (request, reply) => {
      metrics.observe(request.method, request.routeOptions.url, reply.statusCode, reply.elapsedTime / 1000);
    });

  app.get(HEALTH_PATH, health);
  app.get(METRICS_PATH, scrape);
}

/** Whether an Authorization header carries the token (compared in constant time). */
function bearerMatches(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(token));
}
