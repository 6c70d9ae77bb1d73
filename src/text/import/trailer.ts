/**
 * What follows the story at the end of the work or of a chapter: end notes, footnotes, fields,
 * the site's menus and comments.
 */
import { breakWords, HASHTAG_LINE, hashtagsOf, isDisclaimer, isEndMarker, labelledField } from './cues.ts';
import { judgeSentence, noteShare } from './note-sentences.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import {
  type Piece,
  type Scope,
  type Context,
  piece,
  notesPart,
  strengthIn,
  isAuthorVoice,
  isSeparatorBlock,
  fieldPart,
  type Zone,
  siteReason,
  closedValue,
  statedPiece,
} from './part-pieces.ts';
import { splitRunOnNote, takeRunOnNote, wholeNote } from './run-on-notes.ts';
import { separatorStartingEndNotes, edgeLeftover } from './edges.ts';
import { COMMENTS_COUNT, COMMENTS_HEADING } from './sections.ts';
import type { SourceBlock } from './blocks.ts';
import { saysMoreToCome } from './status.ts';

/**
 * "end. sorry it's short!! the game is short too": an end mark typed in lower case, and the author's words after it,
 * which the sentence splitter leaves as one sentence (a lower-case word after a full stop). Only when those words
 * read as a note: "end. the river was wide" is a wrapped sentence's last word and the next line.
 */
function endThenWords(ctx: Context, text: string): boolean {
  const match = /^(\S[^.!?\n]{0,20}[.!])\s+(\p{Ll}.*)$/su.exec(text.trim());
  return match !== null && isEndMarker(match[1]) && strengthIn(ctx, match[2]) > 0;
}

/** The page's count of the comments under a post, alone or among its buttons ("214 comments", "87 shares", "Like"). */
function countsComments(block: SourceBlock): boolean {
  const lines = block.chrome ? block.text.split('\n') : [block.text];
  return lines.some((line) => COMMENTS_COUNT.test(line.trim()));
}

