import type { Store } from '../store/index.ts';
import { creatorWorkIds, listWorks, workIdsTagged, type WorkListPage } from '../store/work-listing.ts';
import { NO_SIDEBAR, type SearchPaging, type WorkSearch, type WorkSearchResult } from '../search/work-search.ts';
import { PAGE_SIZE, type WorkFilters as BrowseFilters } from '../domain/work-filters.ts';
import type { PageRequest, WorkFilters } from '../domain/work-list-query.ts';
import type { Viewer } from './viewer.ts';
import {
  encodeOffsetCursor,
  InvalidParameterError,
  parseIndexedListQuery,
  type QueryValues,
} from '../domain/work-list-query.ts';
import { pageResource, workResource } from '../formats/api/resources.ts';

/** The API's lists of works, over what the viewer may see. */
export class WorkListing {
  constructor(
    private readonly store: Store,
    private readonly search: WorkSearch,
  ) {}

  /** Filters, sort and keyset pagination over the works the viewer may see. */
  list(viewer: Viewer, filters: WorkFilters, page: PageRequest): Promise<WorkListPage> {
    return listWorks(this.store, filters, page, viewer?.id ?? null);
  }

  /**
   * A page of the works of one member, or one of their pen names (`pseud`), that this viewer may
   * see, with /works's filters, sorts and sidebar: the works index decides visibility as on /works,
   * so drafts, scheduled works and registered-only works for guests stay out of the list and its
   * total alike. A reader's mute of the creator does not empty the creator's own list.
   */
  async byCreator(
    viewer: Viewer,
    login: string,
    pseud: string | undefined,
    filters: BrowseFilters,
    pageSize = PAGE_SIZE,
    paging: SearchPaging = {},
  ): Promise<WorkSearchResult> {
    const viewerId = viewer?.id ?? null;
    const within = await creatorWorkIds(this.store, login, pseud);
    return this.search.search(filters, viewerId, pageSize, viewerId, { ...paging, within, keepMutedCreators: true });
  }

  /**
   * A page of the API's works list or search, answered by the works index with /works's filters,
   * query syntax and sorts, paged by an offset cursor tied to the list it was made for.
   */
  async indexedPage(viewer: Viewer, query: QueryValues, options: { requireText?: boolean } = {}) {
    const { store, search } = this;
    const viewerId = viewer?.id ?? null;
    const asked = parseIndexedListQuery(query);
    const { filters } = asked;
    if (options.requireText && (typeof query.q !== 'string' || query.q.trim() === '')) {
      throw new InvalidParameterError(
        'q',
        'Say what to search for: q holds words to find (the query syntax of /works).',
      );
    }
    let within: Set<number> | undefined;
    const narrow = (ids: number[]) => {
      within = within === undefined ? new Set(ids) : new Set(ids.filter((id) => within!.has(id)));
    };
    for (const name of asked.anyKindTags) {
      // `tag` names a tag of any kind; a name no tag has matches nothing, as on /works.
      const tags = await store.works.tagsNamed(name);
      if (tags.length <= 1) filters.include.push({ kind: tags[0]?.kind ?? 'freeform', name: tags[0]?.name ?? name });
      else {
        // Several kinds share the name ("A/B" as a relationship and as an additional tag): any of them.
        const filterIds = (await Promise.all(tags.map((tag) => store.tags.filterTagIdsFor(tag.id)))).flat();
        narrow(await workIdsTagged(store, filterIds));
      }
    }
    if (asked.user !== undefined || asked.pseud !== undefined)
      narrow(await creatorWorkIds(store, asked.user, asked.pseud));
    if (asked.collection !== undefined) {
      const collection = await store.collections.findByName(asked.collection);
      if (!collection)
        throw new InvalidParameterError('collection', `There is no collection named “${asked.collection}”.`);
      narrow(await store.collections.workIds(collection.id));
    }
    // API clients get the archive as it is: a token owner's mutes shape the website, not the API.
    const result = await search.search(filters, viewerId, asked.limit, null, {
      ...NO_SIDEBAR,
      offset: asked.offset,
      reverse: asked.reverse,
      ...(within ? { within: [...within] } : {}),
    });
    const nextOffset = asked.offset + asked.limit;
    return pageResource(
      result.works.map(workResource),
      result.total,
      asked.limit,
      nextOffset < result.total ? encodeOffsetCursor(nextOffset, asked.check) : undefined,
    );
  }
}
