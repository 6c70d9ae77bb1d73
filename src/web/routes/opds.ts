import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { FEED_PAGE_SIZE, NAVIGATION_PAGE_SIZE, parseSearchQuery } from '../../domain/feeds.ts';
import type { TagKind } from '../../domain/works.ts';
import type { WorkBlurb } from '../../store/index.ts';
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
import { queryParam } from '../render.ts';

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

/** The OPDS 1.2 catalog for e-reader apps: anonymous, public works only. */
export async function opdsRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  /** The ?page= of a catalog address, as sent. */
  function page(request: FastifyRequest): string {
    return queryParam(request.query, 'page');
  }

  function archiveUpdated(): Promise<string> {
    return archive.feeds.updated();
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
      const { page: n, works, total } = await archive.feeds.works(order, page(request));
      const catalog: CatalogPage = {
        title,
        path,
        updated: await archiveUpdated(),
        page: { page: n, pageSize: FEED_PAGE_SIZE, total },
        up: { path: OPDS_ROOT, kind: 'navigation' },
      };
      return sendAcquisition(request, reply, catalog, works);
    });
  }

  async function tagNavigation(
    request: FastifyRequest,
    reply: FastifyReply,
    path: string,
    title: string,
    kinds: TagKind[],
  ) {
    const { page: n, items, total } = await archive.feeds.tagsInUse(kinds, page(request));
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
    // As /tags/:name/works lists it (synonyms and subtags included), as a guest.
    const { tag, page: n, works, total } = await archive.feeds.tagWorks(request.params.name, page(request));
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
    const { page: n, items, total } = await archive.feeds.allSeries(page(request));
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
    // Reading order, not newest first: the series as a reader would take it in.
    const { series, page: n, works, total } = await archive.feeds.seriesInOrder(request.params.id, page(request));
    const catalog: CatalogPage = {
      title: series.title,
      path: opdsPaths.series(series.id),
      updated: series.updatedAt,
      page: { page: n, pageSize: FEED_PAGE_SIZE, total },
      up: { path: opdsPaths.allSeries, kind: 'navigation' },
    };
    return sendAcquisition(request, reply, catalog, works);
  });

  app.get<{ Params: { login: string } }>('/opds/users/:login', async (request, reply) => {
    const { user, page: n, works, total } = await archive.feeds.userWorks(request.params.login, page(request));
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
    // /works's query syntax, as a guest searches (best match first).
    const { page: n, works, total } = await archive.feeds.search(query, page(request));
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
