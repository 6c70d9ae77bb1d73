/**
 * Chapters: the headings that start them (marked, numbered or spelled out) and the sections between.
 */
import type { SourceBlock } from './blocks.ts';
import {
  chapterHeading,
  isDayLine,
  isEndMarker,
  isSceneBreak,
  isTitleLike,
  labelledField,
  noteStrength,
  titleWithByline,
  type HeadingCue,
} from './cues.ts';

export interface Section {
  heading: { block: number; cue: HeadingCue } | null;
  blocks: number[];
}

/** The heading of a page's comments: what follows is readers', not the author's. */
export const COMMENTS_HEADING =
  /^(?:comments?|reviews?|share this:?|like this:?|related(?: posts| stories| works)?|leave a (?:reply|comment)|discussion about this post|you(?: may| might|['’]ll) also like|bunları da beğenebilirsin|también te (?:gustará|puede gustar)|você também vai gostar|vous aimerez aussi|das könnte dir auch gefallen|potrebbe piacerti anche|kamu mungkin juga suka|recommended reviews|おすすめレビュー|応援コメント|comentários|comentarios|commentaires|kommentare|commenti|komentarze|комментарии|отзывы|komentar|yorumlar|bình luận|コメント|댓글|评论|kummenti|komentoj|tuairimí|beachdan|коментари|şərhlər|komen|komente)\s*(?:\(\d+\))?$/iu;

/** A page's count of the comments under a post ("214 comments", "214 bình luận", Facebook's and blogs'): what follows is readers'. */
export const COMMENTS_COUNT =
  /^\d[\d.,]*\s*[KkMm]?\s+(?:comments?|bình luận|kommentare|commentaires|comentários|comentarios|commenti|komentarze|komentar|yorum|комментари\p{L}{0,3}|коментар\p{L}{0,3}|댓글|评论|コメント)$/iu;

/**
 * Headings that label what is under them ("Notas do Autor", "End Notes") or a site's comments
 * ("Comentários"), not chapters. A one-word one ("Notes", "Update", "Comments") may be a chapter's
 * title; it is a label only where the page also has a label heading of several words, or is laid
 * out in sections ("Description", "Foreword", "Afterword", "Comments": a site's page, not chapters).
 */
function labelHeadings(blocks: SourceBlock[]): Set<number> {
  const one = new Set<number>();
  const several = new Set<number>();
  const kinds = new Set<string>();
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading' || block.stated) return;
    const text = block.text.trim();
    const field = labelledField(text);
    const comments = COMMENTS_HEADING.test(text);
    if ((field === undefined || field.value !== '') && !comments) return;
    // "Comments" over a line or two (a wiki page's section where the writer asks for them): a label, not a chapter.
    (/[\s/]/.test(text) || (comments && writerAsksUnder(blocks, index)) ? several : one).add(index);
    // A site's description is a blurb; a "Description" heading over more is a story's own section.
    if (field?.field === 'summary' && wordsUnder(blocks, index) > 100) return;
    kinds.add(comments ? 'comments' : field!.field);
  });
  // A page's sections: a description above the story, or notes both before and after it; or a
  // site's blurb under its own heading right above the story's first heading (Inkitt's "Summary").
  const page =
    (kinds.size >= 2 && (kinds.has('summary') || (kinds.has('notes') && kinds.has('end-notes')))) ||
    [...one].some(
      (index) => labelledField(blocks[index].text.trim())?.field === 'summary' && blurbAbove(blocks, index),
    );
  return several.size > 0 || page ? new Set([...several, ...one]) : several;
}

/** Under the heading, a line or two (the page's categories after them at most), the first the writer's asking for comments. */
function writerAsksUnder(blocks: SourceBlock[], heading: number): boolean {
  let first: SourceBlock | undefined;
  for (let i = heading + 1; i < blocks.length && blocks[i].kind !== 'heading' && !first; i++)
    if (blocks[i].kind === 'paragraph' && !blocks[i].chrome && !blocks[i].stated) first = blocks[i];
  return first !== undefined && noteStrength(first.text) === 2 && wordsUnder(blocks, heading) < CHAPTER_WORDS_BETWEEN;
}

/** Under the heading, a blurb (at most 100 words) and then a chapter's heading. */
function blurbAbove(blocks: SourceBlock[], heading: number): boolean {
  if (wordsUnder(blocks, heading) > 100) return false;
  const next = blocks.findIndex((b, i) => i > heading && b.kind === 'heading');
  return next !== -1 && chapterHeading(blocks[next].text) !== undefined;
}

/** Words in the blocks under a heading, up to the next heading. */
function wordsUnder(blocks: SourceBlock[], heading: number): number {
  let words = 0;
  for (let i = heading + 1; i < blocks.length && blocks[i].kind !== 'heading'; i++)
    words += blocks[i].text.split(/\s+/).filter(Boolean).length;
  return words;
}

/**
 * The heading level that divides chapters in formatted input: the highest level used more than
 * once ("Heading 1" for each chapter of a .docx, under a single title).
 */
function chapterLevel(blocks: SourceBlock[], labels: Set<number>): number | undefined {
  const counts = new Map<number, number>();
  blocks.forEach((block, index) => {
    if (block.kind === 'heading' && block.level && !block.stated && !labels.has(index))
      counts.set(block.level, (counts.get(block.level) ?? 0) + 1);
  });
  const level = [...counts.keys()].sort((a, b) => a - b).find((level) => counts.get(level)! >= 2);
  // Chapters headed "Luku 1 – Lyhty", "Luku 2 – Ranta" in the posts' text: the headings the page
  // puts over each post (its poster's name) head no chapter.
  const shaped = blocks.filter((block) => !block.stated && !block.chrome && chapterHeading(block.text.trim()));
  if (shaped.length >= 2 && shaped.every((block) => block.kind !== 'heading' || block.level !== level))
    return undefined;
  return level;
}

function headingCue(block: SourceBlock, level: number | undefined, label: boolean): HeadingCue | undefined {
  if (block.stated?.part === 'chapter-heading') return { marker: '', title: block.stated.title };
  if (block.stated || block.chrome || label) return undefined;
  const cue = chapterHeading(block.text);
  if (cue) return cue;
  if (block.kind === 'heading' && level !== undefined && block.level === level && !isSceneBreak(block.text) && !label)
    return { marker: '', title: block.text };
  return undefined;
}

/**
 * "1." / "1. The Ticket" / "II." / "ii." / "1 | Partner" / "3) Home" alone on a line; "#1." as a blog's
 * posts number their parts.
 */
const NUMBERED_LINE = /^#?(?:(\d{1,3})|([IVXLC]{1,7}|[ivxlc]{1,7}))(\.|\s*[|)]|\s+[-–—:])(?:\s+(\S.{0,78}))?$/;
/** "一、最后一晚", "二、": a Chinese story's parts numbered in Han numerals before the enumeration comma. */
const HAN_NUMBERED_LINE = /^([一二三四五六七八九十]{1,3})[、．]\s*(\S.{0,30})?$/u;
/** The "+1" after the numbered parts of a "five times … and one time …" story: the last part. */
const PLUS_ONE = /^[\s~*=#_\-–—[\]<>|•·]*\+\s?(?:1|one)\.?[\s~*=#_\-–—[\]<>|•·]*$/i;
const SPELLED_NUMBERS =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  );
/** "One: A Clock Without Hands", "Two – Orange and Ginger": a number spelled out, then the title. */
const SPELLED_LINE = new RegExp(`^(${SPELLED_NUMBERS.join('|')})\\s*[:.\\-–—]\\s+(\\S.{0,78})$`, 'i');
/** "One", "~ 2 ~", "III" alone on a line. */
const BARE_NUMBER_LINE = new RegExp(
  `^[\\s~*=#_\\-–—[\\]<>|•·]*(\\d{1,3}|[IVXLC]{1,7}|${SPELLED_NUMBERS.join('|')})[\\s~*=#_\\-–—[\\]<>|•·]*$`,
  'i',
);

/** "(i)", "(ii)", "(3)" alone on a line: a part's number in brackets, as a list message's plain text heads its parts. */
const BRACKETED_NUMBER_LINE = /^\(\s*(\d{1,3}|[IVXLC]{1,7})\s*\)$/i;

/** "— 1 — Calcifer", "~ 2 ~ The Street", "-= 3 =- Excuses": a number between ornaments, the chapter's name after it. */
const ORNAMENTED_TITLED = new RegExp(
  `^([~*=#\\-–—•]{1,3})\\s*(\\d{1,3}|[IVXLC]{1,7}|${SPELLED_NUMBERS.join('|')})\\s*([~*=#\\-–—•]{1,3})\\s+(\\S.{0,78})$`,
  'i',
);

/** "❦ i. the dice ❦", "~ 1. The Road ~": a numbered line between the same ornament on both sides, as centred headings have it. */
const ORNAMENTS_AROUND = /^([\p{So}~*=•·]{1,3})\s+(\S.*?\S)\s+([\p{So}~*=•·]{1,3})$/u;

function withoutOrnaments(text: string): string {
  const around = ORNAMENTS_AROUND.exec(text);
  return around && [...around[1]].reverse().join('') === around[3] ? around[2] : text;
}

/** "~ 2 ~", "III", "Two" alone on a line: a chapter's number, read as a heading where its place says so. */
export function isBareNumberLine(text: string): boolean {
  return !isSceneBreak(text) && (BARE_NUMBER_LINE.test(text.trim()) || BRACKETED_NUMBER_LINE.test(text.trim()));
}

/** "(2/2)", "Part 2 of 3" alone on a line: a serial's part by its place, read as a heading where its place says so. */
export function isPartPlaceLine(text: string): boolean {
  const match = text.length <= 40 ? PART_OF.exec(text.trim()) : null;
  return match !== null && !match[1];
}

function romanValue(numeral: string): number {
  const values: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100 };
  let total = 0;
  for (let i = 0; i < numeral.length; i++) {
    const value = values[numeral[i]];
    total += value < (values[numeral[i + 1]] ?? 0) ? -value : value;
  }
  return total;
}

