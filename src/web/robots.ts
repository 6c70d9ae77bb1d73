import type { FastifyInstance, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * Robots directives for this response ("noindex, noai, noimageai"), when what it shows asked
     * not to be indexed: the page's `<meta name="robots">` and the X-Robots-Tag header both say it.
     */
    robots: string | undefined;
  }
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
  app.addHook('onRequest', async (request: FastifyRequest) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const url = request.routeOptions.url;
    if (!url) return;
    const params = request.params as Record<string, string | undefined>;
    if (isWorkRoute(url) && params.id !== undefined) request.robots = await archive.crawlers.workDirectives(params.id);
    else if (isMemberRoute(url) && params.login !== undefined)
      request.robots = await archive.crawlers.memberDirectives(params.login);
  });
  // An answer that is not the thing itself (not there, not allowed) says nothing of its choice.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.robots && reply.statusCode < 400) reply.header('x-robots-tag', request.robots);
    return payload;
  });
}
