/**
 * The "plain" family of the import accuracy benchmark: stories in the shapes a writer's own text
 * files have (issue 18), clean or lightly damaged. A title line, then a byline (`by X`, `By: X`,
 * `Author: X`, `written by X`) or none, or a header block as FFN/AO3 exporters and writers make
 * them (`Title:`, `Author:`, `Rating:`, `Fandom:`, `Pairing:`, `Summary:`, `Disclaimer:`);
 * opening notes (`A/N:`, `AN:`, `Author's note:`, `(A/N: …)`, `Disclaimer: I don't own …`) on
 * their own line or running into the story's first sentence; end notes on their own line or run
 * into the last line; very short stories where the note is most of the text; notes between
 * chapters (the chapter's end note); notes that name the characters; and first-person story
 * openings and endings that look like notes ("Thanks," she said. / You won't believe this,
 * reader …) which are story. The prose is the v2 set's (`realisticProse`), so the same generated
 * source as the rest of the benchmark. Every story is made from its seed: the same bytes on every run.
 */
import iconv from 'iconv-lite';
import { seededRandom } from '../../test/support/story-generator.ts';
import {
  AUTHORS,
  CASTS,
  CHAPTER_TITLES,
  OBJECTS,
  PLACES,
  PRONOUN,
  realisticProse,
  smartQuotes,
  tools,
  type Damage,
  type LabelledStory,
  type Random,
  type TruthChapter,
} from './labelled-stories.ts';

/** The shapes a plain story was made in, for the per-shape table and the worst-failures list. */
export type PlainShape =
  | 'byline'
  | 'byline-decorated'
  | 'title-byline-one-line'
  | 'title-styled'
  | 'no-byline'
  | 'header-block'
  | 'opening-note'
  | 'opening-note-run-in'
  | 'paren-note'
  | 'disclaimer'
  | 'character-note'
  | 'end-note'
  | 'end-note-run-in'
  | 'short'
  | 'chapters'
  | 'mid-note'
  | 'mid-note-run-in'
  | 'lookalike-opening'
  | 'lookalike-ending'
  | 'clean';

export interface PlainStory extends LabelledStory {
  family: 'plain';
  shapes: PlainShape[];
  /** Header block fields that are neither title, byline, summary nor disclaimer (Rating, Fandom, Pairing). */
  fields: { label: string; value: string }[];
  /** Story sentences written to look like notes: they must stay in the story. */
  lookalikes: string[];
  /** The file's text before encoding, for the worst-failures list. */
  text: string;
}

const PLAIN_TITLES = [
  'My Story',
  'The Letter',
  'Snow',
  'Remember Me',
  'Stay',
  'After the War',
  'Lost and Found',
  'Second Chances',
  'Home',
  'The Last Summer',
  'Just One More Day',
  'Falling',
];
const WRITERS = ['marisol', 'kitkat_writes', 'Dreamer101', 'rosie.p', 'the_lonely_pen', 'Amelia Hart', ...AUTHORS];
const BYLINES = [
  (a: string) => `by ${a}`,
  (a: string) => `By ${a}`,
  (a: string) => `By: ${a}`,
  (a: string) => `Author: ${a}`,
  (a: string) => `written by ${a}`,
  (a: string) => `Written by: ${a}`,
  (a: string) => `by: ${a}`,
];
/** Bylines as writers dress them up. */
const DECORATED_BYLINES = [
  (a: string) => `~by ${a}~`,
  (a: string) => `by ${a}.`,
  (a: string) => `- by ${a} -`,
  (a: string) => `Story by ${a}`,
  (a: string) => `BY ${a.toUpperCase()}`,
  (a: string) => `by ${a} (${a} on tumblr)`,
];
/** A title and byline on one line. */
const ONE_LINE = [
  (t: string, a: string) => `${t} by ${a}`,
  (t: string, a: string) => `${t} - by ${a}`,
  (t: string, a: string) => `${t}, by ${a}`,
];
/** Titles as writers type them: lower case, capitals, a last mark, quotes. */
const TITLE_STYLES = [
  (t: string) => t.toLowerCase(),
  (t: string) => t.toUpperCase(),
  (t: string) => `${t}!`,
  (t: string) => `${t}?`,
  (t: string) => `${t}...`,
  (t: string) => `"${t}"`,
  (t: string) => `${t}.`,
  (t: string) => `~${t}~`,
];
const RATINGS = ['T', 'K+', 'M', 'Teen And Up Audiences', 'General Audiences', 'PG-13'];

const objective = (he: string) => (he === 'she' ? 'her' : 'him');

