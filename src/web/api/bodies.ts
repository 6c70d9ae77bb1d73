/**
 * JSON bodies of the write endpoints, checked for shape (types, unknown fields) before the same
 * rules as the posting forms check their content. Shape problems answer 400, content problems 422.
 */
import type { FastifyRequest } from 'fastify';
import type { WorkFormValues } from '../../app/work-form.ts';
import type { ChapterFormValues } from '../views/chapter-form.tsx';
import type { RelatedRow } from '../../domain/work-links.ts';
import { ApiError } from './errors.ts';

type Json = Record<string, unknown>;

const STRING_FIELDS = [
  'title',
  'summary',
  'notes',
  'endNotes',
  'disclaimer',
  'rating',
  'language',
  'visibility',
  'commentPolicy',
  'publishAt',
  'newSeriesTitle',
] as const;
const STRING_LIST_FIELDS = [
  'warnings',
  'categories',
  'fandoms',
  'relationships',
  'characters',
  'freeforms',
  'coCreators',
  'gifts',
  'betas',
] as const;
const BOOLEAN_FIELDS = ['moderated', 'complete', 'noindex', 'passageComments'] as const;
const WORK_FIELDS = [
  ...STRING_FIELDS,
  ...STRING_LIST_FIELDS,
  ...BOOLEAN_FIELDS,
  'expectedChapters',
  'creatorPseudIds',
  'seriesId',
  'related',
] as const;
export const NEW_WORK_FIELDS: readonly string[] = [...WORK_FIELDS, 'chapter'];
export const WORK_PATCH_FIELDS: readonly string[] = WORK_FIELDS.filter(
  (f) => f !== 'seriesId' && f !== 'newSeriesTitle',
);
export const CHAPTER_FIELDS: readonly string[] = ['title', 'summary', 'notes', 'endNotes', 'body', 'draft'];

/** The body as an object, after checking it is JSON. */
export function jsonObject(request: FastifyRequest): Json {
  const type = request.headers['content-type'] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(type))
    throw new ApiError(415, 'unsupported_media_type', 'Send the body as JSON, with Content-Type: application/json.');
  const body = request.body;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new ApiError(400, 'invalid_body', 'The body must be a JSON object.');
  return body as Json;
}

class ShapeErrors {
  readonly fields: Record<string, string> = {};
  add(field: string, message: string) {
    this.fields[field] ??= message;
  }
  throwIfAny() {
    const entries = Object.entries(this.fields);
    if (entries.length > 0) throw new ApiError(400, 'invalid_body', entries.map(([, m]) => m).join(' '), this.fields);
  }
}

function refuseUnknown(body: Json, known: readonly string[], errors: ShapeErrors, prefix = ''): void {
  for (const key of Object.keys(body))
    if (!known.includes(key))
      errors.add(`${prefix}${key}`, `Unknown field “${prefix}${key}”. Known fields: ${known.join(', ')}.`);
}

function stringList(value: unknown, field: string, errors: ShapeErrors): string[] | undefined {
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    errors.add(field, `${field} must be a list of strings.`);
    return undefined;
  }
  return value as string[];
}

/**
 * The fields of a work as the posting form would have sent them, for those present in the body.
 * Lists of tag names become the comma-separated text the form takes (tag names cannot hold commas).
 */
