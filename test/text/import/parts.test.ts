import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findParts, type Piece } from '../../../src/text/import/parts.ts';
import { textToBlocks } from '../../../src/text/import/paragraphs.ts';

const parts = (text: string) => findParts(textToBlocks(text));
const of = (pieces: Piece[], part: string) => pieces.filter((p) => p.part === part).map((p) => p.text);

const STORY = [
  'The snow had been falling since morning, and by noon the village was buried under it.',
  '"We should go back," Sam said.',
  'Frodo shook his head and kept walking toward the hills, where the road disappeared into the white.',
];

describe('findParts', () => {
  it('reads a labelled header: title, summary with its spoiler warning, disclaimer and notes', () => {
    const pieces = parts(
      [
        'Title: The Long Snow',
        'Summary: SPOILERS for ROTK! Frodo and Sam walk home.',
        "Disclaimer: I don't own LOTR.",
        'A/N: This is my first fic, be nice!',
        ...STORY,
      ].join('\n\n'),
    );
    assert.deepEqual(of(pieces, 'title'), ['The Long Snow']);
    assert.deepEqual(of(pieces, 'summary'), ['SPOILERS for ROTK! Frodo and Sam walk home.']);
    assert.deepEqual(of(pieces, 'disclaimer'), ["I don't own LOTR."]);
    assert.deepEqual(of(pieces, 'notes'), ['This is my first fic, be nice!']);
    assert.deepEqual(of(pieces, 'text'), STORY);
    assert.deepEqual(
      pieces.filter((p) => p.consumed).map((p) => p.consumed),
      ['Title:', 'Summary:', 'Disclaimer:', 'A/N:'],
    );
  });

  it('reads a header whose lines run together above a story that keeps its blank lines', async () => {
    const { importWork } = await import('../../../src/text/import/index.ts');
    const text = [
      ['The Long Snow', '👁 38.2K  ★ 2.9K  ☰ 1 part', 'by @quillandember', '#lotr #frodo #sam', STORY[0]].join('\n'),
      ...STORY.slice(1),
      'Sam stopped at the ridge and looked back the way they had come.',
      'The snow had already filled their tracks.',
      '"Nearly there," Frodo said, though neither of them believed it.',
    ].join('\n\n');
    const work = await importWork([{ name: 'copied.txt', bytes: Buffer.from(text) }]);
    assert.deepEqual(
      work.preview.pieces.filter((p) => p.field === 'author').map((p) => p.text),
      ['@quillandember'],
    );
    assert.deepEqual(work.tags.freeforms, ['lotr', 'frodo', 'sam']);
    assert.equal(work.chapters[0].blocks[0].type === 'paragraph' && work.chapters[0].blocks[0].text, STORY[0]);
  });

  it('keeps a diary’s dated heading and a poem’s “By the river” as the story’s', async () => {
    const { importWork } = await import('../../../src/text/import/index.ts');
    const read = (text: string) => importWork([{ name: 'story.txt', bytes: Buffer.from(text) }]);
    const diary = await read(['The Long Snow', '12 June 1944, 06:30', ...STORY].join('\n\n'));
    assert.deepEqual(diary.chapters[0].blocks[0], { type: 'paragraph', text: '12 June 1944, 06:30' });
    const poem = await read(
      [
        'Willow Song',
        'By the river\nthe willows lean and listen,\nand the water keeps its counsel.',
        ...STORY,
        'Sam stopped at the ridge and looked back the way they had come.',
        'The snow had already filled their tracks.',
        '"Nearly there," Frodo said.',
      ].join('\n\n'),
    );
    assert.equal(
      poem.preview.pieces.find((p) => p.field === 'author'),
      undefined,
    );
    assert.deepEqual(poem.chapters[0].blocks[0], {
      type: 'paragraph',
      text: 'By the river\nthe willows lean and listen,\nand the water keeps its counsel.',
    });
  });

  it('keeps “by …” in a title when the byline is on the line below', () => {
    const pieces = parts(['A Horse by Any Other Name', 'by Saskia Vell', ...STORY].join('\n\n'));
    assert.deepEqual(of(pieces, 'title'), ['A Horse by Any Other Name']);
    assert.deepEqual(
      pieces.filter((p) => p.field === 'author').map((p) => p.text),
      ['Saskia Vell'],
    );
    // Alone, the line is a title and its byline.
    const alone = parts(['Falling by Dreamer101', ...STORY].join('\n\n'));
    assert.deepEqual(of(alone, 'title'), ['Falling']);
  });

  it('reads the creator’s name apart from the address or link after it, and keeps both', () => {
    for (const [line, name, contact] of [
      ['Author: Dana K. (skepticalredhead@aol.com)', 'Dana K.', '(skepticalredhead@aol.com)'],
      [
        'Автор: Примус_не_трогаю (https://ficbook.net/authors/2871105)',
        'Примус_не_трогаю',
        '(https://ficbook.net/authors/2871105)',
      ],
      ['Author: quillandember <quill@example.org>', 'quillandember', '<quill@example.org>'],
    ]) {
      const pieces = parts(['Title: The Long Snow', line, ...STORY].join('\n\n'));
      assert.deepEqual(
        pieces.filter((p) => p.field === 'author').map((p) => p.text),
        [name],
        line,
      );
      assert.ok(
        pieces.some((p) => p.part === 'metadata' && p.text === contact),
        line,
      );
    }
    // A name with an aside in brackets keeps it.
    const aside = parts(['Title: The Long Snow', 'Author: Midshipman Easy (aka Ruth)', ...STORY].join('\n\n'));
    assert.deepEqual(
      aside.filter((p) => p.field === 'author').map((p) => p.text),
      ['Midshipman Easy (aka Ruth)'],
    );
  });

  it('splits an author’s note that runs straight into the story', () => {
    const pieces = parts(
      [
        `A/N: Thanks so much for all the reviews! Here is chapter two. ${STORY[0]} The wind picked up after that.`,
        ...STORY.slice(1),
      ].join('\n\n'),
    );
    assert.deepEqual(of(pieces, 'notes'), ['Thanks so much for all the reviews! Here is chapter two.']);
    assert.equal(of(pieces, 'text')[0], `${STORY[0]} The wind picked up after that.`);
    assert.ok(pieces.some((p) => p.unsure));
  });

  it('finds end notes: a review request, and the author talking after a wide gap', () => {
    const pieces = parts(
      [
        ...STORY,
        '\n\nI always wondered what Sam thought on that road, and writing this helped me find out.',
        'Please review!',
      ].join('\n\n'),
    );
    assert.deepEqual(of(pieces, 'end-notes'), [
      'I always wondered what Sam thought on that road, and writing this helped me find out.',
      'Please review!',
    ]);
    assert.deepEqual(of(pieces, 'text'), STORY);
  });

  it('keeps a first-person story’s last paragraph as story', () => {
    const story = [
      'I never meant to stay in that town. My mother said I would, and I laughed at her.',
      'But I stayed, and I am still here, and I think of her every morning.',
    ];
    const pieces = parts(story.join('\n\n'));
    assert.deepEqual(of(pieces, 'text'), story);
  });

  it('splits chapters at headings in several styles, with titles on the same or the next line', () => {
    const text = [
      'Chapter 1: The Road',
      ...STORY,
      '~*~',
      STORY[0],
      'Ch. II',
      'Homecoming',
      ...STORY,
      '-- Chapter Three --',
      ...STORY,
    ].join('\n\n');
    const pieces = parts(text);
    const chapters = new Set(pieces.map((p) => p.chapter).filter((c) => c !== null));
    assert.equal(chapters.size, 3);
    assert.deepEqual(
      pieces.filter((p) => p.part === 'chapter-title' && p.text).map((p) => [p.chapter, p.text]),
      [
        [0, 'The Road'],
        [1, 'Homecoming'],
      ],
    );
    assert.equal(pieces.filter((p) => p.part === 'break').length, 1);
  });

  it('keeps one copy of a disclaimer repeated at the top of every chapter, and the longer one wins', () => {
    const text = [
      "Disclaimer: I don't own Harry Potter.",
      'Chapter 1',
      "Disclaimer: I don't own Harry Potter.",
      ...STORY,
      'Chapter 2',
      "Disclaimer: I don't own Harry Potter. Sadly.",
      ...STORY,
    ].join('\n\n');
    const pieces = parts(text);
    assert.deepEqual(of(pieces, 'disclaimer'), ["I don't own Harry Potter. Sadly."]);
    assert.equal(of(pieces, 'duplicate-disclaimer').length, 2);
  });

  it('gives chapter notes to their chapter in a work of several chapters', () => {
    const text = [
      'Chapter 1',
      'A/N: Hope you enjoy!',
      ...STORY,
      'Thanks for reading! Next chapter soon.',
      'Chapter 2',
      ...STORY,
    ].join('\n\n');
    const pieces = parts(text);
    assert.deepEqual(
      pieces.filter((p) => p.part === 'chapter-notes').map((p) => [p.chapter, p.text]),
      [[0, 'Hope you enjoy!']],
    );
    assert.deepEqual(
      pieces.filter((p) => p.part === 'chapter-end-notes').map((p) => [p.chapter, p.text]),
      [[0, 'Thanks for reading! Next chapter soon.']],
    );
  });
});