/** Notes at the end of a section: review requests, thanks, the author talking after a separator. */
export function trailingZone(ctx: Context, blocks: number[], scope: Scope, chapter: number, floor: number): Zone {
  const zone: Zone = { pieces: [], taken: new Set() };
  const part = notesPart(scope, true);
  const noteChapter = scope === 'work' ? null : chapter;
  const where = { scope, chapter, end: true };
  const found: Piece[] = [];
  // "End Notes" on a line of its own near the end (as AO3 downloads have it): what follows is the note.
  // Near the end: within the last six blocks, not counting the site's buttons under them.
  let near = blocks.length;
  for (let seen = 0; near > floor && seen < 6; near--) if (!ctx.blocks[blocks[near - 1]].chrome) seen++;
  for (let j = blocks.length - 2; j >= near; j--) {
    // Or a one-page site's own section after the story ("dni / byf" over the writer's lines).
    const sectionEnd = ctx.pageEnd?.has(blocks[j]) ? ctx.blocks[blocks[j]].text.trim() : undefined;
    const field = sectionEnd
      ? { label: sectionEnd, value: '', field: 'end-notes' }
      : labelledField(ctx.blocks[blocks[j]].text);
    if (!field || field.value !== '' || (field.field !== 'end-notes' && field.field !== 'notes')) continue;
    zone.pieces.push(piece(blocks[j], part, '', noteChapter, `the label “${field.label}”`, { consumed: field.label }));
    for (const index of blocks.slice(j)) zone.taken.add(index);
    let comments = false;
    for (const index of blocks.slice(j + 1)) {
      const block = ctx.blocks[index];
      comments ||= block.kind === 'heading' && COMMENTS_HEADING.test(block.text.trim());
      // A line the file keeps apart (a wiki page's comment or its categories) stays apart under the label too.
      zone.pieces.push(
        block.stated?.part === 'metadata'
          ? statedPiece(index, block, chapter)
          : comments || block.chrome
            ? piece(index, 'metadata', block.text, null, comments ? 'the page’s comments section' : siteReason(block))
            : piece(index, part, block.text, noteChapter, `under the label “${field.label}”`, { html: block.html }),
      );
    }
    return zone;
  }
  // "THE END", "FIN", "Конец", "TAMAT", "完" on a line of its own: what follows is the author's. Readers'
  // comments under the page's count of them ("214 comments") are not counted among the last blocks.
  const counted = blocks.findIndex((index, k) => k > floor && countsComments(ctx.blocks[index]));
  let nearEnd = counted === -1 ? blocks.length : counted;
  for (let seen = 0; nearEnd > floor && seen < 6; nearEnd--) if (!ctx.blocks[blocks[nearEnd - 1]].chrome) seen++;
  for (let j = blocks.length - 2; j >= Math.min(near, nearEnd); j--) {
    const marker = ctx.blocks[blocks[j]].text.trim();
    if (!isEndMarker(marker)) continue;
    const after = blocks.slice(j + 1);
    const words = after.reduce((n, index) => n + ctx.blocks[index].text.split(/\s+/).length, 0);
    if (words > 200 || after.some((index) => OPENING_QUOTE.test(ctx.blocks[index].text))) break;
    runOnAboveMarker(ctx, zone, blocks, j, floor, scope, chapter);
    zone.pieces.push(
      piece(blocks[j], 'separator', '', null, `the end of the story (“${marker}”)`, { consumed: marker }),
    );
    for (const index of blocks.slice(j)) zone.taken.add(index);
    // "You’ll also like", "Comments (3)" under it: the site's lines from there on, not the author's.
    let site = false;
    for (const index of after) {
      const text = ctx.blocks[index].text.trim();
      site ||= COMMENTS_HEADING.test(text) || countsComments(ctx.blocks[index]);
      // "#fanfic #MắtBiếc": the post's tags, as a social post shows them under its text.
      if (!site && HASHTAG_LINE.test(text)) {
        zone.pieces.push(
          piece(index, 'metadata', hashtagsOf(text), null, 'a line of tags (“#…”)', { field: 'freeform' }),
        );
        continue;
      }
      if (ctx.blocks[index].chrome || site) {
        const block = ctx.blocks[index];
        zone.pieces.push(
          piece(index, 'metadata', block.text, null, siteReason(site ? { ...block, aside: 'comments' } : block)),
        );
        continue;
      }
      const field = labelledField(ctx.blocks[index].text);
      const metadata = field && field.value !== '' && fieldPart(field.field, scope, chapter).part === 'metadata';
      zone.pieces.push(
        metadata
          ? piece(index, 'metadata', field.value, null, `the label “${field.label}”`, {
              consumed: field.label,
              field: field.field,
            })
          : piece(index, part, ctx.blocks[index].text, noteChapter, 'after the end of the story', {
              html: ctx.blocks[index].html,
            }),
      );
    }
    return zone;
  }
  if (markerOverPage(ctx, zone, blocks, floor, scope, chapter)) return zone;
  let k = blocks.length - 1;
  let sawNote = false;
  for (; k >= floor; k--) {
    const index = blocks[k];
    const block = ctx.blocks[index];
    if (block.stated) {
      if (block.stated.part === 'chapter-end-notes' || block.stated.part === 'end-notes') {
        found.push(statedPiece(index, block, chapter));
        zone.taken.add(index);
        continue;
      }
      // The next chapter's notes over its heading (a chat's "Here's the rest!" over "Part Two"), nothing under them.
      if (
        block.stated.part === 'chapter-notes' &&
        scope === 'chapter' &&
        found.every((p) => p.chapter === chapter + 1)
      ) {
        found.push(statedPiece(index, block, chapter + 1));
        zone.taken.add(index);
        continue;
      }
      break;
    }
    // "THE END" under the story and its end note, the file's last line.
    if (isEndMarker(block.text.trim())) {
      found.push(
        piece(index, 'separator', '', null, `the end of the story (“${block.text.trim()}”)`, {
          consumed: block.text.trim(),
        }),
      );
      zone.taken.add(index);
      continue;
    }
    // "Einde. Bedankt om te lezen!": the story's end, and the author's words after it, in one paragraph.
    const [opening, ...afterEnd] = splitSentences(block.text);
    if (afterEnd.length > 0 && isEndMarker(opening.trim())) {
      found.push(
        piece(index, part, afterEnd.join(' '), noteChapter, `after the end of the story (“${opening.trim()}”)`, {
          consumed: opening.trim(),
        }),
      );
      zone.taken.add(index);
      break;
    }
    // "end. sorry it's short!!": kept whole, as the writer typed the end mark into the note.
    if (endThenWords(ctx, block.text)) {
      found.push(piece(index, part, block.text, noteChapter, 'the end of the story, and the author’s words after it'));
      zone.taken.add(index);
      break;
    }
    // "[1] With apologies to Miss Austen.": a footnote under the story that marks its place in it.
    const mark = FOOTNOTE_MARK.exec(block.text)?.[1];
    if (mark && blocks.slice(floor, k).some((i) => ctx.blocks[i].text.slice(1).includes(mark))) {
      found.push(piece(index, part, block.text, noteChapter, `a footnote (“${mark}”)`, { html: block.html }));
      zone.taken.add(index);
      sawNote = true;
      continue;
    }
    // "1" on a line of its own over "Poirot, in the books, …": a footnote laid out as a page shows it (Substack, Medium).
    // Not "3" over "2" over "1" over the story's last line: a countdown in the story.
    const markAbove =
      k - 1 > floor && !(k - 2 >= 0 && ownLineMark(ctx.blocks[blocks[k - 2]].text))
        ? ownLineMark(ctx.blocks[blocks[k - 1]].text)
        : undefined;
    // The mark may be in any chapter above: a page's footnotes are all at its end.
    if (markAbove && ctx.blocks.slice(0, blocks[k - 1]).some((b) => markedIn(b.text, markAbove))) {
      found.push(piece(index, part, block.text, noteChapter, `a footnote (“${markAbove}”)`, { html: block.html }));
      found.push(piece(blocks[k - 1], 'separator', '', null, 'the footnote’s mark', { consumed: markAbove }));
      zone.taken.add(index).add(blocks[k - 1]);
      sawNote = true;
      k--;
      continue;
    }
    // A rule inside the site's or the mail's lines ("-- " over a signature) ends nothing.
    if (isSeparatorBlock(block) && block.chrome) {
      found.push(piece(index, 'separator', '', null, siteReason(block), { consumed: breakWords(block.text) }));
      zone.taken.add(index);
      continue;
    }
    // The rule a text download draws under each chapter, over the next one's heading: the notes are above it.
    if (isSeparatorBlock(block) && k === blocks.length - 1 && scope === 'chapter' && k > floor) {
      found.push(
        piece(index, 'separator', '', null, 'a separator at the edge of the story', {
          consumed: breakWords(block.text),
        }),
      );
      zone.taken.add(index);
      continue;
    }
    if (isSeparatorBlock(block)) {
      if (!sawNote) break;
      found.push(
        piece(index, 'separator', '', null, 'the separator before the end notes', { consumed: breakWords(block.text) }),
      );
      zone.taken.add(index);
      break;
    }
    if (block.chrome) {
      found.push(piece(index, 'metadata', block.text, null, siteReason(block)));
      zone.taken.add(index);
      continue;
    }
    // An archive's footer: "This story archived at http://…".
    if (
      /^(?:this\s+story\s+(?:is\s+)?archived\s+at|(?:originally\s+)?posted\s+(?:at|on)\s+https?:)/i.test(
        block.text.trim(),
      )
    ) {
      found.push(piece(index, 'metadata', block.text, null, 'where the story is archived'));
      zone.taken.add(index);
      continue;
    }
    const field = labelledField(block.text);
    // "Kudos" over "Bookmark", "Comments (12)": a field's name alone, right above the site's buttons, is one of them.
    const below = k + 1 < blocks.length ? ctx.blocks[blocks[k + 1]] : undefined;
    if (field && field.value === '' && fieldPart(field.field, scope, chapter).part === 'metadata' && below?.chrome) {
      found.push(piece(index, 'metadata', block.text, null, siteReason(below)));
      zone.taken.add(index);
      continue;
    }
    if (field && field.value !== '' && fieldPart(field.field, scope, chapter).part === 'metadata') {
      found.push(
        piece(index, 'metadata', field.value, null, `the label “${field.label}”`, {
          consumed: field.label,
          field: field.field,
        }),
      );
      zone.taken.add(index);
      continue;
    }
    if (field && (field.field === 'notes' || field.field === 'end-notes')) {
      found.push(
        piece(index, part, closedValue(field).value, noteChapter, `the label “${field.label}”`, {
          consumed: field.label,
          html: undefined,
        }),
      );
      zone.taken.add(index);
      sawNote = true;
      continue;
    }
    if (isDisclaimer(block.text) && !OPENING_QUOTE.test(block.text)) {
      found.push(piece(index, 'disclaimer', block.text, null, 'reads as a disclaimer', { html: block.html }));
      zone.taken.add(index);
      sawNote = true;
      continue;
    }
    const strength = strengthIn(ctx, block.text);
    if (strength > 0) {
      const split = splitRunOnNote(ctx, block.text, true, false);
      if (split && block.gap < 2 && !sawNote) {
        takeRunOnNote(ctx, zone, index, split, where, 'an author’s note run into the last paragraph of the story');
        break;
      }
      // A long paragraph of story that merely mentions a review or a chapter stays story.
      if (!split && block.text.length > 400 && noteShare(block.text, ctx.firstPersonStory) < 0.5) break;
      found.push(piece(index, part, block.text, noteChapter, 'reads as an author’s note', { html: block.html }));
      zone.taken.add(index);
      sawNote = true;
      if (block.gap >= 2) break;
      continue;
    }
    // The author talking about the story, set off from it by a separator or a wide gap.
    if (isAuthorVoice(ctx, block.text) && setOffAbove(ctx, blocks, k, floor)) {
      found.push(
        piece(index, part, block.text, noteChapter, 'the author speaking in the first person after a separator', {
          unsure: strength === 0,
          html: block.html,
        }),
      );
      zone.taken.add(index);
      sawNote = true;
      if (block.gap >= 2) break;
      continue;
    }
    // Sentence by sentence: an end note none of the whole-paragraph cues caught.
    if (block.kind === 'paragraph') {
      const sentences = splitSentences(block.text);
      const last = judgeSentence(sentences[sentences.length - 1] ?? '', ctx.firstPersonStory);
      const split = last.score >= 2 && !sawNote ? splitRunOnNote(ctx, block.text, true, false) : undefined;
      if (split) {
        takeRunOnNote(ctx, zone, index, split, where, `an author’s note run into the story (${last.reason})`);
        break;
      }
      if (last.score >= 1 && block.text.length < 800 && wholeNote(ctx, block.text)) {
        found.push(
          piece(index, part, block.text, noteChapter, `reads as a note: ${last.reason}`, { html: block.html }),
        );
        zone.taken.add(index);
        sawNote = true;
        if (block.gap >= 2) break;
        continue;
      }
    }
    const separator = separatorStartingEndNotes(ctx, blocks, k, floor);
    if (separator !== undefined) {
      for (let j = k; j > separator; j--) {
        found.push(edgeLeftover(ctx, blocks[j], part, noteChapter, 'below the separator under the story'));
        zone.taken.add(blocks[j]);
      }
      const breakBlock = ctx.blocks[blocks[separator]];
      found.push(
        piece(blocks[separator], 'separator', '', null, 'the separator before the end notes', {
          consumed: breakWords(breakBlock.text),
        }),
      );
      zone.taken.add(blocks[separator]);
    }
    break;
  }
  // A run-on note, taken last, is the first of the pieces in reading order.
  zone.pieces.push(...found.reverse());
  return zone;
}