/**
 * Chapters numbered without the word "chapter" ("1. The Ticket", "II."): taken as headings only
 * when such lines, each standing alone, count 1, 2, 3 … through the file (a list in the story
 * would stand in one place, not spread out with prose between).
 */
function numberedHeadings(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const found: [number, number, HeadingCue][] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph' || block.stated || block.chrome || block.text.includes('\n')) return;
    if (found.length > 0 && PLUS_ONE.test(block.text)) {
      found.push([index, found[found.length - 1][1] + 1, { marker: block.text.trim(), title: null }]);
      return;
    }
    const bare = isSceneBreak(block.text)
      ? null
      : (BARE_NUMBER_LINE.exec(block.text.trim()) ?? BRACKETED_NUMBER_LINE.exec(block.text.trim()));
    if (bare) {
      const word = SPELLED_NUMBERS.indexOf(bare[1].toLowerCase());
      const number = word >= 0 ? word + 1 : /^\d/.test(bare[1]) ? Number(bare[1]) : romanValue(bare[1].toUpperCase());
      found.push([index, number, { marker: bare[1], title: null }]);
      return;
    }
    const ornamented = ORNAMENTED_TITLED.exec(block.text.trim());
    // The same ornament on both sides (or mirrored, "-= 1 =-"), a name after that looks like one.
    if (ornamented && [...ornamented[1]].reverse().join('') === ornamented[3]) {
      const title = ornamented[4].trim();
      const word = SPELLED_NUMBERS.indexOf(ornamented[2].toLowerCase());
      const number =
        word >= 0
          ? word + 1
          : /^\d/.test(ornamented[2])
            ? Number(ornamented[2])
            : romanValue(ornamented[2].toUpperCase());
      if (/^[\p{Lu}\p{Lo}\p{N}"“'‘]/u.test(title) && !/[.!?,;]["”’]?$/u.test(title) && title.split(/\s+/).length <= 8)
        found.push([index, number, { marker: ornamented[2], title }]);
      return;
    }
    const spelled = SPELLED_LINE.exec(block.text.trim());
    if (spelled) {
      const title = spelled[2].trim();
      if (/^\p{Lu}/u.test(title) && !/[.!?,;]["”’]?$/u.test(title) && title.split(/\s+/).length <= 8)
        found.push([index, SPELLED_NUMBERS.indexOf(spelled[1].toLowerCase()) + 1, { marker: spelled[1], title }]);
      return;
    }
    const han = HAN_NUMBERED_LINE.exec(block.text.trim());
    if (han) {
      if (!/[。！？，；…!?]/u.test(han[2] ?? ''))
        found.push([index, hanValue(han[1]), { marker: han[1], title: han[2] ?? null }]);
      return;
    }
    const match = NUMBERED_LINE.exec(withoutOrnaments(block.text.trim()));
    if (!match) return;
    const title = match[4]?.trim() ?? null;
    if (title && (/[.!?]["”’]?$/.test(title) || title.split(/\s+/).length > 10)) return;
    // "1 | Partner", "2) Home": after a bar or a dash only a title that looks like one ("1 - and then the fog came…" is prose).
    if (
      match[3] !== '.' &&
      (!title || !/^[\p{Lu}\p{N}\p{Lo}"“'‘]/u.test(title) || /[-–—,;]$/.test(title) || title.split(/\s+/).length > 8)
    )
      return;
    const number = match[1] ? Number(match[1]) : romanValue(match[2].toUpperCase());
    found.push([index, number, { marker: match[1] ?? match[2], title }]);
  });
  const cues = new Map<number, HeadingCue>();
  // "— ii —" between ornaments over the second part, the first part unheaded, a part's worth of story above it.
  const wordsIn = (from: number, to?: number) =>
    blocks.slice(from, to).reduce((n, b) => n + (b.kind === 'paragraph' ? b.text.split(/\s+/u).length : 0), 0);
  const unheadedFirst =
    found[0]?.[1] === 2 &&
    blocks[found[0][0]].text.trim() !== found[0][2].marker &&
    BARE_NUMBER_LINE.test(blocks[found[0][0]].text.trim()) &&
    wordsIn(0, found[0][0]) >= PART_WORDS &&
    wordsIn(found[0][0] + 1) >= PART_WORDS;
  if (found.length < (unheadedFirst ? 1 : 2) || (found[0][1] !== 1 && !unheadedFirst)) return cues;
  const first = unheadedFirst ? 2 : 1;
  for (let i = 0; i < found.length; i++) {
    // Each number the next, with story between.
    if (found[i][1] !== i + first || (i > 0 && found[i][0] - found[i - 1][0] < 2)) return new Map();
    cues.set(found[i][0], found[i][2]);
  }
  return cues;
}

/** "Part 1/2", "Motel Ice (2/2) [PG]", "Part 2 of 3": a serial posted in parts to a mailing list or newsgroup. */
const PART_OF =
  /^[\s[(~*=-]*(?:(\S.{0,79}?)\s+)?[([]?(part\s+)?(\d{1,2})\s*(\/|of)\s*(\d{1,2})[)\]]?(?:\s*\[[^\]]{1,24}\])*[\s\])~*=-]*$/iu;
/** A part is a post's worth of story, not a scene or a step. */
const PART_WORDS = 80;
/** Parts numbered only "1/4" … "4/4" may be drabbles, a hundred words or so each. */
const DRABBLE_WORDS = 50;

/**
 * The parts of a serial, each headed with its place among them ("Carol (1/2)" … "Carol (2/2)"):
 * taken as chapter headings only when they count 1, 2 … of the same total in order, each over a
 * post's worth of story, and not right under another chapter heading. "n of m" after a name needs
 * the word "Part" ("Day 1 of 14" is a diary's); alone on its line ("1 of 2") it heads a part. The name repeated on each part is the work's, not the chapter's.
 */
function postedParts(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const found: { index: number; name: string; number: number; of: number; bare: boolean }[] = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'break' || block.stated || block.chrome || block.text.includes('\n')) return;
    // "n/m" is near the end of a short line: a story's paragraphs go untested.
    if (block.text.length > 120 || !/\d/.test(block.text.slice(-40))) return;
    const match = PART_OF.exec(block.text.trim());
    // "Day 1 of 14" is a diary's; "1 of 2" alone, as a blog's parts are headed, is a part.
    if (!match || (match[4].toLowerCase() === 'of' && !match[2] && match[1])) return;
    // "Mom: call me when you land (1/2)" is a text message, not a part.
    if (match[1] && /[.!?:：]$|[:：]\s/u.test(match[1])) return;
    const bare = !match[1] && !match[2];
    found.push({ index, name: (match[1] ?? '').toLowerCase(), number: Number(match[3]), of: Number(match[5]), bare });
  });
  const cues = new Map<number, HeadingCue>();
  const words = (from: number, to: number) =>
    blocks.slice(from, to).reduce((n, b) => n + (b.kind === 'break' ? 0 : b.text.split(/\s+/).length), 0);
  const least = found.every((part) => part.bare) ? DRABBLE_WORDS : PART_WORDS;
  const inOrder = found.every(
    (part, i) =>
      part.number === i + 1 &&
      part.of === found[0].of &&
      (i === 0 || words(found[i - 1].index + 1, part.index) >= least) &&
      !(part.index > 0 && chapterHeading(blocks[part.index - 1].text.trim())),
  );
  if (found.length < 2 || found[0].of < found.length || !inOrder) return cues;
  if (words(found[found.length - 1].index + 1, blocks.length) < least) return cues;
  const oneName = found.every((part) => part.name === found[0].name);
  for (const part of found) {
    const text = blocks[part.index].text.trim();
    const name = PART_OF.exec(text)![1] ?? null;
    cues.set(part.index, {
      marker: oneName || !name ? text : text.slice(name.length).trim(),
      title: oneName ? null : name,
    });
  }
  return cues;
}

/** "~ Lina ~", "** Gourry **", "-= Zelgadis =-": a short name between one ornament and its mirror, alone on its line. */
const ORNAMENTED_NAME = /^([~*=#_\-–—•·+]{1,4})\s*([\p{Lu}\p{Lo}][^.!?,;:\d]{0,38}?)\s*([~*=#_\-–—•·+]{1,4})$/u;
const NAME_WORDS = 5;

/**
 * Parts headed by names between ornaments ("~ Lina ~" … "~ Gourry ~" … "~ Zelgadis ~", each told from one
 * character's side): headings when two names or more, not all the same, each head a part's worth of story
 * and the first opens it (a "~ Flashback ~" stands in the middle of one), each a name the story says too. An end
 * mark ("~ owari ~") is none.
 */
function ornamentedNames(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const found: { index: number; name: string }[] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph' || block.stated || block.chrome || block.text.length > 50) return;
    const text = block.text.trim();
    const match = ORNAMENTED_NAME.exec(text);
    if (!match || [...match[1]].reverse().join('') !== match[3] || match[2].split(/\s+/).length > NAME_WORDS) return;
    if (isSceneBreak(text) || isEndMarker(text) || chapterHeading(text)) return;
    found.push({ index, name: match[2].trim() });
  });
  const cues = new Map<number, HeadingCue>();
  if (found.length < 2 || found.every((part) => part.name === found[0].name)) return cues;
  const words = (from: number, to: number) =>
    blocks
      .slice(from, to)
      .reduce((n, b) => n + (b.kind === 'break' || b.stated || b.chrome ? 0 : b.text.split(/\s+/).length), 0);
  if (words(0, found[0].index) >= PART_WORDS) return cues;
  const parts = found.every((part, i) => words(part.index + 1, found[i + 1]?.index ?? blocks.length) >= PART_WORDS);
  // Names, not "~ Then ~" / "~ Now ~": each is written with its capital inside a sentence of the story too.
  const story = blocks.map((b) => (b.kind === 'break' || b.stated || b.chrome ? '' : b.text)).join('\n');
  const named = (name: string) =>
    new RegExp(`[\\p{L}\\p{N},;]\\s+${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}])`, 'u').test(story);
  if (parts && found.every((part) => named(part.name)))
    for (const part of found) cues.set(part.index, { marker: '', title: part.name });
  return cues;
}

/**
 * Parts headed by the days they tell ("Monday" … "Tuesday" … "Wednesday", "Friday 5 April 1974" … "Friday night"):
 * headings when two or more, each over a chapter's worth of story, the first opening it (a story's
 * "Sunday" alone on a line in the middle of a part is none).
 */
function dayHeadings(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const found = blocks.flatMap((block, index) =>
    block.kind === 'paragraph' && !block.stated && !block.chrome && isDayLine(block.text) ? [index] : [],
  );
  const cues = new Map<number, HeadingCue>();
  if (found.length < 2) return cues;
  const words = (from: number, to: number) =>
    blocks
      .slice(from, to)
      .reduce((n, b) => n + (b.kind === 'break' || b.stated || b.chrome ? 0 : b.text.split(/\s+/).length), 0);
  if (words(0, found[0]) >= PART_WORDS) return cues;
  const next = (i: number) => found[i + 1] ?? blocks.length;
  if (found.every((index, i) => words(index + 1, next(i)) >= CHAPTER_WORDS_BETWEEN))
    for (const index of found) cues.set(index, { marker: '', title: blocks[index].text.trim() });
  return cues;
}

/** "上" / "下", "（中）", "上篇": a part of a Chinese story posted in halves or thirds, alone on its line. */
const HALF = /^[\s【[（(「]*([上中下])(?:篇|章|部|卷)?[\s】\]）)」]*$/u;

/** A story's halves (上 … 下) or thirds (上 … 中 … 下), each once, in order, with story between. */
function halves(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const found: [number, string][] = [];
  blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph' || block.stated || block.chrome) return;
    const half = HALF.exec(block.text.trim());
    if (half) found.push([index, half[1]]);
  });
  const order = found.map(([, half]) => half).join('');
  if ((order !== '上下' && order !== '上中下') || found.some(([index], i) => i > 0 && index - found[i - 1][0] < 2))
    return new Map();
  return new Map(found.map(([index]) => [index, { marker: '', title: blocks[index].text.trim() }]));
}