/** Sentences of first-person narration, the ones a story told by "I" is made of. */
const FIRST_PERSON = [
  'I closed the door behind me and waited.',
  'I had not slept properly since Tuesday.',
  '{B} was already in {P} when I came down.',
  'The letter was still in my pocket, folded small.',
  'I read it twice before I understood what it meant.',
  'My hands would not stop shaking.',
  'I remember the smell of rain on the stones.',
  'Nobody had ever asked me that before.',
  'I wanted to say something, anything, but the words would not come.',
  'By the time I reached {P}, it was already dark.',
  '{B} looked at me as if I were a stranger.',
  'I set {O} down on the table and sat beside it.',
];
/** First-person openings that read like a note to a reader, and are story. */
const LOOKALIKE_OPENINGS = [
  '"Thanks," {B} said, not looking up from the map.',
  "You won't believe this, reader, but I was the one who found the key.",
  'I have to thank {B} for what happened next, though I never told {him}.',
  "Please don't ask me why I went back to the old house that night.",
  "I don't own much: a coat, a lantern, and the letter {B} wrote me.",
  '"Sorry," I said, but nobody was listening.',
  '"Review the facts," {B} always told me, "before you decide anything."',
  'Thank you, I wanted to tell {B}, but I said nothing at all.',
];
const LOOKALIKE_ENDINGS = [
  '"Thanks for everything," {B} said, and I watched {him} go.',
  'I hope you understand now, reader, why I never went back.',
  'That was the last time I saw {B}, and I still think about {him} every winter.',
  '"See you next time," {B} said, and this time I believed {him}.',
];

/** An author's note opening the story, as sentences (the label on the first). */
function openingNoteSentences(
  random: Random,
  names: string[],
  fandom: string,
): { sentences: string[]; named: boolean } {
  const { pick, chance, between } = tools(random);
  const [a, b] = names;
  const beta = pick(WRITERS);
  const pool = [
    `Thanks to my beta, ${beta}!`,
    'Thanks to my beta!',
    'Please review.',
    'This is my first fic, so please be nice.',
    `This is my first ${fandom} fic.`,
    'Sorry for any mistakes, English is not my first language.',
    'I wrote this at two in the morning, so be kind.',
    'Reviews are love!',
    "It's been a while since I posted anything.",
    'Constructive criticism is welcome.',
    'Enjoy!',
  ];
  const about = [
    `I love writing ${a} and ${b} so much.`,
    `${a} is my favourite character, so this one is for ${objective(PRONOUN[a] ?? 'he')}.`,
    `This is for everyone who wanted more ${a} and ${b} fluff.`,
    `I always thought ${b} deserved better, so here we are.`,
  ];
  const named = chance(0.35);
  const sentences = [...new Set(Array.from({ length: between(1, 3) }, () => pick(pool)))];
  if (named) sentences.splice(between(0, sentences.length), 0, pick(about));
  return { sentences, named };
}

function endNoteSentences(random: Random, names: string[], last: boolean): string[] {
  const { pick, chance } = tools(random);
  const [a, b] = names;
  const pool = last
    ? [
        'Please review!',
        'Thanks for reading!',
        'Let me know what you think!',
        'Should I write a sequel?',
        `I might write more ${a} and ${b} later.`,
        'Sorry it was so short.',
        'Reviews make my day.',
      ]
    : [
        'Please review!',
        'Next chapter soon, I promise.',
        'The next chapter should be up on Friday.',
        `Do you think ${a} will forgive ${b}? Tell me in the reviews!`,
        'Thanks for reading!',
        'Sorry for the cliffhanger!',
      ];
  const first = pick(pool);
  return chance(0.45) ? [first, pick(pool.filter((s) => s !== first))] : [first];
}

/** A label and its sentences written as one note: "A/N: …", "(A/N: …)", or none. */
function labelled(random: Random, sentences: string[], end: boolean): { text: string; paren: boolean } {
  const { pick } = tools(random);
  const label = end
    ? pick(['A/N: ', 'AN: ', "Author's note: ", '', '', ''])
    : pick(['A/N: ', 'AN: ', "Author's note: ", "Author's Note: ", 'A/N ', '(A/N: ', '']);
  if (label === '(A/N: ') return { text: `(A/N: ${sentences.join(' ')})`, paren: true };
  return { text: `${label}${sentences.join(' ')}`, paren: false };
}

