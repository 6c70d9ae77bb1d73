import { checked, field } from './render.ts';
import { validateChapter, validateWork, type WorkFields } from '../domain/works.ts';
import { ValidationError } from '../domain/errors.ts';
import { countWordsInHtml } from '../domain/wordcount.ts';
import { formatUserText } from '../text/sanitize.ts';
import type { ChapterContent } from '../store/works.ts';
import type { Pseud } from '../store/index.ts';
import type { WorkFormValues } from './views/work-form.tsx';

/** Every value of a repeated form field (checkbox groups). */
export function fieldList(body: unknown, name: string): string[] {
  if (typeof body !== 'object' || body === null) return [];
  const value = (body as Record<string, unknown>)[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

/** The posting form exactly as typed, to validate or to show again. */
export function readWorkForm(body: unknown): WorkFormValues {
  return {
    title: field(body, 'title'),
    summary: field(body, 'summary'),
    notes: field(body, 'notes'),
    endNotes: field(body, 'endNotes'),
    disclaimer: field(body, 'disclaimer'),
    rating: field(body, 'rating'),
    warnings: fieldList(body, 'warnings'),
    categories: fieldList(body, 'categories'),
    fandoms: field(body, 'fandoms'),
    relationships: field(body, 'relationships'),
    characters: field(body, 'characters'),
    freeforms: field(body, 'freeforms'),
    language: field(body, 'language'),
    visibility: field(body, 'visibility'),
    commentPolicy: field(body, 'commentPolicy'),
    moderated: checked(body, 'moderated'),
    expectedChapters: field(body, 'expectedChapters'),
    complete: checked(body, 'complete'),
    publishAt: field(body, 'publishAt'),
    creatorPseudIds: fieldList(body, 'creatorPseudIds'),
    chapterTitle: field(body, 'chapterTitle'),
    body: field(body, 'body'),
  };
}

/** Turns the HTML fields of validated work fields into sanitized HTML. */
export function formatWorkFields(fields: WorkFields): WorkFields {
  return {
    ...fields,
    summary: formatUserText(fields.summary),
    notes: formatUserText(fields.notes),
    endNotes: formatUserText(fields.endNotes),
    disclaimer: formatUserText(fields.disclaimer),
  };
}

export function formatChapter(input: { title: string; summary: string; notes: string; endNotes: string; body: string }): ChapterContent {
  const chapter = validateChapter(input);
  const body = formatUserText(chapter.body);
  if (body === '') throw new ValidationError({ body: 'The chapter has no text left once unsafe markup is removed.' });
  return {
    title: chapter.title,
    summary: formatUserText(chapter.summary),
    notes: formatUserText(chapter.notes),
    endNotes: formatUserText(chapter.endNotes),
    body,
    wordCount: countWordsInHtml(body),
  };
}

/** Checks the whole form at once, so the writer sees every problem in one round. */
export function validateWorkForm(values: WorkFormValues, ownPseuds: Pseud[], withChapter: boolean) {
  const errors: Record<string, string> = {};
  let fields: WorkFields | undefined;
  let chapter: ChapterContent | undefined;
  try {
    fields = formatWorkFields(validateWork(values));
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    Object.assign(errors, error.fieldErrors);
  }
  const ownIds = new Set(ownPseuds.map((p) => String(p.id)));
  const creatorPseudIds = [...new Set(values.creatorPseudIds)].filter((id) => ownIds.has(id)).map(Number);
  if (creatorPseudIds.length === 0) errors.creators = 'Choose at least one of your pen names as creator.';
  if (withChapter) {
    try {
      chapter = formatChapter({ title: values.chapterTitle, summary: '', notes: '', endNotes: '', body: values.body });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      Object.assign(errors, error.fieldErrors);
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { fields: fields!, chapter, creatorPseudIds };
}
