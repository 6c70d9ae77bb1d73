import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { columnWidth, joinColumnLines } from '../../../src/text/import/column-wrap.ts';
import {
  chapterParagraphs as storyOf,
  creatorName as creator,
  storyParagraphs,
  textFile as file,
} from '../../support/imports.ts';

/** Words wrapped greedily at `width`, as a PDF's column or a notebook's page breaks them. */
function wrap(paragraph: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of paragraph.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

const first = [
  'The tram stopped at the end of the line, where the rails ran out into the grass. Odile got off with her cello. It was heavier than it had been in town.',
  'Nobody else got off. The driver lit a cigarette and looked at the grass as if it owed him money. A cow looked back at him.',
];
const second = [
  'She played for the cows first, because they were closest. Then she played for the driver, who pretended not to listen. He listened.',
  'By the last piece the cigarette had gone out in his fingers. The cows had lain down in a row. Nobody clapped, and that was right.',
];

describe('text copied out of a paged source: lines broken at a narrow column, no blank lines', () => {
  it('joins a fanzine column’s lines into paragraphs and sets its running heads and page numbers apart', async () => {
    const text = [
      'TRAM STORIES',
      'A fanzine of the last stop',
      '11',
      'End of the Line',
      'by odile_plays',
      ...first.flatMap((p) => wrap(p, 40)),
      'TRAM STORIES',
      '12',
      ...second.flatMap((p) => wrap(p, 40)),
      'TRAM STORIES',
      '13',
    ].join('\n');
    const work = await importWork([file('zine.txt', text)]);
    assert.equal(work.title, 'End of the Line');
    assert.equal(creator(work), 'odile_plays');
    assert.deepEqual(storyParagraphs(work), [...first, ...second]);
  });

  it('reads notebook pages typed up by OCR: page numbers between the lines, parts numbered 1 and 2', async () => {
    const text = [
      'Last Stop',
      ...wrap('typed up from my notebook, sorry for any odd letters', 36),
      '1',
      ...first.flatMap((p) => wrap(p, 36)),
      '- 4 -',
      '2',
      ...second.flatMap((p) => wrap(p, 36)),
      '- 5 -',
    ].join('\n');
    const work = await importWork([file('notebook.txt', text)]);
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), first);
    assert.deepEqual(storyOf(work, 1), second);
  });

  it('keeps a story’s parts numbered “~ 1 ~”, “- 2 -” from 1 as its chapters, not pages', async () => {
    for (const mark of [(n: number) => `~ ${n} ~`, (n: number) => `- ${n} -`, (n: number) => `— ${n} —`]) {
      const text = ['End of the Line', '', mark(1), '', ...first, '', mark(2), '', ...second].join('\n\n');
      const work = await importWork([file('tram.txt', text)]);
      assert.equal(work.chapters.length, 2, mark(1));
      assert.deepEqual(storyOf(work, 0), first);
      assert.deepEqual(storyOf(work, 1), second);
    }
  });

  it('leaves a file of a paragraph a line alone, and a poem of short unpunctuated lines', () => {
    const story = [
      'The tram stopped at the end of the line.',
      'Odile got off with her cello.',
      '“Is this it?” she asked.',
      'The driver shrugged.',
      'Cows watched from the grass.',
      'She sat on the last rail and tuned the A string.',
      'The driver lit a cigarette.',
      'She played the first piece for the cows.',
      'They came closer, one by one.',
      'The driver pretended not to listen.',
      'By the end the cigarette had gone out.',
      'She packed the cello and got back on.',
    ];
    assert.equal(columnWidth(story), undefined);
    const poem = [
      'the rails run out into the grass',
      'and the tram waits with its doors open',
      'a cello case against the seat',
      'the driver smokes and does not look',
      'cows in a row like commas',
      'the last stop is a field',
      'the first note is a question',
      'the second note answers it',
      'nobody claps in a field',
      'the cigarette goes out',
      'the doors close on the grass',
      'and the rails run back to town',
    ];
    assert.equal(columnWidth(poem), undefined);
  });

  it('starts a new paragraph at a label under a full line that ends a sentence', () => {
    assert.deepEqual(
      joinColumnLines(['Thanks to Margo for reading it on the tram and fixing the end.', 'Disclaimer: not mine.'], 62),
      ['Thanks to Margo for reading it on the tram and fixing the end.', 'Disclaimer: not mine.'],
    );
  });

  it('keeps a word broken with a hyphen at a line’s end whole', () => {
    assert.deepEqual(joinColumnLines(['the cows lay down in a long, untidy row, half-', 'asleep'], 46), [
      'the cows lay down in a long, untidy row, half-asleep',
    ]);
  });
});
