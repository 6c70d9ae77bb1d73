import type { FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { render } from 'preact-render-to-string';
import type { PageContext } from './views/layout.tsx';
import { DEFAULT_READER_SETTINGS } from '../domain/reading.ts';

export const FLASH_COOKIE = 'quire_flash';

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  request.csrfToken = reply.generateCsrf();
  return {
    archiveName: request.server.quire.config.archiveName,
    viewer: request.viewer,
    invitationCount: request.invitationCount,
    unreadNoticeCount: request.unreadNoticeCount,
    staff: request.staff,
    csrfToken: request.csrfToken,
    path: request.url,
    flash: request.flash,
    reading: request.reading ?? DEFAULT_READER_SETTINGS,
    robots: request.robots,
  };
}

/** Renders a page component to a complete HTML response. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: (ctx: PageContext) => VNode,
  status = 200,
): FastifyReply {
  const ctx = pageContext(request, reply);
  // An error page (not there, not allowed) says nothing of what the address would have shown.
  if (status >= 400) ctx.robots = undefined;
  if (ctx.flash) reply.clearCookie(FLASH_COOKIE, { path: '/' });
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${render(page(ctx))}`);
}

/** A one-time message shown on the next page (after a redirect). */
export function setFlash(reply: FastifyReply, message: string): void {
  reply.setCookie(FLASH_COOKIE, message, { path: '/', httpOnly: true, sameSite: 'lax', signed: true });
}

/** The first value of a form field, as typed (never undefined). */
export function field(body: unknown, name: string): string {
  if (typeof body !== 'object' || body === null) return '';
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

export function checked(body: unknown, name: string): boolean {
  const value = field(body, name);
  return value === '1' || value === 'on' || value === 'true';
}

export function queryParam(query: unknown, name: string): string {
  return field(query, name);
}
