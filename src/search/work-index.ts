import type { NumberRange } from '../domain/search-query.ts';
import type { TagKind } from '../domain/works.ts';

export const SORT_KEYS = [
  'best',
  'creator',
  'title',
  'posted',
  'updated',
  'words',
  'hits',
  'kudos',
  'comments',
  'bookmarks',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const TAG_KINDS: readonly TagKind[] = [
  'rating',
  'warning',
  'category',
  'fandom',
  'relationship',
  'character',
  'freeform',
];

/** What a listing asks the index: every condition must hold. Tag ids are canonical (see effective tags). */
export interface IndexQuery {
  /** A member sees registered-only works too; a guest only public ones. */
  member: boolean;
  includeTagIds: number[];
  /** Groups of tags of which a work must carry at least one each (a relationship named in either order). */
  includeAnyOf?: number[][];
  excludeTagIds: number[];
  crossovers: 'include' | 'exclude' | 'only';
  complete?: boolean;
  singleChapter: boolean;
  ranges: {
    words?: NumberRange;
    kudos?: NumberRange;
    hits?: NumberRange;
    comments?: NumberRange;
    bookmarks?: NumberRange;
    chapters?: NumberRange;
  };
  /** ISO dates (inclusive days) the work was last updated between. */
  updatedFrom?: string;
  updatedTo?: string;
  language?: string;
  /** Works matching the text query; undefined when there was no text (or it is given as `textQuery`). */
  textMatches?: TextMatches;
  /** The text query itself, for an index that matches text where the works are (PostgreSQL). */
  textQuery?: TextQuery;
  /** Only these works (a creator's, say), for an index given `textQuery`; others fold it into `textMatches`. */
  within?: number[];
  mutedTagIds: number[];
  mutedUserIds: number[];
  sort: SortKey;
  offset: number;
  limit: number;
  /** How many of the most frequent tags of each kind to count for the sidebar. */
  facetLimit: number;
}

/**
 * Ids of the works a text query matched (an id may repeat: a work and one of its chapters), and
 * when the results are sorted by relevance, each one's rank (lower is better; a work takes its best).
 */
export interface TextMatches {
  ids: ArrayLike<number>;
  ranks?: ArrayLike<number>;
}

/** A text query as the works index of src/search/pg-index.ts matches it (see WorkSearch.matchText). */
export interface TextQuery {
  /** Words each of which the work's own text, or the name of a tag it is filed under, must hold. */
  tokens: string[];
  /** Phrases its search document must hold word for word. */
  phrases: string[];
  /** With "search inside stories": the query's terms and phrases, which one posted chapter may hold instead. */
  chapters?: { terms: string[]; phrases: string[] };
  /** Whether each work's rank is wanted (sort by best match). */
  ranked: boolean;
}

export interface TagCount {
  tagId: number;
  count: number;
}

export interface IndexResult {
  total: number;
  workIds: number[];
  facets: Record<TagKind, TagCount[]>;
}

/**
 * The one search interface (DESIGN.md: src/search/). Implementations answer filtered listings
 * with sidebar counts, and follow the work change log so that every process sees every write.
 */
export interface WorkIndex {
  /** Applies changes written since the last call (by any process). */
  sync(): Promise<void>;
  query(query: IndexQuery): IndexResult | Promise<IndexResult>;
  /** Number of works held (drafts included), for diagnostics; 0 for an index that holds none. */
  readonly size: number;
  /** The last entry of the work change log applied (for the lag in /health and /metrics). */
  readonly appliedChangeId: number;
  /** Changes whenever what a listing page shows may have changed (see MemoryIndex.contentVersion). */
  readonly contentVersion: number;
  /**
   * Calls `listener` with the works whose pages each catch-up found changed (by any process):
   * changes of counters only (hits) are left out; EVERY_WORK (src/store/work-changes.ts) stands
   * for a change many works' pages show (a member renamed).
   */
  onWorksChanged(listener: (workIds: number[]) => void): void;
  /** Whether a work with this id exists and is listed to someone (not a draft, not hidden). */
  isListed(workId: number): boolean | Promise<boolean>;
}
