/**
 * A saved page's text outside the box the importer reads as the story (an entry's comments, a second
 * post, a blog's "about" line) is part of what the writer uploaded: shown apart in the preview, never
 * dropped; and where the box holds only a little of the page's prose, the page is read as the story.
 */
import { it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { OUTSIDE_REASON } from '../../../src/text/import/outside.ts';

const STORY = [
  'The ferry left at six, and Maren was the only one on the upper deck who had not brought a coat.',
  'She watched the harbour lights go small behind them and counted the gulls that followed the wake.',
  'By the time the island rose out of the fog she had stopped shivering, or stopped noticing it.',
  'Her brother was waiting on the slipway with two mugs of tea and the look he wore when he had bad news.',
  '“The house is sold,” he said, before she had both feet on the stones. “I wanted to tell you here.”',
  'She took the tea. It was too sweet, the way their mother had made it, and she drank all of it anyway.',
  'They walked up the lane together without talking, past the chapel and the shut post office and the field of stones.',
  'The new owners had already painted the door a colour their mother would have called ambitious.',
];

function page(box: string, outside: string): Buffer {
  return Buffer.from(
    `<html><head><title>Ferry - my journal</title></head><body>
<div id="header"><a href="/">my journal</a> <a href="/profile">Profile</a> <a href="/tags">Tags</a> <a href="/archive">Archive</a></div>
<div class="entry"><h2 class="entry-title">Slipway</h2><div class="entry-content">${box}</div></div>
${outside}
<div id="footer">Powered by a journal host</div></body></html>`,
  );
}

const paragraphs = (lines: string[]) => lines.map((line) => `<p>${line}</p>`).join('\n');
const storyText = (work: ImportedWork) =>
  work.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []))).join('\n');
const outsidePieces = (work: ImportedWork) => work.preview.pieces.filter((p) => p.reason === OUTSIDE_REASON);

it('shows readers’ comments outside the entry’s box apart, word for word, without asking to check them', async () => {
  const comment = 'gulls_and_tea said: “too sweet, the way their mother had made it” — I felt that one in my teeth.';
  const work = await importWork([
    {
      name: 'slipway.html',
      bytes: page(paragraphs(STORY), `<div class="comments"><div class="c">${comment}</div></div>`),
    },
  ]);
  assert.ok(storyText(work).includes('The new owners had already painted the door'));
  assert.ok(!storyText(work).includes('felt that one'), 'a reader’s comment is not the story');
  const shown = outsidePieces(work);
  assert.deepEqual(
    shown.map((p) => [p.part, p.text, p.unsure ?? false]),
    [['metadata', comment, false]],
  );
  // The site's own bar and footer are not the writer's: left out, as they are inside a story's box.
  assert.ok(!work.preview.pieces.some((p) => /Profile|Powered by/.test(p.text)));
});

it('asks the writer to check prose outside the box that comes to half the story or more (a second post)', async () => {
  const second = [
    'Later, on the ferry back, Maren found the spare key to the old house still on her ring, and did not take it off.',
    'Her brother had said the new owners would change the locks, and she believed him, and kept it anyway, because a key weighs nothing.',
    'The gulls followed the wake all the way to the mainland, the same gulls or others like them, and she counted them again.',
    'At the harbour she bought a postcard of the island, wrote nothing on it, and posted it to the old address before she could think better of it.',
  ];
  const work = await importWork([
    {
      name: 'slipway.html',
      bytes: page(
        paragraphs(STORY),
        `<div class="post-two"><p>${second[0]} ${second[1]}</p><p>${second[2]} ${second[3]}</p></div>`,
      ),
    },
  ]);
  const shown = outsidePieces(work);
  assert.equal(shown.length, 2);
  assert.ok(shown[0].text.startsWith('Later, on the ferry back'));
  assert.ok(
    shown.every((p) => p.unsure),
    'prose this long outside the story’s box is worth a look',
  );
});

it('reads the page as the story where its box holds only a little of the prose (a thread’s first post over the rest)', async () => {
  const fills = `<div class="thread">
<div class="toot"><div class="who">anon</div><div class="words">${STORY.slice(0, 4).join('<br><br>')}</div></div>
<div class="toot"><div class="who">anon</div><div class="words">${STORY.slice(4).join('<br><br>')}</div></div></div>`;
  const work = await importWork([
    {
      name: 'prompt.html',
      bytes: page('<p>Prompt: a sister comes home to the island after the house is sold.</p>', fills),
    },
  ]);
  const text = storyText(work);
  for (const line of [STORY[0], STORY[4], STORY[7]]) assert.ok(text.includes(line), `“${line.slice(0, 30)}…” is story`);
  assert.ok(!/Profile|Powered by/.test(text), 'the site’s bar and footer stay out of the story');
  assert.equal(outsidePieces(work).length, 0);
});

