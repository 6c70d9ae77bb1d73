import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Chapter, WorkBlurb } from '../../src/store/index.ts';
import { tagUri } from '../../src/formats/atom.ts';
import { chaptersFeed, pageLinks, worksFeed } from '../../src/formats/feeds.ts';
import {
  acquisitionFeed,
  navigationFeed,
  OPDS_ACQUISITION,
  OPDS_NAVIGATION,
  openSearchDescription,
} from '../../src/formats/opds.ts';
import { ACQUISITION_REL } from '../../src/formats/work-entries.tsx';
import { assertValidAtom, linkOf, parseFeed, THR_COUNT } from '../support/feeds.ts';

const site = { baseUrl: 'https://archive.example', archiveName: 'Test <Archive>' };

function blurb(overrides: Partial<WorkBlurb> = {}): WorkBlurb {
  return {
    id: 42,
    title: 'The Lighthouse Keeper',
    summary: '<p>A storm, a <em>stranger</em>.</p>',
    rating: 'General Audiences',
    language: 'en',
    visibility: 'public',
    commentPolicy: 'everyone',
    moderated: false,
    expectedChapters: null,
    complete: false,
    publishedAt: '2026-01-02T10:00:00.000Z',
    revisedAt: '2026-01-05T10:00:00.000Z',
    createdAt: '2026-01-02T09:00:00.000Z',
    updatedAt: '2026-01-04T10:00:00.000Z',
    wordCount: 1234,
    chapterCount: 2,
    hits: 0,
    kudosCount: 0,
    commentCount: 0,
    bookmarkCount: 0,
    hidden: null,
    creators: [
      { pseudId: 1, name: 'Marisol', login: 'marisol_writes', userId: 1, accepted: true },
      { pseudId: 2, name: 'invited', login: 'invited', userId: 2, accepted: false },
    ],
    tags: [
      { id: 1, kind: 'fandom', name: 'Original Work' },
      { id: 2, kind: 'freeform', name: 'Found Family' },
    ],
    ...overrides,
  };
}

function chapter(position: number, overrides: Partial<Chapter> = {}): Chapter {
  return {
    id: 100 + position,
    workId: 42,
    position,
    title: position === 2 ? 'The Storm' : '',
    summary: '',
    notes: '',
    endNotes: '',
    body: `<p>Text of chapter ${position}.</p>`,
    wordCount: 4,
    draft: false,
    publishedAt: `2026-01-0${position + 1}T10:00:00.000Z`,
    createdAt: `2026-01-0${position + 1}T10:00:00.000Z`,
    updatedAt: `2026-01-0${position + 1}T10:00:00.000Z`,
    hidden: null,
    ...overrides,
  };
}

describe('Atom feeds of works', () => {
  it('give each work a stable tag: id, its creators, tags, page and EPUB, and pass feedparser', () => {
    const feed = worksFeed(site, {
      title: 'Works in Found Family',
      path: '/tags/Found%20Family/feed.atom',
      pagePath: '/tags/Found%20Family/works',
      works: [blurb()],
      page: { page: 1, pageSize: 20, total: 1 },
      emptyUpdated: '2025-01-01T00:00:00.000Z',
    });
    const parsed = assertValidAtom(feed.xml);
    assert.equal(parsed.feedTitle, 'Works in Found Family · Test <Archive>');
    assert.equal(feed.updated, '2026-01-05T10:00:00.000Z');
    const [entry] = parsed.xml.entries;
    assert.equal(entry.id, 'tag:archive.example,2026-01-02:works/42');
    assert.equal(entry.published, '2026-01-02T10:00:00.000Z');
    assert.equal(entry.updated, '2026-01-05T10:00:00.000Z');
    assert.deepEqual(entry.authors, [
      { name: 'Marisol (marisol_writes)', uri: 'https://archive.example/users/marisol_writes/pseuds/Marisol' },
    ]);
    assert.deepEqual(entry.categories, ['Original Work', 'Found Family']);
    assert.equal(linkOf(entry.links, 'alternate')?.href, 'https://archive.example/works/42');
    assert.deepEqual(linkOf(entry.links, 'enclosure'), {
      rel: 'enclosure',
      href: 'https://archive.example/downloads/42/the-lighthouse-keeper.epub',
      type: 'application/epub+zip',
      title: 'The Lighthouse Keeper (EPUB)',
    });
    assert.equal(linkOf(parsed.xml.links, 'self')?.href, 'https://archive.example/tags/Found%20Family/feed.atom');
    assert.equal(entry.contentType, 'html');
    assert.match(
      entry.content!,
      /Additional Tags: <a href="https:\/\/archive\.example\/tags\/Found%20Family\/works"[^>]*>Found Family<\/a>/,
    );
    assert.match(entry.content!, /Words: 1,234/);
  });

  it('carry hostile titles and summaries as text and allowlisted HTML only', () => {
    const work = blurb({
      title: 'Evil <script>alert(1)</script> ]]> \u0001\u001f title',
      summary:
        '<p onclick="x()">Hi</p><script>steal()</script><img src="javascript:alert(1)"> ]]> <a href="javascript:x">l</a>\u000b',
    });
    const parsed = assertValidAtom(
      worksFeed(site, {
        title: 'T',
        path: '/f',
        pagePath: '/p',
        works: [work],
        page: { page: 1, pageSize: 20, total: 1 },
        emptyUpdated: '2025-01-01T00:00:00Z',
      }).xml,
    );
    assert.deepEqual(parsed.entries, ['Evil <script>alert(1)</script> ]]>  title']);
    const entry = parsed.xml.entries[0];
    for (const html of [entry.summary!, entry.content!]) {
      assert.doesNotMatch(html, /<script|onclick|javascript:/i);
      assert.match(html, /\]\]&gt;/);
    }
  });

  it('page with first, previous, next and last links', () => {
    const links = pageLinks(site, '/opds/works', { page: 2, pageSize: 20, total: 45 }, OPDS_ACQUISITION);
    assert.deepEqual(
      links.map((l) => [l.rel, l.href]),
      [
        ['self', 'https://archive.example/opds/works?page=2'],
        ['first', 'https://archive.example/opds/works'],
        ['previous', 'https://archive.example/opds/works'],
        ['next', 'https://archive.example/opds/works?page=3'],
        ['last', 'https://archive.example/opds/works?page=3'],
      ],
    );
    assert.deepEqual(
      pageLinks(site, '/opds/search?q=a%20b', { page: 1, pageSize: 20, total: 5 }, OPDS_ACQUISITION).map((l) => l.rel),
      ['self'],
    );
  });

  it('list a work’s chapters newest first, each with its text, in a valid feed', () => {
    const feed = chaptersFeed(site, blurb(), [
      chapter(1),
      chapter(2, { summary: '<p>Rain <b>falls</b>.</p>', notes: '<p>Thanks, beta!</p>' }),
    ]);
    const parsed = assertValidAtom(feed.xml);
    assert.deepEqual(parsed.entries, [
      'The Lighthouse Keeper: Chapter 2: The Storm',
      'The Lighthouse Keeper: Chapter 1',
    ]);
    const [second] = parsed.xml.entries;
    assert.equal(second.id, 'tag:archive.example,2026-01-02:works/42/chapters/102');
    assert.equal(linkOf(second.links, 'alternate')?.href, 'https://archive.example/works/42/chapters/102');
    assert.match(second.content!, /Thanks, beta!.*Text of chapter 2\./s);
    assert.match(second.summary!, /Rain <b>falls<\/b>/);
  });

  it('makes tag: URIs from the configured host, whatever its port', () => {
    assert.equal(
      tagUri('http://localhost:3000', '2026-03-04T05:06:07Z', 'works/1'),
      'tag:localhost,2026-03-04:works/1',
    );
    assert.equal(tagUri('http://[::1]:3000', '2026-03-04T05:06:07Z', 'works/1'), 'tag:localhost,2026-03-04:works/1');
  });
});

