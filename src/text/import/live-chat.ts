/**
 * A story posted live into a chat (an IRC channel's log, a Skype or Gadu-Gadu conversation): no
 * message is long enough to be a story's, as the writer pastes a paragraph a message; a message of
 * the writer's alone heads each part ("PART ONE", "~ one ~", "CZĘŚĆ 2"); readers' messages come
 * between the paragraphs and the parts; the writer's own lines to the chat come before the story
 * ("it's called Overdue", "title: …"), between the parts, and after it ("the end!! thanks …").
 */
import type { StatedPart } from './blocks.ts';
import { splitSentences } from './sentences.ts';
import {
  chapterHeading,
  isEndMarker,
  isTitleCase,
  isTitleLike,
  IT_IS_CALLED,
  IT_IS_CALLED_ELSEWHERE,
  labelledField,
} from './cues.ts';
import { wordCount } from './chat-headers.ts';

export interface LiveMessage {
  sender: string | undefined;
  lines: number[];
}

export interface LivePart {
  /** The message heading the part (none when the writer's told count of parts splits it), and its title when the heading gives one. */
  heading: number | undefined;
  title: string | null;
  /** The messages of the part's story, in order. */
  story: number[];
}

/** A part's number as a chat message gives it: "one", "2", "III", "part 3". */
const PART_NUMBER = String.raw`(?:part\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|[IVX]{1,4})`;
/** "~ one ~", "-- 2 --", "** three **", "~part one~": a part's number between the same ornaments, as writers mark a part in a chat. */
const ORNAMENTED_NUMBER = new RegExp(`^([~*=#\\-–—•]{1,4})\\s*${PART_NUMBER}\\s*\\1$`, 'iu');
/** "[1]", "(2)", "[part 3]", "[Part 1 of 2]": a part's number in brackets, a message of its own. */
const BRACKETED_NUMBER = new RegExp(
  `^(?:\\[\\s*${PART_NUMBER}(?:\\s+of\\s+\\d{1,2})?\\s*\\]|\\(\\s*${PART_NUMBER}(?:\\s+of\\s+\\d{1,2})?\\s*\\))$`,
  'iu',
);
/** "1/2", "(2/3)", "[1/2]", "part 1/2": which of the messages a story is cut into, as writers number them when the chat cuts a long message. */
const MESSAGE_OF = /^[([]?(?:(?:part|pt\.?)\s*)?([1-9]\d?)\s*\/\s*([1-9]\d?)[)\]]?$/iu;
/** A paragraph of a story has a sentence in it: a chat's lines between friends are shorter. */
const STORY_WORDS = 60;
const PARAGRAPH_WORDS = 8;
/** The writer's answer to a reader after a part ("shh", "haha yes"): short, a line or two. */
const ASIDE_WORDS = 12;
const ASIDE_MESSAGES = 2;

/** The heading a message of its own gives a part: its title, or null for a bare "PART ONE". */
export function partHeading(text: string): { title: string | null } | undefined {
  if (ORNAMENTED_NUMBER.test(text.trim()) || BRACKETED_NUMBER.test(text.trim())) return { title: null };
  const of = MESSAGE_OF.exec(text.trim());
  if (of && Number(of[1]) <= Number(of[2])) return { title: null };
  const cue = chapterHeading(text.trim());
  return cue ? { title: cue.title } : undefined;
}

/**
 * The parts of a story posted live, or undefined when the writer's messages do not read so: no
 * message of theirs heads a part, or their messages are a chat's short lines, not paragraphs.
 * `text(line)` gives a line's text; every message of the writer's is one line or a few.
 */
export function readLivePost(
  messages: LiveMessage[],
  writer: string,
  text: (line: number) => string,
  { headless = false } = {},
): LivePart[] | undefined {
  const said = (k: number) => messages[k].lines.map(text).join(' ');
  const own = messages.flatMap((m, k) => (m.sender === writer && m.lines.length > 0 ? [k] : []));
  const headings = own.filter((k) => messages[k].lines.length === 1 && partHeading(said(k)));
  if (headings.length === 0) return headless ? toldParts(messages, writer, said, own) : undefined;
  const parts: LivePart[] = [];
  for (const [j, heading] of headings.entries()) {
    const next = headings[j + 1] ?? messages.length;
    let story: number[] = [];
    for (let k = heading + 1; k < next; k++)
      if (messages[k].sender === writer && messages[k].lines.length > 0) story.push(k);
    const last = j === headings.length - 1;
    let end = last ? story.findIndex((k) => messageEndsStory(said(k))) : -1;
    // "ok done!! be honest …", "Udah, tamat. Gimana?": the writer signing off in one of the part's last messages.
    if (last && end === -1) end = story.findIndex((k, i) => i >= story.length - ASIDE_MESSAGES && signsOff(said(k)));
    // The message the writer ends the story with ("the end!! thanks …") is their note after it, as a whole.
    if (end !== -1) story = story.slice(0, end);
    else {
      // The writer's last lines after a reader's, when short, answer the reader ("shh"): not the story's.
      let interrupted = -1;
      for (let k = heading + 1; k < next; k++) if (messages[k].sender !== writer) interrupted = k;
      const after = story.filter((k) => k > interrupted);
      if (
        interrupted !== -1 &&
        after.length <= ASIDE_MESSAGES &&
        after.length < story.length &&
        after.every((k) => wordCount(said(k)) <= ASIDE_WORDS)
      )
        story = story.filter((k) => k < interrupted);
    }
    if (story.length === 0) return undefined;
    parts.push({ heading, title: partHeading(said(heading))!.title, story });
  }
  return paragraphsOfAStory(parts, said) ? parts : undefined;
}

