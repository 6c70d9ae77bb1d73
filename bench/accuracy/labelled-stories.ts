/**
 * A labelled set of damaged fan fiction files for the import accuracy benchmark. Each story is
 * generated from a seed: prose with dialogue between several speakers, the front and end matter
 * writers really add (author's notes, disclaimers, thanks to betas, review requests, update
 * notes, site names), chapter headings in the shapes writers use, scene breaks, and then one or
 * more kinds of damage (collapsed lines, lost blank lines, notes run into the story, smart
 * quotes, CRLF, UTF-16, Windows-1252, mojibake, mixed encodings, HTML saved from a browser or
 * from FanFiction.Net- and AO3-like pages). The ground truth — which words are story, which are
 * notes, where paragraphs start, the chapters and their titles — is kept alongside.
 */
import iconv from 'iconv-lite';
import { seededRandom } from '../../test/support/story-generator.ts';

export type Damage =
  | 'collapsed'
  | 'lost-blank-lines'
  | 'notes-run-in'
  | 'smart-quotes'
  | 'crlf'
  | 'utf-16le'
  | 'utf-16be'
  | 'windows-1252'
  | 'mojibake'
  | 'mixed-encodings'
  | 'html-browser'
  | 'html-ffn'
  | 'html-ao3-page'
  // The plain family (plain-stories.ts): paragraphs indented with a tab, spaces left at line ends,
  // a UTF-8 byte order mark (Notepad), blank lines above the title.
  | 'indented'
  | 'trailing-spaces'
  | 'utf8-bom'
  | 'leading-blank-lines';

export interface TruthChapter {
  /** The chapter's title as a reader sees it, without "Chapter 2:"; null when the heading names none. */
  title: string | null;
  /** The heading line as written, or null for a work with one unheaded chapter. */
  heading: string | null;
  notesBefore: string[];
  /** Story paragraphs in order; null marks a scene break. */
  paragraphs: (string | null)[];
  notesAfter: string[];
}

export interface LabelledStory {
  id: number;
  name: string;
  bytes: Uint8Array;
  damage: Damage[];
  truth: {
    title: string;
    author: string | null;
    /** Front matter that is not the title or byline: notes, disclaimers, thanks. */
    notesBefore: string[];
    chapters: TruthChapter[];
    notesAfter: string[];
  };
}

export type Random = () => number;

export function tools(random: Random) {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  return { pick, chance, between };
}

