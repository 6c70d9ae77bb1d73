import type { FastifyInstance, FastifyRequest } from 'fastify';
import { NOINDEX_DIRECTIVES } from '../domain/crawlers.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Robots directives for this response ("noindex, noai, noimageai"), when what it shows asked
     * not to be indexed: the page's `<meta name="robots">` and the X-Robots-Tag header both say it.
     */
    robots: string | undefined;
    /**
     * A work or chapter page, whose route sets `robots` from the work it reads (see
     * robotsOfWorkPage); still true at sending when it did not (a kept guest page).
     */
    robotsFromWorkPage: boolean;
  }
}

/** The routes whose handler reads the work anyway: they learn its choice with it. */
function isWorkPageRoute(url: string): boolean {
  return url === '/works/:id' || url === '/works/:id/chapters/:chapterId';
}

/** Sets a work or chapter page's directives from its work, read with its choice (WorkStore.find). */
export function robotsOfWorkPage(request: FastifyRequest, work: { optedOut?: boolean }): void {
  if (!request.robotsFromWorkPage || work.optedOut === undefined) return;
  request.robotsFromWorkPage = false;
  request.robots = work.optedOut ? NOINDEX_DIRECTIVES : undefined;
}

/** Routes of one work's pages: the work's choice (and its creators') applies. Downloads say it themselves (PreparedDownload.robots). */
function isWorkRoute(url: string): boolean {
  return url === '/works/:id' || url.startsWith('/works/:id/');
}

/** Routes of one member's user and pen name pages. */
function isMemberRoute(url: string): boolean {
  return url === '/users/:login' || url.startsWith('/users/:login/');
}

/**
 * The one place pages and downloads learn whether to ask crawlers not to index them, by the
 * route they answer: every page of a work (work, chapters, chapter index, comments, bookmarks of
 * it, its feed) and every user and pen name page of a member. Downloads, work and series alike,
 * carry the choice from the download service, which also puts it in the HTML file. Register
 * before the guest page cache, so that kept pages carry the header too.
 */
export function registerRobotsDirectives(app: FastifyInstance): void {
  const { archive } = app.quire;
  app.decorateRequest('robots', undefined);
  app.decorateRequest('robotsFromWorkPage', false);
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const url = request.routeOptions.url;
    if (!url) return;
    const params = request.params as Record<string, string | undefined>;
    // A work or chapter page asks when sending, unless its route learned the choice with the work
    // (one statement less for a page that is rendered).
    if (isWorkPageRoute(url) && params.id !== undefined) request.robotsFromWorkPage = true;
    else if (isWorkRoute(url) && params.id !== undefined)
      request.robots = await archive.crawlers.workDirectives(params.id);
    else if (isMemberRoute(url) && params.login !== undefined)
      request.robots = await archive.crawlers.memberDirectives(params.login);
  });
  // An answer that is not the thing itself (not there, not allowed) says nothing of its choice.
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode >= 400) return payload;
    if (request.robotsFromWorkPage) {
      request.robotsFromWorkPage = false;
      const params = request.params as Record<string, string | undefined>;
      request.robots = await archive.crawlers.workDirectives(params.id!);
    }
    if (request.robots) reply.header('x-robots-tag', request.robots);
    return payload;
  });
}
