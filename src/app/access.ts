/**
 * Who may read and change a work: the one place these rules are applied to a loaded work. Every
 * path a work can be reached by (pages, kudos, comments, downloads, the API, feeds) asks here.
 * Listings apply the same rules in their queries (`store.works.list`, the works index).
 */
import { isRowId } from '../domain/ids.ts';
import { canRead, isCreator, type ReadableWork } from '../domain/works.ts';
import { ForbiddenError, LogInRequiredError, NotFoundError } from '../domain/errors.ts';
import { ANONYMOUS_CREATOR } from '../domain/comments.ts';
import type { Comment, Store, Work, WorkBlurb } from '../store/index.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';
import { powersOf } from './staff.ts';

export const NO_WORK = 'There is no work at this address.';
export const REGISTERED_ONLY = 'This work is only available to registered users of the archive.';

/** Accounts that may change the work: those whose creatorship is accepted. */
export function creatorUserIds(work: WorkBlurb): number[] {
  return work.creators.filter((c) => c.accepted).map((c) => c.userId);
}

/** Whether this viewer may see who made the work: always, unless a collection keeps it anonymous and they are not its creator. */
export function namedTo(work: WorkBlurb, viewer: Viewer): boolean {
  return !work.anonymous || (viewer !== null && creatorUserIds(work).includes(viewer.id));
}

/** The comment as this viewer may see it: a creator of an anonymous work answering on it is not named. */
export function commentAsShown(comment: Comment, work: WorkBlurb, viewer: Viewer): Comment {
  if (namedTo(work, viewer) || comment.userId === null || !creatorUserIds(work).includes(comment.userId))
    return comment;
  return { ...comment, authorName: ANONYMOUS_CREATOR, login: null, pseudName: null };
}

/** What the reading rules need to know about a work. */
export function accessOf(work: WorkBlurb): ReadableWork {
  return {
    visibility: work.visibility,
    publishedAt: work.publishedAt,
    creatorUserIds: creatorUserIds(work),
    invitedUserIds: work.creators.filter((c) => !c.accepted).map((c) => c.userId),
    hidden: work.hidden !== null,
    unrevealed: work.unrevealed === true,
  };
}

/** Whether the work is out for members: a guest asking for it is told to log in rather than that it is not there. */
function releasedToMembers(work: WorkBlurb, now = new Date().toISOString()): boolean {
  return work.visibility === 'registered' && work.publishedAt !== null && work.publishedAt <= now;
}

/** The chapters a viewer may open: creators see draft chapters, and chapters the moderators hid, too. */
export function readableChapters<C extends { draft: boolean; hidden: unknown }>(
  work: { chapters: C[] },
  creator: boolean,
): C[] {
  return work.chapters.filter((c) => creator || (!c.draft && !c.hidden));
}

/** A work as one viewer may read it. */
export interface ReadableWorkOf<W extends WorkBlurb = Work> {
  work: W;
  /** The viewer is one of its accepted creators. */
  creator: boolean;
}

/**
 * The outcome for a work this viewer may not read: a guest is asked to log in for a work released
 * to members (`action` says what for), anything else hidden is simply not there.
 */
export function refuseReading(work: WorkBlurb, viewer: Viewer, action: string): never {
  if (!viewer && releasedToMembers(work)) throw new LogInRequiredError({ what: REGISTERED_ONLY, action });
  throw new NotFoundError(NO_WORK);
}

/** Parses a work id from an address; anything but a positive integer is no work. */
export function workId(value: string | number, message = NO_WORK): number {
  const id = typeof value === 'number' ? value : /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!isRowId(id)) throw new NotFoundError(message);
  return id;
}

export class WorkAccess {
  constructor(private readonly store: Store) {}

  /**
   * The work if this viewer may read it; otherwise the outcome `refuseReading` gives. A work hidden
   * by the moderators stays readable to its creators and to staff, who review it; a work a
   * collection has not revealed, to its creators and that collection's owners and moderators.
   */
  async readable(viewer: Viewer, id: string | number, action = 'read it'): Promise<ReadableWorkOf> {
    const work = await this.load(id);
    if (viewer && !creatorUserIds(work).includes(viewer.id)) {
      if (work.hidden && (await this.isStaff(viewer))) return { work, creator: false };
      if (
        work.unrevealed &&
        canRead({ ...accessOf(work), unrevealed: false }, viewer) &&
        (await this.store.collections.maintainsCollectionOf(viewer.id, work.id))
      )
        return { work, creator: false };
    }
    return this.check(work, viewer, action);
  }

  private async isStaff(viewer: Member): Promise<boolean> {
    return powersOf(await this.store.roles.of(viewer.id)).moderate;
  }

  /** The work at this id, not yet checked: for use cases whose own rule builds on reading (kudos). */
  async load(id: string | number): Promise<Work> {
    const work = await this.store.works.find(workId(id));
    if (!work) throw new NotFoundError(NO_WORK);
    return work;
  }

  /** Whether this viewer may read the work: the rule as a yes or no, for lists of things that point at works. */
  mayRead(work: WorkBlurb, viewer: Viewer): boolean {
    return canRead(accessOf(work), viewer);
  }

  /** The rule applied to a work already loaded. */
  check<W extends WorkBlurb>(work: W, viewer: Viewer, action = 'read it'): ReadableWorkOf<W> {
    const access = accessOf(work);
    if (!canRead(access, viewer)) refuseReading(work, viewer, action);
    return { work, creator: isCreator(access, viewer) };
  }

  /**
   * A work only its accepted creators may change. Guests are asked to log in; hidden works stay
   * hidden from everyone else; visible ones say why not.
   */
  async owned(viewer: Viewer, id: string | number): Promise<{ work: Work; member: Member }> {
    const member = requireMember(viewer);
    const work = await this.load(id);
    if (!creatorUserIds(work).includes(member.id)) {
      if (!canRead(accessOf(work), member)) throw new NotFoundError(NO_WORK);
      throw new ForbiddenError("Only the work's creators can change it.");
    }
    return { work, member };
  }

  /**
   * Of a series' work ids, the works this viewer may see there, in the order given: a series names
   * its creator, so works a collection keeps anonymous are left out for everyone but their creators.
   */
  async inSeries(viewer: Viewer, ids: number[]): Promise<WorkBlurb[]> {
    return (await this.listable(viewer, ids)).filter((w) => namedTo(w, viewer));
  }

  /** Of these work ids, the works this viewer may see in a list, in the order given. */
  async listable(viewer: Viewer, ids: number[]): Promise<WorkBlurb[]> {
    if (ids.length === 0) return [];
    const { works } = await this.store.works.list({ viewerId: viewer?.id ?? null, ids, limit: ids.length });
    const byId = new Map(works.map((w) => [w.id, w]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }
}
