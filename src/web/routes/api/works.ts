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
import type { Bookmark } from '../../../store/index.ts';
import type { Works } from '../../../app/works.ts';
import type { Viewer } from '../../../app/viewer.ts';
import {
  bookmarkResource,
  chapterResource,
  chapterSummaryResource,
  pageResource,
  workDetailResource,
  API_PREFIX,
} from '../../../formats/api/resources.ts';
import { emptyWorkForm, workFormValues, type WorkFormValues } from '../../../app/work-form.ts';
import { ApiError } from '../../api/errors.ts';
import { requireToken } from '../../api/auth.ts';
import { readLimit, writeLimit } from '../../api/limits.ts';
import { queryOf } from '../../api/params.ts';
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

/** A work this viewer may read, as the API shows it. */
async function workDetail(works: Works, viewer: Viewer, id: string | number) {
  const { work, chapters, places } = await inApi(works.detail(viewer, id));
  return workDetailResource(work, chapters, places);
}

/** Validation problems of the posting form, answered as 422 with each field named as in the body. */
function invalid(error: ValidationError, body: 'work' | 'chapter'): ApiError {
  const fields = bodyFieldErrors(error.fieldErrors, body);
  return new ApiError(422, 'invalid_fields', Object.values(fields).join(' '), fields);
}

/** One page of bookmarks (newest first), with a cursor over (updatedAt, id). */
export function bookmarkPage(shown: Awaited<ReturnType<Works['readableBookmarks']>>, query: QueryValues) {
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
  const { archive } = app.quire;
  const { works } = archive;
  const read = { config: readLimit(app) };
  const write = { config: writeLimit(app) };

  app.get('/works', read, async (request) => {
    const query = queryOf(request, INDEXED_LIST_PARAMETERS);
    return archive.listing.indexedPage(request.apiViewer, query);
  });

  app.get<{ Params: { id: string } }>('/works/:id', read, async (request) => {
    queryOf(request, []);
    return workDetail(works, request.apiViewer, request.params.id);
  });

  app.get<{ Params: { id: string } }>('/works/:id/chapters', read, async (request) => {
    queryOf(request, []);
    const { work, readable } = await inApi(works.chapterIndex(request.apiViewer, request.params.id));
    return { items: readable.map((c) => chapterSummaryResource(work.id, c)) };
  });

  app.get<{ Params: { id: string; chapterId: string } }>('/works/:id/chapters/:chapterId', read, async (request) => {
    queryOf(request, []);
    const chapter = await inApi(works.chapter(request.apiViewer, request.params.id, request.params.chapterId));
    if (!chapter) throw new NotFoundError('This work has no such chapter.');
    return chapterResource(chapter);
  });

  app.get<{ Params: { id: string } }>('/works/:id/bookmarks', read, async (request) => {
    const query = queryOf(request, PAGE_PARAMETERS);
    return bookmarkPage(await inApi(works.bookmarksOf(request.apiViewer, request.params.id)), query);
  });

  app.post('/works', write, async (request, reply) => {
    const viewer = requireToken(request);
    const body = readWorkBody(jsonObject(request), NEW_WORK_FIELDS);
    const { pseuds } = await works.formChoices(viewer);
    const values: WorkFormValues = { ...emptyWorkForm(pseuds), ...body };
    let id: number;
    try {
      ({ id } = await works.postForm(viewer, values, request.host));
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'work');
      throw error;
    }
    return reply
      .code(201)
      .header('location', `${API_PREFIX}/works/${id}`)
      .send(await workDetail(works, viewer, id));
  });

  app.patch<{ Params: { id: string } }>('/works/:id', write, async (request) => {
    const viewer = requireToken(request);
    const { work, member } = await inApi(archive.access.owned(viewer, request.params.id));
    const body = readWorkBody(jsonObject(request), WORK_PATCH_FIELDS);
    const values: WorkFormValues = { ...workFormValues(work, member.id), ...body };
    const links = ['coCreators', 'gifts', 'betas', 'related'].some((field) => field in body);
    try {
      await works.editFromForm(member, work, values, request.host, {
        links,
        creators: body.creatorPseudIds !== undefined,
        series: false,
      });
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'work');
      throw error;
    }
    return workDetail(works, member, work.id);
  });

  app.post<{ Params: { id: string } }>('/works/:id/chapters', write, async (request, reply) => {
    const viewer = requireToken(request);
    const { work, member } = await inApi(archive.access.owned(viewer, request.params.id));
    const values = readChapterBody(jsonObject(request));
    let chapter;
    try {
      chapter = await works.addChapter(member, work, values);
    } catch (error) {
      if (error instanceof ValidationError) throw invalid(error, 'chapter');
      throw error;
    }
    return reply
      .code(201)
      .header('location', `${API_PREFIX}/works/${work.id}/chapters/${chapter.id}`)
      .send(chapterResource(chapter));
  });
}
