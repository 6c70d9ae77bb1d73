import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { medianParagraphWords, restoreParagraphs, textToBlocks } from '../../../src/text/import/paragraphs.ts';

describe('textToBlocks', () => {
  it('splits at blank lines, keeps line breaks inside a paragraph, and counts the gap before each block', () => {
    const blocks = textToBlocks('Roses are red,\nviolets are blue.\n\nShe read it twice.\n\n\n~*~\n\nThe end.');
    assert.deepEqual(
      blocks.map((b) => [b.kind, b.text, b.gap]),
      [
        ['paragraph', 'Roses are red,\nviolets are blue.', 0],
        ['paragraph', 'She read it twice.', 1],
        ['break', '~*~', 2],
        ['paragraph', 'The end.', 1],
      ],
    );
  });

  it('takes every line as a paragraph when a file has no blank lines', () => {
    assert.deepEqual(
      textToBlocks('One.\nTwo.\nThree.').map((b) => b.text),
      ['One.', 'Two.', 'Three.'],
    );
  });

  it('joins lines wrapped at a fixed width back into paragraphs', () => {
    const line = 'The rain had not stopped for three days and the river was rising fast';
    const text = `${line}\n${line}\n${line}\nend.\n\n${line}\n${line}\n${line}\n${line}\nend.`;
    const blocks = textToBlocks(text);
    assert.equal(blocks.length, 2);
    assert.equal(blocks[0].text, `${line} ${line} ${line} end.`);
  });
});

describe('restoreParagraphs', () => {
  const collapsed =
    'Harry walked into the kitchen and looked around for a long while, taking in the dusty shelves and the old iron stove. ' +
    'Nothing had changed since the summer, and the smell of bread still hung in the air as if Molly had only just left. '.repeat(
      4,
    ) +
    '"Are you coming?" Ron called from the hall. "We\'re late." ' +
    '"In a minute," Harry said. ' +
    '* * * ' +
    'The train left at eleven. It was raining over the hills and the windows were fogged, and neither of them said anything for an hour. '.repeat(
      5,
    ) +
    '"Well," said Hermione at last. "That went well." ' +
    'Nobody laughed.';

  it('leaves text that has its paragraphs alone', () => {
    const blocks = textToBlocks('One paragraph.\n\nAnother one.');
    assert.equal(restoreParagraphs(blocks).restored, false);
  });

  it('splits collapsed text at new speakers, scene breaks and long stretches of narration, losing no word', () => {
    const { blocks, restored } = restoreParagraphs(textToBlocks(collapsed));
    assert.equal(restored, true);
    const texts = blocks.map((b) => b.text);
    assert.ok(texts.includes('"Are you coming?" Ron called from the hall. "We\'re late."'), texts.join('\n'));
    assert.ok(texts.includes('"In a minute," Harry said.'));
    assert.ok(blocks.some((b) => b.kind === 'break'));
    assert.ok(texts.includes('Nobody laughed.'));
    assert.ok(blocks.length >= 7);
    assert.ok(texts.every((t) => t.length < 800));
    assert.equal(
      texts
        .join(' ')
        .replace(/\* \* \*/, '')
        .replace(/\s+/g, ' ')
        .trim(),
      collapsed.replace('* * * ', '').replace(/\s+/g, ' ').trim(),
    );
  });

  it('keeps a short line that ends no sentence apart from the collapsed text under it', () => {
    const dedication = 'dedicated to @harrysbeanie bc she made me post this';
    const { blocks, restored } = restoreParagraphs(
      textToBlocks(`The Kitchen\n\n${collapsed}\n${dedication}\n${collapsed}`),
    );
    assert.equal(restored, true);
    const at = blocks.findIndex((b) => b.text === dedication);
    assert.ok(at > 0, blocks.map((b) => b.text).join('\n'));
    assert.ok(blocks[at - 1].text.endsWith('Nobody laughed.'));
    assert.ok(blocks[at + 1].text.startsWith('Harry walked into the kitchen'));
  });
});

