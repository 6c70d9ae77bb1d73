import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canRead, isCreator } from '../../domain/works.ts';
import { accessOf, creatorUserIds } from '../access.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import type { Work } from '../../store/index.ts';
import { queryParam, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { readWorkForm, validateWorkForm } from '../work-form.ts';
import { resolveWorkLinks } from '../work-links.ts';
import { personLabel } from '../../domain/work-links.ts';
import { emptyWorkForm, WorkFormPage, type WorkFormValues } from '../views/work-form.tsx';
import { AdultNoticePage, ChapterIndexPage, DeleteWorkPage, WorkPage, type WorkRelations } from '../views/work.tsx';
import { ErrorPage } from '../views/errors.tsx';
import { workFormKey } from '../../domain/autosave.ts';
import { formPosted, keepRejectedForm, keptUntilLogIn, restorableForm } from '../autosave.ts';

interface WorkParams {
  id: string;
}

/** The chapters a viewer may open: creators see draft chapters too. */
export function readableChapters(work: Work, creator: boolean): Work['chapters'] {
  return work.chapters.filter((c) => creator || !c.draft);
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

function parseId(value: string): number {
  const id = Number(value);
  if (!Number.isSafeInteger(id) || id <= 0) throw new NotFoundError('There is no work at this address.');
  return id;
}

export async function workRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const postingLimit = { rateLimit: { max: 60, timeWindow: 60 * 60_000 } };

  /** Loads a work the viewer may read, or answers for it: 404 when hidden, a log-in page for registered-only. */
  async function loadReadable(request: FastifyRequest, reply: FastifyReply, idParam: string) {
    const work = await store.works.find(parseId(idParam));
    const viewer = request.viewer;
    const readable = work ? accessOf(work) : undefined;
    if (!work || !readable) throw new NotFoundError('There is no work at this address.');
    if (!canRead(readable, viewer)) {
      const releasedToMembers =
        work.visibility === 'registered' && work.publishedAt !== null && work.publishedAt <= new Date().toISOString();
      if (releasedToMembers && !viewer) {
        sendPage(
          request,
          reply,
          (ctx) => (
            <ErrorPage
              ctx={ctx}
              status={403}
              message="This work is only available to registered users of the archive. Log in to read it."
            />
          ),
          403,
        );
        return undefined;
      }
      throw new NotFoundError('There is no work at this address.');
    }
    return { work, creator: isCreator(readable, viewer) };
  }

  /** Loads a work only its creators may change. */
  async function loadOwned(request: FastifyRequest, reply: FastifyReply, idParam: string) {
    const viewer = requireViewer(request, reply);
    if (!viewer) return undefined;
    const work = await store.works.find(parseId(idParam));
    if (!work) throw new NotFoundError('There is no work at this address.');
    if (!creatorUserIds(work).includes(viewer.id)) {
      // Hidden works stay hidden; visible ones say why not.
      const visible = canRead(accessOf(work), viewer);
      if (!visible) throw new NotFoundError('There is no work at this address.');
      sendPage(
        request,
        reply,
        (ctx) => <ErrorPage ctx={ctx} status={403} message="Only the work's creators can change it." />,
        403,
      );
      return undefined;
    }
    return { work, viewer };
  }

  function valuesOf(work: Work, viewerId: number): WorkFormValues {
    const names = (kind: string) => work.tags.filter((t) => t.kind === kind).map((t) => t.name);
    return {
      title: work.title,
      summary: work.summary,
      notes: work.notes,
      endNotes: work.endNotes,
      disclaimer: work.disclaimer,
      rating: work.rating,
      warnings: names('warning'),
      categories: names('category'),
      fandoms: names('fandom').join(', '),
      relationships: names('relationship').join(', '),
      characters: names('character').join(', '),
      freeforms: names('freeform').join(', '),
      language: work.language,
      visibility: work.visibility,
      commentPolicy: work.commentPolicy,
      moderated: work.moderated,
      expectedChapters: work.expectedChapters === null ? '?' : String(work.expectedChapters),
      complete: work.complete,
      publishAt: '',
      creatorPseudIds: work.creators.filter((c) => c.userId === viewerId).map((c) => String(c.pseudId)),
      chapterTitle: '',
      body: '',
      seriesId: '',
      newSeriesTitle: '',
      coCreators: work.creators
        .filter((c) => !c.accepted)
        .map((c) => personLabel(c.name, c.login))
        .join(', '),
      gifts: creditLabels(work, 'gift'),
      betas: creditLabels(work, 'beta'),
      related: work.related.map((r) => ({
        relation: r.relation,
        target: r.targetWorkId !== null ? `/works/${r.targetWorkId}` : r.url,
        title: r.title,
      })),
    };
  }

  function creditLabels(work: Work, role: 'gift' | 'beta'): string {
    return work.credits
      .filter((c) => c.role === role && !c.refused)
      .map((c) => (c.login && c.pseudName ? personLabel(c.pseudName, c.login) : c.name))
      .join(', ');
  }

  /** Accepted co-creators from other accounts, named on the edit form. */
  function otherCreators(work: Work, viewerId: number) {
    return work.creators
      .filter((c) => c.accepted && c.userId !== viewerId)
      .map((c) => ({ name: c.name, login: c.login }));
  }

  /** Files the work into the series the form chose: an existing one of the writer's, or a new one. */
  async function fileIntoSeries(
    userId: number,
    workId: number,
    choice: { id: number } | { title: string } | undefined,
  ) {
    if (!choice) return;
    const seriesId =
      'id' in choice
        ? choice.id
        : await store.series.create(userId, { title: choice.title, summary: '', notes: '', complete: false });
    await store.series.addWork(seriesId, workId);
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
      const id = await store.works.create({ fields, chapter: chapter!, creatorPseudIds, links });
      await fileIntoSeries(viewer.id, id, valid.series);
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
    const loaded = await loadReadable(request, reply, request.params.id);
    if (!loaded) return reply;
    const { work, creator } = loaded;
    request.guestPageWork = work;
    if (sentAdultNotice(request, reply, work)) return reply;
    const readable = readableChapters(work, creator);
    const fullWork = queryParam(request.query, 'view_full_work') === 'true';
    const all = fullWork || readable.length === 1 ? await store.works.chaptersOf(work.id) : undefined;
    const chapters = all
      ? all.filter((c) => readable.some((r) => r.id === c.id))
      : [(await store.works.chapter(work.id, readable[0].id))!];
    const series = await seriesNeighbours(work.id, request.viewer?.id ?? null, request);
    const relations = await relatedFor(work, request.viewer?.id ?? null, request);
    const subscribed = await subscribedTo(request, work.id, creator);
    await app.quire.archive.visitors.countHit(request.viewer, request.ip, work, creator);
    const kudos = await app.quire.archive.kudos.view(request.viewer, request.ip, work);
    const comments = await app.quire.archive.comments.section(
      request.viewer,
      work,
      creator,
      fullWork ? null : chapters[0],
      readable.length > 1,
    );
    const bookmarkId = await bookmarkOf(request, work.id);
    const markedForLater = await readingOf(request, work.id, fullWork ? null : chapters[0].id, creator);
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
  });

  app.get<{ Params: WorkParams & { chapterId: string } }>(
    '/works/:id/chapters/:chapterId',
    { config: { guestPage: 'work' } },
    async (request, reply) => {
      const loaded = await loadReadable(request, reply, request.params.id);
      if (!loaded) return reply;
      const { work, creator } = loaded;
      request.guestPageWork = work;
      if (sentAdultNotice(request, reply, work)) return reply;
      const readable = readableChapters(work, creator);
      const target = readable.find((c) => String(c.id) === request.params.chapterId);
      if (!target) throw new NotFoundError('This work has no such chapter.');
      const chapter = (await store.works.chapter(work.id, target.id))!;
      const series = await seriesNeighbours(work.id, request.viewer?.id ?? null, request);
      const relations = await relatedFor(work, request.viewer?.id ?? null, request);
      const subscribed = await subscribedTo(request, work.id, creator);
      await app.quire.archive.visitors.countHit(request.viewer, request.ip, work, creator);
      const kudos = await app.quire.archive.kudos.view(request.viewer, request.ip, work);
      const comments = await app.quire.archive.comments.section(
        request.viewer,
        work,
        creator,
        chapter,
        readable.length > 1,
      );
      const bookmarkId = await bookmarkOf(request, work.id);
      const markedForLater = await readingOf(request, work.id, chapter.id, creator);
      return sendPage(request, reply, (ctx) => (
        <WorkPage
          ctx={ctx}
          work={work}
          chapters={[chapter]}
          readable={readable}
          fullWork={false}
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
    },
  );

  app.get<{ Params: WorkParams }>('/works/:id/navigate', async (request, reply) => {
    const loaded = await loadReadable(request, reply, request.params.id);
    if (!loaded) return reply;
    const readable = readableChapters(loaded.work, loaded.creator);
    return sendPage(request, reply, (ctx) => <ChapterIndexPage ctx={ctx} work={loaded.work} readable={readable} />);
  });

  app.get<{ Params: WorkParams }>('/works/:id/edit', async (request, reply) => {
    const owned = await loadOwned(request, reply, request.params.id);
    if (!owned) return reply;
    const [pseuds, series] = await Promise.all([
      store.pseuds.listForUser(owned.viewer.id),
      store.series.listForUser(owned.viewer.id),
    ]);
    const form = await restorableForm(request, workFormKey(owned.work.id), owned.work.updatedAt);
    const values = form.payload ? readWorkForm(form.payload) : valuesOf(owned.work, owned.viewer.id);
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
      await store.works.update(owned.work.id, valid.fields, links);
      await store.works.setCreatorPseuds(owned.work.id, owned.viewer.id, valid.creatorPseudIds);
      await fileIntoSeries(owned.viewer.id, owned.work.id, valid.series);
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
    if (!owned) return reply;
    return sendPage(request, reply, (ctx) => <DeleteWorkPage ctx={ctx} work={owned.work} />);
  });

  app.post<{ Params: WorkParams }>('/works/:id/delete', async (request, reply) => {
    const owned = await loadOwned(request, reply, request.params.id);
    if (!owned) return reply;
    await store.works.delete(owned.work.id);
    setFlash(reply, `“${owned.work.title}” was deleted.`);
    return reply.redirect(`/users/${encodeURIComponent(owned.viewer.login)}`, 303);
  });
}
