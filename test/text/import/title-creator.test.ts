import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';

const file = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
const creator = (work: ImportedWork) => work.preview.pieces.find((p) => p.field === 'author')?.text;
const storyOf = (work: ImportedWork, chapter = 0) =>
  work.chapters[chapter].blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

const story = [
  'The lighthouse keeper counted the ships every evening, though nobody had asked her to.',
  '“Seven tonight,” she told the cat. The cat did not care.',
  'By morning the fog had come in, and she could not count anything at all.',
];

describe('the work’s title and creator, as writers and sites give them', () => {
  it('reads labelled lines with no blank line between them at the top of a Markdown file one by one', async () => {
    const text = ['Title: Lamplight', 'Author: harbour_owl', 'Status: Finished', 'Rating: General', '', ...story].join(
      '\n',
    );
    const work = await importWork([file('lamplight.md', text.replace(/\n(?=[“B])/g, '\n\n'))]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work), story);
  });

  it('reads the labelled title and author under a journal entry’s poster and subject line, copied run together', async () => {
    const text = [
      '[personal profile] harbour_owl\nFic: Lamplight (Pokémon, Jenny & the cat, 1/2)',
      'Title: Lamplight\nAuthor: harbour_owl\nFandom: Pokémon\nRating: G',
      'Part One',
      story[0],
      story[1],
      'Part Two',
      story[2],
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work, 0), [story[0], story[1]]);
  });

  it('reads the labelled title and author under a forum post’s breadcrumbs and poster, not the breadcrumbs as the title', async () => {
    const text = [
      'Fanfiction Corner > Anime & Manga > Pokémon',
      '[Pokémon] Lamplight (Jenny & the cat, gen, 2 parts)',
      'Started by harbour_owl, 03 February 2009 - 08:14 PM',
      'harbour_owl\nGroup: Members\nPosts: 412',
      'Title: Lamplight\nAuthor: harbour_owl\nRating: K+',
      'Part 1',
      story[0],
      story[1],
      'Part 2',
      story[2],
    ].join('\n\n');
    const work = await importWork([file('lamplight.txt', text)]);
    assert.equal(work.title, 'Lamplight');
    assert.equal(creator(work), 'harbour_owl');
    assert.deepEqual(storyOf(work, 1), [story[2]]);
  });
});
