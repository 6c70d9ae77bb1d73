/**
 * The /works filter form (AO3's sidebar) as it arrives in a URL, read into filters with every
 * field kept as typed for re-rendering. Pure: no I/O.
 */
import { parseCount, parseSearchQuery, type NumberRange, type SearchQuery } from './search-query.ts';
import { LANGUAGES, parseTagList, type TagKind } from './works.ts';

export const FILTER_TAG_KINDS: readonly TagKind[] = [
  'rating',
  'warning',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
];
export const WORK_SORTS = [
  'best',
  'updated',
  'posted',
  'creator',
  'title',
  'words',
  'hits',
  'kudos',
  'comments',
  'bookmarks',
] as const;
export type WorkSort = (typeof WORK_SORTS)[number];
export const SORT_LABELS: Record<WorkSort, string> = {
  best: 'Best match',
  updated: 'Date updated',
  posted: 'Date posted',
  creator: 'Creator',
  title: 'Title',
  words: 'Word count',
  hits: 'Hits',
  kudos: 'Kudos',
  comments: 'Comments',
  bookmarks: 'Bookmarks',
};
export const PAGE_SIZE = 20;
/** Deepest page anyone may ask for (far past any real archive's results); protects the server, not a result cap. */
export const MAX_PAGE = 5_000_000;

/** The form as typed: every field a string, tag fields per kind. */
export interface WorkFilterForm {
  q: string;
  inside: boolean;
  include: Record<TagKind, string>;
  exclude: Record<TagKind, string>;
  crossovers: string;
  complete: string;
  single: boolean;
  wordsFrom: string;
  wordsTo: string;
  updatedFrom: string;
  updatedTo: string;
  language: string;
  sort: string;
  page: string;
}

export interface WorkFilters {
  text: SearchQuery;
  insideStories: boolean;
  /** Tag names per kind, as typed. */
  include: { kind: TagKind; name: string }[];
  exclude: { kind: TagKind; name: string }[];
  crossovers: 'include' | 'exclude' | 'only';
  complete?: boolean;
  singleChapter: boolean;
  words?: NumberRange;
  updatedFrom?: string;
  updatedTo?: string;
  language?: string;
  sort: WorkSort;
  page: number;
}

export type FilterErrors = Record<string, string>;

