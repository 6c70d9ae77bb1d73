import { pageNumber } from '../../domain/notifications.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { WranglingRefusedError, type WranglingStep } from '../../app/tags.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { TagEditPage, WranglingPage, type TagEditState } from '../views/wrangling.tsx';
import { tagEditPath } from '../../paths.ts';

interface TagParams {
  name: string;
}

/** Tag wrangling: only wranglers (granted with `bin/quire user grant LOGIN wrangler`) see these pages or take these steps. */
export async function wranglingRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const limit = { rateLimit: { max: 600, timeWindow: 10 * 60_000 } };

  /** Runs one wrangling step; a refused step re-renders the form with the reason and what was typed. */
  async function step(
    request: FastifyRequest<{ Params: TagParams }>,
    reply: FastifyReply,
    values: TagEditState['values'],
    wrangling: WranglingStep,
  ) {
    try {
      const { message, tag } = await archive.tags.wrangle(
        request.viewer,
        request.params.name,
        queryParam(request.query, 'kind'),
        wrangling,
      );
      setFlash(reply, message);
      return reply.redirect(tagEditPath(tag), 303);
    } catch (error) {
      if (!(error instanceof WranglingRefusedError)) throw error;
      const state: TagEditState = { ...error.form, values, errors: error.fieldErrors };
      return sendPage(request, reply, (ctx) => <TagEditPage ctx={ctx} state={state} />, 400);
    }
  }

  app.get('/wrangling', async (request, reply) => {
    const page = pageNumber(queryParam(request.query, 'page'));
    const queue = await archive.tags.queue(request.viewer, queryParam(request.query, 'kind'), page);
    return sendPage(request, reply, (ctx) => <WranglingPage ctx={ctx} {...queue} />);
  });

  app.get<{ Params: TagParams }>('/tags/:name/edit', async (request, reply) => {
    const state = await archive.tags.editForm(request.viewer, request.params.name, queryParam(request.query, 'kind'));
    return sendPage(request, reply, (ctx) => <TagEditPage ctx={ctx} state={state} />);
  });

  app.post<{ Params: TagParams }>('/tags/:name/canonical', { config: limit }, (request, reply) =>
    step(request, reply, {}, { step: 'canonical', canonical: field(request.body, 'canonical') === '1' }),
  );

  app.post<{ Params: TagParams }>('/tags/:name/synonym', { config: limit }, (request, reply) => {
    const typed = field(request.body, 'synonym');
    return step(request, reply, { synonymOf: typed }, { step: 'synonym', typed });
  });

  app.post<{ Params: TagParams }>('/tags/:name/synonym/delete', { config: limit }, (request, reply) =>
    step(request, reply, {}, { step: 'remove-synonym' }),
  );

  app.post<{ Params: TagParams }>('/tags/:name/parents', { config: limit }, (request, reply) => {
    const fandom = field(request.body, 'parent_kind') === 'fandom';
    const typed = field(request.body, fandom ? 'fandom' : 'parent');
    return step(request, reply, fandom ? { fandom: typed } : { metaTag: typed }, { step: 'parent', fandom, typed });
  });

  app.post<{ Params: TagParams }>('/tags/:name/parents/delete', { config: limit }, (request, reply) =>
    step(
      request,
      reply,
      {},
      { step: 'remove-parent', parentId: Number.parseInt(field(request.body, 'parent_id'), 10) },
    ),
  );
}
