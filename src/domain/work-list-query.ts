/**
 * What a reader may ask of a list of works (filters, sort, page) and the opaque cursor that
 * carries them from one page to the next. Pure: parses query parameters, no I/O.
 */
import { ValidationError } from './errors.ts';
import { LANGUAGES, LIMITS, RATINGS, tagKey, type Rating } from './works.ts';
import {
  FILTER_TAG_KINDS,
  parseWorkFilters as parseBrowseFilters,
  readWorkFilterForm,
  WORK_SORTS as BROWSE_SORTS,
  type WorkFilterForm,
  type WorkFilters as BrowseFilters,
  type WorkSort as BrowseSort,
} from './work-filters.ts';

export const WORK_SORTS = ['updated', 'posted', 'kudos', 'hits', 'comments', 'bookmarks', 'words', 'title'] as const;
export type WorkSort = (typeof WORK_SORTS)[number];
export type SortOrder = 'asc' | 'desc';

/** Titles read A to Z; everything else newest or most first. */
export function defaultOrder(sort: WorkSort): SortOrder {
  return sort === 'title' ? 'asc' : 'desc';
}

export const PAGE_LIMITS = { default: 20, max: 100 } as const;
export const SEARCH_LIMITS = { queryLength: 200, terms: 10 } as const;

export interface WorkFilters {
  /** Tag names of any kind; a work must carry every one. */
  tags: string[];
  /** Fandom names; a work must be in every one. */
  fandoms: string[];
  /** Any of these ratings. */
  ratings: Rating[];
  complete?: boolean;
  language?: string;
  wordsFrom?: number;
  wordsTo?: number;
  /** ISO timestamp: works updated at or after it. */
  updatedSince?: string;
  /** Login of an account: works by any of its pen names. */
  user?: string;
  /** A pen name (of `user`, when given). */
  pseud?: string;
  /** Simple text search: every word must appear in the title, summary or a tag name. */
  text?: string;
}

export interface PageRequest {
  sort: WorkSort;
  order: SortOrder;
  limit: number;
  after?: Cursor;
}

/** Where the previous page stopped: the last work's sort value and id. */
export interface Cursor {
  sort: WorkSort;
  order: SortOrder;
  value: string | number;
  id: number;
}

/** A query parameter the client got wrong: answered with 400, not 422 like a rejected work. */
export class InvalidParameterError extends ValidationError {
  constructor(parameter: string, message: string) {
    super({ [parameter]: message });
    this.name = 'InvalidParameterError';
  }
}

export type QueryValues = Record<string, string | string[] | undefined>;

function all(query: QueryValues, name: string): string[] {
  const value = query[name];
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]).map((v) => v.trim()).filter((v) => v !== '');
}

export function one(query: QueryValues, name: string): string | undefined {
  const values = all(query, name);
  if (values.length > 1) throw new InvalidParameterError(name, `Give ${name} once.`);
  return values[0];
}

function wholeNumber(query: QueryValues, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const value = one(query, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new InvalidParameterError(name, `${name} must be a whole number from ${min} to ${max.toLocaleString('en')}.`);
  }
  return n;
}

function tagNames(query: QueryValues, name: string): string[] {
  const names = all(query, name);
  if (names.length > 10) throw new InvalidParameterError(name, `Give ${name} at most 10 times.`);
  const long = names.find((n) => [...n].length > LIMITS.tagName);
  if (long !== undefined) throw new InvalidParameterError(name, `A tag name is at most ${LIMITS.tagName} characters.`);
  return names;
}

/** Parses a date (YYYY-MM-DD) or a full ISO 8601 timestamp into an ISO timestamp in UTC. */
export function parseSince(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) return undefined;
  const ms = Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(ms)) return undefined;
  const iso = new Date(ms).toISOString();
  // Date.parse rolls 2026-02-31 over into March: refuse dates that do not exist.
  if (value.length === 10 && iso.slice(0, 10) !== value) return undefined;
  return iso;
}

const FILTER_PARAMETERS = [
  'tag',
  'fandom',
  'rating',
  'complete',
  'language',
  'words_from',
  'words_to',
  'updated_since',
  'user',
  'pseud',
  'q',
] as const;
const PAGE_PARAMETERS = ['sort', 'order', 'limit', 'cursor'] as const;

