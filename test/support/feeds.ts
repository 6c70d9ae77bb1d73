import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';

/**
 * Feeds as real clients read them: Debian's python3-feedparser (what many feed readers are
 * built on) and Python's strict XML parser (expat) for well-formedness and structure.
 */

export const ATOM = '{http://www.w3.org/2005/Atom}';
export const THR_COUNT = '{http://purl.org/syndication/thread/1.0}count';
export const OPENSEARCH = '{http://a9.com/-/spec/opensearch/1.1/}';

export interface XmlLink {
  rel?: string;
  href?: string;
  type?: string;
  title?: string;
  [attribute: string]: string | undefined;
}

export interface ParsedEntry {
  id: string | null;
  title: string | null;
  updated: string | null;
  published: string | null;
  links: XmlLink[];
  authors: { name: string | null; uri: string | null }[];
  categories: string[];
  summary: string | null;
  content: string | null;
  contentType: string | null;
}

export interface ParsedFeed {
  /** feedparser's verdict. */
  bozo: boolean;
  exc: string;
  version: string;
  feedTitle: string | null;
  /** Entry titles as feedparser read them. */
  entries: (string | null)[];
  /** feedparser's view of each entry's links (rel, type, href). */
  entryLinks: { rel: string; type: string; href: string }[][];
  /** Expat's view; absent when the document is not well-formed (see xmlError). */
  xml?: {
    root: string;
    id: string | null;
    title: string | null;
    updated: string | null;
    links: XmlLink[];
    /** Text of the root's children by tag, e.g. {http://a9.com/-/spec/opensearch/1.1/}totalResults. */
    fields: Record<string, string | null>;
    entries: ParsedEntry[];
  };
  xmlError?: string;
}

const SCRIPT = String.raw`
import sys, json
try:
    import feedparser
except ImportError:
    print(json.dumps({"missing": True}))
    sys.exit(0)
import xml.etree.ElementTree as ET
data = sys.stdin.buffer.read()
d = feedparser.parse(data)
out = {
    "bozo": bool(d.bozo),
    "exc": str(d.get("bozo_exception", "")),
    "version": d.get("version", ""),
    "feedTitle": d.feed.get("title"),
    "entries": [e.get("title") for e in d.entries],
    "entryLinks": [[{"rel": l.get("rel", ""), "type": l.get("type", ""), "href": l.get("href", "")} for l in e.get("links", [])] for e in d.entries],
}
A = "{http://www.w3.org/2005/Atom}"
def text(node, tag):
    found = node.find(A + tag)
    return None if found is None else (found.text or "")
try:
    root = ET.fromstring(data)
    def entry(e):
        content = e.find(A + "content")
        return {
            "id": text(e, "id"), "title": text(e, "title"), "updated": text(e, "updated"), "published": text(e, "published"),
            "links": [dict(l.attrib) for l in e.findall(A + "link")],
            "authors": [{"name": text(a, "name"), "uri": text(a, "uri")} for a in e.findall(A + "author")],
            "categories": [c.attrib.get("term") for c in e.findall(A + "category")],
            "summary": text(e, "summary"),
            "content": None if content is None else (content.text or ""),
            "contentType": None if content is None else content.attrib.get("type"),
        }
    out["xml"] = {
        "root": root.tag, "id": text(root, "id"), "title": text(root, "title"), "updated": text(root, "updated"),
        "links": [dict(l.attrib) for l in root.findall(A + "link")],
        "fields": {c.tag: c.text for c in root if c.tag != A + "entry" and c.tag != A + "link"},
        "entries": [entry(e) for e in root.findall(A + "entry")],
    }
except ET.ParseError as error:
    out["xmlError"] = str(error)
print(json.dumps(out))
`;

const INSTALL = "Debian's python3-feedparser is needed to check the feeds: apt-get install python3-feedparser";

/** Parses a feed with feedparser and expat; fails the test when either is missing. */
export function parseFeed(body: string): ParsedFeed {
  const run = spawnSync('/usr/bin/python3', ['-c', SCRIPT], {
    input: Buffer.from(body, 'utf8'),
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.error) throw new Error(`${INSTALL} (and python3 itself: ${run.error.message})`);
  if (run.status !== 0) throw new Error(`The feed check failed: ${run.stderr.toString()}`);
  const parsed = JSON.parse(run.stdout.toString()) as ParsedFeed & { missing?: boolean };
  if (parsed.missing) throw new Error(INSTALL);
  return parsed;
}

/** A feed that feedparser reads without complaint and expat finds well-formed Atom. */
export function assertValidAtom(body: string): ParsedFeed & { xml: NonNullable<ParsedFeed['xml']> } {
  const parsed = parseFeed(body);
  assert.equal(parsed.xmlError, undefined, `not well-formed XML: ${parsed.xmlError}`);
  assert.equal(parsed.bozo, false, `feedparser found a problem: ${parsed.exc}`);
  assert.equal(parsed.version, 'atom10');
  const xml = parsed.xml!;
  assert.equal(xml.root, `${ATOM}feed`);
  assert.ok(xml.id, 'the feed has an id');
  assert.ok(xml.title, 'the feed has a title');
  assert.match(xml.updated ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  for (const entry of xml.entries) {
    assert.ok(entry.id, 'every entry has an id');
    assert.match(entry.updated ?? '', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  }
  return { ...parsed, xml };
}

export function linkOf(links: XmlLink[], rel: string, type?: string): XmlLink | undefined {
  return links.find((l) => l.rel === rel && (type === undefined || l.type === type));
}