function values(query: Record<string, unknown>, name: string): string[] {
  const value = query[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

function one(query: Record<string, unknown>, name: string): string {
  return values(query, name)[0] ?? '';
}

function validDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const date = new Date(Date.UTC(+match[1], +match[2] - 1, +match[3]));
  return date.getUTCFullYear() === +match[1] && date.getUTCMonth() === +match[2] - 1 && date.getUTCDate() === +match[3];
}

/** Reads the query string: `include_fandom=A, B&exclude_freeform=C&crossovers=exclude&sort=kudos&page=2` … */
export function readWorkFilterForm(raw: unknown): WorkFilterForm {
  const query = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const tagField = (prefix: string) =>
    Object.fromEntries(
      FILTER_TAG_KINDS.map((kind) => [
        kind,
        values(query, `${prefix}_${kind}`)
          .map((v) => v.slice(0, 2000))
          .join(', '),
      ]),
    ) as Record<TagKind, string>;
  return {
    q: one(query, 'q').slice(0, 500),
    inside: one(query, 'inside') === '1',
    include: tagField('include'),
    exclude: tagField('exclude'),
    crossovers: one(query, 'crossovers'),
    complete: one(query, 'complete'),
    single: one(query, 'single') === '1',
    wordsFrom: one(query, 'words_from').trim(),
    wordsTo: one(query, 'words_to').trim(),
    updatedFrom: one(query, 'updated_from').trim(),
    updatedTo: one(query, 'updated_to').trim(),
    language: one(query, 'language'),
    sort: one(query, 'sort'),
    page: one(query, 'page'),
  };
}

export function parseWorkFilters(form: WorkFilterForm): { filters: WorkFilters; errors: FilterErrors } {
  const errors: FilterErrors = {};
  const text = parseSearchQuery(form.q);
  if (text.errors.length > 0) errors.q = text.errors.join(' ');
  const tags = (source: Record<TagKind, string>) =>
    FILTER_TAG_KINDS.flatMap((kind) => parseTagList(source[kind]).map((name) => ({ kind, name })));

  const crossovers = form.crossovers === 'exclude' || form.crossovers === 'only' ? form.crossovers : 'include';
  const complete = form.complete === 'yes' ? true : form.complete === 'no' ? false : undefined;

  let words: NumberRange | undefined;
  const min = form.wordsFrom === '' ? undefined : parseCount(form.wordsFrom);
  const max = form.wordsTo === '' ? undefined : parseCount(form.wordsTo);
  if (form.wordsFrom !== '' && min === undefined)
    errors.wordsFrom = 'Words from must be a whole number, like 1000 or 1,000.';
  if (form.wordsTo !== '' && max === undefined)
    errors.wordsTo = 'Words to must be a whole number, like 50000 or 50,000.';
  if (min !== undefined && max !== undefined && min > max)
    errors.wordsTo = 'Words to must not be less than words from.';
  if (min !== undefined || max !== undefined)
    words = { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  if (text.ranges.words) {
    const r = text.ranges.words;
    words = {
      min: Math.max(words?.min ?? 0, r.min ?? 0),
      ...(words?.max !== undefined || r.max !== undefined
        ? { max: Math.min(words?.max ?? Infinity, r.max ?? Infinity) }
        : {}),
    };
  }

  if (form.updatedFrom !== '' && !validDate(form.updatedFrom)) errors.updatedFrom = 'Give the date as YYYY-MM-DD.';
  if (form.updatedTo !== '' && !validDate(form.updatedTo)) errors.updatedTo = 'Give the date as YYYY-MM-DD.';
  if (
    !errors.updatedFrom &&
    !errors.updatedTo &&
    form.updatedFrom &&
    form.updatedTo &&
    form.updatedFrom > form.updatedTo
  )
    errors.updatedTo = 'The end date must not be before the start date.';

  const language = form.language === '' ? undefined : form.language;
  if (language !== undefined && !LANGUAGES.some(([code]) => code === language))
    errors.language = 'Choose a language from the list.';

  const hasQueryText = text.terms.length > 0 || text.phrases.length > 0;
  let sort: WorkSort = hasQueryText ? 'best' : 'updated';
  if (form.sort !== '') {
    const chosen = WORK_SORTS.find((s) => s === form.sort);
    if (!chosen) errors.sort = 'Choose how to sort from the list.';
    else sort = chosen;
  }

  let page = 1;
  if (form.page !== '') {
    const n = Number(form.page);
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) errors.page = 'The page must be a whole number from 1.';
    else page = n;
  }

  return {
    filters: {
      text,
      insideStories: form.inside,
      include: tags(form.include),
      exclude: tags(form.exclude),
      crossovers,
      complete: text.complete ?? complete,
      singleChapter: form.single,
      words,
      updatedFrom: errors.updatedFrom ? undefined : form.updatedFrom || undefined,
      updatedTo: errors.updatedTo ? undefined : form.updatedTo || undefined,
      language: errors.language ? undefined : language,
      sort,
      page,
    },
    errors,
  };
}

/** The query string of a form (empty fields left out), for links: sidebar include/exclude, paging, sorting. */
export function filterQueryString(form: WorkFilterForm, changes: Partial<Record<string, string>> = {}): string {
  const params = new URLSearchParams();
  const set = (name: string, value: string) => {
    const changed = name in changes ? changes[name]! : value;
    if (changed !== '') params.set(name, changed);
  };
  set('q', form.q);
  set('inside', form.inside ? '1' : '');
  for (const kind of FILTER_TAG_KINDS) {
    set(`include_${kind}`, form.include[kind]);
    set(`exclude_${kind}`, form.exclude[kind]);
  }
  set('crossovers', form.crossovers);
  set('complete', form.complete);
  set('single', form.single ? '1' : '');
  set('words_from', form.wordsFrom);
  set('words_to', form.wordsTo);
  set('updated_from', form.updatedFrom);
  set('updated_to', form.updatedTo);
  set('language', form.language);
  set('sort', form.sort);
  set('page', 'page' in changes ? changes.page! : '');
  return params.toString();
}

/**
 * `user` and `pseud` in a /works address (AO3's `/works?user_id=X`): whose works are asked for,
 * and the rest of the query string, so /works can send the reader to that creator's own list.
 */
export function readCreatorScope(raw: unknown): { user?: string; pseud?: string; rest: string } {
  const query = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const named = (name: string) => one(query, name).trim() || undefined;
  const rest = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (name === 'user' || name === 'pseud') continue;
    for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') rest.append(name, v);
  }
  const user = named('user');
  const pseud = named('pseud');
  return { ...(user !== undefined ? { user } : {}), ...(pseud !== undefined ? { pseud } : {}), rest: rest.toString() };
}

