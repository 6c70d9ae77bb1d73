/**
 * A second opinion on where the import put each piece, so that the preview's "Check this guess"
 * points where the writer should look. The rules that place pieces decide; this pass only marks
 * a piece whose own words argue against its place:
 * - story at either end of a chapter with a sentence that sounds like the writer talking to
 *   readers (thanks, reviews, updates, a site's name): a note run into the story;
 * - a short line in the story that is no sentence ("Like · Comment", "automail_enthusiast",
 *   "Posted 05 February 2009 - 06:30 PM"): a site's or a program's words, when the chapter's
 *   story is otherwise told in sentences;
 * - a note, or a line left out, that reads as narration all through.
 */
import type { Piece } from './part-pieces.ts';
import { judgeSentence, noteShare } from './note-sentences.ts';
import { splitSentences } from './sentences.ts';
import { SITE_NOTICE } from './chrome.ts';

const NOTE_PARTS = new Set(['notes', 'chapter-notes', 'chapter-end-notes', 'end-notes']);
/** How many story pieces at each end of a chapter a run-on note may hide in. */
const EDGE = 3;
/** A chapter with more short lines than this share of its pieces is written so (verse, texts, a script). */
const SHORT_LINES_RARE = 0.25;

const words = (text: string) => text.split(/\s+/).filter(Boolean);
const clip = (text: string) => (words(text).length > 20 ? `${words(text).slice(0, 20).join(' ')}…` : text.trim());

/**
 * A line of at most six words that does not end as a sentence, a quotation, a bracket or a broken-off
 * line does (in any of the ways languages quote: „Komm her!“, «Viens !», 「来い」), nor opens as speech.
 */
function notASentence(text: string): boolean {
  const line = text.trim();
  return (
    words(line).length <= 6 &&
    !/[.!?…"”“»«’'`)\]*~\-–—:;」』。！？）]$/u.test(line) &&
    !/^["“„«»‚‘'「『—–-]/u.test(line)
  );
}

function doubt(piece: Piece, why: string): void {
  if (piece.unsure) return;
  piece.unsure = true;
  piece.reason = `${piece.reason}; but ${why}`;
}

export function markDoubts(pieces: Piece[], firstPersonStory: boolean): void {
  const chapters = new Map<number, Piece[]>();
  for (const p of pieces)
    if (p.part === 'text' && p.chapter !== null && p.text.trim() !== '') {
      const story = chapters.get(p.chapter);
      if (story) story.push(p);
      else chapters.set(p.chapter, [p]);
    }
  for (const story of chapters.values()) {
    for (const p of new Set([...story.slice(0, EDGE), ...story.slice(-EDGE)])) {
      const note = splitSentences(p.text).find((s) => judgeSentence(s, firstPersonStory).score >= 2);
      if (note) doubt(p, `“${clip(note)}” sounds like the writer talking to readers`);
    }
    const short = story.filter((p) => notASentence(p.text));
    if (short.length <= story.length * SHORT_LINES_RARE)
      for (const p of short) doubt(p, 'a short line that is no sentence: a site’s or a program’s words?');
  }
  for (const p of pieces) {
    if (p.unsure || p.consumed !== '' || p.text.trim() === '') continue;
    const leftOut = p.part === 'metadata' && !p.field;
    if (!NOTE_PARTS.has(p.part) && !leftOut) continue;
    const long = words(p.text).length >= (leftOut ? 12 : 25) && splitSentences(p.text).length >= 2;
    // "Powered by Invision Power Board © 2003 IPS, Inc. Hosted for free by InvisionFree": the site's own notice.
    if (leftOut && SITE_NOTICE.test(p.text)) continue;
    if (long && noteShare(p.text, firstPersonStory) === 0) doubt(p, 'it reads like story');
  }
}
