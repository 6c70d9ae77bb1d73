import type { FastifyInstance } from 'fastify';
import { userPath } from '../paths.ts';

/** A member's page or anything under it: /users/NAME, /users/NAME/works, /users/NAME/pseuds/P …, with any query. */
const USER_PAGE = /^\/users\/([^/?#]+)(\/[^?]*)?(\?.*)?$/;
const LOGIN_SHAPE = /^[A-Za-z0-9_]{1,40}$/;

/**
 * Addresses under a username that a member gave up answer 301 with the same page under their
 * current username, keeping the query, while no account has the old name (once another account
 * takes it, after it was held for a while, its addresses are that account's). Only for reading:
 * a form sent to an old address is not replayed elsewhere.
 */
export function registerUserRedirects(app: FastifyInstance): void {
  const { archive } = app.quire;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const match = USER_PAGE.exec(request.url);
    if (!match) return;
    let login: string;
    try {
      login = decodeURIComponent(match[1]);
    } catch {
      return;
    }
    if (!LOGIN_SHAPE.test(login)) return;
    const current = await archive.usernames.currentLoginFor(login);
    if (current === undefined) return;
    const [, , rest = '', query = ''] = match;
    return reply.redirect(`${userPath(current)}${rest}${query}`, 301);
  });
}
