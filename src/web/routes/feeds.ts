import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WorksPage } from '../../app/feeds.ts';
import { FEED_PAGE_SIZE } from '../../domain/feeds.ts';
import { ATOM_FEED_TYPE, chaptersFeed, feedPaths, worksFeed } from '../../formats/feeds.ts';
import { paths } from '../../formats/work-entries.tsx';
import { feedSite } from '../feed-site.ts';
import { sendCacheable } from '../http-cache.ts';
import { queryParam } from '../render.ts';
import { onPrimary } from '../../read-routing.ts';

/** The ?page= of a feed address, as sent. */
function pageParam(request: FastifyRequest): string {
  return queryParam(request.query, 'page');
}

/** Atom feeds of newest works (per tag, user and series) and of a work's new chapters; always as a guest sees them. */
export async function feedRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  /** A page of a works feed, answered with validators (304 while nothing changed). */
  function sendWorksFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    head: { title: string; path: string; pagePath: string; emptyUpdated: string },
    list: WorksPage,
  ) {
    const feed = worksFeed(feedSite(request, reply), {
      ...head,
      works: list.works,
      page: { page: list.page, pageSize: FEED_PAGE_SIZE, total: list.total },
    });
    return sendCacheable(request, reply, feed.xml, ATOM_FEED_TYPE, feed.updated);
  }

  app.get<{ Params: { name: string } }>('/tags/:name/feed.atom', async (request, reply) => {
    // The works the tag's page lists, of a tag a guest may learn of.
    const list = await archive.feeds.tagWorks(request.params.name, pageParam(request));
    const { tag } = list;
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Works in ${tag.name}`,
        path: feedPaths.tag(tag.name),
        pagePath: paths.tag(tag.name),
        emptyUpdated: await archive.feeds.updated(),
      },
      list,
    );
  });

  app.get<{ Params: { token: string } }>('/saved-searches/:token/feed.atom', async (request, reply) => {
    // The token is looked up on the primary: one just replaced must stop working at once.
    const list = await onPrimary(() => archive.feeds.savedSearch(request.params.token, pageParam(request)));
    const { saved } = list;
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Saved search: ${saved.name}`,
        path: feedPaths.savedSearch(saved.feedToken),
        pagePath: `/works?${saved.query}`,
        emptyUpdated: saved.createdAt,
      },
      list,
    );
  });

  app.get<{ Params: { login: string } }>('/users/:login/works/feed.atom', async (request, reply) => {
    const list = await archive.feeds.userWorks(request.params.login, pageParam(request));
    const { user } = list;
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Works by ${user.login}`,
        path: feedPaths.user(user.login),
        pagePath: paths.user(user.login),
        emptyUpdated: user.createdAt,
      },
      list,
    );
  });

  app.get<{ Params: { id: string } }>('/series/:id/feed.atom', async (request, reply) => {
    const list = await archive.feeds.seriesWorks(request.params.id, pageParam(request));
    const { series } = list;
    return sendWorksFeed(
      request,
      reply,
      {
        title: `Series: ${series.title}`,
        path: feedPaths.series(series.id),
        pagePath: paths.series(series.id),
        emptyUpdated: series.updatedAt,
      },
      list,
    );
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters/feed.atom', async (request, reply) => {
    const { work, chapters } = await archive.feeds.workChapters(request.params.id);
    const feed = chaptersFeed(feedSite(request, reply), work, chapters);
    return sendCacheable(request, reply, feed.xml, ATOM_FEED_TYPE, feed.updated);
  });
}
