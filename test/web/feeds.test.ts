import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { assertValidAtom, linkOf } from '../support/feeds.ts';
import { postWork } from '../support/works.ts';

const ATOM_TYPE = /^application\/atom\+xml; charset=utf-8$/;

function idOf(location: string): string {
  return location.split('/').pop()!;
}

async function seriesIdNamed(agent: Agent, title: string): Promise<string> {
  const form = await agent.get('/works/new');
  return new RegExp(`<option value="(\\d+)"[^>]*>${title}</option>`).exec(form.body)![1];
}

async function addChapter(agent: Agent, workPath: string, title: string, draft = false): Promise<void> {
  const response = await agent.submit(`${workPath}/chapters`, {
    chapterTitle: title,
    body: `The text of ${title}.`,
    ...(draft ? { draft: '1' } : {}),
  });
  assert.equal(response.status, 303, `adding ${title} failed`);
}

describeEachDatabase('Atom feeds', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let guest: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('feed_writer');
    guest = t.agent();
  });
  afterEach(() => t.dispose());

  /** One public work in a series, with a restricted work of every kind beside it. */
  async function mixedArchive() {
    const open = await writer.postWork({
      title: 'Open Harbour',
      freeforms: 'Storms',
      newSeriesTitle: 'Harbour Cycle',
      expectedChapters: '?',
      complete: '',
    });
    await addChapter(writer, open, 'The Second');
    await addChapter(writer, open, 'Secret Chapter', true);
    const seriesId = await seriesIdNamed(writer, 'Harbour Cycle');
    const members = await writer.postWork({
      title: 'Members Only',
      freeforms: 'Storms',
      seriesId,
      visibility: 'registered',
    });
    const draft = await writer.postWork({ title: 'Draft Thing', freeforms: 'Storms', seriesId, visibility: 'draft' });
    const future = await writer.postWork({
      title: 'Future Thing',
      freeforms: 'Storms',
      seriesId,
      publishAt: '2099-01-01 10:00',
    });
    return { open, members, draft, future, seriesId };
  }

  it('serves every feed kind as valid Atom that feedparser reads, with public works only', async () => {
    const { open, seriesId } = await mixedArchive();
    const feeds: [string, string[]][] = [
      ['/tags/Storms/feed.atom', ['Open Harbour']],
      ['/users/feed_writer/works/feed.atom', ['Open Harbour']],
      [`/series/${seriesId}/feed.atom`, ['Open Harbour']],
      [`${open}/chapters/feed.atom`, ['Open Harbour: Chapter 2: The Second', 'Open Harbour: Chapter 1']],
    ];
    for (const [url, titles] of feeds) {
      // Feeds are read as a guest whoever asks, so even the writer's own feed hides their restricted works.
      for (const reader of [guest, writer]) {
        const response = await reader.get(url);
        assert.equal(response.status, 200, url);
        assert.match(String(response.headers['content-type']), ATOM_TYPE);
        const feed = assertValidAtom(response.body);
        assert.deepEqual(feed.entries, titles, url);
        assert.equal(linkOf(feed.xml.links, 'self')?.href, `http://localhost${url}`);
      }
    }
    const tagFeed = assertValidAtom((await guest.get('/tags/Storms/feed.atom')).body);
    const [entry] = tagFeed.xml.entries;
    assert.match(entry.id!, new RegExp(`^tag:localhost,\\d{4}-\\d\\d-\\d\\d:works/${idOf(open)}$`));
    assert.deepEqual(entry.authors, [
      { name: 'feed_writer', uri: 'http://localhost/users/feed_writer/pseuds/feed_writer' },
    ]);
    assert.ok(entry.categories.includes('Storms'));
    assert.equal(linkOf(entry.links, 'alternate', 'text/html')?.href, `http://localhost${open}`);
    assert.equal(
      linkOf(entry.links, 'enclosure', 'application/epub+zip')?.href,
      `http://localhost/downloads/${idOf(open)}/open-harbour.epub`,
    );
    assert.equal(linkOf(tagFeed.xml.links, 'alternate')?.href, 'http://localhost/tags/Storms/works');
  });

  it('answers 404 for feeds of restricted works, series with nothing public, and unknown names', async () => {
    const { members, draft, future } = await mixedArchive();
    await writer.postWork({ title: 'Hidden', newSeriesTitle: 'Hidden Cycle', visibility: 'registered' });
    const hiddenSeries = await seriesIdNamed(writer, 'Hidden Cycle');
    for (const url of [
      `${members}/chapters/feed.atom`,
      `${draft}/chapters/feed.atom`,
      `${future}/chapters/feed.atom`,
      `/series/${hiddenSeries}/feed.atom`,
      '/series/999999/feed.atom',
      '/series/abc/feed.atom',
      '/works/999999/chapters/feed.atom',
      '/tags/No%20Such%20Tag/feed.atom',
      '/users/nobody_here/works/feed.atom',
    ]) {
      assert.equal((await guest.get(url)).status, 404, url);
      assert.equal((await writer.get(url)).status, 404, `${url} (feeds are anonymous, even for the creator)`);
    }
  });

  it('carries what the tag page lists: works under synonyms and subtags, and no tag only drafts carry', async () => {
    await writer.postWork({ title: 'Under The Name', freeforms: 'Major Character Death' });
    await writer.postWork({ title: 'Under The Synonym', freeforms: 'MCD' });
    await writer.postWork({ title: 'Secret Draft', freeforms: 'Unannounced Crossover', visibility: 'draft' });
    const canonical = (await t.store.tags.named('Major Character Death'))[0];
    await t.store.tags.makeCanonical(canonical.id);
    await t.store.tags.makeSynonym((await t.store.tags.named('MCD'))[0].id, canonical.id);
    const page = visibleText((await guest.get('/tags/Major%20Character%20Death/works')).body);
    assert.match(page, /Under The Synonym/);
    const feed = assertValidAtom((await guest.get('/tags/Major%20Character%20Death/feed.atom')).body);
    assert.deepEqual(feed.entries.sort(), ['Under The Name', 'Under The Synonym']);
    assert.equal((await guest.get('/tags/Unannounced%20Crossover/works')).status, 404);
    assert.equal((await guest.get('/tags/Unannounced%20Crossover/feed.atom')).status, 404);
  });

  it('keeps hostile titles, summaries and tags as text in well-formed feeds', async () => {
    const title = 'Evil <script>alert("t")</script> ]]> \u0001Bell';
    const tag = '<b>Bold</b> ]]> & tag';
    const work = await writer.postWork({
      title,
      summary: 'Sum <script>steal()</script> ]]> \u0008 <img src=x onerror=alert(1)> end',
      freeforms: tag,
    });
    await addChapter(writer, work, 'Ch ]]> <script>x</script>');
    for (const url of [
      `/tags/${encodeURIComponent(tag)}/feed.atom`,
      '/users/feed_writer/works/feed.atom',
      `${work}/chapters/feed.atom`,
    ]) {
      const response = await guest.get(url);
      assert.equal(response.status, 200, url);
      const feed = assertValidAtom(response.body);
      assert.ok(
        feed.entries.every((e) => e!.startsWith('Evil <script>alert("t")</script> ]]> Bell')),
        `${url}: ${feed.entries.join(' | ')}`,
      );
      for (const entry of feed.xml.entries) {
        for (const html of [entry.summary ?? '', entry.content ?? ''])
          assert.doesNotMatch(html, /<script|onerror/i, url);
      }
    }
    const tagFeed = assertValidAtom((await guest.get(`/tags/${encodeURIComponent(tag)}/feed.atom`)).body);
    assert.equal(tagFeed.feedTitle, `Works in ${tag} · Quire`);
    assert.ok(tagFeed.xml.entries[0].categories.includes(tag));
  });

  it('answers 304 while nothing changed, and the new feed once a work is posted', async () => {
    await writer.postWork({ title: 'First', freeforms: 'Storms' });
    const first = await t.app.inject({ url: '/tags/Storms/feed.atom' });
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    assert.match(etag, /^"[\w-]+"$/);
    assert.match(String(first.headers['cache-control']), /public/);
    assert.ok(!Number.isNaN(Date.parse(lastModified)));

    const byTag = await t.app.inject({ url: '/tags/Storms/feed.atom', headers: { 'if-none-match': etag } });
    assert.equal(byTag.statusCode, 304);
    assert.equal(byTag.body, '');
    const byDate = await t.app.inject({
      url: '/tags/Storms/feed.atom',
      headers: { 'if-modified-since': lastModified },
    });
    assert.equal(byDate.statusCode, 304);
    assert.equal(
      (await t.app.inject({ url: '/tags/Storms/feed.atom', headers: { 'if-none-match': '"other"' } })).statusCode,
      200,
    );

    const dayBefore = new Date(Date.parse(lastModified) - 86_400_000).toUTCString();
    assert.equal(
      (await t.app.inject({ url: '/tags/Storms/feed.atom', headers: { 'if-modified-since': dayBefore } })).statusCode,
      200,
    );

    await writer.postWork({ title: 'Second', freeforms: 'Storms' });
    const changed = await t.app.inject({ url: '/tags/Storms/feed.atom', headers: { 'if-none-match': etag } });
    assert.equal(changed.statusCode, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.deepEqual(assertValidAtom(changed.body).entries, ['Second', 'First']);
  });

  it('pages long feeds with next and previous links, and refuses a malformed page', async () => {
    const user = await t.store.users.findByLogin('feed_writer');
    const [pseud] = await t.store.pseuds.listForUser(user!.id);
    for (let i = 1; i <= 23; i++)
      await postWork(t.store, [pseud.id], { title: `Work ${String(i).padStart(2, '0')}`, freeforms: 'Many' });
    const first = assertValidAtom((await guest.get('/tags/Many/feed.atom')).body);
    assert.equal(first.entries.length, 20);
    const next = linkOf(first.xml.links, 'next');
    assert.equal(next?.href, 'http://localhost/tags/Many/feed.atom?page=2');
    const second = assertValidAtom((await guest.get('/tags/Many/feed.atom?page=2')).body);
    assert.equal(second.entries.length, 3);
    assert.equal(linkOf(second.xml.links, 'previous')?.href, 'http://localhost/tags/Many/feed.atom');
    assert.equal(linkOf(second.xml.links, 'next'), undefined);
    assert.equal(new Set([...first.entries, ...second.entries]).size, 23);
    for (const page of ['0', 'abc', '-1', '9999999']) {
      const bad = await guest.get(`/tags/Many/feed.atom?page=${page}`);
      assert.equal(bad.status, 400, page);
      assert.match(visibleText(bad.body), /The page must be a whole number/);
    }
  });

  it('names each feed in the page head and offers a visible Subscribe (Atom) link', async () => {
    const { open, members, seriesId } = await mixedArchive();
    const pages: [string, string, string][] = [
      ['/tags/Storms/works', '/tags/Storms/feed.atom', 'Works in Storms'],
      ['/users/feed_writer', '/users/feed_writer/works/feed.atom', 'Works by feed_writer'],
      [`/series/${seriesId}`, `/series/${seriesId}/feed.atom`, 'Series: Harbour Cycle'],
      [open, `${open}/chapters/feed.atom`, 'Open Harbour: new chapters'],
    ];
    for (const [page, feed, title] of pages) {
      const body = (await guest.get(page)).body;
      assert.match(
        body,
        new RegExp(`<link rel="alternate" type="application/atom\\+xml" title="${title}" href="${feed}"/>`),
        page,
      );
      assert.match(
        body,
        new RegExp(`<a href="${feed}" type="application/atom\\+xml"[^>]*>Subscribe \\(Atom\\)</a>`),
        page,
      );
    }
    // A work only members may read has no feed to offer (a feed reader could not read it).
    const membersPage = (await writer.get(members)).body;
    assert.doesNotMatch(membersPage, /application\/atom\+xml/);
    assert.doesNotMatch(visibleText(membersPage), /Subscribe \(Atom\)/);
  });

  it('builds absolute links on BASE_URL, never on a forged Host header', async () => {
    await writer.postWork({ title: 'Anywhere', freeforms: 'Storms' });
    const forged = await t.app.inject({ url: '/tags/Storms/feed.atom', headers: { host: 'evil.example/<x>' } });
    assert.equal(forged.statusCode, 200);
    assert.doesNotMatch(forged.body, /evil\.example/);
    assert.equal(
      linkOf(assertValidAtom(forged.body).xml.links, 'self')?.href,
      'http://localhost:3000/tags/Storms/feed.atom',
    );

    const configured = await testApp(dialect, { baseUrl: 'https://fic.example/archive' });
    try {
      const member = configured.agent();
      await member.signUp('based_writer');
      await member.postWork({ title: 'Based', freeforms: 'Storms' });
      const response = await configured.app.inject({
        url: '/tags/Storms/feed.atom',
        headers: { host: 'evil.example' },
      });
      const feed = assertValidAtom(response.body);
      assert.doesNotMatch(response.body, /evil\.example/);
      assert.equal(linkOf(feed.xml.links, 'self')?.href, 'https://fic.example/archive/tags/Storms/feed.atom');
      assert.match(feed.xml.entries[0].id!, /^tag:fic\.example,/);
    } finally {
      await configured.dispose();
    }
  });
});