describe('restoring collapsed paragraphs by the conventions of fiction', () => {
  /** Enough narration after the passage for the file to count as collapsed. */
  const tail =
    ' ' + 'The harbour lay quiet under the fog, and the boats knocked softly against the wall of the quay. '.repeat(14);
  const restored = (passage: string, targetWords?: number) =>
    restoreParagraphs(textToBlocks(passage + tail), { targetWords }).blocks.map((b) => b.text);

  it('gives each speaker their own paragraph, tagged before or after the name, or as "said the Mouse"', () => {
    const texts = restored(
      '"Where were you?" Harry asked. "Out," said Ron. "I beg your pardon!" said the Mouse, frowning. "Not I!" said the Lory hastily.',
    );
    assert.deepEqual(texts.slice(0, 4), [
      '"Where were you?" Harry asked.',
      '"Out," said Ron.',
      '"I beg your pardon!" said the Mouse, frowning.',
      '"Not I!" said the Lory hastily.',
    ]);
  });

  it('keeps a speaker going on after their tag, and their action beats, in their paragraph', () => {
    const texts = restored(
      '"Come on," Harry said. "We\'re late." Harry pulled on his coat. Ron looked up from the fire. "Five more minutes."',
    );
    assert.deepEqual(texts.slice(0, 2), [
      '"Come on," Harry said. "We\'re late." Harry pulled on his coat.',
      'Ron looked up from the fire. "Five more minutes."',
    ]);
  });

  it('takes two lines with nothing between them for two speakers, and a beat right after a line for its speaker’s', () => {
    const texts = restored('"Did you hear that?" "Hear what?" "The door." Ginny froze. Hermione reached for her wand.');
    assert.deepEqual(texts.slice(0, 3), ['"Did you hear that?"', '"Hear what?"', '"The door." Ginny froze.']);
    assert.ok(texts[3].startsWith('Hermione reached for her wand.'));
  });

  it('starts a paragraph at a turn in time or place, and on another character, but not at a look ahead', () => {
    const texts = restored(
      'Mara locked the shop and walked home without a word to Tomas. Later, Mara would remember that. ' +
        'The next morning, the shop was gone. Mara stood in the empty lot. Tomas found her there at noon.',
    );
    assert.deepEqual(texts.slice(0, 2), [
      'Mara locked the shop and walked home without a word to Tomas. Later, Mara would remember that.',
      'The next morning, the shop was gone. Mara stood in the empty lot.',
    ]);
    assert.ok(texts[2].startsWith('Tomas found her there at noon.'));
  });

  it('does not take the first word of a note ("Thanks", "Wow") for a character', () => {
    const texts = restored(
      'Wow, over a hundred follows! Thanks to my beta for everything. Warning: sad ending. Mara walked to the harbour. Mara waited for the boat.',
    );
    assert.ok(
      texts[0].startsWith(
        'Wow, over a hundred follows! Thanks to my beta for everything. Warning: sad ending. Mara walked to the harbour. Mara waited for the boat.',
      ),
      texts[0],
    );
  });

  it('aims narration at the writer’s paragraph length', () => {
    const short = restored('', 20);
    const usual = restored('');
    assert.equal(short.join(' '), usual.join(' '));
    assert.ok(short.length >= usual.length * 2, `${short.length} against ${usual.length}`);
    assert.ok(short.every((p) => p.split(' ').length <= 40));
  });
});

describe('medianParagraphWords', () => {
  it('is the median paragraph length of posted chapters, unknown with too few paragraphs', () => {
    const chapter = (words: number[]) => words.map((n) => `<p>${'word '.repeat(n).trim()}</p>`).join('\n');
    assert.equal(medianParagraphWords([chapter([10, 12, 14, 16, 18, 20]), chapter([30, 40, 50, 60, 70, 80])]), 30);
    assert.equal(medianParagraphWords([chapter([10, 12, 14])]), undefined);
    assert.equal(medianParagraphWords([chapter(Array(20).fill(1000))]), 200);
  });
});