export const CASTS = [
  { fandom: 'Harry Potter', owner: 'J.K. Rowling', names: ['Harry', 'Hermione', 'Ron', 'Ginny', 'Neville', 'Luna'] },
  { fandom: 'Naruto', owner: 'Masashi Kishimoto', names: ['Naruto', 'Sakura', 'Sasuke', 'Kakashi', 'Hinata'] },
  { fandom: 'Supernatural', owner: 'Eric Kripke', names: ['Dean', 'Sam', 'Castiel', 'Bobby', 'Charlie'] },
  { fandom: 'Pride and Prejudice', owner: 'Jane Austen', names: ['Elizabeth', 'Darcy', 'Jane', 'Bingley', 'Lydia'] },
  { fandom: 'Sherlock', owner: 'the BBC', names: ['Sherlock', 'John', 'Molly', 'Lestrade', 'Mycroft'] },
  { fandom: 'Avatar', owner: 'Nickelodeon', names: ['Katara', 'Zuko', 'Aang', 'Sokka', 'Toph'] },
];
export const PRONOUN: Record<string, string> = {
  Hermione: 'she',
  Ginny: 'she',
  Luna: 'she',
  Sakura: 'she',
  Hinata: 'she',
  Charlie: 'she',
  Elizabeth: 'she',
  Jane: 'she',
  Lydia: 'she',
  Molly: 'she',
  Katara: 'she',
  Toph: 'she',
};
export const PLACES = [
  'the kitchen',
  'the library',
  'the station',
  'the old house',
  'the garden',
  'the corridor',
  'the river bank',
  'the market',
  'the tower',
  'the empty classroom',
  'the café',
  'the naïve clerk’s office',
];
export const OBJECTS = [
  'the letter',
  'a cup of tea',
  'the map',
  'an old photograph',
  'the key',
  'a lantern',
  'the book',
];
const NARRATION = [
  '{A} walked into {P} and stopped at the window.',
  'The rain had not stopped since morning, and {P} smelled of wet stone.',
  '{A} turned {O} over in {his} hands without a word.',
  'It was nearly midnight when {A} finally found {B} in {P}.',
  'For a long moment neither of them moved.',
  '{A} had never liked {P}, not since the winter {he} had spent there.',
  'Somewhere below, a door slammed and footsteps hurried away.',
  '{B} watched {A} with an expression that was hard to read.',
  'The fire had burned down to a few red coals.',
  '{A} thought about the last time {he} had seen {B} smile like that.',
  'Outside, the wind pulled at the shutters and rattled the glass.',
  'There was nothing left to do but wait.',
  '{A} set {O} down on the table, carefully, as if it might break.',
  'By the time they reached {P}, the sky had turned the colour of ash.',
  '{B} laughed, and the sound seemed to surprise everyone, {B} most of all.',
  'Nobody had told {A} that it would be this hard.',
  'The clock on the wall ticked on, indifferent.',
  '{A} pulled {his} coat tighter and kept walking.',
  'Later, {A} would remember this as the moment everything changed.',
  'The letter was short, only three lines, and {A} read it twice.',
  '{A} closed {his} eyes and counted to ten.',
  'A cat watched them from the top of the wall.',
  'The road curved away into the trees and disappeared.',
  '{B} was already waiting at {P}, arms folded.',
  'It took {A} a while to understand what {he} was looking at.',
  'Morning came grey and cold over {P}.',
  'Neither of them mentioned what had happened the night before.',
  '{A} could hear {B} breathing in the dark.',
  'The kettle began to whistle, and {A} got up to take it off the stove.',
  'Every step seemed louder than the last.',
];
const SPEECH = [
  'Where have you been all day?',
  'I told you not to come here.',
  'We need to talk about what happened.',
  'You could have said something.',
  'It is not what you think.',
  'Are you coming or not?',
  'I am sorry. I really am.',
  'Give me that.',
  'How long have you known?',
  'Nobody else can know about this.',
  'Do you trust me?',
  'Then we go tonight.',
  'That is the worst idea you have ever had.',
  'I missed you, you know.',
  'Stop. Just stop, please.',
  'You are late again.',
  'What do you want me to say?',
  'It was never about the money.',
  'Wait. Did you hear that?',
  'Well, that went better than expected.',
];
const TAGS = ['said', 'asked', 'whispered', 'muttered', 'replied', 'snapped', 'called'];
export const CHAPTER_TITLES = [
  'The Long Winter',
  'Homecoming',
  'What the River Knew',
  'Glass and Ashes',
  'A Letter from Home',
  'The Night Train',
  'Small Mercies',
  'Old Wounds',
  'Salt and Iron',
  'Into the Dark',
  'Morning After',
  'The Last Door',
];
const WORK_TITLES = [
  'Where the Light Falls',
  'Paper Boats',
  'The Quiet Year',
  'Ashes of Tomorrow',
  'A Thousand Small Things',
  'Under the Same Sky',
  'Come What May',
  'Ghosts of the Old House',
];
export const AUTHORS = [
  'moonlit_quill',
  'SilverFox92',
  'inkandember',
  'Lady Rowan',
  'tea_and_tragedy',
  'NightOwlWrites',
];
const NUMBER_WORDS = ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
const BREAKS = ['oOo', 'xXx', '~~~', '-o-o-', '* * *', '***', '~*~', '==========', '----------', '#####', 'OoOoOoO'];

/**
 * Sentences of narration by role, the way prose is built: a paragraph is about one character (its
 * sentences have that character as subject) or the setting; a new paragraph of narration opens at a
 * shift in time or place, or on another character.
 */
