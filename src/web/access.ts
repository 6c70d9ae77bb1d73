import type { ReadableWork } from '../domain/works.ts';
import type { WorkBlurb } from '../store/index.ts';

/** Accounts that may change the work: those whose creatorship is accepted. */
export function creatorUserIds(work: WorkBlurb): number[] {
  return work.creators.filter((c) => c.accepted).map((c) => c.userId);
}

/** What the reading rules need to know about a work. */
export function accessOf(work: WorkBlurb): ReadableWork {
  return {
    visibility: work.visibility,
    publishedAt: work.publishedAt,
    creatorUserIds: creatorUserIds(work),
    invitedUserIds: work.creators.filter((c) => !c.accepted).map((c) => c.userId),
  };
}
