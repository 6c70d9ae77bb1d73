import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { isDisclaimer, isEndMarker, isSceneBreak } from '../../../src/text/import/cues.ts';
import {
  chapterBlocks,
  chapterParagraphs,
  chapterTitles,
  creatorName,
  storyHtml,
  storyParagraphs,
  textFile as file,
  iceScene,
} from '../../support/imports.ts';

/** The writers' own files, saved or exported as text: headings, bylines, notes and breaks as their tools keep them. */
describe('writers’ own files and exports', () => {
  it('reads "I. fejezet: A kút" as chapter one named "A kút": Hungarian chapters numbered in Roman numerals', async () => {
    const text = [
      'A kút titka',
      'írta: vizimolnar',
      '',
      'I. fejezet: A kút',
      '----------------',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      'II. fejezet: A vödör',
      '--------------------',
      '',
      iceScene('third'),
      '',
      iceScene('fourth'),
    ].join('\n');
    assert.deepEqual(await chapterTitles('kut.txt', text), ['A kút', 'A vödör']);
  });

  it('names the writer of a Danish "af" line under the title, and reads "Forfatterens note:" as their note', async () => {
    const text = [
      'Kuppet i Valby',
      'af kaffekande77',
      '',
      'Forfatterens note: Min første historie om banden.',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
    ].join('\n');
    const work = await importWork([file('kup.txt', text)]);
    assert.equal(creatorName(work), 'kaffekande77');
    assert.equal(work.notes.beginning, 'Min første historie om banden.');
  });

  it('reads "Its characters belong to …" and a Hungarian "… nem az enyém" about the characters as disclaimers', () => {
    assert.ok(isDisclaimer('Street Hawk and its characters belong to Universal; nobody is making money here.'));
    assert.ok(isDisclaimer('Vuk és a többi szereplő nem az enyém, csak kölcsönvettem őket.'));
    // A coat is not a character.
    assert.ok(!isDisclaimer('– Ez a kabát nem az enyém – mondta Mari.'));
  });

  it('takes "xXx THE END xXx" for the story’s end, and leaves "xXx" alone a scene break', () => {
    assert.ok(isEndMarker('xXx THE END xXx'));
    assert.ok(isEndMarker('oOo Fin oOo'));
    assert.ok(!isEndMarker('xXx'));
    assert.ok(isSceneBreak('xXx'));
    assert.ok(!isEndMarker('x'.repeat(40)));
  });

  it('reads a Finnish line in brackets about the next chapter, at a chapter’s end, as that chapter’s end note', async () => {
    const text = [
      'Ensimmäinen luku: Myrsky',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      '(Seuraava luku tulee ensi viikolla, kun ehdin.)',
      '',
      'Toinen luku: Jää',
      '',
      iceScene('third'),
      '',
      iceScene('fourth'),
    ].join('\n');
    const work = await importWork([file('myrsky.txt', text)]);
    assert.equal(work.chapters[0].notes.end, '(Seuraava luku tulee ensi viikolla, kun ehdin.)');
    assert.deepEqual(chapterParagraphs(work, 0), [iceScene('first'), iceScene('second')]);
  });

  it('reads "~~~" between blank lines in Markdown as a scene break, not a code block running to the end', async () => {
    const text = [
      '# The Canoe',
      '',
      '## Chapter 1: Night',
      '',
      iceScene('first'),
      '',
      '~~~',
      '',
      'The water was *very* cold, and Ren said nothing about it all the way home.',
      '',
      '## Chapter 2: Morning',
      '',
      iceScene('third'),
    ].join('\n');
    const work = await importWork([file('canoe.md', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Night', 'Morning'],
    );
    assert.deepEqual(chapterBlocks(work, 0, '~'), [
      iceScene('first'),
      '~',
      'The water was very cold, and Ren said nothing about it all the way home.',
    ]);
    assert.ok(storyHtml(work).includes('<em>very</em>'));
  });

  it('keeps a fenced block of tildes with its lines right under the fence as the code it is', async () => {
    const text = [
      '# The Terminal',
      '',
      iceScene('first'),
      '',
      '~~~',
      'LOGIN: kit',
      'PASSWORD: ****',
      '~~~',
      '',
      iceScene('second'),
    ].join('\n');
    const work = await importWork([file('terminal.md', text)]);
    assert.ok(storyHtml(work).includes('LOGIN: kit'));
    assert.ok(storyParagraphs(work).includes(iceScene('second')));
    assert.ok(!storyParagraphs(work).some((p) => p.startsWith('~~~')));
  });

  it('reads "And that’s the end!" after a rule under the last chapter as the writer’s end note', async () => {
    const text = [
      '# Badge Night',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      iceScene('third'),
      '',
      '---',
      '',
      '*And that’s the end! Camp forever.*',
    ].join('\n');
    const work = await importWork([file('badge.md', text)]);
    assert.equal(work.notes.end ?? work.chapters.at(-1)!.notes.end, 'And that’s the end! Camp forever.');
    assert.deepEqual(storyParagraphs(work), [iceScene('first'), iceScene('second'), iceScene('third')]);
  });

  it('keeps "That’s the end of the road," in the story, said or told', async () => {
    const text = [
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      '* * *',
      '',
      'That’s the end of the road for the old canoe. Ren sold it in the spring.',
    ].join('\n');
    const work = await importWork([file('road.txt', text)]);
    assert.equal(
      storyParagraphs(work).at(-1),
      'That’s the end of the road for the old canoe. Ren sold it in the spring.',
    );
  });

  it('sets apart a mail’s greeting, the sender signing with their own name, and a free mail service’s footer', async () => {
    const mail = [
      'From: "Kalani M." <kalani@freemail.example>',
      'To: islandfic@lists.example',
      'Subject: FIC: Low Tide',
      'Date: Sat, 13 Feb 1999 21:40:12 -1000',
      '',
      'Aloha everyone,',
      '',
      'Low Tide',
      'by Kalani M.',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      'Thanks for reading, and see you all at the next meeting.',
      '',
      '- Kalani',
      '',
      '______________________________________________________________',
      'GET YOUR FREE E-MAIL ACCOUNT TODAY! Visit www.freemail.example now.',
    ].join('\n');
    const work = await importWork([file('mail.txt', mail)]);
    assert.deepEqual(storyParagraphs(work), [iceScene('first'), iceScene('second')]);
    assert.equal(
      work.notes.end ?? work.chapters[0].notes.end,
      'Thanks for reading, and see you all at the next meeting.',
    );
    const part = (text: string) => work.preview.pieces.find((p) => p.text.trim() === text)?.part;
    assert.equal(part('Aloha everyone,'), 'metadata');
    assert.equal(part('- Kalani'), 'metadata');
    assert.equal(part('GET YOUR FREE E-MAIL ACCOUNT TODAY! Visit www.freemail.example now.'), 'metadata');
  });

  it('sets apart a free mail service’s footer under a rule with its web address, with no signature over it', async () => {
    const mail = [
      'From: "Kalani M." <kalani@freemail.example>',
      'Subject: FIC: Low Tide',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      '_________________________________________________________________',
      'Get your FREE download of the Explorer at http://explorer.example.com',
    ].join('\n');
    const work = await importWork([file('mail.txt', mail)]);
    assert.deepEqual(storyParagraphs(work), [iceScene('first'), iceScene('second')]);
    // A scene under the story's own last rule stays story.
    const scene = mail.replace(/Get your FREE.*$/u, iceScene('third'));
    assert.deepEqual(storyParagraphs(await importWork([file('mail.txt', scene)])), [
      iceScene('first'),
      iceScene('second'),
      iceScene('third'),
    ]);
  });

  it('keeps a name under a mail’s story that is not the sender’s in the story', async () => {
    const mail = [
      'From: "Kalani M." <kalani@freemail.example>',
      'Subject: FIC: Low Tide',
      '',
      iceScene('first'),
      '',
      iceScene('second'),
      '',
      'Ren',
    ].join('\n');
    const work = await importWork([file('mail.txt', mail)]);
    assert.equal(work.preview.pieces.find((p) => p.text.trim() === 'Ren')?.part === 'metadata', false);
  });

  it('cuts a labelled note that closes with its disclaimer from the story’s first sentence after it', async () => {
    const text = [
      'Gece Yarısı',
      'Yazan: kalemkutusu',
      '',
      'Yazarın notu: Uzun zamandır aklımdaydı, sonunda yazdım. Karakterler dizinin yapımcılarına aittir. Saat gecenin üçüydü ve Ren yine uyuyamıyordu.',
      iceScene('first'),
      iceScene('second'),
    ].join('\n');
    const work = await importWork([file('gece.txt', text)]);
    assert.equal(work.notes.beginning, 'Uzun zamandır aklımdaydı, sonunda yazdım.');
    assert.equal(work.disclaimer, 'Karakterler dizinin yapımcılarına aittir.');
    assert.equal(storyParagraphs(work)[0], 'Saat gecenin üçüydü ve Ren yine uyuyamıyordu.');
  });

  it('reads a note tree exported as text: the root’s name the title, each node a chapter or, by its name, the notes', async () => {
    const tree = [
      'Ice Year',
      '  Notes',
      '    written for a winter exchange. thanks to my beta.',
      '  The Pond',
      `    ${iceScene('first')}`,
      `    ${iceScene('second')}`,
      '  The River',
      `    ${iceScene('third')}`,
      `    ${iceScene('fourth')}`,
      '  Afterword',
      '    I always wanted to write about the ice. Thanks for reading.',
    ].join('\n');
    const work = await importWork([file('ice.txt', tree)]);
    assert.equal(work.title, 'Ice Year');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Pond', 'The River'],
    );
    assert.deepEqual(chapterParagraphs(work, 1), [iceScene('third'), iceScene('fourth')]);
    // Or with a blank line between its lines, as other tree outliners export it.
    const spaced = await importWork([file('ice.txt', tree.replace(/\n/g, '\n\n'))]);
    assert.deepEqual(
      spaced.chapters.map((c) => c.title),
      ['The Pond', 'The River'],
    );
    assert.equal(work.notes.beginning, 'written for a winter exchange. thanks to my beta.');
    assert.equal(
      work.notes.end ?? work.chapters[1].notes.end,
      'I always wanted to write about the ice. Thanks for reading.',
    );
  });

  it('reads a story whose paragraphs are indented, or that quotes an indented letter, as the story', async () => {
    const indented = [
      'Ice Year',
      ...['first', 'second', 'third', 'fourth', 'fifth', 'sixth'].map((n) => `    ${iceScene(n)}`),
    ];
    const work = await importWork([file('ice.txt', indented.join('\n'))]);
    assert.equal(work.chapters.length, 1);
    assert.equal(storyParagraphs(work).length, 6);
    const letter = [
      iceScene('first'),
      'She read it again:',
      '    Dear Kit,',
      '    The pond is frozen. Come home.',
      iceScene('second'),
      iceScene('third'),
    ];
    const read = await importWork([file('letter.txt', letter.join('\n'))]);
    assert.equal(read.chapters.length, 1);
    assert.ok(storyParagraphs(read).some((p) => p.includes('She read it again:')));
  });

  it('reads an outliner’s plain-text export, every line a bullet, as paragraphs without the bullets', async () => {
    const outline = [
      '- Ice Year',
      '  - by pond_keeper',
      '  - Ch. 1',
      `    - ${iceScene('first')}`,
      `    - ${iceScene('second')}`,
      '  - Ch. 2',
      `    - ${iceScene('third')}`,
      `    - ${iceScene('fourth')}`,
    ].join('\n');
    const work = await importWork([file('ice.txt', outline)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(creatorName(work), 'pond_keeper');
    assert.equal(work.chapters.length, 2);
    assert.deepEqual(storyParagraphs(work), ['first', 'second', 'third', 'fourth'].map(iceScene));
  });

  it('joins the lines of a story hard-wrapped at 65 columns whose many short lines of speech end early, not a sentence its writer ended with room to spare', async () => {
    const wrapped = [
      'The vortex spat them out onto a street that looked exactly like',
      'their own street, down to the dent in the mailbox on the corner.',
      '',
      '"Everybody okay?" Quinn asked.',
      '',
      '"Fine."',
      '',
      'Rembrandt landed on his back. Wade landed on Rembrandt. The',
      'Professor landed on his feet, brushed off his coat, and said',
      'that he had never been so insulted by a wormhole in all his life.',
      '',
      '"Where are we?"',
      '',
      '"Home. Or near it."',
      '',
      '"Near?"',
      '',
      '"Near enough."',
      '',
      '"How near?"',
      '',
      '"Forty hours near."',
      '',
      '"Great."',
      '',
      '"Coffee?"',
      '',
      '"Always."',
      '',
      '"Pie?"',
      '',
      '"Never."',
      '',
      '"Fair."',
      '',
      'They walked to the diner because that was what they always did',
      'when a world looked too much like their own, and ordered coffee.',
      '',
      '"Same sign," Wade said. "Same smell. Same cracked red booth."',
      '',
      'Wade ordered for everybody, since Quinn could not seem to speak,',
      'and the Professor read the menu aloud as if it were a lecture on',
      'the decline of the American breakfast, which in a way it was.',
      '',
      'Rembrandt ate two doughnuts and then a third one, slowly, and he',
      'watched the door the whole time, because in his experience the',
      'worlds that looked the friendliest were the ones that bit hardest.',
      '',
      'The note on the fridge said: Back at six. Do not wait up.',
      'Love, Mom',
      '',
      'The man behind the counter was Quinn, an older Quinn with grey',
      'in his hair and flour on his hands, and he did not know them.',
    ].join('\n');
    const paragraphs = storyParagraphs(await importWork([file('slide.txt', wrapped)]));
    assert.equal(
      paragraphs[0],
      'The vortex spat them out onto a street that looked exactly like their own street, down to the dent in the mailbox on the corner.',
    );
    assert.ok(paragraphs.filter((p) => p.includes('\n')).length === 1);
    assert.ok(paragraphs.includes('The note on the fridge said: Back at six. Do not wait up.\nLove, Mom'));
  });

  it('reads days of the week alone on their lines ("Monday", "Friday night", "Saturday 6 April 1974") as the chapters they head', async () => {
    const text = [
      'Ice Year',
      '',
      '(fic for frozen_days on dreamfic, prompt was "a day without Kit")',
      'by thin_ice_writer',
      '',
      'Monday',
      '',
      iceScene('first'),
      iceScene('second'),
      '',
      'Friday night',
      iceScene('third'),
      iceScene('fourth'),
      '',
      'Saturday 6 April 1974',
      iceScene('fifth'),
      iceScene('sixth'),
    ].join('\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Monday', 'Friday night', 'Saturday 6 April 1974'],
    );
    assert.equal(creatorName(work), 'thin_ice_writer');
    assert.equal(work.notes.beginning, '(fic for frozen_days on dreamfic, prompt was "a day without Kit")');
    assert.ok(chapterParagraphs(work, 1)[0].startsWith(iceScene('third')));
  });

  it('keeps a lone "Sunday" in the middle of a one-part story as its text', async () => {
    const text = ['Ice Year', 'by thin_ice_writer', '', iceScene('first'), '', 'Sunday', '', iceScene('second')].join(
      '\n',
    );
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.chapters.length, 1);
    assert.ok(storyParagraphs(work).includes('Sunday'));
  });

  it('reads an OmniOutliner text export with a column: the cells ("done") and the column names are no part of the story', async () => {
    const text = [
      'Ice fic - The Long Winter\tStatus',
      '\tAuthor: thin_ice_writer\t',
      '\t1. The Pond\tdone',
      `\t\t${iceScene('first')}`,
      `\t\t${iceScene('second')}`,
      '\t2. The River\tdone',
      `\t\t${iceScene('third')}`,
      `\t\t${iceScene('fourth')}`,
    ].join('\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.title, 'The Long Winter');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Pond', 'The River'],
    );
    assert.equal(chapterParagraphs(work, 1).at(-1), iceScene('fourth'));
  });
});