const ABOUT = [
  '{A} walked into {P} and stopped at the window.',
  '{A} turned {O} over in {his} hands without a word.',
  '{A} had never liked {P}, not since the winter {he} had spent there.',
  '{A} thought about the last time {he} had seen {B} smile like that.',
  '{A} set {O} down on the table, carefully, as if it might break.',
  '{A} pulled {his} coat tighter and kept walking.',
  '{A} closed {his} eyes and counted to ten.',
  '{A} could hear {B} breathing in the dark.',
  '{A} watched {B} with an expression that was hard to read.',
  '{A} laughed, and the sound seemed to surprise everyone, {A} most of all.',
  '{A} read the letter twice, though it was only three lines long.',
  '{A} got up to take the kettle off the stove.',
  '{A} was already waiting at {P}, arms folded.',
  '{A} looked away first.',
  '{A} shrugged and reached for {O}.',
];
const SETTING = [
  'The rain had not stopped since morning, and {P} smelled of wet stone.',
  'For a long moment neither of them moved.',
  'Somewhere below, a door slammed and footsteps hurried away.',
  'The fire had burned down to a few red coals.',
  'There was nothing left to do but wait.',
  'Nobody had told {A} that it would be this hard.',
  'The clock on the wall ticked on, indifferent.',
  'A cat watched them from the top of the wall.',
  'The road curved away into the trees and disappeared.',
  'Neither of them mentioned what had happened the night before.',
  'Every step seemed louder than the last.',
  'It took {A} a while to understand what {he} was looking at.',
  'Later, {A} would remember this as the moment everything changed.',
];
const TURNS = [
  'It was nearly midnight when {A} finally found {B} in {P}.',
  'By the time they reached {P}, the sky had turned the colour of ash.',
  'Morning came grey and cold over {P}.',
  'The next morning, {A} went back to {P} alone.',
  'Two days later, a letter came for {A}.',
  'That night, {A} could not sleep.',
  'Outside, the wind pulled at the shutters and rattled the glass.',
  'When {A} woke, the house was quiet.',
  'Hours passed before anyone spoke again.',
];
/** Lines that ask and lines that answer or go on. */
const QUESTIONS = SPEECH.filter((line) => line.endsWith('?'));
const STATEMENTS = SPEECH.filter((line) => !line.endsWith('?'));

/**
 * Prose as writers set it out (version 2 of the set): dialogue gives each speaker a paragraph,
 * with the speaker's own action beats in it, and the same speaker may go on after the tag
 * (`"…," Harry said. "…"`); a reply is left untagged only where a reader can tell who speaks
 * (after a question, or in a running two-person exchange of bare lines) — save now and then,
 * as real writers also do; narration paragraphs are about one character or the setting and a
 * new one opens at a shift in time or place or on another character — save now and then
 * (a break no rule could see, as real prose has too).
 */
