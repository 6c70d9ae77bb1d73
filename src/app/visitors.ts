import { createHash } from 'node:crypto';
import type { Store, Visitor } from '../store/index.ts';
import { hitKey } from '../store/kudos.ts';
import { utcDay } from '../domain/kudos.ts';
import type { Viewer } from './viewer.ts';

/**
 * Readings this process already saw counted today: a reader going through a work's chapters asks
 * again and again, and the answer (already counted) cannot change until tomorrow, so the write
 * transaction is skipped. Keys carry the work's creation time, as ids may be reused.
 */
const COUNTED_KEPT = 200_000;

/** Who is asking, as kudos and hits count people; and the hits they make. */
export class Visitors {
  private counted = { day: '', keys: new Set<string>() };

  constructor(private readonly store: Store) {}

  /**
   * The member, or for a guest a salted SHA-256 of the address. The salt is the archive's own
   * secret, so the hash cannot be reversed by trying every address; the address is never stored.
   */
  async of(viewer: Viewer, address: string): Promise<Visitor> {
    if (viewer) return { userId: viewer.id };
    const salt = await this.store.kudos.addressSalt();
    return { guestKey: createHash('sha256').update(`${salt}\n${address}`).digest('hex') };
  }

  /** Counts a reading of the work (its page or a chapter): once a day per visitor, never for its own creators. */
  async countHit(
    viewer: Viewer,
    address: string,
    work: { id: number; createdAt: string },
    readerIsCreator: boolean,
  ): Promise<void> {
    if (readerIsCreator) return;
    const visitor = await this.of(viewer, address);
    const day = utcDay();
    if (this.counted.day !== day) this.counted = { day, keys: new Set() };
    const key = `${work.id}|${work.createdAt}|${hitKey(visitor)}`;
    if (this.counted.keys.has(key)) return;
    await this.store.kudos.recordHit(work.id, visitor, day);
    if (this.counted.keys.size >= COUNTED_KEPT) this.counted.keys.clear();
    this.counted.keys.add(key);
  }
}
