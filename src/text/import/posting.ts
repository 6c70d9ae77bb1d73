/**
 * An imported work as the posting form would have been filled in: the work's fields (plain-text
 * parts become safe HTML paragraphs; the limits apply to what the writer wrote) and every chapter,
 * ready for WorkStore.create. Shared by `bin/quire import` and the web "Import a work" page.
 */
import { ValidationError } from '../../domain/errors.ts';
import { validateWork, type WorkFields, type WorkInput } from '../../domain/works.ts';
import { formatChapter, formatWorkFields, type ChapterContent } from '../work-text.ts';
import { plainTextToHtml, type ImportedWork } from './work.ts';

/** The parts the import found, as the form's plain-text fields. */
export function importedParts(
  work: ImportedWork,
): Pick<WorkInput, 'title' | 'summary' | 'notes' | 'endNotes' | 'disclaimer'> {
  return {
    title: work.title ?? '',
    summary: work.summary ?? '',
    notes: work.notes.beginning ?? '',
    endNotes: work.notes.end ?? '',
    disclaimer: work.disclaimer ?? '',
  };
}

/**
 * Complete or in progress, and the chapters expected, as the posting form first says them: what
 * the file says; when it says nothing, complete unless the story seems cut off.
 */
export function suggestedProgress(work: ImportedWork): Pick<WorkInput, 'complete' | 'expectedChapters'> {
  const complete = work.complete ?? !work.warnings.some((w) => w.code === 'truncated');
  return { complete, expectedChapters: expectedChaptersOf(work, complete) };
}

/** A complete work has the chapters imported; one in progress, the chapters the file says it will have ("Chapters: 3/10"), or "?". */
export function expectedChaptersOf(work: ImportedWork, complete: boolean): string {
  const posted = work.chapters.length;
  const stated = work.status?.expectedChapters ?? null;
  if (complete) return String(posted);
  return stated === null ? '?' : String(Math.max(stated, posted));
}

/** Validates the work's fields; errors are keyed by the posting form's field names. */
export function importedWorkFields(input: WorkInput): WorkFields {
  const plain = validateWork(input);
  return formatWorkFields({
    ...plain,
    summary: plainTextToHtml(plain.summary),
    notes: plainTextToHtml(plain.notes),
    endNotes: plainTextToHtml(plain.endNotes),
    disclaimer: plainTextToHtml(plain.disclaimer),
  });
}

/** Every chapter ready to store; a chapter that cannot be posted gives an error keyed `chapter-N` (1-based). */
export function importedChapters(work: ImportedWork): ChapterContent[] {
  const errors: Record<string, string> = {};
  const chapters = work.chapters.map((chapter, index) => {
    try {
      return formatChapter({
        title: chapter.title ?? '',
        summary: '',
        notes: plainTextToHtml(chapter.notes.beginning ?? ''),
        endNotes: plainTextToHtml(chapter.notes.end ?? ''),
        body: chapter.html,
      });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      const name = work.chapters.length > 1 ? `Chapter ${index + 1}` : 'The work';
      const problems = Object.entries(error.fieldErrors).map(([field, message]) =>
        field === 'body' && message.startsWith('The chapter has no text')
          ? `${name} has no story text: make a piece of it story text.`
          : `${name}: ${message}`,
      );
      errors[`chapter-${index + 1}`] = problems.join(' ');
      return undefined;
    }
  });
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return chapters as ChapterContent[];
}