export function realisticProse(random: Random, names: string[]) {
  const { pick, chance, between } = tools(random);
  const fill = (template: string, a: string, b: string) => {
    const he = PRONOUN[a] ?? 'he';
    return template
      .replace(/\{A\}/g, a)
      .replace(/\{B\}/g, b)
      .replace(/\{P\}/g, pick(PLACES))
      .replace(/\{O\}/g, pick(OBJECTS))
      .replace(/\{he\}/g, he)
      .replace(/\{his\}/g, he === 'she' ? 'her' : 'his');
  };
  const other = (who: string) => pick(names.filter((n) => n !== who));
  const about = (who: string) => fill(pick(ABOUT), who, other(who));
  const tagged = (line: string, who: string) => {
    const tag = pick(
      line.endsWith('?') ? ['asked', 'whispered', 'called', 'snapped'] : TAGS.filter((t) => t !== 'asked'),
    );
    const shape = between(0, 9);
    if (line.endsWith('?') || line.endsWith('!'))
      return shape < 7 ? `"${line}" ${who} ${tag}.` : `"${line}" ${tag} ${who}.`;
    const spoken = line.replace(/\.$/, ',');
    // Now and then a full stop where the comma belongs, as writers type it.
    if (shape === 9) return `"${line}" ${who} ${tag}.`;
    return shape < 6 ? `"${spoken}" ${who} ${tag}.` : `"${spoken}" ${tag} ${who}.`;
  };
  return (count: number): string[] => {
    const out: string[] = [];
    /** The character the last paragraph was about (or who spoke in it), and how it ended. */
    let focal = '';
    let last: 'narration' | 'bare' | 'question' | 'tagged' | 'beat' | 'none' = 'none';
    const narrationParagraph = () => {
      const who = pick(names);
      const sentences: string[] = [];
      // A new stretch of narration opens on a shift or another character (now and then on neither).
      const opening = random();
      if (opening < 0.45 || who === focal) sentences.push(fill(pick(TURNS), who, other(who)));
      else if (opening < 0.9) sentences.push(about(who));
      else sentences.push(fill(pick(SETTING), who, other(who)));
      for (let i = 0, n = between(1, 4); i < n; i++) {
        const next = chance(0.6) ? about(who) : fill(pick(SETTING), who, other(who));
        if (!sentences.includes(next)) sentences.push(next);
      }
      out.push(sentences.join(' '));
      focal = who;
      last = 'narration';
    };
    const exchange = () => {
      const first = pick(names.filter((n) => n !== focal || names.length === 1));
      const speakers = [first, other(first)];
      for (let i = 0, n = between(2, 6); i < n && out.length < count; i++) {
        const who = speakers[i % 2];
        const question = chance(0.4);
        const line = pick(question ? QUESTIONS : STATEMENTS);
        // Who speaks is plain without a tag after a question, or between bare lines of two people.
        const clear = i > 0 && (last === 'question' || last === 'bare');
        const bare = (clear && chance(0.7)) || chance(0.06);
        const parts: string[] = [];
        const beatBefore = !bare && chance(0.2);
        if (beatBefore) parts.push(about(who));
        parts.push(bare || beatBefore ? `"${line}"` : tagged(line, who));
        let ending: typeof last = bare ? (question ? 'question' : 'bare') : question ? 'question' : 'tagged';
        // The same speaker goes on after the tag (less often after a question, which mostly waits
        // for an answer); an untagged line is never followed by another of the same speaker.
        if (!bare && !beatBefore && chance(question ? 0.12 : 0.25)) {
          parts.push(`"${pick(STATEMENTS)}"`);
          ending = 'bare';
        } else if (chance(0.3)) {
          parts.push(about(who));
          ending = 'beat';
        }
        out.push(parts.join(' '));
        last = ending;
        focal = who;
      }
    };
    const speakerParagraph = () => {
      const others = names.filter((n) => n !== focal);
      const speaker = pick(others.length > 0 ? others : names);
      const sentences = [...new Set(Array.from({ length: between(1, 3) }, () => about(speaker)))];
      sentences.push(chance(0.5) ? tagged(pick(SPEECH), speaker) : `"${pick(SPEECH)}"`);
      out.push(sentences.join(' '));
      focal = speaker;
      last = 'beat';
    };
    while (out.length < count) {
      const kind = random();
      if (kind < 0.35) narrationParagraph();
      else if (kind < 0.8) exchange();
      else speakerParagraph();
    }
    return out;
  };
}

/** Version 1 of the set: narration of sentences drawn at random, any narration as an action beat. */
function randomProse(random: Random, names: string[]) {
  const { pick, chance, between } = tools(random);
  const fill = (template: string, a: string, b: string) => {
    const he = PRONOUN[a] ?? 'he';
    return template
      .replace(/\{A\}/g, a)
      .replace(/\{B\}/g, b)
      .replace(/\{P\}/g, pick(PLACES))
      .replace(/\{O\}/g, pick(OBJECTS))
      .replace(/\{he\}/g, he)
      .replace(/\{his\}/g, he === 'she' ? 'her' : 'his');
  };
  const narration = (a: string, b: string, n: number) =>
    Array.from({ length: n }, () => fill(pick(NARRATION), a, b))
      .join(' ')
      .replace(/^(\p{Ll})/u, (c) => c.toUpperCase());
  const quote = (line: string, who: string) => {
    const tag = pick(TAGS);
    const spoken = line.replace(/[.]$/, ',');
    const shape = between(0, 3);
    if (shape === 0 || /[?!]$/.test(line) === false) {
      if (shape === 0) return `"${line}"`;
      if (shape === 1) return `"${spoken}" ${who} ${tag}.`;
      if (shape === 2) return `"${spoken}" ${tag} ${who}.`;
    }
    return `"${line}" ${who} ${tag === 'said' ? 'asked' : tag}.`;
  };
  /** A story's paragraphs: narration, a speaker's line (with an action or not), exchanges of dialogue. */
  return (count: number): string[] => {
    const out: string[] = [];
    let lastSpeaker = '';
    while (out.length < count) {
      const a = pick(names);
      const b = pick(names.filter((n) => n !== a));
      const kind = random();
      if (kind < 0.4) out.push(narration(a, b, between(2, 6)));
      else if (kind < 0.75) {
        // An exchange: alternate speakers, one paragraph each.
        const speakers = [a, b];
        for (let i = 0, n = between(2, 5); i < n && out.length < count; i++) {
          const who = speakers[i % 2];
          let text = quote(pick(SPEECH), who);
          if (chance(0.35)) text += ` ${narration(who, speakers[(i + 1) % 2], 1)}`;
          if (chance(0.2)) text = `${narration(who, speakers[(i + 1) % 2], 1)} ${text}`;
          out.push(text);
          lastSpeaker = who;
        }
      } else {
        const who = a === lastSpeaker ? b : a;
        out.push(`${narration(who, a === who ? b : a, between(1, 3))} ${quote(pick(SPEECH), who)}`);
        lastSpeaker = who;
      }
    }
    return out;
  };
}

