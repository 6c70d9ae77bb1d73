/**
 * Journal and diary pages of the 2000s and hand-made homepages saved from the browser: the entry laid
 * out in a table's cell, its lines ended by <br>, parts headed by a bold number; a homepage's banner
 * drawn in characters and its menu of links over the story.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName, fieldText, storyParagraphs, textFile } from '../../support/imports.ts';

const page = (body: string) =>
  textFile('entry.html', `<html><head><title>Log in</title></head><body>${body}</body></html>`);

const LINES = [
  'The lighthouse keeper counted the steps every morning, one hundred and twelve of them, and every morning he lost count somewhere near the top.',
  'His sister said it was the wind that did it, the way it came through the slit windows and whistled a tune he almost knew.',
  'On the ninth day he wrote the number on the wall in chalk, and on the tenth the chalk was gone and a gull was sitting where it had been.',
];

describe('a journal entry in a table’s cell, its lines ended by <br>', () => {
  it('reads the cells as the page’s boxes: the site’s lines apart, the header’s fields read, the story its own', async () => {
    const work = await importWork([
      page(
        `<div class="siteheader"><a href="/"><img src="/logo.gif" alt="TideJournal"></a> <a href="/login.bml">Login</a> | <a href="/create.bml">Create Journal</a></div>
        <table class="entrybox"><tr><td class="caption"><b>keepers</b> - a lighthouse fiction community<br>
        <a href="/a">Recent Entries</a> | <a href="/b">Friends</a> | <a href="/c">Archive</a></td></tr>
        <tr><td class="index">Friday, March 5th, 2004</td></tr>
        <tr><td class="poster"><a href="/users/tidewatch/">tidewatch</a> posting in <a href="/c">keepers</a><br><b>Subject:</b> One Hundred and Twelve (G)</td></tr>
        <tr><td class="entry"><b>Title:</b> One Hundred and Twelve<br><b>Author:</b> tidewatch<br><b>Rating:</b> G<br><br>
        ${LINES.join('<br>\n')}<br><br><i>-end-</i></td></tr>
        <tr><td class="comments"><a href="#">3 comments</a> | <a href="#">Leave a comment</a></td></tr></table>`,
      ),
    ]);
    assert.equal(work.title, 'One Hundred and Twelve');
    assert.equal(creatorName(work), 'tidewatch');
    assert.equal(fieldText(work, 'rating'), 'G');
    assert.deepEqual(storyParagraphs(work), [LINES.join('\n')]);
  });

  it('keeps a table of a few words a cell whole: data, not a page’s layout', async () => {
    const work = await importWork([
      page(
        `<p>${LINES[0]}</p><table><tr><td>steps</td><td>112</td></tr><tr><td>windows</td><td>9</td></tr></table><p>${LINES[1]}</p>`,
      ),
    ]);
    assert.equal(work.chapters[0].blocks.length, 3);
  });
});

describe('parts headed by a bold number on the first line of a run of <br> lines', () => {
  it('takes "<b>1.</b>", "<b>2.</b>" … counting up as the chapters’ headings', async () => {
    const work = await importWork([
      page(
        `<div class="entry">${LINES.map((line, i) => `<b>${i + 1}.</b><br>\n${line}<br>\n${line}<br><br>`).join('\n')}</div>`,
      ),
    ]);
    assert.equal(work.chapters.length, 3);
    assert.deepEqual(
      work.chapters.map((c) => c.blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))),
      LINES.map((line) => [`${line}\n${line}`]),
    );
  });

  it('leaves a bold number inside a line alone', async () => {
    const work = await importWork([
      page(
        `<div class="entry">${LINES.map((line) => `<b>Step 1.</b><br>\n${line}<br>\n${line}<br><br>`).join('\n')}</div>`,
      ),
    ]);
    assert.equal(work.chapters.length, 1);
  });
});

describe('a hand-made homepage: a banner drawn in characters, a menu of links, then the story', () => {
  const homepage = (menu: string) =>
    textFile(
      'index.html',
      `<html><head><title>~gull's page</title></head><body>
<pre>
  ___  _   _ | |  | |
 / _ \\| | | || |  | |
| (_| | |_| || |__| |__
 \\__, |\\__,_||____|____| ~gull
</pre>
${menu}
<hr>
<h2>one hundred and twelve</h2>
<p>note: for the lighthouse people. you know who you are.</p>
<hr>
${LINES.map((line) => `<p>${line}</p>`).join('\n')}
</body></html>`,
    );

  it('sets the banner and a menu of links apart from the story, so its heading is the title', async () => {
    const work = await importWork([
      homepage(
        '<p><a href="/~gull/">home</a> / <a href="/~gull/fic/">fic</a> / <a href="/~gull/links.html">links</a></p>',
      ),
    ]);
    assert.equal(work.title, 'one hundred and twelve');
    assert.deepEqual(storyParagraphs(work), LINES);
  });

  it('keeps a paragraph that says more than its links as the page’s text', async () => {
    const work = await importWork([
      homepage(
        '<p>I wrote about <a href="/a">home</a>, <a href="/b">the sea</a> and <a href="/c">gulls</a> here, and none of it is true.</p>',
      ),
    ]);
    assert.ok(!work.preview.pieces.some((p) => p.text.startsWith('I wrote about') && p.part === 'metadata'));
  });

  it('keeps a paragraph of links under the story’s prose as the page’s text, not its menu', async () => {
    const work = await importWork([
      textFile(
        'story.html',
        `<html><body>${LINES.map((line) => `<p>${line}</p>`).join('\n')}<p><a href="/a">one</a>, <a href="/b">two</a>, <a href="/c">three</a></p></body></html>`,
      ),
    ]);
    assert.ok(!work.preview.pieces.some((p) => p.text === 'one, two, three' && p.part === 'metadata'));
  });

  it('keeps a drawing in characters inside the story', async () => {
    const sign = '<pre>\n+--------+\n|  EXIT  |\n+--------+\n</pre>';
    const work = await importWork([
      textFile(
        'story.html',
        `<html><body>${LINES.map((line) => `<p>${line}</p>`).join('\n')}${sign}<p>${LINES[0]}</p></body></html>`,
      ),
    ]);
    assert.ok(storyParagraphs(work).some((p) => p.includes('EXIT')));
  });
});

describe('a journal whose menu links its owner’s pages under their name', () => {
  it('names the owner the links’ path and the page’s title name, not the menu’s “Recent Entries”', async () => {
    const work = await importWork([
      textFile(
        'entry.html',
        `<html><head><title>Fenjournal: tidewatch - fic: "One Hundred and Twelve" (G)</title></head><body>
<div class="header"><h1>Keeper's Log</h1><ul class="nav"><li><a href="/users/tidewatch/">Recent Entries</a></li><li><a href="/users/tidewatch/calendar">Archive</a></li><li><a href="/users/tidewatch/friends">Friends</a></li></ul></div>
<div class="entry"><h2>fic: "One Hundred and Twelve" (G)</h2>${LINES.map((line) => `<p>${line}</p>`).join('')}</div>
<div class="comments"><div class="comment"><b>gullwing</b>: lovely!</div><div class="comment"><b>tidewatch</b>: thank you</div></div>
</body></html>`,
      ),
    ]);
    assert.equal(creatorName(work), 'tidewatch');
  });
});
