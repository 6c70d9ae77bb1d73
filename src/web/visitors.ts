import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Visitor } from '../store/index.ts';
import { hitKey } from '../store/kudos.ts';
import { utcDay } from '../domain/kudos.ts';

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
 * Readings this process already saw counted today, per archive: a reader going through a work's
 * chapters asks again and again, and the answer (already counted) cannot change until tomorrow,
 * so the write transaction is skipped. Keys carry the work's creation time, as ids may be reused.
 */
const countedToday = new WeakMap<object, { day: string; keys: Set<string> }>();
const COUNTED_KEPT = 200_000;

/**
 * Counts a reading of the work (the work page or one of its chapters): once a day per visitor,
 * never for the work's own creators.
 */
export async function countHit(
  request: FastifyRequest,
  work: { id: number; createdAt: string },
  readerIsCreator: boolean,
): Promise<void> {
  if (readerIsCreator) return;
  const store = request.server.quire.store;
  const visitor = await visitorOf(request);
  const day = utcDay();
  let memo = countedToday.get(store);
  if (!memo || memo.day !== day) countedToday.set(store, (memo = { day, keys: new Set() }));
  const key = `${work.id}|${work.createdAt}|${hitKey(visitor)}`;
  if (memo.keys.has(key)) return;
  await store.kudos.recordHit(work.id, visitor, day);
  if (memo.keys.size >= COUNTED_KEPT) memo.keys.clear();
  memo.keys.add(key);
}