/** Refuses parameters the endpoint does not know, so that a typo is not silently ignored. */
export function assertKnownParameters(query: QueryValues, known: readonly string[]): void {
  const unknown = Object.keys(query).filter((name) => !known.includes(name));
  if (unknown.length > 0)
    throw new InvalidParameterError(
      unknown[0],
      `Unknown parameter “${unknown[0]}”. This endpoint takes: ${known.join(', ') || 'no parameters'}.`,
    );
}

export const WORK_LIST_PARAMETERS: readonly string[] = [...FILTER_PARAMETERS, ...PAGE_PARAMETERS];

/** The filters of a works list, from its query parameters. */
export function parseWorkFilters(query: QueryValues): WorkFilters {
  const ratings = all(query, 'rating').map((value) => {
    const rating = RATINGS.find((r) => r.toLowerCase() === value.toLowerCase());
    if (!rating)
      throw new InvalidParameterError('rating', `Unknown rating “${value}”. Ratings are: ${RATINGS.join(', ')}.`);
    return rating;
  });
  const completeValue = one(query, 'complete');
  if (completeValue !== undefined && completeValue !== 'true' && completeValue !== 'false')
    throw new InvalidParameterError('complete', 'complete must be true or false.');
  const language = one(query, 'language');
  if (language !== undefined && !LANGUAGES.some(([code]) => code === language)) {
    throw new InvalidParameterError(
      'language',
      `Unknown language “${language}”. Use a code such as ${LANGUAGES.slice(0, 5)
        .map(([code]) => code)
        .join(', ')}.`,
    );
  }
  const wordsFrom = wholeNumber(query, 'words_from', 0);
  const wordsTo = wholeNumber(query, 'words_to', 0);
  if (wordsFrom !== undefined && wordsTo !== undefined && wordsFrom > wordsTo)
    throw new InvalidParameterError('words_from', 'words_from must not be more than words_to.');
  const sinceValue = one(query, 'updated_since');
  const updatedSince = sinceValue === undefined ? undefined : parseSince(sinceValue);
  if (sinceValue !== undefined && updatedSince === undefined)
    throw new InvalidParameterError(
      'updated_since',
      'updated_since must be a date (2026-01-31) or an ISO 8601 timestamp (2026-01-31T18:00:00Z).',
    );
  const user = one(query, 'user');
  const pseud = one(query, 'pseud');
  const text = one(query, 'q');
  if (text !== undefined && [...text].length > SEARCH_LIMITS.queryLength)
    throw new InvalidParameterError('q', `A search is at most ${SEARCH_LIMITS.queryLength} characters.`);
  return {
    tags: tagNames(query, 'tag'),
    fandoms: tagNames(query, 'fandom'),
    ratings,
    ...(completeValue !== undefined ? { complete: completeValue === 'true' } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(wordsFrom !== undefined ? { wordsFrom } : {}),
    ...(wordsTo !== undefined ? { wordsTo } : {}),
    ...(updatedSince !== undefined ? { updatedSince } : {}),
    ...(user !== undefined ? { user } : {}),
    ...(pseud !== undefined ? { pseud } : {}),
    ...(text !== undefined ? { text } : {}),
  };
}

/** The words of a simple search, lower-cased, at most SEARCH_LIMITS.terms of them. */
export function searchTerms(text: string): string[] {
  const terms = [
    ...new Set(
      tagKey(text)
        .split(' ')
        .filter((t) => t !== ''),
    ),
  ];
  return terms.slice(0, SEARCH_LIMITS.terms);
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.order, cursor.value, cursor.id]), 'utf8').toString(
    'base64url',
  );
}

const BAD_CURSOR =
  'This cursor is not one the archive gave out, or it belongs to another sort order. Start again without a cursor.';

export function decodeCursor(value: string, sort: WorkSort, order: SortOrder): Cursor {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,400}$/.test(value)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidParameterError('cursor', BAD_CURSOR);
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw new InvalidParameterError('cursor', BAD_CURSOR);
  const [cursorSort, cursorOrder, cursorValue, id] = parsed as unknown[];
  const numeric = cursorSort !== 'updated' && cursorSort !== 'posted' && cursorSort !== 'title';
  if (
    cursorSort !== sort ||
    cursorOrder !== order ||
    !(numeric
      ? typeof cursorValue === 'number' && Number.isSafeInteger(cursorValue)
      : typeof cursorValue === 'string' && cursorValue.length <= 1_000) ||
    typeof id !== 'number' ||
    !Number.isSafeInteger(id) ||
    id <= 0
  ) {
    throw new InvalidParameterError('cursor', BAD_CURSOR);
  }
  return { sort, order, value: cursorValue as string | number, id };
}

