/**
 * What Atom feeds and the OPDS catalogue list. Feed readers and e-reader apps ask anonymously and
 * their answers may be cached and shared, so every list here is what a guest may read, whoever asks.
 */
import { NotFoundError, ValidationError } from '../domain/errors.ts';
import {
  CHAPTER_FEED_SIZE,
  FEED_PAGE_SIZE,
  guestChapters,
  guestMayRead,
  NAVIGATION_PAGE_SIZE,
  parsePage,
} from '../domain/feeds.ts';
import type { WrangledTag } from '../domain/tags.ts';
import type { TagKind } from '../domain/works.ts';
import { parseWorkFilters, readWorkFilterForm, tagFilters } from '../domain/work-filters.ts';
import type { Chapter, SavedSearch, Series, User, Work, WorkBlurb } from '../store/index.ts';
import type { CatalogSeries, CatalogTag, Slice } from '../store/catalog.ts';
import { NO_SIDEBAR } from '../search/work-search.ts';
import { NO_WORK, accessOf } from './access.ts';
import { NO_SERIES } from './series.ts';
import type { ModuleDeps } from './deps.ts';

const EPOCH = new Date(0).toISOString();

/**
 * A page of works and how many there are in all. Use cases take the page as sent (`?page=`) and
 * read it after finding what is asked for, so an address naming nothing is not there whatever page.
 */
export interface WorksPage {
  page: number;
  works: WorkBlurb[];
  total: number;
}

/** A page of a navigation list. */
export interface NavigationPage<T> extends Slice<T> {
  page: number;
}

/** A stored query string as the parsed query object Fastify hands routes (repeated names as arrays). */
function queryObject(query: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of new URLSearchParams(query)) {
    const had = out[key];
    out[key] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

function offsetOf(page: number, size: number): number {
  return (page - 1) * size;
}

export class Feeds {
  constructor(private readonly deps: ModuleDeps) {}

  /** When anything a guest may see last changed (the epoch for an empty archive). */
  async updated(): Promise<string> {
    return (await this.deps.store.catalog.lastChange()) ?? EPOCH;
  }

  /** A page of a tag's works as a guest sees its works list (synonyms and subtags too), of a tag a guest may learn of. */
  async tagWorks(name: string, pageParam: string): Promise<WorksPage & { tag: WrangledTag }> {
    const { tag } = await this.deps.archive.tags.resolve(null, name, '', false);
    const page = parsePage(pageParam);
    const { works, total } = await this.deps.search.search(
      tagFilters(tag, page),
      null,
      FEED_PAGE_SIZE,
      null,
      NO_SIDEBAR,
    );
    return { tag, page, works, total };
  }

  /**
   * A page of a saved search's works, newest first, for anyone holding its feed token (the only
   * credential): what a guest sees, less the owner's mutes.
   */
  async savedSearch(token: string, pageParam: string): Promise<WorksPage & { saved: SavedSearch }> {
    const saved = await this.deps.store.savedSearches.byFeedToken(token);
    if (!saved) throw new NotFoundError('There is no saved search at this address.');
    const page = parsePage(pageParam);
    const { filters } = parseWorkFilters(readWorkFilterForm(queryObject(saved.query)));
    // Newest first whatever the search sorts by, so a feed reader sees new works.
    const { works, total } = await this.deps.search.search(
      { ...filters, sort: 'updated', page },
      null,
      FEED_PAGE_SIZE,
      saved.userId,
      NO_SIDEBAR,
    );
    return { saved, page, works, total };
  }

  /** A page of a member's works a guest may read, newest first. */
  async userWorks(login: string, pageParam: string): Promise<WorksPage & { user: User }> {
    const user = await this.deps.archive.people.user(login);
    const page = parsePage(pageParam);
    const { works, total } = await this.deps.store.works.list({
      viewerId: null,
      userId: user.id,
      limit: FEED_PAGE_SIZE,
      offset: offsetOf(page, FEED_PAGE_SIZE),
    });
    return { user, page, works, total };
  }

  /** A page of a series' works a guest may read, newest first; as on the series page, a series with none is not there. */
  async seriesWorks(id: string, pageParam: string): Promise<WorksPage & { series: Series }> {
    const series = await this.deps.archive.series.find(id);
    const page = parsePage(pageParam);
    const { works, total } = await this.deps.store.works.list({
      viewerId: null,
      ids: series.workIds,
      named: true,
      limit: FEED_PAGE_SIZE,
      offset: offsetOf(page, FEED_PAGE_SIZE),
    });
    if (total === 0) throw new NotFoundError(NO_SERIES);
    return { series, page, works, total };
  }

  /** A page of a series' works a guest may read, in reading order; a series with none is not there. */
  async seriesInOrder(id: string, pageParam: string): Promise<WorksPage & { series: Series }> {
    const series = await this.deps.archive.series.find(id);
    const readable = await this.deps.archive.access.inSeries(null, series.workIds);
    if (readable.length === 0) throw new NotFoundError(NO_SERIES);
    const page = parsePage(pageParam);
    const works = readable.slice(offsetOf(page, FEED_PAGE_SIZE), page * FEED_PAGE_SIZE);
    return { series, page, works, total: readable.length };
  }

  /** A work's newest chapters a guest may read, newest first, of a work a guest may read. */
  async workChapters(id: string): Promise<{ work: Work; chapters: Chapter[] }> {
    const { store, archive } = this.deps;
    const work = await archive.access.load(id);
    if (!guestMayRead(accessOf(work))) throw new NotFoundError(NO_WORK);
    const chapters = guestChapters(await store.works.chaptersOf(work.id))
      .sort((a, b) => b.position - a.position)
      .slice(0, CHAPTER_FEED_SIZE);
    return { work, chapters };
  }

  /** A page of the works a guest may read, newest update or most kudos first. */
  async works(order: 'updated' | 'kudos', pageParam: string): Promise<WorksPage> {
    const page = parsePage(pageParam);
    const { items, total } = await this.deps.store.catalog.workIds(
      order,
      FEED_PAGE_SIZE,
      offsetOf(page, FEED_PAGE_SIZE),
    );
    return { page, works: await this.deps.archive.access.listable(null, items), total };
  }

  /** A page of the tags of these kinds on works a guest may read, the most used first. */
  async tagsInUse(kinds: TagKind[], pageParam: string): Promise<NavigationPage<CatalogTag>> {
    const page = parsePage(pageParam);
    const slice = await this.deps.store.catalog.tagsInUse(
      kinds,
      NAVIGATION_PAGE_SIZE,
      offsetOf(page, NAVIGATION_PAGE_SIZE),
    );
    return { page, ...slice };
  }

  /** A page of the series with works a guest may read. */
  async allSeries(pageParam: string): Promise<NavigationPage<CatalogSeries>> {
    const page = parsePage(pageParam);
    const slice = await this.deps.store.catalog.series(NAVIGATION_PAGE_SIZE, offsetOf(page, NAVIGATION_PAGE_SIZE));
    return { page, ...slice };
  }

  /** A page of the works a guest finds with this search (`parseSearchQuery`'d; /works's query syntax, best match first). */
  async search(query: string, pageParam: string): Promise<WorksPage> {
    const page = parsePage(pageParam);
    const { filters, errors } = parseWorkFilters(readWorkFilterForm({ q: query }));
    if (errors.q) throw new ValidationError({ q: errors.q });
    const { works, total } = await this.deps.search.search(
      { ...filters, page },
      null,
      FEED_PAGE_SIZE,
      null,
      NO_SIDEBAR,
    );
    return { page, works, total };
  }
}
