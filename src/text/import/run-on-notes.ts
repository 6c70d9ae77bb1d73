/**
 * Notes and disclaimers run into a line of story or into each other: where the note ends, sentence
 * by sentence.
 */
import { isDisclaimer, labelledField, SIGN_OFF } from './cues.ts';
import { judgeSentence } from './note-sentences.ts';
import { splitSentences } from './sentences.ts';
import {
  type Scope,
  type Context,
  piece,
  notesPart,
  strengthIn,
  isAuthorVoice,
  closedValue,
  type Zone,
  type Piece,
  type PartName,
} from './part-pieces.ts';

/**
 * A paragraph that starts as a note and runs into the story ("A/N: Thanks for the reviews! Harry
 * woke…"): the note is the opening sentences that sound like one; the rest is story.
 */
export function splitRunOnNote(
  ctx: Context,
  text: string,
  fromEnd: boolean,
  labelled: boolean,
): [string, string] | undefined {
  // "[Reviews = love!]" closing the last line, "(A/N: …)" opening the first: the note is what the brackets hold.
  const bracketed = fromEnd
    ? /^(.*[.!?…"”’*_])\s+([[(][^[\]()]{3,400}[\])])$/su.exec(text.trim())
    : /^([[(][^[\]()]{3,400}[\])])\s+(\S.*)$/su.exec(text.trim());
  if (bracketed) {
    const [note, story] = fromEnd ? [bracketed[2], bracketed[1]] : [bracketed[1], bracketed[2]];
    if (splitSentences(note.slice(1, -1)).some((s) => judgeSentence(s, ctx.firstPersonStory).score > 0))
      return [note, story];
  }
  const sentences = splitSentences(text);
  const typedOn = fromEnd ? lowercaseTail(ctx, sentences) : undefined;
  if (typedOn) return typedOn.posting ? [typedOn.note, typedOn.story] : undefined;
  if (sentences.length < 2) return undefined;
  let taken = noteRunLength(ctx, sentences, fromEnd, labelled);
  // "Voilà !! La suite bientôt si vous laissez des coms !": the writer's "there!" opens the note, not ends the story.
  if (fromEnd && taken === sentences.length - 1 && NOTE_OPENER.test(sentences[0])) taken = sentences.length;
  if (taken === 0 || taken === sentences.length) return undefined;
  const note = fromEnd ? sentences.slice(sentences.length - taken) : sentences.slice(0, taken);
  const story = fromEnd ? sentences.slice(0, sentences.length - taken) : sentences.slice(taken);
  // "Hello all, … Sorry if it arrives twice!" over "Peggy": a letter's sign-off under the note, no story.
  if (!fromEnd && /\n\s*\S[^\n]*$/u.test(text.trim()) && SIGN_OFF.test(story.join(' ').trim())) return undefined;
  return [note.join(' '), story.join(' ')];
}

/** "Voilà !!", "Et voilà !", "Ta-da!", "So yeah.": a writer's word to readers when the story is done. */
const NOTE_OPENER = /^(?:(?:et\s+)?voil[àa]|ta-?da+|so\s+yeah|(?:and\s+)?there\s+you\s+(?:go|have\s+it))\s*[!.…]*$/iu;

/** A full stop, then a word in lower case: where a note typed on a phone starts ("…at last. thats it!!"). */
const LOWERCASE_START = /[.!?…]+["”’)]*\s+(?=\p{Ll})/gu;

/**
 * What a writer typing on after the story says and a character's message would not: the next part,
 * the readers, comments and kudos, "lol", "!!", ":)", a bare "thanks for reading".
 */
const POSTING_SIGN =
  /\b(?:lol|lmao|tmrw|tmr|pls|plz|omg|idk|tbh|tbc|a\/n|next\s+(?:part|chapter|ch|one|update)|part\s*(?:\d+|two|ii)|ch(?:apter)?\s*\d+|chapters?|updat(?:e|es|ed|ing)|comments?|kudos|reviews?|reblogs?|votes?|fics?|fanfic(?:tion)?|one-?shots?|guys|y'?all|everyone|readers)\b|\bfor\s+reading\s*(?:this\s+(?:story|fic|chapter|one)\s*)?(?:[.!?…:;)]|$)|!!|:\)|:D|<3|\bxD\b|\p{Extended_Pictographic}/iu;

/**
 * "…and waited for the kid to tell him. next part tmrw if I get a seat lol": a note typed on in
 * lower case after the story's last sentence, which the sentence splitter (wanting a capital) left
 * in that sentence. The note is the rest of the last sentence from its first lower-case start, when
 * that rest plainly reads as the author's and story comes before it; `posting` when it also says
 * what only a writer posting it would (in a story told in texts, "thank you for reading it. i wrote
 * it for you." is a character's message, and the paragraph is story).
 */
function lowercaseTail(
  ctx: Context,
  sentences: string[],
): { note: string; story: string; posting: boolean } | undefined {
  const last = sentences.at(-1) ?? '';
  if (last.length > 2000) return undefined;
  LOWERCASE_START.lastIndex = 0;
  const start = LOWERCASE_START.exec(last);
  if (!start) return undefined;
  const cut = start.index + start[0].length;
  const note = last.slice(cut).trim();
  const pieces = note.split(/(?<=[.!?…])\s+/u);
  const verdicts = pieces.map((p) => judgeSentence(p, ctx.firstPersonStory).score);
  if (!verdicts.some((score) => score >= 2) || verdicts.some((score) => score < 0)) return undefined;
  // "omg that was so cute writing it!! part 2 coming soon": a note all through, not story and a note.
  const before = last.slice(0, cut).trim();
  const lastLine = /(?:^|[.!?…]["”’)]*\s*)([^.!?…]+[.!?…]+["”’)]*)$/u.exec(before)?.[1] ?? before;
  if (lastLine.split(/\s+/).length < 3 || judgeSentence(lastLine, ctx.firstPersonStory).score > 0) return undefined;
  // "ok going to bed. if you reblog this i love you": typed in lower case from its start, all of it is the note.
  const story = [...sentences.slice(0, -1), before].join(' ');
  if (/^[^\p{L}]*\p{Ll}/u.test(story)) return undefined;
  return { note, story, posting: POSTING_SIGN.test(note) };
}

/** The paragraph is story with a note typed on after its last sentence: not a note as a whole. */
export function endsInTypedOnNote(ctx: Context, text: string): boolean {
  return lowercaseTail(ctx, splitSentences(text))?.posting === true;
}

/** The paragraph is story ending in a lower-case message that only sounds like a note: all of it is story. */
export function endsInTypedOnMessage(ctx: Context, text: string): boolean {
  return lowercaseTail(ctx, splitSentences(text))?.posting === false;
}

/**
 * Takes the note part of a paragraph a note runs into (`split`, as splitRunOnNote gives it) as the
 * zone's note, its label ("AN:", "A/N") read and left off as a labelled note's is; the paragraph's
 * story is left as the zone's remainder.
 */
export function takeRunOnNote(
  ctx: Context,
  zone: Zone,
  index: number,
  split: [string, string],
  where: { scope: Scope; chapter: number; end: boolean },
  reason: string,
): void {
  const [note, story] = split;
  const field = labelledField(note);
  const label = field && (field.field === 'notes' || field.field === 'end-notes') && field.value !== '';
  zone.pieces.push(
    piece(
      index,
      notesPart(where.scope, where.end),
      label ? closedValue(field).value : note,
      where.scope === 'work' ? null : where.chapter,
      reason,
      label ? { unsure: true, consumed: field.label } : { unsure: true },
    ),
  );
  zone.taken.add(index);
  zone.remainder = [index, story];
}

/** Every sentence of a paragraph belongs to a note, and one at least says so clearly. */
export function wholeNote(ctx: Context, text: string): boolean {
  const sentences = splitSentences(text);
  return (
    sentences.length > 0 &&
    lowercaseTail(ctx, sentences)?.posting !== false &&
    noteRunLength(ctx, sentences, false, false) === sentences.length &&
    sentences.some((s) => judgeSentence(s, ctx.firstPersonStory).score >= 2)
  );
}

/** How many sentences from the start (or the end) read as a note. */
function noteRunLength(ctx: Context, sentences: string[], fromEnd: boolean, labelled: boolean): number {
  const ordered = fromEnd ? [...sentences].reverse() : sentences;
  let taken = 0;
  const noteLike = (sentence: string) =>
    judgeSentence(sentence, ctx.firstPersonStory).score > 0 ||
    strengthIn(ctx, sentence) > 0 ||
    isAuthorVoice(ctx, sentence) ||
    /^(?:enjoy|read on|here it is|here you go|anyway|so)\b.{0,30}[!.]*$/i.test(sentence) ||
    /^(?:here'?s|here is|this is)\s+(?:the\s+)?(?:next|new|final|last|chapter|part|update)\b/i.test(sentence);
  for (const [i, sentence] of ordered.entries()) {
    if (noteLike(sentence) || (labelled && taken === 0)) {
      taken++;
      continue;
    }
    // A short plain sentence between two sentences of the note belongs to it ("It's short. Enjoy!").
    const next = ordered[i + 1];
    if (
      taken > 0 &&
      judgeSentence(sentence, ctx.firstPersonStory).score === 0 &&
      sentence.split(/\s+/).length <= 8 &&
      next !== undefined &&
      judgeSentence(next, ctx.firstPersonStory).score > 1
    ) {
      taken++;
      continue;
    }
    // "Meine erste Fanfic hier! Bastian ist erwachsen. Ich freue mich über jeden Kommentar.": one or two
    // plain sentences of any length, with a sentence plainly the author's after them, in a paragraph
    // that ends there or goes on for several more sentences.
    const bridged = bridgeToNote(ctx, ordered, i);
    if (taken > 0 && bridged > 0) {
      taken += bridged;
      continue;
    }
    break;
  }
  return taken;
}

/**
 * How many plain sentences from `i` lead to a sentence plainly the author's (two at most), when
 * the paragraph ends with it or has at least three more sentences after it: a note's aside, not
 * the story's first lines before a closing note in the same line. 0 when none.
 */
function bridgeToNote(ctx: Context, ordered: string[], i: number): number {
  for (let plain = 1; plain <= 2 && i + plain < ordered.length; plain++) {
    const verdict = judgeSentence(ordered[i + plain - 1], ctx.firstPersonStory);
    if (verdict.score !== 0) return 0;
    if (judgeSentence(ordered[i + plain], ctx.firstPersonStory).score < 2) continue;
    const after = ordered.length - (i + plain + 1);
    return after === 0 || after >= 3 ? plain : 0;
  }
  return 0;
}

/** "I don't own HP, sadly. No profit is made. Harry woke…": the disclaimer is the opening sentences that say so. */
export function splitRunOnDisclaimer(text: string): [string, string] | undefined {
  const sentences = splitSentences(text);
  let taken = 0;
  while (
    taken < sentences.length &&
    (isDisclaimer(sentences[taken]) ||
      (taken > 0 && judgeSentence(sentences[taken]).reason === 'continues the disclaimer') ||
      (taken > 0 && /^(?:so yeah|sadly|unfortunately|damn|oh well)\b.{0,20}$/i.test(sentences[taken])))
  )
    taken++;
  if (taken === 0 || taken === sentences.length) return undefined;
  return [sentences.slice(0, taken).join(' '), sentences.slice(taken).join(' ')];
}

/** After "。！？", or after a full stop and a space before Hangul or Thai, which have no capitals. */
const SENTENCE_END_WITHOUT_CAPITALS =
  /(?<=[。！？](?![。！？」』）)]))|(?<=[.!?])\s+(?=[\p{Script=Hangul}\p{Script=Thai}])/u;
/** And, in writing all in lower case, after a full stop and a space before any letter. */
const LOWER_CASE_SENTENCE_END = new RegExp(`${SENTENCE_END_WITHOUT_CAPITALS.source}|(?<=[.!?])\\s+(?=\\p{L})`, 'u');

/**
 * Sentences also where the writing has no capitals to start them: after "。！？" in Chinese and Japanese, after
 * a full stop and a space before Hangul or Thai ("설정이에요. 등장인물의 …"), and in a note written all in lower
 * case ("written on a november night. the unknown belongs to patrick mchale, not me.").
 */
function sentencesAnyScript(text: string): string[] {
  const lowerCase = !/\p{Lu}/u.test(text);
  return splitSentences(text).flatMap((sentence) =>
    sentence
      .split(lowerCase ? LOWER_CASE_SENTENCE_END : SENTENCE_END_WITHOUT_CAPITALS)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/** A paragraph that is a disclaimer and nothing else: each sentence says who owns the characters, or goes on saying it. */
export function wholeDisclaimer(text: string, firstPersonStory = false): boolean {
  return (
    isDisclaimer(text) &&
    splitSentences(text).every((s) =>
      ['says who owns the characters', 'continues the disclaimer'].includes(judgeSentence(s, firstPersonStory).reason),
    )
  );
}

/** A paragraph that ends in a disclaimer after other sentences: [the sentences before, the disclaimer]. `labelled`: a label says the paragraph is a note. */
/**
 * "Alice in Wonderland is by Lewis Carroll.", "Sherlock Holmes was created by Arthur Conan Doyle.": whose the
 * work is, by the maker's full name. Only closing a note: in a story it is a line like any other.
 */
const MAKER_CREDIT =
  /^\p{Lu}[^.!?]{1,60}?\s(?:is|are|was|were)\s+(?:(?:all|written|created)\s+)?by\s+(?:the\s+(?:great|wonderful)\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){1,3}[.!]?$/u;

export function noteThenDisclaimer(text: string, labelled = false): [string, string] | undefined {
  const sentences = sentencesAnyScript(text);
  const owns = (s: string) =>
    isDisclaimer(s) || judgeSentence(s).reason === 'continues the disclaimer' || MAKER_CREDIT.test(s.trim());
  const from = sentences.findIndex(owns);
  // "Productions and Fox. No infringement intended.": a wrapped disclaimer's tail is no note (a label says it is one).
  if (from <= 0 || (!labelled && !sentences.slice(0, from).some((s) => judgeSentence(s).score >= 1))) return undefined;
  if (!sentences.slice(from).every(owns)) return undefined;
  const at = startsIn(text, sentences)[from];
  return [text.slice(0, at).trim(), text.slice(at).trim()];
}

/**
 * Where each sentence starts in the text itself, found in order: sentences in Chinese or Japanese have no space
 * between them, so their places cannot be counted from their lengths.
 */
function startsIn(text: string, sentences: string[]): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const sentence of sentences) {
    at = Math.max(text.indexOf(sentence, at), at);
    starts.push(at);
    at += sentence.length;
  }
  return starts;
}

/**
 * What follows a disclaimer in the same paragraph: more of the note ("Thanks to my beta! Enjoy!")
 * and then, maybe, the story. Sets the zone's remainder when story is left; true when the zone
 * must stop there.
 */
export function noteAfterDisclaimer(
  ctx: Context,
  zone: Zone,
  index: number,
  rest: string,
  scope: Scope,
  chapter: number,
): boolean {
  const part = notesPart(scope, false);
  const noteChapter = scope === 'work' ? null : chapter;
  const split = splitRunOnNote(ctx, rest, false, false);
  if (split) {
    zone.pieces.push(
      piece(index, part, split[0], noteChapter, 'an author’s note after the disclaimer, run into the story', {
        unsure: true,
      }),
    );
    zone.remainder = [index, split[1]];
    return true;
  }
  if (wholeNote(ctx, rest)) {
    zone.pieces.push(piece(index, part, rest, noteChapter, 'an author’s note after the disclaimer'));
    return false;
  }
  zone.remainder = [index, rest];
  return true;
}

/**
 * A paragraph read as a disclaimer, cut round the sentences that are one: [the writer's words before them, the
 * disclaimer, the lines after it] ("※捏造設定あり。\n※原作者様とは一切関係ありません。\n表紙はお借りしました。").
 */
function disclaimerWithin(text: string): [string, string, string] {
  // Lines that end a sentence; a hard-wrapped sentence goes on across its line break.
  const sentences = text.split(/(?<=[.!?。！？…]["”’」』）)]*)[ \t]*\n+/u).flatMap(sentencesAnyScript);
  const owns = (s: string) => isDisclaimer(s) || judgeSentence(s).reason === 'continues the disclaimer';
  const from = sentences.findIndex(owns);
  if (from === -1) return ['', text, ''];
  let to = from + 1;
  while (to < sentences.length && owns(sentences[to])) to++;
  const starts = startsIn(text, sentences);
  const start = starts[from];
  // What follows on the disclaimer's own line is more of it ("… belongs to Disney. No profit is made. I just play.").
  const end = to < sentences.length && text.slice(starts[to - 1], starts[to]).includes('\n') ? starts[to] : text.length;
  return [text.slice(0, start).trim(), text.slice(start, end).trim(), text.slice(end).trim()];
}

const NOTE_PARTS = new Set(['notes', 'chapter-notes', 'end-notes', 'chapter-end-notes']);

/**
 * A note and a disclaimer the writer put in one paragraph, wherever it was read as one or the other: "Фанфик по
 * «Ну, погоди!». … Все права на персонажей принадлежат …" over the story, "Porco Rosso belongs to Studio Ghibli.
 * Thank you for reading!" under it. The disclaimer goes where disclaimers go; the rest stays the writer's note.
 */
export function setDisclaimersApart(pieces: Piece[]): Piece[] {
  const firstText = pieces.find((p) => p.part === 'text')?.block ?? Infinity;
  return pieces.flatMap((p): Piece[] => {
    if (p.consumed !== '' || p.field !== undefined) return [p];
    const disclaimer = (text: string): Piece => ({ ...p, part: 'disclaimer', chapter: null, text, html: undefined });
    const note = (text: string): Piece => ({ ...p, text, html: undefined });
    if (p.part === 'disclaimer') {
      const [before, owned, after] = disclaimerWithin(p.text);
      if (before === '' && after === '') return [p];
      const part: PartName = p.block < firstText ? 'notes' : 'end-notes';
      return [
        ...(before ? [{ ...note(before), part, reason: 'the author’s words before the disclaimer' }] : []),
        disclaimer(owned),
        ...(after ? [{ ...note(after), part, reason: 'the author’s words after the disclaimer' }] : []),
      ];
    }
    if (!NOTE_PARTS.has(p.part)) return [p];
    const tail = noteThenDisclaimer(p.text, true);
    if (tail)
      return [note(tail[0]), { ...disclaimer(tail[1]), reason: 'a disclaimer at the end of the author’s note' }];
    const head = splitRunOnDisclaimer(p.text);
    if (head) return [{ ...disclaimer(head[0]), reason: 'a disclaimer opening the author’s note' }, note(head[1])];
    return [p];
  });
}
