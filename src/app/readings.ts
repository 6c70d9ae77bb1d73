/** A member's reading history and works marked for later. */
import { isRowId } from '../domain/ids.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import type { ReaderSettings } from '../domain/reading.ts';
import type { Reading, Work, WorkBlurb } from '../store/index.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Member, type Viewer } from './viewer.ts';

export const READINGS_PAGE_SIZE = 20;

/** One work in a member's history, as they may still read it. */
export interface HistoryEntry {
  reading: Reading;
  work: WorkBlurb;
}

/** One page of a member's history. */
export interface History {
  login: string;
  entries: HistoryEntry[];
  /** Entries in the whole history (or the works marked for later). */
  total: number;
  keepsHistory: boolean;
}

export class Readings {
  constructor(private readonly deps: ModuleDeps) {}

  /** One page of a member's own history (or of the works marked for later); nobody else sees it. */
  async history(
    viewer: Viewer,
    login: string,
    { forLater, page }: { forLater: boolean; page: number },
  ): Promise<History> {
    const member = await this.ownHistory(viewer, login);
    const { store } = this.deps;
    const [{ readings, total }, keepsHistory] = await Promise.all([
      store.readings.list(member.id, { forLater, limit: READINGS_PAGE_SIZE, offset: (page - 1) * READINGS_PAGE_SIZE }),
      store.readings.keepsHistory(member.id),
    ]);
    const works = await this.deps.archive.access.listable(
      member,
      readings.map((r) => r.workId),
    );
    const entries = readings.flatMap((reading): HistoryEntry[] => {
      const work = works.find((w) => w.id === reading.workId);
      return work ? [{ reading, work }] : [];
    });
    return { login: member.login, entries, total, keepsHistory };
  }

  /** Deletes one work from a member's own history; returns the member. */
  async forget(viewer: Viewer, login: string, workId: string): Promise<Member> {
    const member = await this.ownHistory(viewer, login);
    const id = Number(workId);
    if (!isRowId(id) || !(await this.deps.store.readings.remove(member.id, id)))
      throw new NotFoundError('That work is not in your history.');
    return member;
  }

  /** Empties a member's own history; returns the member. */
  async clear(viewer: Viewer, login: string): Promise<Member> {
    const member = await this.ownHistory(viewer, login);
    await this.deps.store.readings.clear(member.id);
    return member;
  }

  /** Turns a member's own history on or off (what is there stays until cleared); returns the member. */
  async keepHistory(viewer: Viewer, login: string, keep: boolean): Promise<Member> {
    const member = await this.ownHistory(viewer, login);
    await this.deps.store.readings.setKeepsHistory(member.id, keep);
    return member;
  }

  /**
   * Marks a work the member may read for later, or as read. `marked` is false, and nothing
   * changes, when they keep no history.
   */
  async mark(viewer: Viewer, id: string, later: boolean): Promise<{ work: Work; marked: boolean }> {
    const member = requireMember(viewer);
    const { work } = await this.deps.archive.access.readable(member, id);
    const { store } = this.deps;
    if (!(await store.readings.keepsHistory(member.id))) return { work, marked: false };
    await store.readings.markForLater(member.id, work.id, later);
    return { work, marked: true };
  }

  /**
   * Records a member's visit to a work they opened (not for its creators) and tells whether it is
   * marked for later; undefined for guests and members who keep no history.
   */
  async visit(
    viewer: Viewer,
    workId: number,
    chapterId: number | null,
    creator: boolean,
  ): Promise<boolean | undefined> {
    if (!viewer) return undefined;
    const { store } = this.deps;
    if (!creator) await store.readings.record(viewer.id, workId, chapterId);
    const state = await store.readings.stateFor(viewer.id, workId);
    return state.keepsHistory ? state.markedForLater : undefined;
  }

  /** Keeps a member's reader settings with their account; a guest's live only in their browser. */
  async saveReaderSettings(viewer: Viewer, settings: ReaderSettings): Promise<void> {
    if (viewer) await this.deps.store.settings.saveReaderSettings(viewer.id, settings);
  }

  /** The member, when the history of this login is theirs. */
  private async ownHistory(viewer: Viewer, login: string): Promise<Member> {
    const member = requireMember(viewer);
    const user = await this.deps.store.users.findByLogin(login);
    if (!user) throw new NotFoundError('There is no user by that name.');
    if (user.id !== member.id)
      throw new ForbiddenError('A reading history is private: only its owner can see or change it.');
    return member;
  }
}
