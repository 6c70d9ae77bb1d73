/**
 * Plain text to paragraphs, and paragraphs back where a file lost them. Blank lines separate
 * paragraphs; a file without blank lines has one paragraph a line; lines wrapped at a fixed
 * width are joined again. Text collapsed into a few huge lines is split at sentence ends, where
 * a new speaker starts, at scene breaks and labels run into the prose, and when a paragraph gets long.
 */
import type { SourceBlock } from './blocks.ts';
import { endsSentence, OPENING_QUOTE, splitSentences } from './sentences.ts';
import {
  CHAPTER_WORDS,
  chapterHeading,
  isByline,
  isDayLine,
  isDedication,
  isEndMarker,
  isMailHeaders,
  isSceneBreak,
  isShortLine,
  fieldShaped,
  labelledField,
} from './cues.ts';
import { htmlToPlainText } from '../plain-text.ts';
import { headsChatMessage, IM_LOG_OPENING, wordCount } from './chat-headers.ts';
import { columnWidth, joinColumnLines } from './column-wrap.ts';

/**
 * Lines of a hard-wrapped file (Project Gutenberg, old mailing lists, a WordStar file) end near one width:
 * most lines, or, in a story of short lines of speech, the lines that go on into another line of their paragraph.
 */
function hardWrapWidth(lines: string[]): number | undefined {
  const lengths = lines.map((l) => l.length).filter((n) => n > 0);
  if (lengths.length < 8) return undefined;
  const width = lengths.reduce((a, b) => Math.max(a, b));
  if (width > 100 || width < 50) return undefined;
  const goOn = lines.filter((line, i) => line.trim() !== '' && (lines[i + 1] ?? '').trim() !== '');
  const nearWidth = lengths.filter((n) => n >= width - 15).length;
  if (nearWidth / lengths.length > 0.6) return wrapColumn(goOn, width);
  return goOn.length >= 8 && goOn.filter((line) => line.length >= width - 15).length / goOn.length > 0.8
    ? wrapColumn(goOn, width)
    : undefined;
}

/**
 * The column the wrap broke lines at: near the longest of the lines that go on into the next, not the longest
 * line of the file, which may be a web address or a posting line the wrap let run over ("Posted to the list
 * 3/14/2001; archived at http://…" in a story wrapped at 68).
 */
function wrapColumn(goOn: string[], longest: number): number {
  if (goOn.length < 8) return longest;
  const lengths = goOn.map((line) => line.trimEnd().length).sort((a, b) => a - b);
  return lengths[Math.floor(0.95 * (lengths.length - 1))];
}

/**
 * Lines wrapped at `width` joined back; a line that ends well short of it ended where its writer ended it, and
 * so did a sentence whose line had room for the next line's first word ("…no money." over "Comments welcome.").
 */
