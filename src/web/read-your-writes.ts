import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReplicaRouter } from '../store/database.ts';
import { newReadRouting, parseLsn, withReadRouting, type ReadRouting } from '../read-routing.ts';

/**
 * Read replicas (DATABASE_REPLICA_URLS) for web requests: a GET or HEAD may read from a replica,
 * anything else reads and writes on the primary. So that nobody misses what they just did, a request
 * that wrote leaves the primary's WAL position in a cookie, and that browser's pages come from a
 * replica only once it has replayed that far (src/store/database.ts), on any server process.
 */
export const LSN_COOKIE = 'quire_lsn';
/** Long past any replication lag worth waiting for; after it the reader is like any other. */
const LSN_COOKIE_SECONDS = 300;

declare module 'fastify' {
  interface FastifyRequest {
    /** Where this request's statements may go, when the archive has read replicas. */
    readRouting: { routing: ReadRouting; router: ReplicaRouter } | undefined;
  }
}

/** After the session hook (sessions are looked up on the primary: a revoked one must not still work). */
export function registerReadRouting(app: FastifyInstance, router: ReplicaRouter | undefined): void {
  app.decorateRequest('readRouting', undefined);
  if (!router) return;
  // The works index follows the primary; pages read from a replica are kept only once it has replayed this far.
  router.noteChange();
  app.quire.search.index.onWorksChanged(() => router.noteChange());

  app.addHook('onRequest', (request, _reply, done) => {
    const reads = request.method === 'GET' || request.method === 'HEAD';
    let minLsn: bigint | undefined;
    const cookie = reads ? request.cookies[LSN_COOKIE] : undefined;
    if (cookie) {
      const unsigned = request.unsignCookie(cookie);
      if (unsigned.valid) minLsn = parseLsn(unsigned.value);
    }
    const routing = newReadRouting({ replica: reads, minLsn });
    request.readRouting = { routing, router };
    // Everything after this hook (the route, its use cases, the stores) runs in this request's routing.
    withReadRouting(routing, done);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const routing = request.readRouting?.routing;
    if (!routing || routing.replica || request.method === 'OPTIONS') return payload;
    if (reply.statusCode >= 400 && routing.wrote.size === 0) return payload;
    try {
      const lsn = await router.primaryLsn();
      reply.setCookie(LSN_COOKIE, lsn, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        maxAge: LSN_COOKIE_SECONDS,
        signed: true,
      });
    } catch (error) {
      request.log.warn({ err: error }, 'Could not read the primary’s WAL position after a write');
    }
    return payload;
  });
}

/**
 * Whether what this request read holds every change this process's works index has applied (always,
 * without replicas): a page read from a lagging replica is right for its reader for the moment, but
 * must not be kept and served to others after the replica caught up.
 */
export function readsCurrent(request: FastifyRequest): boolean {
  const read = request.readRouting;
  return !read || read.router.readsCurrent(read.routing);
}
