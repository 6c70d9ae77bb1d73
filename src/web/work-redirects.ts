import type { FastifyInstance } from 'fastify';
import { parseWorkId } from '../domain/merge.ts';
import { syncIndexFor } from './index-sync.ts';
import { chapterPath, workPath } from '../paths.ts';

/** A reader page of one work: /works/12, /works/12/chapters/34, /works/12/navigate …, with any query. */
const WORK_PAGE = /^\/works\/(\d+)(\/[^?]*)?(\?.*)?$/;

/**
 * Old addresses of merged-away works answer 301 with the same page of the work they were merged
 * into (chapter ids did not change), keeping the query; the bare work address opens the chapter
 * where that work's text now begins. The page there checks who may see it.
 */
export function registerWorkRedirects(app: FastifyInstance): void {
  const { archive } = app.quire;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const match = WORK_PAGE.exec(request.url);
    const oldId = match ? parseWorkId(match[1]) : undefined;
    if (!match || oldId === undefined) return;
    // A listed work has no redirect (redirects are for ids no live work has); most requests stop here.
    await syncIndexFor(request);
    if (await app.quire.search.index.isListed(oldId)) return;
    const target = await archive.works.mergedInto(oldId);
    if (target === undefined) return;
    const [, , page = '', query = ''] = match;
    const openChapter = page === '' && target.chapterId !== undefined && !/[?&]view_full_work=true/.test(query);
    return reply.redirect(
      `${openChapter ? chapterPath(target.workId, target.chapterId!) : `${workPath(target.workId)}${page}`}${query}`,
      301,
    );
  });
}
