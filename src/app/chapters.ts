/** Adding, changing, ordering and removing chapters. */
import { ForbiddenError, NotFoundError, ValidationError } from '../domain/errors.ts';
import type { ChapterInput } from '../domain/works.ts';
import { formatChapter, type ChapterContent } from '../text/work-text.ts';
import type { Chapter, ChapterSummary, Work, WorkBlurb } from '../store/index.ts';
import { creatorUserIds } from './access.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';
import { isScheduled, type PostingOutcome } from './work-form.ts';

const ONLY_CREATORS = "Only the work's creators can change its chapters.";

/** A chapter as its form sends it. */
export interface ChapterForm extends ChapterInput {
  /** Kept from readers until posted. */
  draft: boolean;
}

export class Chapters {
  constructor(private readonly deps: ModuleDeps) {}

  /** A work whose chapters this viewer may change: its accepted creators only (WorkAccess's rule, in chapter words). */
  async owned(viewer: Viewer, workId: string | number): Promise<Work> {
    try {
      return (await this.deps.archive.access.owned(viewer, workId)).work;
    } catch (error) {
      if (error instanceof ForbiddenError) throw new ForbiddenError(ONLY_CREATORS);
      throw error;
    }
  }

  /** A chapter of a work whose chapters this viewer may change, as the work lists it (for deleting, or saving its form). */
  async target(viewer: Viewer, workId: string, chapterId: string): Promise<{ work: Work; chapter: ChapterSummary }> {
    const work = await this.owned(viewer, workId);
    return { work, chapter: chapterOf(work, chapterId) };
  }

  /** A chapter with its text, for its creator's edit form. */
  async editable(viewer: Viewer, workId: string, chapterId: string): Promise<{ work: Work; chapter: Chapter }> {
    const { work, chapter } = await this.target(viewer, workId, chapterId);
    return { work, chapter: (await this.deps.store.works.chapter(work.id, chapter.id))! };
  }

  /** Adds a chapter (or a draft chapter) to the member's work, loaded with `owned`. Returns its id. */
  async add(viewer: Viewer, work: WorkBlurb, form: ChapterForm): Promise<number> {
    mayChange(viewer, work);
    await this.deps.archive.recovery.requireMayWrite(viewer, 'post');
    return this.deps.store.works.addChapter(work.id, formatChapter(form), form.draft);
  }

  /** Saves the member's changes to a chapter of their work. */
  async edit(viewer: Viewer, work: WorkBlurb, chapterId: number, form: ChapterForm): Promise<void> {
    mayChange(viewer, work);
    await this.deps.store.works.updateChapter(work.id, chapterId, formatChapter(form), form.draft);
  }

  /** The chapter form checked as posting would check it and rendered as readers will see it; nothing is saved. */
  preview(viewer: Viewer, work: WorkBlurb, form: ChapterInput): ChapterContent {
    mayChange(viewer, work);
    return formatChapter(form);
  }

  /** Adds a chapter from its form: posted, or kept as a draft (`action`). Returns it and what came of it. */
  async addFromForm(
    viewer: Viewer,
    work: WorkBlurb,
    form: ChapterInput,
    action: 'draft' | 'post',
  ): Promise<{ chapterId: number; outcome: PostingOutcome }> {
    const chapterId = await this.add(viewer, work, { ...form, draft: action === 'draft' });
    return { chapterId, outcome: await this.outcome(work.id, chapterId, true) };
  }

  /**
   * Saves a chapter from its form. With `action` 'draft' a draft chapter stays a draft and a posted
   * one goes back to being one, unless it is the last posted chapter of a posted work (readers would
   * be left with a work and nothing to read: the work itself goes back to drafts instead); with
   * 'post' it is posted.
   */
  async editFromForm(
    viewer: Viewer,
    work: Work,
    chapterId: number,
    form: ChapterInput,
    action: 'draft' | 'post',
  ): Promise<PostingOutcome> {
    const wasDraft = chapterOf(work, String(chapterId)).draft;
    const othersPosted = work.chapters.some((c) => c.id !== chapterId && !c.draft);
    if (action === 'draft' && !wasDraft && work.visibility !== 'draft' && !othersPosted)
      throw new ValidationError({
        action:
          'This is the only posted chapter of the work, so it cannot go back to drafts on its own. Return the whole work to drafts from its edit page, or save your changes.',
      });
    await this.edit(viewer, work, chapterId, { ...form, draft: action === 'draft' });
    return this.outcome(work.id, chapterId, wasDraft);
  }

  /** What saving a chapter came to for readers; `posting` when it was not posted before. */
  private async outcome(workId: number, chapterId: number, posting: boolean): Promise<PostingOutcome> {
    const [work, chapter] = await Promise.all([
      this.deps.store.works.find(workId),
      this.deps.store.works.chapter(workId, chapterId),
    ]);
    if (!work || !chapter || chapter.draft) return { kind: 'draft' };
    if (work.visibility === 'draft') return { kind: 'inDraftWork' };
    if (isScheduled(chapter.publishedAt)) return { kind: 'scheduled', at: chapter.publishedAt };
    return posting ? { kind: 'posted' } : { kind: 'saved' };
  }

  /** Deletes a chapter of the member's work; a work's only chapter stays (ValidationError). */
  async delete(viewer: Viewer, work: WorkBlurb, chapterId: number): Promise<void> {
    mayChange(viewer, work);
    await this.deps.store.works.deleteChapter(work.id, chapterId);
  }

  /** Puts the chapters of the member's work in the order of the numbers they gave each (every chapter, numbers 1 up, all different). */
  async reorder(viewer: Viewer, work: WorkBlurb, wanted: { id: number; position: number }[]): Promise<void> {
    mayChange(viewer, work);
    if (wanted.some((w) => !Number.isInteger(w.position) || w.position < 1))
      throw new ValidationError({ order: 'Chapter numbers are whole numbers from 1 up.' });
    if (new Set(wanted.map((w) => w.position)).size !== wanted.length)
      throw new ValidationError({ order: 'Give every chapter a different number.' });
    await this.deps.store.works.reorderChapters(
      work.id,
      [...wanted].sort((a, b) => a.position - b.position).map((w) => w.id),
    );
  }
}

/** The work's chapter with this id from an address. */
function chapterOf(work: Work, chapterId: string): ChapterSummary {
  const chapter = work.chapters.find((c) => String(c.id) === chapterId);
  if (!chapter) throw new NotFoundError('This work has no such chapter.');
  return chapter;
}

/** The check `owned` made, again for a work loaded earlier in the request. */
function mayChange(viewer: Viewer, work: WorkBlurb): void {
  if (!creatorUserIds(work).includes(requireMember(viewer).id)) throw new ForbiddenError(ONLY_CREATORS);
}
