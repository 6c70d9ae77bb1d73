/**
 * Text copied out of a PDF's narrow columns (a fanzine) or read off notebook pages by OCR: every
 * line broken near the column's width, mid-sentence, and no blank line anywhere. A line that runs
 * most of the width and ends no sentence goes on in the next; a line that ends a sentence, or stops
 * well short of the width (a title, a byline, a page's number), ends where the writer ended it.
 */
import { chapterHeading, labelledField } from './cues.ts';
import { endsSentence } from './sentences.ts';

/** Fewer lines than this, or a column narrower than this, say nothing of a wrap. */
const MIN_LINES = 12;
const MIN_WIDTH = 25;
const MAX_WIDTH = 100;
/** A line "runs the width" at this share of the longest line's length. */
const FULL = 0.75;
/** A line long enough to have been wrapped, not ended: a title or a byline is shorter. */
const GOES_ON = 0.6;
/** Of the lines long enough to go on, the share that run the width and end mid-sentence in a file wrapped at a column. */
const BROKEN_SHARE = 0.5;
const SENTENCE_INSIDE = /[.!?…]["”’)]?\s+["“‘(]?\p{Lu}/u;
const MIN_PROSE_LINES = 3;
/** A paragraph this long has run on past any a column held: the lines after it start their own. */
const PARAGRAPH_CHARS = 4000;

/** The column's width (its longest line), when a file without blank lines reads as wrapped at one. */
export function columnWidth(lines: string[]): number | undefined {
  const text = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (text.length < MIN_LINES) return undefined;
  const width = text.reduce((n, l) => Math.max(n, l.length), 0);
  if (width < MIN_WIDTH || width > MAX_WIDTH) return undefined;
  const long = text.slice(0, -1).filter((l) => l.length >= width * GOES_ON);
  const broken = long.filter((l) => l.length >= width * FULL && !endsSentence(l)).length;
  // Prose goes on from one sentence to the next inside a line; a poem's lines are its sentences, or have none.
  const prose = text.filter((l) => SENTENCE_INSIDE.test(l)).length >= MIN_PROSE_LINES;
  return prose && broken / long.length >= BROKEN_SHARE ? width : undefined;
}

/**
 * The lines joined back where they were wrapped at `width`, one paragraph a line; a word broken
 * with a hyphen at a line's end ("wash-" · "ing") keeps the hyphen, its halves joined.
 */
export function joinColumnLines(lines: string[], width: number): string[] {
  const text = lines.map((l) => l.trim()).filter((l) => l !== '');
  const out: string[] = [];
  for (const [i, line] of text.entries()) {
    const last = out[out.length - 1];
    if (i > 0 && last.length < PARAGRAPH_CHARS && goesOn(text[i - 1], line, width)) {
      out[out.length - 1] =
        last.endsWith('-') && /\p{L}/u.test(last.at(-2) ?? '') && /^\p{Ll}/u.test(line)
          ? last + line
          : `${last} ${line}`;
    } else out.push(line);
  }
  return out;
}

/**
 * Whether `line` goes on in `next`: it runs most of the width and ends no sentence, or it ends one
 * with no room left for the next word. A page's number, a heading or a label ("Disclaimer: …") under it starts a line of its own.
 */
function goesOn(line: string, next: string, width: number): boolean {
  if (!/\p{L}/u.test(next) || chapterHeading(next) || labelledField(next)) return false;
  if (!endsSentence(line)) return line.length >= width * GOES_ON;
  return line.length >= width * FULL && line.length + 1 + next.split(/\s+/, 1)[0].length > width;
}
