import { createHash } from 'node:crypto';
import type { Store, Visitor } from '../store/index.ts';
import { hitKey, type PendingHit } from '../store/kudos.ts';
import { utcDay } from '../domain/kudos.ts';
import type { Viewer } from './viewer.ts';
import { WriteBatch } from './write-batch.ts';

/**
 * Readings this process already saw counted today: a reader going through a work's chapters asks
 * again and again, and the answer (already counted) cannot change until tomorrow, so nothing is
 * written. Keys carry the work's creation time, as ids may be reused.
 */
const COUNTED_KEPT = 200_000;
/** How long readings wait to be written together (see Visitors.countHit). */
export const HIT_FLUSH_MS = 1_000;
/** Readings waiting past which they are written at once. */
const PENDING_MAX = 5_000;
/** Readings kept for another try while the database does not answer, past which new ones are dropped. */
const RETRY_MAX = 100_000;

/** Who is asking, as kudos and hits count people; and the hits they make. */
export class Visitors {
  private counted = { day: '', keys: new Set<string>() };
  private readonly gathered: WriteBatch<PendingHit>;

  constructor(
    private readonly store: Store,
    options: { flushMs?: number; warn?: (message: string) => void } = {},
  ) {
    this.gathered = new WriteBatch((hits) => store.kudos.recordHits(hits), {
      what: 'hits',
      flushMs: options.flushMs ?? HIT_FLUSH_MS,
      maxPending: PENDING_MAX,
      retryMax: RETRY_MAX,
      warn: options.warn,
    });
  }

  /**
   * The member, or for a guest a salted SHA-256 of the address. The salt is the archive's own
   * secret, so the hash cannot be reversed by trying every address; the address is never stored.
   */
  async of(viewer: Viewer, address: string): Promise<Visitor> {
    if (viewer) return { userId: viewer.id };
    const salt = await this.store.kudos.addressSalt();
    return { guestKey: createHash('sha256').update(`${salt}\n${address}`).digest('hex') };
  }

  /**
   * Counts a reading of the work (its page or a chapter): once a day per visitor, never for its
   * own creators. Readings are gathered in memory and written together about once a second
   * (and when the server stops: see flush), so a page view costs no write of its own; the
   * database still keeps one row per visitor, work and day, so readings of one visitor counted
   * by several processes count once.
   */
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
    if (this.counted.keys.size >= COUNTED_KEPT) this.counted.keys.clear();
    this.counted.keys.add(key);
    this.gathered.add(`${key}|${day}`, {
      workId: work.id,
      createdAt: work.createdAt,
      visitorKey: hitKey(visitor),
      day,
    });
  }

  /** Readings counted but not written yet. */
  get pendingHits(): number {
    return this.gathered.size;
  }

  /** Writes the readings gathered so far (the server calls it as it stops). See WriteBatch.flush. */
  flush(): Promise<void> {
    return this.gathered.flush();
  }
}
