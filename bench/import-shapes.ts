/**
 * The shapes writers give a text file's parts, one small story each (issue 18): how many the importer reads
 * right. Four lists: chapter headings (each of three chapters headed so), the title and byline at the top,
 * a note over the story (on its own line or run into the first sentence), and a chapter's closing line.
 * Each shape is imported on its own; a line says which shapes are read wrong. Not a held-out set: these are
 * the shapes Quire was checked against (a zoo), to show which of the issue's shapes hold and which do not.
 * Run: node --import tsx bench/import-shapes.ts [--list headings|tops|openings|closings] [--all]
 */
import { parseArgs } from 'node:util';
import { importWork, type ImportedWork } from '../src/text/import/index.ts';

const { values } = parseArgs({ options: { list: { type: 'string' }, all: { type: 'boolean', default: false } } });

const SENTENCES = [
  'The lighthouse had been dark for a week when Mara climbed the stairs with a lamp in one hand and the letter in the other.',
  'Nobody in the village would say why the light had gone out, and nobody would look at her when she asked.',
  'At the top she found the great lens wrapped in a blanket, as if somebody had wanted to keep it warm through the winter.',
  'She unwrapped it slowly and looked out at the water, where the fishing boats were coming home in a line.',
  'Out on the water a boat turned toward the rocks, and she struck the match before she could think about it.',
  'The light went round, and the boat turned away, and Mara sat down on the cold floor and laughed until she cried.',
];
/** A chapter of about 110 words: two of the sentences above, then all six as one paragraph. */
const chapter = (n: number) => `${SENTENCES[2 * n - 2]}\n\n${SENTENCES[2 * n - 1]}\n\n${SENTENCES.join(' ')}`;
const NAMES = ['The Stairs', 'The Lens', 'The Match'];
const WORDS = ['One', 'Two', 'Three'];
const ROMAN = ['I', 'II', 'III'];

type Check = (work: ImportedWork) => boolean;
interface Shape {
  name: string;
  text: string;
  right: Check;
}

const story = (work: ImportedWork) =>
  work.chapters.flatMap((c) => c.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])));
const creator = (work: ImportedWork) =>
  work.preview.pieces.find((p) => p.part === 'metadata' && p.field === 'author')?.text.trim() ?? null;

/** Chapter headings: three chapters, each headed so; right when there are three and their titles are the names (or none). */
const HEADINGS: [string, (n: number) => string, boolean][] = [
  ['Chapter 1 - The Stairs', (n) => `Chapter ${n} - ${NAMES[n - 1]}`, true],
  ['Chapter One: The Stairs', (n) => `Chapter ${WORDS[n - 1]}: ${NAMES[n - 1]}`, true],
  ['CHAPTER ONE', (n) => `CHAPTER ${WORDS[n - 1].toUpperCase()}`, false],
  ['Ch. 1', (n) => `Ch. ${n}`, false],
  ['Ch 1: The Stairs', (n) => `Ch ${n}: ${NAMES[n - 1]}`, true],
  ['Ch.1', (n) => `Ch.${n}`, false],
  ['Chap. 1', (n) => `Chap. ${n}`, false],
  ['chapter 1', (n) => `chapter ${n}`, false],
  ['Chapter 1.', (n) => `Chapter ${n}.`, false],
  ['Chapter #1', (n) => `Chapter #${n}`, false],
  ['Part One', (n) => `Part ${WORDS[n - 1]}`, false],
  ['Pt. 1', (n) => `Pt. ${n}`, false],
  ['Part I: The Stairs', (n) => `Part ${ROMAN[n - 1]}: ${NAMES[n - 1]}`, true],
  ['Book One', (n) => `Book ${WORDS[n - 1]}`, false],
  ['Act I', (n) => `Act ${ROMAN[n - 1]}`, false],
  ['First Chapter', (n) => `${['First', 'Second', 'Third'][n - 1]} Chapter`, false],
  ['~ Chapter One: The Stairs ~', (n) => `~ Chapter ${WORDS[n - 1]}: ${NAMES[n - 1]} ~`, true],
  ['== Chapter 1 ==', (n) => `== Chapter ${n} ==`, false],
  ['[Chapter 1]', (n) => `[Chapter ${n}]`, false],
  ['-- Chapter 1 --', (n) => `-- Chapter ${n} --`, false],
  ['*Chapter 1*', (n) => `*Chapter ${n}*`, false],
  ['**Chapter 1**', (n) => `**Chapter ${n}**`, false],
  ['xXx Chapter 1 xXx', (n) => `xXx Chapter ${n} xXx`, false],
  ['oOo Chapter 1 oOo', (n) => `oOo Chapter ${n} oOo`, false],
  ['Chapter 1 — The Stairs', (n) => `Chapter ${n} — ${NAMES[n - 1]}`, true],
  ['Chapter 1 ~ The Stairs', (n) => `Chapter ${n} ~ ${NAMES[n - 1]}`, true],
  ['Chapter 1 | The Stairs', (n) => `Chapter ${n} | ${NAMES[n - 1]}`, true],
  ['Chapter 1: "The Stairs"', (n) => `Chapter ${n}: "${NAMES[n - 1]}"`, true],
  ['Chapter 1 (The Stairs)', (n) => `Chapter ${n} (${NAMES[n - 1]})`, true],
  ['Chapter 1, then "The Stairs" on the next line', (n) => `Chapter ${n}\n${NAMES[n - 1]}`, true],
  ['Chapter 1, a rule of dashes under it', (n) => `Chapter ${n}\n-----------`, false],
  ['Part 1 of 3', (n) => `Part ${n} of 3`, false],
  ['Part 1/3', (n) => `Part ${n}/3`, false],
  ['[1/3]', (n) => `[${n}/3]`, false],
  ['(1/3)', (n) => `(${n}/3)`, false],
  ['I. The Stairs', (n) => `${ROMAN[n - 1]}. ${NAMES[n - 1]}`, true],
  ['1.', (n) => `${n}.`, false],
  ['1', (n) => `${n}`, false],
  ['One', (n) => WORDS[n - 1], false],
  ['#1', (n) => `#${n}`, false],
  ['Episode 1', (n) => `Episode ${n}`, false],
  ['Day 1', (n) => `Day ${n}`, false],
];

