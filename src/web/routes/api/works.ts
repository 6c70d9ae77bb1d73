import type { FastifyInstance, FastifyRequest } from 'fastify';
import { canRead, isCreator } from '../../../domain/works.ts';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import {
  decodeCursor,
  INDEXED_LIST_PARAMETERS,
  InvalidParameterError,
  parseLimit,
  type QueryValues,
  type Cursor,
} from '../../../domain/work-list-query.ts';
import { indexedWorkPage } from '../../api/indexed-list.ts';
import { personLabel } from '../../../domain/work-links.ts';
import type { Bookmark, Store, User, Work } from '../../../store/index.ts';
import { formatChapter } from '../../../text/work-text.ts';
import {
  bookmarkResource,
  chapterResource,
  chapterSummaryResource,
  pageResource,
  workDetailResource,
  API_PREFIX,
} from '../../../formats/api/resources.ts';
import { accessOf, creatorUserIds } from '../../access.ts';
import { validateWorkForm } from '../../work-form.ts';
import { resolveWorkLinks } from '../../work-links.ts';
import { emptyWorkForm, type WorkFormValues } from '../../views/work-form.tsx';
import { ApiError } from '../../api/errors.ts';
import { requireToken } from '../../api/auth.ts';
import { readLimit, writeLimit } from '../../api/limits.ts';
import { idParam, queryOf } from '../../api/params.ts';
import { readableBookmarks } from '../../api/visibility.ts';
import {
  bodyFieldErrors,
  jsonObject,
  NEW_WORK_FIELDS,
  readChapterBody,
  readWorkBody,
  WORK_PATCH_FIELDS,
} from '../../api/bodies.ts';

const NO_WORK = 'There is no work with this id.';
const PAGE_PARAMETERS = ['limit', 'cursor'];

/** A work the token's owner may read; a registered-only work asks a guest for a token, anything else hidden is simply not there. */
export async function readableWork(
  store: Store,
  request: FastifyRequest,
  idValue: string,
): Promise<{ work: Work; creator: boolean }> {
  const work = await store.works.find(idParam(idValue, NO_WORK));
  if (!work) throw new NotFoundError(NO_WORK);
  const access = accessOf(work);
  const viewer = request.apiViewer;
  if (!canRead(access, viewer)) {
    const releasedToMembers =
      work.visibility === 'registered' && work.publishedAt !== null && work.publishedAt <= new Date().toISOString();
    if (releasedToMembers && !viewer)
      throw new ApiError(
        401,
        'token_required',
        'This work is only available to registered users of the archive. Send a personal API token to read it.',
      );
    throw new NotFoundError(NO_WORK);
  }
  return { work, creator: isCreator(access, viewer) };
}

/** The chapters a reader may open: creators see draft chapters too. */
function readableChapters(work: Work, creator: boolean) {
  return work.chapters.filter((c) => creator || !c.draft);
}

async function workDetail(store: Store, work: Work, creator: boolean) {
  return workDetailResource(work, readableChapters(work, creator), await store.series.placesOf(work.id));
}

/** A work the token's owner creates; hidden works stay hidden, visible ones say why not. */
async function ownedWork(store: Store, viewer: User, idValue: string): Promise<Work> {
  const work = await store.works.find(idParam(idValue, NO_WORK));
  if (!work) throw new NotFoundError(NO_WORK);
  if (!creatorUserIds(work).includes(viewer.id)) {
    if (!canRead(accessOf(work), viewer)) throw new NotFoundError(NO_WORK);
    throw new ApiError(403, 'forbidden', "Only the work's creators can change it.");
  }
  return work;
}

/** The posting form's values for an existing work, as the edit form shows them. */
function formValuesOf(work: Work, viewerId: number): WorkFormValues {
  const names = (kind: string) => work.tags.filter((t) => t.kind === kind).map((t) => t.name);
  const credits = (role: 'gift' | 'beta') =>
    work.credits
      .filter((c) => c.role === role && !c.refused)
      .map((c) => (c.login && c.pseudName ? personLabel(c.pseudName, c.login) : c.name))
      .join(', ');
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
    gifts: credits('gift'),
    betas: credits('beta'),
    related: work.related.map((r) => ({
      relation: r.relation,
      target: r.targetWorkId !== null ? `/works/${r.targetWorkId}` : r.url,
      title: r.title,
    })),
  };
}

/** Validation problems of the posting form, answered as 422 with each field named as in the body. */
function invalid(error: ValidationError, body: 'work' | 'chapter'): ApiError {
  const fields = bodyFieldErrors(error.fieldErrors, body);
  return new ApiError(422, 'invalid_fields', Object.values(fields).join(' '), fields);
}

/** One page of bookmarks (newest first), with a cursor over (updatedAt, id). */
export function bookmarkPage(shown: Awaited<ReturnType<typeof readableBookmarks>>, query: QueryValues) {
  const limit = parseLimit(query);
  if (Array.isArray(query.cursor)) throw new InvalidParameterError('cursor', 'Give cursor once.');
  const cursorValue = query.cursor;
  const after: Cursor | undefined =
    cursorValue === undefined ? undefined : decodeCursor(cursorValue, 'updated', 'desc');
  const rest = after
    ? shown.filter(
        ({ bookmark }) =>
          bookmark.updatedAt < (after.value as string) ||
          (bookmark.updatedAt === after.value && bookmark.id < after.id),
      )
    : shown;
  const items = rest.slice(0, limit);
  const last: Bookmark | undefined = items.at(-1)?.bookmark;
  const next =
    rest.length > limit && last
      ? { sort: 'updated' as const, order: 'desc' as const, value: last.updatedAt, id: last.id }
      : undefined;
  return pageResource(
    items.map(({ bookmark, thing }) => bookmarkResource(bookmark, thing)),
    shown.length,
    limit,
    next,
  );
}

