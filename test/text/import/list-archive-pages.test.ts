/**
 * A list archive's page of one message (LISTSERV's, Topica's): the site's breadcrumb and links, then the
 * message's headers in a table ("Subject:", "From:", "Date:" a row each), then the message in a <pre>.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { creatorName as creator, storyParagraphs, textFile } from '../../support/imports.ts';

const PART_ONE = [
  'The lamplighter came up the lane at dusk, as he had every evening for thirty years, and found the lamp already lit.',
  'He stood under it a long while, with his ladder on his shoulder, wondering who in the village had a taper that long.',
];
const PART_TWO = [
  'The next evening he came early and hid behind the churchyard wall, and saw the widow from the mill reach up with a broom.',
  'He said nothing to her about it, then or ever, but from that night on he left the lamp for her and went home to his tea.',
];

const page = (headers: string, message: string) =>
  textFile(
    'message.html',
    `<html><head><title>LISTSERV 16.0 - LAMPS-L Archives</title></head><body>
<table width="100%"><tr><td><a href="/archives/index.html">LISTSERV Archives</a> &gt; <a href="/cgi-bin/wa?A0=LAMPS-L">LAMPS-L Home</a> &gt; <a href="#">LAMPS-L March 2008</a></td></tr></table>
<p>View: <a href="#">Next in Topic</a> | <a href="#">Previous Message</a> | <a href="#">Next Message</a></p>
${headers}
<pre>
${message}
</pre>
<p><a href="#">LISTSERV.EXAMPLE.ORG</a> | Powered by the LISTSERV Email List Manager</p>
</body></html>`,
  );

const HEADERS = `<table border="0">
<tr><td><b>Subject:</b></td><td>FIC: The Lamplighter (G, 2 parts)</td></tr>
<tr><td><b>From:</b></td><td>Wick and Taper &lt;[log in to unmask]&gt;</td></tr>
<tr><td><b>Reply To:</b></td><td>Village tales discussion list</td></tr>
<tr><td><b>Date:</b></td><td>Sun, 9 Mar 2008 18:02:11 -0500</td></tr>
</table>`;

describe('a list archive’s page of one message: the headers in a table under the site’s lines', () => {
  it('reads the title from the subject and the writer from the sender, the site’s lines and headers out of the story', async () => {
    const message = ['(i)', ...PART_ONE, '(ii)', ...PART_TWO].join('\n\n');
    const work = await importWork([page(HEADERS, message)]);
    assert.equal(work.title, 'The Lamplighter');
    assert.equal(creator(work), 'Wick and Taper');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), [...PART_ONE, ...PART_TWO]);
    const crumbs = work.preview.pieces.find((p) => p.text.includes('LAMPS-L Home'));
    assert.equal(crumbs?.part, 'metadata');
  });

  it('gives the title once when the message repeats the subject’s title in capitals over its byline', async () => {
    const message = ['THE LAMPLIGHTER', 'by Wick and Taper', ...PART_ONE, ...PART_TWO].join('\n\n');
    const work = await importWork([page(HEADERS, message)]);
    assert.equal(work.title, 'The Lamplighter');
    assert.equal(creator(work), 'Wick and Taper');
  });

  it('leaves a table of other fields alone (no sender, no subject), and a page with prose above the headers', async () => {
    const other = HEADERS.replace('<b>Subject:</b>', '<b>Topic:</b>').replace('<b>From:</b>', '<b>Poster:</b>');
    const work = await importWork([page(other, [...PART_ONE, ...PART_TWO].join('\n\n'))]);
    assert.notEqual(work.title, 'The Lamplighter');
    assert.notEqual(creator(work), 'Wick and Taper');
    const prose = textFile(
      'letter.txt',
      [
        'I found this in my drafts folder and thought you would all like to see what the old list was like.',
        'Subject: FIC: The Lamplighter (G)\nFrom: Wick and Taper <wick@example.org>\nDate: Sun, 9 Mar 2008',
        ...PART_ONE,
      ].join('\n\n'),
    );
    const kept = await importWork([prose]);
    assert.ok(storyParagraphs(kept).join(' ').includes('drafts folder'));
  });
});

describe('parts numbered in brackets, “(i)”, “(ii)”, alone on their lines', () => {
  it('are chapter headings when they count up with the story between', async () => {
    const text = ['(i)', ...PART_ONE, '(ii)', ...PART_TWO].join('\n\n');
    const work = await importWork([textFile('story.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
  });

  it('are not when they stand together as a list, or once', async () => {
    const list = [PART_ONE[0], '(1)', '(2)', ...PART_TWO].join('\n\n');
    assert.equal((await importWork([textFile('story.txt', list)])).chapters.length, 1);
    const once = [...PART_ONE, '(i)', ...PART_TWO].join('\n\n');
    const work = await importWork([textFile('story.txt', once)]);
    assert.equal(work.chapters.length, 1);
  });
});

describe('other list archives’ pages of one message', () => {
  it('reads Gmane’s hidden address (“name <at> host”) as the sender’s, the name alone', async () => {
    const work = await importWork([
      textFile(
        'gmane.html',
        `<html><head><title>FIC: The Lamplighter (G) - gmane.fandom.lamps</title></head><body>
<div class="nav"><a href="#">gmane.fandom.lamps</a> | <a href="#">Threaded</a> | <a href="#">Date</a></div>
<table class="headers">
<tr><td>From:</td><td>Wick and Taper &lt;wick &lt;at&gt; example.com&gt;</td></tr>
<tr><td>Subject:</td><td>FIC: The Lamplighter (G)</td></tr>
<tr><td>Newsgroups:</td><td>gmane.fandom.lamps</td></tr>
<tr><td>Date:</td><td>2006-12-02 18:40:11 GMT</td></tr>
</table>
<pre>
${[...PART_ONE, ...PART_TWO].join('\n\n')}
</pre></body></html>`,
      ),
    ]);
    assert.equal(work.title, 'The Lamplighter');
    assert.equal(creator(work), 'Wick and Taper');
  });

  it('reads MHonArc’s list of the headers (a “User-agent:” among them) under its subject heading, and “by the NAME” as the sender', async () => {
    const work = await importWork([
      textFile(
        'msg00089.html',
        `<!-- MHonArc v2.6.10 --><html><head><title>FIC: The Lamplighter (G)</title></head><body>
<h2>lamps-fic archive, March 2008</h2>
<hr>
[<a href="#">Date Prev</a>][<a href="#">Date Next</a>][<a href="#">Thread Index</a>]
<h1>FIC: The Lamplighter (G)</h1>
<hr>
<ul>
<li><em>To</em>: <a href="mailto:lamps-fic@lists.example.net">lamps-fic@lists.example.net</a></li>
<li><em>Subject</em>: FIC: The Lamplighter (G)</li>
<li><em>From</em>: &quot;Wick and Taper&quot; &lt;<a href="mailto:wick@example.com">wick@example.com</a>&gt;</li>
<li><em>Date</em>: Sun, 9 Mar 2008 18:02:11 -0500</li>
<li><em>User-agent</em>: Mozilla/5.0 (Windows; U; Win98; en-US; rv:1.7.5) Gecko/20041107</li>
</ul>
<hr>
<pre>The Lamplighter
by the Wick and Taper

${[...PART_ONE, ...PART_TWO].join('\n\n')}
</pre></body></html>`,
      ),
    ]);
    assert.equal(work.title, 'The Lamplighter');
    assert.equal(creator(work), 'Wick and Taper');
    assert.equal(work.preview.pieces.find((p) => p.text.includes('Gecko'))?.part, 'metadata');
  });
});
