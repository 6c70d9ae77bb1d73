import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WorkBlurb } from '../../store/index.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { CHAPTER_FEED_SIZE, FEED_PAGE_SIZE, guestChapters, guestMayRead, parsePage } from '../../domain/feeds.ts';
import { userNamed } from '../people.ts';
import { ATOM_FEED_TYPE, chaptersFeed, feedPaths, worksFeed } from '../../formats/feeds.ts';
import { paths } from '../../formats/work-entries.tsx';
import { accessOf } from '../../app/access.ts';
import { feedSite } from '../feed-site.ts';
import { findTag } from '../discovery.ts';
import { sendCacheable } from '../http-cache.ts';
import { queryParam } from '../render.ts';
import { parseWorkFilters, readWorkFilterForm, tagFilters } from '../../domain/work-filters.ts';
import { NO_SIDEBAR } from '../../search/work-search.ts';

/** A stored query string as the parsed query object Fastify hands routes (repeated names as arrays). */
function queryObject(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

const EPOCH = new Date(0).toISOString();

/** Atom feeds of newest works (per tag, user and series) and of a work's new chapters; always as a guest sees them. */
export async function feedRoutes(app: FastifyInstance) {
  const { store, search } = app.quire;

  /** A page of a works feed, answered with validators (304 while nothing changed). */
  function sendWorksFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    head: { title: string; path: string; pagePath: string; emptyUpdated: string },
    page: number,
    list: { works: WorkBlurb[]; total: number },
  ) {
    const feed = worksFeed(feedSite(request, reply), {
      ...head,
      works: list.works,
      page: { page, pageSize: FEED_PAGE_SIZE, total: list.total },
    });
    return sendCacheable(request, reply, feed.xml, ATOM_FEED_TYPE, feed.updated);
  }

  app.get<{ Params: { name: string } }>('/tags/:name/feed.atom', async (request, reply) => {
    // The works the tag's page lists, through the works index (synonyms and subtags too), of a tag a guest may learn of.
    const { tag } = await findTag(store, request.params.name, '', null, false);
    const page = parsePage(queryParam(request.query, 'page'));
    const { works, total } = await search.search(tagFilters(tag, page), null, FEED_PAGE_SIZE, null, NO_SIDEBAR);
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Works in ${tag.name}`,
        path: feedPaths.tag(tag.name),
        pagePath: paths.tag(tag.name),
        emptyUpdated: (await store.catalog.lastChange()) ?? EPOCH,
      },
      page,
      { works, total },
    );
  });

  app.get<{ Params: { token: string } }>('/saved-searches/:token/feed.atom', async (request, reply) => {
    // The token is the only credential: the feed shows what a guest sees, less the owner's mutes.
    const saved = await store.savedSearches.byFeedToken(request.params.token);
    if (!saved) throw new NotFoundError('There is no saved search at this address.');
    const page = parsePage(queryParam(request.query, 'page'));
    const { filters } = parseWorkFilters(readWorkFilterForm(queryObject(saved.query)));
    // Newest first whatever the search sorts by, so a feed reader sees new works.
    const result = await search.search(
      { ...filters, sort: 'updated', page },
      null,
      FEED_PAGE_SIZE,
      saved.userId,
      NO_SIDEBAR,
    );
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Saved search: ${saved.name}`,
        path: feedPaths.savedSearch(saved.feedToken),
        pagePath: `/works?${saved.query}`,
        emptyUpdated: saved.createdAt,
      },
      page,
      result,
    );
  });

  app.get<{ Params: { login: string } }>('/users/:login/works/feed.atom', async (request, reply) => {
    const user = await userNamed(store, request.params.login);
    const page = parsePage(queryParam(request.query, 'page'));
    const { works, total } = await store.works.list({
      viewerId: null,
      userId: user.id,
      limit: FEED_PAGE_SIZE,
      offset: (page - 1) * FEED_PAGE_SIZE,
    });
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Works by ${user.login}`,
        path: feedPaths.user(user.login),
        pagePath: paths.user(user.login),
        emptyUpdated: user.createdAt,
      },
      page,
      { works, total },
    );
  });

  app.get<{ Params: { id: string } }>('/series/:id/feed.atom', async (request, reply) => {
    const id = Number(request.params.id);
    const series = Number.isSafeInteger(id) && id > 0 ? await store.series.find(id) : undefined;
    if (!series) throw new NotFoundError('There is no series at this address.');
    const page = parsePage(queryParam(request.query, 'page'));
    const { works, total } = await store.works.list({
      viewerId: null,
      ids: series.workIds,
      limit: FEED_PAGE_SIZE,
      offset: (page - 1) * FEED_PAGE_SIZE,
    });
    // As on the series page: a series with nothing a guest may read does not exist for guests.
    if (total === 0) throw new NotFoundError('There is no series at this address.');
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Series: ${series.title}`,
        path: feedPaths.series(series.id),
        pagePath: paths.series(series.id),
        emptyUpdated: series.updatedAt,
      },
      page,
      { works, total },
    );
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters/feed.atom', async (request, reply) => {
    const id = Number(request.params.id);
    const work = Number.isSafeInteger(id) && id > 0 ? await store.works.find(id) : undefined;
    if (!work || !guestMayRead(accessOf(work))) throw new NotFoundError('There is no work at this address.');
    const chapters = guestChapters(await store.works.chaptersOf(work.id))
      .sort((a, b) => b.position - a.position)
      .slice(0, CHAPTER_FEED_SIZE);
    const feed = chaptersFeed(feedSite(request, reply), work, chapters);
    return sendCacheable(request, reply, feed.xml, ATOM_FEED_TYPE, feed.updated);
  });
}
