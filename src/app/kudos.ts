import { ForbiddenError } from '../domain/errors.ts';
import { KUDOS_NAMES_SHOWN, kudosRefusal } from '../domain/kudos.ts';
import type { Store, Visitor, Work, WorkBlurb, WorkKudos } from '../store/index.ts';
import { accessOf, creatorUserIds, refuseReading, type WorkAccess } from './access.ts';
import type { Viewer } from './viewer.ts';
import type { Visitors } from './visitors.ts';
import type { WorkFacts } from './work-facts.ts';
import { hitKey, type PendingKudos } from '../store/kudos.ts';
import { WriteBatch } from './write-batch.ts';

/** What the kudos area at the end of a work or chapter page shows. */
export interface KudosView {
  kudos: WorkKudos;
  /** False for the work's creators and for works not out yet. */
  mayLeave: boolean;
  /** Whether this reader (member or guest) has left kudos already. */
  left: boolean;
  /**
   * This guest's kudos are not written yet (they are gathered for a second or so): counted in
   * `kudos` already; the work's own counter (its stats) has not got them yet.
   */
  notYetCounted: boolean;
}

/** Guest kudos from a browser that the redirect after them proves (see src/web/kudos-proof.ts). */
export interface KudosProof {
  workId: number;
  /** When they were left (ms since the epoch). */
  at: number;
}

/** How long guests' kudos wait to be written together. */
export const KUDOS_FLUSH_MS = 1_000;
/**
 * How long a guest's kudos count as left from memory (this process took them, or the browser
 * proves them) before only the database says so: long past any flush, a few retries included.
 */
export const KUDOS_PROOF_MS = 10 * 60_000;
/** Guests' kudos remembered per process, at most. */
const REMEMBERED_MAX = 100_000;

export class Kudos {
  private readonly gathered: WriteBatch<PendingKudos>;
  /** Guest kudos known from memory (`workId|guestKey`), until when they count. */
  private readonly remembered = new Map<string, number>();

  constructor(
    private readonly store: Store,
    private readonly access: WorkAccess,
    private readonly visitors: Visitors,
    /** Who left kudos, per work and visitor (asked on every kept guest page). */
    private readonly left: WorkFacts<boolean>,
    options: { flushMs?: number; warn?: (message: string) => void } = {},
  ) {
    this.gathered = new WriteBatch((kudos) => store.kudos.leaveAsGuests(kudos), {
      what: 'guest kudos',
      flushMs: options.flushMs ?? KUDOS_FLUSH_MS,
      maxPending: 2_000,
      retryMax: 50_000,
      warn: options.warn,
    });
  }

  /** What the kudos area of a work page asks of the database with the rest of the page (see view). */
  async viewAsk(
    viewer: Viewer,
    address: string,
    work: WorkBlurb,
  ): Promise<{ kudosNamesShown: number; kudosLeftBy: Visitor | undefined }> {
    const mayLeave = kudosRefusal(accessOf(work), viewer) === null;
    return {
      kudosNamesShown: KUDOS_NAMES_SHOWN,
      kudosLeftBy: mayLeave ? await this.visitors.of(viewer, address) : undefined,
    };
  }

  /** The kudos area of a work page this viewer may read, from what the page read as `viewAsk` asked. */
  async view(
    viewer: Viewer,
    address: string,
    work: WorkBlurb,
    read: { kudos: WorkKudos; kudosLeft: boolean | undefined },
  ): Promise<KudosView> {
    const mayLeave = kudosRefusal(accessOf(work), viewer) === null;
    const left = !mayLeave
      ? 'no'
      : read.kudosLeft
        ? 'stored'
        : this.isRemembered(work.id, await this.visitors.of(viewer, address))
          ? 'remembered'
          : 'no';
    // The guest sees their own kudos at once, also while they wait to be written.
    const notYetCounted = left === 'remembered';
    const { kudos } = read;
    return {
      kudos: notYetCounted ? { ...kudos, guestCount: kudos.guestCount + 1 } : kudos,
      mayLeave,
      left: left !== 'no',
      notYetCounted,
    };
  }

