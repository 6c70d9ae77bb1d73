/**
 * The "Import a work" forms: what the writer sent (files or pasted text), their corrections to
 * the preview and their posting choices, and what an import keeps between requests.
 */
import { ValidationError } from '../domain/errors.ts';
import { LANGUAGES, type WorkFields } from '../domain/works.ts';
import type { ChapterContent } from '../text/work-text.ts';
import { MAX_IMPORT_BYTES, type ImportedWork, type ImportFile } from '../text/import/index.ts';
import { type CorrectablePreview, type Corrections } from '../text/import/corrections.ts';
import type { PartName } from '../text/import/parts.ts';
import { importedChapters, importedParts, importedWorkFields } from '../text/import/posting.ts';
import type { Pseud } from '../store/index.ts';
import { checked, field } from './render.ts';
import { fieldList } from './work-form.ts';

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
}

/** What an import keeps between requests (stored as JSON, private to its writer). */
export interface ImportState {
  files: string[];
  preview: CorrectablePreview;
  choices: ImportChoices;
}

/** Files together may be this large; each file may be MAX_IMPORT_BYTES. */
export const MAX_UPLOAD_FILES = 50;
export const MAX_UPLOAD_BYTES = 4 * MAX_IMPORT_BYTES;
export const PASTED_NAME = 'pasted text';

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1)} MB`;

/** Files arrive under this key of a parsed multipart body. */
export const UPLOADS = 'uploads';

export interface UploadForm {
  pseudId: string;
  /** Pasted text, exactly as sent, to show again if the import fails. */
  text: string;
}

/** The pasted text or uploaded files as import input; a clear error for nothing, both, or too much. */
export function readUpload(body: unknown): { form: UploadForm; files: ImportFile[] } {
  const form = { pseudId: field(body, 'pseudId'), text: field(body, 'text') };
  const uploaded = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[UPLOADS] : undefined;
  const files = (Array.isArray(uploaded) ? (uploaded as unknown[]) : [])
    .filter(
      (f): f is ImportFile => typeof f === 'object' && f !== null && (f as ImportFile).bytes instanceof Uint8Array,
    )
    // A file input left empty still sends a part with no name and no bytes.
    .filter((f) => f.name !== '' || f.bytes.length > 0);
  const pasted = form.text.trim() !== '';
  if (files.length > 0 && pasted)
    throw new ValidationError({
      text: 'Upload files or paste text, not both: clear the text box, or leave the file choice empty.',
    });
  if (files.length === 0 && !pasted)
    throw new ValidationError({ text: 'Choose a file to upload or paste the story into the box.' });
  if (files.length > MAX_UPLOAD_FILES)
    throw new ValidationError({
      files: `Upload at most ${MAX_UPLOAD_FILES} files at once (they become the chapters of one work).`,
    });
  for (const file of files) {
    if (file.bytes.length > MAX_IMPORT_BYTES)
      throw new UploadTooLarge(
        `${file.name} is ${mb(file.bytes.length)}; each file may be at most ${mb(MAX_IMPORT_BYTES)}. Split it into chapters and upload them together.`,
      );
  }
  if (pasted) {
    const bytes = Buffer.from(form.text, 'utf8');
    if (bytes.length > MAX_IMPORT_BYTES)
      throw new UploadTooLarge(
        `The pasted text is ${mb(bytes.length)}; the limit is ${mb(MAX_IMPORT_BYTES)}. Import it in parts, or upload the chapters as files.`,
      );
    return { form, files: [{ name: PASTED_NAME, bytes }] };
  }
  return { form, files };
}

export class UploadTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadTooLarge';
  }
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
    complete: !work.warnings.some((w) => w.code === 'truncated'),
  };
}

export function readChoices(body: unknown): ImportChoices {
  return {
    pseudId: field(body, 'pseudId'),
    rating: field(body, 'rating'),
    warnings: fieldList(body, 'warnings'),
    categories: fieldList(body, 'categories'),
    fandoms: field(body, 'fandoms'),
    relationships: field(body, 'relationships'),
    characters: field(body, 'characters'),
    freeforms: field(body, 'freeforms'),
    language: field(body, 'language'),
    visibility: field(body, 'visibility') === 'registered' ? 'registered' : 'public',
    commentPolicy: field(body, 'commentPolicy'),
    complete: checked(body, 'complete'),
  };
}

/** The preview form's corrections: `part-N` selects, the `title` field and `chapterTitle-N` fields. */
export function readCorrections(body: unknown): Corrections {
  const corrections: Corrections = { parts: new Map(), chapterTitles: new Map() };
  if (typeof body !== 'object' || body === null) return corrections;
  for (const name of Object.keys(body)) {
    const part = /^part-(\d+)$/.exec(name);
    if (part) corrections.parts.set(Number(part[1]), field(body, name) as PartName);
    const chapter = /^chapterTitle-(\d+)$/.exec(name);
    if (chapter) corrections.chapterTitles.set(Number(chapter[1]), field(body, name));
  }
  if ('title' in body) corrections.title = field(body, 'title');
  return corrections;
}

export function readRevision(body: unknown): number {
  const revision = Number(field(body, 'revision'));
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
      expectedChapters: choices.complete ? String(work.chapters.length) : '?',
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
