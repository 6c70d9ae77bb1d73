/**
 * The "Import a work" forms: what the writer sent (files or pasted text), their corrections to
 * the preview and their posting choices (what an import keeps is in app/import-state.ts).
 */
import { ValidationError } from '../domain/errors.ts';
import { MAX_IMPORT_BYTES, type ImportFile } from '../text/import/index.ts';
import type { Corrections } from '../text/import/corrections.ts';
import type { PartName } from '../text/import/parts.ts';
import { PASTED_NAME, type ImportChoices } from '../app/import-state.ts';
import { checked, field } from './render.ts';
import { fieldList } from './work-form.ts';
import { ReceivedUpload, takeFiles, UPLOADS, type UploadLimits } from './multipart.ts';

/** Files together may be this large; each file may be MAX_IMPORT_BYTES. */
export const MAX_UPLOAD_FILES = 50;
export const MAX_UPLOAD_BYTES = 4 * MAX_IMPORT_BYTES;

/**
 * What a multipart upload may hold: files of MAX_IMPORT_BYTES each and MAX_UPLOAD_BYTES together,
 * pasted text of MAX_IMPORT_BYTES, and room for the form's framing (part headers, file names,
 * the token and the pen name).
 */
export const UPLOAD_LIMITS: UploadLimits = {
  fileBytes: MAX_IMPORT_BYTES,
  files: MAX_UPLOAD_FILES,
  fieldBytes: MAX_IMPORT_BYTES,
  requestBytes: MAX_UPLOAD_BYTES + 1024 * 1024,
};

/**
 * The largest plain (urlencoded) upload form: pasted text at the limit percent-encoded, three
 * characters a byte at worst, and the other fields. A larger one holds more text than the limit.
 */
export const MAX_PLAIN_FORM_BYTES = 3 * MAX_IMPORT_BYTES + 64 * 1024;

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(bytes < 1048576 ? 2 : 1)} MB`;

export const TOO_MANY_FILES = `Upload at most ${MAX_UPLOAD_FILES} files at once (they become the chapters of one work).`;
export const TOO_MUCH_IN_ALL = `What you sent is over ${MAX_UPLOAD_BYTES / 1048576} MB in all. Upload fewer files at a time, or split the story into chapters.`;
export const PASTED_TOO_LONG = `The pasted text is over ${mb(MAX_IMPORT_BYTES)}, the limit: import it in parts, or upload the chapters as files.`;

export interface UploadForm {
  pseudId: string;
  /** Pasted text, exactly as sent, to show again if the import fails. */
  text: string;
}

/** The files of a multipart form as received (none for a plain form). */
function receivedFiles(body: unknown): ReceivedUpload | undefined {
  const received = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[UPLOADS] : undefined;
  return received instanceof ReceivedUpload ? received : undefined;
}

/**
 * The pasted text or uploaded files as import input; a clear error for nothing, both, or too much.
 * Files are checked by their sizes as received, then read from where they were kept.
 */
export async function readUpload(body: unknown): Promise<{ form: UploadForm; files: ImportFile[] }> {
  const form = { pseudId: field(body, 'pseudId'), text: field(body, 'text') };
  const received = receivedFiles(body);
  // A file input left empty still sends a part with no name and no bytes.
  const files = (received?.files ?? []).filter((f) => f.name !== '' || f.size > 0);
  const pasted = form.text.trim() !== '';
  if (files.length > 0 && pasted)
    throw new ValidationError({
      text: 'Upload files or paste text, not both: clear the text box, or leave the file choice empty.',
    });
  if (files.length === 0 && !pasted)
    throw new ValidationError({ text: 'Choose a file to upload or paste the story into the box.' });
  if (files.length > MAX_UPLOAD_FILES) throw new ValidationError({ files: TOO_MANY_FILES });
  for (const file of files) {
    if (file.size > MAX_IMPORT_BYTES)
      throw new UploadTooLarge(
        `${file.name} is ${mb(file.size)}; each file may be at most ${mb(MAX_IMPORT_BYTES)}. Split it into chapters and upload them together.`,
      );
  }
  if (files.reduce((sum, f) => sum + f.size, 0) > MAX_UPLOAD_BYTES) throw new UploadTooLarge(TOO_MUCH_IN_ALL);
  if (pasted) {
    // Cut at the limit as it arrived: the box shows what was kept.
    if (received?.truncated.includes('text'))
      throw new UploadTooLarge(`${PASTED_TOO_LONG} The box below holds its first ${mb(MAX_IMPORT_BYTES)}.`);
    const bytes = Buffer.from(form.text, 'utf8');
    if (bytes.length > MAX_IMPORT_BYTES)
      throw new UploadTooLarge(
        `The pasted text is ${mb(bytes.length)}; the limit is ${mb(MAX_IMPORT_BYTES)}. Import it in parts, or upload the chapters as files.`,
      );
    return { form, files: [{ name: PASTED_NAME, bytes }] };
  }
  return { form, files: received ? await takeFiles(received, files) : [] };
}

export class UploadTooLarge extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UploadTooLarge';
  }
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
    // A preview page opened before the field was there sends none: the box decides, as it did.
    ...(typeof body === 'object' && body !== null && 'expectedChapters' in body
      ? { expectedChapters: field(body, 'expectedChapters') }
      : {}),
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
