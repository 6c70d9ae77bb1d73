/**
 * A seeded generator of messy stories as they arrive at an archive: headers with or without
 * labels, repeated disclaimers, notes run into the story, chapter headings and scene breaks in
 * many styles, collapsed paragraphs, mojibake once or twice, Windows-1252 and UTF-16 files,
 * CRLF line ends, and text cut off mid-sentence. Each story comes with the clean text it was
 * made from, so a test can check that no word was lost.
 */
import iconv from 'iconv-lite';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['Harry', 'Hermione', 'Draco', 'Zoë', 'Luna', 'Sam', 'Frodo', 'Renée', 'Anaïs', 'Scorpius'];
const VERBS = ['walked', 'looked', 'smiled', 'waited', 'turned', 'laughed', 'listened', 'hesitated'];
const PLACES = [
  'the café',
  'the library',
  'the garden',
  'the station',
  'the old house',
  'the river',
  'the naïve boy’s room',
];
const ADVERBS = ['slowly', 'again', 'for a long time', 'without a word', 'at last', 'once more'];
const SAYINGS = [
  'I don’t know',
  'We should go',
  'Is it over',
  'Don’t leave',
  'It’s late',
  'Wait for me',
  'That’s not fair',
];
const BREAKS = ['~*~', '* * *', 'oOo', '--', '***', 'xXx', '-o0o-', '+++', '~~~', '#', 'OoOoO'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];
const NUMBER_WORDS = ['One', 'Two', 'Three', 'Four', 'Five', 'Six'];
const CHAPTER_TITLES = ['The Ball', 'Homecoming', 'Rain', 'In Which Nothing Happens', 'After'];

export type Encoding =
  'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le-bom' | 'utf-16be' | 'mojibake-once' | 'mojibake-twice';

export interface GeneratedStory {
  name: string;
  bytes: Uint8Array;
  /** The text before any damage to bytes (but after truncation): every word of it must come back. */
  clean: string;
  chapters: number;
  title: string | null;
  encoding: Encoding;
  collapsed: boolean;
  truncated: boolean;
}

