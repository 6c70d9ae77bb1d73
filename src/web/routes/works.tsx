import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readableChapters } from '../../app/access.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Chapter, Work } from '../../store/index.ts';
import { queryParam, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { readWorkForm, validateWorkForm } from '../work-form.ts';
import { resolveWorkLinks } from '../work-links.ts';
import { WorkFormPage } from '../views/work-form.tsx';
import { emptyWorkForm, workFormValues } from '../../app/work-form.ts';
import { AdultNoticePage, ChapterIndexPage, DeleteWorkPage, WorkPage, type WorkRelations } from '../views/work.tsx';
import { workFormKey } from '../../domain/autosave.ts';
import { formPosted, keepRejectedForm, keptUntilLogIn, restorableForm } from '../autosave.ts';

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
    reply.setCookie(ADULT_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'lax', secure: 'auto' });
    return false;
  }
  const separator = request.url.includes('?') ? '&' : '?';
  sendPage(request, reply, (ctx) => (
    <AdultNoticePage ctx={ctx} work={work} continueTo={`${request.url}${separator}view_adult=true`} />
  ));
  return true;
}

export async function workRoutes(app: FastifyInstance) {
  const { store, archive } = app.quire;
  const postingLimit = { rateLimit: { max: 60, timeWindow: 60 * 60_000 } };

  const { access } = archive;

  /** A work only its creators may change; guests are sent to log in, others get 404 or 403. */
  async function loadOwned(request: FastifyRequest, _reply: FastifyReply, idParam: string) {
    const { work, member } = await access.owned(request.viewer, idParam);
    return { work, viewer: member };
  }

  /** Accepted co-creators from other accounts, named on the edit form. */
  function otherCreators(work: Work, viewerId: number) {
    return work.creators
      .filter((c) => c.accepted && c.userId !== viewerId)
      .map((c) => ({ name: c.name, login: c.login }));
  }

  /** For each series the work is in: its place, and the nearest works before and after it that this viewer may read. */
  async function seriesNeighbours(workId: number, viewerId: number | null, request?: FastifyRequest) {
    const places = await store.series.placesOf(workId);
    request?.guestPageShows.push(...places.flatMap((place) => place.workIds));
    return Promise.all(
      places.map(async (place) => {
        const { works } = await store.works.list({ viewerId, ids: place.workIds, limit: place.workIds.length });
        const readable = place.workIds.filter((id) => id === workId || works.some((w) => w.id === id));
        const at = readable.indexOf(workId);
        return { place, previous: readable[at - 1], next: readable[at + 1] };
      }),
    );
  }

  /** The works this one names and the works that name it, as far as this viewer may see them. */
  async function relatedFor(work: Work, viewerId: number | null, request?: FastifyRequest): Promise<WorkRelations> {
    const inbound = await store.workLinks.inboundTo(work.id);
    const ids = [
      ...new Set([
        ...work.related.flatMap((r) => (r.targetWorkId === null ? [] : [r.targetWorkId])),
        ...inbound.map((i) => i.workId),
      ]),
    ];
    // A kept guest page shows these works (or leaves out the hidden ones): it changes with them.
    request?.guestPageShows.push(...ids);
    const { works } = ids.length > 0 ? await store.works.list({ viewerId, ids, limit: ids.length }) : { works: [] };
    const byId = new Map(works.map((w) => [w.id, w]));
    return {
      outbound: work.related.flatMap((r): WorkRelations['outbound'] => {
        if (r.targetWorkId === null) return [{ relation: r.relation, url: r.url, title: r.title }];
        const target = byId.get(r.targetWorkId);
        return target ? [{ relation: r.relation, work: target }] : [];
      }),
      inbound: inbound.flatMap((i) => {
        const source = byId.get(i.workId);
        return source ? [{ relation: i.relation, work: source }] : [];
      }),
    };
  }

  /** Whether a reader (not a creator, not a guest) follows the work; undefined when no button is shown. */
  async function subscribedTo(request: FastifyRequest, workId: number, creator: boolean): Promise<boolean | undefined> {
    if (!request.viewer || creator) return undefined;
    return store.subscriptions.isSubscribed(request.viewer.id, 'work', workId);
  }

  /** The viewer's bookmark of the work (null: none yet); undefined for guests, who get no button. */
  async function bookmarkOf(request: FastifyRequest, workId: number): Promise<number | null | undefined> {
    if (!request.viewer) return undefined;
    return (await store.bookmarks.findOwn(request.viewer.id, { kind: 'work', id: workId }))?.id ?? null;
  }

  /**
   * Records the member's visit in their history (not for the work's own creators) and tells
   * whether the work is marked for later; undefined for guests and members who keep no history.
   */
  async function readingOf(
    request: FastifyRequest,
    workId: number,
    chapterId: number | null,
    creator: boolean,
  ): Promise<boolean | undefined> {
    if (!request.viewer) return undefined;
    if (!creator) await store.readings.record(request.viewer.id, workId, chapterId);
    const state = await store.readings.stateFor(request.viewer.id, workId);
    return state.keepsHistory ? state.markedForLater : undefined;
  }

  /**
   * The work page (one chapter, or the whole work with `fullWork`): everything around the text,
   * loaded for this viewer; counts the reading.
   */
  async function sendWorkPage(
    request: FastifyRequest,
    reply: FastifyReply,
    work: Work,
    creator: boolean,
    readable: Work['chapters'],
    chapters: Chapter[],
    fullWork: boolean,
  ) {
    const viewerId = request.viewer?.id ?? null;
    const shown = fullWork ? null : chapters[0];
    const series = await seriesNeighbours(work.id, viewerId, request);
    const relations = await relatedFor(work, viewerId, request);
    const subscribed = await subscribedTo(request, work.id, creator);
    await archive.visitors.countHit(request.viewer, request.ip, work, creator);
    const kudos = await archive.kudos.view(request.viewer, request.ip, work);
    const comments = await archive.comments.section(request.viewer, work, creator, shown, readable.length > 1);
    const bookmarkId = await bookmarkOf(request, work.id);
    const markedForLater = await readingOf(request, work.id, shown?.id ?? null, creator);
    return sendPage(request, reply, (ctx) => (
      <WorkPage
        ctx={ctx}
        work={work}
        chapters={chapters}
        readable={readable}
        fullWork={fullWork}
        isCreator={creator}
        series={series}
        relations={relations}
        kudos={kudos}
        subscribed={subscribed}
        comments={comments}
        bookmarkId={bookmarkId}
        markedForLater={markedForLater}
      />
    ));
  }

  app.get('/works/new', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const [pseuds, series] = await Promise.all([
      store.pseuds.listForUser(viewer.id),
      store.series.listForUser(viewer.id),
    ]);
    const form = await restorableForm(request, workFormKey());
    const values = form.payload ? readWorkForm(form.payload) : emptyWorkForm(pseuds);
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
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const [pseuds, series] = await Promise.all([
      store.pseuds.listForUser(viewer.id),
      store.series.listForUser(viewer.id),
    ]);
    const values = readWorkForm(request.body);
    try {
      const { links, errors } = await resolveWorkLinks(store, viewer.id, values, request.host);
      const valid = validateWorkForm(values, pseuds, true, series, errors);
      const { fields, chapter, creatorPseudIds } = valid;
      const id = await archive.works.post(viewer, {
        fields,
        chapter: chapter!,
        creatorPseudIds,
        links,
        series: valid.series,
      });
      await formPosted(request, reply, workFormKey());
      setFlash(
        reply,
        fields.visibility === 'draft' ? 'Your draft is saved. Only you can see it.' : 'Your work was posted.',
      );
      return reply.redirect(`/works/${id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
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

  app.get<{ Params: WorkParams }>('/works/:id', { config: { guestPage: 'work' } }, async (request, reply) => {
    const { work, creator } = await access.readable(request.viewer, request.params.id);
    request.guestPageWork = work;
    if (sentAdultNotice(request, reply, work)) return reply;
    const readable = readableChapters(work, creator);
    const fullWork = queryParam(request.query, 'view_full_work') === 'true';
    const all = fullWork || readable.length === 1 ? await store.works.chaptersOf(work.id) : undefined;
    const chapters = all
      ? all.filter((c) => readable.some((r) => r.id === c.id))
      : [(await store.works.chapter(work.id, readable[0].id))!];
    return sendWorkPage(request, reply, work, creator, readable, chapters, fullWork);
  });

  app.get<{ Params: WorkParams & { chapterId: string } }>(
    '/works/:id/chapters/:chapterId',
    { config: { guestPage: 'work' } },
    async (request, reply) => {
      const { work, creator } = await access.readable(request.viewer, request.params.id);
      request.guestPageWork = work;
      if (sentAdultNotice(request, reply, work)) return reply;
      const readable = readableChapters(work, creator);
      const target = readable.find((c) => String(c.id) === request.params.chapterId);
      if (!target) throw new NotFoundError('This work has no such chapter.');
      const chapter = (await store.works.chapter(work.id, target.id))!;
      return sendWorkPage(request, reply, work, creator, readable, [chapter], false);
    },
  );

  app.get<{ Params: WorkParams }>('/works/:id/navigate', async (request, reply) => {
    const { work, creator } = await access.readable(request.viewer, request.params.id);
    const readable = readableChapters(work, creator);
    return sendPage(request, reply, (ctx) => <ChapterIndexPage ctx={ctx} work={work} readable={readable} />);
  });

  app.get<{ Params: WorkParams }>('/works/:id/edit', async (request, reply) => {
    const owned = await loadOwned(request, reply, request.params.id);
    const [pseuds, series] = await Promise.all([
      store.pseuds.listForUser(owned.viewer.id),
      store.series.listForUser(owned.viewer.id),
    ]);
    const form = await restorableForm(request, workFormKey(owned.work.id), owned.work.updatedAt);
    const values = form.payload ? readWorkForm(form.payload) : workFormValues(owned.work, owned.viewer.id);
    return sendPage(request, reply, (ctx) => (
      <WorkFormPage
        ctx={ctx}
        pseuds={pseuds}
        series={series}
        values={values}
        errors={{}}
        workId={owned.work.id}
        title={`Edit ${owned.work.title}`}
        autosave={form.autosave}
        coCreators={otherCreators(owned.work, owned.viewer.id)}
      />
    ));
  });

  app.post<{ Params: WorkParams }>('/works/:id', { config: postingLimit }, async (request, reply) => {
    if (await keptUntilLogIn(request, reply, workFormKey(request.params.id))) return reply;
    const owned = await loadOwned(request, reply, request.params.id);
    if (!owned) return reply;
    const [pseuds, series] = await Promise.all([
      store.pseuds.listForUser(owned.viewer.id),
      store.series.listForUser(owned.viewer.id),
    ]);
    const values = readWorkForm(request.body);
    try {
      const { links, errors } = await resolveWorkLinks(store, owned.viewer.id, values, request.host, owned.work.id);
      const valid = validateWorkForm(values, pseuds, false, series, errors);
      const { fields, creatorPseudIds } = valid;
      await archive.works.edit(owned.viewer, owned.work, { fields, links, creatorPseudIds, series: valid.series });
      await formPosted(request, reply, workFormKey(owned.work.id));
      setFlash(reply, 'Your changes were saved.');
      return reply.redirect(`/works/${owned.work.id}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const autosave = await keepRejectedForm(request, workFormKey(owned.work.id));
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
            workId={owned.work.id}
            title={`Edit ${owned.work.title}`}
            autosave={autosave}
            coCreators={otherCreators(owned.work, owned.viewer.id)}
          />
        ),
        422,
      );
    }
  });

  app.get<{ Params: WorkParams }>('/works/:id/delete', async (request, reply) => {
    const owned = await loadOwned(request, reply, request.params.id);
    return sendPage(request, reply, (ctx) => <DeleteWorkPage ctx={ctx} work={owned.work} />);
  });

  app.post<{ Params: WorkParams }>('/works/:id/delete', async (request, reply) => {
    const owned = await loadOwned(request, reply, request.params.id);
    await store.works.delete(owned.work.id);
    setFlash(reply, `“${owned.work.title}” was deleted.`);
    return reply.redirect(`/users/${encodeURIComponent(owned.viewer.login)}`, 303);
  });
}