/** The parts' messages are a story's paragraphs, not a chat's short lines between friends. */
function paragraphsOfAStory(parts: LivePart[], said: (k: number) => string): boolean {
  const lengths = parts.flatMap((p) => p.story.map((k) => wordCount(said(k)))).sort((a, b) => a - b);
  const total = lengths.reduce((n, w) => n + w, 0);
  return total >= STORY_WORDS && lengths[Math.floor(lengths.length / 2)] >= PARAGRAPH_WORDS;
}

/** "its in two bits", "2 parts", "three chapters": how many parts the writer tells the chat the story comes in. */
const TOLD_NUMBERS = ['two', 'three', 'four', 'five', 'six'];
const TOLD_PIECES = String.raw`(?:short\s+)?(?:parts|chapters|bits|pieces|halves)`;
const TOLD_PARTS = new RegExp(
  `(?<![\\p{L}\\p{N}])(${TOLD_NUMBERS.join('|')}|[2-6])\\s+${TOLD_PIECES}(?![\\p{L}])`,
  'iu',
);

/**
 * A story pasted a paragraph a message with no message heading its parts, the writer having told the chat how
 * many there are ("its in two bits, here is the first"): the runs of their paragraphs that readers' messages
 * cut apart ("more!!"), when there are as many as they said. The story starts under the line telling it and
 * ends at the writer's sign-off; a short line of theirs opening no run ("ok") is theirs to the chat.
 */
function toldParts(
  messages: LiveMessage[],
  writer: string,
  said: (k: number) => string,
  own: number[],
): LivePart[] | undefined {
  const tellsAt = own.findIndex((k) => TOLD_PARTS.test(said(k)));
  if (tellsAt === -1 || own.slice(0, tellsAt).some((k) => wordCount(said(k)) >= STORY_WORDS)) return undefined;
  const told = TOLD_PARTS.exec(said(own[tellsAt]))![1].toLowerCase();
  const count = /\d/u.test(told) ? Number(told) : TOLD_NUMBERS.indexOf(told) + 2;
  const runs: number[][] = [];
  let open = false;
  for (let k = own[tellsAt] + 1; k < messages.length; k++) {
    if (messages[k].sender !== writer) {
      open &&= messages[k].sender === undefined;
      continue;
    }
    if (messages[k].lines.length === 0) continue;
    if (messageEndsStory(said(k)) || signsOff(said(k))) break;
    if (!open && wordCount(said(k)) < PARAGRAPH_WORDS) continue;
    if (!open) runs.push([]);
    open = true;
    runs.at(-1)!.push(k);
  }
  if (runs.length !== count) return undefined;
  const parts = runs.map((story) => ({ heading: undefined, title: null, story }));
  return paragraphsOfAStory(parts, said) ? parts : undefined;
}

/**
 * "the end!! thanks for reading", "KONIEC. wrzucę …", "THE END": a chat message that is or opens with the story's end
 * marker, in any case (paragraphs.ts's opensWithEndMarker asks more of a line of a file: a capital, words after it).
 */
function messageEndsStory(line: string): boolean {
  const head = /^(.{1,30}?[.!…]+)\s/u.exec(line.trim());
  return isEndMarker(line.trim()) || (head !== null && isEndMarker(head[1]));
}

/** "END ok that's it", "THE END. thanks guys": an end marker in capitals opening a sentence, the writer's words after it. */
const CAPITAL_END = /^((?:THE\s+)?END|FIN|FINE|KONIEC|ENDE|TAMAT)[.!~*]*(?:\s+(\S.*))?$/su;

