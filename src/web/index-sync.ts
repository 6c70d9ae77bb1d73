import type { FastifyRequest } from 'fastify';

const synced = new WeakSet<FastifyRequest>();

/**
 * Applies every process's writes to this process's works index, once per request: the hooks
 * that need it (redirects of merged works, kept guest pages) share one check of the change log,
 * which on PostgreSQL is a round trip.
 */
export async function syncIndexFor(request: FastifyRequest): Promise<void> {
  if (synced.has(request)) return;
  await request.server.quire.search.index.sync();
  synced.add(request);
}
