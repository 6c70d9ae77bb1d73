import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { publicUser, SESSION_DAYS_REMEMBERED } from '../domain/accounts.ts';
import { FLASH_COOKIE } from './render.ts';
import { decodeReaderSettings, DEFAULT_READER_SETTINGS } from '../domain/reading.ts';
import { logInPath } from '../paths.ts';

export const READING_COOKIE = 'quire_reading';

export const SESSION_COOKIE = 'quire_session';

/** Loads the logged-in user (if any) and the one-time flash message onto every request. */
export function registerSessions(app: FastifyInstance): void {
  const store = app.quire.store;
  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('flash', undefined);
  app.decorateRequest('reading', null);
  app.decorateRequest('invitationCount', 0);
  app.decorateRequest('unreadNoticeCount', 0);

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    const flash = request.cookies[FLASH_COOKIE];
    if (flash) {
      const unsigned = request.unsignCookie(flash);
      if (unsigned.valid && unsigned.value) request.flash = unsigned.value;
    }
    request.reading = decodeReaderSettings(request.cookies[READING_COOKIE]);
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await store.sessions.resume(token);
    const user = session ? await store.users.findById(session.userId) : undefined;
    if (!session || !user) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.viewer = publicUser(user);
    request.sessionToken = token;
    request.invitationCount = await store.workLinks.countInvitations(user.id);
    request.unreadNoticeCount = await store.inbox.countUnread(user.id);
    request.reading = (await store.settings.readerSettings(user.id)) ?? request.reading ?? DEFAULT_READER_SETTINGS;
  });
}

export async function logIn(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  remember: boolean,
): Promise<void> {
  const store = request.server.quire.store;
  // A fresh token at every log-in, so a token planted before log-in is worthless after it.
  if (request.sessionToken) await store.sessions.end(request.sessionToken);
  const { token } = await store.sessions.start(userId, remember);
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: 'auto',
    ...(remember ? { maxAge: SESSION_DAYS_REMEMBERED * 86_400 } : {}),
  });
}

export async function logOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.sessionToken) await request.server.quire.store.sessions.end(request.sessionToken);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  request.viewer = null;
  request.sessionToken = undefined;
}

/** Sends a guest to the log-in page, coming back here (or, after a form, to the page it was on) afterwards. */
export function sendToLogIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const back =
    request.method === 'GET'
      ? request.url
      : request.headers.referer
        ? new URL(request.headers.referer, 'http://x').pathname
        : '/';
  return reply.redirect(logInPath(back), 303);
}

/** Sends guests to the log-in page (coming back here afterwards); returns the viewer otherwise. */
export function requireViewer(request: FastifyRequest, reply: FastifyReply) {
  if (request.viewer) return request.viewer;
  sendToLogIn(request, reply);
  return null;
}
