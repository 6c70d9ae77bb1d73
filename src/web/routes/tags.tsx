import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { pageNumber } from '../../domain/notifications.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { tagPagePath, tagPath } from '../../paths.ts';
import { TagPage, TagWorksPage } from '../views/tags.tsx';

export async function tagRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  /**
   * Existing tags for the posting form's suggestions as you type (see static/tag-suggest.js);
   * canonical=1 offers canonical tags only (the wrangling forms). A member's answer may name tags
   * used only on works for registered users, so only a guest's may be kept in a shared cache
   * (and the answer varies with the session cookie).
   */
  app.get('/tags/suggest', async (request, reply) => {
    try {
      const tags = await archive.tags.suggest(
        request.viewer,
        queryParam(request.query, 'kind'),
        queryParam(request.query, 'q'),
        queryParam(request.query, 'canonical') === '1',
      );
      return reply
        .header('cache-control', request.viewer ? 'private, max-age=60' : 'public, max-age=60')
        .header('vary', 'Cookie')
        .send({ tags });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return reply.code(400).header('cache-control', 'no-store').send({ statusCode: 400, message: error.message });
    }
  });

  /**
   * A tag page asked for by a name an admin renamed away: 301 to the same page under the tag's
   * name now, query kept. Rethrows the not-found otherwise.
   */
  async function toRenamedTag(
    request: FastifyRequest<{ Params: { name: string } }>,
    reply: FastifyReply,
    error: unknown,
    path: (name: string) => string,
  ) {
    if (!(error instanceof NotFoundError)) throw error;
    const tag = await archive.tags.renamedFrom(request.viewer, request.params.name, queryParam(request.query, 'kind'));
    if (!tag) throw error;
    const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    return reply.redirect(`${path(tag.name)}${query}`, 301);
  }

  app.get<{ Params: { name: string } }>(
    '/tags/:name/works',
    { config: { guestPage: 'listing' } },
    async (request, reply) => {
      try {
        const view = await archive.tags.works(
          request.viewer,
          request.params.name,
          queryParam(request.query, 'kind'),
          pageNumber(queryParam(request.query, 'page')),
        );
        return sendPage(request, reply, (ctx) => <TagWorksPage ctx={ctx} {...view} />);
      } catch (error) {
        return toRenamedTag(request, reply, error, tagPath);
      }
    },
  );

  app.get<{ Params: { name: string } }>('/tags/:name', { config: { guestPage: 'listing' } }, async (request, reply) => {
    try {
      const state = await archive.tags.page(request.viewer, request.params.name, queryParam(request.query, 'kind'));
      return sendPage(request, reply, (ctx) => <TagPage ctx={ctx} state={state} />);
    } catch (error) {
      return toRenamedTag(request, reply, error, (name) => tagPagePath(name));
    }
  });
}
