/** A member's reading history and works marked for later. */
import { isRowId } from '../domain/ids.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { ReaderSettings } from '../domain/reading.ts';
import type { Reading, ReadingProgress, Work, WorkBlurb } from '../store/index.ts';
import { MAX_PARAGRAPH, readingState, type ReadingState } from '../domain/reading-progress.ts';
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

/** A work in a list, with how far the member read it (only for members who keep a history). */
export type ListedWork = WorkBlurb & { reading?: ReadingState };

/** A work on the home page's "Continue reading": where the member stopped in it. */
export interface ContinueReading {
  work: WorkBlurb;
  reading: ReadingState;
  /** The posted chapter last opened (null: the work page) and its place in the work. */
  chapterId: number | null;
  chapterPosition: number | null;
  paragraph: number | null;
}

/** Works the home page offers to go on with. */
export const CONTINUE_READING_COUNT = 5;

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
    const works = await this.withProgress(
      member,
      await this.deps.archive.access.listable(
        member,
        readings.map((r) => r.workId),
      ),
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

  /**
   * Keeps the paragraph of a chapter the member stopped at (their own reading row only), when
   * they keep a history and may read that chapter; returns whether it was kept. Creators' own
   * reading of their works is not kept, as their visits are not.
   */
  async savePosition(viewer: Viewer, workId: string, chapterId: string, paragraph: string): Promise<boolean> {
    const member = requireMember(viewer);
    const { work, creator } = await this.deps.archive.access.readable(member, workId);
    const chapter = work.chapters.find((c) => String(c.id) === chapterId.trim());
    if (!chapter || chapter.draft || chapter.hidden) throw new NotFoundError('That chapter is not part of this work.');
    const at = Number(paragraph);
    if (!/^\d+$/.test(paragraph.trim()) || !Number.isSafeInteger(at) || at < 1 || at > MAX_PARAGRAPH)
      throw new ValidationError({ paragraph: 'The paragraph must be a whole number from 1.' });
    if (creator) return false;
    return this.deps.store.readings.savePosition(member.id, work.id, chapter.id, at);
  }

  /**
   * The works of a list, each with how far the member read it ("Read", "Read to chapter 3 of 7",
   * "Updated since you read it"), looked up in one query; unchanged for guests and members who
   * keep no history. Every listing of works passes its page through here.
   */
  async withProgress<W extends WorkBlurb>(viewer: Viewer, works: W[]): Promise<(W & ListedWork)[]> {
    if (!viewer || works.length === 0) return works;
    const progress = await this.deps.store.readings.progress(
      viewer.id,
      works.map((w) => w.id),
    );
    if (progress.length === 0) return works;
    const byWork = new Map(progress.map((p) => [p.workId, p]));
    return works.map((work) => {
      const read = byWork.get(work.id);
      return read ? { ...work, reading: readingState(read, work) } : work;
    });
  }

  /** A list's page (anything with `works`), its works marked as `withProgress` marks them. */
  async inResult<R extends { works: WorkBlurb[] }>(viewer: Viewer, result: R): Promise<R> {
    return { ...result, works: await this.withProgress(viewer, result.works) };
  }

  /**
   * The home page's "Continue reading": the member's last read works they have not finished (or
   * that were updated since), newest first, that they may still read.
   */
  async continueReading(viewer: Viewer): Promise<ContinueReading[]> {
    if (!viewer) return [];
    // Finished works are skipped: look a little further back than the five shown.
    const recent = await this.deps.store.readings.recentProgress(viewer.id, CONTINUE_READING_COUNT * 10);
    if (recent.length === 0) return [];
    const works = await this.deps.archive.access.listable(
      viewer,
      recent.map((r) => r.workId),
    );
    const byId = new Map(works.map((w) => [w.id, w]));
    return recent
      .flatMap((read: ReadingProgress): ContinueReading[] => {
        const work = byId.get(read.workId);
        if (!work) return [];
        const reading = readingState(read, work);
        if (reading.state === 'read') return [];
        const { chapterId, chapterPosition, paragraph } = read;
        return [{ work, reading, chapterId, chapterPosition, paragraph }];
      })
      .slice(0, CONTINUE_READING_COUNT);
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
