import type { FastifyInstance } from 'fastify';
import { NotFoundError, ValidationError } from '../../domain/errors.ts';
import { validateSavedSearch } from '../../domain/saved-searches.ts';
import { field, sendPage, setFlash } from '../render.ts';
import { requireViewer } from '../session.ts';
import { isWrangler } from '../discovery.ts';
import { safeReturnPath } from '../../domain/accounts.ts';
import { MutedPage, SavedSearchesPage } from '../views/mutes.tsx';

/** Muting tags and users, and saved searches of the works listing: a reader's own discovery settings. */
export async function muteRoutes(app: FastifyInstance) {
  const { store } = app.quire;
  const limit = { rateLimit: { max: 120, timeWindow: 10 * 60_000 } };

  app.get('/account/muted', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const [tags, users] = await Promise.all([store.mutes.mutedTags(viewer.id), store.mutes.mutedUsers(viewer.id)]);
    return sendPage(request, reply, (ctx) => <MutedPage ctx={ctx} tags={tags} users={users} />);
  });

  for (const action of ['mute', 'unmute'] as const) {
    app.post(action === 'mute' ? '/mutes' : '/mutes/delete', { config: limit }, async (request, reply) => {
      const viewer = requireViewer(request, reply);
      if (!viewer) return reply;
      const kind = field(request.body, 'kind');
      const id = Number.parseInt(field(request.body, 'id'), 10);
      if ((kind !== 'tag' && kind !== 'user') || !Number.isInteger(id))
        throw new ValidationError({ mute: 'Say what to mute: a tag or a user.' });
      let label: string;
      if (kind === 'tag') {
        const tag = await store.tags.find(id);
        if (!tag || !(await store.tags.isKnownTo(tag.id, viewer.id, await isWrangler(request))))
          throw new NotFoundError('There is no such tag.');
        label = `the tag “${tag.name}”`;
      } else {
        const user = await store.users.findById(id);
        if (!user) throw new NotFoundError('There is no such user.');
        if (user.id === viewer.id) throw new ValidationError({ mute: 'You cannot mute yourself.' });
        label = user.login;
      }
      if (action === 'mute') {
        await store.mutes.mute(viewer.id, kind, id);
        setFlash(
          reply,
          `You muted ${label}: ${kind === 'tag' ? 'works carrying it' : 'their works'} are hidden from your lists.`,
        );
      } else {
        await store.mutes.unmute(viewer.id, kind, id);
        setFlash(reply, `You unmuted ${label}.`);
      }
      return reply.redirect(safeReturnPath(field(request.body, 'return_to')) ?? '/account/muted', 303);
    });
  }

  app.get('/account/saved-searches', async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const searches = await store.savedSearches.listFor(viewer.id);
    return sendPage(request, reply, (ctx) => <SavedSearchesPage ctx={ctx} searches={searches} />);
  });

  /** Saves a /works search; the works listing posts its query string in a hidden `query` field. */
  app.post('/saved-searches', { config: limit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const typed = { name: field(request.body, 'name'), query: field(request.body, 'query') };
    try {
      const search = validateSavedSearch(typed, await store.savedSearches.countFor(viewer.id));
      await store.savedSearches.create(viewer.id, search.name, search.query);
      setFlash(reply, `Saved the search “${search.name}”.`);
      return reply.redirect('/account/saved-searches', 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const searches = await store.savedSearches.listFor(viewer.id);
      return sendPage(
        request,
        reply,
        (ctx) => <SavedSearchesPage ctx={ctx} searches={searches} values={typed} errors={error.fieldErrors} />,
        400,
      );
    }
  });

  app.post<{ Params: { id: string } }>('/saved-searches/:id/delete', { config: limit }, async (request, reply) => {
    const viewer = requireViewer(request, reply);
    if (!viewer) return reply;
    const id = Number.parseInt(request.params.id, 10);
    if (!Number.isInteger(id) || !(await store.savedSearches.delete(viewer.id, id)))
      throw new NotFoundError('You have no saved search with that number.');
    setFlash(reply, 'Deleted the saved search.');
    return reply.redirect('/account/saved-searches', 303);
  });
}
