import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_DAYS_REMEMBERED } from '../domain/accounts.ts';
import type { Member } from '../app/index.ts';
import { FLASH_COOKIE } from './render.ts';
import { decodeReaderSettings, DEFAULT_READER_SETTINGS } from '../domain/reading.ts';
import { logInPath } from '../paths.ts';

export const READING_COOKIE = 'quire_reading';

export const SESSION_COOKIE = 'quire_session';

/** Where @fastify/csrf-protection keeps this browser's secret (its default name). */
export const CSRF_COOKIE = '_csrf';

/** Loads the logged-in user (if any) and the one-time flash message onto every request. */
export function registerSessions(app: FastifyInstance): void {
  const { archive } = app.quire;
  app.decorateRequest('viewer', null);
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('flash', undefined);
  app.decorateRequest('reading', null);
  app.decorateRequest('invitationCount', 0);
  app.decorateRequest('unreadNoticeCount', 0);
  app.decorateRequest('staff', false);

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
    const session = await archive.accounts.resumeSession(token, request.headers['user-agent']);
    if (!session) {
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.viewer = session.member;
    request.sessionToken = token;
    request.invitationCount = session.invitationCount;
    request.unreadNoticeCount = session.unreadNoticeCount;
    request.staff = session.staff;
    request.reading = session.reading ?? request.reading ?? DEFAULT_READER_SETTINGS;
  });
}

export async function logIn(
  request: FastifyRequest,
  reply: FastifyReply,
  member: Member,
  remember: boolean,
): Promise<void> {
  // A fresh token at every log-in, so a token planted before log-in is worthless after it.
  const token = await request.server.quire.archive.accounts.startSession(
    member,
    remember,
    request.sessionToken,
    request.headers['user-agent'],
  );
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    ...(remember ? { maxAge: SESSION_DAYS_REMEMBERED * 86_400 } : {}),
  });
  renewCsrfSecret(request, reply);
}

export async function logOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (request.sessionToken) await request.server.quire.archive.accounts.endSession(request.sessionToken);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
  request.viewer = null;
  request.sessionToken = undefined;
  renewCsrfSecret(request, reply);
}

/**
 * Gives this browser a new CSRF secret with this answer: a form token taken before log-in or
 * log-out (on a shared computer, or planted with a cookie) posts nothing after it. Made here, not
 * by the next page, so that pages opened at once afterwards share it.
 */
function renewCsrfSecret(request: FastifyRequest, reply: FastifyReply): void {
  delete request.cookies[CSRF_COOKIE];
  reply.generateCsrf();
}

/** Where a guest comes back to after logging in: this page, or after a form the page it was on. */
export function pageToReturnTo(request: FastifyRequest): string {
  if (request.method === 'GET') return request.url;
  return request.headers.referer ? new URL(request.headers.referer, 'http://x').pathname : '/';
}

/** Sends a guest to the log-in page, coming back here (or, after a form, to the page it was on) afterwards. */
export function sendToLogIn(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  return reply.redirect(logInPath(pageToReturnTo(request)), 303);
}
