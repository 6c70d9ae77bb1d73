import type { FastifyInstance } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { feedSite } from '../feed-site.ts';
import { absolute } from '../../formats/work-entries.tsx';
import { workPath } from '../../paths.ts';
import { WriterStatsPage } from '../views/writer-stats.tsx';

/** Statistics for writers: the page and its table as CSV, for the writer and admins only (404 to anyone else). */
export async function writerStatsRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get<{ Params: { login: string } }>('/users/:login/stats', async (request, reply) => {
    const stats = await archive.writerStats.stats(request.viewer, request.params.login, {
      sort: queryParam(request.query, 'sort'),
      direction: queryParam(request.query, 'direction'),
      period: queryParam(request.query, 'period'),
      work: queryParam(request.query, 'work'),
    });
    reply.header('x-robots-tag', 'noindex');
    return sendPage(request, reply, (ctx) => <WriterStatsPage ctx={ctx} stats={stats} />);
  });

  app.get<{ Params: { login: string } }>('/users/:login/stats.csv', async (request, reply) => {
    const site = feedSite(request, reply);
    const { login, csv } = await archive.writerStats.csv(
      request.viewer,
      request.params.login,
      { sort: queryParam(request.query, 'sort'), direction: queryParam(request.query, 'direction') },
      (id) => absolute(site, workPath(id)),
    );
    return reply
      .code(200)
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${login.replace(/[^A-Za-z0-9._-]/g, '_')}-stats.csv"`)
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex')
      .send(csv);
  });
}
