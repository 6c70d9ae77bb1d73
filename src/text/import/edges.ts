/**
 * The story's edges: the lines between a header and where the story starts, and between the story
 * and its end notes, that no label or rule read (a poster line, a blog's name, a site's banner).
 */
import type { SourceBlock } from './blocks.ts';
import {
  fieldShaped,
  ficDescriptor,
  chapterHeading,
  isByline,
  isShortLine,
  isDedication,
  titleOf,
  titleWithByline,
  HASHTAG_LINE,
  hashtagsOf,
  isEndMarker,
  isTitleLike,
  labelledField,
  breakWords,
  undecorated,
  AO3_NOTES_POINTER,
} from './cues.ts';
import { judgeSentence } from './note-sentences.ts';
import { endsInTypedOnMessage, wholeDisclaimer } from './run-on-notes.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import {
  type PartName,
  type Piece,
  type Scope,
  type Context,
  piece,
  bylinePiece,
  titleAndKindByline,
  notesPart,
  isSeparatorBlock,
  type Zone,
  siteReason,
  orderByBlock,
  statedPiece,
} from './part-pieces.ts';

/**
 * Only the site's lines stand between two blocks (its menus, header fields): a site's name above
 * them is no title, where an epigraph's lines over "by Emily Dickinson" keep the title above them.
 */
export function menusBetween(ctx: Context, from: number, to: number): boolean {
  return ctx.blocks
    .slice(from + 1, to)
    .every(
      (block) =>
        block.chrome || fieldShaped(block.text.trim()) !== undefined || labelledField(block.text) !== undefined,
    );
}

/** "Özet: Feride bir mektup yazar.", "Od autorki: Napisane na zajęcia.": a label Quire may not know, and prose. */
const LABELLED_PROSE = /^[\s*_~[(]*(\p{Lu}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,2})[*_\])]*\s*[:：][*_]*\s+(?=\S)/u;

/** Paragraphs of the header's or the end notes' kind: no speech, no letter, at most one that reads as story. */
function edgeShaped(ctx: Context, list: SourceBlock[], edge: 'top' | 'bottom'): boolean {
  if (
    list.some(
      (block) =>
        // A page's title may be a heading; a chapter's heading is no header's.
        (block.kind !== 'paragraph' && (block.kind !== 'heading' || chapterHeading(block.text.trim()) !== undefined)) ||
        OPENING_QUOTE.test(block.text) ||
        /^\s*[—–]\s*\p{L}/u.test(block.text) ||
        // A letter ("Dear Anna," … "Love, Mum") may open or close a story beside a scene break.
        /,$/.test(block.text.trim()) ||
        (edge === 'bottom' && LETTER_CLOSE.test(block.text.trim())),
    )
  )
    return false;
  // AO3's "(See the end of the work for more notes.)" is its own line, not a line of story.
  return (
    list.filter(
      (block) =>
        storyLike(ctx, block) && !LABELLED_PROSE.test(block.text) && !AO3_NOTES_POINTER.test(block.text.trim()),
    ).length <= 1
  );
}

/** What a note says that a story's line may say as well: a site's name (a chat), when it is set. */
const WEAK_NOTE = new Set(['names a fan fiction site', 'says when the story is set', 'continues the disclaimer']);

/**
 * A sign that a block is the author's or the site's. At the top: a label Quire knows for the work
 * (not a fact like "Status:", nor any "Name: words", as a log or a chat may open a story), a byline,
 * a dedication, the site's menus, a note. At the bottom, where a closing scene may hold a sign, a
 * dedication or a post: only a label for notes, an end marker, or a sentence to the readers.
 */
function edgeSign(ctx: Context, block: SourceBlock, edge: 'top' | 'bottom'): boolean {
  const sentences = splitSentences(block.text);
  const field = labelledField(block.text)?.field;
  const note = sentences.some((s) => {
    const verdict = judgeSentence(s, ctx.firstPersonStory);
    // "Rated PG for mild peril" on a cinema's poster in a closing scene.
    const weak = WEAK_NOTE.has(verdict.reason) || (edge === 'bottom' && verdict.reason === 'states the rating');
    return verdict.score >= 2 && !weak;
  });
  if (edge === 'bottom')
    return (
      note ||
      field === 'notes' ||
      field === 'end-notes' ||
      field === 'disclaimer' ||
      isEndMarker(sentences[0]?.trim() ?? '')
    );
  return (
    note ||
    block.chrome === true ||
    (field !== undefined && field !== 'metadata' && field !== 'warnings' && field !== 'content-warnings') ||
    isDedication(block.text) ||
    isByline(block.text)
  );
}