export function generateStory(seed: number, options: { words?: number } = {}): GeneratedStory {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
  const chance = (p: number) => random() < p;

  const sentence = (): string => {
    const who = pick(NAMES);
    if (chance(0.3)) return `“${pick(SAYINGS)}${chance(0.5) ? '?' : ','}” ${who} said${chance(0.3) ? '…' : '.'}`;
    return `${who} ${pick(VERBS)} ${chance(0.5) ? 'into' : 'toward'} ${pick(PLACES)} ${pick(ADVERBS)}${chance(0.2) ? ' — and stopped' : ''}.`;
  };
  const paragraph = () => Array.from({ length: 1 + Math.floor(random() * 5) }, sentence).join(' ');

  const chapterCount = chance(0.5) ? 1 : 2 + Math.floor(random() * 3);
  const targetWords = options.words ?? 300 + Math.floor(random() * 1500);
  const fandom = pick(['Harry Potter', 'Lord of the Rings', 'Supernatural']);
  const disclaimer = chance(0.5)
    ? `Disclaimer: I don't own ${fandom}.`
    : `I don’t own ${fandom}, sadly. No profit is made.`;
  const repeatDisclaimer = chance(0.4);
  const title = chance(0.8) ? pick(['The Long Snow', 'Night Train', 'What the River Knew', 'Salt and Iron']) : null;
  const lines: string[] = [];
  if (title) lines.push(chance(0.5) ? `Title: ${title}` : title);
  if (chance(0.7))
    lines.push(
      `Summary: ${chance(0.4) ? 'SPOILERS for book seven! ' : ''}${paragraph()}${chance(0.4) ? ' A sequel to “The First Meeting”.' : ''}`,
    );
  if (chance(0.8)) lines.push(disclaimer);
  if (repeatDisclaimer) lines.push(disclaimer);
  const note = pick([
    'A/N: Thanks so much for all the reviews!',
    'A/N: This is my first fic, please be nice.',
    'Author’s Note: I hope you enjoy this one!',
  ]);
  const noteRunsIn = chance(0.3);
  if (chance(0.6) && !noteRunsIn) lines.push(note);
  if (title && !lines[0].startsWith('Title') && lines.length === 1) lines.push(pick(BREAKS));

  const chapterBodies: string[][] = [];
  const perChapter = Math.max(3, Math.round(targetWords / chapterCount / 40));
  for (let c = 0; c < chapterCount; c++) {
    const body: string[] = [];
    if (chapterCount > 1) {
      const n = c + 1;
      body.push(
        pick([
          `Chapter ${n}`,
          `Chapter ${n}: ${pick(CHAPTER_TITLES)}`,
          `Ch. ${ROMAN[c]}: ${pick(CHAPTER_TITLES)}`,
          `~ Chapter ${n} ~`,
          `Part ${n} - ${pick(CHAPTER_TITLES)}`,
          `CHAPTER ${NUMBER_WORDS[c].toUpperCase()}`,
        ]),
      );
      if (repeatDisclaimer && c > 0) body.push(disclaimer);
    }
    for (let p = 0; p < perChapter; p++) {
      if (p > 1 && chance(0.08)) body.push(pick(BREAKS));
      body.push(paragraph());
    }
    if (c === 0 && noteRunsIn) body[chapterCount > 1 ? 1 : 0] = `${note} ${body[chapterCount > 1 ? 1 : 0]}`;
    chapterBodies.push(body);
  }
  const endNote = chance(0.6)
    ? pick(['Please review!', 'Thanks for reading! Let me know what you think.', 'Happy reading and reviewing!'])
    : null;

  // Collapsing runs each chapter's paragraphs into one line; headings stay on their own lines.
  const collapsed = chance(0.25);
  const parts: string[] = [...lines];
  for (const body of chapterBodies) {
    const heading = chapterCount > 1 ? body.slice(0, 1) : [];
    const rest = body.slice(heading.length);
    parts.push(...heading, ...(collapsed ? [rest.join(' ')] : rest));
  }
  let clean = parts.join('\n\n');
  const truncated = chance(0.15);
  if (truncated) {
    // Cut between two words of a sentence, as a broken download or copy does.
    let cut = clean.lastIndexOf(' ', clean.length - 5 - Math.floor(random() * 20));
    while (cut > 0 && !/[\p{L}\p{N}]/u.test(clean[cut - 1])) cut = clean.lastIndexOf(' ', cut - 1);
    clean = clean.slice(0, cut > 0 ? cut : clean.length);
  } else if (endNote) clean += `\n\n${chance(0.5) ? '\n' : ''}${endNote}`;
  if (chance(0.3)) clean = clean.replace(/\n/g, '\r\n');

  const encoding = pick<Encoding>([
    'utf-8',
    'utf-8-bom',
    'windows-1252',
    'utf-16le-bom',
    'utf-16be',
    'mojibake-once',
    'mojibake-twice',
  ]);
  const bytes = encode(clean, encoding);
  return { name: `story-${seed}.txt`, bytes, clean, chapters: chapterCount, title, encoding, collapsed, truncated };
}

function misread(text: string): string {
  return iconv.decode(Buffer.from(text, 'utf8'), 'windows-1252');
}

export function encode(text: string, encoding: Encoding): Uint8Array {
  switch (encoding) {
    case 'utf-8':
      return new TextEncoder().encode(text);
    case 'utf-8-bom':
      return new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    case 'windows-1252':
      return iconv.encode(text, 'windows-1252');
    case 'utf-16le-bom':
      return new Uint8Array([0xff, 0xfe, ...iconv.encode(text, 'utf-16le')]);
    case 'utf-16be':
      return iconv.encode(text, 'utf-16be');
    case 'mojibake-once':
      return new TextEncoder().encode(misread(text));
    case 'mojibake-twice':
      return new TextEncoder().encode(misread(misread(text)));
  }
}
