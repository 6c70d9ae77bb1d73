import type { FastifyInstance, FastifyReply } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { pageNumber } from '../../domain/notifications.ts';
import { TagPage, TagWorksPage } from '../views/tags.tsx';
import { FREE_TAG_KINDS, LIMITS, type FreeTagKind } from '../../domain/works.ts';
import { isWrangler, resolveTag, viewerMutes } from '../discovery.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../domain/work-filters.ts';
import { NO_SIDEBAR } from '../../search/work-search.ts';

const PAGE_SIZE = 20;
const NEWEST = 5;
const SUGGESTIONS = 10;

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).header('cache-control', 'no-store').send({ statusCode: 400, message });
}

function isFreeTagKind(kind: string): kind is FreeTagKind {
  return (FREE_TAG_KINDS as readonly string[]).includes(kind);
}

export async function tagRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  /**
   * Existing tags for the posting form's suggestions as you type (see static/tag-suggest.js);
   * canonical=1 offers canonical tags only (the wrangling forms).
   */
  app.get('/tags/suggest', async (request, reply) => {
    const kind = queryParam(request.query, 'kind');
    const typed = queryParam(request.query, 'q');
    if (!isFreeTagKind(kind))
      return badRequest(reply, `Say which kind of tag to suggest: kind must be one of ${FREE_TAG_KINDS.join(', ')}.`);
    if (typed.trim() === '')
      return badRequest(reply, 'Say what to suggest tags for: q must hold the start of a tag name.');
    if ([...typed].length > LIMITS.tagName)
      return badRequest(reply, `A tag name is at most ${LIMITS.tagName} characters, so q must be too.`);
    const canonicalOnly = queryParam(request.query, 'canonical') === '1';
    const tags = canonicalOnly
      ? await store.tags.suggestCanonical(kind, typed, SUGGESTIONS)
      : await store.tags.suggest(kind, typed, SUGGESTIONS);
    return reply.header('cache-control', 'public, max-age=60').send({ tags });
  });

  app.get<{ Params: { name: string } }>(
    '/tags/:name/works',
    { config: { guestPage: 'listing' } },
    async (request, reply) => {
      const wrangler = await isWrangler(request);
      const { tag, namesakes } = await resolveTag(
        request,
        request.params.name,
        queryParam(request.query, 'kind'),
        wrangler,
      );
      const page = pageNumber(queryParam(request.query, 'page'));
      const muted = await viewerMutes(request);
      // Through the works index (synonyms, subtags and the viewer's mutes included), as /works?include_<kind>=name.
      const { filters } = parseWorkFilters(readWorkFilterForm({}));
      const { works, total } = await app.quire.search.search(
        { ...filters, include: [{ kind: tag.kind, name: tag.name }], page },
        request.viewer?.id ?? null,
        PAGE_SIZE,
        request.viewer?.id ?? null,
        NO_SIDEBAR,
      );
      const mutedHere = muted.tagIds.includes(tag.id);
      return sendPage(request, reply, (ctx) => (
        <TagWorksPage
          ctx={ctx}
          tag={tag}
          ambiguous={namesakes.length > 0}
          works={works}
          total={total}
          page={page}
          pageSize={PAGE_SIZE}
          mutedHere={mutedHere}
        />
      ));
    },
  );

  app.get<{ Params: { name: string } }>('/tags/:name', { config: { guestPage: 'listing' } }, async (request, reply) => {
    const wrangler = await isWrangler(request);
    const { tag, namesakes } = await resolveTag(
      request,
      request.params.name,
      queryParam(request.query, 'kind'),
      wrangler,
    );
    const family = await store.tags.family(tag, wrangler);
    const viewerId = request.viewer?.id ?? null;
    const { works, total } = family.mergedInto
      ? { works: [], total: 0 }
      : await store.works.list({
          viewerId,
          tagIds: await store.tags.filterTagIdsFor(tag.id),
          muted: await viewerMutes(request),
          limit: NEWEST,
        });
    const muted = viewerId !== null ? await store.mutes.isMuted(viewerId, 'tag', tag.id) : undefined;
    return sendPage(request, reply, (ctx) => (
      <TagPage ctx={ctx} state={{ tag, family, namesakes, works, total, muted, wrangler }} />
    ));
  });
}