const wordCount = (ctx: Context, indexes: number[]) =>
  indexes.reduce((n, index) => n + ctx.blocks[index].text.split(/\s+/).length, 0);

/**
 * The header goes on, unread, down to a separator or to where the story starts (two paragraphs in
 * a row that read as story, or a long one): the lines above are of the header's kind, one of them shows it, and
 * they have far fewer words than the story below. Returns where the header ends in `blocks`.
 */
export function headerEndBelow(
  ctx: Context,
  blocks: number[],
  k: number,
  bylined = false,
  title?: string,
): number | undefined {
  let j = k;
  const end = Math.min(blocks.length, k + 16);
  for (; j < end; j++) {
    const block = ctx.blocks[blocks[j]];
    // "# Ashfall, Lightly" under "Title: Ashfall, Lightly" (MultiMarkdown metadata over an iA Writer or Scrivener
    // document): the document starts at its title, and what is between is the writer's about it.
    if (j > k && block.kind === 'heading' && title !== undefined && sameLine(block.text, title))
      return wordCount(ctx, blocks.slice(k, j)) <= 250 ? j : undefined;
    if (block.kind === 'heading' && chapterHeading(block.text.trim())) return undefined;
    if (isSeparatorBlock(block)) break;
    const next = ctx.blocks[blocks[j + 1]];
    // Two paragraphs of story in a row, or one long one (the story without its blank lines).
    const long =
      block.kind === 'paragraph' &&
      block.text.split(/\s+/).length >= 100 &&
      judgeSentence(splitSentences(block.text)[0] ?? '', ctx.firstPersonStory).score <= 0;
    if (j > k && ((storyLike(ctx, block) && next && storyLike(ctx, next)) || long)) break;
  }
  if (j === k || j === end) return undefined;
  const above = blocks.slice(k, j).map((index) => ctx.blocks[index]);
  const aboveWords = wordCount(ctx, blocks.slice(k, j));
  // The story under it: past the separator, or from where it starts.
  const story = blocks.slice(isSeparatorBlock(ctx.blocks[blocks[j]]) ? j + 1 : j);
  if (aboveWords > 250 || wordCount(ctx, story) < Math.max(100, 2 * aboveWords)) return undefined;
  // A header that named its creator needs no other sign, unless a line above reads as the story's.
  const signed = bylined && !above.some((block) => storyLike(ctx, block));
  return edgeShaped(ctx, above, 'top') && (signed || above.some((block) => edgeSign(ctx, block, 'top')))
    ? j
    : undefined;
}

function sameLine(a: string, b: string): boolean {
  return undecorated(a).toLowerCase() === undecorated(b).toLowerCase();
}

/** The same at the end: from block k up to a separator with the story above it. */
export function separatorStartingEndNotes(
  ctx: Context,
  blocks: number[],
  k: number,
  floor: number,
): number | undefined {
  let j = k;
  const end = Math.max(floor, k - 16);
  for (; j >= end; j--) {
    const block = ctx.blocks[blocks[j]];
    if (block.kind === 'heading') return undefined;
    if (isSeparatorBlock(block)) break;
  }
  if (j === k || j < end) return undefined;
  const below = blocks.slice(j + 1, k + 1).map((index) => ctx.blocks[index]);
  const belowWords = wordCount(ctx, blocks.slice(j + 1, k + 1));
  if (belowWords > 250 || wordCount(ctx, blocks.slice(floor, j)) < Math.max(100, 2 * belowWords)) return undefined;
  return edgeShaped(ctx, below, 'bottom') && below.some((block) => edgeSign(ctx, block, 'bottom')) ? j : undefined;
}

