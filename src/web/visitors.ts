import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Visitor } from '../store/index.ts';

/**
 * Who is asking, as kudos and hits count people: the member, or for a guest a salted SHA-256 of
 * the address. The salt is the archive's own secret, so the hash cannot be reversed by trying
 * every address; the address itself is never stored.
 */
export async function visitorOf(request: FastifyRequest): Promise<Visitor> {
  if (request.viewer) return { userId: request.viewer.id };
  const salt = await request.server.quire.store.kudos.addressSalt();
  return { guestKey: createHash('sha256').update(`${salt}\n${request.ip}`).digest('hex') };
}

/**
 * Counts a reading of the work (the work page or one of its chapters): once a day per visitor,
 * never for the work's own creators.
 */
export async function countHit(request: FastifyRequest, workId: number, readerIsCreator: boolean): Promise<void> {
  if (readerIsCreator) return;
  await request.server.quire.store.kudos.recordHit(workId, await visitorOf(request));
}
