import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../domain/errors.ts';
import { queryParam, sendPage } from '../render.ts';
import { TagWorksPage } from '../views/tags.tsx';

const PAGE_SIZE = 20;

export async function tagRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  app.get<{ Params: { name: string } }>('/tags/:name/works', async (request, reply) => {
    const tags = await store.works.tagsNamed(request.params.name);
    if (tags.length === 0) throw new NotFoundError(`There is no tag called “${request.params.name}”.`);
    const page = Math.max(1, Number.parseInt(queryParam(request.query, 'page') || '1', 10) || 1);
    const { works, total } = await store.works.list({ viewerId: request.viewer?.id ?? null, tagName: tags[0].name, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
    return sendPage(request, reply, (ctx) => <TagWorksPage ctx={ctx} tag={tags[0]} works={works} total={total} page={page} pageSize={PAGE_SIZE} />);
  });

  app.get<{ Params: { name: string } }>('/tags/:name', async (request, reply) => reply.redirect(`/tags/${encodeURIComponent(request.params.name)}/works`, 302));
}
