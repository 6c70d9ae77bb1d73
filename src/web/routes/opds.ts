import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { userNamed } from '../people.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { parseWorkFilters, readWorkFilterForm, tagFilters } from '../../domain/work-filters.ts';
import { FEED_PAGE_SIZE, NAVIGATION_PAGE_SIZE, parsePage, parseSearchQuery } from '../../domain/feeds.ts';
import type { TagKind } from '../../domain/works.ts';
import type { Store, WorkBlurb } from '../../store/index.ts';
import {
  acquisitionFeed,
  navigationFeed,
  OPDS_ACQUISITION,
  OPDS_NAVIGATION,
  OPDS_ROOT,
  OPDS_SORT_NEW,
  OPDS_SORT_POPULAR,
  OPENSEARCH_TYPE,
  openSearchDescription,
  type CatalogPage,
  type NavigationItem,
} from '../../formats/opds.ts';
import { feedSite } from '../feed-site.ts';
import { sendCacheable } from '../http-cache.ts';
import { findTag } from '../discovery.ts';
import { queryParam } from '../render.ts';
import { NO_SIDEBAR } from '../../search/work-search.ts';

const EPOCH = new Date(0).toISOString();
const BROWSABLE_TAG_KINDS: TagKind[] = ['relationship', 'character', 'freeform'];

export const opdsPaths = {
  newest: '/opds/works',
  kudos: '/opds/works/kudos',
  fandoms: '/opds/fandoms',
  tags: '/opds/tags',
  tag: (name: string) => `/opds/tags/${encodeURIComponent(name)}`,
  allSeries: '/opds/series',
  series: (id: number) => `/opds/series/${id}`,
  user: (login: string) => `/opds/users/${encodeURIComponent(login)}`,
};

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Public works by id, in the order of the ids given. */
async function worksInOrder(store: Store, ids: number[]): Promise<WorkBlurb[]> {
  if (ids.length === 0) return [];
  const { works } = await store.works.list({ viewerId: null, ids, limit: ids.length });
  return ids.map((id) => works.find((w) => w.id === id)).filter((w) => w !== undefined);
}

