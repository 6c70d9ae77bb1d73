import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { canRead } from '../../domain/works.ts';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { validateBookmark, type BookmarkTarget } from '../../domain/bookmarks.ts';
import type { Bookmark, User } from '../../store/index.ts';
import { formatUserText } from '../../text/sanitize.ts';
import { accessOf } from '../../app/access.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import {
  BookmarkFormPage,
  UserBookmarksPage,
  WorkBookmarksPage,
  type BookmarkFormValues,
  type ShownBookmark,
} from '../views/bookmarks.tsx';
import { userActionPath, bookmarkActionPath } from '../../paths.ts';

const NOT_FOUND = 'There is nothing to bookmark at that address.';
const NO_BOOKMARK = 'You have no such bookmark.';

function positiveId(value: string): number | undefined {
  const id = Number(value);
  return value !== '' && Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/** Bookmarks of works and series; every read and write checks that the viewer may read the target. */
export async function bookmarkRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const postingLimit = { rateLimit: { max: 120, timeWindow: 60 * 60_000 } };

  /** The target's title, when this viewer may read it (a series: one of its works, or it is theirs). */
  async function readableTitle(target: BookmarkTarget, viewerId: number | null): Promise<string | undefined> {
    if (target.kind === 'work') {
      const work = await store.works.find(target.id);
      const viewer = viewerId === null ? null : await store.users.findById(viewerId);
      return work && canRead(accessOf(work), viewer ?? null) ? work.title : undefined;
    }
    const series = await store.series.find(target.id);
    if (!series) return undefined;
    if (viewerId !== null && series.userId === viewerId) return series.title;
    const { total } = await store.works.list({ viewerId, ids: series.workIds, limit: 1 });
    return total > 0 ? series.title : undefined;
  }

  /** The bookmarks whose work or series this viewer may read, with what they point at. */
  async function shown(bookmarks: Bookmark[], viewerId: number | null): Promise<ShownBookmark[]> {
    const workIds = [...new Set(bookmarks.flatMap((b) => (b.target.kind === 'work' ? [b.target.id] : [])))];
    const { works } =
      workIds.length > 0 ? await store.works.list({ viewerId, ids: workIds, limit: workIds.length }) : { works: [] };
    const result: ShownBookmark[] = [];
    for (const bookmark of bookmarks) {
      if (bookmark.target.kind === 'work') {
        const id = bookmark.target.id;
        const work = works.find((w) => w.id === id);
        if (work) result.push({ bookmark, thing: { kind: 'work', work } });
      } else {
        const title = await readableTitle(bookmark.target, viewerId);
        if (title !== undefined) result.push({ bookmark, thing: { kind: 'series', id: bookmark.target.id, title } });
      }
    }
    return result;
  }

  function targetOf(kind: string, idValue: string): BookmarkTarget {
    const id = positiveId(idValue);
    if ((kind !== 'work' && kind !== 'series') || id === undefined) throw new NotFoundError(NOT_FOUND);
    return { kind, id };
  }

  function readForm(body: unknown): BookmarkFormValues {
    return {
      notes: field(body, 'notes'),
      tags: field(body, 'tags'),
      private: checked(body, 'private'),
      rec: checked(body, 'rec'),
      pseudId: field(body, 'pseudId'),
    };
  }

  async function ownBookmark(viewer: User, idValue: string): Promise<Bookmark> {
    const id = positiveId(idValue);
    const bookmark = id === undefined ? undefined : await store.bookmarks.find(id);
    if (!bookmark || bookmark.userId !== viewer.id) throw new NotFoundError(NO_BOOKMARK);
    return bookmark;
  }

  /** Validates and saves the form, or shows it again with what to fix. */
  async function saveFromForm(
    request: FastifyRequest,
    reply: FastifyReply,
    viewer: User,
    target: BookmarkTarget,
    title: string,
    bookmarkId?: number,
  ) {
    const pseuds = await store.pseuds.listForUser(viewer.id);
    const values = readForm(request.body);
    try {
      const fields = validateBookmark(
        values,
        pseuds.map((p) => p.id),
      );
      await store.bookmarks.save(viewer.id, target, { ...fields, notes: formatUserText(fields.notes) });
      setFlash(reply, bookmarkId ? 'Your bookmark was saved.' : `You bookmarked ${title}.`);
      return reply.redirect(userActionPath(viewer.login, 'bookmarks'), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => (
          <BookmarkFormPage
            ctx={ctx}
            target={target}
            title={title}
            pseuds={pseuds}
            values={values}
            errors={error.fieldErrors}
            bookmarkId={bookmarkId}
          />
        ),
        422,
      );
    }
  }

  app.get('/bookmarks/new', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const kind = queryParam(request.query, 'work') ? 'work' : 'series';
    const target = targetOf(kind, queryParam(request.query, kind));
    const title = await readableTitle(target, viewer.id);
    if (title === undefined) throw new NotFoundError(NOT_FOUND);
    // One bookmark per work and series: bookmarking again edits it.
    const existing = await store.bookmarks.findOwn(viewer.id, target);
    if (existing) return reply.redirect(bookmarkActionPath(existing.id, 'edit'), 303);
    const pseuds = await store.pseuds.listForUser(viewer.id);
    const values = {
      notes: '',
      tags: '',
      private: false,
      rec: false,
      pseudId: String((pseuds.find((p) => p.isDefault) ?? pseuds[0]).id),
    };
    return sendPage(request, reply, (ctx) => (
      <BookmarkFormPage ctx={ctx} target={target} title={title} pseuds={pseuds} values={values} errors={{}} />
    ));
  });

  app.post('/bookmarks', { config: postingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const target = targetOf(field(request.body, 'kind'), field(request.body, 'id'));
    const title = await readableTitle(target, viewer.id);
    if (title === undefined) throw new NotFoundError(NOT_FOUND);
    const existing = await store.bookmarks.findOwn(viewer.id, target);
    return saveFromForm(request, reply, viewer, target, title, existing?.id);
  });

  app.get<{ Params: { id: string } }>('/bookmarks/:id/edit', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const bookmark = await ownBookmark(viewer, request.params.id);
    const title = await readableTitle(bookmark.target, viewer.id);
    if (title === undefined) throw new NotFoundError(NO_BOOKMARK);
    const pseuds = await store.pseuds.listForUser(viewer.id);
    const values = {
      notes: bookmark.notes,
      tags: bookmark.tags.join(', '),
      private: bookmark.private,
      rec: bookmark.rec,
      pseudId: String(bookmark.pseudId ?? pseuds[0].id),
    };
    return sendPage(request, reply, (ctx) => (
      <BookmarkFormPage
        ctx={ctx}
        target={bookmark.target}
        title={title}
        pseuds={pseuds}
        values={values}
        errors={{}}
        bookmarkId={bookmark.id}
      />
    ));
  });

  app.post<{ Params: { id: string } }>('/bookmarks/:id', { config: postingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const bookmark = await ownBookmark(viewer, request.params.id);
    const title = await readableTitle(bookmark.target, viewer.id);
    if (title === undefined) throw new NotFoundError(NO_BOOKMARK);
    return saveFromForm(request, reply, viewer, bookmark.target, title, bookmark.id);
  });

  app.post<{ Params: { id: string } }>('/bookmarks/:id/delete', { config: postingLimit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    // Deleting needs no access to the target: a bookmark of a work gone private can still go.
    const bookmark = await ownBookmark(viewer, request.params.id);
    await store.bookmarks.remove(viewer.id, bookmark.id);
    setFlash(reply, 'Your bookmark was deleted.');
    return reply.redirect(userActionPath(viewer.login, 'bookmarks'), 303);
  });

  app.get<{ Params: { login: string } }>('/users/:login/bookmarks', async (request, reply) => {
    const user = await store.users.findByLogin(request.params.login);
    if (!user) throw new NotFoundError('There is no user with that name.');
    const viewerId = request.viewer?.id ?? null;
    const bookmarks = await shown(await store.bookmarks.listForUser(user.id, viewerId === user.id), viewerId);
    return sendPage(request, reply, (ctx) => <UserBookmarksPage ctx={ctx} login={user.login} bookmarks={bookmarks} />);
  });

  app.get<{ Params: { id: string } }>('/works/:id/bookmarks', async (request, reply) => {
    const id = positiveId(request.params.id);
    const work = id === undefined ? undefined : await store.works.find(id);
    if (!work || !canRead(accessOf(work), request.viewer ?? null))
      throw new NotFoundError('There is no work at this address.');
    const bookmarks = await shown(await store.bookmarks.listForWork(work.id), request.viewer?.id ?? null);
    return sendPage(request, reply, (ctx) => <WorkBookmarksPage ctx={ctx} work={work} bookmarks={bookmarks} />);
  });
}
