import type { FastifyInstance } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { SearchPage } from '../views/people.tsx';

export async function searchRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  app.get('/search', async (request, reply) => {
    const { query, results } = await archive.discovery.people(queryParam(request.query, 'q'));
    return sendPage(request, reply, (ctx) => <SearchPage ctx={{ ...ctx, query }} query={query} results={results} />);
  });
}
