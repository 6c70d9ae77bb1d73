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
  /** Works matching the text query; undefined when there was no text. */
  textMatches?: TextMatches;
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
  query(query: IndexQuery): IndexResult;
  /** Number of works held (drafts included), for diagnostics. */
  readonly size: number;
}