/**
 * A chapter's title over its notes and again over its text, as an AO3 e-book read as text gives
 * it ("Austin Friars" / "Chapter Summary" / … / "Austin Friars"): a short line that comes back
 * within a few blocks, right after a label of notes, heads a chapter.
 */
function titlesOverNotes(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const cues = new Map<number, HeadingCue>();
  blocks.forEach((block, index) => {
    if (block.kind !== 'paragraph' || block.stated || block.chrome || block.text.includes('\n')) return;
    const text = block.text.trim();
    if (!isTitleLike(text) || text.split(/\s+/).length > 8 || chapterHeading(text) || labelledField(text)) return;
    const label = blocks[index + 1] && labelledField(blocks[index + 1].text.trim());
    if (!label || label.value !== '' || (label.field !== 'notes' && label.field !== 'summary')) return;
    const again = blocks.slice(index + 2, index + 6).findIndex((b) => b.kind !== 'break' && b.text.trim() === text);
    if (again >= 0) cues.set(index, { marker: '', title: text });
  });
  return cues;
}

/** Story enough between two headings for a chapter: more than a note's few lines. */
const CHAPTER_WORDS_BETWEEN = 40;

/**
 * Chapters headed with their title and the writer's byline ("Via Margutta by Waverly's Secretary"),
 * as eFiction's printable page puts each chapter: lines of one byline standing alone, each over a
 * chapter's worth of story. The first one, over only the header's fields, is the work's title
 * ("The Affair of the Borrowed Umbrella by Waverly's Secretary" over "Rated: Teen").
 */
