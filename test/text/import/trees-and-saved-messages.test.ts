import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { importWork } from '../../../src/text/import/index.ts';
import { judgeSentence } from '../../../src/text/import/note-sentences.ts';
import { chapterParagraphs, creatorName, storyParagraphs, textFile as file, iceScene } from '../../support/imports.ts';

const scenes = (...ns: string[]) => ns.map((n) => iceScene(n));

/** Tree outliners' text exports and messages saved from a mail program, as writers keep and send their stories. */
describe('tree exports and saved messages', () => {
  it('reads a tree indented by tabs (TreeLine): numbered rows the chapters without their numbers, "after" the end note', async () => {
    const tree = [
      'Ice Year',
      '\tby: pond_keeper',
      '\tsummary: Two girls and a frozen pond, one winter.',
      '\tstory',
      '\t1 The Pond',
      ...scenes('first', 'second').map((s) => `\t\t${s}`),
      '\t2 The River',
      ...scenes('third', 'fourth').map((s) => `\t\t${s}`),
      '\t3 The Thaw',
      ...scenes('fifth', 'sixth').map((s) => `\t\t${s}`),
      '\tafter',
      '\t\tI know the river bit is short but I like it. More ice stories soon, maybe.',
    ].join('\n');
    const work = await importWork([file('ice.txt', tree)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(creatorName(work), 'pond_keeper');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Pond', 'The River', 'The Thaw'],
    );
    assert.deepEqual(chapterParagraphs(work, 2), scenes('fifth', 'sixth'));
    assert.equal(
      (work.notes.end ?? work.chapters[2].notes.end ?? '').replace(/\s+/g, ' '),
      'I know the river bit is short but I like it. More ice stories soon, maybe.',
    );
  });

  it('keeps a story whose paragraphs open with a tab, and a story part named "after", as story', async () => {
    const indented = [
      'Ice Year',
      ...scenes('first', 'second', 'third', 'fourth', 'fifth', 'sixth').map((s) => `\t${s}`),
    ];
    const work = await importWork([file('ice.txt', indented.join('\n'))]);
    assert.equal(work.chapters.length, 1);
    assert.equal(storyParagraphs(work).length, 6);
    // The last row names no notes when the story goes on under it.
    const tree = [
      'Ice Year',
      '\t1 The Pond',
      ...scenes('first', 'second').map((s) => `\t\t${s}`),
      '\t2 The River',
      ...scenes('third', 'fourth').map((s) => `\t\t${s}`),
      '\tafter',
      ...scenes('fifth', 'sixth').map((s) => `\t\t${s}`),
    ].join('\n');
    const read = await importWork([file('ice.txt', tree)]);
    assert.equal(read.chapters.length, 3);
    assert.deepEqual(chapterParagraphs(read, 2), scenes('fifth', 'sixth'));
    // A tab between columns is a table's, not a tree's indent.
    const table = ['Ice Year', '\t1 The Pond\tdone', ...scenes('first', 'second').map((s) => `\t\t${s}`)];
    const columns = await importWork([file('ice.txt', table.join('\n'))]);
    assert.ok(storyParagraphs(columns).includes(iceScene('first')));
  });

  it('keeps the number of a heading that does not count up from one ("24 Hours", "7 Minutes")', async () => {
    const text = ['# 24 Hours', '', iceScene('first'), '', '# 7 Minutes', '', iceScene('second')].join('\n');
    const work = await importWork([file('ice.md', text)]);
    assert.ok(work.chapters.every((c) => c.title === null || /^\d/.test(c.title)));
  });

  it('reads a tree exported with "Node:" lines (KeyNote NF): the first node the title, the others chapters', async () => {
    const rule = '-------------------------------------';
    const text = [
      'KeyNote NF - "fic drafts.knt"',
      '=====================================',
      'Node: Ice Year',
      'by pond_keeper',
      '',
      'Rating: G. Characters: Kit, Ren.',
      'Notes: I wrote this for my sister, who skates.',
      '',
      rule,
      'Node: 1. The Pond',
      rule,
      ...scenes('first', 'second'),
      rule,
      'Node: 2. The River',
      rule,
      ...scenes('third', 'fourth'),
      rule,
      'Node: afterword',
      rule,
      'Thank you for reading! I have a spring one half finished, so keep an eye out.',
    ].join('\r\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(creatorName(work), 'pond_keeper');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['The Pond', 'The River'],
    );
    // Its paragraphs a line each, with no blank lines between them.
    assert.equal(chapterParagraphs(work, 1).join(' ').replace(/\s+/g, ' '), scenes('third', 'fourth').join(' '));
    assert.equal(
      work.notes.end ?? work.chapters[1].notes.end,
      'Thank you for reading! I have a spring one half finished, so keep an eye out.',
    );
    // One "Node:" line in a story is the story's.
    const once = ['Ice Year', '', iceScene('first'), '', 'Node: the server room', '', iceScene('second')].join('\n');
    const read = await importWork([file('ice.txt', once)]);
    assert.ok(storyParagraphs(read).some((p) => p.includes('Node: the server room')));
  });

  it('reads a message saved without its headers (Becky!): greeting, note, title and byline, a second part under "— ii —", the signature', async () => {
    const text = [
      'Hello Pond League,',
      '',
      'Here is the little piece I promised at the weekend. Thank you Anne for the title!',
      '',
      '“Ice Year”',
      'by Thin Ice',
      '',
      '(Kit/Ren, PG)',
      '',
      ...scenes('first', 'second', 'third').flatMap((s) => [s, '']),
      '— ii —',
      '',
      ...scenes('fourth', 'fifth', 'sixth').flatMap((s) => [s, '']),
      '~ fin ~',
      '',
      'Let me know if the ending works, I keep going back and forth on it.',
      '',
      '--',
      'Best regards,',
      ' Thin Ice                          mailto:thin.ice@example.co.uk',
    ].join('\r\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(creatorName(work), 'Thin Ice');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      [null, null],
    );
    assert.deepEqual(chapterParagraphs(work, 0), scenes('first', 'second', 'third'));
    assert.deepEqual(chapterParagraphs(work, 1), scenes('fourth', 'fifth', 'sixth'));
    assert.match(work.notes.beginning ?? '', /^Here is the little piece/);
    const end = work.notes.end ?? work.chapters[1].notes.end ?? '';
    assert.match(end, /^Let me know if the ending works/);
    assert.doesNotMatch(end, /Best regards|mailto/);
  });

  it('keeps a story that opens by greeting someone, and a lone "~ 2 ~" under a few lines, as story', async () => {
    const letter = ['Hello Mister Frost,', '', ...scenes('first', 'second', 'third')].join('\n\n');
    const work = await importWork([file('ice.txt', letter)]);
    assert.equal(storyParagraphs(work)[0], 'Hello Mister Frost,');
    const short = ['Ice Year', '', 'Kit was cold.', '', '~ 2 ~', '', ...scenes('first', 'second')].join('\n');
    const read = await importWork([file('ice.txt', short)]);
    assert.equal(read.chapters.length, 1);
  });

  it('reads what a list asked for, and thanks for reading the draft over, as the writer’s', () => {
    assert.equal(judgeSentence('Thanks to D. for reading it twice.', false).score, 2);
    assert.equal(judgeSentence('Somebody in the Heaney thread said nobody ever writes about the dog.', false).score, 2);
    assert.equal(judgeSentence('Someone on the list asked for more Kit.', false).score, 2);
    // The story's crowd and thanks are not.
    assert.equal(judgeSentence('Someone in the crowd said nobody ever skates there.', false).score, 0);
    assert.equal(judgeSentence('Thanks to Ren for pulling her out, Kit was only cold.', false).score, 0);
  });

  it('reads an AO3 copy’s header down to "Work Text:", its pointer to the end notes no line of story', async () => {
    const text = [
      'Skip header Log In Site Navigation Fandoms Browse Search About Entire Work Comments (12) Share Download Rating: General Audiences Fandom: Winter Tales',
      'Ice Year',
      'pond_keeper',
      'Summary:',
      'Kit falls through the ice, again and again. Ren pulls her out every time, and never says a word about it.',
      'Notes:',
      'For Juno, who picked the prompt. Thanks to @hollowpine for reading it over.',
      '(See the end of the work for more notes.)',
      'Work Text:',
      ...scenes('first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'),
    ].join('\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(storyParagraphs(work)[0], iceScene('first'));
    assert.match(work.notes.beginning ?? '', /Thanks to @hollowpine for reading it over\./);
  });

  it('takes the fandom a byline names over the title for a folder, not the title (TreePad)', async () => {
    const text = [
      'Winter Tales',
      '\tIce Year',
      '\t\tIce Year',
      '\t\ta Winter Tales story by pond_keeper',
      '\t\tOne',
      ...scenes('first', 'second').map((s) => `\t\t${s}`),
      '\t\tTwo',
      ...scenes('third', 'fourth').map((s) => `\t\t${s}`),
    ].join('\r\n');
    const work = await importWork([file('ice.txt', text)]);
    assert.equal(work.title, 'Ice Year');
    assert.equal(creatorName(work), 'pond_keeper');
    // A title that is no fandom of the byline stays the title.
    const plain = ['Winter Tales', 'a story by pond_keeper', '', ...scenes('first', 'second')].join('\n');
    assert.equal((await importWork([file('ice.txt', plain)])).title, 'Winter Tales');
  });

  it('leaves the fandom and what it is out of a first heading’s title ("Monte Cristo fic - The Last Three Moves")', async () => {
    const text = ['# Ice Year fic - The Pond', '', ...scenes('first', 'second')].join('\n');
    assert.equal((await importWork([file('ice.md', text)])).title, 'The Pond');
    const own = ['# My Life as a Fanfic: Part Two', '', ...scenes('first', 'second')].join('\n');
    assert.equal((await importWork([file('ice.md', own)])).title, 'My Life as a Fanfic: Part Two');
  });
});
