import { ValidationError } from './errors.ts';

/** How long a form sent after the session expired waits for its writer to log in again. */
export const PENDING_FORM_HOURS = 24;

/**
 * A form's fields as the form body parses them: one string per field, or every value of a
 * repeated field (checkbox groups). Kept so a form can be shown again exactly as typed.
 */
export type FormPayload = Record<string, string | string[]>;

/**
 * A form key names one form page by its path: the writer's unposted text for that form is
 * kept under it (per user), and the writer is sent back there to finish it.
 */
export type FormKey = string;

const FORM_KEY = /^\/works\/(?:new|(\d{1,15})\/edit|(\d{1,15})\/chapters\/new|(\d{1,15})\/chapters\/(\d{1,15})\/edit)$/;

/** Ids as numbers, or as they came in a URL (an ill-formed one makes a key that isFormKey refuses). */
export function workFormKey(workId?: number | string): FormKey {
  return workId === undefined ? '/works/new' : `/works/${workId}/edit`;
}

export function chapterFormKey(workId: number | string, chapterId?: number | string): FormKey {
  return chapterId === undefined ? `/works/${workId}/chapters/new` : `/works/${workId}/chapters/${chapterId}/edit`;
}

/** What a form key points at: a new work, or the work (and chapter) it edits or adds to. */
export function parseFormKey(key: string): { workId?: number; chapterId?: number } | undefined {
  const match = FORM_KEY.exec(key);
  if (!match) return undefined;
  const workId = match[1] ?? match[2] ?? match[3];
  return {
    workId: workId === undefined ? undefined : Number(workId),
    chapterId: match[4] === undefined ? undefined : Number(match[4]),
  };
}

export function isFormKey(key: string): boolean {
  return parseFormKey(key) !== undefined;
}

/**
 * Fields never kept: the CSRF token belongs to the page it came from, and so do the spam check's
 * time and honeypot (src/app/form-time.ts).
 */
const NOT_KEPT = new Set(['_csrf', 'shownAt', 'website']);

/** Generous: a whole chapter at its length limit, in four-byte characters, plus every other field. */
export const MAX_PAYLOAD_CHARS = 2_500_000;
export const MAX_FIELDS = 500;

/**
 * The fields of a posted form body, ready to keep. The whole form is kept (not a list of
 * known fields), so fields added to the forms later are kept too.
 */
export function formPayloadOf(body: unknown): FormPayload {
  const refuse = (message: string) => new ValidationError({ form: message });
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw refuse('Send the form’s fields as a form.');
  // No prototype, so a field named __proto__ is kept as a field like any other.
  const payload: FormPayload = Object.create(null);
  let size = 0;
  let count = 0;
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (NOT_KEPT.has(name)) continue;
    if (++count > MAX_FIELDS) throw refuse('The form has more fields than the archive keeps.');
    if (typeof value === 'string') payload[name] = value;
    else if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) payload[name] = value;
    else throw refuse(`The field “${name.slice(0, 50)}” is not text.`);
    size +=
      name.length +
      (typeof value === 'string' ? value.length : value.reduce((sum: number, v: string) => sum + v.length, 0));
    if (size > MAX_PAYLOAD_CHARS)
      throw refuse('The form is longer than the archive can keep. Shorten the text and save again.');
  }
  return payload;
}