function frontNotes(random: Random, fandom: string, owner: string, chapterNo: number | null): string[] {
  const { pick, chance } = tools(random);
  const notes: string[] = [];
  const site = pick(['FFN', 'AO3', 'Wattpad', 'Tumblr', 'LiveJournal']);
  if (chance(0.7))
    notes.push(
      pick([
        `Disclaimer: I don't own ${fandom}. It belongs to ${owner}.`,
        `I do not own ${fandom}, sadly. No profit is being made from this story.`,
        `Disclaimer: All characters belong to ${owner}. I'm just playing in the sandbox.`,
        `${fandom} is not mine. If it were, things would have ended very differently.`,
      ]),
    );
  if (chance(0.8)) {
    const parts: string[] = [];
    parts.push(
      pick([
        chapterNo && chapterNo > 1
          ? `Thank you so much for all the reviews on the last chapter!`
          : `Hi everyone! This is my first fic in this fandom, so please be gentle.`,
        `Sorry this took so long, real life got in the way.`,
        `Thanks to my amazing beta, ${pick(AUTHORS)}, for fixing all my commas.`,
        `This was originally posted on ${site}, but I'm moving my stories here.`,
        `I wrote this for a prompt on ${site}.`,
        `Wow, over a hundred follows! You guys are the best.`,
      ]),
    );
    if (chance(0.6))
      parts.push(
        pick([
          `I hope you enjoy it.`,
          `Enjoy!`,
          `On with the story!`,
          `Anyway, here's the next chapter.`,
          `Let me know what you think.`,
          `Warning: major character death in later chapters.`,
        ]),
      );
    notes.push(`${chance(0.6) ? pick(['A/N: ', "Author's Note: ", 'AN: ', 'Note: ']) : ''}${parts.join(' ')}`);
  }
  return notes;
}

function endNotes(random: Random, last: boolean): string[] {
  const { pick, chance } = tools(random);
  if (!chance(0.75)) return [];
  const lines = [
    'Please review!',
    'Thanks for reading! Please let me know what you think.',
    'Reviews make me write faster, just saying.',
    last ? 'That is the end! Thank you all for sticking with me.' : 'The next chapter should be up on Friday.',
    last ? 'Thank you for reading this story to the end.' : 'Next update will be in two weeks, sorry!',
    'Sorry for the cliffhanger! I promise the next one is longer.',
    'Favorite and follow if you want more!',
    'Until next time!',
    'As always, thank you to everyone who reviewed.',
  ];
  const note = [pick(lines)];
  if (chance(0.4)) note.push(pick(lines.filter((l) => l !== note[0])));
  return [`${chance(0.4) ? pick(['A/N: ', 'AN: ']) : ''}${note.join(' ')}`];
}

function headingFor(random: Random, n: number, title: string | null): { heading: string; title: string | null } {
  const { pick } = tools(random);
  const shapes: [string, boolean][] = [
    [`Chapter ${n}: ${title}`, true],
    [`Chapter ${n} - ${title}`, true],
    [`~ Chapter ${NUMBER_WORDS[n - 1]}: ${title} ~`, true],
    [`CHAPTER ${NUMBER_WORDS[n - 1].toUpperCase()}`, false],
    [`Ch. ${n}`, false],
    [`Part ${NUMBER_WORDS[n - 1]}`, false],
    [`Chapter ${ROMAN[n - 1]}. ${title}`, true],
    [`Chapter ${n}`, false],
  ];
  const [heading, titled] = pick(shapes);
  return { heading, title: titled ? title : null };
}

/** The plain-text layout of a story, as blocks of lines with their gaps, before damage. */
interface Line {
  text: string;
  role: 'title' | 'byline' | 'note' | 'heading' | 'heading-title' | 'separator' | 'story' | 'break';
  chapter: number;
}