/** Sort, order, limit and cursor of a paged list. */
export function parsePageRequest(query: QueryValues, defaultSort: WorkSort = 'updated'): PageRequest {
  const sortValue = one(query, 'sort') ?? defaultSort;
  const sort = WORK_SORTS.find((s) => s === sortValue);
  if (!sort)
    throw new InvalidParameterError('sort', `Unknown sort “${sortValue}”. Sort by one of: ${WORK_SORTS.join(', ')}.`);
  const orderValue = one(query, 'order') ?? defaultOrder(sort);
  if (orderValue !== 'asc' && orderValue !== 'desc')
    throw new InvalidParameterError('order', 'order must be asc or desc.');
  const limit = parseLimit(query);
  const cursorValue = one(query, 'cursor');
  return {
    sort,
    order: orderValue,
    limit,
    ...(cursorValue !== undefined ? { after: decodeCursor(cursorValue, sort, orderValue) } : {}),
  };
}

export function parseLimit(query: QueryValues): number {
  return wholeNumber(query, 'limit', 1, PAGE_LIMITS.max) ?? PAGE_LIMITS.default;
}

/*
 * The API's works list and search, answered by the works index with the filters, query syntax
 * and sorts of /works (src/domain/work-filters.ts). The older parameters (tag, fandom, rating,
 * updated_since) are kept and read into the same filters.
 */

/** Sorts of /works; `order` may walk any of them backwards. */
export const INDEX_SORTS = BROWSE_SORTS;
const BROWSE_TAG_PARAMETERS = FILTER_TAG_KINDS.flatMap((kind) => [`include_${kind}`, `exclude_${kind}`]);
export const INDEXED_LIST_PARAMETERS: readonly string[] = [
  'q',
  'inside',
  ...BROWSE_TAG_PARAMETERS,
  'crossovers',
  'complete',
  'single',
  'words_from',
  'words_to',
  'updated_from',
  'updated_to',
  'language',
  'tag',
  'fandom',
  'rating',
  'updated_since',
  'user',
  'pseud',
  'collection',
  'sort',
  'order',
  'limit',
  'cursor',
];
/** /works form fields named differently from their query parameter, for error messages. */
const PARAMETER_OF: Record<string, string> = {
  wordsFrom: 'words_from',
  wordsTo: 'words_to',
  updatedFrom: 'updated_from',
  updatedTo: 'updated_to',
};

export interface IndexedListQuery {
  filters: BrowseFilters;
  /** Names given with `tag`, of any kind: the caller finds their kinds and adds them to filters.include. */
  anyKindTags: string[];
  user?: string;
  pseud?: string;
  /** A collection's name: only its works, as its page lists them. */
  collection?: string;
  reverse: boolean;
  order: SortOrder;
  limit: number;
  offset: number;
}

/** The natural direction of each index sort: A to Z for names, else best, newest or most first. */
export function naturalOrder(sort: BrowseSort): SortOrder {
  return sort === 'title' || sort === 'creator' ? 'asc' : 'desc';
}

/** A short fingerprint of what a list asks, so a cursor is refused on a list it was not made for. */
export function fingerprint(value: unknown): string {
  const text = JSON.stringify(value);
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash.toString(36);
}

const BAD_INDEX_CURSOR =
  'This cursor is not one the archive gave out for this list (its filters, sort or order differ). Start again without a cursor.';

export function encodeOffsetCursor(offset: number, check: string): string {
  return Buffer.from(JSON.stringify(['o', offset, check]), 'utf8').toString('base64url');
}

export function decodeOffsetCursor(value: string, check: string): number {
  let parsed: unknown;
  try {
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(value)) throw new Error('not base64url');
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidParameterError('cursor', BAD_INDEX_CURSOR);
  }
  if (
    !Array.isArray(parsed) ||
    parsed.length !== 3 ||
    parsed[0] !== 'o' ||
    !Number.isSafeInteger(parsed[1]) ||
    (parsed[1] as number) < 0 ||
    parsed[2] !== check
  ) {
    throw new InvalidParameterError('cursor', BAD_INDEX_CURSOR);
  }
  return parsed[1] as number;
}

