/**
 * The application layer: every use case of the archive, one module per aggregate, over the store
 * and the works search. Routes (HTML pages, the JSON API, feeds, OPDS, downloads) call these and
 * never the store; each rule about who may see or do what is applied here, once.
 *
 * Use cases take a viewer (a member, or null for a guest) and plain values, and return results.
 * What cannot be done is thrown as a typed outcome from domain/errors.ts (NotFoundError,
 * ForbiddenError, LogInRequiredError, ValidationError), which each surface maps to its status
 * in one place (the page error handler, the API error handler).
 */
import type { Config } from '../config.ts';
import type { Store } from '../store/index.ts';
import type { WorkSearch } from '../search/work-search.ts';
import { WorkAccess } from './access.ts';
import { Visitors } from './visitors.ts';
import { Kudos } from './kudos.ts';
import { Comments } from './comments.ts';
import { Works } from './works.ts';
import { WorkListing } from './work-listing.ts';

export interface ArchiveDeps {
  store: Store;
  search: WorkSearch;
  config: Config;
}

export class Archive {
  /** Who may read and change a work. */
  readonly access: WorkAccess;
  /** Who is asking, as kudos and hits count people; hits. */
  readonly visitors: Visitors;
  readonly kudos: Kudos;
  readonly comments: Comments;
  /** Posting and changing works, with their series. */
  readonly works: Works;
  /** The API's lists of works. */
  readonly listing: WorkListing;

  constructor(deps: ArchiveDeps) {
    const { store } = deps;
    this.access = new WorkAccess(store);
    this.visitors = new Visitors(store);
    this.kudos = new Kudos(store, this.access, this.visitors);
    this.comments = new Comments(store);
    this.works = new Works(store);
    this.listing = new WorkListing(store, deps.search);
  }
}

export type { Viewer, Member } from './viewer.ts';