export function generateLabelledStory(id: number, version: 1 | 2 = 2): LabelledStory {
  const random = seededRandom(0x51ed + id * 7919);
  const { pick, chance, between } = tools(random);
  const cast = pick(CASTS);
  const names = cast.names.slice(0, between(2, cast.names.length));
  const paragraphs = version === 1 ? randomProse(random, names) : realisticProse(random, names);
  const chapterCount = chance(0.35) ? 1 : between(2, 6);
  const title = pick(WORK_TITLES);
  const author = chance(0.6) ? pick(AUTHORS) : null;
  const truth: LabelledStory['truth'] = {
    title,
    author,
    notesBefore: frontNotes(random, cast.fandom, cast.owner, null),
    chapters: [],
    notesAfter: [],
  };
  const titles = [...CHAPTER_TITLES].sort(() => random() - 0.5);
  for (let c = 0; c < chapterCount; c++) {
    const named = chapterCount > 1 ? headingFor(random, c + 1, titles[c]) : null;
    const titleOnNextLine = named !== null && named.title === null && chance(0.25);
    const body = paragraphs(between(8, 22));
    const withBreaks: (string | null)[] = [];
    body.forEach((p, i) => {
      if (i > 2 && i < body.length - 2 && chance(0.07)) withBreaks.push(null);
      withBreaks.push(p);
    });
    truth.chapters.push({
      title: named ? (titleOnNextLine ? titles[c] : named.title) : null,
      heading: named ? named.heading + (titleOnNextLine ? `\n${titles[c]}` : '') : null,
      notesBefore:
        c > 0 ? frontNotes(random, cast.fandom, cast.owner, c + 1).filter((n) => !/^Disclaimer/.test(n)) : [],
      paragraphs: withBreaks,
      notesAfter: chapterCount > 1 ? endNotes(random, c === chapterCount - 1) : [],
    });
  }
  if (chapterCount === 1) truth.notesAfter = endNotes(random, true);

  const damage: Damage[] = [];
  const form = random();
  const html = form < 0.1 ? 'html-browser' : form < 0.2 ? 'html-ffn' : form < 0.27 ? 'html-ao3-page' : null;
  if (html) damage.push(html);
  else {
    const layout = random();
    if (layout < 0.4) damage.push('collapsed');
    else if (layout < 0.6) damage.push('lost-blank-lines');
    if (!damage.includes('collapsed') && chance(0.4)) damage.push('notes-run-in');
  }
  if (chance(0.4)) damage.push('smart-quotes');
  if (!html) {
    if (chance(0.3)) damage.push('crlf');
    const enc = random();
    if (enc < 0.1) damage.push('utf-16le');
    else if (enc < 0.17) damage.push('utf-16be');
    else if (enc < 0.3) damage.push('windows-1252');
    else if (enc < 0.45) damage.push('mojibake');
    else if (enc < 0.52) damage.push('mixed-encodings');
  } else if (chance(0.3)) damage.push('mojibake');

  const quoteStyle = (text: string) => (damage.includes('smart-quotes') ? smartQuotes(text) : text);
  const lines = layoutLines(random, truth, damage.includes('notes-run-in'));
  let text: string;
  if (html === 'html-browser') text = browserHtml(random, lines, quoteStyle);
  else if (html === 'html-ffn') text = ffnHtml(truth, lines, quoteStyle);
  else if (html === 'html-ao3-page') text = ao3Page(truth, quoteStyle);
  else text = quoteStyle(plainText(random, lines, damage));
  if (damage.includes('crlf')) text = text.replace(/\n/g, '\r\n');
  // The truth holds the words as written: smart quotes change punctuation only.
  return {
    id,
    name: `labelled-${String(id).padStart(3, '0')}.${html ? 'html' : 'txt'}`,
    bytes: encodeWithDamage(text, damage, random),
    damage,
    truth,
  };
}

