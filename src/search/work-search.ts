import type { Store, WorkBlurb } from '../store/index.ts';
import { tagKey, type TagKind } from '../domain/works.ts';
import { relationshipKey, relationshipParts } from '../domain/tags.ts';
import { PAGE_SIZE, type WorkFilters } from '../domain/work-filters.ts';
import { hasText, type SearchQuery } from '../domain/search-query.ts';
import { DbWorkIndex } from './db-index.ts';
import { PgWorkIndex } from './pg-index.ts';
import { matchChapters, matchPhrases } from './text-search.ts';
import { tokenize } from './text-index.ts';
import type { IndexQuery, TextMatches, TextQuery, WorkIndex } from './work-index.ts';

/** How searches are answered: the in-memory index of each process, or PostgreSQL itself (see src/search/pg-index.ts). */
export const SEARCH_ENGINES = ['memory', 'postgres'] as const;
export type SearchEngine = (typeof SEARCH_ENGINES)[number];

export const FACET_LIMIT = 10;
/** Paging for lists that show no sidebar: the tag counts are not worked out. */
export const NO_SIDEBAR = { facetLimit: 0 } as const;

/** Paging beyond /works's numbered pages, for lists paged by cursor (the API). */
export interface SearchPaging {
  /** Works to skip; (page - 1) × page size unless given. */
  offset?: number;
  /** Walk the sort backwards (oldest first, Z to A, fewest first …). */
  reverse?: boolean;
  /** Sidebar tags per kind; 0 skips the counting, for lists that show none (tag pages, home, feeds, the API). */
  facetLimit?: number;
  /** Only these works (a creator's, say); undefined for no such limit. */
  within?: number[];
  /** Keep works by creators the viewer muted (a creator's own list: the reader came for them). */
  keepMutedCreators?: boolean;
}

/** Most characters in a relationship whose every order is looked up (5 names: 120 orders). */
const MAX_ORDERED_NAMES = 5;

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

/**
 * The name keys a tag typed under a kind may have: itself, and for a relationship the same
 * characters in every order ("Darcy/Elizabeth" and "Elizabeth/Darcy"; "A & B" and "B & A").
 */
export function tagNameKeys(kind: TagKind, name: string): string[] {
  const key = tagKey(name);
  const parts = kind === 'relationship' ? relationshipParts(name) : undefined;
  if (!parts || parts.names.length > MAX_ORDERED_NAMES) return [key];
  const joiners = parts.sort === '/' ? ['/', ' / '] : [' & '];
  const keys = new Set([key]);
  for (const order of permutations(parts.names.map(tagKey))) for (const joiner of joiners) keys.add(order.join(joiner));
  return [...keys];
}

/** Whether a tag's name is the typed one, a relationship's characters in any order. */
function sameTagName(kind: TagKind, typed: string, name: string): boolean {
  if (kind !== 'relationship') return tagKey(typed) === tagKey(name);
  const literal = () => undefined;
  return relationshipKey(typed, literal) === relationshipKey(name, literal);
}

export interface TagFacet {
  name: string;
  count: number;
}

export interface WorkSearchResult {
  total: number;
  works: WorkBlurb[];
  facets: Record<TagKind, TagFacet[]>;
  /** Tags asked to include that do not exist (so nothing can match). */
  unknownTags: { kind: TagKind; name: string }[];
  /** The viewer's mutes took this many works out (for "n works hidden by your mutes"). */
  mutedAway: boolean;
}

const POSTGRES_ENGINE_ON_SQLITE =
  'SEARCH_ENGINE=postgres searches with PostgreSQL itself, but this archive is on SQLite: set DATABASE_URL to a PostgreSQL database, or SEARCH_ENGINE=memory (the default).';

/**
 * Answers /works: resolves tag names (synonyms to their canonical tag), matches the text query
 * in the in-memory text index (phrases checked word for word, and chapter text searched, in the
 * database), then lets the in-memory works index filter, count and page; fetches the page's blurbs.
 * With the `postgres` engine, PostgreSQL does all of that in one statement per listing, and no
 * process loads any index.
 */
export class WorkSearch {
  private constructor(
    private readonly store: Store,
    readonly index: WorkIndex,
    private readonly memory?: DbWorkIndex,
    private readonly pg?: PgWorkIndex,
  ) {}

