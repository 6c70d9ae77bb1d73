import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { assertValidAtom, linkOf, parseFeed, OPENSEARCH, THR_COUNT, type XmlLink } from '../support/feeds.ts';
import { postWork } from '../support/works.ts';

const NAVIGATION = 'application/atom+xml;profile=opds-catalog;kind=navigation';
const ACQUISITION = 'application/atom+xml;profile=opds-catalog;kind=acquisition';
const ACQUIRE = 'http://opds-spec.org/acquisition';
const BASE = 'http://localhost';

function path(href: string): string {
  assert.ok(href.startsWith(BASE), `${href} is an absolute link on this archive`);
  return href.slice(BASE.length);
}

describeEachDatabase('OPDS catalog', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let guest: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('opds_writer');
    guest = t.agent();
  });
  afterEach(() => t.dispose());

  async function pseudId(): Promise<number> {
    const user = await t.store.users.findByLogin('opds_writer');
    return (await t.store.pseuds.listForUser(user!.id))[0].id;
  }

  /** Public works in two fandoms and a series, and restricted works beside them. */
  async function archive() {
    const harbour = await writer.postWork({
      title: 'Harbour Lights',
      fandoms: 'Sea Stories',
      relationships: 'Keeper/Stranger',
      newSeriesTitle: 'Coast Cycle',
      summary: 'A storm at the lighthouse.',
    });
    const seriesId = /<option value="(\d+)"[^>]*>Coast Cycle<\/option>/.exec((await writer.get('/works/new')).body)![1];
    const tide = await writer.postWork({ title: 'Tide Tables', fandoms: 'Sea Stories', seriesId });
    const moor = await writer.postWork({ title: 'Moorland', fandoms: 'Hill Tales' });
    await writer.postWork({
      title: 'Members Only',
      fandoms: 'Sea Stories, Secret Fandom',
      seriesId,
      visibility: 'registered',
    });
    await writer.postWork({ title: 'Draft Thing', fandoms: 'Secret Fandom', seriesId, visibility: 'draft' });
    await writer.postWork({ title: 'Future Thing', fandoms: 'Secret Fandom', seriesId, publishAt: '2099-01-01 10:00' });
    return { harbour, tide, moor, seriesId };
  }

  async function fetchCatalog(url: string, type: string) {
    const response = await guest.get(url);
    assert.equal(response.status, 200, url);
    assert.equal(response.headers['content-type'], type, url);
    return assertValidAtom(response.body);
  }

  it('crawls from /opds through every catalog: valid feeds of the types their links promise, public works only', async () => {
    await archive();
    const root = await fetchCatalog('/opds', NAVIGATION);
    assert.deepEqual(linkOf(root.xml.links, 'self'), { rel: 'self', href: `${BASE}/opds`, type: NAVIGATION });
    assert.equal(linkOf(root.xml.links, 'start')?.type, NAVIGATION);
    assert.deepEqual(
      root.xml.entries.map((e) => [e.title, e.links[0].rel, e.links[0].type]),
      [
        ['Newest works', 'http://opds-spec.org/sort/new', ACQUISITION],
        ['Most kudos', 'http://opds-spec.org/sort/popular', ACQUISITION],
        ['By fandom', 'subsection', NAVIGATION],
        ['By tag', 'subsection', NAVIGATION],
        ['Series', 'subsection', NAVIGATION],
      ],
    );
    const search = linkOf(root.xml.links, 'search');
    assert.equal(search?.type, 'application/opensearchdescription+xml');
    const description = await guest.get(path(search!.href!));
    assert.equal(description.headers['content-type'], 'application/opensearchdescription+xml');
    assert.equal(parseFeed(description.body).xmlError, undefined);

    const seen = new Set<string>(['/opds']);
    const queue: [string, string][] = root.xml.entries.map((e) => [path(e.links[0].href!), e.links[0].type!]);
    const titles = new Set<string>();
    while (queue.length > 0) {
      const [url, type] = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const feed = await fetchCatalog(url, type);
      assert.ok(linkOf(feed.xml.links, 'start'), `${url} links to the start`);
      assert.ok(linkOf(feed.xml.links, 'up'), `${url} links up`);
      assert.equal(linkOf(feed.xml.links, 'search')?.type, 'application/opensearchdescription+xml');
      for (const entry of feed.xml.entries) {
        if (type === NAVIGATION) {
          for (const link of entry.links)
            if (link.type?.startsWith('application/atom+xml;profile=opds-catalog'))
              queue.push([path(link.href!), link.type]);
        } else {
          titles.add(entry.title!);
          const acquisitions = entry.links.filter((l) => l.rel === ACQUIRE);
          assert.deepEqual(
            acquisitions.map((l) => l.type),
            ['application/epub+zip', 'text/html'],
            `${url}: ${entry.title}`,
          );
          assert.match(path(acquisitions[0].href!), /^\/downloads\/\d+\/[a-z0-9-]+\.epub$/);
          assert.ok(linkOf(entry.links, 'alternate', 'text/html'));
        }
      }
    }
    assert.ok(
      seen.has('/opds/fandoms') && seen.has('/opds/tags/Hill%20Tales') && seen.has('/opds/series'),
      [...seen].join(' '),
    );
    assert.deepEqual([...titles].sort(), ['Harbour Lights', 'Moorland', 'Tide Tables']);
  });

  it('lists fandoms with counts of public works only, each leading to its works', async () => {
    await archive();
    const fandoms = await fetchCatalog('/opds/fandoms', NAVIGATION);
    assert.deepEqual(
      fandoms.xml.entries.map((e) => [e.title, e.links[0].href, e.links[0][THR_COUNT]]),
      [
        ['Sea Stories', `${BASE}/opds/tags/Sea%20Stories`, '2'],
        ['Hill Tales', `${BASE}/opds/tags/Hill%20Tales`, '1'],
      ],
    );
    const sea = await fetchCatalog('/opds/tags/Sea%20Stories', ACQUISITION);
    assert.deepEqual(sea.entries, ['Tide Tables', 'Harbour Lights']);
    assert.equal(linkOf(sea.xml.links, 'up')?.href, `${BASE}/opds/fandoms`);
    const tags = await fetchCatalog('/opds/tags', NAVIGATION);
    assert.deepEqual(
      tags.xml.entries.map((e) => e.title),
      ['Keeper/Stranger'],
    );
    assert.deepEqual((await fetchCatalog('/opds/tags/Keeper%2FStranger', ACQUISITION)).entries, ['Harbour Lights']);
    assert.equal((await guest.get('/opds/tags/Nowhere')).status, 404);
  });

  it('lists works under a tag as its page does (synonyms too), and knows no tag only drafts carry', async () => {
    await writer.postWork({ title: 'Sea Shanty', fandoms: 'Sea Stories' });
    await writer.postWork({ title: 'Salt Spray', fandoms: 'Sea Tales' });
    await writer.postWork({ title: 'Secret Draft', fandoms: 'Unannounced Fandom', visibility: 'draft' });
    const canonical = (await t.store.tags.named('Sea Stories'))[0];
    await t.store.tags.makeCanonical(canonical.id);
    await t.store.tags.makeSynonym((await t.store.tags.named('Sea Tales'))[0].id, canonical.id);
    assert.deepEqual((await fetchCatalog('/opds/tags/Sea%20Stories', ACQUISITION)).entries.sort(), [
      'Salt Spray',
      'Sea Shanty',
    ]);
    assert.equal((await guest.get('/opds/tags/Unannounced%20Fandom')).status, 404);
  });

  it('offers series in reading order, and hides series and works a guest may not read', async () => {
    const { seriesId } = await archive();
    const series = await fetchCatalog('/opds/series', NAVIGATION);
    assert.deepEqual(
      series.xml.entries.map((e) => [e.title, e.links[0][THR_COUNT]]),
      [['Coast Cycle', '2']],
    );
    assert.deepEqual((await fetchCatalog(`/opds/series/${seriesId}`, ACQUISITION)).entries, [
      'Harbour Lights',
      'Tide Tables',
    ]);

    await writer.postWork({ title: 'Hidden', newSeriesTitle: 'Hidden Cycle', visibility: 'registered' });
    const hidden = /<option value="(\d+)"[^>]*>Hidden Cycle<\/option>/.exec((await writer.get('/works/new')).body)![1];
    assert.equal((await guest.get(`/opds/series/${hidden}`)).status, 404);
    assert.equal((await writer.get(`/opds/series/${hidden}`)).status, 404);
    assert.equal((await guest.get('/opds/series/abc')).status, 404);

    assert.deepEqual((await fetchCatalog('/opds/users/opds_writer', ACQUISITION)).entries, [
      'Moorland',
      'Tide Tables',
      'Harbour Lights',
    ]);
    assert.equal((await guest.get('/opds/users/nobody_here')).status, 404);
  });

  it('sorts by kudos', async () => {
    const { tide } = await archive();
    const reader = t.agent();
    await reader.get(tide);
    assert.equal((await reader.submit(`${tide}/kudos`, {})).status, 303);
    // A guest's kudos are counted within a second: now.
    await t.app.quire.archive.kudos.flush();
    const popular = await fetchCatalog('/opds/works/kudos', ACQUISITION);
    assert.equal(popular.entries[0], 'Tide Tables');
    assert.equal(popular.entries.length, 3);
  });

  it('pages acquisition feeds with OpenSearch counts and first, previous, next and last links', async () => {
    const pseud = await pseudId();
    for (let i = 1; i <= 45; i++) await postWork(t.store, [pseud], { title: `Work ${String(i).padStart(2, '0')}` });
    const ids = new Set<string>();
    let url: string | undefined = '/opds/works';
    const pages: XmlLink[][] = [];
    while (url) {
      const feed = await fetchCatalog(url, ACQUISITION);
      assert.equal(feed.xml.fields[`${OPENSEARCH}totalResults`], '45');
      assert.equal(feed.xml.fields[`${OPENSEARCH}itemsPerPage`], '20');
      assert.equal(feed.xml.fields[`${OPENSEARCH}startIndex`], String(pages.length * 20 + 1));
      for (const entry of feed.xml.entries) ids.add(entry.id!);
      pages.push(feed.xml.links);
      const next = linkOf(feed.xml.links, 'next');
      assert.equal(next?.type ?? ACQUISITION, ACQUISITION);
      url = next ? path(next.href!) : undefined;
    }
    assert.equal(pages.length, 3);
    assert.equal(ids.size, 45);
    assert.equal(linkOf(pages[2], 'previous')?.href, `${BASE}/opds/works?page=2`);
    assert.equal(linkOf(pages[2], 'first')?.href, `${BASE}/opds/works`);
    assert.equal(linkOf(pages[0], 'last')?.href, `${BASE}/opds/works?page=3`);
    assert.equal(linkOf(pages[0], 'previous'), undefined);
    assert.equal((await guest.get('/opds/works?page=nope')).status, 400);
  });

  it('searches titles, summaries, tags and creators of public works through OpenSearch', async () => {
    await archive();
    const description = (await guest.get('/opds/opensearch.xml')).body;
    const template = /<Url type="application\/atom\+xml;profile=opds-catalog;kind=acquisition" template="([^"]+)"/.exec(
      description,
    )![1];
    const search = (words: string) => path(template.replace('{searchTerms}', encodeURIComponent(words)));

    assert.deepEqual((await fetchCatalog(search('harbour'), ACQUISITION)).entries, ['Harbour Lights']);
    assert.deepEqual((await fetchCatalog(search('lighthouse storm'), ACQUISITION)).entries, ['Harbour Lights']);
    assert.deepEqual((await fetchCatalog(search('sea stories'), ACQUISITION)).entries, [
      'Tide Tables',
      'Harbour Lights',
    ]);
    assert.deepEqual((await fetchCatalog(search('opds_writer'), ACQUISITION)).entries, [
      'Moorland',
      'Tide Tables',
      'Harbour Lights',
    ]);
    assert.deepEqual((await fetchCatalog(search('Thing'), ACQUISITION)).entries, []);
    assert.deepEqual((await fetchCatalog(search('secret fandom'), ACQUISITION)).entries, []);
    assert.deepEqual((await fetchCatalog(search('100%_'), ACQUISITION)).entries, []);
    const results = await fetchCatalog(search('harbour'), ACQUISITION);
    assert.equal(linkOf(results.xml.links, 'self')?.href, `${BASE}/opds/search?q=harbour`);

    const empty = await guest.get('/opds/search?q=%20');
    assert.equal(empty.status, 400);
    assert.match(visibleText(empty.body), /Say what to search for/);
    // The query syntax of /works: quoted phrases and ranges, and a clear 400 for a range without a number.
    assert.deepEqual((await fetchCatalog(search('harbour words>0 chapters:1-99'), ACQUISITION)).entries, [
      'Harbour Lights',
    ]);
    assert.deepEqual((await fetchCatalog(search('harbour words>100000000'), ACQUISITION)).entries, []);
    const bad = await guest.get('/opds/search?q=words%3Elots');
    assert.equal(bad.status, 400);
    assert.match(visibleText(bad.body), /needs a number after words/);
  });

  it('escapes hostile titles and tags in every catalog', async () => {
    const pseud = await pseudId();
    await postWork(t.store, [pseud], {
      title: 'Bad <script>alert(1)</script> ]]> \u0007 title',
      fandoms: '<i>Fandom</i> ]]> &',
      summary: 'x ]]> <script>y</script>',
    });
    for (const [url, type] of [
      ['/opds/works', ACQUISITION],
      ['/opds/fandoms', NAVIGATION],
      [`/opds/tags/${encodeURIComponent('<i>Fandom</i> ]]> &')}`, ACQUISITION],
      [`/opds/search?q=${encodeURIComponent(']]>')}`, ACQUISITION],
    ] as const) {
      const feed = await fetchCatalog(url, type);
      assert.ok(feed.entries.length > 0, url);
      assert.ok(
        feed.entries.every(
          (title) => title === 'Bad <script>alert(1)</script> ]]>  title' || title === '<i>Fandom</i> ]]> &',
        ),
        `${url}: ${feed.entries.join(' | ')}`,
      );
      for (const entry of feed.xml.entries)
        assert.doesNotMatch(`${entry.summary ?? ''}${entry.content ?? ''}`, /<script/i);
    }
  });

  it('answers 304 to a client that has the current catalog', async () => {
    await archive();
    const first = await t.app.inject({ url: '/opds/works' });
    assert.equal(
      (await t.app.inject({ url: '/opds/works', headers: { 'if-none-match': String(first.headers.etag) } })).statusCode,
      304,
    );
    assert.equal(
      (
        await t.app.inject({
          url: '/opds/works',
          headers: { 'if-modified-since': String(first.headers['last-modified']) },
        })
      ).statusCode,
      304,
    );
  });
});
