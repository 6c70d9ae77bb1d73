import type { FastifyInstance } from 'fastify';
import { openApiDocument } from '../../../formats/api/openapi.ts';
import { authenticate } from '../../api/auth.ts';
import { ApiError, sendApiError } from '../../api/errors.ts';
import { addressLimiter, readLimit } from '../../api/limits.ts';
import { queryOf } from '../../api/params.ts';
import { readAfterApiWrites } from '../../read-your-writes.ts';
import { apiWorkRoutes } from './works.ts';
import { apiPeopleRoutes } from './people.ts';
import { apiCatalogRoutes } from './catalog.ts';

/** The public JSON API, registered under /api/v1: token auth, rate limits and JSON errors for everything in it. */
export async function apiRoutes(app: FastifyInstance) {
  app.decorateRequest('apiViewer', null);
  app.decorateRequest('apiTokenId', null);
  app.setErrorHandler((error, request, reply) => sendApiError(error as Error, request, reply));
  app.setNotFoundHandler((request, reply) =>
    sendApiError(
      new ApiError(
        404,
        'not_found',
        'There is no such API endpoint. The endpoints are listed at /api/v1/openapi.json.',
      ),
      request,
      reply,
    ),
  );

  const perAddress = addressLimiter(app);
  app.addHook('onRequest', async (request, reply) => {
    await perAddress(request, reply);
    await authenticate(request);
    // A token's reads see its own last write (a replica that has not replayed it is passed over).
    readAfterApiWrites(request);
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    // Answers differ by token: caches must key on it, and keep nothing shared for long.
    reply.header('vary', 'Authorization');
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'private, no-cache');
    return payload;
  });

  const document = openApiDocument(app.quire.config.archiveName);
  app.get('/openapi.json', { config: readLimit(app) }, async (request, reply) => {
    queryOf(request, []);
    return reply.header('cache-control', 'public, max-age=300').send(document);
  });

  await app.register(apiWorkRoutes);
  await app.register(apiPeopleRoutes);
  await app.register(apiCatalogRoutes);
}
