import type { FastifyInstance, FastifyReply } from 'fastify';
import { NotFoundError } from '../../domain/errors.ts';
import { queryParam, sendPage } from '../render.ts';
import { TagWorksPage } from '../views/tags.tsx';
import { FREE_TAG_KINDS, LIMITS, type FreeTagKind } from '../../domain/works.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../domain/work-filters.ts';

const PAGE_SIZE = 20;
const SUGGESTIONS = 10;

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).header('cache-control', 'no-store').send({ statusCode: 400, message });
}

function isFreeTagKind(kind: string): kind is FreeTagKind {
  return (FREE_TAG_KINDS as readonly string[]).includes(kind);
}

export async function tagRoutes(app: FastifyInstance) {
  const { store } = app.quire;

  /** Existing tags for the posting form's suggestions as you type (see static/tag-suggest.js). */
  app.get('/tags/suggest', async (request, reply) => {
    const kind = queryParam(request.query, 'kind');
    const typed = queryParam(request.query, 'q');
    if (!isFreeTagKind(kind)) return badRequest(reply, `Say which kind of tag to suggest: kind must be one of ${FREE_TAG_KINDS.join(', ')}.`);
    if (typed.trim() === '') return badRequest(reply, 'Say what to suggest tags for: q must hold the start of a tag name.');
    if ([...typed].length > LIMITS.tagName) return badRequest(reply, `A tag name is at most ${LIMITS.tagName} characters, so q must be too.`);
    const tags = await store.tags.suggest(kind, typed, SUGGESTIONS);
    return reply.header('cache-control', 'public, max-age=60').send({ tags });
  });

  app.get<{ Params: { name: string } }>('/tags/:name/works', async (request, reply) => {
    const tags = await store.works.tagsNamed(request.params.name);
    if (tags.length === 0) throw new NotFoundError(`There is no tag called “${request.params.name}”.`);
    const page = Math.max(1, Number.parseInt(queryParam(request.query, 'page') || '1', 10) || 1);
    // Through the works index (synonyms and subtags included), as /works?include_<kind>=name.
    const { filters } = parseWorkFilters(readWorkFilterForm({}));
    const { works, total } = await app.quire.search.search({ ...filters, include: [{ kind: tags[0].kind, name: tags[0].name }], page }, request.viewer?.id ?? null, PAGE_SIZE);
    return sendPage(request, reply, (ctx) => <TagWorksPage ctx={ctx} tag={tags[0]} works={works} total={total} page={page} pageSize={PAGE_SIZE} />);
  });

  app.get<{ Params: { name: string } }>('/tags/:name', async (request, reply) => reply.redirect(`/tags/${encodeURIComponent(request.params.name)}/works`, 302));
}
