import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { tools } from '../../src/formats/formats.ts';

const FORMATS = ['epub', 'html', 'txt', ...(tools().pdf ? ['pdf'] : [])];
/** Converted by Calibre (seconds each), so only some tests fetch them. */
const KINDLE = tools().calibre ? ['AZW3', 'MOBI'] : [];

function workId(path: string): string {
  return path.split('/').pop()!;
}

/** The links of the Download menu on a page, by label. */
function menu(body: string): Record<string, string> {
  const list = /<details class="download-menu">([\s\S]*?)<\/details>/.exec(body);
  if (!list) return {};
  return Object.fromEntries([...list[1].matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[2], m[1]]));
}

async function download(t: TestApp, url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  return { status: response.statusCode, headers: response.headers, raw: response.rawPayload, text: response.body };
}

describeEachDatabase('downloads', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let member: Agent;
  let guest: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('harbour_writer');
    member = t.agent();
    await member.signUp('harbour_reader');
    guest = t.agent();
  });
  afterEach(() => t.dispose());

  it('offers every format from the work page and serves a real EPUB, HTML, text (and PDF where Chromium is)', async () => {
    const path = await writer.postWork({
      title: 'The Lighthouse Keeper',
      summary: 'A storm & a stranger.',
      chapterTitle: 'Arrival',
      body: 'The light turned. The sea answered.',
      freeforms: 'Storms',
    });
    const links = menu((await guest.get(path)).body);
    assert.deepEqual(Object.keys(links), ['EPUB', ...KINDLE, ...(tools().pdf ? ['PDF'] : []), 'HTML', 'Plain text']);
    assert.equal(links.EPUB, `/downloads/${workId(path)}/the-lighthouse-keeper.epub`);

    const epub = await download(t, links.EPUB);
    assert.equal(epub.status, 200);
    assert.equal(epub.headers['content-type'], 'application/epub+zip');
    assert.equal(
      epub.headers['content-disposition'],
      `attachment; filename="The_Lighthouse_Keeper.epub"; filename*=UTF-8''The%20Lighthouse%20Keeper.epub`,
    );
    const files = unzipSync(new Uint8Array(epub.raw));
    assert.equal(Object.keys(files)[0], 'mimetype');
    assert.match(
      strFromU8(files['OEBPS/content.opf']),
      /<dc:title id="title">The Lighthouse Keeper<\/dc:title>[\s\S]*<dc:creator id="creator1">harbour_writer<\/dc:creator>[\s\S]*<dc:subject>Storms<\/dc:subject>/,
    );
    assert.match(strFromU8(files['OEBPS/chapter-001.xhtml']), /The light turned\. The sea answered\./);
    assert.match(
      strFromU8(files['OEBPS/title.xhtml']),
      /Posted originally on Quire at <a href="http:\/\/localhost(:80)?\/works\/\d+">/,
    );

    const html = await download(t, links.HTML);
    assert.equal(html.headers['content-type'], 'text/html; charset=utf-8');
    assert.match(
      visibleText(html.text),
      /The Lighthouse Keeper by harbour_writer .*Summary A storm & a stranger\. .*The light turned\. The sea answered\./,
    );
    const txt = await download(t, links['Plain text']);
    assert.equal(txt.headers['content-type'], 'text/plain; charset=utf-8');
    assert.match(
      txt.text,
      /^The Lighthouse Keeper\nby harbour_writer\n[\s\S]*Summary:\n\n {2}A storm & a stranger\.[\s\S]*The light turned\. The sea answered\.\n$/,
    );
    if (tools().pdf) {
      const pdf = await download(t, links.PDF);
      assert.equal(pdf.status, 200);
      assert.equal(pdf.headers['content-type'], 'application/pdf');
      assert.equal(pdf.raw.subarray(0, 5).toString(), '%PDF-');
    }
  });

  it('serves every format to exactly the readers of the work: public, registered-only and draft', async () => {
    const works = {
      public: workId(await writer.postWork({ title: 'Open Sea', visibility: 'public' })),
      registered: workId(await writer.postWork({ title: 'Members Harbour', visibility: 'registered' })),
      draft: workId(await writer.postWork({ title: 'Unfinished Draft', visibility: 'draft' })),
    };
    const slugs = { public: 'open-sea', registered: 'members-harbour', draft: 'unfinished-draft' };
    const expected: Record<string, Record<string, number>> = {
      public: { guest: 200, member: 200, writer: 200 },
      registered: { guest: 403, member: 200, writer: 200 },
      draft: { guest: 404, member: 404, writer: 200 },
    };
    for (const [kind, id] of Object.entries(works) as [keyof typeof works, string][]) {
      for (const [who, agent] of Object.entries({ guest, member, writer })) {
        for (const format of FORMATS) {
          const response = await agent.get(`/downloads/${id}/${slugs[kind]}.${format}`);
          assert.equal(response.status, expected[kind][who], `${who} downloading the ${kind} work as ${format}`);
          if (response.status === 403)
            assert.match(visibleText(response.body), /only available to registered users.*Log in/);
          if (response.status === 200)
            assert.match(String(response.headers['cache-control']), kind === 'public' ? /^public/ : /^private/);
        }
      }
      assert.equal(
        Object.keys(menu((await writer.get(`/works/${id}`)).body)).length,
        FORMATS.length + KINDLE.length,
        'the creator sees the menu on every work',
      );
    }
    assert.deepEqual(menu((await guest.get(`/works/${works.draft}`)).body), {});
  });

  it('redirects a wrong or missing slug to the right one and refuses unknown formats', async () => {
    const id = workId(await writer.postWork({ title: 'Café Über Alles' }));
    const wrong = await guest.get(`/downloads/${id}/old-title.epub`);
    assert.equal(wrong.status, 301);
    assert.equal(wrong.location, `/downloads/${id}/cafe-uber-alles.epub`);
    assert.equal((await guest.get(`/downloads/${id}/cafe-uber-alles.docx`)).status, 404);
    assert.equal((await guest.get(`/downloads/${id}/cafe-uber-alles`)).status, 404);
    assert.equal((await guest.get(`/downloads/999999/x.epub`)).status, 404);
    assert.equal((await guest.get(`/downloads/abc/x.epub`)).status, 404);
    const azw3 = await guest.get(`/downloads/${id}/cafe-uber-alles.azw3`);
    if (!tools().calibre) assert.match(visibleText(azw3.body), /AZW3 downloads are not offered by this archive/);
  });

  it('answers 304 to a reader who has the file, and a new file once the work changes', async () => {
    const path = await writer.postWork({ title: 'Tides', body: 'The first version.' });
    const url = `/downloads/${workId(path)}/tides.txt`;
    const first = await download(t, url);
    const etag = String(first.headers.etag);
    assert.match(etag, /^"w\d+-txt-[\w-]+"$/);
    const lastModified = String(first.headers['last-modified']);
    assert.ok(Date.parse(lastModified) > 0);

    const again = await download(t, url, { 'if-none-match': etag });
    assert.equal(again.status, 304);
    assert.equal(again.raw.length, 0);
    assert.equal((await download(t, url, { 'if-modified-since': lastModified })).status, 304);
    assert.equal((await download(t, url, { 'if-none-match': '"something-else"' })).status, 200);
    assert.notEqual(
      (await download(t, `/downloads/${workId(path)}/tides.epub`)).headers.etag,
      etag,
      'each format has its own ETag',
    );

    const chapterId = /\/works\/\d+\/chapters\/(\d+)\/edit/.exec((await writer.get(path)).body)![1];
    const saved = await writer.submit(`${path}/chapters/${chapterId}`, {
      chapterTitle: '',
      body: 'The second version.',
    });
    assert.equal(saved.status, 303);
    const changed = await download(t, url, { 'if-none-match': etag });
    assert.equal(changed.status, 200);
    assert.notEqual(changed.headers.etag, etag);
    assert.match(changed.text, /The second version\./);
    assert.doesNotMatch(changed.text, /The first version\./);
  });

  it("leaves draft chapters out of every download, even the creator's", async () => {
    const path = await writer.postWork({
      title: 'Chapters',
      expectedChapters: '?',
      complete: '',
      chapterTitle: 'Out',
      body: 'Posted text.',
    });
    const addForm = await writer.get(`${path}/chapters/new`);
    assert.equal(addForm.status, 200);
    assert.equal(
      (
        await writer.submit(`${path}/chapters`, {
          chapterTitle: 'Secret',
          body: 'Draft text.',
          draft: '1',
          action: 'draft',
        })
      ).status,
      303,
    );
    const txt = await writer.get(`/downloads/${workId(path)}/chapters.txt`);
    assert.match(txt.body, /Posted text\./);
    assert.doesNotMatch(txt.body, /Draft text\.|Secret/);
  });

  it('downloads a series with the works each reader may read, in series order', async () => {
    await writer.postWork({ title: 'Part One', newSeriesTitle: 'The Harbour Cycle', body: 'One.' });
    const seriesId = /<option value="(\d+)"[^>]*>The Harbour Cycle<\/option>/.exec(
      (await writer.get('/works/new')).body,
    )![1];
    await writer.postWork({ title: 'Part Two', seriesId, visibility: 'registered', body: 'Two.' });
    await writer.postWork({ title: 'Part Three', seriesId, visibility: 'draft', body: 'Three.' });
    await writer.postWork({ title: 'Part Four', seriesId, body: 'Four.' });

    const links = menu((await guest.get(`/series/${seriesId}`)).body);
    assert.deepEqual(Object.keys(links), ['EPUB', 'HTML']);
    const titlesIn = (zip: Buffer) => {
      const nav = strFromU8(unzipSync(new Uint8Array(zip))['OEBPS/nav.xhtml']).split('landmarks')[0];
      return [...nav.matchAll(/-title\.xhtml">([^<]+)</g)].map((m) => m[1]);
    };
    const forGuest = await download(t, links.EPUB);
    assert.equal(forGuest.status, 200);
    assert.deepEqual(titlesIn(forGuest.raw), ['Part One', 'Part Four']);
    assert.match(String(forGuest.headers['cache-control']), /^private/, 'not every work of the series is public');
    const memberEpub = await t.app.inject({
      method: 'GET',
      url: links.EPUB,
      headers: { cookie: `quire_session=${member.cookie('quire_session') ?? ''}` },
    });
    assert.equal(memberEpub.statusCode, 200);
    assert.deepEqual(titlesIn(memberEpub.rawPayload), ['Part One', 'Part Two', 'Part Four']);
    const html = await writer.get(links.HTML);
    assert.match(
      visibleText(html.body),
      /The Harbour Cycle.*Part One.*One\..*Part Two.*Two\..*Part Three.*Three\..*Part Four.*Four\./,
    );

    assert.equal((await guest.get(`/downloads/series/${seriesId}/the-harbour-cycle.txt`)).status, 404);
    assert.equal(
      (await guest.get(`/downloads/series/${seriesId}/old.epub`)).location,
      `/downloads/series/${seriesId}/the-harbour-cycle.epub`,
    );
    await writer.postWork({ title: 'Hidden', newSeriesTitle: 'Only Drafts', visibility: 'draft' });
    const hiddenId = /<option value="(\d+)"[^>]*>Only Drafts<\/option>/.exec((await writer.get('/works/new')).body)![1];
    assert.equal((await guest.get(`/downloads/series/${hiddenId}/only-drafts.epub`)).status, 404);
    assert.equal((await writer.get(`/downloads/series/${hiddenId}/only-drafts.epub`)).status, 200);
  });

  it('converts a work to AZW3 and MOBI with Calibre, where it is installed', { skip: !tools().calibre }, async () => {
    const path = await writer.postWork({
      title: 'Kindle Harbour',
      chapterTitle: 'Landfall',
      body: 'The ferry came in at dawn.',
      betas: 'harbour_reader',
    });
    const links = menu((await guest.get(path)).body);
    for (const [label, type] of [
      ['AZW3', 'application/vnd.amazon.ebook'],
      ['MOBI', 'application/x-mobipocket-ebook'],
    ]) {
      const file = await download(t, links[label]);
      assert.equal(file.status, 200, `${label} is made`);
      assert.equal(file.headers['content-type'], type);
      assert.match(
        String(file.headers['content-disposition']),
        new RegExp(`filename="Kindle_Harbour\\.${label.toLowerCase()}"`),
      );
      // A Mobipocket book: a Palm database of type BOOK, creator MOBI, holding the work's text.
      assert.equal(file.raw.subarray(60, 68).toString('latin1'), 'BOOKMOBI', `${label} is a Mobipocket file`);
      assert.match(file.raw.subarray(0, 32).toString('latin1'), /Kindle/);
    }
  });

  it('lists AZW3 and MOBI as off, with why, where Calibre is missing, and refuses their addresses', async () => {
    const before = process.env.EBOOK_CONVERT_PATH;
    process.env.EBOOK_CONVERT_PATH = '';
    try {
      const path = await writer.postWork({ title: 'No Kindle Here' });
      const page = (await guest.get(path)).body;
      const links = menu(page);
      assert.equal(links.AZW3, undefined, 'no link that would fail');
      assert.equal(links.MOBI, undefined);
      assert.ok(links.EPUB, 'the other formats are still offered');
      const list = visibleText(/<details class="download-menu">([\s\S]*?)<\/details>/.exec(page)![1]);
      assert.match(
        list,
        /AZW3: off \(this archive has no Calibre to convert it\) MOBI: off \(this archive has no Calibre to convert it\)/,
      );
      const refused = await guest.get(`/downloads/${workId(path)}/no-kindle-here.mobi`);
      assert.equal(refused.status, 404);
      assert.match(
        visibleText(refused.body),
        /MOBI downloads are not offered by this archive: this archive has no Calibre/,
      );
    } finally {
      if (before === undefined) delete process.env.EBOOK_CONVERT_PATH;
      else process.env.EBOOK_CONVERT_PATH = before;
    }
  });
});