function unwrap(group: string[], width: number): string {
  const writersBreak = (above: string, line: string) =>
    above.length < width - 25 ||
    (/[.!?…]["”’)]?$/u.test(above) && above.length + 1 + (line.trim().split(/\s/)[0]?.length ?? 0) < width);
  return group
    .map((line, i) => (i === 0 ? '' : writersBreak(group[i - 1].trimEnd(), line) ? '\n' : ' ') + line.trim())
    .join('');
}

/**
 * Paragraphs marked by a tab before their first line, as Word and Scrivener export them: most lines
 * of prose start with one. Each such line starts a paragraph even without a blank line above it:
 * "Transit" over the first is a chapter's title.
 */
function tabIndented(lines: string[]): boolean {
  const prose = lines.filter((line) => line.trim().length > 60);
  const tabbed = prose.filter((line) => line.startsWith('\t'));
  return tabbed.length >= 5 && tabbed.length * 2 >= prose.length;
}

/** `wrappedAt`: the width the caller knows the text was wrapped at (a <pre>'s mail), when the lines alone do not show it. */
export function textToBlocks(text: string, file = 0, wrappedAt?: number): SourceBlock[] {
  let lines = text.split('\n');
  const hasBlankLines = lines.some(
    (line, i) => line.trim() === '' && i > 0 && i < lines.length - 1 && lines[i - 1].trim() !== '',
  );
  // No blank line anywhere, every line broken at a narrow column's width: joined back, a paragraph a line.
  const column = hasBlankLines ? undefined : columnWidth(lines);
  if (column) lines = joinColumnLines(lines, column);
  const tabbed = tabIndented(lines);
  const imLog = IM_LOG_OPENING.test(text);
  // Days of the week heading the parts ("Monday" … "Tuesday"), each on a line of its own over its part's lines.
  const dayHeadings = lines.filter(isDayLine).length >= 2;
  const wrapWidth = hardWrapWidth(lines) ?? wrappedAt;
  const blocks: SourceBlock[] = [];
  let gap = 0;
  let current: string[] = [];
  // Until the first paragraph of prose (and again under a chapter heading), lines are read as a header.
  let inHeader = true;
  const push = (group: string[], groupGap: number) => {
    const joined = wrapWidth ? unwrap(group, wrapWidth) : group.map((l) => l.trim()).join('\n');
    blocks.push({ kind: isSceneBreak(joined) ? 'break' : 'paragraph', text: joined, file, gap: groupGap });
  };
  const flush = () => {
    if (current.length === 0) return;
    const header = inHeader ? headerLines(current, wrapWidth) : undefined;
    if (header) header.forEach((group, i) => push(group, i === 0 ? gap : 0));
    else {
      push(current, gap);
      // A lone field or title line ("Title: Home", "My Story") keeps the header going.
      // A line of no words (a date, a time) does not end it either.
      if (current.some((line) => !isShortLine(line) && !labelledField(line.trim()) && /\p{L}/u.test(line)))
        inHeader = false;
    }
    current = [];
    gap = 0;
  };
  for (const line of lines) {
    if (line.trim() === '') {
      flush();
      gap++;
      continue;
    }
    const header = blocks.length === 0 && current.length === 0 ? runOnHeader(line) : undefined;
    if (header) {
      for (const part of header) {
        current.push(part);
        flush();
      }
      continue;
    }
    // Without blank lines every line is a paragraph; headings and breaks always stand alone.
    const heading = chapterHeading(line.trim()) !== undefined;
    // A chat's or messenger's header stands alone over its message ("name (2012-03-18 22:05:12):"), and a line
    // headed so ("(21:14:07) name: …", "[9:02 PM] name: …") is a message of its own.
    const standsAlone =
      isSceneBreak(line) || heading || headsChatMessage(line.trim(), imLog) || (dayHeadings && isDayLine(line));
    if (!hasBlankLines || standsAlone) {
      flush();
      current.push(line);
      flush();
      if (heading) inHeader = true;
      continue;
    }
    // Lines wrapped at a width go on unindented; a new paragraph starts at the next tab.
    if (tabbed && line.startsWith('\t')) flush();
    // Not wrapped, a line after an indented one starts a paragraph too ("THE END").
    else if (tabbed && !wrapWidth && current.at(-1)?.startsWith('\t')) flush();
    current.push(line);
  }
  flush();
  return blocks;
}

/**
 * A whole header typed on the first line: "Wolf Moon - by X - A Game of Thrones fic. Disclaimer:
 * GRRM owns all." gives the title, the byline, and the rest cut before each label.
 */
function runOnHeader(line: string): string[] | undefined {
  const match = /^(.{1,80}?\S)\s+[-–—~|]+\s+((?:written\s+)?by\s+\S+(?:\s+\S+)?)\s+[-–—~|]+\s+(\S.*)$/iu.exec(
    line.trim(),
  );
  if (!match || !isByline(match[2])) return undefined;
  const rest = match[3]
    .replace(INLINE_START, '\n')
    .split('\n')
    .map((part) => part.trim())
    .filter(Boolean);
  return [match[1], match[2], ...rest];
}

/** The line an AO3 download opens with, under the title. */
export const AO3_POSTED = /^Posted originally on the Archive of Our Own\b/i;

/** "Anmärkning: Skriven för …": a capitalised label of one to three words and its sentences. */
const LABEL_START = /^\p{Lu}[\p{L}'’.-]*(?: [\p{L}'’.-]+){0,2}\s?:\s+\S/u;

/** "Disclaimer: Green Wing belongs to Talkback Thames and" / "Channel 4.": a line ending on a word that joins it to the next. */
const JOINING_WORD_END = /\s(?:and|or|of|to|the|by|from|with)$/iu;

/**
 * A title, a byline and labelled fields on consecutive lines ("My Story" / "by marisol",
 * "Rating: T" / "Summary: …") are separate parts of a header, not one paragraph. A line that is
 * none of these continues the field above it (a summary wrapped onto a second line).
 */
const cutOff = (line: string) => line.trim().length >= 60 && /[\p{L}\p{N},]$/u.test(line.trim());

export function headerLines(group: string[], wrapWidth?: number): string[][] | undefined {
  if (group.length < 2) return undefined;
  const isKnownField = (line: string) =>
    isByline(line) ||
    labelledField(line.trim()) !== undefined ||
    AO3_POSTED.test(line.trim()) ||
    /^https?:\/\/\S+$/u.test(line.trim()) ||
    (isDedication(line) && /^[\s~*\-–—(]/u.test(line));
  if (!group.some(isKnownField) || isMailHeaders(group.join('\n'))) return undefined;
  // Among known fields, a label Quire does not know ("Bewertung:") is a field too.
  const isField = (line: string) =>
    isKnownField(line) || fieldShaped(line.trim()) !== undefined || LABEL_START.test(line.trim());
  // A few short lines around a field ("Title" / "A Dragon Age fanfiction" / "by X"): each is a part.
  if (group.length <= 6 && group.every((line) => isShortLine(line) && !/[.!?]["”’]?$/u.test(line.trim())))
    return group.map((line) => [line]);
  const parts: string[][] = [];
  // The last field is a summary: the lines after it in the group go on with it.
  let prose = false;
  // A disclaimer or a summary: the fields long enough that a hard wrap cuts them.
  let wraps = false;
  for (const [i, line] of group.entries()) {
    const beforeField = i + 1 < group.length && isField(group[i + 1]);
    // "Rating:" on its line and its value on the next, as AO3's page reads when copied.
    const labelAbove =
      parts.length > 0 &&
      parts[parts.length - 1].length === 1 &&
      (labelledField(parts[parts.length - 1][0].trim()) ?? fieldShaped(parts[parts.length - 1][0].trim()))?.value ===
        '';
    if (labelAbove && !isField(line)) parts[parts.length - 1].push(line);
    else if (isField(line) || (i === 0 && beforeField && isShortLine(line))) {
      parts.push([line]);
      const field = labelledField(line.trim())?.field;
      prose = field === 'summary';
      wraps = field === 'disclaimer' || field === 'summary';
    }
    // A field's value wrapped onto the next line goes on in lower case ("…in a bottle,\nand everything changes.").
    // So does one under a long line cut off mid-sentence, as hard-wrapped text breaks them: in a file
    // wrapped at a width, any field's; else a disclaimer's or a summary's ("DISCLAIMER: Sharpe and the
    // boys belong to Bernard Cornwell and Central" / "TV. No money made."), or another's cut after a
    // comma or a word in lower case ("… należą do" / "Andrzeja Sapkowskiego …"). Under a notes line
    // that ends whole ("… at the Summer Fic Exchange 2019"), the next line is the story's first.
    else if (
      parts.length > 0 &&
      (prose ||
        /^\s*\p{Ll}/u.test(line) ||
        ((cutOff(group[i - 1]) || (wraps && JOINING_WORD_END.test(group[i - 1].trim()))) &&
          (wrapWidth !== undefined
            ? group[i - 1].trimEnd().length >= wrapWidth - 25
            : wraps || /[\p{Ll},]$/u.test(group[i - 1].trim()))))
    )
      parts[parts.length - 1].push(line);
    // Anything else ends the header: the rest of the group is what it would have been without one.
    else {
      parts.push(group.slice(i));
      break;
    }
  }
  return parts;
}

/** A line this long is many paragraphs run together (real paragraphs rarely pass 1,000 characters). */
const COLLAPSED = 1200;
const COLLAPSED_IN_COLLAPSED_FILE = 500;

/** Text whose paragraphs were collapsed: most of it sits in lines of many sentences. */
export function lostParagraphs(blocks: SourceBlock[]): boolean {
  let total = 0;
  let inHuge = 0;
  for (const block of blocks) {
    total += block.text.length;
    // A long line, or a shorter one of many sentences (a short chapter run into one line).
    if (
      !block.html &&
      (block.text.length > COLLAPSED || (block.text.length > 500 && splitSentences(block.text).length >= 8))
    )
      inHuge += block.text.length;
  }
  return total > 0 && inHuge / total > 0.5;
}

/** Scene breaks, headings and labels that collapsing ran into the prose. */
const BREAK_TOKEN =
  '(~\\*~|\\*~\\*(?:~\\*)*|\\*\\s\\*\\s\\*|\\*{3,}|~{3,}|={3,}|_{3,}|\\+{3,}|-{2,}|-?(?:o-){2,}o?-?|[oO0](?:[Oo0]){2,}|[xX](?:[Xx]){2,}|(?:[oO][xX]){2,}[oO]?|#{3,})';
const INLINE_BREAK = new RegExp(`(?<=[.!?…"”’])\\s+${BREAK_TOKEN}\\s+(?=\\S)`, 'g');
/** A break collapsed onto the start or the end of a line of prose. */
const EDGE_BREAK = new RegExp(`^${BREAK_TOKEN}\\s+(?=\\S)|(?<=[.!?…"”’])\\s+${BREAK_TOKEN}$`, 'g');
/** "Chapter 3", "Kapitel 3", "Глава 3" … as collapsing leaves them in running text: capitalised, then a number. */
/** "Act" heads a play's act on a line of its own; inside running text it is "the Riot Act I swear". */
const INLINE_CHAPTER_WORDS = CHAPTER_WORDS.filter((word) => word !== 'act');
const HEADING_START = `(?:Ch\\.|${[...new Set(INLINE_CHAPTER_WORDS.flatMap((w) => [w[0].toUpperCase() + w.slice(1), w.toUpperCase()]))].join('|')})\\s+(?:[0-9٠-٩۰-۹०-९๐-๙]{1,3}|[IVXLC]{1,6})(?![\\p{L}\\p{N}])`;
const INLINE_START = new RegExp(
  `(?<!\\bAuthor[’']?s'?|\\bEnd|\\bAuthors)\\s+(?=${HEADING_START}|(?:Disclaimer|DISCLAIMER|Summary|SUMMARY|A\\/N|AN|Author[’']?s'?\\s+[Nn]otes?|Authors\\s+[Nn]otes?|Note|End\\s+[Nn]otes?|Title|Rating|Pairings?|Author|Fandom|Characters?)\\s*:)`,
  'gu',
);
const HEADING_AT_START = new RegExp(`^(${HEADING_START})[:.]?\\s+(.*)$`, 'su');

/**
 * The title collapsing ran into the story after "Chapter 2:": capitalised words up to the one
 * that starts the first sentence ("Dawn The light came …" gives "Dawn"; "The Green At eight …",
 * "The Green"). A capitalised word followed by a lower-case one starts the sentence.
 */
function runInTitle(text: string): [string, string] | undefined {
  const words = text.split(/\s+/);
  for (let i = 1; i <= 6 && i < words.length - 1; i++) {
    const starts = /^\p{Lu}/u.test(words[i]) && /^\p{Ll}/u.test(words[i + 1]);
    if (!starts) {
      if (!/^(?:\p{Lu}|(?:of|the|and|in|on|a|an|to|for|at)$)/u.test(words[i])) return undefined;
      continue;
    }
    const title = words.slice(0, i);
    if (
      !title.every((w) => /^(?:\p{Lu}|(?:of|the|and|in|on|a|an|to|for|at)$)/u.test(w)) ||
      /[.!?,;]$/.test(title.at(-1)!)
    )
      return undefined;
    return [title.join(' '), words.slice(i).join(' ')];
  }
  return undefined;
}

/** Verbs of speech tags: "said", "asked", "whispered", … (and any verb in -ed, as "pleaded" or "frowned"). */
const SAYS =
  '(?:\\p{Ll}+ed|said|says|asked|asks|cried|spoke|thought|began|went\\s+on|shouted|replied|called|snapped|whispered|muttered|murmured|added|answered|continued|sighed|growled|hissed|breathed|laughed)';
/** Who a tag names: a name, "the Mouse", "the old man", or a pronoun. */
const WHO = '(\\p{Lu}\\p{L}+|the\\s+(?:\\p{Ll}+\\s+)?\\p{L}+|[Hh]e|[Ss]he|[Tt]hey|I|[Ww]e)';
/**
 * The tag after a line of speech that names who talks: "said Draco", "he mumbled", "Olivia
 * asked", "said the Mouse". The quote before it closes a line (it follows a letter or punctuation).
 */
const TAG_AFTER = new RegExp(
  `(?<=[,.!?…\\-—\\p{L}])["”’]\\s*,?\\s*(?:${WHO}\\s+(?:\\p{Ll}+ly\\s+)?${SAYS}\\b|${SAYS}\\s+${WHO}(?!\\p{L}))`,
  'u',
);

const PRONOUNS = new Set(['he', 'she', 'they', 'his', 'her', 'their', 'i', 'we']);
/** First words that are not who a sentence is about. */
const NOT_A_SUBJECT =
  /^(?:the|a|an|it|its|there|this|that|these|those|then|later|when|while|as|if|by|for|with|without|outside|inside|somewhere|nobody|no|everyone|everything|someone|something|every|each|morning|evening|night|neither|either|both|after|before|meanwhile|suddenly|finally|still|but|and|or|so|yet|now|once|in|on|at|from|to|of|hours|days|weeks|years|minutes|two|three|one|what|why|how|where|who|only|even|just|not|never|all|some|maybe|perhaps|yes|oh|well)$/;

/**
 * Characters' names: capitalized words that also stand inside sentences, after a lower-case
 * word, a comma or a line of speech (so "Thanks", "Wow" or "Warning" opening a note are not).
 */
function characterNames(prose: string): Set<string> {
  const names = new Set<string>();
  for (const match of prose.matchAll(/(?<=[\p{Ll},;"”’]\s+)(\p{Lu}\p{Ll}+)\b/gu)) names.add(match[1].toLowerCase());
  return names;
}

/** Who a sentence of narration is about: its first word when that is a name, 'pronoun' for he/she/they. */
function subject(sentence: string, names: Set<string>): string | undefined {
  const the = /^[*_~]*The\s+(\p{Lu}\p{L}+)/u.exec(sentence)?.[1]?.toLowerCase();
  if (the !== undefined && names.has(the)) return `the ${the}`;
  const first = /^[*_~]*(\p{Lu}\p{L}+)(?:[’']s)?\b/u.exec(sentence)?.[1];
  if (!first) return undefined;
  const word = first.toLowerCase();
  if (PRONOUNS.has(word)) return 'pronoun';
  return NOT_A_SUBJECT.test(word) || !names.has(word) ? undefined : word;
}

/**
 * Sentences that open a new stretch: a jump in time or place ("Later,", "The next morning",
 * "Two days later", "By the time they reached …", "That night", "Meanwhile"). A look ahead from
 * the story's present ("Later, she would remember …") is not a jump.
 */
const TURN =
  /^[*_~]*(?:later(?:\s+that\s+\w+)?,?\s+(?!\S+\s+would\b)|meanwhile|elsewhere|the\s+(?:next|following)\s+(?:morning|day|evening|night|week|month|year)|next\s+(?:morning|day|week)|by\s+the\s+time\b|(?:morning|dawn|evening|night|winter|spring|summer|autumn)\s+came\b|that\s+(?:night|evening|morning|afternoon)\b|(?:the\s+)?(?:hours|days|weeks|months|years)\s+(?:later|passed|went\s+by)\b|(?:a\s+few|two|three|four|five|several|some)\s+(?:minutes|hours|days|weeks|months|years)\s+later\b|(?:an?\s+)(?:hour|day|week|month|year)\s+later\b|it\s+was\s+(?:nearly\s+|almost\s+|already\s+|just\s+|well\s+)?(?:past\s+)?(?:midnight|noon|dawn|dusk|morning|evening|night|dark|late|early)\b|presently\b|after\s+a\s+(?:while|time|few\s+minutes|moment)\b|a\s+(?:little\s+)?while\s+later\b|when\s+\p{Lu}\p{L}*\s+(?:woke|awoke|arrived|returned|got\s+back|came\s+back|came\s+to)\b|outside,|at\s+(?:dawn|dusk|midnight|noon)\b|(?:on\s+)?the\s+(?:day|night|morning)\s+(?:after|before)\b|in\s+the\s+morning\b|back\s+at\s+)/iu;

/** Open speech: a sentence that starts inside quotation marks still open from the last one. */
function quoteBalance(text: string, open: boolean): boolean {
  let inside = open;
  for (const ch of text) {
    if (ch === '“') inside = true;
    else if (ch === '”') inside = false;
    else if (ch === '"') inside = !inside;
  }
  return inside;
}

/** A sentence, or several while speech goes on across sentence ends, with what tells its paragraph. */
interface Unit {
  text: string;
  words: number;
  speech: boolean;
  /** Who the tag names (lower case), or 'pronoun'. */
  who?: string;
  /** The unit ends with the speech tag or a beat after the line, not with the line's closing quote. */
  tagged: boolean;
  /** For narration: the character it is about (lower case), 'pronoun', or undefined (no one). */
  about?: string;
  /** For narration: a jump in time or place. */
  turn: boolean;
}

/** Sentences grouped while a quotation stays open (at most a long speech: runaway quotes stop there). */
function units(prose: string): Unit[] {
  const names = characterNames(prose);
  const out: Unit[] = [];
  let open = false;
  let pending: string[] = [];
  const push = () => {
    if (pending.length === 0) return;
    const text = pending.join(' ');
    pending = [];
    const speech = OPENING_QUOTE.test(text);
    const tag = speech ? TAG_AFTER.exec(text) : null;
    const name = (tag?.[1] ?? tag?.[2])?.toLowerCase().replace(/\s+/g, ' ');
    out.push({
      text,
      words: wordCount(text),
      speech,
      who: name === undefined ? undefined : PRONOUNS.has(name) ? 'pronoun' : name,
      tagged: speech && !/["”’]\s*$/.test(text),
      about: speech ? undefined : subject(text, names),
      turn: !speech && TURN.test(text),
    });
  };
  for (const sentence of splitSentences(prose)) {
    const continuing = open && pending.length > 0 && pending.length < 12;
    if (!continuing) push();
    pending.push(sentence);
    open = quoteBalance(sentence, continuing ? open : false);
  }
  push();
  return out;
}

/** Paragraph lengths aimed at when nothing else shows where a paragraph ends: fan fiction narration. */
export const GENRE_PARAGRAPH_WORDS = 70;

/** Fewer paragraphs than this say too little about how long a writer makes them. */
const FEW_PARAGRAPHS = 12;

/**
 * The median length in words of the paragraphs of some posted chapters (HTML), kept within
 * 10–200 words; undefined when there are too few paragraphs to tell.
 */
export function medianParagraphWords(bodies: string[]): number | undefined {
  const lengths = bodies
    .flatMap((body) => htmlToPlainText(body, { paragraphs: true }).split(/\n\s*\n/))
    .map(wordCount)
    .filter((n) => n > 0)
    .sort((a, b) => a - b);
  if (lengths.length < FEW_PARAGRAPHS) return undefined;
  return Math.min(200, Math.max(10, lengths[Math.floor(lengths.length / 2)]));
}

/**
 * Collapsed prose back into paragraphs by the conventions of fiction: each speaker's lines get a
 * paragraph of their own, with that speaker's action beats; two lines with nothing between them
 * are two speakers, a line right after a speech tag is the same speaker going on; narration opens
 * a new paragraph at a turn in time or place, on another character, after speech when it is not
 * about the speaker, and when it grows past the length of the writer's paragraphs (`targetWords`).
 */
function regroup(prose: string, targetWords: number): string[] {
  const paragraphs: string[] = [];
  let current: Unit[] = [];
  let words = 0;
  /** The character the paragraph is about: the first one named as subject or speaker. */
  let focal: string | undefined;
  let speaker: string | undefined;
  let hasSpeech = false;
  const close = () => {
    paragraphs.push(current.map((u) => u.text).join(' '));
    current = [];
    words = 0;
    focal = undefined;
    speaker = undefined;
    hasSpeech = false;
  };
  const named = (who: string | undefined) => (who === undefined || who === 'pronoun' ? undefined : who);
  const startsNew = (u: Unit, prev: Unit, next: Unit | undefined): boolean => {
    if (u.speech) {
      if (hasSpeech && prev.speech) {
        if (u.who !== undefined) return u.who === 'pronoun' || speaker === undefined || u.who !== speaker;
        // Untagged: the same speaker goes on only right after their speech tag (or beat).
        return !prev.tagged;
      }
      const owner = speaker ?? focal;
      if (u.who !== undefined && u.who !== 'pronoun') return owner === undefined ? !hasSpeech : u.who !== owner;
      // An untagged line after narration is the narrated character's (or the beat's) line.
      return !hasSpeech && focal === undefined && words >= targetWords;
    }
    if (u.turn) return true;
    if (hasSpeech) {
      if (u.about === 'pronoun') return false;
      // A beat right after a line nobody was named for tells who said it.
      if (speaker === undefined && prev.speech && named(u.about) !== undefined) return false;
      // A sentence about no one between two speakers' lines ends the first speaker's paragraph.
      if (u.about === undefined)
        return !(prev.speech && next?.speech === true && named(next.who) !== undefined && next.who !== speaker);
      return u.about !== (speaker ?? focal);
    }
    if (named(u.about) !== undefined && focal !== undefined && u.about !== focal) return true;
    return words >= targetWords * 0.75 && words + u.words > targetWords * 1.25;
  };
  const all = units(prose);
  all.forEach((u, i) => {
    const prev = all[i - 1];
    if (prev !== undefined && current.length > 0 && startsNew(u, prev, all[i + 1])) close();
    current.push(u);
    words += u.words;
    if (u.speech) {
      hasSpeech = true;
      if (named(u.who) !== undefined) speaker = u.who;
      else if (speaker === undefined && focal !== undefined && (prev === undefined || !prev.speech)) speaker = focal;
      focal ??= named(u.who);
    } else {
      if (hasSpeech && speaker === undefined && prev?.speech) speaker = named(u.about);
      focal ??= named(u.about);
    }
  });
  if (current.length > 0) close();
  return paragraphs;
}

export interface RestoredParagraphs {
  blocks: SourceBlock[];
  restored: boolean;
}

export interface RestoreOptions {
  /** Words a paragraph of narration runs to: the writer's median in their posted works, else the genre's. */
  targetWords?: number;
}

/** "Hết. Cảm ơn mọi người đã đọc!", "THE END. Thanks for reading!": the story's end and the author's words after it. */
function opensWithEndMarker(line: string): boolean {
  // "end. The river was wide" is a wrapped sentence's last word; "Hết. Cảm ơn…", "FIN. Thanks" open a note.
  if (/^\p{Ll}/u.test(line.trim())) return false;
  const [first, ...rest] = splitSentences(line.trim());
  return rest.length > 0 && first !== undefined && isEndMarker(first.trim());
}

/** A short line that ends no sentence: a dedication, a heading, a site's button. */
function standsAlone(line: string): boolean {
  return line.trim().length > 0 && line.trim().length < 80 && !endsSentence(line.trim());
}

export function restoreParagraphs(blocks: SourceBlock[], options: RestoreOptions = {}): RestoredParagraphs {
  const target = options.targetWords ?? GENRE_PARAGRAPH_WORDS;
  if (!lostParagraphs(blocks)) return { blocks, restored: false };
  const result: SourceBlock[] = [];
  for (const block of blocks) {
    // In a file that lost its paragraphs, a shorter run of many sentences lost them too (a short chapter).
    if (block.kind !== 'paragraph' || block.html) {
      result.push(block);
      continue;
    }
    // A short line of several speakers' lines is a short chapter run together too.
    const dialogue = splitSentences(block.text).filter((sentence) => OPENING_QUOTE.test(sentence)).length >= 3;
    if (block.text.length <= COLLAPSED_IN_COLLAPSED_FILE && !dialogue) {
      // A short line (a note before the story) can still have a scene break run onto its ends.
      const parts = block.text
        .replace(/\n/g, ' ')
        .replace(INLINE_BREAK, '\n$1\n')
        .replace(EDGE_BREAK, (token) => `\n${token.trim()}\n`)
        .split('\n')
        .map((p) => p.trim())
        .filter(Boolean);
      if (parts.length === 1) result.push(block);
      else
        parts.forEach((text, i) =>
          result.push({
            kind: isSceneBreak(text) ? 'break' : 'paragraph',
            text,
            file: block.file,
            gap: i === 0 ? block.gap : 1,
          }),
        );
      continue;
    }
    // Lines run together, except around a short line that ends no sentence ("dedicated to @harrysbeanie",
    // "Vote"): that one stood on its own.
    const flat = block.text
      .split('\n')
      .reduce(
        (joined, line, i, lines) =>
          i === 0
            ? line
            : `${joined}${
                (standsAlone(lines[i - 1]) && /^\s*[\p{Lu}"“]/u.test(line)) ||
                (standsAlone(line) && endsSentence(lines[i - 1].trim())) ||
                opensWithEndMarker(line)
                  ? '\n'
                  : ' '
              }${line}`,
        '',
      );
    const pieces = flat
      .replace(INLINE_BREAK, '\n$1\n')
      .replace(EDGE_BREAK, (token) => `\n${token.trim()}\n`)
      .replace(INLINE_START, '\n')
      .split('\n');
    let first = true;
    for (const piece of pieces.map((p) => p.trim()).filter(Boolean)) {
      const gap = first ? block.gap : 1;
      first = false;
      if (isSceneBreak(piece)) {
        result.push({ kind: 'break', text: piece, file: block.file, gap });
        continue;
      }
      const heading = HEADING_AT_START.exec(piece);
      if (heading) {
        const titled = /^\S+\s+\S+\s*[:\-–—]/u.test(piece) ? runInTitle(heading[2]) : undefined;
        result.push({
          kind: 'paragraph',
          text: titled ? `${heading[1]}: ${titled[0]}` : heading[1],
          file: block.file,
          gap,
        });
        for (const text of regroup(titled ? titled[1] : heading[2], target))
          result.push({ kind: 'paragraph', text, file: block.file, gap: 1 });
        continue;
      }
      regroup(piece, target).forEach((text, i) =>
        result.push({ kind: 'paragraph', text, file: block.file, gap: i === 0 ? gap : 1 }),
      );
    }
  }
  return { blocks: result, restored: true };
}
