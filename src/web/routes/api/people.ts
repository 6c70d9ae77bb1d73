import type { FastifyInstance } from 'fastify';
import type { Viewer } from '../../../app/viewer.ts';
import { pseudNamed, userNamed } from '../../people.ts';
import { parsePageRequest, parseWorkFilters, WORK_LIST_PARAMETERS } from '../../../domain/work-list-query.ts';
import {
  apiTokenResource,
  pageResource,
  pseudResource,
  userResource,
  workResource,
} from '../../../formats/api/resources.ts';
import { requireToken } from '../../api/auth.ts';
import { readLimit } from '../../api/limits.ts';
import { queryOf } from '../../api/params.ts';
import { readableBookmarks } from '../../api/visibility.ts';
import { bookmarkPage } from './works.ts';

const NO_FILTERS = { tags: [], fandoms: [], ratings: [] };
/** On a user's or pen name's works the address already says whose works they are. */
const OWN_WORK_PARAMETERS = WORK_LIST_PARAMETERS.filter((p) => p !== 'user' && p !== 'pseud');

/** Users and their pen names: profiles (never an email address), works and public bookmarks. */
export async function apiPeopleRoutes(app: FastifyInstance) {
  const { store, archive } = app.quire;
  const read = { config: readLimit(app) };

  const loadUser = (login: string) => userNamed(store, login);
  const loadPseud = (login: string, name: string) => pseudNamed(store, login, name);

  /** How many of the account's (or pen name's) works this viewer may see. */
  async function workCount(viewer: Viewer, login: string, pseud?: string): Promise<number> {
    const { total } = await archive.listing.list(
      viewer,
      { ...NO_FILTERS, user: login, ...(pseud !== undefined ? { pseud } : {}) },
      { sort: 'updated', order: 'desc', limit: 1 },
    );
    return total;
  }

  app.get('/me', read, async (request) => {
    queryOf(request, []);
    const viewer = requireToken(request);
    const token = (await store.apiTokens.listForUser(viewer.id)).find((t) => t.id === request.apiTokenId)!;
    const pseuds = await store.pseuds.listForUser(viewer.id);
    return {
      user: userResource(viewer, pseuds, await workCount(viewer, viewer.login)),
      token: apiTokenResource(token),
    };
  });

  app.get<{ Params: { login: string } }>('/users/:login', read, async (request) => {
    queryOf(request, []);
    const user = await loadUser(request.params.login);
    const pseuds = await store.pseuds.listForUser(user.id);
    return userResource(user, pseuds, await workCount(request.apiViewer, user.login));
  });

  app.get<{ Params: { login: string } }>('/users/:login/works', read, async (request) => {
    const query = queryOf(request, OWN_WORK_PARAMETERS);
    const user = await loadUser(request.params.login);
    const page = parsePageRequest(query);
    const { works, total, next } = await archive.listing.list(
      request.apiViewer,
      { ...parseWorkFilters(query), user: user.login },
      page,
    );
    return pageResource(works.map(workResource), total, page.limit, next);
  });

  app.get<{ Params: { login: string; pseud: string } }>('/users/:login/pseuds/:pseud', read, async (request) => {
    queryOf(request, []);
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    return {
      ...pseudResource(user.login, pseud),
      workCount: await workCount(request.apiViewer, user.login, pseud.name),
    };
  });

  app.get<{ Params: { login: string; pseud: string } }>('/users/:login/pseuds/:pseud/works', read, async (request) => {
    const query = queryOf(request, OWN_WORK_PARAMETERS);
    const { user, pseud } = await loadPseud(request.params.login, request.params.pseud);
    const page = parsePageRequest(query);
    const { works, total, next } = await archive.listing.list(
      request.apiViewer,
      { ...parseWorkFilters(query), user: user.login, pseud: pseud.name },
      page,
    );
    return pageResource(works.map(workResource), total, page.limit, next);
  });

  app.get<{ Params: { login: string } }>('/users/:login/bookmarks', read, async (request) => {
    const query = queryOf(request, ['limit', 'cursor']);
    const user = await loadUser(request.params.login);
    const viewerId = request.apiViewer?.id ?? null;
    // Private bookmarks only to their owner, as on the bookmarks page.
    const bookmarks = await store.bookmarks.listForUser(user.id, viewerId === user.id);
    return bookmarkPage(await readableBookmarks(store, bookmarks, viewerId), query);
  });
}
