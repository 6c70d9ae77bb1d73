import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { postingMessage, readPostingAction } from '../work-form.ts';
import type { ChapterContent } from '../../text/work-text.ts';
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
  };
}

export async function chapterRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const postingLimit = { rateLimit: { max: 120, timeWindow: 60 * 60_000 } };

  app.get<{ Params: { id: string } }>('/works/:id/chapters/new', async (request, reply) => {
    const work = await archive.chapters.owned(request.viewer, request.params.id);
    // Before anything is typed: a member whose address is not confirmed yet cannot post it.
    await archive.recovery.requireMayWrite(request.viewer, 'post');
    const form = await restorableForm(request, chapterFormKey(work.id));
    const values = form.payload
      ? readChapterForm(form.payload)
      : { title: '', summary: '', notes: '', endNotes: '', body: '' };
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
    const work = await archive.chapters.owned(request.viewer, request.params.id);
    const values = readChapterForm(request.body);
    const action = readPostingAction(request.body);
    const page = async (errors: Record<string, string>, preview?: ChapterContent) => {
      // A previewed or refused form is kept too: leaving the page loses nothing.
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
            errors={errors}
            autosave={autosave}
            preview={preview}
          />
        ),
        preview ? 200 : 422,
      );
    };
    try {
      if (action === 'preview') return await page({}, archive.chapters.preview(request.viewer, work, values));
      const { chapterId, outcome } = await archive.chapters.addFromForm(request.viewer, work, values, action);
      await formPosted(request, reply, chapterFormKey(work.id));
      setFlash(reply, postingMessage(outcome, 'chapter'));
      return reply.redirect(chapterPath(work.id, chapterId), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(error.fieldErrors);
    }
  });

  app.get<{ Params: ChapterParams }>('/works/:id/chapters/:chapterId/edit', async (request, reply) => {
    const { work, chapter } = await archive.chapters.editable(
      request.viewer,
      request.params.id,
      request.params.chapterId,
    );
    const form = await restorableForm(request, chapterFormKey(work.id, chapter.id), chapter.updatedAt);
    const values = form.payload
      ? readChapterForm(form.payload)
      : {
          title: chapter.title,
          summary: chapter.summary,
          notes: chapter.notes,
          endNotes: chapter.endNotes,
          body: chapter.body,
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
        posted={!chapter.draft}
      />
    ));
  });

  app.post<{ Params: ChapterParams }>(
    '/works/:id/chapters/:chapterId',
    { config: postingLimit },
    async (request, reply) => {
      if (await keptUntilLogIn(request, reply, chapterFormKey(request.params.id, request.params.chapterId)))
        return reply;
      const { work, chapter } = await archive.chapters.target(
        request.viewer,
        request.params.id,
        request.params.chapterId,
      );
      const values = readChapterForm(request.body);
      const action = readPostingAction(request.body);
      const page = async (errors: Record<string, string>, preview?: ChapterContent) => {
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
              errors={errors}
              autosave={autosave}
              posted={!chapter.draft}
              preview={preview}
            />
          ),
          preview ? 200 : 422,
        );
      };
      try {
        if (action === 'preview') return await page({}, archive.chapters.preview(request.viewer, work, values));
        const outcome = await archive.chapters.editFromForm(request.viewer, work, chapter.id, values, action);
        await formPosted(request, reply, chapterFormKey(work.id, chapter.id));
        setFlash(reply, postingMessage(outcome, 'chapter'));
        return reply.redirect(chapterPath(work.id, chapter.id), 303);
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        return page(error.fieldErrors);
      }
    },
  );

  app.get<{ Params: ChapterParams }>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const { work, chapter } = await archive.chapters.target(
      request.viewer,
      request.params.id,
      request.params.chapterId,
    );
    return sendPage(request, reply, (ctx) => (
      <DeleteChapterPage ctx={ctx} work={work} chapterId={chapter.id} position={chapter.position} />
    ));
  });

  app.post<{ Params: ChapterParams }>('/works/:id/chapters/:chapterId/delete', async (request, reply) => {
    const { work, chapter } = await archive.chapters.target(
      request.viewer,
      request.params.id,
      request.params.chapterId,
    );
    try {
      await archive.chapters.delete(request.viewer, work, chapter.id);
      setFlash(reply, `Chapter ${chapter.position} was deleted.`);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      setFlash(reply, Object.values(error.fieldErrors).join(' '));
    }
    return reply.redirect(workPath(work.id), 303);
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters/manage', async (request, reply) => {
    const work = await archive.chapters.owned(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <ManageChaptersPage ctx={ctx} work={work} errors={{}} />);
  });

  app.post<{ Params: { id: string } }>('/works/:id/chapters/order', async (request, reply) => {
    const work = await archive.chapters.owned(request.viewer, request.params.id);
    const wanted = work.chapters.map((c) => ({ id: c.id, position: Number(field(request.body, `position-${c.id}`)) }));
    try {
      await archive.chapters.reorder(request.viewer, work, wanted);
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