const headings: Shape[] = HEADINGS.map(([name, head, titled]) => ({
  name,
  text: `The Keeper's Lamp\nby lamp_oil\n\n${[1, 2, 3].map((n) => `${head(n)}\n\n${chapter(n)}`).join('\n\n')}\n`,
  right: (work) =>
    work.chapters.length === 3 &&
    work.chapters.every((c, i) => {
      const title = (c.title ?? '').replace(/^"|"$/g, '');
      return titled ? title === NAMES[i] : title === '' || /\d|One|Two|Three|I/.test(title);
    }),
}));

const TOPS: [string, string, string][] = [
  ['Title: / Author: lines', "Title: The Keeper's Lamp\nAuthor: lamp_oil", 'lamp_oil'],
  ['"Title" by name', '"The Keeper\'s Lamp" by lamp_oil', 'lamp_oil'],
  ['Title by name', "The Keeper's Lamp by lamp_oil", 'lamp_oil'],
  ['Title / by name', "The Keeper's Lamp\nby lamp_oil", 'lamp_oil'],
  ['Title / By: name', "The Keeper's Lamp\nBy: lamp_oil", 'lamp_oil'],
  ['Title / written by name', "The Keeper's Lamp\nwritten by lamp_oil", 'lamp_oil'],
  ['Title - a … fanfic by name', "The Keeper's Lamp - a Lighthouse fanfic by lamp_oil", 'lamp_oil'],
  ['Title (… fanfic) / by name', "The Keeper's Lamp (Lighthouse fanfic)\nby lamp_oil", 'lamp_oil'],
  ['~Title~ / by name', "~The Keeper's Lamp~\nby lamp_oil", 'lamp_oil'],
  ['*Title* / by name', "*The Keeper's Lamp*\nby lamp_oil", 'lamp_oil'],
  ['TITLE / by name', "THE KEEPER'S LAMP\nby lamp_oil", 'lamp_oil'],
  ['Title / ===== / by name', "The Keeper's Lamp\n=================\nby lamp_oil", 'lamp_oil'],
  ['Title, by name', "The Keeper's Lamp, by lamp_oil", 'lamp_oil'],
  ['Title — name', "The Keeper's Lamp — lamp_oil", 'lamp_oil'],
  [
    'Title / Author: / Rating: / Summary:',
    "The Keeper's Lamp\nAuthor: lamp_oil\nRating: G\nSummary: Mara relights the lamp.",
    'lamp_oil',
  ],
  ['Fandom: / Title: / Author:', "Fandom: Lighthouse\nTitle: The Keeper's Lamp\nAuthor: lamp_oil", 'lamp_oil'],
  ['Title / name', "The Keeper's Lamp\nlamp_oil", 'lamp_oil'],
  ['Title, a blank line, name', "The Keeper's Lamp\n\nlamp_oil", 'lamp_oil'],
  ['Title [G] / by name', "The Keeper's Lamp [G]\nby lamp_oil", 'lamp_oil'],
  ['Title (1/1) / by name', "The Keeper's Lamp (1/1)\nby lamp_oil", 'lamp_oil'],
  ['[FIC] Title / by name', "[FIC] The Keeper's Lamp\nby lamp_oil", 'lamp_oil'],
  ['FIC: Title (G) / by name', "FIC: The Keeper's Lamp (G)\nby lamp_oil", 'lamp_oil'],
  ['Title / A story by name', "The Keeper's Lamp\nA story by lamp_oil", 'lamp_oil'],
  ['Title / ~ name ~', "The Keeper's Lamp\n~ lamp_oil ~", 'lamp_oil'],
  ['Title / by name (aside)', "The Keeper's Lamp\nby lamp_oil (lampoil on tumblr)", 'lamp_oil'],
  ['Title / by Two Words', "The Keeper's Lamp\nby Lamp Oil", 'Lamp Oil'],
  ['Title / by name.with.dot', "The Keeper's Lamp\nby lamp.oil", 'lamp.oil'],
  ['Title / by @name', "The Keeper's Lamp\nby @lamp_oil", '@lamp_oil'],
];