/** A sentence's end, the way a line of prose ends: "…", "!!", "。", "»". */
const PROSE_END = /[.!?…。！？]["'”’»)\]」』]*$/u;

/**
 * A short line that is no sentence: the page's buttons ("responder · denunciar"), a poster's name and date,
 * a line of tags, a footer. The author's line that says plainly it is theirs is not one.
 */
function pageLine(ctx: Context, block: SourceBlock): boolean {
  if (block.chrome) return true;
  const text = block.text.trim();
  if (block.kind !== 'paragraph' || isSeparatorBlock(block) || PROSE_END.test(text) || strengthIn(ctx, text) > 0)
    return false;
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  return text.split(/\s+/).length < 20 && cjk < 40;
}

/**
 * "FIM" over "Comentem!! Bjs ♥" over "responder · denunciar", a reader's name and date, a reader's comment
 * quoting the story, the page's footer: a forum's or a blog's page under the story's end marker. The author's
 * lines run from the marker to the first of the page's; from there on the lines are the page's, readers'
 * comments among them, however many there are.
 */
function markerOverPage(
  ctx: Context,
  zone: Zone,
  blocks: number[],
  floor: number,
  scope: Scope,
  chapter: number,
): boolean {
  const part = notesPart(scope, true);
  const noteChapter = scope === 'work' ? null : chapter;
  for (let j = blocks.length - 2; j > floor && j >= blocks.length - 30; j--) {
    const marker = ctx.blocks[blocks[j]].text.trim();
    const more = saysMoreToCome(marker);
    if (!isEndMarker(marker) && !more) continue;
    const after = blocks.slice(j + 1);
    // The page's lines show it: its buttons, a date or a count, a row of links ("Reageer (3) | Permalink").
    const shows = (index: number) => ctx.blocks[index].chrome || /\d|\s[·|•]\s|\n/u.test(ctx.blocks[index].text);
    // Right under the marker, only a line that shows it is the page's: the author's own line may be short.
    const own = after.findIndex((index, k) => pageLine(ctx, ctx.blocks[index]) && (k > 0 || shows(index)));
    if (own === -1 || own > 4) return false;
    const page = after.slice(own);
    const shown = page.some(shows);
    if (page.length < 2 || !shown) return false;
    const author = after.slice(0, own);
    const words = author.reduce((n, index) => n + ctx.blocks[index].text.split(/\s+/).length, 0);
    if (words > 200 || author.some((index) => OPENING_QUOTE.test(ctx.blocks[index].text) || ctx.blocks[index].stated))
      return false;
    zone.pieces.push(
      more
        ? piece(blocks[j], part, marker, noteChapter, 'says there is more to come, under the story')
        : piece(blocks[j], 'separator', '', null, `the end of the story (“${marker}”)`, { consumed: marker }),
    );
    for (const index of blocks.slice(j)) zone.taken.add(index);
    for (const index of author) {
      const block = ctx.blocks[index];
      zone.pieces.push(
        block.chrome
          ? piece(index, 'metadata', block.text, null, siteReason(block))
          : piece(index, part, block.text, noteChapter, 'after the end of the story', { html: block.html }),
      );
    }
    for (const index of after.slice(own)) {
      const block = ctx.blocks[index];
      zone.pieces.push(
        block.stated?.part === 'metadata'
          ? statedPiece(index, block, chapter)
          : piece(index, 'metadata', block.text, null, siteReason({ ...block, aside: more ? 'post' : 'comments' })),
      );
    }
    return true;
  }
  return false;
}

/**
 * '"You get used to it." AN: omg thank u for reading!!' over "THE END": a note run into the story's
 * last line, above its end marker. The zone's remainder is then that line's story.
 */
function runOnAboveMarker(
  ctx: Context,
  zone: Zone,
  blocks: number[],
  marker: number,
  floor: number,
  scope: Scope,
  chapter: number,
): void {
  if (marker - 1 < floor) return;
  const index = blocks[marker - 1];
  const block = ctx.blocks[index];
  if (block.kind !== 'paragraph' || block.chrome || block.stated) return;
  const last = splitSentences(block.text).at(-1) ?? '';
  if (judgeSentence(last, ctx.firstPersonStory).score < 2) return;
  const split = splitRunOnNote(ctx, block.text, true, false);
  if (split)
    takeRunOnNote(
      ctx,
      zone,
      index,
      split,
      { scope, chapter, end: true },
      'an author’s note run into the last paragraph of the story',
    );
}

/** A footnote's mark at the start of its line: "[1]", "(2)", "¹". */
const FOOTNOTE_MARK = /^\s*(\[\d{1,2}\]|\(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹]+)/u;

/** A footnote's mark standing alone on its line: "1", "[2]", "³". */
function ownLineMark(text: string): string | undefined {
  return /^\s*(\d{1,2}|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹]+)\s*$/u.exec(text)?.[1];
}

/**
 * The story marks its place: the number glued to a word or a full stop ("naturally.1 You"), or in
 * brackets; not a name with a number in it ("the A1", "R2", "mp3s").
 */
function markedIn(text: string, mark: string): boolean {
  const bare = mark.replace(/[[\]]/g, '');
  const escaped = bare.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:\\p{Ll}{2}|[.,;:!?"”’)])(?:\\[${escaped}\\]|${escaped})(?![\\p{L}\\p{N}])`, 'u').test(text);
}

/** Walking up from block k over author-voice blocks reaches a separator or a wide gap. */
function setOffAbove(ctx: Context, blocks: number[], k: number, floor: number): boolean {
  for (let j = k, count = 0; j >= floor && count < 4; j--, count++) {
    const block = ctx.blocks[blocks[j]];
    if (block.gap >= 2) return j > floor;
    if (j - 1 >= floor && isSeparatorBlock(ctx.blocks[blocks[j - 1]])) return true;
    if (j !== k && !isAuthorVoice(ctx, block.text) && strengthIn(ctx, block.text) === 0) return false;
  }
  return false;
}
