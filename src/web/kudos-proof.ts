import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { KUDOS_PROOF_MS, type KudosProof } from '../app/kudos.ts';

/**
 * A guest's kudos are written with the others of the same second (src/app/kudos.ts), and the page
 * the guest is sent back to may come from another server process, which has not seen them. So the
 * redirect carries proof: this signed cookie names the works this browser left kudos on in the last
 * minutes (`12-1733390000000_40-1733390004000`), and every process that sees it counts them as left
 * for this guest until the database has them. It only ever changes what this guest is shown.
 */
export const KUDOS_PROOF_COOKIE = 'quire_kudos';
/** Works a proof names, at most (the newest). */
const PROOFS_KEPT = 20;

function proofsOf(request: FastifyRequest): KudosProof[] {
  const cookie = request.cookies[KUDOS_PROOF_COOKIE];
  if (!cookie) return [];
  const unsigned = request.unsignCookie(cookie);
  if (!unsigned.valid || !unsigned.value) return [];
  const since = Date.now() - KUDOS_PROOF_MS;
  return unsigned.value.split('_').flatMap((entry) => {
    const [workId, at] = entry.split('-').map(Number);
    return Number.isSafeInteger(workId) && workId > 0 && Number.isSafeInteger(at) && at > since ? [{ workId, at }] : [];
  });
}

/** Adds these new kudos to the browser's proof (see KUDOS_PROOF_COOKIE). */
export function proveKudos(request: FastifyRequest, reply: FastifyReply, proof: KudosProof): void {
  const proofs = [...proofsOf(request).filter((p) => p.workId !== proof.workId), proof].slice(-PROOFS_KEPT);
  reply.setCookie(KUDOS_PROOF_COOKIE, proofs.map((p) => `${p.workId}-${p.at}`).join('_'), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    maxAge: KUDOS_PROOF_MS / 1000,
  });
}

/** Before the guest page cache (whose key says whether this guest left kudos on the work). */
export function registerKudosProof(app: FastifyInstance): void {
  app.addHook('onRequest', async (request) => {
    if (request.cookies[KUDOS_PROOF_COOKIE] === undefined) return;
    await app.quire.archive.kudos.proven(request.ip, proofsOf(request));
  });
}