function layoutLines(random: Random, truth: LabelledStory['truth'], runIn: boolean): Line[] {
  const { pick, chance } = tools(random);
  const lines: Line[] = [];
  lines.push({ text: chance(0.3) ? `Title: ${truth.title}` : truth.title, role: 'title', chapter: -1 });
  if (truth.author)
    lines.push({
      text: pick([`by ${truth.author}`, `By ${truth.author}`, `written by ${truth.author}`]),
      role: 'byline',
      chapter: -1,
    });
  for (const note of truth.notesBefore) lines.push({ text: note, role: 'note', chapter: -1 });
  if (chance(0.4)) lines.push({ text: pick(BREAKS), role: 'separator', chapter: -1 });
  truth.chapters.forEach((chapter, c) => {
    if (chapter.heading) {
      for (const [i, text] of chapter.heading.split('\n').entries())
        lines.push({ text, role: i === 0 ? 'heading' : 'heading-title', chapter: c });
      if (chance(0.2)) lines.push({ text: pick(['-----', '~~~~~~', '=====', '*~*~*']), role: 'separator', chapter: c });
    }
    for (const note of chapter.notesBefore) lines.push({ text: note, role: 'note', chapter: c });
    if (chapter.notesBefore.length > 0 && chance(0.4))
      lines.push({ text: pick(BREAKS), role: 'separator', chapter: c });
    const storyStart = lines.length;
    for (const p of chapter.paragraphs)
      lines.push(
        p === null ? { text: pick(BREAKS), role: 'break', chapter: c } : { text: p, role: 'story', chapter: c },
      );
    const notes = c === truth.chapters.length - 1 ? [...chapter.notesAfter, ...truth.notesAfter] : chapter.notesAfter;
    if (notes.length > 0 && chance(0.4)) lines.push({ text: pick(BREAKS), role: 'separator', chapter: c });
    for (const note of notes) lines.push({ text: note, role: 'note', chapter: c });
    if (runIn) {
      // The last note before the story runs into its first line; the first end note into its last.
      const before = lines[storyStart - 1];
      if (before?.role === 'note' && lines[storyStart].role === 'story') {
        lines[storyStart] = { ...lines[storyStart], text: `${before.text} ${lines[storyStart].text}` };
        lines.splice(storyStart - 1, 1);
      }
      const last = lines.length - 1;
      if (lines[last].role === 'note' && lines[last - 1]?.role === 'story' && chance(0.6)) {
        lines[last - 1] = { ...lines[last - 1], text: `${lines[last - 1].text} ${lines[last].text}` };
        lines.pop();
      }
    }
  });
  return lines;
}

function plainText(random: Random, lines: Line[], damage: Damage[]): string {
  const { chance } = tools(random);
  if (damage.includes('lost-blank-lines')) return lines.map((l) => l.text).join('\n');
  if (damage.includes('collapsed')) {
    // Each chapter's notes and story run together on one line; headings (mostly) keep theirs.
    const out: string[] = [];
    let run: string[] = [];
    const flush = () => {
      if (run.length) out.push(run.join(' '));
      run = [];
    };
    for (const line of lines) {
      if (line.role === 'title' || line.role === 'byline' || line.role === 'heading' || line.role === 'heading-title') {
        flush();
        out.push(line.text);
      } else run.push(line.text);
    }
    flush();
    return out.join(chance(0.5) ? '\n\n' : '\n');
  }
  // Blank lines between paragraphs; notes set apart by an extra blank line now and then.
  return lines
    .map((l, i) => (i > 0 && l.role === 'note' && lines[i - 1].role !== 'note' && chance(0.3) ? `\n${l.text}` : l.text))
    .join('\n\n');
}

