import type { FastifyInstance } from 'fastify';
import { ValidationError } from '../../domain/errors.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { safeReturnPath } from '../../domain/accounts.ts';
import { MutedPage, SavedSearchesPage } from '../views/mutes.tsx';

/** Muting tags and users, and saved searches of the works listing: a reader's own discovery settings. */
export async function muteRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const limit = { rateLimit: { max: 120, timeWindow: 10 * 60_000 } };

  app.get('/account/muted', async (request, reply) => {
    const { tags, users } = await archive.mutes.muted(request.viewer);
    return sendPage(request, reply, (ctx) => <MutedPage ctx={ctx} tags={tags} users={users} />);
  });

  for (const action of ['mute', 'unmute'] as const) {
    app.post(action === 'mute' ? '/mutes' : '/mutes/delete', { config: limit }, async (request, reply) => {
      const kind = field(request.body, 'kind');
      const id = Number.parseInt(field(request.body, 'id'), 10);
      const target = await archive.mutes[action](request.viewer, kind, id);
      const label = target.kind === 'tag' ? `the tag “${target.name}”` : target.login;
      setFlash(
        reply,
        action === 'mute'
          ? `You muted ${label}: ${target.kind === 'tag' ? 'works carrying it' : 'their works'} are hidden from your lists.`
          : `You unmuted ${label}.`,
      );
      return reply.redirect(safeReturnPath(field(request.body, 'return_to')) ?? '/account/muted', 303);
    });
  }

  app.get('/account/saved-searches', async (request, reply) => {
    const searches = await archive.mutes.savedSearches(request.viewer);
    return sendPage(request, reply, (ctx) => <SavedSearchesPage ctx={ctx} searches={searches} />);
  });

  /** Saves a /works search; the works listing posts its query string in a hidden `query` field. */
  app.post('/saved-searches', { config: limit }, async (request, reply) => {
    const typed = { name: field(request.body, 'name'), query: field(request.body, 'query') };
    try {
      const search = await archive.mutes.saveSearch(request.viewer, typed);
      setFlash(reply, `Saved the search “${search.name}”.`);
      return reply.redirect('/account/saved-searches', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const searches = await archive.mutes.savedSearches(request.viewer);
      return sendPage(
        request,
        reply,
        (ctx) => <SavedSearchesPage ctx={ctx} searches={searches} values={typed} errors={error.fieldErrors} />,
        400,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/saved-searches/:id/delete', { config: limit }, async (request, reply) => {
    await archive.mutes.deleteSavedSearch(request.viewer, Number.parseInt(request.params.id, 10));
    setFlash(reply, 'Deleted the saved search.');
    return reply.redirect('/account/saved-searches', 303);
  });
}