  static async open(store: Store, engine: SearchEngine = 'memory'): Promise<WorkSearch> {
    const listener = store.handle.workChangeListener?.();
    const latestChange = listener && (() => listener.latestChange());
    if (engine === 'postgres') {
      if (store.handle.sqlite) throw new Error(POSTGRES_ENGINE_ON_SQLITE);
      const index = await PgWorkIndex.open(store.handle.db, latestChange);
      return new WorkSearch(store, index, undefined, index);
    }
    // Follows the primary even with read replicas: a member must find what they just posted listed.
    const index = await DbWorkIndex.load(store.handle.primaryDb, store.handle.sqlite, latestChange);
    return new WorkSearch(store, index, index);
  }

  /** Which engine answers. */
  get engine(): SearchEngine {
    return this.pg ? 'postgres' : 'memory';
  }

  /** The query's words and the phrases to hold word for word (a term the index splits into several words is one). */
  private textParts(query: SearchQuery): { tokens: string[]; phrases: string[] } {
    const tokens: string[] = [];
    const phrases = [...query.phrases];
    for (const term of query.terms) {
      const split = tokenize(term);
      tokens.push(...split);
      // A term that is several words to the index ("hurt/comfort") must hold them in that order.
      if (split.length > 1) phrases.push(split.join(' '));
    }
    for (const phrase of query.phrases) tokens.push(...tokenize(phrase));
    return { tokens, phrases };
  }

  /**
   * Works matching the text query: every word and phrase in the work's own text or its tags'
   * names (the in-memory text index; with `ranked`, BM25 ranks, lower is better), or with
   * `insideStories` also in a posted chapter (the database's full-text index).
   */
  async matchText(query: SearchQuery, insideStories: boolean, ranked: boolean): Promise<TextMatches> {
    if (!this.memory) throw new Error('matchText needs the in-memory index (SEARCH_ENGINE=memory)');
    const { tokens, phrases } = this.textParts(query);
    let matches: TextMatches = this.memory.matchText(tokens, ranked);
    if (phrases.length > 0 && matches.ids.length > 0) {
      const exact = await matchPhrases(this.store.handle, phrases, matches.ids);
      matches = keepWithin(matches, exact);
    }
    if (!insideStories) return matches;
    const chapters = await matchChapters(this.store.handle, query, ranked);
    // A work matched both ways takes its better rank (the index's BM25 and the database's rank differ in scale).
    return {
      ids: [...Array.from(matches.ids), ...Array.from(chapters.ids)],
      ...(ranked ? { ranks: [...Array.from(matches.ranks ?? []), ...Array.from(chapters.ranks ?? [])] } : {}),
    };
  }

  /**
   * For names typed per kind, the canonical ids of the tags so named (several for a relationship
   * whose characters are named in another order by other tags); empty when there is no such tag.
   */
  private async resolveTags(wanted: { kind: TagKind; name: string }[]): Promise<number[][]> {
    if (wanted.length === 0) return [];
    const keys = [...new Set(wanted.flatMap((w) => tagNameKeys(w.kind, w.name)))];
    const rows = await this.store.handle.db
      .selectFrom('tags')
      .select(['id', 'kind', 'name', 'name_key', 'merger_id'])
      .where('name_key', 'in', keys)
      .execute();
    return wanted.map((w) => {
      const named = rows.filter((r) => r.kind === w.kind && sameTagName(w.kind, w.name, r.name));
      return [...new Set(named.map((r) => r.merger_id ?? r.id))];
    });
  }

