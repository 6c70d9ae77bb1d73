import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ReplicaRouter } from '../store/database.ts';
import { newReadRouting, parseLsn, requireLsn, withReadRouting, type ReadRouting } from '../read-routing.ts';

/**
 * Read replicas (DATABASE_REPLICA_URLS) for web requests: a GET or HEAD may read from a replica,
 * anything else reads and writes on the primary. So that nobody misses what they just did, a request
 * that wrote leaves the primary's WAL position in a cookie, and that browser's pages come from a
 * replica only once it has replayed that far (src/store/database.ts), on any server process.
 */
export const LSN_COOKIE = 'quire_lsn';
/** Long past any replication lag worth waiting for; after it the reader is like any other. */
const LSN_COOKIE_SECONDS = 300;
/**
 * API clients (bearer tokens, usually no cookies): an answer to a write carries the primary's WAL
 * position, signed, in this header; a client that sends it back on a later request, to any server
 * process, reads only from a replica that has replayed that far. Without it, the process that took
 * the write still remembers it for that token for LSN_COOKIE_SECONDS.
 */
export const LSN_HEADER = 'quire-lsn';
/** Tokens remembered per process, at most (the oldest are forgotten first). */
const TOKEN_WRITES_KEPT = 10_000;

/** Per API token, the primary's WAL position after its last write and until when it counts. */
class TokenWrites {
  private readonly writes = new Map<number, { lsn: bigint; until: number }>();

  note(tokenId: number, lsn: bigint): void {
    this.writes.delete(tokenId);
    this.writes.set(tokenId, { lsn, until: Date.now() + LSN_COOKIE_SECONDS * 1000 });
    if (this.writes.size <= TOKEN_WRITES_KEPT) return;
    const now = Date.now();
    for (const [id, write] of this.writes) if (write.until <= now) this.writes.delete(id);
    for (const id of this.writes.keys()) {
      if (this.writes.size <= TOKEN_WRITES_KEPT) break;
      this.writes.delete(id);
    }
  }

  lsnOf(tokenId: number): bigint | undefined {
    const write = this.writes.get(tokenId);
    if (write && write.until <= Date.now()) this.writes.delete(tokenId);
    return write && write.until > Date.now() ? write.lsn : undefined;
  }
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Where this request's statements may go, when the archive has read replicas. */
    readRouting: { routing: ReadRouting; router: ReplicaRouter; tokenWrites: TokenWrites } | undefined;
  }
}

/** After the session hook (sessions are looked up on the primary: a revoked one must not still work). */
export function registerReadRouting(app: FastifyInstance, router: ReplicaRouter | undefined): void {
  app.decorateRequest('readRouting', undefined);
  if (!router) return;
  // The works index follows the primary; pages read from a replica are kept only once it has replayed this far.
  router.noteChange();
  app.quire.search.index.onWorksChanged(() => router.noteChange());
  const tokenWrites = new TokenWrites();

  app.addHook('onRequest', (request, _reply, done) => {
    const reads = request.method === 'GET' || request.method === 'HEAD';
    let minLsn: bigint | undefined;
    const cookie = reads ? request.cookies[LSN_COOKIE] : undefined;
    if (cookie) {
      const unsigned = request.unsignCookie(cookie);
      if (unsigned.valid) minLsn = parseLsn(unsigned.value);
    }
    const routing = newReadRouting({ replica: reads, minLsn });
    request.readRouting = { routing, router, tokenWrites };
    // Everything after this hook (the route, its use cases, the stores) runs in this request's routing.
    withReadRouting(routing, done);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const routing = request.readRouting?.routing;
    if (!routing || routing.replica || request.method === 'OPTIONS') return payload;
    if (reply.statusCode >= 400 && routing.wrote.size === 0) return payload;
    try {
      const lsn = await router.primaryLsn();
      if (request.url.startsWith('/api/')) {
        const tokenId = request.apiTokenId;
        const at = parseLsn(lsn);
        if (typeof tokenId === 'number' && at !== undefined) tokenWrites.note(tokenId, at);
        reply.header(LSN_HEADER, app.signCookie(lsn));
      }
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
 * An API request once its token is known (src/web/routes/api/index.ts): its reads see that token's
 * last write through this process, and the position in a signed Quire-LSN header the client sent
 * back (from a write through any process). An unsigned or malformed header is ignored.
 */
export function readAfterApiWrites(request: FastifyRequest): void {
  const read = request.readRouting;
  if (!read || !read.routing.replica) return;
  let lsn = request.apiTokenId !== null ? read.tokenWrites.lsnOf(request.apiTokenId) : undefined;
  const header = request.headers[LSN_HEADER];
  if (typeof header === 'string') {
    const unsigned = request.unsignCookie(header);
    const sent = unsigned.valid ? parseLsn(unsigned.value) : undefined;
    if (sent !== undefined && (lsn === undefined || sent > lsn)) lsn = sent;
  }
  requireLsn(read.routing, lsn);
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
