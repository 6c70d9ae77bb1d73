import type { FastifyReply, FastifyRequest } from 'fastify';
import { formPayloadOf, isFormKey, parseFormKey, type FormKey, type FormPayload } from '../domain/autosave.ts';
import { ValidationError } from '../domain/errors.ts';
import { PENDING_FORM_HOURS } from '../domain/autosave.ts';
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
  const viewer = request.viewer;
  const found = viewer ? await request.server.quire.store.autosaves.find(viewer.id, formKey) : undefined;
  // An edit form's autosave older than the saved work was overtaken (say, by an edit posted elsewhere).
  if (found && (savedVersionAt === undefined || found.savedAt > savedVersionAt)) {
    return { payload: found.payload, autosave: { savedAt: found.savedAt, restored: true } };
  }
  return { autosave: { savedAt: savedVersionAt ?? null, restored: false } };
}

/** A form that failed validation is kept too, so leaving the page with its errors loses nothing. */
export async function keepRejectedForm(request: FastifyRequest, formKey: FormKey): Promise<AutosaveView> {
  const viewer = request.viewer;
  try {
    if (!viewer) return { savedAt: null, restored: false };
    const savedAt = await request.server.quire.store.autosaves.save(viewer.id, formKey, formPayloadOf(request.body));
    return { savedAt, restored: false };
  } catch (error) {
    // The form is re-rendered as typed either way; the autosave is a second copy.
    if (!(error instanceof ValidationError)) request.log.warn({ err: error }, 'could not keep a rejected form');
    return { savedAt: null, restored: false };
  }
}

/** The form was posted: its unposted copies are no longer needed, on the server or in the browser. */
export async function formPosted(request: FastifyRequest, reply: FastifyReply, formKey: FormKey): Promise<void> {
  reply.setCookie(POSTED_FORM_COOKIE, formKey, { path: '/', sameSite: 'lax', secure: 'auto' });
  try {
    await request.server.quire.store.autosaves.discard(request.viewer!.id, formKey);
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
  if (request.viewer || !isFormKey(formKey)) return false;
  const autosaves = request.server.quire.store.autosaves;
  const payload = formPayloadOf(request.body);
  const earlier = pendingToken(request);
  if (earlier) await autosaves.discardPending(earlier);
  const { token } = await autosaves.keepPending(formKey, payload);
  reply.setCookie(PENDING_FORM_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    secure: 'auto',
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
  return request.server.quire.store.autosaves.claimPending(token, userId);
}

/** Whether the viewer may keep text for this form: any new work, or works (and chapters) they create. */
export async function mayAutosave(request: FastifyRequest, viewerId: number, formKey: FormKey): Promise<boolean> {
  const target = parseFormKey(formKey);
  if (!target) return false;
  if (target.workId === undefined) return true;
  const work = await request.server.quire.store.works.find(target.workId);
  if (!work || !work.creators.some((c) => c.userId === viewerId)) return false;
  return target.chapterId === undefined || work.chapters.some((c) => c.id === target.chapterId);
}