/** The OPDS 1.2 catalog for e-reader apps: anonymous, public works only. */
export async function opdsRoutes(app: FastifyInstance) {
  const { store, search } = app.quire;

  function page(request: FastifyRequest): number {
    return parsePage(queryParam(request.query, 'page'));
  }

  async function archiveUpdated(): Promise<string> {
    return (await store.catalog.lastChange()) ?? EPOCH;
  }

  function sendNavigation(request: FastifyRequest, reply: FastifyReply, catalog: CatalogPage, items: NavigationItem[]) {
    return sendCacheable(
      request,
      reply,
      navigationFeed(feedSite(request, reply), catalog, items),
      OPDS_NAVIGATION,
      catalog.updated,
    );
  }

  function sendAcquisition(
    request: FastifyRequest,
    reply: FastifyReply,
    catalog: CatalogPage,
    works: WorkBlurb[],
    searchTerms?: string,
  ) {
    const feed = acquisitionFeed(feedSite(request, reply), catalog, works, searchTerms);
    return sendCacheable(request, reply, feed.xml, OPDS_ACQUISITION, feed.updated);
  }

  app.get('/opds', async (request, reply) => {
    const updated = await archiveUpdated();
    const items: NavigationItem[] = [
      {
        title: 'Newest works',
        description: 'Works by when they were last updated, newest first.',
        path: opdsPaths.newest,
        kind: 'acquisition',
        rel: OPDS_SORT_NEW,
        updated,
      },
      {
        title: 'Most kudos',
        description: 'The works readers left the most kudos on.',
        path: opdsPaths.kudos,
        kind: 'acquisition',
        rel: OPDS_SORT_POPULAR,
        updated,
      },
      {
        title: 'By fandom',
        description: 'Every fandom with works, the biggest first.',
        path: opdsPaths.fandoms,
        kind: 'navigation',
        updated,
      },
      {
        title: 'By tag',
        description: 'Relationships, characters and other tags, the most used first.',
        path: opdsPaths.tags,
        kind: 'navigation',
        updated,
      },
      {
        title: 'Series',
        description: 'Works that belong together, in reading order.',
        path: opdsPaths.allSeries,
        kind: 'navigation',
        updated,
      },
    ];
    return sendNavigation(
      request,
      reply,
      {
        title: `${app.quire.config.archiveName} catalog`,
        path: OPDS_ROOT,
        updated,
        page: { page: 1, pageSize: items.length, total: items.length },
      },
      items,
    );
  });

  app.get('/opds/opensearch.xml', async (request, reply) => {
    return sendCacheable(request, reply, openSearchDescription(feedSite(request, reply)), OPENSEARCH_TYPE, EPOCH, 3600);
  });

  for (const [path, order, title] of [
    [opdsPaths.newest, 'updated', 'Newest works'],
    [opdsPaths.kudos, 'kudos', 'Most kudos'],
  ] as const) {
    app.get(path, async (request, reply) => {
      const n = page(request);
      const { items, total } = await store.catalog.workIds(order, FEED_PAGE_SIZE, (n - 1) * FEED_PAGE_SIZE);
      const catalog: CatalogPage = {
        title,
        path,
        updated: await archiveUpdated(),
        page: { page: n, pageSize: FEED_PAGE_SIZE, total },
        up: { path: OPDS_ROOT, kind: 'navigation' },
      };
      return sendAcquisition(request, reply, catalog, await worksInOrder(store, items));
    });
  }

  async function tagNavigation(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    title: string,
    kinds: TagKind[],
  ) {
    const n = page(request);
    const { items, total } = await store.catalog.tagsInUse(kinds, NAVIGATION_PAGE_SIZE, (n - 1) * NAVIGATION_PAGE_SIZE);
    const updated = await archiveUpdated();
    const entries: NavigationItem[] = items.map((tag) => ({
      title: tag.name,
      description: plural(tag.works, 'work', 'works'),
      path: opdsPaths.tag(tag.name),
      kind: 'acquisition',
      count: tag.works,
      updated,
    }));
    return sendNavigation(
      request,
      reply,
      {
        title,
        path,
        updated,
        page: { page: n, pageSize: NAVIGATION_PAGE_SIZE, total },
        up: { path: OPDS_ROOT, kind: 'navigation' },
      },
      entries,
    );
  }

  app.get(opdsPaths.fandoms, (request, reply) =>
    tagNavigation(request, reply, opdsPaths.fandoms, 'Fandoms', ['fandom']),
  );
  app.get(opdsPaths.tags, (request, reply) =>
    tagNavigation(request, reply, opdsPaths.tags, 'Tags', BROWSABLE_TAG_KINDS),
  );

  app.get<{ Params: { name: string } }>('/opds/tags/:name', async (request, reply) => {
    const { tag } = await findTag(store, request.params.name, '', null, false);
    const n = page(request);
    // As /tags/:name/works lists it, through the works index (synonyms and subtags included), as a guest.
    const { works, total } = await search.search(tagFilters(tag, n), null, FEED_PAGE_SIZE, null, NO_SIDEBAR);
    const up = tag.kind === 'fandom' ? opdsPaths.fandoms : opdsPaths.tags;
    const catalog: CatalogPage = {
      title: tag.name,
      path: opdsPaths.tag(tag.name),
      updated: await archiveUpdated(),
      page: { page: n, pageSize: FEED_PAGE_SIZE, total },
      up: { path: up, kind: 'navigation' },
    };
    return sendAcquisition(request, reply, catalog, works);
  });

  app.get(opdsPaths.allSeries, async (request, reply) => {
    const n = page(request);
    const { items, total } = await store.catalog.series(NAVIGATION_PAGE_SIZE, (n - 1) * NAVIGATION_PAGE_SIZE);
    const updated = await archiveUpdated();
    const entries: NavigationItem[] = items.map((series) => ({
      title: series.title,
      description: plural(series.works, 'work', 'works'),
      path: opdsPaths.series(series.id),
      kind: 'acquisition',
      count: series.works,
      updated: series.updatedAt,
    }));
    return sendNavigation(
      request,
      reply,
      {
        title: 'Series',
        path: opdsPaths.allSeries,
        updated,
        page: { page: n, pageSize: NAVIGATION_PAGE_SIZE, total },
        up: { path: OPDS_ROOT, kind: 'navigation' },
      },
      entries,
    );
  });

  app.get<{ Params: { id: string } }>('/opds/series/:id', async (request, reply) => {
    const id = Number(request.params.id);
    const series = Number.isSafeInteger(id) && id > 0 ? await store.series.find(id) : undefined;
    if (!series) throw new NotFoundError('There is no series at this address.');
    // Reading order, not newest first: the series as a reader would take it in.
    const readable = await worksInOrder(store, series.workIds);
    if (readable.length === 0) throw new NotFoundError('There is no series at this address.');
    const n = page(request);
    const works = readable.slice((n - 1) * FEED_PAGE_SIZE, n * FEED_PAGE_SIZE);
    const catalog: CatalogPage = {
      title: series.title,
      path: opdsPaths.series(series.id),
      updated: series.updatedAt,
      page: { page: n, pageSize: FEED_PAGE_SIZE, total: readable.length },
      up: { path: opdsPaths.allSeries, kind: 'navigation' },
    };
    return sendAcquisition(request, reply, catalog, works);
  });

  app.get<{ Params: { login: string } }>('/opds/users/:login', async (request, reply) => {
    const user = await userNamed(store, request.params.login);
    const n = page(request);
    const { works, total } = await store.works.list({
      viewerId: null,
      userId: user.id,
      limit: FEED_PAGE_SIZE,
      offset: (n - 1) * FEED_PAGE_SIZE,
    });
    const catalog: CatalogPage = {
      title: `Works by ${user.login}`,
      path: opdsPaths.user(user.login),
      updated: user.createdAt,
      page: { page: n, pageSize: FEED_PAGE_SIZE, total },
      up: { path: OPDS_ROOT, kind: 'navigation' },
    };
    return sendAcquisition(request, reply, catalog, works);
  });

  app.get('/opds/search', async (request, reply) => {
    const query = parseSearchQuery(queryParam(request.query, 'q'));
    const n = page(request);
    // The works index with /works's query syntax, as a guest searches (best match first).
    const { filters, errors } = parseWorkFilters(readWorkFilterForm({ q: query }));
    if (errors.q) throw new ValidationError({ q: errors.q });
    const { works, total } = await search.search({ ...filters, page: n }, null, FEED_PAGE_SIZE, null, NO_SIDEBAR);
    const path = `/opds/search?q=${encodeURIComponent(query)}`;
    const catalog: CatalogPage = {
      title: `Search: ${query}`,
      path,
      updated: await archiveUpdated(),
      page: { page: n, pageSize: FEED_PAGE_SIZE, total },
      up: { path: OPDS_ROOT, kind: 'navigation' },
    };
    return sendAcquisition(request, reply, catalog, works, query);
  });
}