  /** Whether this reader has left kudos on the work (kept guest pages differ by it). */
  async hasLeft(viewer: Viewer, address: string, workId: number): Promise<boolean> {
    const visitor = await this.visitors.of(viewer, address);
    return this.isRemembered(workId, visitor) || (await this.stored(workId, visitor));
  }

  /**
   * Leaves kudos on a work from a member or a guest, once per visitor. Returns the work (for the
   * way back), whether these kudos are new, and for a guest's new kudos what the way back carries
   * to show them on any server process before they are written.
   *
   * A member's kudos are written at once. A guest's are gathered and written with the others of
   * the same second (and when the server stops): the database's unique key still takes them once
   * per guest across processes, and this process and the guest's browser remember them meanwhile.
   */
  async leave(viewer: Viewer, address: string, id: string): Promise<{ work: Work; left: boolean; proof?: KudosProof }> {
    const work = await this.access.load(id);
    const refusal = kudosRefusal(accessOf(work), viewer);
    if (refusal === 'unreadable') refuseReading(work, viewer, 'leave kudos');
    if (refusal === 'own-work') throw new ForbiddenError("You can't leave kudos on your own work.");
    if (refusal === 'unpublished') throw new ForbiddenError('Kudos can be left once the work is published.');
    const visitor = await this.visitors.of(viewer, address);
    if ('userId' in visitor)
      return { work, left: await this.store.kudos.leave(work.id, visitor, creatorUserIds(work)) };
    if (this.isRemembered(work.id, visitor) || (await this.stored(work.id, visitor))) return { work, left: false };
    // Asked again after the wait: the same guest's kudos may have come in meanwhile.
    if (this.isRemembered(work.id, visitor)) return { work, left: false };
    const at = Date.now();
    this.remember(work.id, visitor, at);
    this.gathered.add(`${work.id}|${visitor.guestKey}`, {
      workId: work.id,
      createdAt: work.createdAt,
      guestKey: visitor.guestKey,
      creatorUserIds: creatorUserIds(work),
      at: new Date(at).toISOString(),
    });
    return { work, left: true, proof: { workId: work.id, at } };
  }

  /**
   * Kudos a guest's browser proves it left recently (through any process): they count as left
   * here too until they are written, so that the guest sees them at once wherever they are served.
   */
  async proven(address: string, proofs: readonly KudosProof[]): Promise<void> {
    if (proofs.length === 0) return;
    const visitor = await this.visitors.of(null, address);
    for (const proof of proofs) this.remember(proof.workId, visitor, proof.at);
  }

  /** Guest kudos gathered but not written yet. */
  get pendingKudos(): number {
    return this.gathered.size;
  }

  /** Writes the guest kudos gathered so far (the server calls it as it stops). See WriteBatch.flush. */
  flush(): Promise<void> {
    return this.gathered.flush();
  }

  private stored(workId: number, visitor: Visitor): Promise<boolean> {
    return this.left.get(workId, hitKey(visitor), () => this.store.kudos.hasLeft(workId, visitor));
  }

  private isRemembered(workId: number, visitor: Visitor): boolean {
    if (!('guestKey' in visitor)) return false;
    const key = `${workId}|${visitor.guestKey}`;
    const until = this.remembered.get(key);
    if (until === undefined) return false;
    if (until > Date.now()) return true;
    this.remembered.delete(key);
    return false;
  }

  private remember(workId: number, visitor: Visitor, at: number): void {
    if (!('guestKey' in visitor) || at + KUDOS_PROOF_MS <= Date.now()) return;
    const key = `${workId}|${visitor.guestKey}`;
    this.remembered.set(key, Math.max(this.remembered.get(key) ?? 0, at + KUDOS_PROOF_MS));
    if (this.remembered.size <= REMEMBERED_MAX) return;
    const time = Date.now();
    for (const [k, until] of this.remembered) if (until <= time) this.remembered.delete(k);
    // Still full: the oldest go (they are the likeliest written by now).
    for (const k of this.remembered.keys()) {
      if (this.remembered.size <= REMEMBERED_MAX) break;
      this.remembered.delete(k);
    }
  }
}
