/** Finding works and people: the home page, the works listing and search. */
import type { FilterErrors, WorkFilters } from '../domain/work-filters.ts';
import { parseWorkFilters, readWorkFilterForm } from '../domain/work-filters.ts';
import { FREE_TAG_KINDS, LIMITS, type FreeTagKind } from '../domain/works.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { PseudByline, Series, WorkBlurb } from '../store/index.ts';
import { NO_SIDEBAR, type WorkSearchResult } from '../search/work-search.ts';
import type { ModuleDeps } from './deps.ts';
import type { NewsTeaser } from './news.ts';
import type { ContinueReading } from './readings.ts';
import type { Viewer } from './viewer.ts';
import { audienceOf } from './tags.ts';

const RECENT = 20;
const NEWEST_PSEUDS = 20;
/** The longest name search (pen names, tags) taken from a query's words; the rest is dropped. */
const NAME_QUERY_LENGTH = 200;
/** Tags of each kind the header search offers beside the works it finds. */
const SEARCH_TAGS_PER_KIND = 5;

export const NO_CATALOG_SERIES = 'There is no series with this id.';

/** What the home page shows. */
export interface HomeView {
  newestPseuds: PseudByline[];
  userCount: number;
  recentWorks: WorkBlurb[];
  /** The latest site news, short. */
  news: NewsTeaser[];
  /** A member's unfinished works from their history, to go on with (none for guests or without a history). */
  continueReading: ContinueReading[];
}

/** A tag the header search offers: its kind, its name and how many works the viewer's audience may read carry it. */
export interface FoundTag {
  kind: FreeTagKind;
  name: string;
  uses: number;
}

/** The header search's answer: works matching the query, and the pen names and tags matching its words. */
export interface SiteSearchAnswer {
  /** What was typed, as the works search read it (cut to its length). */
  query: string;
  /** The query's words and phrases without its field ranges: what names and tags were matched against. */
  words: string;
  /** The first page of matching works (best match first); null when the query could not be read. */
  works: WorkSearchResult | null;
  /** What could not be understood in the query (field → message), as /works reports it. */
  errors: FilterErrors;
  pseuds: PseudByline[];
  tags: FoundTag[];
}

const lastUpdate = (w: WorkBlurb) => w.revisedAt ?? w.updatedAt;

export class Discovery {
  constructor(private readonly deps: ModuleDeps) {}

  /** The home page for this viewer: the newest pen names, how many members there are, and recently updated works. */
  async home(viewer: Viewer): Promise<HomeView> {
    const { store } = this.deps;
    const [newestPseuds, userCount, recentWorks, news, continueReading] = await Promise.all([
      store.pseuds.newest(NEWEST_PSEUDS),
      store.users.count(),
      this.recentWorks(viewer),
      this.deps.archive.news.latest(),
      this.deps.archive.readings.continueReading(viewer),
    ]);
    return {
      newestPseuds,
      userCount,
      recentWorks: await this.deps.archive.readings.withProgress(viewer, recentWorks),
      news,
      continueReading,
    };
  }

  /** A page of /works for this viewer: the works matching the filters, with the sidebar's tag counts. */
  async works(viewer: Viewer, filters: WorkFilters): Promise<WorkSearchResult> {
    return this.deps.archive.readings.inResult(viewer, await this.deps.search.search(filters, viewer?.id ?? null));
  }

  /**
   * The header search: works matching the query in /works's query language (words, "phrases",
   * ranges like words>1000), and alongside them pen names, usernames and tags matching its words.
   * Tags are offered as the posting form suggests them: only those on works the viewer's audience
   * may read, so a tag used only on drafts is never revealed.
   */
  async search(viewer: Viewer, typed: string): Promise<SiteSearchAnswer> {
    const form = readWorkFilterForm({ q: typed.trim() });
    const { filters, errors } = parseWorkFilters(form);
    const words = [...filters.text.terms, ...filters.text.phrases].join(' ').slice(0, NAME_QUERY_LENGTH);
    const empty = form.q === '';
    const audience = audienceOf(viewer);
    const [works, pseuds, tags] = await Promise.all([
      empty || Object.keys(errors).length > 0
        ? null
        : this.deps.search.search(filters, viewer?.id ?? null, undefined, undefined, NO_SIDEBAR),
      words ? this.deps.store.pseuds.search(words) : [],
      words && [...words].length <= LIMITS.tagName
        ? Promise.all(
            FREE_TAG_KINDS.map(async (kind) =>
              (await this.deps.store.tags.suggest(kind, words, SEARCH_TAGS_PER_KIND, audience)).map((tag) => ({
                kind,
                ...tag,
              })),
            ),
          ).then((kinds) => kinds.flat())
        : [],
    ]);
    const marked = works && (await this.deps.archive.readings.inResult(viewer, works));
    return { query: form.q, words, works: marked, errors, pseuds, tags };
  }

  /**
   * A series for the API's catalogue, with its works this viewer may read in series order; a series
   * the series page would not show them is not there.
   */
  async catalogSeries(viewer: Viewer, id: number): Promise<{ series: Series; works: WorkBlurb[] }> {
    try {
      const { series, works } = await this.deps.archive.series.page(viewer, String(id));
      return { series, works };
    } catch (error) {
      if (error instanceof NotFoundError) throw new NotFoundError(NO_CATALOG_SERIES);
      throw error;
    }
  }

  /**
   * The most recently updated works the viewer may see, as /works sorts them: released works come
   * from the works index (sorting every work in SQL is slow at a million); a member's own drafts
   * and scheduled works, which the index does not list, are merged in.
   */
  private async recentWorks(viewer: Viewer): Promise<WorkBlurb[]> {
    const { store, search } = this.deps;
    const viewerId = viewer?.id ?? null;
    const { filters } = parseWorkFilters(readWorkFilterForm({}));
    const released = (await search.search({ ...filters, sort: 'updated' }, viewerId, RECENT, viewerId, NO_SIDEBAR))
      .works;
    if (viewerId === null) return released;
    const own = await store.works.list({
      viewerId,
      ids: await store.works.idsByUser(viewerId),
      limit: RECENT,
      muted: await this.deps.archive.mutes.mutedFor(viewer),
    });
    const byId = new Map([...released, ...own.works].map((w) => [w.id, w]));
    return [...byId.values()]
      .sort((a, b) => (lastUpdate(a) < lastUpdate(b) ? 1 : lastUpdate(a) > lastUpdate(b) ? -1 : b.id - a.id))
      .slice(0, RECENT);
  }
}
