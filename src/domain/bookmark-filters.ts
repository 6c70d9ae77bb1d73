/**
 * Filters on a member's bookmarks, as AO3's bookmark pages offer them: words (in the title, the
 * bookmarker's notes and tags, the work's tags and creators), one tag, recommendations only,
 * with notes only, works or series only. Pure: no I/O.
 */
export const BOOKMARK_KINDS = ['', 'work', 'series'] as const;
export type BookmarkKindFilter = (typeof BOOKMARK_KINDS)[number];

export interface BookmarkFilter {
  q: string;
  tag: string;
  recs: boolean;
  notes: boolean;
  kind: BookmarkKindFilter;
}

export const NO_BOOKMARK_FILTER: BookmarkFilter = { q: '', tag: '', recs: false, notes: false, kind: '' };

/** What a bookmark offers the filters: its own text and tags and those of what it points at. */
export interface FilterableBookmark {
  kind: 'work' | 'series';
  title: string;
  /** The bookmarker's notes as plain text. */
  notes: string;
  rec: boolean;
  bookmarkTags: string[];
  workTags: string[];
  creators: string[];
}

/** Reads the filter from an address's query (anything unknown is no filter). */
export function readBookmarkFilter(query: (name: string) => string): BookmarkFilter {
  const kind = query('kind');
  return {
    q: query('q').trim(),
    tag: query('tag').trim(),
    recs: query('recs') === '1',
    notes: query('notes') === '1',
    kind: (BOOKMARK_KINDS as readonly string[]).includes(kind) ? (kind as BookmarkKindFilter) : '',
  };
}

export function isFiltered(filter: BookmarkFilter): boolean {
  return filter.q !== '' || filter.tag !== '' || filter.recs || filter.notes || filter.kind !== '';
}

/** The filter as a query string (without `page`), for links to other pages of the same list. */
export function bookmarkFilterQuery(filter: BookmarkFilter): string {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.tag) params.set('tag', filter.tag);
  if (filter.recs) params.set('recs', '1');
  if (filter.notes) params.set('notes', '1');
  if (filter.kind) params.set('kind', filter.kind);
  return params.toString();
}

const fold = (text: string) => text.normalize('NFKC').toLocaleLowerCase('en');

/** Whether the bookmark passes every part of the filter. */
export function matchesBookmark(filter: BookmarkFilter, bookmark: FilterableBookmark): boolean {
  if (filter.kind && bookmark.kind !== filter.kind) return false;
  if (filter.recs && !bookmark.rec) return false;
  if (filter.notes && bookmark.notes.trim() === '') return false;
  const tags = [...bookmark.bookmarkTags, ...bookmark.workTags];
  if (filter.tag && !tags.some((t) => fold(t) === fold(filter.tag))) return false;
  if (filter.q) {
    const haystack = fold([bookmark.title, bookmark.notes, ...tags, ...bookmark.creators].join('\n'));
    return fold(filter.q)
      .split(/\s+/)
      .filter(Boolean)
      .every((word) => haystack.includes(word));
  }
  return true;
}
