import type { FastifyInstance } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { SearchPage } from '../views/search.tsx';

/** /search: the header search, for works (the /works query language), pen names and tags. */
export async function searchRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  app.get('/search', async (request, reply) => {
    const answer = await archive.discovery.search(request.viewer, queryParam(request.query, 'q'));
    return sendPage(
      request,
      reply,
      (ctx) => <SearchPage ctx={{ ...ctx, query: answer.query }} answer={answer} />,
      Object.keys(answer.errors).length > 0 ? 400 : 200,
    );
  });
}
