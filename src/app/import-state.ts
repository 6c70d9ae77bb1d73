/**
 * What an import in progress keeps between requests, and the rules that turn it into a posting:
 * the choices the import suggests, and the work as it will be posted.
 */
import { ValidationError } from '../domain/errors.ts';
import { LANGUAGES, type WorkFields } from '../domain/works.ts';
import type { ChapterContent } from '../text/work-text.ts';
import type { ImportedWork } from '../text/import/index.ts';
import { workTitle, type CorrectablePreview } from '../text/import/corrections.ts';
import {
  expectedChaptersOf,
  importedChapters,
  importedParts,
  importedWorkFields,
  suggestedProgress,
} from '../text/import/posting.ts';
import type { Pseud } from '../store/index.ts';

/** What the writer chooses before posting; the parts themselves come from the preview. */
export interface ImportChoices {
  pseudId: string;
  rating: string;
  warnings: string[];
  categories: string[];
  fandoms: string;
  relationships: string;
  characters: string;
  freeforms: string;
  language: string;
  /** 'public' or 'registered'; "Save as draft" posts as a draft whatever this says. */
  visibility: string;
  commentPolicy: string;
  complete: boolean;
  /** As the posting form has it: a number, or "?". Imports stored before it was asked have none. */
  expectedChapters?: string;
}

/** What an import keeps between requests (stored as JSON, private to its writer). */
export interface ImportState {
  files: string[];
  preview: CorrectablePreview;
  choices: ImportChoices;
}

/** The file name pasted text is imported under. */
export const PASTED_NAME = 'pasted text';

/** The title an import is listed under while in progress. */
export function listingTitle(state: ImportState): string {
  const title = workTitle(state.preview);
  if (title) return title;
  return state.files[0] === PASTED_NAME ? '' : state.files.join(', ');
}

export function ownPseudId(pseuds: Pseud[], chosen: string): number | undefined {
  return pseuds.find((p) => String(p.id) === chosen)?.id;
}

/** The posting choices the import suggests: what the file states, the writer's default pen name. */
export function initialChoices(work: ImportedWork, pseudId: number): ImportChoices {
  const { tags } = work;
  const known = LANGUAGES.some(([code]) => code === work.language);
  return {
    pseudId: String(pseudId),
    rating: tags.rating ?? '',
    warnings: tags.warnings,
    categories: tags.categories,
    fandoms: tags.fandoms.join(', '),
    relationships: tags.relationships.join(', '),
    characters: tags.characters.join(', '),
    freeforms: tags.freeforms.join(', '),
    language: known ? work.language : 'en',
    visibility: 'public',
    commentPolicy: 'everyone',
    ...suggestedProgress(work),
  };
}

/** The expected chapters: as chosen, or for an import stored before the field was asked, from the box and the file. */
export function expectedChapters(work: ImportedWork, choices: ImportChoices): string {
  return choices.expectedChapters ?? expectedChaptersOf(work, choices.complete);
}

/** The revision a preview form was made from, as sent. */
export function parseRevision(value: string): number {
  const revision = Number(value);
  if (!Number.isSafeInteger(revision) || revision < 1)
    throw new ValidationError({ revision: 'The form is missing its revision; reload the preview and try again.' });
  return revision;
}

export interface ImportPosting {
  fields: WorkFields;
  chapters: ChapterContent[];
  creatorPseudIds: number[];
}

/**
 * The work as it will be posted, checked by the posting form's rules; every problem at once,
 * keyed by the field the preview page shows it at.
 */
export function importPosting(
  work: ImportedWork,
  choices: ImportChoices,
  pseuds: Pseud[],
  draft: boolean,
): ImportPosting {
  const errors: Record<string, string> = {};
  const pseudId = ownPseudId(pseuds, choices.pseudId);
  if (pseudId === undefined) errors.pseudId = 'Choose one of your pen names.';
  let fields: WorkFields | undefined;
  let chapters: ChapterContent[] = [];
  try {
    fields = importedWorkFields({
      ...importedParts(work),
      rating: choices.rating,
      warnings: choices.warnings,
      categories: choices.categories,
      fandoms: choices.fandoms,
      relationships: choices.relationships,
      characters: choices.characters,
      freeforms: choices.freeforms,
      language: choices.language,
      visibility: draft ? 'draft' : choices.visibility,
      commentPolicy: choices.commentPolicy,
      moderated: false,
      expectedChapters: expectedChapters(work, choices),
      complete: choices.complete,
      publishAt: '',
    });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  try {
    chapters = importedChapters(work);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { fields: fields!, chapters, creatorPseudIds: [pseudId!] };
}