export function smartQuotes(text: string): string {
  return text
    .replace(/(^|[\s([{—-])"/g, '$1“')
    .replace(/"/g, '”')
    .replace(/(^|[\s([{—-])'/g, '$1‘')
    .replace(/'/g, '’');
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function browserHtml(random: Random, lines: Line[], quoteStyle: (t: string) => string): string {
  const { chance } = tools(random);
  const brStyle = chance(0.4);
  const body = brStyle
    ? `<div class="post">${lines.map((l) => escape(quoteStyle(l.text))).join('<br><br>\n')}</div>`
    : lines
        .map((l) =>
          l.role === 'heading' || l.role === 'title'
            ? `<p><b>${escape(quoteStyle(l.text))}</b></p>`
            : `<p>${escape(quoteStyle(l.text)).replace(/^/, chance(0.2) ? '&nbsp;&nbsp;' : '')}</p>`,
        )
        .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Story</title></head><body>\n${body}\n</body></html>`;
}

function ffnHtml(truth: LabelledStory['truth'], lines: Line[], quoteStyle: (t: string) => string): string {
  const story = lines.filter((l) => l.role !== 'title' && l.role !== 'byline');
  const paras = story.map((l) => `<p>${escape(quoteStyle(l.text))}</p>`).join('');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(truth.title)} | FanFiction</title></head><body>
<div id="top"><a href="/">FanFiction</a> | unleash your imagination</div>
<div id="profile_top"><b class="xcontrast_txt">${escape(truth.title)}</b><br>By: <a href="/u/1/">${escape(truth.author ?? 'anonymous')}</a><br><span class="xgray">Rated: Fiction T - English - Drama - Words: 12,000 - Reviews: 40</span></div>
<div id="storytextp" class="storytextp"><div class="storytext xcontrast_txt nocopy" id="storytext">${paras}</div></div>
<div id="review"><textarea placeholder="Type your review for this chapter here"></textarea></div>
</body></html>`;
}

function ao3Page(truth: LabelledStory['truth'], quoteStyle: (t: string) => string): string {
  const p = (texts: string[]) => texts.map((t) => `<p>${escape(quoteStyle(t))}</p>`).join('\n');
  const chapters = truth.chapters
    .map((c, i) => {
      const heading = c.heading
        ? `<div class="chapter preface group"><h3 class="title"><a href="#">Chapter ${i + 1}</a>${c.title ? `: ${escape(c.title)}` : ''}</h3>${c.notesBefore.length ? `<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff">${p(c.notesBefore)}</blockquote></div>` : ''}</div>`
        : '';
      const body = c.paragraphs.map((x) => (x === null ? '<p>* * *</p>' : p([x]))).join('\n');
      const end = c.notesAfter.length
        ? `<div class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff">${p(c.notesAfter)}</blockquote></div>`
        : '';
      return `<div class="chapter" id="chapter-${i + 1}">${heading}<div class="userstuff module" role="article"><h3 class="landmark heading">Chapter Text</h3>\n${body}\n</div>${end}</div>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${escape(truth.title)} - Chapter 1 - ${escape(truth.author ?? 'orphan_account')} - Archive of Our Own</title></head><body>
<header id="header"><h1 class="heading"><a href="/">Archive of Our Own</a></h1><nav><ul><li><a href="/works">Fandoms</a></li></ul></nav></header>
<div id="main" class="works-show region" role="main"><div id="workskin">
<div class="preface group"><h2 class="title heading">${escape(truth.title)}</h2><h3 class="byline heading"><a rel="author" href="#">${escape(truth.author ?? 'orphan_account')}</a></h3>
${truth.notesBefore.length ? `<div class="notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff">${p(truth.notesBefore)}</blockquote></div>` : ''}</div>
<div id="chapters" role="article">${chapters}</div>
${truth.notesAfter.length ? `<div class="afterword preface group"><div id="work_endnotes" class="end notes module"><h3 class="heading">Notes:</h3><blockquote class="userstuff">${p(truth.notesAfter)}</blockquote></div></div>` : ''}
</div></div><div id="footer"><p>Kudos: 120</p></div></body></html>`;
}

function misread(text: string): string {
  return iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252');
}

function encodeWithDamage(text: string, damage: Damage[], random: Random): Uint8Array {
  if (damage.includes('utf-16le')) return new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]);
  if (damage.includes('utf-16be')) return new Uint8Array([0xfe, 0xff, ...iconv.encode(text, 'utf-16be')]);
  if (damage.includes('windows-1252')) return iconv.encode(text, 'windows-1252');
  if (damage.includes('mojibake'))
    return new TextEncoder().encode(random() < 0.7 ? misread(text) : misread(misread(text)));
  if (damage.includes('mixed-encodings')) {
    // One part pasted from a UTF-8 file already misread once; the rest clean.
    const cut = text.indexOf('\n', Math.floor(text.length / 2));
    return new TextEncoder().encode(cut > 0 ? misread(text.slice(0, cut)) + text.slice(cut) : misread(text));
  }
  return new TextEncoder().encode(text);
}

/** The benchmark's set: stories 1…count, the same bytes on every run. */
export function labelledSet(count = 160, version: 1 | 2 = 2): LabelledStory[] {
  return Array.from({ length: count }, (_, i) => generateLabelledStory(i + 1, version));
}
