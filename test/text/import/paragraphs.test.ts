import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { restoreParagraphs, textToBlocks } from '../../../src/text/import/paragraphs.ts';

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
});