it('keeps the title and byline in a blog entry’s own <header>, whether its box or the whole page is read', async () => {
  const entry = (box: string, after: string) =>
    Buffer.from(`<html><head><title>Salt Roads — a fic blog</title></head><body><div class="site">
<header class="site-header"><a href="/">Salt Roads</a> <a href="/about">About</a> <a href="/fic">Fic</a></header>
<main><article class="post"><header class="entry-header"><h1 class="entry-title">Slipway</h1>
<div class="entry-meta"><span class="byline">by tidewrack</span> <span class="posted-on">March 3, 2015</span></div></header>
<div class="entry-content">${box}</div></article>${after}</main></div></body></html>`);
  const boxed = await importWork([{ name: 'slipway.html', bytes: entry(paragraphs(STORY), '') }]);
  // The entry's box holds one line; the story follows it on the page, so the page is read whole.
  const whole = await importWork([
    { name: 'slipway.html', bytes: entry('<p>For the harbour prompt.</p>', paragraphs(STORY)) },
  ]);
  for (const work of [boxed, whole]) {
    assert.equal(work.title, 'Slipway');
    assert.ok(
      work.preview.pieces.some((p) => p.part === 'metadata' && p.text.startsWith('by tidewrack')),
      'the byline is read as the work’s',
    );
    assert.ok(storyText(work).includes(STORY[7]));
    assert.ok(!/About|Salt Roads/.test(storyText(work)), 'the site’s own header stays out of the story');
  }
});

it('keeps to the entry’s box on a page whose readers wrote far more than the story', async () => {
  const comment = (n: number) =>
    `<div class="comment"><b>reader_${n}</b><p>I keep thinking about the two mugs of tea on the slipway and the door painted an ambitious colour, reader ${n} says, and I have read it three times now on the bus home.</p></div>`;
  const comments = `<div class="comments"><h3>${40} comments</h3>${Array.from({ length: 40 }, (_, n) => comment(n)).join('')}</div>`;
  const work = await importWork([{ name: 'slipway.html', bytes: page(paragraphs(STORY), comments) }]);
  assert.ok(storyText(work).includes(STORY[7]));
  assert.ok(!storyText(work).includes('on the bus home'), 'readers’ comments are not the story');
  const shown = outsidePieces(work).filter((p) => p.text.includes('on the bus home'));
  assert.equal(shown.length, 40, 'and are not lost');
  assert.ok(!shown.some((p) => p.unsure), 'nor each marked to check');
});

it('keeps every short line outside the box that is not a link: a reader’s “love this ♥”, a line the story says too', async () => {
  const second = ['Later, on the ferry back, Maren found the spare key to the old house still on her ring.', '“No.”'];
  const comments = `<div class="comments"><div class="comment"><div class="who">ferry_fan</div><div class="text">love this ♥</div>
<div class="links"><a href="#">Reply</a> <a href="#">Thread</a></div></div></div>`;
  const work = await importWork([
    {
      name: 'slipway.html',
      bytes: page(
        paragraphs([...STORY, '“No.”']),
        `<div class="post-two">${paragraphs(second)}</div><div class="about">Salt and wind</div>${comments}`,
      ),
    },
  ]);
  assert.deepEqual(
    outsidePieces(work).map((p) => p.text),
    [...second, 'Salt and wind', 'ferry_fan', 'love this ♥'],
  );
});

it('reads the page as the story inside a theme’s “responsive” wrapper, which holds no readers’ answers', async () => {
  const fills = `<div class="thread">
<div class="toot"><div class="who">anon</div><div class="words">${STORY.slice(0, 4).join('<br><br>')}</div></div>
<div class="toot"><div class="who">anon</div><div class="words">${STORY.slice(4).join('<br><br>')}</div></div></div>`;
  const html = page('<p>Prompt: a sister comes home to the island after the house is sold.</p>', fills).toString();
  const wrapped = html
    .replace('<div class="entry">', '<div class="main responsive"><div class="entry">')
    .replace('<div id="footer">', '</div><div id="footer">');
  const work = await importWork([{ name: 'prompt.html', bytes: Buffer.from(wrapped) }]);
  const text = storyText(work);
  for (const line of [STORY[0], STORY[4], STORY[7]]) assert.ok(text.includes(line), `“${line.slice(0, 30)}…” is story`);
});