/** A block beside the story's separator that no rule read: a line kept as read, or the author's prose. */
/** At most this many words in a line between the header and the story that is only a disclaimer. */
const DISCLAIMER_WORDS = 20;

export function edgeLeftover(
  ctx: Context,
  index: number,
  part: PartName,
  chapter: number | null,
  where: string,
): Piece {
  const block = ctx.blocks[index];
  const text = block.text.trim();
  // A name the file states as its creator's (a thread's writer over their first post) stays theirs wherever it stands.
  if (block.stated?.part === 'author') return statedPiece(index, block, chapter ?? 0);
  // A summary the page marks as one (its "description" box) stays the summary.
  if (block.stated?.part === 'summary') return statedPiece(index, block, chapter ?? 0);
  // So does the title the page names (the line its <title> repeats), under the writer's note on a board.
  if (block.stated?.part === 'title' && !ctx.titleFound) {
    ctx.titleFound = true;
    return statedPiece(index, block, chapter ?? 0);
  }
  if (block.chrome) return piece(index, 'metadata', block.text, null, siteReason(block), { unsure: true });
  // "A/N: …", "Disclaimer: …": a note's own label says which it is.
  const field = labelledField(text);
  const summary = field?.field === 'summary' && part === 'notes' && chapter === null;
  if (field && field.value !== '' && (field.field === 'disclaimer' || field.field === 'notes' || summary))
    return piece(
      index,
      field.field === 'disclaimer' ? 'disclaimer' : summary ? 'summary' : part,
      field.value,
      field.field === 'disclaimer' || summary ? null : chapter,
      `the label “${field.label}”, ${where}`,
      { consumed: field.label, unsure: true },
    );
  const label = LABELLED_PROSE.exec(text);
  const value = label ? text.slice(label[0].length) : text;
  const prose =
    SENTENCE_END.test(value) ||
    value.split(/\s+/).length >= 12 ||
    splitSentences(value).some((s) => judgeSentence(s, ctx.firstPersonStory).score >= 2);
  if (!prose || fieldShaped(text))
    return piece(index, 'metadata', block.text, null, `a line ${where}`, { unsure: true });
  // "Pluk, Dolf en Zaza zijn van Annie M.G. Schmidt, niet van mij!": a short note that only says who owns
  // the characters (a longer one, its sentences not told apart, may say more).
  const disclaimer =
    part === 'notes' &&
    value.split(/\s+/).length <= DISCLAIMER_WORDS &&
    splitSentences(value).every((s) =>
      ['says who owns the characters', 'continues the disclaimer'].includes(
        judgeSentence(s, ctx.firstPersonStory).reason,
      ),
    );
  return piece(index, disclaimer ? 'disclaimer' : part, value, chapter, `the author’s words ${where}`, {
    unsure: true,
    ...(label ? { consumed: label[0].trim() } : { html: block.html }),
  });
}

/**
 * A short block that is clearly the author's: a sentence that says so plainly, most of its sentences
 * a note, and its sentence at the story's side (`edge`) a note too.
 */
function clearNote(ctx: Context, text: string, edge: 'first' | 'last'): boolean {
  if (endsInTypedOnMessage(ctx, text)) return false;
  const sentences = splitSentences(text);
  // "Hết. Cảm ơn mọi người đã đọc!": the story's end marker, then the note.
  if (edge === 'first' && sentences.length > 1 && isEndMarker(sentences[0])) sentences.shift();
  const scores = sentences.map((s) => judgeSentence(s, ctx.firstPersonStory).score);
  return (
    text.split(/\s+/).length <= 80 &&
    scores.some((score) => score >= 2) &&
    scores.filter((score) => score > 0).length / sentences.length >= 0.5 &&
    (edge === 'first' ? scores[0] : scores[scores.length - 1]) > 0
  );
}

/** A sentence's end, maybe with a footnote's mark ("… a larger cow.[1]"): a closing bracket alone ("Lamplight (oneshot, K+)") is not one. */
const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*(?:\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹]+)?$/u;

/**
 * Fewer than four words. Below the story, Chinese, Japanese and Korean, written without spaces,
 * count their characters (a CJK header's summary is left as it was read: as no story).
 */
