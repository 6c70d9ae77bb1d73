import type { FastifyInstance } from 'fastify';
import { queryParam, sendPage } from '../render.ts';
import { chapterPath } from '../../paths.ts';
import { PassageCommentsPage } from '../views/passage-comments.tsx';

/** A paragraph of a chapter: the comments on it and the form to add one (posted like any comment). */
export async function passageCommentRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get<{ Params: { id: string; chapterId: string } }>(
    '/works/:id/chapters/:chapterId/comments/new',
    async (request, reply) => {
      const { work, view } = await archive.comments.passageSection(
        request.viewer,
        request.params.id,
        request.params.chapterId,
        queryParam(request.query, 'paragraph'),
        queryParam(request.query, 'quote'),
      );
      // A guest who has not yet said yes to a Mature or Explicit work says so on the chapter first.
      const adult = work.rating === 'Mature' || work.rating === 'Explicit';
      if (adult && !request.viewer && request.cookies.quire_view_adult !== '1' && !request.reading?.skipAdultNotice)
        return reply.redirect(chapterPath(work.id, Number(request.params.chapterId)), 303);
      return sendPage(request, reply, (ctx) => <PassageCommentsPage ctx={ctx} work={work} view={view} />);
    },
  );
}
