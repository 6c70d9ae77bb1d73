import { createHash } from 'node:crypto';
import type { Store, Visitor } from '../store/index.ts';
import { hitKey, type PendingHit } from '../store/kudos.ts';
import { utcDay } from '../domain/kudos.ts';
import type { Viewer } from './viewer.ts';

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
  private pending = new Map<string, PendingHit>();
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private failing = false;

  constructor(
    private readonly store: Store,
    private readonly options: { flushMs?: number; warn?: (message: string) => void } = {},
  ) {}

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
    this.pending.set(`${key}|${day}`, { workId: work.id, createdAt: work.createdAt, visitorKey: hitKey(visitor), day });
    if (this.pending.size >= PENDING_MAX) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? HIT_FLUSH_MS).unref();
  }

  /** Readings counted but not written yet. */
  get pendingHits(): number {
    return this.pending.size;
  }

  /**
   * Writes the readings gathered so far (one at a time: a flush asked for during another waits
   * for it, then writes what came meanwhile). Resolves once they are in the database; when it
   * does not answer, they are kept for the next flush and the log says so once.
   */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = (async () => {
      try {
        await this.store.kudos.recordHits([...batch.values()]);
        if (this.failing) this.options.warn?.('Hits are written again.');
        this.failing = false;
      } catch (error) {
        if (!this.failing)
          this.options.warn?.(`Writing hits failed (${(error as Error).message}); they are kept for another try.`);
        this.failing = true;
        let dropped = 0;
        for (const [key, hit] of batch) {
          if (this.pending.size < RETRY_MAX) this.pending.set(key, hit);
          else dropped++;
        }
        if (dropped > 0)
          this.options.warn?.(`${dropped} hits were not counted: ${RETRY_MAX} are already waiting for the database.`);
        this.timer ??= setTimeout(() => void this.flush(), this.options.flushMs ?? HIT_FLUSH_MS).unref();
      }
    })();
    try {
      await this.flushing;
    } finally {
      this.flushing = null;
    }
  }
}
