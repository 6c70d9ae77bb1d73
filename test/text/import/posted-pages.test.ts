/**
 * Pages a story was posted on, saved from the browser: a mailing list's web archive (each message in a
 * <pre>), a forum's threadmarks reader mode, a blog post with its tags under it.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { textToBlocks } from '../../../src/text/import/paragraphs.ts';
import { withoutKindAside } from '../../../src/text/import/cues.ts';
import { creatorName as creator, storyParagraphs } from '../../support/imports.ts';

const page = (head: string, body: string) => ({
  name: 'saved.html',
  bytes: new TextEncoder().encode(
    `<!DOCTYPE html><html><head><meta charset="utf-8">${head}</head><body>${body}</body></html>`,
  ),
});

const STORY = [
  'The ferry left at six, and Ruth was on it with a thermos and a paperback she had no intention of reading, because the sea was the point.',
  '“You’ll be sick,” the ticket man said, and she said she would not, and then for forty minutes off the headland she was, quietly, over the rail.',
  'Afterwards the water went flat and green and the gulls came down to follow the wake, and she drank her tea and felt, at last, entirely new.',
];

/** The story wrapped at 70 columns, as a mail client sends it. */
function wrapped(text: string, width = 70): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line].join('\n');
}

describe('a mailing list’s web archive: the message in a <pre>', () => {
  it('reads its header fields and its hard-wrapped paragraphs as the plain text they are', async () => {
    const body = [
      'Title: Crossing\nAuthor: gullwing\nRating: G\nDisclaimer: Not mine, they belong to the BBC and\nto their writers. I own a thermos.\nNotes: For my sister, who gets seasick.',
      ...STORY.map((p) => wrapped(p)),
    ].join('\n\n');
    const work = await importWork([
      page(
        '<title>Crossing - coast-fic | Groups</title>',
        `<div class="thread"><h2>Crossing</h2><div class="msg"><div class="hdr"><b>gullwing</b> <span class="date">Mar 2 2006, 10:14 pm</span></div>
         <div class="body"><pre class="fixed">${body}</pre></div></div></div>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.equal(creator(work), 'gullwing');
    const part = (text: string) => work.preview.pieces.find((p) => p.text.startsWith(text))?.part;
    assert.equal(part('Not mine, they belong to the BBC and to their writers. I own a thermos.'), 'disclaimer');
    assert.equal(part('For my sister'), 'notes');
  });

  it('keeps a <pre> of one group of lines whole: a poem, a table typed with spaces', async () => {
    const poem = 'the sea at six\nthe gulls at seven\nthe tea at eight\nand then the land';
    const work = await importWork([
      page('<title>Crossing</title>', `<h1>Crossing</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}<pre>${poem}</pre>`),
    ]);
    assert.ok(work.chapters[0].html.includes('<pre>'));
    assert.equal(storyParagraphs(work).length, STORY.length + 1);
  });

  it('does not join a field’s line to the next when it ends whole, wrapped or not', () => {
    const blocks = textToBlocks(
      'Title: Crossing\nDisclaimer: Not mine, they belong to the BBC\nNotes: For my sister.\n\nThe ferry left at six.',
    );
    assert.deepEqual(
      blocks.map((b) => b.text),
      [
        'Title: Crossing',
        'Disclaimer: Not mine, they belong to the BBC',
        'Notes: For my sister.',
        'The ferry left at six.',
      ],
    );
  });
});

describe('a XenForo thread’s threadmarks reader mode', () => {
  const post = (id: number, mark: string, body: string) =>
    `<article class="message message--post threadmarked" data-author="knife_and_fork" id="js-post-${id}">
     <div class="message-cell message-cell--user"><h4 class="message-name"><a class="username">knife_and_fork</a></h4><h5 class="userTitle">Lurker</h5></div>
     <div class="message-cell message-cell--main"><header class="message-attribution"><time>Apr ${id}, 2022</time><span>#${id}</span></header>
     <div class="message-threadmarkTitle">Threadmark: ${mark}</div>
     <div class="message-content"><div class="bbWrapper">${body}</div></div></div></article>`;

  it('heads each chapter with the mark over its post (“message-threadmarkTitle”)', async () => {
    const work = await importWork([
      page(
        '<title>Crossing (Coast Snip) | SpaceBattles</title>',
        `<div class="p-title"><h1 class="p-title-value">Crossing (Coast Snip)</h1></div>
         <div class="p-description">Discussion in 'Creative Writing' started by <a class="username">knife_and_fork</a>, Apr 1, 2022.</div>
         ${post(1, 'Chapter 1', STORY[0])}${post(2, 'Chapter 2', `${STORY[1]}<br><br>${STORY[2]}`)}`,
      ),
    ]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.equal(work.title, 'Crossing');
  });

  it('parts a post’s last lines at a rule on a line of its own: the story above, the writer’s end note below', async () => {
    const note = 'Thanks so much for reading, and for all the likes on the first part!';
    const work = await importWork([
      page(
        '<title>Crossing | SpaceBattles</title>',
        `<h1 class="p-title-value">Crossing</h1>
         ${post(1, 'Chapter 1', STORY[0])}${post(2, 'Chapter 2', `${STORY[1]}<br><br>${STORY[2]}<br>---<br>${note}`)}`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), STORY);
    assert.equal(work.chapters[1].notes.end ?? work.notes.end, note);
  });

  it('keeps lines run on by single <br>s that hold no rule as one paragraph', async () => {
    const verse = 'the sea at six — the gulls at seven\nthe tea at eight\n— and then the land';
    const work = await importWork([
      page(
        '<title>Crossing</title>',
        `<h1>Crossing</h1><div class="post">${[...STORY, verse.replace(/\n/g, '<br>')].join('<br><br>')}</div>`,
      ),
    ]);
    assert.equal(storyParagraphs(work).length, STORY.length + 1);
  });

  it('leaves a snip, a snippet or an omake with its fandom out of the title, but not a title’s own words', () => {
    assert.equal(withoutKindAside('Crossing (Coast Snip)'), 'Crossing');
    assert.equal(withoutKindAside('Crossing (an Evangelion omake)'), 'Crossing');
    assert.equal(withoutKindAside('The Snip (Part of the Plan)'), 'The Snip (Part of the Plan)');
  });

  it('leaves what the work is after a dash out of the title and reads its fandom, as a blog’s post title says it', async () => {
    assert.equal(withoutKindAside('Crossing — a Coast Guard ficlet'), 'Crossing');
    assert.equal(withoutKindAside('Crossing - Coast Guard fanfic'), 'Crossing');
    assert.equal(withoutKindAside('Crossing – a fic'), 'Crossing');
    assert.equal(withoutKindAside('Crossing – A Love Story'), 'Crossing – A Love Story');
    assert.equal(withoutKindAside('Crossing - the fic nobody asked for'), 'Crossing - the fic nobody asked for');
    const work = await importWork([
      page(
        '<title>Crossing — a Coast Guard ficlet - my notes</title>',
        `<h1>Crossing — a Coast Guard ficlet</h1><div class="post">${STORY.map((p) => `<p>${p}</p>`).join('')}</div>`,
      ),
    ]);
    assert.equal(work.title, 'Crossing');
    assert.equal(work.preview.pieces.find((p) => p.field === 'fandom')?.text, 'Coast Guard');
  });

  it('leaves a list of facts with the work’s length out of the title, but not a title’s own list', () => {
    assert.equal(withoutKindAside('Crossing (Ruth & Ana, 2 parts, spoiler-free)'), 'Crossing');
    assert.equal(withoutKindAside('Crossing (Ruth, Ana, 1.5k words)'), 'Crossing');
    assert.equal(withoutKindAside('Bread (Flour, Water, Salt)'), 'Bread (Flour, Water, Salt)');
  });
});

describe('a blog post’s tags under it', () => {
  it('reads a line of Tumblr tags, spaces in them, under the end note as the work’s tags, not its creator', async () => {
    const work = await importWork([
      page(
        '<title>Crossing</title>',
        `<h1>Crossing</h1>${STORY.map((p) => `<p>${p}</p>`).join('')}<p>thank you for reading, reblogs make my day!</p>
         <p class="tags">#coast #coast fanfic #ruth #my writing</p><span id="timestamp">March 9th, 2021 11:32pm</span>`,
      ),
    ]);
    assert.equal(creator(work), undefined);
    assert.deepEqual(storyParagraphs(work), STORY);
    const tags = work.preview.pieces.find((p) => p.field === 'freeform');
    assert.equal(tags?.text, 'coast, coast fanfic, ruth, my writing');
  });

  it('keeps a story line that opens with a hashtag and says more as story', async () => {
    const line = '#1 on the list was the ferry. #2 was the tea, and she did not mind which came first.';
    const work = await importWork([
      page('<title>Crossing</title>', `<h1>Crossing</h1>${[...STORY, line].map((p) => `<p>${p}</p>`).join('')}`),
    ]);
    assert.deepEqual(storyParagraphs(work), [...STORY, line]);
  });
});

