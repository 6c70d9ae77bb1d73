import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import type { BookmarkInput } from '../../domain/bookmarks.ts';
import type { BookmarkForm } from '../../app/bookmarks.ts';
import { checked, field, queryParam, sendPage, setFlash } from '../render.ts';
import { BookmarkFormPage, UserBookmarksPage, WorkBookmarksPage } from '../views/bookmarks.tsx';
import { userActionPath, bookmarkActionPath } from '../../paths.ts';
import { pageNumber } from '../../domain/notifications.ts';
import { readBookmarkFilter } from '../../domain/bookmark-filters.ts';

/** Bookmarks of works and series; every read and write checks that the viewer may read the target. */
export async function bookmarkRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const postingLimit = { rateLimit: { max: 120, timeWindow: 60 * 60_000 } };

  function readForm(body: unknown): BookmarkInput {
    return {
      notes: field(body, 'notes'),
      tags: field(body, 'tags'),
      private: checked(body, 'private'),
      rec: checked(body, 'rec'),
      pseudId: field(body, 'pseudId'),
    };
  }

  /** Saves the form, or shows it again with what to fix. */
  async function saveFromForm(request: FastifyRequest, reply: FastifyReply, form: BookmarkForm) {
    const values = readForm(request.body);
    try {
      const member = await archive.bookmarks.save(request.viewer, form, values);
      setFlash(reply, form.bookmarkId ? 'Your bookmark was saved.' : `You bookmarked ${form.title}.`);
      return reply.redirect(userActionPath(member.login, 'bookmarks'), 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(
        request,
        reply,
        (ctx) => <BookmarkFormPage ctx={ctx} {...form} values={values} errors={error.fieldErrors} />,
        422,
      );
    }
  }

  app.get('/bookmarks/new', async (request, reply) => {
    const kind = queryParam(request.query, 'work') ? 'work' : 'series';
    const form = await archive.bookmarks.form(request.viewer, kind, queryParam(request.query, kind));
    // One bookmark per work and series: bookmarking again edits it.
    if (form.bookmarkId !== undefined) return reply.redirect(bookmarkActionPath(form.bookmarkId, 'edit'), 303);
    return sendPage(request, reply, (ctx) => <BookmarkFormPage ctx={ctx} {...form} errors={{}} />);
  });

  app.post('/bookmarks', { config: postingLimit }, async (request, reply) => {
    const form = await archive.bookmarks.form(request.viewer, field(request.body, 'kind'), field(request.body, 'id'));
    return saveFromForm(request, reply, form);
  });

  app.get<{ Params: { id: string } }>('/bookmarks/:id/edit', async (request, reply) => {
    const form = await archive.bookmarks.editForm(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <BookmarkFormPage ctx={ctx} {...form} errors={{}} />);
  });

  app.post<{ Params: { id: string } }>('/bookmarks/:id', { config: postingLimit }, async (request, reply) => {
    const form = await archive.bookmarks.editForm(request.viewer, request.params.id);
    return saveFromForm(request, reply, form);
  });

  app.post<{ Params: { id: string } }>('/bookmarks/:id/delete', { config: postingLimit }, async (request, reply) => {
    const member = await archive.bookmarks.remove(request.viewer, request.params.id);
    setFlash(reply, 'Your bookmark was deleted.');
    return reply.redirect(userActionPath(member.login, 'bookmarks'), 303);
  });

  app.get<{ Params: { login: string } }>('/users/:login/bookmarks', async (request, reply) => {
    const page = pageNumber(queryParam(request.query, 'page'));
    const filter = readBookmarkFilter((name) => queryParam(request.query, name));
    const view = await archive.bookmarks.ofMember(request.viewer, request.params.login, page, filter);
    return sendPage(request, reply, (ctx) => <UserBookmarksPage ctx={ctx} {...view} filter={filter} />);
  });

  app.get<{ Params: { id: string } }>('/works/:id/bookmarks', async (request, reply) => {
    const { work, bookmarks } = await archive.bookmarks.ofWork(request.viewer, request.params.id);
    return sendPage(request, reply, (ctx) => <WorkBookmarksPage ctx={ctx} work={work} bookmarks={bookmarks} />);
  });
}
