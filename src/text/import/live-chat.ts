/**
 * A story posted live into a chat (an IRC channel's log, a Skype or Gadu-Gadu conversation): no
 * message is long enough to be a story's, as the writer pastes a paragraph a message; a message of
 * the writer's alone heads each part ("PART ONE", "~ one ~", "CZĘŚĆ 2"); readers' messages come
 * between the paragraphs and the parts; the writer's own lines to the chat come before the story
 * ("it's called Overdue", "title: …"), between the parts, and after it ("the end!! thanks …").
 */
import type { StatedPart } from './blocks.ts';
import { chapterHeading, isEndMarker, isTitleLike, labelledField } from './cues.ts';

export interface LiveMessage {
  sender: string | undefined;
  lines: number[];
}

export interface LivePart {
  /** The message heading the part, and the part's title when the heading gives one. */
  heading: number;
  title: string | null;
  /** The messages of the part's story, in order. */
  story: number[];
}

/**
 * An instant messenger's archive header on a line of its own, the message on the lines under it:
 * Gadu-Gadu's "ferdkowa_fanka (2012-03-18 22:05:12):".
 */
export const MESSENGER_HEADER = /^()([^\s():][^():\n]{0,49}?)\s+\(\d{4}-\d{2}-\d{2}\s+\d{1,2}:\d{2}(?::\d{2})?\):()$/u;

/** LINE's "Save chat history" text: "21:10<TAB>umi no ko<TAB>…", the time, the sender and the message between tabs, a line each. */
export const TAB_CHAT_LINE = /^(\d{1,2}:\d{2}\t)([^\t\n]{1,50})\t(.*)$/u;

/** "~ one ~", "-- 2 --", "** three **", "~part one~": a part's number between the same ornaments, as writers mark a part in a chat. */
const ORNAMENTED_NUMBER =
  /^([~*=#\-–—•]{1,4})\s*(?:part\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|[IVX]{1,4})\s*\1$/iu;
/** "[1]", "(2)", "[part 3]": a part's number in brackets, a message of its own. */
const BRACKETED_NUMBER =
  /^(?:\[\s*(?:part\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|[IVX]{1,4})\s*\]|\(\s*(?:part\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|[IVX]{1,4})\s*\))$/iu;
/** "1/2", "(2/3)": which of the messages a story is cut into, as writers number them when the chat cuts a long message. */
const MESSAGE_OF = /^\(?([1-9]\d?)\s*\/\s*([1-9]\d?)\)?$/u;
/** A paragraph of a story has a sentence in it: a chat's lines between friends are shorter. */
const STORY_WORDS = 60;
const PARAGRAPH_WORDS = 8;
/** The writer's answer to a reader after a part ("shh", "haha yes"): short, a line or two. */
const ASIDE_WORDS = 12;
const ASIDE_MESSAGES = 2;

function wordCount(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

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
): LivePart[] | undefined {
  const said = (k: number) => messages[k].lines.map(text).join(' ');
  const own = messages.flatMap((m, k) => (m.sender === writer && m.lines.length > 0 ? [k] : []));
  const headings = own.filter((k) => messages[k].lines.length === 1 && partHeading(said(k)));
  if (headings.length === 0) return undefined;
  const parts: LivePart[] = [];
  for (const [j, heading] of headings.entries()) {
    const next = headings[j + 1] ?? messages.length;
    let story: number[] = [];
    for (let k = heading + 1; k < next; k++)
      if (messages[k].sender === writer && messages[k].lines.length > 0) story.push(k);
    const last = j === headings.length - 1;
    const end = last ? story.findIndex((k) => opensWithEndMarker(said(k))) : -1;
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
  const lengths = parts.flatMap((p) => p.story.map((k) => wordCount(said(k)))).sort((a, b) => a - b);
  const total = lengths.reduce((n, w) => n + w, 0);
  if (total < STORY_WORDS || lengths[Math.floor(lengths.length / 2)] < PARAGRAPH_WORDS) return undefined;
  return parts;
}

/** "the end!! thanks for reading", "KONIEC. wrzucę …", "THE END": a message that opens with the story's end marker. */
function opensWithEndMarker(line: string): boolean {
  const head = /^(.{1,30}?[.!…]+)\s/u.exec(line.trim());
  return isEndMarker(line.trim()) || (head !== null && isEndMarker(head[1]));
}

/** "it's called The Cupboard", "this one is called Overdue, by …": the title the writer tells the chat. */
const CALLED =
  /\b(?:it['’]?s|it is|this is|this one['’]?s|this one is|the fic is|the story is)\s+called\s+["“]?([^.,!?;"”\n]{1,80})/iu;

/** The same in the chat's other languages: "Se llama «La junta»", "si chiama …", "s'appelle …", "heißt …", "называется …". */
const CALLED_ELSEWHERE =
  /(?:^|\s)(?:se llama|se chama|s['’]appelle|si chiama|heißt|nazywa się|называется|називається|heet)\s+["“«„]?([^.,!?;"”»“\n]{1,80})/iu;

/**
 * The title a writer's line to the chat gives, and where: "it's called The Cupboard." or
 * "tytuł: Wynalazca." in a line of other sentences. The line's sentence that names the title is
 * the header's, the others the writer's note (`note`).
 */
export function titleSaid(
  line: string,
): { title: string; before: string; sentence: string; after: string } | undefined {
  // Where each sentence starts, as found: a line may open with marks no sentence takes ("... it's called …").
  for (const { 0: sentence, index: at } of line.matchAll(/[^.!?…]+(?:[.!?…]+|$)\s*/gu)) {
    const trimmed = sentence.trim();
    const called = CALLED.exec(trimmed) ?? CALLED_ELSEWHERE.exec(trimmed);
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
      };
  }
  // '"Calligraphy for Beginners" by umi no ko': the title in quotes and its byline, a line of their own.
  const quoted = QUOTED_BYLINE.exec(line.trim());
  if (quoted && isTitleLike(quoted[1]))
    return { title: quoted[1].trim(), before: '', sentence: line.trim(), after: '' };
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
    };
  return undefined;
}

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
