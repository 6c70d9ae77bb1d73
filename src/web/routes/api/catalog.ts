import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../domain/errors.ts';
import {
  INDEXED_LIST_PARAMETERS,
  InvalidParameterError,
  parsePageRequest,
  parseWorkFilters,
  WORK_LIST_PARAMETERS,
} from '../../../domain/work-list-query.ts';
import type { TagKind } from '../../../domain/works.ts';
import { API_PREFIX, pageResource, seriesResource, tagResource, workResource } from '../../../formats/api/resources.ts';
import { readLimit } from '../../api/limits.ts';
import { idParam, queryOf } from '../../api/params.ts';
import { readableSeriesWorks, seriesVisible } from '../../api/visibility.ts';
import { tagPath } from '../../../paths.ts';

const TAG_KINDS: TagKind[] = ['rating', 'warning', 'category', 'fandom', 'relationship', 'character', 'freeform'];

/** Tags, series and search. */
export async function apiCatalogRoutes(app: FastifyInstance) {
  const { store, archive } = app.quire;
  const read = { config: readLimit(app) };

  app.get<{ Params: { name: string } }>('/tags/:name', read, async (request) => {
    const query = queryOf(request, ['kind']);
    const kind = query.kind;
    if (kind !== undefined && (typeof kind !== 'string' || !TAG_KINDS.includes(kind as TagKind))) {
      throw new InvalidParameterError('kind', `kind must be one of ${TAG_KINDS.join(', ')}.`);
    }
    const tags = (await store.works.tagsNamed(request.params.name))
      .filter((t) => kind === undefined || t.kind === kind)
      .sort((a, b) => TAG_KINDS.indexOf(a.kind) - TAG_KINDS.indexOf(b.kind));
    const { total } =
      tags.length > 0
        ? await archive.listing.list(
            request.apiViewer,
            { tags: [tags[0].name], fandoms: [], ratings: [] },
            { sort: 'updated', order: 'desc', limit: 1 },
          )
        : { total: 0 };
    // A tag only drafts carry is not revealed, as the tag suggestions do not reveal it.
    if (tags.length === 0 || total === 0) throw new NotFoundError(`There is no tag called “${request.params.name}”.`);
    const name = encodeURIComponent(tags[0].name);
    return {
      ...tagResource(tags[0]),
      workCount: total,
      links: { html: tagPath(tags[0].name), works: `${API_PREFIX}/tags/${name}/works` },
    };
  });

  app.get<{ Params: { name: string } }>('/tags/:name/works', read, async (request) => {
    const query = queryOf(request, WORK_LIST_PARAMETERS);
    const filters = parseWorkFilters(query);
    const page = parsePageRequest(query);
    const { works, total, next } = await archive.listing.list(
      request.apiViewer,
      { ...filters, tags: [request.params.name, ...filters.tags] },
      page,
    );
    if (total === 0 && (await store.works.tagsNamed(request.params.name)).length === 0)
      throw new NotFoundError(`There is no tag called “${request.params.name}”.`);
    return pageResource(works.map(workResource), total, page.limit, next);
  });

  app.get<{ Params: { id: string } }>('/series/:id', read, async (request) => {
    queryOf(request, []);
    const series = await store.series.find(idParam(request.params.id, 'There is no series with this id.'));
    if (!series) throw new NotFoundError('There is no series with this id.');
    const viewerId = request.apiViewer?.id ?? null;
    const works = await readableSeriesWorks(store, series, viewerId);
    if (!(await seriesVisible(store, series, works, viewerId)))
      throw new NotFoundError('There is no series with this id.');
    return seriesResource(series, works);
  });

  app.get('/search', read, async (request) => {
    const query = queryOf(request, INDEXED_LIST_PARAMETERS);
    return archive.listing.indexedPage(request.apiViewer, query, { requireText: true });
  });
}