export function generatePlainStory(id: number): PlainStory {
  const random = seededRandom(0x9a17 + id * 104729);
  const { pick, chance, between } = tools(random);
  const cast = pick(CASTS);
  const names = [...cast.names].sort(() => random() - 0.5).slice(0, between(2, 4));
  const prose = realisticProse(random, names);
  const shapes: PlainShape[] = [];
  const fields: PlainStory['fields'] = [];
  const lookalikes: string[] = [];
  const fill = (template: string) => {
    const b = names[1];
    return template
      .replace(/\{B\}/g, b)
      .replace(/\{him\}/g, objective(PRONOUN[b] ?? 'he'))
      .replace(/\{P\}/g, pick(PLACES))
      .replace(/\{O\}/g, pick(OBJECTS));
  };
  const firstPerson = (n: number) => [...new Set(Array.from({ length: n }, () => fill(pick(FIRST_PERSON))))].join(' ');

  const title = pick([...PLAIN_TITLES, `${names[0]}'s Birthday`, `${names[0]} and ${names[1]}`]);
  const author = chance(0.75) ? pick(WRITERS) : null;
  const truth: LabelledStory['truth'] = { title, author, notesBefore: [], chapters: [], notesAfter: [] };

  // The top of the file: title and byline lines, or a header block.
  const top: string[] = [];
  const header = chance(0.3);
  if (header) {
    shapes.push('header-block');
    const block: string[] = [`Title: ${title}`];
    if (author) block.push(`Author: ${author}`);
    const rest: string[] = [];
    const rating = pick(RATINGS);
    fields.push({ label: 'Rating', value: rating });
    rest.push(`Rating: ${rating}`);
    if (chance(0.7)) {
      fields.push({ label: 'Fandom', value: cast.fandom });
      rest.push(`Fandom: ${cast.fandom}`);
    }
    if (chance(0.5)) {
      const pairing = `${names[0]}/${names[1]}`;
      fields.push({ label: 'Pairing', value: pairing });
      rest.push(`Pairing: ${pairing}`);
    }
    block.push(...rest.sort(() => random() - 0.5));
    if (chance(0.6)) {
      const summary = `Summary: ${pick([
        `${names[0]} finds a letter that changes everything.`,
        `After the war, ${names[0]} and ${names[1]} try to start again. One-shot.`,
        `A quiet night, a long talk, and a secret ${names[1]} has kept for years.`,
      ])}`;
      block.push(summary);
      truth.notesBefore.push(summary);
    }
    if (chance(0.4)) {
      const disclaimer = `Disclaimer: I don't own ${cast.fandom}.`;
      block.push(disclaimer);
      truth.notesBefore.push(disclaimer);
      shapes.push('disclaimer');
    }
    top.push(block.join(chance(0.3) ? '\n\n' : '\n'));
  } else {
    let titleLine = title;
    if (chance(0.3)) {
      titleLine = pick(TITLE_STYLES)(title);
      shapes.push('title-styled');
    }
    if (author && chance(0.15)) {
      shapes.push('title-byline-one-line');
      top.push(pick(ONE_LINE)(titleLine, author));
    } else {
      top.push(titleLine);
      if (author) {
        shapes.push('byline');
        if (chance(0.25)) {
          shapes.push('byline-decorated');
          top.push(pick(DECORATED_BYLINES)(author));
        } else top.push(pick(BYLINES)(author));
      } else shapes.push('no-byline');
      // Title and byline on adjacent lines, as most writers type them, or apart.
      if (top.length === 2 && chance(0.6)) top.splice(0, 2, `${top[0]}\n${top[1]}`);
    }
  }

  // Opening notes: a disclaimer on its own and/or an author's note.
  const openings: string[] = [];
  if (!header && chance(0.3)) {
    const disclaimer = pick([
      `Disclaimer: I don't own ${cast.fandom}, ${cast.owner} does.`,
      `Disclaimer: I don't own ${cast.fandom} or any of the characters.`,
      `I don't own ${cast.fandom}. All rights go to ${cast.owner}.`,
    ]);
    openings.push(disclaimer);
    shapes.push('disclaimer');
  }
  if (chance(0.8)) {
    const { sentences, named } = openingNoteSentences(random, names, cast.fandom);
    const note = labelled(random, sentences, false);
    openings.push(note.text);
    shapes.push('opening-note');
    if (note.paren) shapes.push('paren-note');
    if (named) shapes.push('character-note');
  }
  truth.notesBefore.push(...openings);

  // The story: very short (the note is most of the text), one chapter, or a few with headings.
  const short = chance(0.25);
  const chapterCount = short ? 1 : chance(0.3) ? between(2, 3) : 1;
  if (short) shapes.push('short');
  if (chapterCount > 1) shapes.push('chapters');
  const lookOpening = chance(0.25);
  const lookEnding = chance(0.15);
  if (lookOpening) shapes.push('lookalike-opening');
  if (lookEnding) shapes.push('lookalike-ending');
  const chapterTitles = [...CHAPTER_TITLES].sort(() => random() - 0.5);
  for (let c = 0; c < chapterCount; c++) {
    const paragraphs = prose(short ? between(1, 3) : between(5, 12));
    if (lookOpening && c === 0) {
      // A story told in the first person, opening on a line that talks like a note.
      const line = fill(pick(LOOKALIKE_OPENINGS));
      lookalikes.push(line);
      paragraphs[0] = `${line} ${firstPerson(between(1, 3))}`;
      for (let i = 2; i < paragraphs.length; i += 3) paragraphs[i] = firstPerson(between(2, 4));
    }
    if (lookEnding && c === chapterCount - 1) {
      const line = fill(pick(LOOKALIKE_ENDINGS));
      lookalikes.push(line);
      paragraphs.push(`${firstPerson(between(1, 2))} ${line}`);
    }
    let heading: string | null = null;
    let chapterTitle: string | null = null;
    if (chapterCount > 1) {
      const named = chance(0.5);
      chapterTitle = named ? chapterTitles[c] : null;
      heading = named
        ? pick([`Chapter ${c + 1}: ${chapterTitle}`, `Chapter ${c + 1} - ${chapterTitle}`])
        : pick([`Chapter ${c + 1}`, `Part ${c + 1}`, `Ch ${c + 1}`]);
    }
    const chapter: TruthChapter = { title: chapterTitle, heading, notesBefore: [], paragraphs, notesAfter: [] };
    const last = c === chapterCount - 1;
    if (last ? chance(0.75) : chance(0.7)) {
      const note = labelled(random, endNoteSentences(random, names, last), true).text;
      if (last) {
        if (chapterCount > 1 && chance(0.5)) chapter.notesAfter.push(note);
        else truth.notesAfter.push(note);
        shapes.push('end-note');
      } else {
        chapter.notesAfter.push(note);
        shapes.push('mid-note');
      }
    }
    truth.chapters.push(chapter);
  }

  // Lay the file out: blocks separated by blank lines; notes on their own line or run in.
  const blocks: string[] = [...top];
  const runInOpening = openings.length > 0 && chance(0.5);
  const runInEnd = chance(0.45);
  truth.chapters.forEach((chapter, c) => {
    if (chapter.heading) blocks.push(chapter.heading);
    const story = [...chapter.paragraphs] as string[];
    if (c === 0) {
      if (runInOpening) {
        // The last opening note runs into the story's first sentence on the same line.
        blocks.push(...openings.slice(0, -1));
        story[0] = `${openings[openings.length - 1]} ${story[0]}`;
        shapes.push('opening-note-run-in');
      } else blocks.push(...openings);
    }
    const after = c === truth.chapters.length - 1 ? [...chapter.notesAfter, ...truth.notesAfter] : chapter.notesAfter;
    if (after.length > 0 && runInEnd) {
      story[story.length - 1] = `${story[story.length - 1]} ${after[0]}`;
      shapes.push(c === truth.chapters.length - 1 ? 'end-note-run-in' : 'mid-note-run-in');
      blocks.push(...story, ...after.slice(1));
    } else blocks.push(...story, ...after);
  });
  const uniqueShapes = [...new Set(shapes)];

  // Light damage, as a writer's own file has it; half the files are clean.
  const damage: Damage[] = [];
  if (chance(0.5)) {
    if (chance(0.25)) damage.push('lost-blank-lines');
    else if (chance(0.2)) damage.push('indented');
    if (chance(0.3)) damage.push('smart-quotes');
    if (chance(0.2)) damage.push('trailing-spaces');
    if (chance(0.35)) damage.push('crlf');
    const enc = random();
    if (enc < 0.15) damage.push('windows-1252');
    else if (enc < 0.25) damage.push('utf-16le');
    else if (enc < 0.45) damage.push('utf8-bom');
    if (chance(0.15)) damage.push('leading-blank-lines');
  }
  if (damage.length === 0) uniqueShapes.push('clean');
  let text = blocks.join(damage.includes('lost-blank-lines') ? '\n' : '\n\n');
  if (damage.includes('indented')) text = text.replace(/(^|\n\n)(?=\S)/g, '$1\t');
  if (damage.includes('trailing-spaces')) text = text.replace(/\n/g, () => `${' '.repeat(between(1, 3))}\n`);
  if (damage.includes('smart-quotes')) text = smartQuotes(text);
  if (damage.includes('leading-blank-lines')) text = `\n\n${text}`;
  text += '\n';
  if (damage.includes('crlf')) text = text.replace(/\n/g, '\r\n');
  const bytes = damage.includes('utf-16le')
    ? new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')])
    : damage.includes('windows-1252')
      ? new Uint8Array(iconv.encode(text, 'windows-1252'))
      : new TextEncoder().encode(damage.includes('utf8-bom') ? `\ufeff${text}` : text);
  return {
    id,
    name: `plain-${String(id).padStart(3, '0')}.txt`,
    bytes,
    damage,
    truth,
    family: 'plain',
    shapes: uniqueShapes,
    fields,
    lookalikes,
    text,
  };
}

/** The plain family: stories 1…count, the same bytes on every run. */
export function plainSet(count = 80): PlainStory[] {
  return Array.from({ length: count }, (_, i) => generatePlainStory(i + 1));
}