function tooShortForStory(text: string, cjk: boolean): boolean {
  const characters = cjk
    ? (text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0)
    : 0;
  return text.split(/\s+/).length < 4 && characters < 12;
}

/** Reads as the story: sentences, none of them the author talking, or a character speaking. */
function storyLike(ctx: Context, block: SourceBlock, cjk = false): boolean {
  if (block.kind !== 'paragraph' || block.chrome || block.stated || isSeparatorBlock(block)) return false;
  const text = block.text.trim();
  if (OPENING_QUOTE.test(text) || /^[—–]\s*\p{L}/u.test(text)) return true;
  if (!SENTENCE_END.test(text) || tooShortForStory(text, cjk) || labelledField(text)) return false;
  return splitSentences(text).every((s) => judgeSentence(s, ctx.firstPersonStory).score <= 0);
}

/**
 * What the header's reading stopped at, above the story: lines it could not read (a site's
 * furniture, a post's subject line) and notes that say so clearly but that it did not place. The
 * story starts at the first block that reads as story, or at prose that is not clearly a note.
 */
export function aboveTheStory(ctx: Context, zone: Zone, body: number[]): void {
  if (zone.remainder) return;
  const rest = body.filter((index) => !zone.taken.has(index));
  const above: Piece[] = [];
  let start = 0;
  for (; start < Math.min(rest.length, 8); start++) {
    const index = rest[start];
    const block = ctx.blocks[index];
    if (block.kind !== 'paragraph' || block.stated || storyLike(ctx, block)) break;
    const words = block.text.split(/\s+/).length;
    if (!block.chrome && isByline(block.text)) {
      above.push(bylinePiece(index, block.text, 'a byline'));
      continue;
    }
    const next = rest[start + 1];
    if (
      !block.chrome &&
      !ctx.titleFound &&
      next !== undefined &&
      isShortLine(block.text) &&
      !fieldShaped(block.text) &&
      isByline(ctx.blocks[next].text)
    ) {
      above.push(piece(index, 'title', titleOf(block.text), null, 'a short line right above the byline'));
      continue;
    }
    // "Dear Nobody," opens a letter.
    if (block.chrome || (!SENTENCE_END.test(block.text.trim()) && !/,$/.test(block.text.trim()) && words < 12)) {
      const why = block.chrome ? siteReason(block) : 'a line above the story that Quire could not read';
      above.push(piece(index, 'metadata', block.text, null, why, { unsure: true }));
      continue;
    }
    // Ending as a note: a block that runs on into the story is the leading zone's to cut.
    if (!clearNote(ctx, block.text, 'last')) break;
    above.push(
      piece(index, 'notes', block.text, null, 'above the story, and reads as the author’s', {
        unsure: true,
        html: block.html,
      }),
    );
  }
  // Only when the story is then found, and goes on, and a note or the site's menus are among them:
  // lines alone ("London, 1888", an epigraph, "Three years earlier") may open a story.
  if (above.length === 0 || start + 1 >= rest.length || !storyLike(ctx, ctx.blocks[rest[start]])) return;
  if (!above.some((p) => p.part === 'notes' || ctx.blocks[p.block].chrome)) return;
  if (above.some((p) => p.part === 'title')) ctx.titleFound = true;
  for (const p of above) {
    zone.pieces.push(p);
    zone.taken.add(p.block);
  }
  zone.pieces = orderByBlock(zone.pieces);
}