function bylinedTitles(blocks: SourceBlock[]): Map<number, HeadingCue> {
  const found: { index: number; byline: string }[] = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'break' || block.stated || block.chrome || block.text.includes('\n')) return;
    const both = titleWithByline(block.text);
    if (both) found.push({ index, byline: both.byline.toLowerCase() });
  });
  const cues = new Map<number, HeadingCue>();
  if (found.length < 2 || found.some((f) => f.byline !== found[0].byline)) return cues;
  const story = (from: number, to: number) =>
    blocks
      .slice(from, to)
      .filter((b) => b.kind !== 'break' && !b.chrome && !labelledField(b.text.trim()))
      .reduce((n, b) => n + b.text.split(/\s+/).length, 0);
  const heads = found.map((f) => f.index);
  if (story(heads[0] + 1, heads[1]) < CHAPTER_WORDS_BETWEEN) heads.shift();
  if (heads.length < 2) return cues;
  const ends = [...heads.slice(1), blocks.length];
  if (heads.some((head, i) => story(head + 1, ends[i]) < CHAPTER_WORDS_BETWEEN)) return cues;
  for (const head of heads) cues.set(head, { marker: '', title: blocks[head].text.trim() });
  return cues;
}

/**
 * "I. The Lesson", "iv. the lantern", "3) Home", "One: The Buckle", "一、停車場": a title after its
 * chapter's number ("2.5 Interlude" is no such number).
 */
