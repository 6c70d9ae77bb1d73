import type { FastifyInstance } from 'fastify';
import { NO_CATALOG_SERIES } from '../../../app/discovery.ts';
import {
  encodeOffsetCursor,
  INDEXED_LIST_PARAMETERS,
  InvalidParameterError,
  parsePageRequest,
  parseWorkFilters,
  WORK_LIST_PARAMETERS,
} from '../../../domain/work-list-query.ts';
import type { TagKind } from '../../../domain/works.ts';
import { parsePromptListQuery, PROMPT_LIST_PARAMETERS } from '../../../domain/prompt-list-query.ts';
import {
  API_PREFIX,
  collectionResource,
  pageResource,
  promptResource,
  seriesResource,
  tagResource,
  workResource,
} from '../../../formats/api/resources.ts';
import { readLimit } from '../../api/limits.ts';
import { idParam, queryOf } from '../../api/params.ts';
import { tagPath } from '../../../paths.ts';

const TAG_KINDS: TagKind[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

/** Tags, series, collections and search. */
export async function apiCatalogRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const read = { config: readLimit(app) };

  app.get<{ Params: { name: string } }>('/tags/:name', read, async (request) => {
    const query = queryOf(request, ['kind']);
    const kind = query.kind;
    if (kind !== undefined && (typeof kind !== 'string' || !TAG_KINDS.includes(kind as TagKind))) {
      throw new InvalidParameterError('kind', `kind must be one of ${TAG_KINDS.join(', ')}.`);
    }
    const { tag, workCount } = await archive.tags.catalogTag(
      request.apiViewer,
      request.params.name,
      kind as TagKind | undefined,
    );
    const name = encodeURIComponent(tag.name);
    return {
      ...tagResource(tag),
      workCount,
      links: { html: tagPath(tag.name), works: `${API_PREFIX}/tags/${name}/works` },
    };
  });

  app.get<{ Params: { name: string } }>('/tags/:name/works', read, async (request) => {
    const query = queryOf(request, WORK_LIST_PARAMETERS);
    const filters = parseWorkFilters(query);
    const page = parsePageRequest(query);
    const { works, total, next } = await archive.tags.catalogTagWorks(
      request.apiViewer,
      request.params.name,
      filters,
      page,
    );
    return pageResource(works.map(workResource), total, page.limit, next);
  });

  app.get<{ Params: { id: string } }>('/series/:id', read, async (request) => {
    queryOf(request, []);
    const { series, works } = await archive.discovery.catalogSeries(
      request.apiViewer,
      idParam(request.params.id, NO_CATALOG_SERIES),
    );
    return seriesResource(series, works);
  });

  app.get<{ Params: { name: string } }>('/collections/:name', read, async (request) => {
    queryOf(request, []);
    return collectionResource(await archive.collections.catalogCollection(request.params.name));
  });

  app.get<{ Params: { name: string } }>('/collections/:name/prompts', read, async (request) => {
    const asked = parsePromptListQuery(queryOf(request, PROMPT_LIST_PARAMETERS), request.params.name);
    const { prompts, total } = await archive.promptMemes.catalogPrompts(request.apiViewer, request.params.name, asked);
    const next = asked.offset + asked.limit;
    return pageResource(
      prompts.map((prompt) => promptResource(request.params.name, prompt)),
      total,
      asked.limit,
      next < total ? encodeOffsetCursor(next, asked.check) : undefined,
    );
  });

  app.get('/search', read, async (request) => {
    const query = queryOf(request, INDEXED_LIST_PARAMETERS);
    return archive.listing.indexedPage(request.apiViewer, query, { requireText: true });
  });
}