export async function apiWorkRoutes(app: FastifyInstance) {
  const { store, search } = app.quire;
  const read = { config: readLimit(app) };
  const write = { config: writeLimit(app) };

  app.get('/works', read, async (request) => {
    const query = queryOf(request, INDEXED_LIST_PARAMETERS);
    return indexedWorkPage(store, search, query, request.apiViewer?.id ?? null);
  });

  app.get<{ Params: { id: string } }>('/works/:id', read, async (request) => {
    queryOf(request, []);
    const { work, creator } = await readableWork(store, request, request.params.id);
    return workDetail(store, work, creator);
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters', read, async (request) => {
    queryOf(request, []);
    const { work, creator } = await readableWork(store, request, request.params.id);
    return { items: readableChapters(work, creator).map((c) => chapterSummaryResource(work.id, c)) };
  });

  app.get<{ Params: { id: string; chapterId: string } }>('/works/:id/chapters/:chapterId', read, async (request) => {
    queryOf(request, []);
    const { work, creator } = await readableWork(store, request, request.params.id);
    const target = readableChapters(work, creator).find((c) => String(c.id) === request.params.chapterId);
    const chapter = target ? await store.works.chapter(work.id, target.id) : undefined;
    if (!chapter) throw new NotFoundError('This work has no such chapter.');
    return chapterResource(chapter);
  });

  app.get<{ Params: { id: string } }>('/works/:id/bookmarks', read, async (request) => {
    const query = queryOf(request, PAGE_PARAMETERS);
    const { work } = await readableWork(store, request, request.params.id);
    const viewerId = request.apiViewer?.id ?? null;
    return bookmarkPage(await readableBookmarks(store, await store.bookmarks.listForWork(work.id), viewerId), query);
  });

  app.post('/works', write, async (request, reply) => {
    const viewer = requireToken(request);
    const body = readWorkBody(jsonObject(request), NEW_WORK_FIELDS);
    const [pseuds, series] = await Promise.all([
      store.pseuds.listForUser(viewer.id),
      store.series.listForUser(viewer.id),
    ]);
    const values: WorkFormValues = { ...emptyWorkForm(pseuds), ...body };
    try {
      const { links, errors } = await resolveWorkLinks(store, viewer.id, values, request.host);
      const valid = validateWorkForm(values, pseuds, true, series, errors);
      const id = await store.works.create({
        fields: valid.fields,
        chapter: valid.chapter!,
        creatorPseudIds: valid.creatorPseudIds,
        links,
      });
      if (valid.series) {
        // The posting form's choice: one of the writer's series, or a new one.
        const choice: { id?: number; title?: string } = valid.series;
        const seriesId =
          choice.id ??
          (await store.series.create(viewer.id, {
            title: choice.title ?? '',
            summary: '',
            notes: '',
            complete: false,
          }));
        await store.series.addWork(seriesId, id);
      }
      const work = (await store.works.find(id))!;
      return reply
        .code(201)
        .header('location', `${API_PREFIX}/works/${id}`)
        .send(await workDetail(store, work, true));
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'work');
      throw error;
    }
  });

  app.patch<{ Params: { id: string } }>('/works/:id', write, async (request) => {
    const viewer = requireToken(request);
    const work = await ownedWork(store, viewer, request.params.id);
    const body = readWorkBody(jsonObject(request), WORK_PATCH_FIELDS);
    const pseuds = await store.pseuds.listForUser(viewer.id);
    const values: WorkFormValues = { ...formValuesOf(work, viewer.id), ...body };
    const linksChanged = ['coCreators', 'gifts', 'betas', 'related'].some((field) => field in body);
    try {
      const { links, errors } = linksChanged
        ? await resolveWorkLinks(store, viewer.id, values, request.host, work.id)
        : { links: undefined, errors: {} };
      const valid = validateWorkForm(values, pseuds, false, [], errors);
      await store.works.update(work.id, valid.fields, links);
      if (body.creatorPseudIds) await store.works.setCreatorPseuds(work.id, viewer.id, valid.creatorPseudIds);
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'work');
      throw error;
    }
    return workDetail(store, (await store.works.find(work.id))!, true);
  });

  app.post<{ Params: { id: string } }>('/works/:id/chapters', write, async (request, reply) => {
    const viewer = requireToken(request);
    const work = await ownedWork(store, viewer, request.params.id);
    const values = readChapterBody(jsonObject(request));
    let chapterId: number;
    try {
      chapterId = await store.works.addChapter(work.id, formatChapter(values), values.draft);
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'chapter');
      throw error;
    }
    const chapter = (await store.works.chapter(work.id, chapterId))!;
    return reply
      .code(201)
      .header('location', `${API_PREFIX}/works/${work.id}/chapters/${chapterId}`)
      .send(chapterResource(chapter));
  });
}