/**
 * The story's last message run on into its end marker and the writer's note: "… the movie start.
 * END ok that's it, lol. thanks for listening". Undefined when no sentence after the first opens so.
 */
export function endRunIn(line: string): { story: string; marker: string; note: string } | undefined {
  const sentences = splitSentences(line);
  for (let j = 1; j < sentences.length; j++) {
    const sentence = sentences[j].trim();
    const capital = CAPITAL_END.exec(sentence);
    const marker = capital?.[1] ?? (isEndMarker(sentence) ? sentence : undefined);
    if (marker === undefined) continue;
    const note = [capital?.[2] ?? '', ...sentences.slice(j + 1)].join(' ').trim();
    const story = sentences.slice(0, j).join(' ').trim();
    return { story, marker: sentence.slice(0, sentence.length - (capital?.[2]?.length ?? 0)).trim(), note };
  }
  return undefined;
}

/** "done", "that's all", "that's it": a chat's word that the story pasted is over, led by "ok" or "anyway" or not. */
const SIGN_OFF = /^(?:(?:ok(?:ay)?|so|anyway)\s+)?(?:done|that['’]?s\s+(?:all|it|the end))$/iu;
const SIGN_OFF_LED = /^(?:ok(?:ay)?|so|anyway)\s/iu;
/** The clauses a message opens with, before its first sentence of more words: "y ya está", "FIN". */
const OPENING_CLAUSES = 3;
const OPENING_CHARS = 40;
/** A chat's "done" is said in a short message: a story's paragraph is longer. */
const SIGN_OFF_WORDS = 25;

/**
 * "ok done!! be honest …", "Udah, tamat. Gimana?", "y ya está, FIN. mañana …": a message whose
 * opening clauses say the story is over, its end marker after a word or two to the chat. A chat's
 * "done" or "that's all" is cried out ("thats all!!!") or led in ("ok done"): a story's "That's all."
 * is said plainly, with a capital ("thats the end. too cheesy??" is the chat's).
 */
function signsOff(line: string): boolean {
  const whole = line.trim();
  const clauses = [...whole.slice(0, OPENING_CHARS).matchAll(/([^,.!?…]+)([,.!?…]*)/gu)].slice(0, OPENING_CLAUSES);
  return clauses.some(({ 1: clause, 2: marks, index }) => {
    const said = clause.trim();
    // The clause ends a sentence or the message: "The end, when it came, was quiet: …" runs on past a comma, the story's.
    const ends = /[.!?…]/u.test(marks) || index + clause.length + marks.length >= whole.length;
    if (said === '' || !ends) return false;
    if (isEndMarker(said)) return true;
    const chatty = marks.includes('!') || SIGN_OFF_LED.test(said) || /^\p{Ll}/u.test(said);
    return SIGN_OFF.test(said) && chatty && wordCount(whole) <= SIGN_OFF_WORDS;
  });
}

/**
 * The title a writer's line to the chat gives, and the words round it: `chatter` when the title is told in the
 * writer's words to the chat ("its called Keeper, two parts"), which are their note whole; not when the line is
 * a header's ("title: Keeper", '"Keeper" by gull').
 */
export interface TitleSaid {
  title: string;
  before: string;
  sentence: string;
  after: string;
  chatter: boolean;
}

/**
 * "it's called The Cupboard", "this one is called Overdue, by …", 'title is "Rule 9"', "my first fic ever, called
 * Bunker Eleven": the title the writer tells the chat.
 */
const CALLED = new RegExp(
  `(?:${IT_IS_CALLED}|\\bthis\\s+is\\s+(?:called|titled)|\\b(?:the\\s+)?title\\s+is|\\b(?:fic|story|ficlet|drabble|one-?shot)(?:\\s+[^\\s.,!?]+){0,2},\\s+(?:called|titled))\\s+["“]?([^.,!?;"”\\n]{1,80})`,
  'iu',
);

/** The same in the chat's other languages: "Se llama «La junta»", "si chiama …", "s'appelle …", "heißt …", "называется …", "Judulnya …". */
const CALLED_ELSEWHERE = new RegExp(`(?:^|\\s)${IT_IS_CALLED_ELSEWHERE}\\s+["“«„]?([^.,!?;"”»“\\n]{1,80})`, 'iu');

/** Where the words for "it's called" come after the title: Basque "«Martinen abarkak» deitzen da", "… du izena". */
const CALLED_AFTER = /^["“«„]([^"“”«»„\n]{1,80})["”»“]\s+(?:deitzen\s+da|du\s+izena)(?![\p{L}])/iu;

/**
 * The title a writer's line to the chat gives, and where: "it's called The Cupboard." or
 * "tytuł: Wynalazca." in a line of other sentences. The line's sentence that names the title is
 * the header's, the others the writer's note (`note`).
 */
export function titleSaid(line: string): TitleSaid | undefined {
  // Where each sentence starts, as found: a line may open with marks no sentence takes ("... it's called …").
  for (const { 0: sentence, index: at } of line.matchAll(/[^.!?…]+(?:[.!?…]+|$)\s*/gu)) {
    const trimmed = sentence.trim();
    const called = CALLED.exec(trimmed) ?? CALLED_ELSEWHERE.exec(trimmed) ?? CALLED_AFTER.exec(trimmed);
    const field = labelledField(trimmed);
    const title =
      called?.[1].replace(/\s+by\s.*$/iu, '').trim() ??
      (field?.field === 'title' ? field.value.replace(/[.!?…]+$/u, '').trim() : undefined);
    if (title && isTitleLike(title))
      return {
        title,
        before: line.slice(0, at).trim(),
        sentence: trimmed,
        after: line.slice(at + sentence.length).trim(),
        chatter: called !== null,
      };
  }
  // "this is Riffing in the Dark, two parts, for …", "… about!! The Money Bin Sleepover. 2 parts": the title, then
  // how many parts; the words round it are the writer's chatter, their note.
  for (const { 1: naming = '', 2: title, index: at } of line.matchAll(TOLD_WITH_PARTS))
    if (isTitleLike(title) && isTitleCase(title) && (title.match(/(?:^|\s)\p{Lu}/gu) ?? []).length >= 2)
      return {
        title,
        before: line.slice(0, at + naming.length).trim(),
        sentence: title,
        after: line.slice(at + naming.length + title.length).trim(),
        chatter: true,
      };
  // '"Calligraphy for Beginners" by umi no ko': the title in quotes and its byline, a line of their own.
  const quoted = QUOTED_BYLINE.exec(line.trim());
  if (quoted && isTitleLike(quoted[1]))
    return { title: quoted[1].trim(), before: '', sentence: line.trim(), after: '', chatter: false };
  // "my ficlet for the swap 🍔 The Burger of the Day (gen, G, Louise + Gene)": the title ends the line, its rating after it.
  const announced = ANNOUNCED.exec(line.trim());
  if (announced && isTitleLike(announced[2]) && RATED.test(announced[3]))
    return {
      title: announced[2].trim(),
      before: line
        .trim()
        .slice(0, announced.index + announced[1].length)
        .trim(),
      sentence: line
        .trim()
        .slice(announced.index + announced[1].length)
        .trim(),
      after: '',
      chatter: true,
    };
  return undefined;
}

/**
 * A title in capitals told with the number of its parts: "this is Riffing in the Dark, two parts", "The
 * Money Bin Sleepover. 2 parts", at the line's start or a sentence's, or after "this is" / "here's".
 */
const TOLD_WITH_PARTS = new RegExp(
  `(?<=^|[.!?…]\\s{1,3})((?:[Tt]his is|[Hh]ere['’]?s|[Hh]ere is)\\s+)?(\\p{Lu}[^.,!?;:"“”\\n]{1,80}?)[,.:]?\\s+(?:\\d{1,2}|${TOLD_NUMBERS.join('|')})\\s+${TOLD_PIECES}\\b`,
  'gu',
);

/** '"Calligraphy for Beginners" by umi no ko', "“Overdue” — by kit": a quoted title and its byline, the whole line. */
const QUOTED_BYLINE = /^["“]([^"“”\n]{1,80})["”]\s*(?:[-–—,]\s*)?by\s+[^\s.!?][^.!?\n]{0,40}$/iu;
/** A title a writer's note leads to (after an emoji, a colon or a dash) and its tags after it in brackets, at the line's end. */
const ANNOUNCED =
  /(\p{Extended_Pictographic}\uFE0F?\s*|[:–—]\s+|\s-\s+)(\p{Lu}[^()[\]:!?.\n]{0,80}?)\s*([([][^()[\]]{1,80}[)\]])$/u;
/** A bracket of tags with the story's rating in it: "(gen, G, Louise + Gene)", "[PG-13]". */
const RATED = /[([,\s](?:G|PG|PG-13|R|NC-17|T|M|MA|E|K\+?|gen|teen|mature|explicit)[)\],\s]/u;

/** The writer's note round the story in a live post: before the first part, between the parts, after the story. */
export function liveNote(where: 'before' | 'between' | 'after'): StatedPart {
  const why = `the writer’s message ${where === 'before' ? 'before' : 'after'} the story’s, in the chat`;
  if (where === 'after') return { part: 'end-notes', why };
  if (where === 'between') return { part: 'chapter-end-notes', why };
  return { part: 'notes', why };
}
