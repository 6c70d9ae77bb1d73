import { ForbiddenError } from '../domain/errors.ts';
import { KUDOS_NAMES_SHOWN, kudosRefusal } from '../domain/kudos.ts';
import type { Store, Work, WorkBlurb, WorkKudos } from '../store/index.ts';
import { accessOf, creatorUserIds, refuseReading, type WorkAccess } from './access.ts';
import type { Viewer } from './viewer.ts';
import type { Visitors } from './visitors.ts';
import type { WorkFacts } from './work-facts.ts';
import { hitKey } from '../store/kudos.ts';

/** What the kudos area at the end of a work or chapter page shows. */
export interface KudosView {
  kudos: WorkKudos;
  /** False for the work's creators and for works not out yet. */
  mayLeave: boolean;
  /** Whether this reader (member or guest) has left kudos already. */
  left: boolean;
}

export class Kudos {
  constructor(
    private readonly store: Store,
    private readonly access: WorkAccess,
    private readonly visitors: Visitors,
    /** Who left kudos, per work and visitor (asked on every kept guest page). */
    private readonly left: WorkFacts<boolean>,
  ) {}

  /** The kudos area of a work page this viewer may read. */
  async view(viewer: Viewer, address: string, work: WorkBlurb): Promise<KudosView> {
    const mayLeave = kudosRefusal(accessOf(work), viewer) === null;
    const [kudos, left] = await Promise.all([
      this.store.kudos.listFor(work.id, KUDOS_NAMES_SHOWN),
      mayLeave ? this.hasLeft(viewer, address, work.id) : false,
    ]);
    return { kudos, mayLeave, left };
  }

  /** Whether this reader has left kudos on the work (kept guest pages differ by it). */
  async hasLeft(viewer: Viewer, address: string, workId: number): Promise<boolean> {
    const visitor = await this.visitors.of(viewer, address);
    return this.left.get(workId, hitKey(visitor), () => this.store.kudos.hasLeft(workId, visitor));
  }

  /**
   * Leaves kudos on a work from a member or a guest, once per visitor. Returns the work (for the
   * way back) and whether these kudos are new.
   */
  async leave(viewer: Viewer, address: string, id: string): Promise<{ work: Work; left: boolean }> {
    const work = await this.access.load(id);
    const refusal = kudosRefusal(accessOf(work), viewer);
    if (refusal === 'unreadable') refuseReading(work, viewer, 'leave kudos');
    if (refusal === 'own-work') throw new ForbiddenError("You can't leave kudos on your own work.");
    if (refusal === 'unpublished') throw new ForbiddenError('Kudos can be left once the work is published.');
    const left = await this.store.kudos.leave(work.id, await this.visitors.of(viewer, address), creatorUserIds(work));
    return { work, left };
  }
}
