import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { NO_SITEMAP_PAGE, type SitemapKind } from '../../app/crawlers.ts';
import { NotFoundError } from '../../domain/errors.ts';
import { sitemapIndexXml, sitemapXml } from '../../formats/sitemap.ts';
import { userPath, workPath } from '../../paths.ts';
import { feedSite } from '../feed-site.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import { AdminSettingsPage, settingsValues } from '../views/admin-site.tsx';

/** Crawlers are answered from the same few addresses often: a cache may keep these a while. */
const CACHEABLE = 'public, max-age=3600';

/** robots.txt, the sitemap, the account's "do not index" choice and the admins' crawler list. */
export async function crawlerRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  // A sitemap page reads up to 10,000 rows: enough for a crawler walking a million-work archive's
  // hundred pages in a minute, a ceiling for anything hammering them.
  const sitemapLimit = { rateLimit: { max: 300, timeWindow: 60_000 } };

  app.get('/robots.txt', async (request, reply) => {
    const origin = feedSite(request, reply).baseUrl;
    const text = await archive.crawlers.robotsTxt(`${origin}/sitemap.xml`);
    return reply.header('cache-control', CACHEABLE).type('text/plain; charset=utf-8').send(text);
  });

  app.get('/sitemap.xml', { config: sitemapLimit }, async (request, reply) => {
    const origin = feedSite(request, reply).baseUrl;
    const index = await archive.crawlers.sitemapIndex();
    const pages = [
      ...index.works.map((n) => `/sitemaps/works-${n}.xml`),
      ...index.users.map((n) => `/sitemaps/users-${n}.xml`),
    ];
    return reply
      .header('cache-control', CACHEABLE)
      .type('application/xml; charset=utf-8')
      .send(sitemapIndexXml(origin, pages));
  });

  app.get<{ Params: { file: string } }>('/sitemaps/:file', { config: sitemapLimit }, async (request, reply) => {
    const match = /^(works|users)-(\d{1,9})\.xml$/.exec(request.params.file);
    if (!match) throw new NotFoundError(NO_SITEMAP_PAGE);
    const kind = match[1] as SitemapKind;
    const origin = feedSite(request, reply).baseUrl;
    const rows = await archive.crawlers.sitemapPage(kind, match[2]);
    const entries = rows.map((row) => ({
      path: kind === 'works' ? workPath(row.id) : userPath(row.login ?? ''),
      lastmod: row.lastmod,
    }));
    return reply
      .header('cache-control', CACHEABLE)
      .type('application/xml; charset=utf-8')
      .send(sitemapXml(origin, entries));
  });

  app.post('/account/crawlers', async (request, reply) => {
    const noindex = checked(request.body, 'noindex');
    await archive.crawlers.setAccountChoice(request.viewer, noindex);
    setFlash(
      reply,
      noindex
        ? 'Search engines and AI crawlers are now asked not to index your works and pages.'
        : 'Your works and pages no longer ask crawlers not to index them (works that ask it themselves still do).',
    );
    return reply.redirect('/account', 303);
  });

  app.post('/admin/settings/crawlers', async (request, reply) => {
    const typed = field(request.body, 'crawlers');
    try {
      const names = await archive.crawlers.saveBlockedCrawlers(request.viewer, typed);
      setFlash(
        reply,
        names.length === 0
          ? 'robots.txt now turns no crawler away.'
          : `robots.txt now turns away ${names.length} ${names.length === 1 ? 'crawler' : 'crawlers'}.`,
      );
      return reply.redirect('/admin/settings', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const settings = await archive.invitations.settingsForAdmin(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => (
          <AdminSettingsPage
            ctx={ctx}
            values={settingsValues(settings)}
            errors={{}}
            crawlers={{ crawlers: typed, errors: error.fieldErrors }}
          />
        ),
        422,
      );
    }
  });
}
