import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../../../domain/errors.ts';
import {
  decodeCursor,
  INDEXED_LIST_PARAMETERS,
  InvalidParameterError,
  parseLimit,
  type QueryValues,
  type Cursor,
} from '../../../domain/work-list-query.ts';
import type { Bookmark, Store, Work } from '../../../store/index.ts';
import { formatChapter } from '../../../text/work-text.ts';
import {
  bookmarkResource,
  chapterResource,
  chapterSummaryResource,
  pageResource,
  workDetailResource,
  API_PREFIX,
} from '../../../formats/api/resources.ts';
import { readableChapters } from '../../../app/access.ts';
import { validateWorkForm } from '../../work-form.ts';
import { resolveWorkLinks } from '../../work-links.ts';
import { emptyWorkForm, workFormValues, type WorkFormValues } from '../../../app/work-form.ts';
import { ApiError } from '../../api/errors.ts';
import { requireToken } from '../../api/auth.ts';
import { readLimit, writeLimit } from '../../api/limits.ts';
import { queryOf } from '../../api/params.ts';
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

/**
 * A work as WorkAccess gives it, with the API's own words for one that is not there. A guest asking
 * for a registered-only work is asked for a token (401 token_required, by the API error handler);
 * a member who does not create a visible work may not change it (403 forbidden).
 */
async function inApi<T>(outcome: Promise<T>): Promise<T> {
  try {
    return await outcome;
  } catch (error) {
    if (error instanceof NotFoundError) throw new NotFoundError(NO_WORK);
    throw error;
  }
}

async function workDetail(store: Store, work: Work, creator: boolean) {
  return workDetailResource(work, readableChapters(work, creator), await store.series.placesOf(work.id));
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
  const { store, archive } = app.quire;
  const read = { config: readLimit(app) };
  const write = { config: writeLimit(app) };

  app.get('/works', read, async (request) => {
    const query = queryOf(request, INDEXED_LIST_PARAMETERS);
    return archive.listing.indexedPage(request.apiViewer, query);
  });

  app.get<{ Params: { id: string } }>('/works/:id', read, async (request) => {
    queryOf(request, []);
    const { work, creator } = await inApi(archive.access.readable(request.apiViewer, request.params.id));
    return workDetail(store, work, creator);
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters', read, async (request) => {
    queryOf(request, []);
    const { work, creator } = await inApi(archive.access.readable(request.apiViewer, request.params.id));
    return { items: readableChapters(work, creator).map((c) => chapterSummaryResource(work.id, c)) };
  });

  app.get<{ Params: { id: string; chapterId: string } }>('/works/:id/chapters/:chapterId', read, async (request) => {
    queryOf(request, []);
    const { work, creator } = await inApi(archive.access.readable(request.apiViewer, request.params.id));
    const target = readableChapters(work, creator).find((c) => String(c.id) === request.params.chapterId);
    const chapter = target ? await store.works.chapter(work.id, target.id) : undefined;
    if (!chapter) throw new NotFoundError('This work has no such chapter.');
    return chapterResource(chapter);
  });

  app.get<{ Params: { id: string } }>('/works/:id/bookmarks', read, async (request) => {
    const query = queryOf(request, PAGE_PARAMETERS);
    const { work } = await inApi(archive.access.readable(request.apiViewer, request.params.id));
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
      const id = await archive.works.post(viewer, {
        fields: valid.fields,
        chapter: valid.chapter!,
        creatorPseudIds: valid.creatorPseudIds,
        links,
        series: valid.series,
      });
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
    const { work } = await inApi(archive.access.owned(viewer, request.params.id));
    const body = readWorkBody(jsonObject(request), WORK_PATCH_FIELDS);
    const pseuds = await store.pseuds.listForUser(viewer.id);
    const values: WorkFormValues = { ...workFormValues(work, viewer.id), ...body };
    const linksChanged = ['coCreators', 'gifts', 'betas', 'related'].some((field) => field in body);
    try {
      const { links, errors } = linksChanged
        ? await resolveWorkLinks(store, viewer.id, values, request.host, work.id)
        : { links: undefined, errors: {} };
      const valid = validateWorkForm(values, pseuds, false, [], errors);
      const creatorPseudIds = body.creatorPseudIds ? valid.creatorPseudIds : undefined;
      await archive.works.edit(viewer, work, { fields: valid.fields, links, creatorPseudIds });
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'work');
      throw error;
    }
    return workDetail(store, (await store.works.find(work.id))!, true);
  });

  app.post<{ Params: { id: string } }>('/works/:id/chapters', write, async (request, reply) => {
    const viewer = requireToken(request);
    const { work } = await inApi(archive.access.owned(viewer, request.params.id));
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