const tops: Shape[] = TOPS.map(([name, top, by]) => ({
  name,
  text: `${top}\n\n${chapter(1)}\n`,
  right: (work) =>
    /^the keeper's lamp$/i.test(work.title ?? '') && creator(work) === by && story(work)[0] === SENTENCES[0],
}));

const OPENINGS: [string, boolean][] = [
  ['A/N: This is for my sister. Thank you everyone.', true],
  ["Author's note: first fic, be gentle!", true],
  ['Disclaimer: I own nothing. A/N: Set after season 2.', true],
  ["I don't own anything. Enjoy!", true],
  ["So this idea wouldn't leave me alone. Hope you like it!", true],
  ['Hi guys! Sorry it took so long.', true],
  ["Un-beta'd, all mistakes are mine.", true],
  ['Thanks to everyone who reviewed the last chapter!', true],
  ['Dedicated to my beta, who is a saint.', false],
  ['Warning: major character death.', false],
  ['Summary: Mara relights the lamp.', false],
  ['(Written for the Lighthouse Exchange 2019.)', false],
  ['Inspired by a prompt on tumblr. Enjoy!', false],
  ['for lamp_keeper, happy birthday!!', false],
  ['Rated T for language.', false],
  ['Takes place after the events of chapter 12.', false],
];

/** A note over the story, run into its first sentence (true) or on a line of its own: right when the story starts with its first sentence and holds no word of the note. */
const openings: Shape[] = OPENINGS.map(([note, runOn]) => ({
  name: `${runOn ? 'run into the story: ' : 'own line: '}${note}`,
  text: `The Keeper's Lamp\nby lamp_oil\n\n${runOn ? `${note} ${chapter(1)}` : `${note}\n\n${chapter(1)}`}\n`,
  right: (work) => {
    const text = story(work);
    return text[0] === SENTENCES[0] && !text.join(' ').includes(note.slice(0, 16));
  },
}));

const CLOSINGS = [
  'A/N: Thanks for reading! Next chapter should be up by Friday.',
  'AN: sorry this one is short, the next will be longer',
  "(A/N: I know, I know. Cliffhanger. Please don't kill me.)",
  "Author's Note: This chapter fought me every step of the way.",
  '~AN~ Reviews make me write faster!',
  'Please review!',
  'R&R please!! :)',
  'TBC...',
  'To be continued...',
  'Thanks for reading, guys! Let me know what you think.',
  'Next chapter: Mara finds the keeper.',
  'Up next: the storm.',
  'Hope you enjoyed! Comments and kudos are love <3',
  'Sorry for the wait, life got in the way. Chapter 3 is halfway done.',
  'Read and review, and I will update soon!',
  'Shout out to my beta, lightkeeper_42, who fixed all my commas.',
  "*hides* Don't hate me!",
  'Stay tuned for more!',
  'Until next time!',
  'Let me know if I should continue this!',
  'Should I write a sequel? Leave a comment!',
  'End of Chapter 1',
  '-end chapter-',
];

/** A line closing the first of two chapters: right when the chapter's story ends on its last sentence and the line is in no story. */
const closings: Shape[] = CLOSINGS.map((line) => ({
  name: line,
  text: `The Keeper's Lamp\nby lamp_oil\n\nChapter 1\n\n${chapter(1)}\n\n${line}\n\nChapter 2\n\n${chapter(2)}\n`,
  right: (work) =>
    work.chapters.length === 2 &&
    !story(work).some((p) => p.includes(line.slice(0, 12))) &&
    (work.chapters[0].blocks.at(-1) as { text?: string } | undefined)?.text?.endsWith(SENTENCES[5]) === true,
}));

const LISTS: Record<string, Shape[]> = { headings, tops, openings, closings };

for (const [list, shapes] of Object.entries(LISTS)) {
  if (values.list && values.list !== list) continue;
  const wrong: string[] = [];
  for (const shape of shapes) {
    const work = await importWork([{ name: 'story.txt', bytes: new TextEncoder().encode(shape.text) }]);
    if (!shape.right(work)) wrong.push(shape.name);
    else if (values.all) console.log(`  ${list}: right  ${shape.name}`);
  }
  console.log(`${list.padEnd(9)} ${shapes.length - wrong.length}/${shapes.length} right`);
  for (const name of wrong) console.log(`  wrong: ${name}`);
}