export function readWorkBody(body: Json, known: readonly string[]): Partial<WorkFormValues> & { chapter?: Json } {
  const errors = new ShapeErrors();
  refuseUnknown(body, known, errors);
  const values: Partial<WorkFormValues> & { chapter?: Json } = {};
  for (const field of STRING_FIELDS) {
    if (!(field in body) || !known.includes(field)) continue;
    if (typeof body[field] === 'string') values[field] = body[field] as string;
    else errors.add(field, `${field} must be a string.`);
  }
  for (const field of STRING_LIST_FIELDS) {
    if (!(field in body)) continue;
    const list = stringList(body[field], field, errors);
    if (!list) continue;
    if (field === 'warnings' || field === 'categories') values[field] = list;
    else values[field] = list.join(', ');
  }
  for (const field of BOOLEAN_FIELDS) {
    if (!(field in body)) continue;
    if (typeof body[field] === 'boolean') values[field] = body[field] as boolean;
    else errors.add(field, `${field} must be true or false.`);
  }
  if ('expectedChapters' in body) {
    const value = body.expectedChapters;
    if (value === null) values.expectedChapters = '?';
    else if (typeof value === 'number' && Number.isInteger(value)) values.expectedChapters = String(value);
    else errors.add('expectedChapters', 'expectedChapters must be a whole number, or null when not known yet.');
  }
  if ('creatorPseudIds' in body) {
    const value = body.creatorPseudIds;
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'number' || !Number.isSafeInteger(v)))
      errors.add('creatorPseudIds', 'creatorPseudIds must be a list of pen name ids.');
    else values.creatorPseudIds = value.map(String);
  }
  if ('seriesId' in body && known.includes('seriesId')) {
    const value = body.seriesId;
    if (value === null) values.seriesId = '';
    else if (typeof value === 'number' && Number.isSafeInteger(value)) values.seriesId = String(value);
    else errors.add('seriesId', 'seriesId must be the id of one of your series, or null.');
  }
  if ('related' in body) {
    const value = body.related;
    const rows: RelatedRow[] = [];
    if (!Array.isArray(value)) errors.add('related', 'related must be a list of { relation, target, title } objects.');
    else {
      for (const row of value) {
        const ok =
          typeof row === 'object' &&
          row !== null &&
          !Array.isArray(row) &&
          Object.keys(row).every((k) => ['relation', 'target', 'title'].includes(k)) &&
          Object.values(row).every((v) => typeof v === 'string');
        if (!ok)
          errors.add('related', 'related must be a list of { relation, target, title } objects with string values.');
        else
          rows.push({
            relation: ((row as Json).relation as string) ?? '',
            target: ((row as Json).target as string) ?? '',
            title: ((row as Json).title as string) ?? '',
          });
      }
      values.related = rows;
    }
  }
  if ('chapter' in body && known.includes('chapter')) {
    const chapter = body.chapter;
    if (typeof chapter !== 'object' || chapter === null || Array.isArray(chapter))
      errors.add('chapter', 'chapter must be an object with the first chapter’s body (and title).');
    else {
      const c = chapter as Json;
      refuseUnknown(c, ['title', 'body'], errors, 'chapter.');
      for (const key of ['title', 'body'] as const)
        if (key in c && typeof c[key] !== 'string') errors.add(`chapter.${key}`, `chapter.${key} must be a string.`);
      values.chapterTitle = typeof c.title === 'string' ? c.title : '';
      values.body = typeof c.body === 'string' ? c.body : '';
    }
  } else if (known.includes('chapter')) {
    errors.add('chapter', 'A new work needs its first chapter: chapter.body holds its text.');
  }
  errors.throwIfAny();
  return values;
}

/** A chapter sent to the API; `draft` keeps it from readers (the HTML form has a Save as draft button instead). */
export function readChapterBody(body: Json): ChapterFormValues & { draft: boolean } {
  const errors = new ShapeErrors();
  refuseUnknown(body, CHAPTER_FIELDS, errors);
  const text = (field: string) => {
    const value = body[field];
    if (value === undefined) return '';
    if (typeof value !== 'string') errors.add(field, `${field} must be a string.`);
    return typeof value === 'string' ? value : '';
  };
  const values = {
    title: text('title'),
    summary: text('summary'),
    notes: text('notes'),
    endNotes: text('endNotes'),
    body: text('body'),
    draft: false,
  };
  if ('draft' in body) {
    if (typeof body.draft === 'boolean') values.draft = body.draft;
    else errors.add('draft', 'draft must be true or false.');
  }
  errors.throwIfAny();
  return values;
}

/** Form field names in validation errors, renamed to where they are in the JSON body. */
export function bodyFieldErrors(fieldErrors: Record<string, string>, body: 'work' | 'chapter'): Record<string, string> {
  const renamed: Record<string, string> =
    body === 'work'
      ? { chapterTitle: 'chapter.title', body: 'chapter.body', creators: 'creatorPseudIds' }
      : { chapterTitle: 'title', chapterSummary: 'summary', chapterNotes: 'notes', chapterEndNotes: 'endNotes' };
  return Object.fromEntries(Object.entries(fieldErrors).map(([k, v]) => [renamed[k] ?? k, v]));
}
