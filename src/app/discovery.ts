/** Finding works and people: the home page, the works listing and search. */
import type { WorkFilters } from '../domain/work-filters.ts';
import { parseWorkFilters, readWorkFilterForm } from '../domain/work-filters.ts';
import { NotFoundError } from '../domain/errors.ts';
import type { PseudByline, Series, WorkBlurb } from '../store/index.ts';
import { NO_SIDEBAR, type WorkSearchResult } from '../search/work-search.ts';
import type { ModuleDeps } from './deps.ts';
import type { Viewer } from './viewer.ts';

const RECENT = 20;
const NEWEST_PSEUDS = 20;
/** The longest people search taken; the rest of what was typed is dropped. */
const PEOPLE_QUERY_LENGTH = 200;

export const NO_CATALOG_SERIES = 'There is no series with this id.';

/** What the home page shows. */
export interface HomeView {
  newestPseuds: PseudByline[];
  userCount: number;
  recentWorks: WorkBlurb[];
}

const lastUpdate = (w: WorkBlurb) => w.revisedAt ?? w.updatedAt;

export class Discovery {
  constructor(private readonly deps: ModuleDeps) {}

  /** The home page for this viewer: the newest pen names, how many members there are, and recently updated works. */
  async home(viewer: Viewer): Promise<HomeView> {
    const { store } = this.deps;
    const [newestPseuds, userCount, recentWorks] = await Promise.all([
      store.pseuds.newest(NEWEST_PSEUDS),
      store.users.count(),
      this.recentWorks(viewer),
    ]);
    return { newestPseuds, userCount, recentWorks };
  }

  /** A page of /works for this viewer: the works matching the filters, with the sidebar's tag counts. */
  works(viewer: Viewer, filters: WorkFilters): Promise<WorkSearchResult> {
    return this.deps.search.search(filters, viewer?.id ?? null);
  }

  /** The header search for anyone: pen names and usernames matching what was typed (trimmed and cut to length). */
  async people(typed: string): Promise<{ query: string; results: PseudByline[] }> {
    const query = typed.trim().slice(0, PEOPLE_QUERY_LENGTH);
    return { query, results: query ? await this.deps.store.pseuds.search(query) : [] };
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
