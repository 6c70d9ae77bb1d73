import { checked, field } from './render.ts';
import type { PostingAction, PostingOutcome, WorkFormValues } from '../app/work-form.ts';
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
    noindex: checked(body, 'noindex'),
    passageComments: checked(body, 'passageComments'),
    creatorPseudIds: fieldList(body, 'creatorPseudIds'),
    chapterTitle: field(body, 'chapterTitle'),
    body: field(body, 'body'),
    seriesId: field(body, 'seriesId'),
    newSeriesTitle: field(body, 'newSeriesTitle'),
    // Left out when the form had no such field (an older page, a script): its collections stay as they are.
    ...(typeof body === 'object' && body !== null && 'collections' in body
      ? { collections: field(body, 'collections') }
      : {}),
    ...(field(body, 'prompt') !== '' ? { promptId: field(body, 'prompt') } : {}),
    ...(field(body, 'assignment') !== '' ? { assignmentId: field(body, 'assignment') } : {}),
    coCreators: field(body, 'coCreators'),
    gifts: field(body, 'gifts'),
    betas: field(body, 'betas'),
    related: relatedRows(body),
    spamCheck: { website: field(body, 'website'), shownAt: field(body, 'shownAt') },
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

/**
 * Which of the form's buttons sent it. A form sent without one (a page from before the buttons, a
 * script) posts, unless it asked for a draft the old way (`draft=1`, `visibility=draft`): a draft
 * is never published by accident.
 */
export function readPostingAction(body: unknown): PostingAction {
  const action = field(body, 'action');
  if (action === 'preview' || action === 'draft') return action;
  if (action === '' && (field(body, 'draft') === '1' || field(body, 'visibility') === 'draft')) return 'draft';
  return 'post';
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "4 January 2027, 18:00 UTC": publication dates are typed and shown in UTC. */
export function publicationTime(iso: string): string {
  const at = new Date(iso);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}, ${two(at.getUTCHours())}:${two(at.getUTCMinutes())} UTC`;
}

/** The message after Save as draft, Post or Save changes; `what` is "work" or "chapter". */
export function postingMessage(outcome: PostingOutcome, what: 'work' | 'chapter'): string {
  switch (outcome.kind) {
    case 'draft':
      return what === 'work'
        ? 'Saved as a draft. Only the work’s creators can see it until you post it.'
        : 'Saved as a draft. Readers do not see this chapter until you post it.';
    case 'scheduled':
      return `${what === 'work' ? 'Your work' : 'The chapter'} is scheduled: readers will see it from ${publicationTime(outcome.at)}.`;
    case 'posted':
      return what === 'work' ? 'Your work was posted.' : 'The chapter was posted.';
    case 'inDraftWork':
      return 'The chapter is saved. The work is still a draft: readers see the chapter once you post the work.';
    case 'held':
      return 'Your work is saved and waits for a moderator: the archive’s spam check held it. Only you and the archive’s staff see it until a moderator lets readers see it.';
    case 'saved':
      return what === 'work' ? 'Your changes were saved.' : 'The chapter was saved.';
  }
}
