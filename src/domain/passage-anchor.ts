/**
 * Where a comment on a passage belongs after its chapter is edited. A passage comment keeps the
 * paragraph it was on (1-based), that paragraph's text and the sentence the reader quoted, if any.
 * When the chapter's text changes the comment follows its paragraph:
 *
 * 1. a paragraph with exactly the same text (when several have it: the same one of them as before,
 *    counted from the top, when the chapter had as many; else the one nearest its old place);
 * 2. else a paragraph containing the quoted sentence (the nearest, likewise);
 * 3. else the paragraph most like the old text, when it is alike enough (`PASSAGE_SIMILARITY`);
 * 4. else nowhere: it becomes a comment on the chapter, still quoting what it referred to.
 *
 * Pure: no I/O.
 */

/** What a passage comment is anchored to. */
export interface PassageAnchor {
  /** The paragraph (1-based), or null when its passage is gone. */
  paragraph: number | null;
  /** The paragraph's plain text as it was anchored. */
  text: string;
  /** The sentence quoted from it, or null for the whole paragraph. */
  quote: string | null;
}

/** How alike (0 to 1, see `similarity`) an edited paragraph must be to its old text to keep its comments. */
export const PASSAGE_SIMILARITY = 0.6;

/** The longest quote kept, in characters: a sentence or two, not a chapter. */
export const QUOTE_LIMIT = 1000;

/** Text compared as a reader reads it: whitespace runs as one space, no space at the ends, one Unicode form. */
export function normalizePassage(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim();
}

function words(text: string): string[] {
  return normalizePassage(text)
    .toLocaleLowerCase()
    .split(/[^\p{L}\p{N}'’]+/u)
    .filter((w) => w !== '');
}

/** A paragraph's words, counted, for `similarity`. */
interface WordBag {
  counts: Map<string, number>;
  size: number;
}

function bagOf(text: string): WordBag {
  const counts = new Map<string, number>();
  const list = words(text);
  for (const w of list) counts.set(w, (counts.get(w) ?? 0) + 1);
  return { counts, size: list.length };
}

function diceOf(left: WordBag, right: WordBag): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  const [small, large] = left.counts.size <= right.counts.size ? [left, right] : [right, left];
  for (const [w, n] of small.counts) shared += Math.min(n, large.counts.get(w) ?? 0);
  return (2 * shared) / (left.size + right.size);
}

/**
 * How alike two paragraphs are, from 0 (no word in common) to 1 (the same words): the Dice
 * coefficient of their words, counted with repeats. Changing one word of twenty leaves 0.95.
 */
export function similarity(a: string, b: string): number {
  const left = bagOf(a);
  const right = bagOf(b);
  if (left.size === 0 && right.size === 0) return normalizePassage(a) === normalizePassage(b) ? 1 : 0;
  return diceOf(left, right);
}

/**
 * A chapter's paragraphs made ready for `reanchor`, once for all the comments of the chapter:
 * their text evened out, where each text is, and (when first needed) their words.
 */
export class ChapterParagraphs {
  readonly texts: string[];
  private readonly places = new Map<string, number[]>();
  private bags?: WordBag[];

  constructor(paragraphs: readonly string[]) {
    this.texts = paragraphs.map(normalizePassage);
    this.texts.forEach((text, i) => {
      const list = this.places.get(text);
      if (list) list.push(i);
      else this.places.set(text, [i]);
    });
  }

  /** The indexes (0-based) of the paragraphs with exactly this (evened-out) text. */
  placesOf(text: string): number[] {
    return this.places.get(text) ?? [];
  }

  wordBags(): WordBag[] {
    this.bags ??= this.texts.map(bagOf);
    return this.bags;
  }
}

const ready = (paragraphs: readonly string[] | ChapterParagraphs) =>
  paragraphs instanceof ChapterParagraphs ? paragraphs : new ChapterParagraphs(paragraphs);

/**
 * The quote as kept, when it really is in the paragraph (compared with whitespace evened out);
 * null when it is empty, too long or not in the paragraph. A quote is never stored on trust.
 */
export function quoteWithin(quote: string, paragraphText: string): string | null {
  const wanted = normalizePassage(quote);
  if (wanted === '' || [...wanted].length > QUOTE_LIMIT) return null;
  return normalizePassage(paragraphText).includes(wanted) ? wanted : null;
}

/** Of the indexes (0-based) that match, the one nearest the old paragraph (1-based); earlier wins a tie. */
function nearest(indexes: number[], old: number | null): number | undefined {
  if (indexes.length === 0) return undefined;
  if (old === null) return indexes[0];
  let best = indexes[0];
  for (const i of indexes) if (Math.abs(i + 1 - old) < Math.abs(best + 1 - old)) best = i;
  return best;
}

/**
 * The paragraph (1-based) an anchored comment belongs to in the chapter's new paragraphs (their
 * plain text, in order), or null when its passage is gone (see the module's rule). `previous`, the
 * paragraphs before the edit, tells apart paragraphs that say the same thing ("No.").
 */
export function reanchor(
  anchor: PassageAnchor,
  chapter: readonly string[] | ChapterParagraphs,
  before?: readonly string[] | ChapterParagraphs,
): number | null {
  const paragraphs = ready(chapter);
  const text = normalizePassage(anchor.text);
  const texts = paragraphs.texts;

  const equal = paragraphs.placesOf(text);
  if (equal.length > 1 && before && anchor.paragraph !== null) {
    const previous = ready(before);
    if (previous.texts[anchor.paragraph - 1] === text) {
      const copies = previous.placesOf(text);
      const nth = copies.indexOf(anchor.paragraph - 1);
      if (copies.length === equal.length && nth >= 0) return equal[nth] + 1;
    }
  }
  const same = nearest(equal, anchor.paragraph);
  if (same !== undefined) return same + 1;

  const quote = anchor.quote === null ? '' : normalizePassage(anchor.quote);
  if (quote !== '') {
    const holding = nearest(
      texts.flatMap((t, i) => (t.includes(quote) ? [i] : [])),
      anchor.paragraph,
    );
    if (holding !== undefined) return holding + 1;
  }

  const mine = bagOf(text);
  if (mine.size === 0) return null;
  const bags = paragraphs.wordBags();
  let best: number | null = null;
  let bestScore = PASSAGE_SIMILARITY;
  for (const [i, bag] of bags.entries()) {
    // The most two bags can share is the smaller one: skip those that could never be alike enough.
    if ((2 * Math.min(mine.size, bag.size)) / (mine.size + bag.size) < bestScore) continue;
    const score = diceOf(mine, bag);
    const closer =
      best !== null &&
      score === bestScore &&
      anchor.paragraph !== null &&
      Math.abs(i + 1 - anchor.paragraph) < Math.abs(best - anchor.paragraph);
    if (score > bestScore || (best === null && score >= bestScore) || closer) {
      best = i + 1;
      bestScore = score;
    }
  }
  return best;
}
