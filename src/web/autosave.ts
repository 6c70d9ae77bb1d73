import type { FastifyReply, FastifyRequest } from 'fastify';
import { PENDING_FORM_HOURS, type FormKey, type FormPayload } from '../domain/autosave.ts';
import { ValidationError } from '../domain/errors.ts';
import { setFlash } from './render.ts';
import type { AutosaveView } from './views/autosave.tsx';
import { logInPath } from '../paths.ts';

/** Names the pending form this browser sent after its session ended (signed, HttpOnly). */
export const PENDING_FORM_COOKIE = 'quire_pending';

/**
 * Names the form last posted successfully from this browser, for the editor script to drop
 * the copy it kept in the browser's storage. Readable by scripts; it holds only a path.
 */
export const POSTED_FORM_COOKIE = 'quire_posted';

export const PENDING_FORM_MESSAGE =
  'Your session ended before the form was sent, so nothing was posted yet. What you typed is safe: log in again and you will be back at the form with everything as you left it.';

/** A form page's text: the viewer's unposted autosave if there is one to restore, and what the page tells the editor script. */
export async function restorableForm(
  request: FastifyRequest,
  formKey: FormKey,
  savedVersionAt?: string,
): Promise<{ payload?: FormPayload; autosave: AutosaveView }> {
  const found = await request.server.quire.archive.drafts.restorable(request.viewer, formKey, savedVersionAt);
  if (found) return { payload: found.payload, autosave: { savedAt: found.savedAt, restored: true } };
  return { autosave: { savedAt: savedVersionAt ?? null, restored: false } };
}

/** A form that failed validation is kept too, so leaving the page with its errors loses nothing. */
export async function keepRejectedForm(request: FastifyRequest, formKey: FormKey): Promise<AutosaveView> {
  try {
    const savedAt = await request.server.quire.archive.drafts.keepRejected(request.viewer, formKey, request.body);
    return { savedAt, restored: false };
  } catch (error) {
    // The form is re-rendered as typed either way; the autosave is a second copy.
    if (!(error instanceof ValidationError)) request.log.warn({ err: error }, 'could not keep a rejected form');
    return { savedAt: null, restored: false };
  }
}

/** The form was posted: its unposted copies are no longer needed, on the server or in the browser. */
export async function formPosted(request: FastifyRequest, reply: FastifyReply, formKey: FormKey): Promise<void> {
  reply.setCookie(POSTED_FORM_COOKIE, formKey, { path: '/', sameSite: 'lax' });
  try {
    await request.server.quire.archive.drafts.discard(request.viewer, formKey);
  } catch (error) {
    // The work is saved; a leftover copy only offers text the writer can discard.
    request.log.warn({ err: error }, 'could not discard an autosave after posting');
  }
}

/**
 * A form sent without a live session (it ended while the writer typed) is kept for this
 * browser, and the writer is sent to log in; logging in brings them back to the form.
 * Returns true when that answer was sent.
 */
export async function keptUntilLogIn(request: FastifyRequest, reply: FastifyReply, formKey: FormKey): Promise<boolean> {
  const token = await request.server.quire.archive.drafts.keepUntilLogIn(
    request.viewer,
    formKey,
    request.body,
    pendingToken(request),
  );
  if (token === undefined) return false;
  reply.setCookie(PENDING_FORM_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: PENDING_FORM_HOURS * 3600,
  });
  setFlash(reply, PENDING_FORM_MESSAGE);
  reply.redirect(logInPath(formKey), 303);
  return true;
}

function pendingToken(request: FastifyRequest): string | undefined {
  const cookie = request.cookies[PENDING_FORM_COOKIE];
  if (!cookie) return undefined;
  const unsigned = request.unsignCookie(cookie);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

/**
 * After a log-in: the form this browser sent while logged out becomes the user's autosave.
 * Returns its form page, where the user should land.
 */
export async function claimPendingForm(
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
): Promise<FormKey | undefined> {
  const token = pendingToken(request);
  if (request.cookies[PENDING_FORM_COOKIE] !== undefined) reply.clearCookie(PENDING_FORM_COOKIE, { path: '/' });
  if (!token) return undefined;
  return request.server.quire.archive.drafts.claimPending(userId, token);
}
