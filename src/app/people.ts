/** Users and their pen names as others see them. */
import { publicUser, validatePseud, type PseudInput } from '../domain/accounts.ts';
import { ForbiddenError, NotFoundError } from '../domain/errors.ts';
import { parsePageRequest, parseWorkFilters, type QueryValues } from '../domain/work-list-query.ts';
import { creatorWorkIds, type WorkListPage } from '../store/work-listing.ts';
import {
  parseWorkFilters as parseBrowseFilters,
  readWorkFilterForm,
  type WorkFilters as BrowseFilters,
} from '../domain/work-filters.ts';
import { NO_SIDEBAR, type WorkSearchResult } from '../search/work-search.ts';
import type { ApiToken, Bookmark, Pseud, User, WorkBlurb } from '../store/index.ts';
import type { BookmarkThing } from '../formats/api/resources.ts';
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';

/** How many works a user's or pen name's page lists; "All N works" leads to the rest. */
const PAGE_WORKS = 20;

/** A member's page: their pen names and the works this viewer may see. */
export interface UserPageView {
  user: User;
  pseuds: Pseud[];
  /** The most recently updated of the works this viewer may see, as their works list starts. */
  works: WorkBlurb[];
  /** How many works this viewer may see: the total of their works list. */
  workTotal: number;
  /** On one's own page, one's drafts, scheduled works and works the moderators hid (no list shows them); else empty. */
  unreleased: WorkBlurb[];
  /** Whether the viewer blocked this user; undefined for guests and on one's own page. */
  blocked: boolean | undefined;
  /** Whether the viewer subscribed to this user; undefined for guests and on one's own page. */
  subscribed: boolean | undefined;
  /** Whether the viewer muted this user; undefined for guests and on one's own page. */
  muted: boolean | undefined;
}

/** A pen name's page: its works this viewer may see. */
export interface PseudPageView {
  user: User;
  pseud: Pseud;
  /** How many pen names the member has. */
  pseudCount: number;
  works: WorkBlurb[];
  workTotal: number;
  /** On one's own pen name's page, its drafts and scheduled works; else empty. */
  unreleased: WorkBlurb[];
}

/** A member's or pen name's works list (/users/X/works, /users/X/pseuds/P/works) as this viewer sees it. */
export interface CreatorWorksView {
  user: User;
  pseud?: Pseud;
  /** Null when the filters had errors (the form is shown again, with nothing listed). */
  result: WorkSearchResult | null;
}

/** A user or pen name as the API describes them, with how many of their works the viewer may see. */
export interface Profile {
  user: User;
  pseuds: Pseud[];
  workCount: number;
}

export class People {
  constructor(private readonly deps: ModuleDeps) {}

  /** The member with this login as others may see them (no password hash), for anyone; or not found. */
  async user(login: string): Promise<User> {
    const user = await this.deps.store.users.findByLogin(login);
    if (!user) throw new NotFoundError(`There is no user called ${login}.`);
    return publicUser(user);
  }

  /** A member's pen name by its name, with the member, for anyone; or not found. */
  async pseud(login: string, name: string): Promise<{ user: User; pseud: Pseud }> {
    const user = await this.user(login);
    const pseud = await this.deps.store.pseuds.findByName(user.id, name);
    if (!pseud) throw new NotFoundError(`${user.login} has no pen name called ${name}.`);
    return { user, pseud };
  }

  /** A member's page as this viewer sees it. */
  async page(viewer: Viewer, login: string): Promise<UserPageView> {
    const { store } = this.deps;
    const user = await this.user(login);
    const other = viewer && viewer.id !== user.id ? viewer : null;
    const [pseuds, { works, total }, unreleased, muted, subscribed, blockers] = await Promise.all([
      store.pseuds.listForUser(user.id),
      this.recentWorks(viewer, user.login),
      this.unreleased(viewer, user),
      other ? store.mutes.isMuted(other.id, 'user', user.id) : undefined,
      other ? store.subscriptions.isSubscribed(other.id, 'user', user.id) : undefined,
      other ? store.blocks.blockedBy(user.id, [other.id]) : undefined,
    ]);
    const blocked = blockers ? blockers.length > 0 : undefined;
    return { user, pseuds, works, workTotal: total, unreleased, blocked, subscribed, muted };
  }

