/** Merging works: a creator combines several of their works into one. */
import { ValidationError } from '../domain/errors.ts';
import {
  audienceChanges,
  MERGE_MESSAGES,
  orderChoices,
  parseWorkId,
  type MergeChoice,
  type MergePlan,
} from '../domain/merge.ts';
import type { MergeCandidate } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

export class Merges {
  constructor(private readonly deps: ModuleDeps) {}

  /** The works a member may merge: those they are an accepted creator of, oldest first. */
  async candidates(viewer: Viewer): Promise<MergeCandidate[]> {
    return this.deps.store.merges.candidates(requireMember(viewer).id);
  }

  /**
   * What merging the member's chosen works would make, changing nothing. `requested` are the work
   * ids asked for; `choices` one row per candidate, ticked and numbered as sent.
   */
  async preview(viewer: Viewer, requested: string[], choices: MergeChoice[]) {
    const member = requireMember(viewer);
    // A work not on the list is someone else's, hidden or gone: say no more than that.
    if (requested.some((id) => !choices.some((c) => String(c.workId) === id)))
      throw new ValidationError({ works: MERGE_MESSAGES.ownWorks });
    const plan = await this.deps.store.merges.preview(member.id, orderChoices(choices));
    return { plan, audienceChanges: audienceChanges(plan, new Date().toISOString()) };
  }

  /** Merges the member's works, given as ids in the chosen order, into the first of them. */
  async merge(viewer: Viewer, workIds: string[]): Promise<MergePlan> {
    const member = requireMember(viewer);
    const ids = workIds.map(parseWorkId);
    if (ids.some((id) => id === undefined)) throw new ValidationError({ works: MERGE_MESSAGES.ownWorks });
    return this.deps.store.merges.merge(member.id, ids as number[]);
  }
}
