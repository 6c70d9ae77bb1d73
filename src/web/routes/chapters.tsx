import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ForbiddenError, NotFoundError, ValidationError } from '../../domain/errors.ts';
import { checked, field, sendPage, setFlash } from '../render.ts';
import { formatChapter } from '../../text/work-text.ts';
import {
  ChapterFormPage,
  DeleteChapterPage,
  ManageChaptersPage,
  type ChapterFormValues,
} from '../views/chapter-form.tsx';
import { chapterFormKey } from '../../domain/autosave.ts';
import { formPosted, keepRejectedForm, keptUntilLogIn, restorableForm } from '../autosave.ts';
import { chapterPath, workPath, workActionPath } from '../../paths.ts';

interface ChapterParams {
  id: string;
  chapterId: string;
}

function readChapterForm(body: unknown): ChapterFormValues {
  return {
    title: field(body, 'chapterTitle'),
    summary: field(body, 'chapterSummary'),
    notes: field(body, 'chapterNotes'),
    endNotes: field(body, 'chapterEndNotes'),
    body: field(body, 'body'),
    draft: checked(body, 'draft'),
  };
}

export async function chapterRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const postingLimit = { rateLimit: { max: 120, timeWindow: 60 * 60_000 } };

  /** The work, when the viewer is one of its creators (WorkAccess's rule, in this page's words). */
  async function loadOwned(request: FastifyRequest, _reply: FastifyReply, idParam: string) {
    try {
      return (await app.quire.archive.access.owned(request.viewer, idParam)).work;
    } catch (error) {
      if (error instanceof ForbiddenError)
        throw new ForbiddenError("Only the work's creators can change its chapters.");
      throw error;
    }
  }

  function chapterOf(work: { chapters: { id: number; position: number }[] }, chapterIdParam: string) {
    const chapter = work.chapters.find((c) => String(c.id) === chapterIdParam);
    if (!chapter) throw new NotFoundError('This work has no such chapter.');
    return chapter;
  }

  app.get<{ Params: { id: string } }>('/works/:id/chapters/new', async (request, reply) => {
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    const form = await restorableForm(request, chapterFormKey(work.id));
    const values = form.payload
      ? readChapterForm(form.payload)
      : { title: '', summary: '', notes: '', endNotes: '', body: '', draft: false };
    return sendPage(request, reply, (ctx) => (
      <ChapterFormPage
        ctx={ctx}
        work={work}
        position={work.chapters.length + 1}
        values={values}
        errors={{}}
        autosave={form.autosave}
      />
    ));
  });

  app.post<{ Params: { id: string } }>('/works/:id/chapters', { config: postingLimit }, async (request, reply) => {
    if (await keptUntilLogIn(request, reply, chapterFormKey(request.params.id))) return reply;
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    const values = readChapterForm(request.body);
    try {
      const chapterId = await store.works.addChapter(work.id, formatChapter(values), values.draft);
      await formPosted(request, reply, chapterFormKey(work.id));
      setFlash(reply, values.draft ? 'The chapter is saved as a draft.' : 'The chapter was posted.');
      return reply.redirect(chapterPath(work.id, chapterId), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const autosave = await keepRejectedForm(request, chapterFormKey(work.id));
      return sendPage(
        request,
        reply,
        (ctx) => (
          <ChapterFormPage
            ctx={ctx}
            work={work}
            position={work.chapters.length + 1}
            values={values}
            errors={error.fieldErrors}
            autosave={autosave}
          />
        ),
        422,
      );
    }
  });

  app.get<{ Params: ChapterParams }>('/works/:id/chapters/:chapterId/edit', async (request, reply) => {
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    const summary = chapterOf(work, request.params.chapterId);
    const chapter = (await store.works.chapter(work.id, summary.id))!;
    const form = await restorableForm(request, chapterFormKey(work.id, chapter.id), chapter.updatedAt);
    const values = form.payload
      ? readChapterForm(form.payload)
      : {
          title: chapter.title,
          summary: chapter.summary,
          notes: chapter.notes,
          endNotes: chapter.endNotes,
          body: chapter.body,
          draft: chapter.draft,
        };
    return sendPage(request, reply, (ctx) => (
      <ChapterFormPage
        ctx={ctx}
        work={work}
        chapterId={chapter.id}
        position={chapter.position}
        values={values}
        errors={{}}
        autosave={form.autosave}
      />
    ));
  });

  app.post<{ Params: ChapterParams }>(
    '/works/:id/chapters/:chapterId',
    { config: postingLimit },
    async (request, reply) => {
      if (await keptUntilLogIn(request, reply, chapterFormKey(request.params.id, request.params.chapterId)))
        return reply;
      const work = await loadOwned(request, reply, request.params.id);
      if (!work) return reply;
      const chapter = chapterOf(work, request.params.chapterId);
      const values = readChapterForm(request.body);
      try {
        await store.works.updateChapter(work.id, chapter.id, formatChapter(values), values.draft);
        await formPosted(request, reply, chapterFormKey(work.id, chapter.id));
        setFlash(reply, 'The chapter was saved.');
        return reply.redirect(chapterPath(work.id, chapter.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const autosave = await keepRejectedForm(request, chapterFormKey(work.id, chapter.id));
        return sendPage(
          request,
          reply,
          (ctx) => (
            <ChapterFormPage
              ctx={ctx}
              work={work}
              chapterId={chapter.id}
              position={chapter.position}
              values={values}
              errors={error.fieldErrors}
              autosave={autosave}
            />
          ),
          422,
        );
      }
    },
  );

  app.get<{ Params: ChapterParams }>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    const chapter = chapterOf(work, request.params.chapterId);
    return sendPage(request, reply, (ctx) => (
      <DeleteChapterPage ctx={ctx} work={work} chapterId={chapter.id} position={chapter.position} />
    ));
  });

  app.post<{ Params: ChapterParams }>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    const chapter = chapterOf(work, request.params.chapterId);
    try {
      await store.works.deleteChapter(work.id, chapter.id);
      setFlash(reply, `Chapter ${chapter.position} was deleted.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      setFlash(reply, Object.values(error.fieldErrors).join(' '));
    }
    return reply.redirect(workPath(work.id), 303);
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters/manage', async (request, reply) => {
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    return sendPage(request, reply, (ctx) => <ManageChaptersPage ctx={ctx} work={work} errors={{}} />);
  });

  app.post<{ Params: { id: string } }>('/works/:id/chapters/order', async (request, reply) => {
    const work = await loadOwned(request, reply, request.params.id);
    if (!work) return reply;
    const wanted = work.chapters.map((c) => ({ id: c.id, position: Number(field(request.body, `position-${c.id}`)) }));
    try {
      if (wanted.some((w) => !Number.isInteger(w.position) || w.position < 1))
        throw new ValidationError({ order: 'Chapter numbers are whole numbers from 1 up.' });
      if (new Set(wanted.map((w) => w.position)).size !== wanted.length)
        throw new ValidationError({ order: 'Give every chapter a different number.' });
      await store.works.reorderChapters(
        work.id,
        [...wanted].sort((a, b) => a.position - b.position).map((w) => w.id),
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <ManageChaptersPage ctx={ctx} work={work} errors={error.fieldErrors} />,
        422,
      );
    }
    setFlash(reply, 'The chapters are in their new order.');
    return reply.redirect(workActionPath(work.id, 'navigate'), 303);
  });
}