  /** A pen name's page as this viewer sees it. */
  async pseudPage(viewer: Viewer, login: string, name: string): Promise<PseudPageView> {
    const { user, pseud } = await this.pseud(login, name);
    const [pseuds, { works, total }, unreleased] = await Promise.all([
      this.deps.store.pseuds.listForUser(user.id),
      this.recentWorks(viewer, user.login, pseud.name),
      this.unreleased(viewer, user, pseud.name),
    ]);
    return { user, pseud, pseudCount: pseuds.length, works, workTotal: total, unreleased };
  }

  /**
   * A member's works list, or one pen name's, as this viewer may see it: /works's filters, sorts,
   * pages and sidebar over their works. `filters` null (the form had errors) lists nothing.
   */
  async worksList(
    viewer: Viewer,
    login: string,
    pseudName: string | undefined,
    filters: BrowseFilters | null,
  ): Promise<CreatorWorksView> {
    const { user, pseud } =
      pseudName === undefined ? { user: await this.user(login), pseud: undefined } : await this.pseud(login, pseudName);
    const found = filters && (await this.deps.archive.listing.byCreator(viewer, user.login, pseud?.name, filters));
    const result = found && (await this.deps.archive.readings.inResult(viewer, found));
    return { user, ...(pseud ? { pseud } : {}), result };
  }

  /**
   * The first works of a user's or pen name's list, newest update first, with the list's total: a
   * muted user's own page still lists their works (the reader came for them); muted tags stay hidden.
   */
  private async recentWorks(viewer: Viewer, login: string, pseud?: string) {
    const { filters } = parseBrowseFilters(readWorkFilterForm({ sort: 'updated' }));
    const result = await this.deps.archive.listing.byCreator(viewer, login, pseud, filters, PAGE_WORKS, NO_SIDEBAR);
    return { works: await this.deps.archive.readings.withProgress(viewer, result.works), total: result.total };
  }

  /**
   * On one's own page, the works no list shows: drafts, scheduled works, works the moderators hid,
   * and works a collection keeps unrevealed or anonymous.
   */
  private async unreleased(viewer: Viewer, user: User, pseud?: string): Promise<WorkBlurb[]> {
    if (viewer?.id !== user.id) return [];
    const ids = await creatorWorkIds(this.deps.store, user.login, pseud, { withAnonymous: true });
    if (ids.length === 0) return [];
    const { works } = await this.deps.store.works.list({ viewerId: viewer.id, ids, limit: ids.length });
    const now = new Date().toISOString();
    return works.filter(
      (w) =>
        w.visibility === 'draft' ||
        w.publishedAt === null ||
        w.publishedAt > now ||
        Boolean(w.hidden) ||
        Boolean(w.unrevealed) ||
        Boolean(w.anonymous),
    );
  }

  /** The account whose pen names this member may change: only their own (guests are sent to log in). */
  async ownAccount(viewer: Viewer, login: string): Promise<User> {
    const user = await this.user(login);
    requireOwner(viewer, user.id);
    return user;
  }

  /** One of the member's own pen names, to change (guests are sent to log in, others refused). */
  async ownPseud(viewer: Viewer, login: string, name: string): Promise<{ user: User; pseud: Pseud }> {
    const found = await this.pseud(login, name);
    requireOwner(viewer, found.user.id);
    return found;
  }

  /** Adds a pen name to the member's own account. */
  async addPseud(viewer: Viewer, login: string, input: PseudInput): Promise<{ user: User; pseud: Pseud }> {
    const user = await this.ownAccount(viewer, login);
    const pseud = await this.deps.store.pseuds.create(user.id, validatePseud(input));
    return { user, pseud };
  }

  /** Changes one of the member's own pen names; returns it as saved. */
  async updatePseud(
    viewer: Viewer,
    login: string,
    name: string,
    input: PseudInput,
  ): Promise<{ user: User; pseud: Pseud }> {
    const { user, pseud } = await this.ownPseud(viewer, login, name);
    return { user, pseud: await this.deps.store.pseuds.update(pseud, validatePseud(input)) };
  }

