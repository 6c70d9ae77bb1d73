/**
 * OPDS 1.2 catalogs (Atom with OPDS link relations and types) and the OpenSearch description
 * that lets e-reader apps search the archive. Everything here is for anonymous clients.
 */
import { atomXml, latest, type AtomEntry, type AtomLink } from './atom.ts';
import { lastPage, pageLinks, type PageInfo } from './feeds.ts';
import { absolute, DC_NS, workEntry, workUpdated, type FeedSite } from './work-entries.tsx';
import { el, xmlDocument } from './xml.ts';
import type { WorkBlurb } from '../store/index.ts';

export const OPDS_NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
export const OPDS_ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
export const OPENSEARCH_TYPE = 'application/opensearchdescription+xml';

const OPENSEARCH_NS = 'http://a9.com/-/spec/opensearch/1.1/';
const NAMESPACES = {
  dc: DC_NS,
  opds: 'http://opds-spec.org/2010/catalog',
  opensearch: OPENSEARCH_NS,
  thr: 'http://purl.org/syndication/thread/1.0',
};

export const OPDS_ROOT = '/opds';
export const OPENSEARCH_PATH = '/opds/opensearch.xml';
export const OPDS_SORT_NEW = 'http://opds-spec.org/sort/new';
export const OPDS_SORT_POPULAR = 'http://opds-spec.org/sort/popular';

/** One entry of a navigation feed: a way into the catalog. */
export interface NavigationItem {
  title: string;
  /** What the reader finds there, as plain text. */
  description: string;
  path: string;
  kind: 'navigation' | 'acquisition';
  /** subsection unless it is one of OPDS's sort relations. */
  rel?: string;
  /** How many works (or entries) lie behind it. */
  count?: number;
  updated: string;
}

export interface CatalogPage {
  title: string;
  /** The catalog's own path without its page, e.g. /opds/fandoms. */
  path: string;
  updated: string;
  page: PageInfo;
  /** The catalog one level up, when there is one below the root. */
  up?: { path: string; kind: 'navigation' | 'acquisition' };
}

function typeOf(kind: 'navigation' | 'acquisition'): string {
  return kind === 'navigation' ? OPDS_NAVIGATION : OPDS_ACQUISITION;
}

function commonLinks(site: FeedSite, catalog: CatalogPage, kind: 'navigation' | 'acquisition'): AtomLink[] {
  const links: AtomLink[] = [...pageLinks(site, catalog.path, catalog.page, typeOf(kind))];
  links.push({ rel: 'start', href: absolute(site, OPDS_ROOT), type: OPDS_NAVIGATION, title: site.archiveName });
  if (catalog.up) links.push({ rel: 'up', href: absolute(site, catalog.up.path), type: typeOf(catalog.up.kind) });
  links.push({
    rel: 'search',
    href: absolute(site, OPENSEARCH_PATH),
    type: OPENSEARCH_TYPE,
    title: `Search ${site.archiveName}`,
  });
  return links;
}

function paging(page: PageInfo) {
  return [
    el('opensearch:totalResults', {}, String(page.total)),
    el('opensearch:itemsPerPage', {}, String(page.pageSize)),
    el('opensearch:startIndex', {}, String((Math.min(page.page, lastPage(page)) - 1) * page.pageSize + 1)),
  ];
}

export function navigationFeed(site: FeedSite, catalog: CatalogPage, items: NavigationItem[]): string {
  const entries: AtomEntry[] = items.map((item) => ({
    id: absolute(site, item.path),
    title: item.title,
    updated: item.updated,
    authors: [],
    content: { text: item.description },
    links: [
      {
        rel: item.rel ?? 'subsection',
        href: absolute(site, item.path),
        type: typeOf(item.kind),
        title: item.title,
        extra: item.count === undefined ? undefined : { 'thr:count': item.count },
      },
    ],
  }));
  return atomXml({
    id: absolute(site, catalog.path),
    title: catalog.title,
    updated: catalog.updated,
    base: site.baseUrl,
    // Navigation entries have no author of their own; the archive speaks for them.
    authors: [{ name: site.archiveName, uri: absolute(site, '/') }],
    generator: 'Quire',
    namespaces: NAMESPACES,
    links: commonLinks(site, catalog, 'navigation'),
    extra: catalog.page.total > catalog.page.pageSize ? paging(catalog.page) : undefined,
    entries,
  });
}

export function acquisitionFeed(
  site: FeedSite,
  catalog: CatalogPage,
  works: WorkBlurb[],
  searchTerms?: string,
): { xml: string; updated: string } {
  const updated = latest(catalog.updated, ...works.map(workUpdated)) ?? catalog.updated;
  const xml = atomXml({
    id: absolute(site, catalog.path),
    title: catalog.title,
    updated,
    base: site.baseUrl,
    generator: 'Quire',
    namespaces: NAMESPACES,
    links: commonLinks(site, catalog, 'acquisition'),
    extra: [
      paging(catalog.page),
      searchTerms === undefined ? null : el('opensearch:Query', { role: 'request', searchTerms }),
    ],
    entries: works.map((work) => workEntry(site, work, 'acquisition')),
  });
  return { xml, updated };
}

export const OPDS_SEARCH_PATH = '/opds/search';

/** The OpenSearch 1.1 description: how a client turns typed words into a search feed. */
export function openSearchDescription(site: FeedSite): string {
  const template = `${absolute(site, OPDS_SEARCH_PATH)}?q={searchTerms}`;
  return xmlDocument(
    el(
      'OpenSearchDescription',
      { xmlns: OPENSEARCH_NS },
      // ShortName is at most 16 characters by the specification.
      el('ShortName', {}, [...site.archiveName].slice(0, 16).join('')),
      el('Description', {}, `Search the works of ${site.archiveName} by title, summary, tag or creator.`),
      el('InputEncoding', {}, 'UTF-8'),
      el('OutputEncoding', {}, 'UTF-8'),
      el('Url', { type: OPDS_ACQUISITION, template }),
      el('Url', { type: 'application/atom+xml', template }),
      el('Query', { role: 'example', searchTerms: 'found family' }),
    ),
  );
}
