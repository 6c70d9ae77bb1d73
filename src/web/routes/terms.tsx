import type { FastifyInstance } from 'fastify';
import { safeReturnPath } from '../../domain/accounts.ts';
import { field, queryParam, sendPage, setFlash } from '../render.ts';
import { pageToReturnTo } from '../session.ts';
import { AcceptTermsPage, SiteDocumentPage } from '../views/terms.tsx';

const ACCEPT_PATH = '/terms/accept';

/** What a member who must accept changed terms may still reach: reading the terms, logging out, files, the API and feeds. */
function usableBeforeAccepting(url: string): boolean {
  const path = url.split('?')[0];
  return (
    path === '/terms' ||
    path === '/privacy' ||
    path === ACCEPT_PATH ||
    path === '/logout' ||
    path.startsWith('/static/') ||
    path.startsWith('/api/') ||
    path.startsWith('/opds') ||
    path.endsWith('.atom')
  );
}

/**
 * Sends a logged-in member who has not accepted changed terms to the accept page before any
 * other page. Registered after the session hook, so the viewer is known. Only pages are held
 * back: a form sent from a page opened before the change goes through, so nothing typed is lost,
 * and the page it leads to asks.
 */
export function registerTermsGate(app: FastifyInstance): void {
  const { archive } = app.quire;
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    if (!request.viewer || usableBeforeAccepting(request.url)) return;
    if (!(await archive.terms.mustAccept(request.viewer))) return;
    const back = safeReturnPath(pageToReturnTo(request));
    const target = back && back !== '/' ? `${ACCEPT_PATH}?return_to=${encodeURIComponent(back)}` : ACCEPT_PATH;
    return reply.code(303).header('cache-control', 'no-store').redirect(target);
  });
}

/** The terms of service and privacy policy, and accepting them again when they change. */
export async function termsRoutes(app: FastifyInstance) {
  const { archive } = app.quire;

  app.get('/terms', async (request, reply) => {
    const document = await archive.terms.document('terms');
    return sendPage(request, reply, (ctx) => <SiteDocumentPage ctx={ctx} document={document} />);
  });

  app.get('/privacy', async (request, reply) => {
    const document = await archive.terms.document('privacy');
    return sendPage(request, reply, (ctx) => <SiteDocumentPage ctx={ctx} document={document} />);
  });

  app.get(ACCEPT_PATH, async (request, reply) => {
    const documents = await archive.terms.acceptance(request.viewer);
    const returnTo = safeReturnPath(queryParam(request.query, 'return_to'));
    return sendPage(request, reply, (ctx) => <AcceptTermsPage ctx={ctx} documents={documents} returnTo={returnTo} />);
  });

  app.post(ACCEPT_PATH, async (request, reply) => {
    await archive.terms.accept(request.viewer);
    setFlash(reply, 'Thank you. You accepted the current terms of service and privacy policy.');
    return reply.redirect(safeReturnPath(field(request.body, 'return_to')) ?? '/', 303);
  });
}