/** Why /works cannot list a pen name given without its member. */
export const PSEUD_NEEDS_USER =
  "Pen names are told apart by their member: give user= as well as pseud=, or open the pen name's page.";

/** A short name for a search, as "Save this search" suggests it: “dragons” · Fluff, Harry Potter · not Angst · complete. */
export function summarizeSearch(form: WorkFilterForm, maxLength = 100): string {
  const parts: string[] = [];
  if (form.q.trim() !== '') parts.push(`“${form.q.trim()}”`);
  const included = FILTER_TAG_KINDS.flatMap((kind) => parseTagList(form.include[kind]));
  const excluded = FILTER_TAG_KINDS.flatMap((kind) => parseTagList(form.exclude[kind]));
  if (included.length > 0) parts.push(included.join(', '));
  if (excluded.length > 0) parts.push(`not ${excluded.join(', ')}`);
  if (form.complete === 'yes') parts.push('complete');
  if (form.complete === 'no') parts.push('in progress');
  if (form.single) parts.push('single chapter');
  if (form.crossovers === 'only') parts.push('crossovers only');
  if (form.crossovers === 'exclude') parts.push('no crossovers');
  if (form.wordsFrom || form.wordsTo) parts.push(`${form.wordsFrom || '0'}–${form.wordsTo || '…'} words`);
  if (form.language) parts.push(form.language);
  const summary = parts.length > 0 ? parts.join(' · ') : 'All works';
  const chars = [...summary];
  return chars.length <= maxLength
    ? summary
    : `${chars
        .slice(0, maxLength - 1)
        .join('')
        .trimEnd()}…`;
}

/** The form with one more tag name in a kind's include or exclude field (and on page 1). */
export function withTag(form: WorkFilterForm, side: 'include' | 'exclude', kind: TagKind, name: string): string {
  const current = parseTagList(form[side][kind]);
  const next = current.some((n) => n.toLowerCase() === name.toLowerCase()) ? current : [...current, name];
  return filterQueryString(form, { [`${side}_${kind}`]: next.join(', ') });
}

/** The filters of a tag's works listing: /works with that one tag included, newest first. */
export function tagFilters(tag: { kind: TagKind; name: string }, page: number): WorkFilters {
  const { filters } = parseWorkFilters(readWorkFilterForm({}));
  return { ...filters, include: [{ kind: tag.kind, name: tag.name }], sort: 'updated', page };
}

/** What a reader has muted, resolved for filtering lists. */
export interface Muted {
  /** Every tag whose works are hidden: the muted tags with their synonyms and subtags (and a muted synonym's canonical tag's). */
  tagIds: number[];
  /** Creators whose works are hidden. */
  userIds: number[];
}

export const NOTHING_MUTED: Muted = { tagIds: [], userIds: [] };