/** A letter's close and signature: "Your friend always,\nAnne", "Love, Mum", "Moony". */
const LETTER_CLOSE =
  /^(?:(?:(?:with\s+)?(?:all\s+(?:my\s+)?)?love|yours(?:\s+\p{L}+)?|your\s+\p{L}+(?:\s+\p{L}+)?\s+(?:always|forever|ever)|sincerely|ever\s+yours|always)[,.!]?\s*(?:\n?\s*\p{Lu}[\p{L}.'’ -]{0,30})?|\p{Lu}\p{Ll}+)$/iu;

/**
 * At the end of the file, what the end notes' reading stopped at below the story: the site's
 * furniture, lines it could not read (a signature, a reply's header) and clear notes. Taken only
 * when the story is found above them and a note or the site's menus are among them.
 */
export function belowTheStory(ctx: Context, zone: Zone, body: number[], scope: Scope, chapter: number): void {
  if (zone.remainder) return;
  const rest = body.filter((index) => !zone.taken.has(index));
  const below: Piece[] = [];
  let end = rest.length - 1;
  for (; end >= Math.max(0, rest.length - 8); end--) {
    const index = rest[end];
    const block = ctx.blocks[index];
    // "Discussion about this post": a page's heading under the story, no chapter's.
    const pageHeading = block.kind === 'heading' && chapterHeading(block.text.trim()) === undefined;
    // "(continued in part two)", a rule, then the next post's subject line: the rule is the notes'.
    if (isSeparatorBlock(block)) {
      below.push(
        piece(index, 'separator', '', null, 'a separator among the lines below the story', {
          consumed: breakWords(block.text),
        }),
      );
      continue;
    }
    // A line the file keeps apart (a wiki page's macro or comment) is passed over, as the site's lines are.
    if (block.stated?.part === 'metadata' && block.kind === 'paragraph') {
      below.push(statedPiece(index, block, chapter));
      continue;
    }
    if ((block.kind !== 'paragraph' && !pageHeading) || block.stated || storyLike(ctx, block, true)) break;
    const words = block.text.split(/\s+/).length;
    // A post's subject line, "Fic: The Quiet Part (due South, Fraser & Kowalski, 2/2)", is no sentence either.
    const unread = !SENTENCE_END.test(block.text.trim()) && words < 20 && !clearNote(ctx, block.text, 'first');
    // "#pikmin #my writing": the post's tags, as Tumblr shows them under it.
    if (!block.chrome && HASHTAG_LINE.test(block.text.trim())) {
      below.push(
        piece(index, 'metadata', hashtagsOf(block.text), null, 'a line of tags (“#…”)', { field: 'freeform' }),
      );
      continue;
    }
    if (block.chrome || unread) {
      const why = block.chrome ? siteReason(block) : 'a line below the story that Quire could not read';
      below.push(piece(index, 'metadata', block.text, null, why, { unsure: true }));
      continue;
    }
    // Starting as a note: a block where the story runs on into a note is the end zone's to cut.
    if (!clearNote(ctx, block.text, 'first')) break;
    // "Please write soon." over "Your friend always, Anne": a letter in the story, signed, not a note.
    const under = below.at(-1);
    if (under && !ctx.blocks[under.block].chrome && under.part === 'metadata' && LETTER_CLOSE.test(under.text.trim()))
      return;
    const [opening, ...after] = splitSentences(block.text);
    const marker = after.length > 0 && isEndMarker(opening) ? opening : undefined;
    below.push(
      piece(
        index,
        notesPart(scope, true),
        marker ? after.join(' ') : block.text,
        scope === 'work' ? null : chapter,
        marker ? `after the end of the story (“${marker}”)` : 'below the story, and reads as the author’s',
        marker ? { unsure: true, consumed: marker } : { unsure: true, html: block.html },
      ),
    );
  }
  if (below.length === 0 || end < 1 || !storyLike(ctx, ctx.blocks[rest[end]], true)) return;
  if (!below.some((p) => p.part === notesPart(scope, true) || ctx.blocks[p.block].chrome)) return;
  // A separator right under the story's last line, with nothing of the author's between: it stays a scene break.
  while (below.at(-1)?.part === 'separator') below.pop();
  for (const p of below) zone.taken.add(p.block);
  zone.pieces = orderByBlock([...zone.pieces, ...below]);
}

/** "Title: The Quiet Part", "Author: northern_lights_fic": a label naming the work or its creator, and its value. */
function namingField(text: string): boolean {
  const field = labelledField(text.trim());
  return field !== undefined && field.value !== '' && (field.field === 'title' || field.field === 'author');
}

/**
 * "十年目のケンタウル祭" over "白鳥区のこよみ" over "#銀河鉄道の夜 #ジョバンニ …", under the site's menus: a novel
 * page's title, its writer, then its tags, as pixiv shows them.
 */
function titleOverTags(ctx: Context, zone: Zone, left: number[]): void {
  if (ctx.titleFound) return;
  const at = left.findIndex((index) => HASHTAG_LINE.test(ctx.blocks[index].text.trim()));
  if (at < 2) return;
  const [title, name] = [left[at - 2], left[at - 1]].map((index) => ctx.blocks[index]);
  const line = (block: SourceBlock) =>
    block.kind === 'paragraph' && !block.chrome && !block.text.includes('\n') && isShortLine(block.text);
  if (!line(title) || !line(name) || !isTitleLike(title.text) || /[.!?。！？、，,]/u.test(name.text)) return;
  zone.pieces.push(
    piece(left[at - 2], 'title', titleOf(title.text), null, 'the title over its writer and tags', { unsure: true }),
  );
  zone.pieces.push(
    piece(left[at - 1], 'metadata', name.text.trim(), null, 'the writer under the title, over the tags', {
      field: 'author',
      unsure: true,
    }),
  );
  zone.taken.add(left[at - 2]);
  zone.taken.add(left[at - 1]);
  ctx.titleFound = true;
}

/** A writer's name as a newsletter shows it over the post's day: two to four capitalised words. */
const WRITER_NAME = /^\p{Lu}[\p{L}'’-]*(?: \p{Lu}[\p{L}'’.-]*){1,3}$/u;
const MONTH_NAME = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\p{L}{0,7}\.?`;
/** "Mar 3", "March 3, 2025", "3 Mar 2025": the day a post was sent. */
const POST_DAY = new RegExp(
  String.raw`^(?:${MONTH_NAME}\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}\.?\s+${MONTH_NAME}(?:\s+\d{4})?)$`,
  'iu',
);

/** "Camp Wanakee", "Harrow Hall", "Fort Augustus": a place, as a letter or a diary heads itself with where it was written. */
const PLACE_NAME =
  /^(?:camp|fort|lake|mount|port|castle|hotel|hospital)\s|\s(?:street|road|avenue|lane|hall|house|manor|farm|castle|hospital|school|academy|college|station|base|camp|bay|harbou?r|island|lake|park|city|town|village|county|barracks|ward)$/iu;
/** "Dear Mom,", "My dearest Kit,": a letter's salutation to one reader; a newsletter greets its readers ("Hi friends,"). */
const LETTER_SALUTATION =
  /^(?:my\s+)?(?:dear|dearest)\s+(?!(?:all|everyone|everybody|readers|friends|subscribers|folks)\b)\p{L}[\p{L}'’. -]{0,30},$/iu;

/** "Camp Wanakee" over "July 3" over "Dear Mom,": a letter in the story, where and when it was written over whom it is to. */
function letterHeading(text: string, next: string): boolean {
  const [where, day, ...rest] = text.trim().split('\n');
  return (
    rest.length === 0 &&
    day !== undefined &&
    POST_DAY.test(day.trim()) &&
    LETTER_SALUTATION.test(next.trim()) &&
    where.trim().length <= 40
  );
}

/**
 * Above the first of several chapters, what the header's reading left is no chapter of its own when
 * it holds no story: no two blocks in a row that read as story, a few lines and notes. A site's
 * furniture and the lines it could not read are kept as read; prose is the work's note, unsure.
 */
export function headerWithoutStory(ctx: Context, zone: Zone, blocks: number[]): void {
  const left = blocks.filter((index) => !zone.taken.has(index));
  const words = left.reduce((n, index) => n + ctx.blocks[index].text.split(/\s+/).length, 0);
  const story = left.some(
    (index, i) => storyLike(ctx, ctx.blocks[index]) && i + 1 < left.length && storyLike(ctx, ctx.blocks[left[i + 1]]),
  );
  const apart = (index: number) => isSeparatorBlock(ctx.blocks[index]);
  // A heading that only labels what is under it: Inkitt's "Summary" over its blurb.
  const label = (index: number) => {
    const field = labelledField(ctx.blocks[index].text.trim());
    return field?.value === '' && (field.field === 'summary' || field.field === 'notes') ? field : undefined;
  };
  // A forum post's header: the poster's name in a heading of its own, the name the header already gave as the writer's.
  const posters = new Set(zone.pieces.filter((p) => p.field === 'author').map((p) => p.text.trim()));
  const poster = (index: number) => ctx.blocks[index].kind === 'heading' && posters.has(ctx.blocks[index].text.trim());
  if (
    story ||
    words > 150 ||
    left.some((i) => ctx.blocks[i].kind !== 'paragraph' && !apart(i) && !label(i) && !poster(i))
  )
    return;
  // "Title: …", "Author: …" under a page's lines: the header starts at its fields, read from there down.
  if (left.some((index) => namingField(ctx.blocks[index].text))) return;
  titleOverTags(ctx, zone, left);
  // The first line of the file's own, under the site's lines above it ("View this post on the web at …"), unless a
  // label's ("Topic: …", a forum's).
  const firstOwn = blocks.find((index) => !ctx.blocks[index].chrome);
  let labelled: { part: 'summary' | 'notes'; label: string } | undefined;
  for (const [i, index] of left.entries()) {
    if (zone.taken.has(index)) continue;
    const block = ctx.blocks[index];
    if (poster(index)) {
      zone.pieces.push(piece(index, 'metadata', block.text, null, 'the poster’s name over the post', { unsure: true }));
      zone.taken.add(index);
      continue;
    }
    // The story starts there, above the first chapter's heading: a letter's own heading and salutation.
    if (letterHeading(block.text, ctx.blocks[left[i + 1]]?.text ?? '')) {
      for (const story of left.slice(i)) {
        zone.pieces.push(
          piece(story, 'text', ctx.blocks[story].text, 0, 'a letter in the story, above the first chapter’s heading', {
            html: ctx.blocks[story].html,
          }),
        );
        zone.taken.add(story);
      }
      break;
    }
    const field = label(index);
    if (field) {
      labelled = { part: field.field === 'summary' ? 'summary' : 'notes', label: field.label };
      zone.pieces.push(piece(index, labelled.part, '', null, `the label “${field.label}”`, { consumed: field.label }));
      zone.taken.add(index);
      continue;
    }
    if (labelled && !block.chrome && block.kind === 'paragraph') {
      // Under a note's label, a paragraph that only says whose the characters are is the disclaimer ("■作者からのひとこと").
      const part =
        labelled.part === 'notes' && wholeDisclaimer(block.text, ctx.firstPersonStory) ? 'disclaimer' : labelled.part;
      zone.pieces.push(
        piece(index, part, block.text, null, `under the label “${labelled.label}”`, { html: block.html }),
      );
      zone.taken.add(index);
      continue;
    }
    if (apart(index)) {
      zone.pieces.push(
        piece(index, 'separator', '', null, 'a separator above the first chapter', {
          consumed: breakWords(block.text),
        }),
      );
      zone.taken.add(index);
      continue;
    }
    // "Zapach burzy" over "~ Wiedźmin fanfiction ~" at the top, with no title read: the title, and what it is.
    const [first, ...under] = block.text.split('\n');
    const top = index === blocks[0] || (index === firstOwn && !fieldShaped(first));
    if (!ctx.titleFound && top && !block.chrome && isTitleLike(first)) {
      zone.pieces.push(
        piece(index, 'title', titleOf(first), null, 'the first line, above the first chapter', { unsure: true }),
      );
      for (const line of under) {
        const fandom = ficDescriptor(line);
        // "THE GUNROOM CAT" / "a Hornblower story" / "by Midshipman Easy (aka Ruth Penhallow)": the byline
        // under them, an aside after the name no part of it.
        if (!fandom && isByline(line.replace(/^(\S.*?)\s+[([][^()[\]]{1,40}[)\]]$/u, '$1'))) {
          zone.pieces.push(bylinePiece(index, line, 'a byline'));
          continue;
        }
        // "#fic/doc-martin #wip/done": the note's tags, as Bear and other note apps keep them under its title.
        if (HASHTAG_LINE.test(line.trim())) {
          zone.pieces.push(
            piece(index, 'metadata', hashtagsOf(line), null, 'a line of tags (“#…”)', {
              field: 'freeform',
              consumed: line.trim(),
            }),
          );
          continue;
        }
        zone.pieces.push(
          fandom
            ? piece(index, 'metadata', fandom, null, 'says what the story is, under its title', {
                field: 'fandom',
                consumed: line.trim(),
              })
            : piece(index, 'metadata', line, null, 'a line of the header Quire could not read', { unsure: true }),
        );
      }
      zone.taken.add(index);
      ctx.titleFound = true;
      continue;
    }
    // "FUNERAL BRANDY" over "by ladyalys_fan" under a letter to the beta and a rule, with no title read:
    // the story's own title and byline, further down than the top.
    if (!ctx.titleFound && !block.chrome && under.length === 1 && isTitleLike(first) && isByline(under[0])) {
      zone.pieces.push(piece(index, 'title', titleOf(first), null, 'a title with its byline on the next line'));
      zone.pieces.push(bylinePiece(index, under[0], 'a byline'));
      zone.taken.add(index);
      ctx.titleFound = true;
      continue;
    }
    // "Felicity Crane" over "Mar 3" under the title: a newsletter's post, its writer over the day it was sent.
    if (
      ctx.titleFound &&
      !block.chrome &&
      under.length === 1 &&
      WRITER_NAME.test(first.trim()) &&
      !PLACE_NAME.test(first.trim()) &&
      POST_DAY.test(under[0].trim()) &&
      !zone.pieces.some((p) => p.field === 'author')
    ) {
      zone.pieces.push(
        piece(index, 'metadata', first.trim(), null, 'a name over the day the post was sent, under the title', {
          field: 'author',
        }),
      );
      zone.pieces.push(piece(index, 'metadata', under[0].trim(), null, 'the day the post was sent'));
      zone.taken.add(index);
      continue;
    }
    const described = block.chrome || ctx.titleFound ? undefined : titleAndKindByline(index, block.text);
    if (described) {
      zone.pieces.push(...described);
      zone.taken.add(index);
      ctx.titleFound = true;
      continue;
    }
    if (!block.chrome && isByline(block.text)) {
      zone.pieces.push(bylinePiece(index, block.text, 'a byline'));
      zone.taken.add(index);
      continue;
    }
    // The short line over the byline is the title, not the first line (a site's name, its menus).
    const next = left[left.indexOf(index) + 1];
    if (
      !block.chrome &&
      next !== undefined &&
      isShortLine(block.text) &&
      !fieldShaped(block.text) &&
      isByline(ctx.blocks[next].text) &&
      labelledField(ctx.blocks[next].text) === undefined
    ) {
      const guessed = zone.pieces.filter((p) => p.part === 'title' && p.unsure);
      // A title the file sets as its heading ("# The Weight of a Moth") is no site's line over it.
      if (guessed.some((p) => !menusBetween(ctx, p.block, index) || ctx.blocks[p.block].kind === 'heading')) {
        zone.pieces.push(piece(index, 'metadata', block.text, null, 'a line above a byline', { unsure: true }));
        zone.taken.add(index);
        continue;
      }
      for (const p of guessed) Object.assign(p, { part: 'metadata', reason: 'a line above the title and its byline' });
      zone.pieces.push(piece(index, 'title', titleOf(block.text), null, 'a short line right above the byline'));
      zone.taken.add(index);
      ctx.titleFound = true;
      continue;
    }
    // "《雪落在湖心》作者：北纬四十度的猫" under the site's name and menus: the title and its byline, not the site's name.
    const both = block.chrome ? undefined : titleWithByline(block.text);
    const guessed = zone.pieces.filter((p) => p.part === 'title' && p.unsure);
    if (
      both &&
      (!ctx.titleFound || guessed.length > 0) &&
      guessed.every((p) => menusBetween(ctx, p.block, index) && ctx.blocks[p.block].kind !== 'heading')
    ) {
      for (const p of guessed) Object.assign(p, { part: 'metadata', reason: 'a line above the title and its byline' });
      zone.pieces.push(piece(index, 'title', both.title, null, 'a title and its byline on one line'));
      zone.pieces.push(bylinePiece(index, both.byline, 'a byline'));
      zone.taken.add(index);
      ctx.titleFound = true;
      continue;
    }
    zone.pieces.push(edgeLeftover(ctx, index, 'notes', null, 'between the header and the first chapter'));
    zone.taken.add(index);
  }
  zone.pieces = orderByBlock(zone.pieces);
}
