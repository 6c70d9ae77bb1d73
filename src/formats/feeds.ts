/** Quire's Atom feeds: newest works of a tag, a user or a series, and the new chapters of a work. */
import type { Chapter, WorkBlurb } from '../store/index.ts';
import { ATOM_TYPE, atomXml, latest, type AtomLink } from './atom.ts';
import {
  absolute,
  chapterEntry,
  DC_NS,
  paths,
  workAuthors,
  workEntry,
  workUpdated,
  type FeedSite,
} from './work-entries.tsx';
import { isolateBidi } from '../text/bidi.ts';
import { tagPagePath, userActionPath, seriesPath, workActionPath } from '../paths.ts';

/** Where this page of a listing is, out of how many (RFC 5005 paging for Atom, OPDS pagination). */
export interface PageInfo {
  page: number;
  pageSize: number;
  total: number;
}

export function lastPage(info: PageInfo): number {
  return Math.max(1, Math.ceil(info.total / info.pageSize));
}

function withPage(path: string, page: number): string {
  if (page <= 1) return path;
  return `${path}${path.includes('?') ? '&' : '?'}page=${page}`;
}

/** self, first, previous, next and last links for one page of a feed at `path`. */
export function pageLinks(site: FeedSite, path: string, info: PageInfo, type: string): AtomLink[] {
  const last = lastPage(info);
  const links: AtomLink[] = [{ rel: 'self', href: absolute(site, withPage(path, info.page)), type }];
  if (last > 1) links.push({ rel: 'first', href: absolute(site, path), type });
  if (info.page > 1)
    links.push({ rel: 'previous', href: absolute(site, withPage(path, Math.min(info.page - 1, last))), type });
  if (info.page < last) links.push({ rel: 'next', href: absolute(site, withPage(path, info.page + 1)), type });
  if (last > 1) links.push({ rel: 'last', href: absolute(site, withPage(path, last)), type });
  return links;
}

export interface WorksFeedInput {
  title: string;
  subtitle?: string;
  /** The feed's own path (without page), e.g. /tags/Angst/feed.atom. */
  path: string;
  /** The HTML page the feed follows. */
  pagePath: string;
  works: WorkBlurb[];
  page: PageInfo;
  /** When nothing is listed: when the tag, user or series itself last changed. */
  emptyUpdated: string;
}

/** The time of a feed: its newest entry, or the thing it follows when it has none. */
export function feedUpdated(works: WorkBlurb[], fallback: string): string {
  return latest(...works.map(workUpdated)) ?? fallback;
}

export const ATOM_FEED_TYPE = `${ATOM_TYPE}; charset=utf-8`;

export function worksFeed(site: FeedSite, input: WorksFeedInput): { xml: string; updated: string } {
  const updated = feedUpdated(input.works, input.emptyUpdated);
  const xml = atomXml({
    id: absolute(site, input.path),
    title: `${isolateBidi(input.title)} · ${site.archiveName}`,
    subtitle: input.subtitle,
    updated,
    base: site.baseUrl,
    generator: 'Quire',
    namespaces: { dc: DC_NS },
    links: [
      { rel: 'alternate', href: absolute(site, input.pagePath), type: 'text/html' },
      ...pageLinks(site, input.path, input.page, ATOM_TYPE),
    ],
    entries: input.works.map((work) => workEntry(site, work, 'enclosure')),
  });
  return { xml, updated };
}

/** Where each Atom feed lives. */
export const feedPaths = {
  tag: (name: string) => `${tagPagePath(name)}/feed.atom`,
  user: (login: string) => userActionPath(login, 'works/feed.atom'),
  series: (id: number) => `${seriesPath(id)}/feed.atom`,
  chapters: (workId: number) => workActionPath(workId, 'chapters/feed.atom'),
  savedSearch: (feedToken: string) => `/saved-searches/${encodeURIComponent(feedToken)}/feed.atom`,
};

/** A work's posted chapters, newest first. */
export function chaptersFeed(site: FeedSite, work: WorkBlurb, chapters: Chapter[]): { xml: string; updated: string } {
  const entries = [...chapters]
    .sort((a, b) => b.position - a.position)
    .map((chapter) => chapterEntry(site, work, chapter));
  const updated = latest(workUpdated(work), ...entries.map((e) => e.updated)) ?? work.createdAt;
  const xml = atomXml({
    id: absolute(site, feedPaths.chapters(work.id)),
    title: `${isolateBidi(work.title)}: new chapters · ${site.archiveName}`,
    updated,
    base: site.baseUrl,
    generator: 'Quire',
    authors: workAuthors(site, work),
    links: [
      { rel: 'self', href: absolute(site, feedPaths.chapters(work.id)), type: ATOM_TYPE },
      { rel: 'alternate', href: absolute(site, paths.work(work.id)), type: 'text/html' },
    ],
    entries,
  });
  return { xml, updated };
}
