import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { storyParagraphs, textFile as file } from '../../support/imports.ts';

/** Ordinary story text whose shape some rule for a tool's or a site's file was written for. */
describe('story text of a shape a rule for another kind of file looks for', () => {
  it('joins a hard-wrapped paragraph at its sentence ends when one line of the file runs longer than the wrap', async () => {
    const text = [
      'The Keeper',
      'by Martha',
      'Posted to the list 3/14/2001; archived at http://www.fanfic.net/~martha/keeper',
      '',
      'The lighthouse had been dark for eleven years when Nell came to it.',
      'She carried the lamp oil up the stairs two cans at a time and set',
      'them down by the great lens, which was furred with salt and dust.',
      'Nobody had told her how many stairs there were. There were a lot.',
      'Counting was no use by the third trip, when her arms shook so much.',
      '',
      "The keeper's log lay open on the desk where the last keeper had left",
      'it, the final entry written in a hand that wandered down the page.',
      'She read it twice. Then she closed the book and went to find a rag',
      'for the lens, because somebody had to start somewhere, and it was her.',
      '',
      'At dusk she lit the lamp. It caught on the second match and burned',
      'yellow, then white, and the beam swung out over the water again.',
      'Somewhere far out, a fishing boat answered with three short blasts.',
      'Nell sat down on the top stair and laughed until she had to stop.',
    ].join('\n');
    const work = await importWork([file('keeper.txt', text)]);
    const paragraphs = storyParagraphs(work);
    const lines = text.split('\n');
    assert.deepEqual(paragraphs.slice(-3), [
      lines.slice(4, 9).join(' '),
      lines.slice(10, 14).join(' '),
      lines.slice(15, 19).join(' '),
    ]);
  });

  it('reads a script, speakers’ names indented over their indented speech, as story and not as a note tree’s chapters', async () => {
    const text = [
      'The Night Ferry',
      '  MARA',
      '    The ferry is late again, and the fog is coming in off the water.',
      '  TOM',
      '    It is always late. I have stopped minding it, mostly.',
      '  MARA',
      '    You said that last winter, and you minded it every single night.',
      '  TOM',
      '    Last winter I had somewhere to be. Tonight I do not.',
      '  MARA',
      '    Then why do you keep looking at your watch like that?',
      '  TOM',
      '    Habit. Nothing but habit, Mara. Here it comes now, look.',
    ].join('\n');
    const work = await importWork([file('ferry.txt', text)]);
    assert.equal(work.chapters.length, 1);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null],
    );
  });
});
