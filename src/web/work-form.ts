import { checked, field } from './render.ts';
import { validateWork, type WorkFields } from '../domain/works.ts';
import { ValidationError } from '../domain/errors.ts';
import { formatChapter, formatWorkFields } from '../text/work-text.ts';
import type { ChapterContent } from '../text/work-text.ts';
import type { Pseud, Series } from '../store/index.ts';
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

/** Checks the whole form at once, so the writer sees every problem in one round. */
export function validateWorkForm(
  values: WorkFormValues,
  ownPseuds: Pseud[],
  withChapter: boolean,
  ownSeries: Series[] = [],
  knownErrors: Record<string, string> = {},
) {
  const errors: Record<string, string> = { ...knownErrors };
  const newSeriesTitle = values.newSeriesTitle.replace(/\s+/g, ' ').trim();
  const seriesId = values.seriesId === '' ? undefined : ownSeries.find((s) => String(s.id) === values.seriesId)?.id;
  if (values.seriesId !== '' && seriesId === undefined) errors.seriesId = 'Choose one of your own series.';
  if (newSeriesTitle && seriesId !== undefined)
    errors.newSeriesTitle = 'Choose an existing series or start a new one, not both.';
  if ([...newSeriesTitle].length > 255) errors.newSeriesTitle = 'Series titles are at most 255 characters.';
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
  return {
    fields: fields!,
    chapter,
    creatorPseudIds,
    series: seriesId !== undefined ? { id: seriesId } : newSeriesTitle ? { title: newSeriesTitle } : undefined,
  };
}
