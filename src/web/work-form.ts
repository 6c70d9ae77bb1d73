import { checked, field } from './render.ts';
import type { WorkFormValues } from '../app/work-form.ts';
import type { RelatedRow } from '../domain/work-links.ts';

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
    seriesId: field(body, 'seriesId'),
    newSeriesTitle: field(body, 'newSeriesTitle'),
    coCreators: field(body, 'coCreators'),
    gifts: field(body, 'gifts'),
    betas: field(body, 'betas'),
    related: relatedRows(body),
  };
}

/** The related-work rows: three parallel repeated fields, in the order the form lists them. */
function relatedRows(body: unknown): RelatedRow[] {
  const relations = fieldList(body, 'relatedRelation');
  const targets = fieldList(body, 'relatedTarget');
  const titles = fieldList(body, 'relatedTitle');
  return targets
    .map((target, i) => ({ relation: relations[i] ?? '', target, title: titles[i] ?? '' }))
    .filter((row) => row.target.trim() !== '' || row.title.trim() !== '');
}