  /**
   * Works `viewerId` may see matching the filters, a page of `pageSize`. `mutesOf` is whose mutes
   * apply, the viewer's unless told (a saved search's feed answers as a guest with its owner's mutes).
   */
  async search(
    filters: WorkFilters,
    viewerId: number | null,
    pageSize = PAGE_SIZE,
    mutesOf: number | null = viewerId,
    paging: SearchPaging = {},
  ): Promise<WorkSearchResult> {
    const facetLimit = paging.facetLimit ?? FACET_LIMIT;
    await this.index.sync();
    const db = this.store.handle.db;
    const text = hasText(filters.text);
    const [includeIds, excludeIds, muted, textMatches] = await Promise.all([
      this.resolveTags(filters.include),
      this.resolveTags(filters.exclude),
      this.store.mutes.mutedFor(mutesOf),
      text && this.memory
        ? this.matchText(filters.text, filters.insideStories, filters.sort === 'best')
        : Promise.resolve(undefined),
    ]);
    const textQuery: TextQuery | undefined =
      text && this.pg
        ? {
            ...this.textParts(filters.text),
            ...(filters.insideStories
              ? { chapters: { terms: filters.text.terms, phrases: filters.text.phrases } }
              : {}),
            ranked: filters.sort === 'best',
          }
        : undefined;
    let matches = textMatches;
    if (paging.within && this.memory) {
      // The index limits candidates to the text matches; without text every one of `within` ranks alike.
      matches = keepWithin(textMatches, new Set(paging.within));
    }
    const offset = paging.offset ?? (filters.page - 1) * pageSize;
    const unknownTags = filters.include.filter((_, i) => includeIds[i].length === 0);
    const query: IndexQuery = {
      member: viewerId !== null,
      includeTagIds: includeIds.filter((ids) => ids.length === 1).flat(),
      includeAnyOf: includeIds.filter((ids) => ids.length > 1),
      excludeTagIds: excludeIds.flat(),
      crossovers: filters.crossovers,
      complete: filters.complete,
      singleChapter: filters.singleChapter,
      ranges: { ...filters.text.ranges, words: filters.words },
      updatedFrom: filters.updatedFrom,
      updatedTo: filters.updatedTo,
      language: filters.language,
      textMatches: matches,
      ...(textQuery ? { textQuery } : {}),
      ...(paging.within && this.pg ? { within: paging.within } : {}),
      // mutedFor expands muted tags to their synonyms and subtags; the index files works under canonical tags.
      mutedTagIds: this.memory
        ? [...new Set(muted.tagIds.map((id) => this.memory!.tags.canonical(id)))]
        : await this.pg!.canonicalTagIds(muted.tagIds),
      mutedUserIds: paging.keepMutedCreators ? [] : muted.userIds,
      sort: filters.sort === 'best' && !text ? 'updated' : filters.sort,
      offset,
      limit: pageSize,
      facetLimit,
    };
    const empty = { rating: [], warning: [], category: [], fandom: [], relationship: [], character: [], freeform: [] };
    if (unknownTags.length > 0) return { total: 0, works: [], facets: empty, unknownTags, mutedAway: false };
    let result = await this.index.query(query);
    if (paging.reverse) {
      // Backwards is the forward order read from the end: the page mirrored, then turned round.
      const end = Math.max(0, result.total - offset);
      result = await this.index.query({
        ...query,
        offset: Math.max(0, end - pageSize),
        limit: Math.min(pageSize, end),
      });
      result = { ...result, workIds: [...result.workIds].reverse() };
    }
    const facetIds = Object.values(result.facets).flatMap((list) => list.map((f) => f.tagId));
    const [names, listed] = await Promise.all([
      facetIds.length > 0
        ? db.selectFrom('tags').select(['id', 'name']).where('id', 'in', facetIds).execute()
        : Promise.resolve([]),
      result.workIds.length > 0
        ? this.store.works.list({ viewerId, ids: result.workIds, limit: result.workIds.length })
        : Promise.resolve({ works: [], total: 0 }),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const byId = new Map(listed.works.map((w) => [w.id, w]));
    const facets = Object.fromEntries(
      Object.entries(result.facets).map(([kind, list]) => [
        kind,
        list.filter((f) => nameOf.has(f.tagId)).map((f) => ({ name: nameOf.get(f.tagId)!, count: f.count })),
      ]),
    ) as Record<TagKind, TagFacet[]>;
    return {
      total: result.total,
      works: result.workIds.map((id) => byId.get(id)).filter((w): w is WorkBlurb => w !== undefined),
      facets,
      unknownTags,
      mutedAway: muted.tagIds.length + (paging.keepMutedCreators ? 0 : muted.userIds.length) > 0,
    };
  }
}

/** The text matches that are in `within` (all of `within`, unranked, when there was no text). */
function keepWithin(matches: TextMatches | undefined, within: Set<number>): TextMatches {
  if (!matches) return { ids: [...within] };
  const ids: number[] = [];
  const ranks: number[] = [];
  for (let i = 0; i < matches.ids.length; i++) {
    if (!within.has(matches.ids[i])) continue;
    ids.push(matches.ids[i]);
    if (matches.ranks) ranks.push(matches.ranks[i]);
  }
  return matches.ranks ? { ids, ranks } : { ids };
}
