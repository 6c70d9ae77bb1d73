/**
 * What crawlers are told: robots.txt and its list of AI crawlers (the admins' to change), the
 * "do not index" choices of writers (per work on the posting form, for everything on the account
 * page), the directives each work's and member's pages carry, and the sitemap of what may be indexed.
 */
import type { ModuleDeps } from './deps.ts';
import { requireMember, type Viewer } from './viewer.ts';
import { workId } from './access.ts';
import { isRowId } from '../domain/ids.ts';
import { NotFoundError } from '../domain/errors.ts';
import { DEFAULT_BLOCKED_CRAWLERS, NOINDEX_DIRECTIVES, parseCrawlerList, robotsTxt } from '../domain/crawlers.ts';
import type { SitemapRow } from '../store/index.ts';
import { WorkFacts } from './work-facts.ts';

const BLOCKED_SETTING = 'robots_blocked_crawlers';

/**
 * Ids per sitemap page. A page lists the works (or members) whose ids fall in its range, read over
 * the primary key: at most 10,000 addresses a page (the protocol allows 50,000), small enough to
 * answer in a moment at any archive size.
 */
export const SITEMAP_RANGE = 10_000;

export type SitemapKind = 'works' | 'users';

/** The sitemap index: the pages that list at least one address, by kind. */
export interface SitemapIndex {
  works: number[];
  users: number[];
}

export const NO_SITEMAP_PAGE = 'There is no such sitemap page.';

export class Crawlers {
  /** Each work's directives, asked on every view of its pages. */
  private readonly works: WorkFacts<boolean>;

  constructor(private readonly deps: ModuleDeps) {
    this.works = new WorkFacts(deps.search);
  }

  /** The AI crawlers robots.txt turns away: the admins' list, or the default one until they set one. */
  async blockedCrawlers(): Promise<string[]> {
    const saved = await this.deps.store.settings.get(BLOCKED_SETTING);
    return saved === undefined ? [...DEFAULT_BLOCKED_CRAWLERS] : saved.split('\n').filter((n) => n !== '');
  }

  /** The robots.txt the archive serves, naming its sitemap at this address. */
  async robotsTxt(sitemapUrl: string): Promise<string> {
    return robotsTxt(await this.blockedCrawlers(), sitemapUrl);
  }

  /** The list for the admin settings form, one name a line. Admins only. */
  async blockedCrawlersForAdmin(viewer: Viewer): Promise<string> {
    await this.deps.archive.staff.requireAdmin(viewer);
    return (await this.blockedCrawlers()).join('\n');
  }

  /** Saves the list an admin typed (one name a line; empty blocks none). Admins only. */
  async saveBlockedCrawlers(viewer: Viewer, text: string): Promise<string[]> {
    await this.deps.archive.staff.requireAdmin(viewer);
    const names = parseCrawlerList(text);
    await this.deps.store.settings.set(BLOCKED_SETTING, names.join('\n'));
    return names;
  }

  /** Whether the member asks that their works, user page and pen name pages not be indexed. */
  async accountChoice(viewer: Viewer): Promise<boolean> {
    const member = requireMember(viewer);
    return this.deps.store.crawlers.memberOptedOut(member.id);
  }

  async setAccountChoice(viewer: Viewer, optedOut: boolean): Promise<void> {
    const member = requireMember(viewer);
    await this.deps.store.crawlers.setMemberOptedOut(member.id, optedOut);
  }

  /**
   * The robots directives for the pages and downloads of the work at this address: set when the
   * work or any of its creators asked not to be indexed; undefined otherwise (or for no such work:
   * the page itself says it is not there, whoever may read it).
   */
  async workDirectives(id: string): Promise<string | undefined> {
    let parsed: number;
    try {
      parsed = workId(id);
    } catch {
      return undefined;
    }
    const optedOut = await this.works.get(parsed, '', () => this.deps.store.crawlers.workOptedOut(parsed));
    return optedOut ? NOINDEX_DIRECTIVES : undefined;
  }

  /** The robots directives for a member's user and pen name pages. */
  async memberDirectives(login: string): Promise<string | undefined> {
    // No such login can exist; PostgreSQL would refuse the NUL before the page could say so.
    if (login.length > 200 || login.includes('\u0000')) return undefined;
    return (await this.deps.store.crawlers.memberOptedOutByLogin(login)) ? NOINDEX_DIRECTIVES : undefined;
  }

  /** The sitemap index: every page with at least one address (empty pages are left out). */
  async sitemapIndex(): Promise<SitemapIndex> {
    const { crawlers } = this.deps.store;
    const highest = await crawlers.highestIds();
    const pagesWith = async (top: number, has: (from: number, to: number) => Promise<boolean>) => {
      const pages: number[] = [];
      for (let page = 1; (page - 1) * SITEMAP_RANGE < top; page++) {
        const [from, to] = rangeOf(page);
        if (await has(from, to)) pages.push(page);
      }
      return pages;
    };
    return {
      works: await pagesWith(highest.work, (from, to) => crawlers.hasIndexableWorks(from, to)),
      users: await pagesWith(highest.user, (from, to) => crawlers.hasIndexableUsers(from, to)),
    };
  }

  /**
   * One sitemap page: works guests may read now (posted, public, not scheduled, not hidden by the
   * moderators) that neither the work nor any of its creators opted out of indexing; or the members
   * credited with such works who did not opt out.
   */
  async sitemapPage(kind: SitemapKind, page: string): Promise<SitemapRow[]> {
    const n = /^\d{1,9}$/.test(page) ? Number(page) : Number.NaN;
    if (!isRowId(n)) throw new NotFoundError(NO_SITEMAP_PAGE);
    const [from, to] = rangeOf(n);
    const { crawlers } = this.deps.store;
    const rows =
      kind === 'works' ? await crawlers.indexableWorkRows(from, to) : await crawlers.indexableUserRows(from, to);
    if (rows.length === 0) throw new NotFoundError(NO_SITEMAP_PAGE);
    return rows;
  }
}

function rangeOf(page: number): [number, number] {
  return [(page - 1) * SITEMAP_RANGE + 1, page * SITEMAP_RANGE];
}