const NUMBER_BEFORE_TITLE = new RegExp(
  `^(\\d{1,3}|[IVXLC]{1,7}|[一二三四五六七八九十]{1,3}|${SPELLED_NUMBERS.join('|')})(?:\\s*[.、．)]|\\s*:|\\s+[-–—])(?!\\d)\\s*(\\S.*)$`,
  'iu',
);
const HAN_DIGITS = '一二三四五六七八九';

function hanValue(numeral: string): number {
  const [tens, ones] = numeral.includes('十') ? numeral.split('十') : ['', numeral];
  const digit = (d: string) => HAN_DIGITS.indexOf(d) + 1;
  return (numeral.includes('十') ? (tens === '' ? 1 : digit(tens)) * 10 : 0) + (ones === '' ? 0 : digit(ones));
}

/**
 * Headings that only carry a title ("## I. The Lesson", pixiv's "[chapter:一、停車場]") keep their
 * number out of it when every such heading is numbered, counting up by one: "C. S. Lewis…" or
 * "24. Dezember" alone are titles as written; so do all but an unnumbered first one ("# Harbour"
 * over "# 1. Morning"), which is the work's title when only the header's fields are under it
 * ("# Calibration" over "Summary: …" and "# 1. Shore Leave").
 */
function numbersOffTitles(sections: Section[], blocks: SourceBlock[]): void {
  const titled = sections.filter(
    (s) =>
      s.heading &&
      s.heading.cue.title &&
      (s.heading.cue.marker === '' || s.heading.cue.marker === '[chapter]') &&
      blocks[s.heading.block].stated === undefined,
  );
  if (stripNumbers(titled)) return;
  // The chapters counting up, then the writer's words under a heading that names them ("after", "Notes"), unnumbered.
  const last = titled.at(-1)?.heading?.cue.title?.trim() ?? '';
  if (titled.length > 2 && /notes$/u.test(labelledField(`${last}:`)?.field ?? '') && stripNumbers(titled.slice(0, -1)))
    return;
  const [first, ...chapters] = titled;
  if (first === undefined) return;
  const at = sections.indexOf(first);
  if (at !== sections.findIndex((s) => s.heading !== null) || first.heading!.cue.marker !== '') return;
  if (chapters.length < 2 || !stripNumbers(chapters)) return;
  // Under it, only the header's fields ("Summary: …"); a heading over story is a chapter's.
  if (!first.blocks.every((index) => blocks[index].kind === 'break' || labelledField(blocks[index].text.trim())))
    return;
  const above = at === 0 ? [] : sections[0].blocks;
  sections.splice(0, at + 1, { heading: null, blocks: [...above, first.heading!.block, ...first.blocks] });
}

