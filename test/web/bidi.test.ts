import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type Agent, type TestApp } from '../support/http.ts';

const RLO = '\u202E';
const FSI = '\u2068';
const PDI = '\u2069';
/** A title that, left alone, would turn everything after it around: "by bidi_writer" would read "retirw_idib yb". */
const TITLE = `Mirror ${RLO}Lake`;
const TAG = `Reflections ${RLO}Backwards`;

describeEachDatabase('bidirectional text is isolated', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let guest: Agent;
  let path: string;
  let id: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('bidi_writer');
    guest = t.agent();
    path = await writer.postWork({
      title: TITLE,
      freeforms: TAG,
      betas: 'bidi_writer',
      expectedChapters: '?',
      complete: '',
      chapterTitle: `Shore ${RLO}Line`,
      body: 'Still water.',
    });
    id = path.split('/').pop()!;
    assert.equal(
      (await writer.submit(`${path}/chapters`, { chapterTitle: 'Second', body: 'More water.' })).status,
      303,
    );
  });
  afterEach(() => t.dispose());

  it('on pages: the title is a block of its own; names, tags and chapter titles sit in <bdi>; <title> isolates the title', async () => {
    const work = (await guest.get(path)).body;
    assert.match(work, new RegExp(`<h1 class="work-title">${TITLE}</h1><p class="byline">by <bdi><a rel="author"`));
    assert.match(work, new RegExp(`<bdi><a href="/tags/[^"]+">${TAG}</a></bdi>`));
    const index = (await guest.get(`${path}/navigate`)).body;
    assert.match(
      index,
      new RegExp(`<bdi><a href="/works/${id}/chapters/\\d+">Chapter 1: Shore ${RLO}Line</a></bdi> <span`),
    );
    const chapter = (await guest.get(/href="(\/works\/\d+\/chapters\/\d+)">Chapter 1/.exec(index)![1])).body;
    assert.match(
      chapter,
      new RegExp(`<title>${FSI}${FSI}${TITLE}${PDI} - Chapter 1: ${FSI}Shore ${RLO}Line${PDI}${PDI} · Quire</title>`),
    );

    const listing = (await guest.get('/works')).body;
    assert.match(
      listing,
      new RegExp(
        `<bdi><a href="/works/${id}">${TITLE}</a></bdi> <span class="blurb__by">by</span> <bdi><a rel="author"`,
      ),
    );
  });

  it('in the Atom feed: the entry title, category and chapter titles are between FSI and PDI', async () => {
    const tagFeed = (await guest.get(`/tags/${encodeURIComponent(TAG)}/feed.atom`)).body;
    assert.match(tagFeed, new RegExp(`<title type="text">${FSI}Works in ${TAG}${PDI} · Quire</title>`));
    assert.match(tagFeed, new RegExp(`<entry>[\\s\\S]*<title type="text">${FSI}${TITLE}${PDI}</title>`));
    assert.match(tagFeed, new RegExp(`<category term="${TAG}"[^>]* label="${FSI}${TAG}${PDI}"`));
    const chapters = (await guest.get(`${path}/chapters/feed.atom`)).body;
    assert.match(
      chapters,
      new RegExp(`<title type="text">${FSI}${TITLE}${PDI}: Chapter 1: ${FSI}Shore ${RLO}Line${PDI}</title>`),
    );
  });

  it('in downloads: TXT isolates with FSI…PDI, HTML and EPUB with <bdi>, and beta readers are credited', async () => {
    const base = `/downloads/${id}/mirror-lake`;
    const txt = (await guest.get(`${base}.txt`)).body;
    assert.match(
      txt,
      new RegExp(
        `^${FSI}${TITLE}${PDI}\\nby bidi_writer\\nBeta read by bidi_writer\\n[\\s\\S]*Additional Tags: ${FSI}${TAG}${PDI}\\n`,
      ),
    );
    assert.match(txt, new RegExp(`Chapter 1: ${FSI}Shore ${RLO}Line${PDI}\\n`));

    const html = (await guest.get(`${base}.html`)).body;
    assert.match(
      html,
      new RegExp(`<h1 class="work-title"><bdi>${TITLE}</bdi></h1>\\n<p class="byline">by <bdi>bidi_writer</bdi></p>`),
    );
    assert.match(html, /<p class="beta">Beta read by <bdi>bidi_writer<\/bdi><\/p>/);
    assert.match(html, new RegExp(`<dd><bdi>${TAG}</bdi></dd>`));
    assert.match(html, /<style>[^<]*bdi \{ unicode-bidi: isolate; \}/);

    const epub = await t.app.inject({ method: 'GET', url: `${base}.epub` });
    const files = unzipSync(new Uint8Array(epub.rawPayload));
    const title = strFromU8(files['OEBPS/title.xhtml']);
    assert.match(title, new RegExp(`<bdi>${TITLE}</bdi>`));
    assert.match(title, /Beta read by <bdi>bidi_writer<\/bdi>/);
    assert.match(strFromU8(files['OEBPS/chapter-001.xhtml']), new RegExp(`Chapter 1: <bdi>Shore ${RLO}Line</bdi>`));
  });
});
