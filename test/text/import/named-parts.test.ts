import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { chapterParagraphs as storyOf, textFile as file } from '../../support/imports.ts';

const partOne = [
  'The night bus was empty except for Wren and a man asleep over a bag of oranges.',
  'She counted the stops on her fingers. Eleven to the river, four more to the hill, and then the long walk up with nobody to talk to.',
  'At the ninth stop the man with the oranges woke, looked at her, and offered her one without a word. She took it.',
  'It was cold from the bag and very sweet, and she ate it slowly, one piece at a time, watching the dark streets go by.',
];
const partTwo = [
  'By the river the orange was gone and the man was asleep again, his cheek against the window.',
  'Wren got off at the hill and stood in the cold while the bus pulled away, the peel still in her pocket, smelling of somewhere warm.',
  'She walked up the long road slowly, and for once she did not mind that there was nobody to talk to.',
  'At the top she turned and looked back at the river, and the lights of the bus going on without her, very small.',
];

describe('a story kept in journal entries, each headed with its name and part', () => {
  it('reads “Night Bus (part 1)” and “(part 2)” as the work’s title over two chapters, the entries’ fields set apart', async () => {
    const text = [
      '\tDate:\t4 March 2021 at 23:10:00 GMT',
      '\tLocation:\tLeeds, United Kingdom',
      '',
      '# Night Bus (part 1)',
      '',
      partOne.join('\n\n'),
      '',
      '',
      '\tDate:\t5 March 2021 at 22:40:00 GMT',
      '\tLocation:\tLeeds, United Kingdom',
      '\tWeather:\t3° Rain',
      '',
      '# Night Bus (part 2)',
      '',
      partTwo.join('\n\n'),
    ].join('\n');
    const work = await importWork([file('Journal.txt', text)]);
    assert.equal(work.title, 'Night Bus');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
  });

  it('leaves a story whose lines only mention a part alone', async () => {
    const text = [
      'Wren Learns Her Part 1',
      '',
      partOne.join('\n\n'),
      '',
      'The Second Part 3',
      '',
      partTwo.join('\n\n'),
    ].join('\n');
    const work = await importWork([file('story.txt', text)]);
    assert.equal(work.chapters.length, 1);
  });
  it('reads memos exported one after another, each under its fields and “… (1)”, “… (2)”, as the chapters of one work', async () => {
    const text = [
      'Category: Fic',
      'Private: No',
      'The Night Bus (1)',
      'for the zine - type up before Sat!!',
      'Disclaimer: Wren is mine, the bus is the council’s.',
      '',
      partOne.join('\n\n'),
      '',
      '(cont in memo 2)',
      '',
      'Category: Fic',
      'Private: No',
      'The Night Bus (2)',
      '',
      partTwo.join('\n\n'),
    ].join('\r\n');
    const work = await importWork([file('Memos.txt', text)]);
    assert.equal(work.title, 'The Night Bus');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyOf(work, 0), partOne);
    assert.deepEqual(storyOf(work, 1), partTwo);
    assert.ok(!JSON.stringify(work.chapters).includes('Private'));
  });

  it('leaves a story whose numbered lines in brackets do not count its parts in order alone', async () => {
    const text = [
      'The Night Bus (1)',
      '',
      partOne.join('\n\n'),
      '',
      'The Night Bus (3)',
      '',
      partTwo.join('\n\n'),
    ].join('\n');
    const work = await importWork([file('story.txt', text)]);
    assert.equal(work.chapters.length, 1);
  });
});
