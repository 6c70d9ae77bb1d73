import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { iceScene, storyParagraphs, textFile as file } from '../../support/imports.ts';

const endNotes = (work: Awaited<ReturnType<typeof importWork>>) =>
  work.preview.pieces.filter((p) => p.part === 'end-notes' || p.part === 'chapter-end-notes').map((p) => p.text);

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

  it('keeps a mailed story’s last line as story when it ends a sentence, even if it is the sender’s name', async () => {
    const text = [
      'From: Dawn Harper <dawnh@hotmail.com>',
      'To: btvs-fic@egroups.com',
      'Subject: FIC: Little Sister (1/1)',
      '',
      'Little Sister',
      'by Dawn Harper',
      '',
      'Buffy found her on the back porch at two in the morning, knees pulled up, staring at the yard.',
      '',
      '"Can\'t sleep?" Buffy asked, and sat down beside her on the cold boards.',
      '',
      'They watched the dark together for a long time without saying anything at all.',
      '',
      'Then her sister leaned against her shoulder and whispered the one word she had never said before.',
      '',
      'Dawn.',
    ].join('\n');
    const work = await importWork([file('sister.txt', text)]);
    assert.equal(storyParagraphs(work).at(-1), 'Dawn.');
  });

  it('reads a mailed story’s thank-you under a rule as the writer’s end note, web address and all, not the provider’s footer', async () => {
    const note = 'Thanks for reading! More of my fic at http://www.geocities.com/dawnfic/';
    const text = [
      'From: Dawn Harper <dawnh@hotmail.com>',
      'To: btvs-fic@egroups.com',
      'Subject: FIC: Porch Light (1/1)',
      '',
      'Porch Light',
      'by Dawn Harper',
      '',
      'Buffy found her on the back porch at two in the morning, knees pulled up, staring at the yard.',
      '',
      '"Can\'t sleep?" Buffy asked, and sat down beside her on the cold boards.',
      '',
      'They watched the dark together for a long time without saying anything at all, and it was enough.',
      '',
      '______________________________',
      '',
      note,
    ].join('\n');
    const work = await importWork([file('porch.txt', text)]);
    assert.ok(
      endNotes(work).some((t) => t.includes('Thanks for reading')),
      JSON.stringify(endNotes(work)),
    );
  });

  it('keeps "And that\'s the end." as story when a frame story’s narrator says it last', async () => {
    const text = [
      'The Well',
      'by oldwives',
      '',
      'Grandmother set down her cup and looked at the three of us in turn, the fire low behind her.',
      '',
      '"The well was dry the year I was born," she said, "and my mother walked to the river for every drop."',
      '',
      '"When the rain came back, it came all at once, and the well filled in a night, and nobody ever knew why."',
      '',
      'She picked up her cup again and looked into it, as though the answer might be there.',
      '',
      '"And that\'s the end."',
      '',
      "And that's the end.",
    ].join('\n');
    const work = await importWork([file('well.txt', text)]);
    assert.deepEqual(endNotes(work), []);
    assert.equal(storyParagraphs(work).at(-1), "And that's the end.");
  });

  it('keeps the dashes of a story told in dialogue, each line opening with "- ", in a plain text file', async () => {
    const lines = [
      '- Hvor har du været hele natten? spurgte hun, da han endelig kom ind ad døren med sne i håret.',
      '- Ude ved havnen, sagde han og hængte frakken på knagen uden at se på hende, som han plejede.',
      '- Ved havnen? Der er ingenting ved havnen om vinteren, kun is og de gamle både og vinden.',
      '- Der var et skib i nat. Det kom ind lige efter midnat, og ingen vidste hvor det kom fra.',
      '- Og hvad så? Du kunne have sagt det til mig før du gik, i stedet for at lade mig vente.',
      '- Jeg vidste det ikke før jeg så det, sagde han, og så satte han sig ved bordet og var stille.',
    ];
    const work = await importWork([file('skibet.txt', lines.join('\n\n'))]);
    assert.deepEqual(storyParagraphs(work), lines);
  });

  it('still reads the writer’s "That\'s the end, folks!" under a story as an end note', async () => {
    const text = [
      'The Well',
      'by oldwives',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      "That's the end, folks!",
    ];
    const work = await importWork([file('well.txt', text.join('\n'))]);
    assert.deepEqual(endNotes(work), ["That's the end, folks!"]);
  });

  it('still sets a mailed story’s sender signing under "Love," apart from the story', async () => {
    const text = [
      'From: Dawn Harper <dawnh@hotmail.com>',
      'To: btvs-fic@egroups.com',
      'Subject: FIC: Ice (1/1)',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      'Love,',
      '',
      'Dawn.',
    ];
    const work = await importWork([file('ice.txt', text.join('\n'))]);
    assert.ok(!storyParagraphs(work).includes('Dawn.'), JSON.stringify(storyParagraphs(work)));
  });

  it('still reads a plain text outline whose bullets nest as a paragraph a bullet', async () => {
    const text = [
      '- Ice Year',
      '  - by pond_keeper',
      ...['first', 'second', 'third', 'fourth', 'fifth'].map((n) => `  - ${iceScene(n)}`),
    ];
    const work = await importWork([file('ice.txt', text.join('\n'))]);
    assert.deepEqual(storyParagraphs(work), ['first', 'second', 'third', 'fourth', 'fifth'].map(iceScene));
  });

  it('keeps “I bob my head …” and “2. Bob left.” story lines, no chapter headings', async () => {
    const text = [
      'I bob my head to the music and pretend I know the words.',
      '',
      'The band played on until the lights came up and the floor went sticky.',
      '',
      '2. Bob left.',
      '',
      'Nobody noticed he had gone until the last song, and by then it did not matter.',
    ].join('\n');
    const work = await importWork([file('dance.txt', text)]);
    assert.equal(work.chapters.length, 1);
    assert.match(storyParagraphs(work).join(' '), /I bob my head/);
  });
});
