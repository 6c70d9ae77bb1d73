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
});