describe('OPDS catalogs', () => {
  it('link navigation entries to their catalogs with OPDS types and counts', () => {
    const xml = navigationFeed(
      site,
      {
        title: 'Fandoms',
        path: '/opds/fandoms',
        updated: '2026-01-01T00:00:00Z',
        page: { page: 1, pageSize: 50, total: 1 },
        up: { path: '/opds', kind: 'navigation' },
      },
      [
        {
          title: 'Original Work',
          description: '3 works',
          path: '/opds/tags/Original%20Work',
          kind: 'acquisition',
          count: 3,
          updated: '2026-01-01T00:00:00Z',
        },
      ],
    );
    const parsed = assertValidAtom(xml);
    assert.deepEqual(linkOf(parsed.xml.links, 'self'), {
      rel: 'self',
      href: 'https://archive.example/opds/fandoms',
      type: OPDS_NAVIGATION,
    });
    assert.equal(linkOf(parsed.xml.links, 'start')?.type, OPDS_NAVIGATION);
    assert.equal(linkOf(parsed.xml.links, 'up')?.href, 'https://archive.example/opds');
    assert.equal(linkOf(parsed.xml.links, 'search')?.type, 'application/opensearchdescription+xml');
    const link = parsed.xml.entries[0].links[0];
    assert.equal(link.rel, 'subsection');
    assert.equal(link.type, OPDS_ACQUISITION);
    assert.equal(link[THR_COUNT], '3');
  });

  it('offer each work for acquisition as EPUB and HTML', () => {
    const feed = acquisitionFeed(
      site,
      {
        title: 'Newest',
        path: '/opds/works',
        updated: '2026-01-01T00:00:00Z',
        page: { page: 1, pageSize: 20, total: 1 },
      },
      [blurb()],
    );
    const parsed = assertValidAtom(feed.xml);
    const links = parsed.xml.entries[0].links;
    assert.deepEqual(
      links.filter((l) => l.rel === ACQUISITION_REL).map((l) => [l.type, l.href]),
      [
        ['application/epub+zip', 'https://archive.example/downloads/42/the-lighthouse-keeper.epub'],
        ['text/html', 'https://archive.example/downloads/42/the-lighthouse-keeper.html'],
      ],
    );
    assert.equal(parsed.xml.fields['{http://a9.com/-/spec/opensearch/1.1/}totalResults'], '1');
  });

  it('describe the search for OpenSearch clients', () => {
    const parsed = parseFeed(openSearchDescription({ ...site, archiveName: 'A very long archive name indeed' }));
    assert.equal(parsed.xmlError, undefined);
    assert.equal(parsed.xml!.root, '{http://a9.com/-/spec/opensearch/1.1/}OpenSearchDescription');
    const doc = openSearchDescription(site);
    assert.match(
      doc,
      /<Url type="application\/atom\+xml;profile=opds-catalog;kind=acquisition" template="https:\/\/archive\.example\/opds\/search\?q=\{searchTerms\}"\/>/,
    );
    assert.match(
      openSearchDescription({ ...site, archiveName: 'A very long archive name indeed' }),
      /<ShortName>A very long arch<\/ShortName>/,
    );
  });
});
