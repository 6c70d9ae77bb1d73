import { workActionPath } from '../../paths.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { Work } from '../../store/index.ts';
import { queryParam, sendPage, setFlash } from '../render.ts';
import { postingMessage, readPostingAction, readWorkForm } from '../work-form.ts';
import { WorkFormPage } from '../views/work-form.tsx';
import { AdultNoticePage, ChapterIndexPage, DeleteWorkPage, WorkPage } from '../views/work.tsx';
import { workFormKey } from '../../domain/autosave.ts';
import { formPosted, keepRejectedForm, keptUntilLogIn, restorableForm } from '../autosave.ts';
import { otherCreators, type WorkPreview } from '../../app/works.ts';
import { robotsOfWorkPage } from '../robots.ts';

interface WorkParams {
  id: string;
}

const ADULT_COOKIE = 'quire_view_adult';

/**
 * Guests see a notice before Mature and Explicit works until they agree once; the agreement
 * lasts for the browser session. Returns true when the notice was sent instead of the work.
 */
function sentAdultNotice(request: FastifyRequest, reply: FastifyReply, work: Work): boolean {
  if (work.rating !== 'Mature' && work.rating !== 'Explicit') return false;
  if (request.viewer || request.cookies[ADULT_COOKIE] === '1' || request.reading?.skipAdultNotice) return false;
  if (queryParam(request.query, 'view_adult') === 'true') {
    reply.setCookie(ADULT_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax' });
    return false;
  }
  const separator = request.url.includes('?') ? '&' : '?';
  request.guestPageNoReading = true;
  sendPage(request, reply, (ctx) => (
    <AdultNoticePage ctx={ctx} work={work} continueTo={`${request.url}${separator}view_adult=true`} />
  ));
  return true;
}

export async function workRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const { access, works } = archive;
  const postingLimit = { rateLimit: { max: 60, timeWindow: 60 * 60_000 } };

  /**
   * The work page (one chapter, or the whole work with `view_full_work`) of a work the viewer may
   * read: everything around the text, loaded for this viewer; counts the reading.
   */
  async function sendWorkPage(request: FastifyRequest, reply: FastifyReply, id: string, chapterId?: string) {
    const { work, creator } = await access.readable(request.viewer, id);
    robotsOfWorkPage(request, work);
    request.guestPageWork = work;
    if (sentAdultNotice(request, reply, work)) return reply;
    const fullWork = chapterId === undefined && queryParam(request.query, 'view_full_work') === 'true';
    // The chapters and everything around them, read together (on PostgreSQL one statement).
    const { readable, chapters, rows } = await works.readPage(request.viewer, request.ip, work, creator, {
      chapterId,
      fullWork,
    });
    const shown = fullWork ? null : chapters[0];
    const opened = fullWork ? 'full' : chapterId === undefined ? 'work' : 'chapter';
    const [around, kudos, comments] = await Promise.all([
      works.surroundings(request.viewer, work, creator, shown?.id ?? null, opened, rows),
      archive.kudos.view(request.viewer, request.ip, work, rows),
      archive.comments.section(
        request.viewer,
        work,
        creator,
        shown,
        readable.length > 1,
        undefined,
        chapters.map((c) => c.id),
        rows,
      ),
      archive.visitors.countHit(request.viewer, request.ip, work, creator),
    ]);
    // A kept guest page shows these works (or leaves out the hidden ones): it changes with them.
    request.guestPageShows.push(...around.shownWorkIds);
    return sendPage(request, reply, (ctx) => (
      <WorkPage
        ctx={ctx}
        work={kudos.notYetCounted ? { ...work, kudosCount: work.kudosCount + 1 } : work}
        chapters={chapters}
        readable={readable}
        fullWork={fullWork}
        isCreator={creator}
        series={around.series}
        collections={around.collections}
        prompts={around.prompts}
        relations={around.relations}
        kudos={kudos}
        subscribed={around.subscribed}
        comments={comments}
        bookmarkId={around.bookmarkId}
        markedForLater={around.markedForLater}
        resume={around.resume}
      />
    ));
  }

  app.get('/works/new', async (request, reply) => {
    const { pseuds, series, values: empty } = await works.newForm(request.viewer);
    const form = await restorableForm(request, workFormKey());
    const assignment = queryParam(request.query, 'assignment');
    const prompt = queryParam(request.query, 'prompt');
    const values = form.payload
      ? readWorkForm(form.payload)
      : assignment
        ? await archive.giftExchanges.prefill(request.viewer, assignment, empty)
        : prompt
          ? await archive.promptMemes.prefill(request.viewer, prompt, empty)
          : empty;
    return sendPage(request, reply, (ctx) => (
      <WorkFormPage
        ctx={ctx}
        pseuds={pseuds}
        series={series}
        values={values}
        errors={{}}
        title="Post a new work"
        autosave={form.autosave}
      />
    ));
  });

  app.post('/works', { config: postingLimit }, async (request, reply) => {
    if (await keptUntilLogIn(request, reply, workFormKey())) return reply;
    const values = readWorkForm(request.body);
    const action = readPostingAction(request.body);
    try {
      if (action === 'preview') {
        const preview = await works.preview(request.viewer, values, request.host);
        const { pseuds, series } = await works.formChoices(request.viewer);
        // The previewed text is kept like a rejected form's: leaving the page loses nothing.
        const autosave = await keepRejectedForm(request, workFormKey());
        return sendPage(request, reply, (ctx) => (
          <WorkFormPage
            ctx={ctx}
            pseuds={pseuds}
            series={series}
            values={values}
            errors={{}}
            title="Post a new work"
            autosave={autosave}
            preview={preview}
          />
        ));
      }
      const { id, outcome } = await works.postForm(request.viewer, values, request.host, action);
      await formPosted(request, reply, workFormKey());
      setFlash(reply, postingMessage(outcome, 'work'));
      return reply.redirect(`/works/${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const { pseuds, series } = await works.formChoices(request.viewer);
      const autosave = await keepRejectedForm(request, workFormKey());
      return sendPage(
        request,
        reply,
        (ctx) => (
          <WorkFormPage
            ctx={ctx}
            pseuds={pseuds}
            series={series}
            values={values}
            errors={error.fieldErrors}
            title="Post a new work"
            autosave={autosave}
          />
        ),
        422,
      );
    }
  });

  app.get<{ Params: WorkParams }>('/works/:id', { config: { guestPage: 'work' } }, async (request, reply) =>
    sendWorkPage(request, reply, request.params.id),
  );

  app.get<{ Params: WorkParams & { chapterId: string } }>(
    '/works/:id/chapters/:chapterId',
    { config: { guestPage: 'work' } },
    async (request, reply) => sendWorkPage(request, reply, request.params.id, request.params.chapterId),
  );

  app.get<{ Params: WorkParams }>('/works/:id/navigate', async (request, reply) => {
    const { work, readable } = await works.chapterIndex(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <ChapterIndexPage ctx={ctx} work={work} readable={readable} />);
  });

  // The address readers guess for a work's chapters (it is AO3's too, for one chapter at a time).
  app.get<{ Params: WorkParams }>('/works/:id/chapters', async (request, reply) => {
    const { work } = await works.chapterIndex(request.viewer, request.params.id);
    return reply.redirect(workActionPath(work.id, 'navigate'), 301);
  });

  app.get<{ Params: WorkParams }>('/works/:id/edit', async (request, reply) => {
    const edit = await works.editForm(request.viewer, request.params.id);
    const { work } = edit;
    const form = await restorableForm(request, workFormKey(work.id), work.updatedAt);
    const values = form.payload ? readWorkForm(form.payload) : edit.values;
    return sendPage(request, reply, (ctx) => (
      <WorkFormPage
        ctx={ctx}
        pseuds={edit.pseuds}
        series={edit.series}
        values={values}
        errors={{}}
        workId={work.id}
        title={`Edit ${work.title}`}
        autosave={form.autosave}
        coCreators={edit.coCreators}
        posted={work.visibility !== 'draft'}
      />
    ));
  });

  app.post<{ Params: WorkParams }>('/works/:id', { config: postingLimit }, async (request, reply) => {
    if (await keptUntilLogIn(request, reply, workFormKey(request.params.id))) return reply;
    const { work, member } = await access.owned(request.viewer, request.params.id);
    const values = readWorkForm(request.body);
    const action = readPostingAction(request.body);
    const page = async (errors: Record<string, string>, preview?: WorkPreview) => {
      const { pseuds, series } = await works.formChoices(member);
      const autosave = await keepRejectedForm(request, workFormKey(work.id));
      return sendPage(
        request,
        reply,
        (ctx) => (
          <WorkFormPage
            ctx={ctx}
            pseuds={pseuds}
            series={series}
            values={values}
            errors={errors}
            workId={work.id}
            title={`Edit ${work.title}`}
            autosave={autosave}
            coCreators={otherCreators(work, member.id)}
            posted={work.visibility !== 'draft'}
            preview={preview}
          />
        ),
        preview ? 200 : 422,
      );
    };
    try {
      if (action === 'preview') return await page({}, await works.preview(member, values, request.host, work));
      const outcome = await works.editFromForm(member, work, values, request.host, {}, action);
      await formPosted(request, reply, workFormKey(work.id));
      setFlash(reply, postingMessage(outcome, 'work'));
      return reply.redirect(`/works/${work.id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return page(error.fieldErrors);
    }
  });

  app.get<{ Params: WorkParams }>('/works/:id/delete', async (request, reply) => {
    const { work } = await access.owned(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <DeleteWorkPage ctx={ctx} work={work} />);
  });

  app.post<{ Params: WorkParams }>('/works/:id/delete', async (request, reply) => {
    const { work, member } = await works.delete(request.viewer, request.params.id);
    setFlash(reply, `“${work.title}” was deleted.`);
    return reply.redirect(`/users/${encodeURIComponent(member.login)}`, 303);
  });
}