/**
 * "Cycle One: Dice", "Day 2 – The Docks", "Night III. Fog": a word of the writer's own for their chapters
 * (the same in every heading), its number, then the chapter's name after a colon, dash or full stop.
 */
const WORD_NUMBER_BEFORE_TITLE = new RegExp(
  `^(\\p{L}{2,20})\\s+(\\d{1,3}|[IVXLC]{1,7}|${SPELLED_NUMBERS.join('|')})(?:\\s*[.:]|\\s+[-–—])\\s*(\\S.*)$`,
  'iu',
);

/** Takes "1. " (or the writer's "Cycle One: ") off each heading's title when they count up by one; false when they do not. */
function stripNumbers(titled: Section[]): boolean {
  let numbered: (readonly [string, string, string] | null)[] = titled.map((s) => {
    const m = NUMBER_BEFORE_TITLE.exec(s.heading!.cue.title!.trim());
    return m ? ([m[0], m[1], m[2]] as const) : null;
  });
  // "1 Strelsau", "2 The Englishman": an outliner's numbered rows (TreeLine's), the number before the name with only a
  // space, and counting up from one (a lone "24 Hours" or "7 Minutes" keeps its number).
  if (numbered.some((m) => !m)) {
    const bare = titled.map((s) => /^(\d{1,3})\s+(?![\d.,:)])(\S.*)$/u.exec(s.heading!.cue.title!.trim()));
    if (bare.every((m, i) => m && Number(m[1]) === i + 1)) numbered = bare.map((m) => [m![0], m![1], m![2]] as const);
  }
  if (numbered.some((m) => !m)) {
    const worded = titled.map((s) => WORD_NUMBER_BEFORE_TITLE.exec(s.heading!.cue.title!.trim()));
    const word = worded[0]?.[1].toLowerCase();
    if (worded.every((m) => m && m[1].toLowerCase() === word))
      numbered = worded.map((m) => [m![0], m![2], m![3]] as const);
  }
  if (numbered.length < 2 || numbered.some((m) => !m || /[.!?]["”’]?$/u.test(m[2]))) return false;
  const values = numbered.map((m) => {
    const number = m![1];
    const word = SPELLED_NUMBERS.indexOf(number.toLowerCase());
    if (word >= 0) return word + 1;
    if (/^\d/.test(number)) return Number(number);
    return /^[IVXLC]/i.test(number) ? romanValue(number.toUpperCase()) : hanValue(number);
  });
  if (values.some((value, i) => value !== values[0] + i)) return false;
  titled.forEach((s, i) => (s.heading!.cue = { ...s.heading!.cue, title: numbered[i]![2].trim() }));
  return true;
}

/**
 * A one-page site's section after the story ("dni / byf", "links", "about me"), headed at the level
 * of the parts' headings ("part one", "part two") but named as no part, with less than a part's
 * worth under it: the page's end, not a chapter.
 */
function sectionsAfterParts(blocks: SourceBlock[], level: number | undefined, labels: Set<number>): Set<number> {
  const after = new Set<number>();
  if (level === undefined) return after;
  const atLevel = [...blocks.keys()].filter(
    (i) => blocks[i].kind === 'heading' && blocks[i].level === level && !blocks[i].stated && !labels.has(i),
  );
  const cued = atLevel.map((i) => chapterHeading(blocks[i].text.trim()) !== undefined);
  const lastCued = cued.lastIndexOf(true);
  if (lastCued < 1 || cued.slice(0, lastCued + 1).includes(false)) return after;
  for (const i of atLevel.slice(lastCued + 1)) if (wordsUnder(blocks, i) < CHAPTER_WORDS_BETWEEN) after.add(i);
  return after;
}

/** The headings of a one-page site's sections after its story (see sectionsAfterParts). */
export function pageEndHeadings(blocks: SourceBlock[]): Set<number> {
  const labelled = labelHeadings(blocks);
  return sectionsAfterParts(blocks, chapterLevel(blocks, labelled), labelled);
}

export function splitSections(blocks: SourceBlock[], multiFile: boolean, pageEnd = pageEndHeadings(blocks)): Section[] {
  const sections: Section[] = [{ heading: null, blocks: [] }];
  const labelled = labelHeadings(blocks);
  const level = chapterLevel(blocks, labelled);
  const labels = new Set([...labelled, ...pageEnd]);
  const numbered = numberedHeadings(blocks);
  const parts = postedParts(blocks);
  const overNotes = titlesOverNotes(blocks);
  const parted = halves(blocks);
  const bylined = bylinedTitles(blocks);
  const named = ornamentedNames(blocks);
  const days = dayHeadings(blocks);
  blocks.forEach((block, index) => {
    const cue =
      headingCue(block, level, labels.has(index)) ??
      numbered.get(index) ??
      parts.get(index) ??
      overNotes.get(index) ??
      parted.get(index) ??
      bylined.get(index) ??
      named.get(index) ??
      days.get(index);
    const current = sections[sections.length - 1];
    const newFile = multiFile && index > 0 && block.file !== blocks[index - 1].file;
    // "Epilogue" twice in a row, as an e-book read as text heads its chapters: one heading, said again.
    const repeated =
      cue &&
      current.heading &&
      current.blocks.length === 0 &&
      blocks[current.heading.block].text.trim() === block.text.trim();
    if (cue && !repeated) {
      sections.push({ heading: { block: index, cue }, blocks: [] });
    } else if (newFile && (current.heading !== null || current.blocks.length > 0)) {
      sections.push({ heading: null, blocks: [index] });
    } else {
      current.blocks.push(index);
    }
  });
  if (sections[0].heading === null && sections[0].blocks.length === 0) sections.shift();
  numbersOffTitles(sections, blocks);
  // A lone heading above the first chapter heading is the work's title, not an empty chapter.
  const first = sections[0];
  if (
    sections.length > 1 &&
    first.heading &&
    first.heading.cue.marker === '' &&
    !blocks[first.heading.block].stated &&
    first.blocks.length === 0
  ) {
    sections[0] = { heading: null, blocks: [first.heading.block] };
  }
  return sections;
}
