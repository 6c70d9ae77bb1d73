/**
 * Uploads shaped to make the importer slow or make it fail: long runs of one character, thousands of
 * headings, a hundred thousand lines, Markdown nested thousands deep. Each must import to the story
 * a writer would expect (or be refused with a message); how long they take is measured in
 * bench/import-pathological.ts, never here.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { splitSentences } from '../../../src/text/import/sentences.ts';

const OPENING = 'She waited at the window until the boats came in.';
const CLOSING = 'The tide came in, and the keeper counted the ships.';

/** A short story with `middle` as its second paragraph. */
const story = (middle: string) => `The Lighthouse\n\nby harbour_owl\n\n${OPENING}\n\n${middle}\n\n${CLOSING}\n`;
const file = (text: string, name = 'story.txt') => ({ name, bytes: new TextEncoder().encode(text) });
const paragraphs = (work: ImportedWork) =>
  work.chapters.flatMap((c) => c.blocks.map((b) => (b.type === 'paragraph' ? b.text : '* * *')));

describe('input shaped to make the import slow', () => {
  it('reads a run of 100,000 full stops inside a sentence, which still ends where it did', () => {
    const dots = '.'.repeat(100_000);
    assert.deepEqual(splitSentences(`She said${dots}and left. Then she went.`), [
      `She said${dots}and left.`,
      'Then she went.',
    ]);
    assert.deepEqual(splitSentences('She waited... Then she left.'), ['She waited...', 'Then she left.']);
  });

  it('imports a line of story holding 100,000 full stops as it was', async () => {
    const line = `She said${'.'.repeat(100_000)}and left.`;
    const work = await importWork([file(story(line))]);
    assert.deepEqual(paragraphs(work), [OPENING, line, CLOSING]);
  });
});
