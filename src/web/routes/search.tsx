import type { FastifyInstance } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { SearchPage } from '../views/people.tsx';

export async function searchRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  app.get('/search', async (request, reply) => {
    const query = queryParam(request.query, 'q').trim().slice(0, 200);
    const results = query ? await store.pseuds.search(query) : [];
    return sendPage(request, reply, (ctx) => <SearchPage ctx={{ ...ctx, query }} query={query} results={results} />);
  });
}