describe('a social post’s header and subject line, typed as its first lines', () => {
  const post = (lines: string[]) =>
    page(
      '<title>TwitLonger — When you talk too much for Twitter</title>',
      `<div class="post"><div class="post-header"><a class="name">gull wing</a> <span class="username">@gullwing</span></div>
       <div class="post-content">${[...lines, ...STORY].map((p) => `<p>${p}</p>`).join('')}</div></div>`,
    );

  it('reads the poster’s name without its handle, and the title out of “fic: Title (fandom, pairing, rating)”', async () => {
    const work = await importWork([
      post(['fic: Crossing (Coast, Ruth & Ana, G, ~500 words)', 'A/N: too long for a tweet so here it is. enjoy!']),
    ]);
    assert.equal(work.title, 'Crossing');
    assert.equal(creator(work), 'gull wing');
    assert.deepEqual(storyParagraphs(work), STORY);
  });

  it('takes no title from a first line whose brackets hold no list of facts', async () => {
    const work = await importWork([
      post(['fic: Crossing (for my sister)', 'A/N: too long for a tweet so here it is.']),
    ]);
    assert.notEqual(work.title, 'Crossing');
    assert.deepEqual(storyParagraphs(work), STORY);
  });
});

describe('a journal post’s story inside an inline wrapper', () => {
  it('reads the paragraphs an <lj-cut> or a <font> holds between <br><br>s apart', async () => {
    for (const wrapper of ['lj-cut', 'font']) {
      const work = await importWork([
        page(
          '<title>Crossing</title>',
          `<div class="entry"><h2>Crossing</h2><${wrapper} text="the sea">${STORY.join('<br /><br />')}</${wrapper}></div>`,
        ),
      ]);
      assert.deepEqual(storyParagraphs(work), STORY, wrapper);
    }
  });

  it('keeps a <span> inside one paragraph part of it', async () => {
    const first = 'The ferry left at <span class="time">six</span>, and Ruth was on it with a thermos.';
    const work = await importWork([
      page(
        '<title>Crossing</title>',
        `<div class="entry"><h2>Crossing</h2>${[first, ...STORY.slice(1)].join('<br><br>')}</div>`,
      ),
    ]);
    assert.deepEqual(storyParagraphs(work), [
      'The ferry left at six, and Ruth was on it with a thermos.',
      ...STORY.slice(1),
    ]);
  });
});