/** Reads the API's list parameters into /works filters, with cursor paging. */
export function parseIndexedListQuery(query: QueryValues): IndexedListQuery & { check: string } {
  const oneValue = (name: string) => one(query, name) ?? '';
  const wordsFrom = wholeNumber(query, 'words_from', 0);
  const wordsTo = wholeNumber(query, 'words_to', 0);
  if (wordsFrom !== undefined && wordsTo !== undefined && wordsFrom > wordsTo)
    throw new InvalidParameterError('words_from', 'words_from must not be more than words_to.');
  const form: WorkFilterForm = readWorkFilterForm(query);
  for (const name of [
    'q',
    'crossovers',
    'sort',
    'language',
    'words_from',
    'words_to',
    'updated_from',
    'updated_to',
    'single',
    'inside',
  ])
    one(query, name);
  // complete: true/false (the API's words) or yes/no (/works's).
  const complete = oneValue('complete');
  if (complete !== '' && !['true', 'false', 'yes', 'no'].includes(complete))
    throw new InvalidParameterError('complete', 'complete must be true or false.');
  form.complete = complete === 'true' ? 'yes' : complete === 'false' ? 'no' : complete;
  if (form.crossovers !== '' && !['include', 'exclude', 'only'].includes(form.crossovers))
    throw new InvalidParameterError('crossovers', 'crossovers must be include, exclude or only.');
  const single = oneValue('single');
  if (single !== '' && !['1', 'true', 'false', '0'].includes(single))
    throw new InvalidParameterError('single', 'single must be true or false.');
  form.single = single === '1' || single === 'true';
  const inside = oneValue('inside');
  form.inside = inside === '1' || inside === 'true';
  if (form.q.length > SEARCH_LIMITS.queryLength)
    throw new InvalidParameterError('q', `A search is at most ${SEARCH_LIMITS.queryLength} characters.`);
  const fandoms = tagNames(query, 'fandom');
  if (fandoms.length > 0)
    form.include.fandom = [form.include.fandom, ...fandoms.map((n) => n.replace(/,/g, ' '))]
      .filter((v) => v !== '')
      .join(', ');
  const since = one(query, 'updated_since');
  if (since !== undefined) {
    const iso = parseSince(since);
    if (iso === undefined)
      throw new InvalidParameterError(
        'updated_since',
        'updated_since must be a date (2026-01-31) or an ISO 8601 timestamp (2026-01-31T18:00:00Z).',
      );
    if (form.updatedFrom === '' || iso.slice(0, 10) > form.updatedFrom) form.updatedFrom = iso.slice(0, 10);
  }
  const ratings = all(query, 'rating').map((value) => {
    const rating = RATINGS.find((r) => r.toLowerCase() === value.toLowerCase());
    if (!rating)
      throw new InvalidParameterError('rating', `Unknown rating “${value}”. Ratings are: ${RATINGS.join(', ')}.`);
    return rating;
  });
  // Any of several ratings: every work has one, so leave out the others.
  if (ratings.length > 0)
    form.exclude.rating = [form.exclude.rating, ...RATINGS.filter((r) => !ratings.includes(r))]
      .filter((v) => v !== '')
      .join(', ');
  const { filters, errors } = parseBrowseFilters(form);
  const [field] = Object.keys(errors);
  if (field !== undefined) throw new InvalidParameterError(PARAMETER_OF[field] ?? field, errors[field]);
  const orderValue = one(query, 'order') ?? naturalOrder(filters.sort);
  if (orderValue !== 'asc' && orderValue !== 'desc')
    throw new InvalidParameterError('order', 'order must be asc or desc.');
  const user = one(query, 'user');
  const pseud = one(query, 'pseud');
  const collection = one(query, 'collection');
  const anyKindTags = tagNames(query, 'tag');
  const limit = parseLimit(query);
  const check = fingerprint([filters, anyKindTags, user, pseud, collection, orderValue]);
  const cursor = one(query, 'cursor');
  return {
    filters,
    anyKindTags,
    ...(user !== undefined ? { user } : {}),
    ...(pseud !== undefined ? { pseud } : {}),
    ...(collection !== undefined ? { collection } : {}),
    reverse: orderValue !== naturalOrder(filters.sort),
    order: orderValue,
    limit,
    offset: cursor === undefined ? 0 : decodeOffsetCursor(cursor, check),
    check,
  };
}
