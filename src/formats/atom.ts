/**
 * Atom 1.0 (RFC 4287) documents: the model every Quire feed is built as (OPDS catalogs are
 * Atom too) and its serialization. HTML goes in as type="html" after the sanitizer's allowlist.
 */
import { sanitizeUserHtml } from '../text/sanitize.ts';
import { el, xmlDocument, type XmlChild, type XmlElement } from './xml.ts';

export const ATOM_NS = 'http://www.w3.org/2005/Atom';
export const ATOM_TYPE = 'application/atom+xml';

export interface AtomPerson {
  name: string;
  uri?: string;
}

export interface AtomLink {
  rel: string;
  href: string;
  type?: string;
  title?: string;
  /** Further attributes in other namespaces, e.g. thr:count or opds:facetGroup. */
  extra?: Record<string, string | number>;
}

export interface AtomCategory {
  term: string;
  label?: string;
  scheme?: string;
}

export type AtomText = { html: string } | { text: string };

export interface AtomEntry {
  /** A permanent IRI, usually a tag: URI. */
  id: string;
  title: string;
  updated: string;
  published?: string;
  authors: AtomPerson[];
  summary?: AtomText;
  content?: AtomText;
  categories?: AtomCategory[];
  links: AtomLink[];
  /** Elements of other vocabularies (Dublin Core …), in order. */
  extra?: XmlChild[];
}

export interface AtomFeed {
  id: string;
  title: string;
  subtitle?: string;
  updated: string;
  /** Base for relative links inside HTML content. */
  base: string;
  authors?: AtomPerson[];
  links: AtomLink[];
  entries: AtomEntry[];
  /** Extra namespace declarations on the root: prefix → URI. */
  namespaces?: Record<string, string>;
  extra?: XmlChild[];
  generator?: string;
}

/** The latest of some ISO timestamps (null and undefined ignored). */
export function latest(...times: (string | null | undefined)[]): string | undefined {
  return times
    .filter((t): t is string => typeof t === 'string' && t !== '')
    .sort()
    .at(-1);
}

/** Atom dates are RFC 3339; stored timestamps are ISO 8601 UTC already, this normalizes any stray form. */
export function atomDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

/**
 * A tag: URI (RFC 4151) for something of this archive, e.g. tag:archive.example,2026-01-31:works/42.
 * The date is when the thing was created, so the id never changes while the host stays.
 */
export function tagUri(baseUrl: string, createdAt: string, specific: string): string {
  const host = new URL(baseUrl).hostname.replace(/^\[|\]$/g, '') || 'localhost';
  const authority = /^[A-Za-z0-9.-]+$/.test(host) ? host.toLowerCase() : 'localhost';
  return `tag:${authority},${atomDate(createdAt).slice(0, 10)}:${specific}`;
}

function textConstruct(name: string, value: AtomText | string, base?: string): XmlElement {
  if (typeof value === 'string') return el(name, { type: 'text' }, value);
  if ('text' in value) return el(name, { type: 'text' }, value.text);
  return el(name, { type: 'html', 'xml:base': base }, sanitizeUserHtml(value.html));
}

function person(kind: 'author', p: AtomPerson): XmlElement {
  return el(kind, {}, el('name', {}, p.name), p.uri ? el('uri', {}, p.uri) : null);
}

function link(l: AtomLink): XmlElement {
  return el('link', { rel: l.rel, href: l.href, type: l.type, title: l.title, ...l.extra });
}

function entry(e: AtomEntry, base: string): XmlElement {
  return el(
    'entry',
    {},
    el('id', {}, e.id),
    textConstruct('title', e.title),
    el('updated', {}, atomDate(e.updated)),
    e.published ? el('published', {}, atomDate(e.published)) : null,
    e.authors.map((a) => person('author', a)),
    (e.categories ?? []).map((c) => el('category', { term: c.term, scheme: c.scheme, label: c.label })),
    e.links.map(link),
    e.summary ? textConstruct('summary', e.summary, base) : null,
    e.content ? textConstruct('content', e.content, base) : null,
    e.extra,
  );
}

export function feedElement(feed: AtomFeed): XmlElement {
  const namespaces = Object.fromEntries(
    Object.entries(feed.namespaces ?? {}).map(([prefix, uri]) => [`xmlns:${prefix}`, uri]),
  );
  return el(
    'feed',
    { xmlns: ATOM_NS, ...namespaces },
    el('id', {}, feed.id),
    textConstruct('title', feed.title),
    feed.subtitle ? textConstruct('subtitle', feed.subtitle) : null,
    el('updated', {}, atomDate(feed.updated)),
    (feed.authors ?? []).map((a) => person('author', a)),
    feed.generator ? el('generator', {}, feed.generator) : null,
    feed.links.map(link),
    feed.extra,
    feed.entries.map((e) => entry(e, feed.base)),
  );
}

export function atomXml(feed: AtomFeed): string {
  return xmlDocument(feedElement(feed));
}