  /** Makes one of the member's own pen names their default. */
  async makeDefaultPseud(viewer: Viewer, login: string, name: string): Promise<{ user: User; pseud: Pseud }> {
    const found = await this.ownPseud(viewer, login, name);
    await this.deps.store.pseuds.makeDefault(found.pseud);
    return found;
  }

  /** Deletes one of the member's own pen names (not their last or default one: a ValidationError says why). */
  async deletePseud(viewer: Viewer, login: string, name: string): Promise<{ user: User; pseud: Pseud }> {
    const found = await this.ownPseud(viewer, login, name);
    await this.deps.store.pseuds.delete(found.pseud);
    return found;
  }

  /** How many of the account's (or pen name's) works this viewer may see. */
  private async workCount(viewer: Viewer, login: string, pseud?: string): Promise<number> {
    const { total } = await this.deps.archive.listing.list(
      viewer,
      { tags: [], fandoms: [], ratings: [], user: login, ...(pseud !== undefined ? { pseud } : {}) },
      { sort: 'updated', order: 'desc', limit: 1 },
    );
    return total;
  }

  /** The API's own profile of a member asking with a token, with that token. */
  async self(viewer: Viewer, tokenId: number | null): Promise<Profile & { token: ApiToken }> {
    const member = requireMember(viewer);
    const [tokens, pseuds, workCount] = await Promise.all([
      this.deps.store.apiTokens.listForUser(member.id),
      this.deps.store.pseuds.listForUser(member.id),
      this.workCount(member, member.login),
    ]);
    return { user: member, pseuds, workCount, token: tokens.find((t) => t.id === tokenId)! };
  }

  /** A member's profile for the API, with how many of their works this viewer may see. */
  async profile(viewer: Viewer, login: string): Promise<Profile> {
    const user = await this.user(login);
    const [pseuds, workCount] = await Promise.all([
      this.deps.store.pseuds.listForUser(user.id),
      this.workCount(viewer, user.login),
    ]);
    return { user, pseuds, workCount };
  }

  /** A pen name's profile for the API, with how many of its works this viewer may see. */
  async pseudProfile(
    viewer: Viewer,
    login: string,
    name: string,
  ): Promise<{ user: User; pseud: Pseud; workCount: number }> {
    const { user, pseud } = await this.pseud(login, name);
    return { user, pseud, workCount: await this.workCount(viewer, user.login, pseud.name) };
  }

  /**
   * The API's page of a member's works (or one pen name's) that this viewer may see, by the query's
   * filters and paging (read after the member is found, so an unknown member is not found first).
   */
  async works(
    viewer: Viewer,
    login: string,
    pseudName: string | undefined,
    query: QueryValues,
  ): Promise<WorkListPage & { limit: number }> {
    let whose: { user: string; pseud?: string };
    if (pseudName === undefined) whose = { user: (await this.user(login)).login };
    else {
      const { user, pseud } = await this.pseud(login, pseudName);
      whose = { user: user.login, pseud: pseud.name };
    }
    const page = parsePageRequest(query);
    const listed = await this.deps.archive.listing.list(viewer, { ...parseWorkFilters(query), ...whose }, page);
    return { ...listed, limit: page.limit };
  }

  /** A member's bookmarks for the API, as this viewer may see them: private ones only to their owner, of what the viewer may read. */
  async bookmarks(viewer: Viewer, login: string): Promise<{ bookmark: Bookmark; thing: BookmarkThing }[]> {
    const user = await this.user(login);
    const bookmarks = await this.deps.store.bookmarks.listForUser(user.id, viewer?.id === user.id);
    return this.deps.archive.works.readableBookmarks(viewer, bookmarks);
  }
}

/** Only the account's owner may change its pen names: guests are sent to log in, others refused. */
function requireOwner(viewer: Viewer, userId: number): void {
  if (requireMember(viewer).id !== userId)
    throw new ForbiddenError('Only the owner of this account can change its pen names.');
}
