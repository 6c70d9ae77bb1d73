import type { FastifyInstance } from 'fastify';
import { WORK_LIST_PARAMETERS } from '../../../domain/work-list-query.ts';
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
import { bookmarkPage } from './works.ts';

/** On a user's or pen name's works the address already says whose works they are. */
const OWN_WORK_PARAMETERS = WORK_LIST_PARAMETERS.filter((p) => p !== 'user' && p !== 'pseud');

/** Users and their pen names: profiles (never an email address), works and public bookmarks. */
export async function apiPeopleRoutes(app: FastifyInstance) {
  const { archive } = app.quire;
  const read = { config: readLimit(app) };

  app.get('/me', read, async (request) => {
    queryOf(request, []);
    const { user, pseuds, workCount, token } = await archive.people.self(requireToken(request), request.apiTokenId);
    return { user: userResource(user, pseuds, workCount), token: apiTokenResource(token) };
  });

  app.get<{ Params: { login: string } }>('/users/:login', read, async (request) => {
    queryOf(request, []);
    const { user, pseuds, workCount } = await archive.people.profile(request.apiViewer, request.params.login);
    return userResource(user, pseuds, workCount);
  });

  app.get<{ Params: { login: string } }>('/users/:login/works', read, async (request) => {
    const query = queryOf(request, OWN_WORK_PARAMETERS);
    const { works, total, limit, next } = await archive.people.works(
      request.apiViewer,
      request.params.login,
      undefined,
      query,
    );
    return pageResource(works.map(workResource), total, limit, next);
  });

  app.get<{ Params: { login: string; pseud: string } }>('/users/:login/pseuds/:pseud', read, async (request) => {
    queryOf(request, []);
    const { user, pseud, workCount } = await archive.people.pseudProfile(
      request.apiViewer,
      request.params.login,
      request.params.pseud,
    );
    return { ...pseudResource(user.login, pseud), workCount };
  });

  app.get<{ Params: { login: string; pseud: string } }>('/users/:login/pseuds/:pseud/works', read, async (request) => {
    const query = queryOf(request, OWN_WORK_PARAMETERS);
    const { works, total, limit, next } = await archive.people.works(
      request.apiViewer,
      request.params.login,
      request.params.pseud,
      query,
    );
    return pageResource(works.map(workResource), total, limit, next);
  });

  app.get<{ Params: { login: string } }>('/users/:login/bookmarks', read, async (request) => {
    const query = queryOf(request, ['limit', 'cursor']);
    return bookmarkPage(await archive.people.bookmarks(request.apiViewer, request.params.login), query);
  });
}
