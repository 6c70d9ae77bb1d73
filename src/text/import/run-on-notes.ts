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

/**
 * After a sentence that says whose the characters are, the writer's side of it: how little they own, that they only
 * borrow, play or are a fan, that they make nothing by it ("I own a bamboo placemat.", "I don't even own a cigar.", "Just
 * borrowing the jukebox.", "I am just a fan with a lot of feelings.", "I'm just pulling a pint.", "Please don't sue me",
 * "Mình chỉ mượn chơi thôi.", "Aku cuma pinjam sebentar.", "Jag lånar dem bara …", "Автор ни на что не претендует.").
 * Read only right after such a sentence: alone, "I own a bike." or "I'm just tired." is anyone's.
 */
const WRITERS_SIDE =
  /^\W*(?:(?:I|I'm|I\s+am)\s+(?:(?:do\s+not|don'?t)\s+even\s+own|(?:only\s+|just\s+|merely\s+)?own\s+(?:a|an|my|the|this|nothing|only)(?!\p{L})|(?:just|only|merely)\s+(?:a\s+(?:fan|humble)|\p{L}+ing(?!\p{L})))|just\s+(?:borrowing|playing|having\s+fun)(?!\p{L})|(?:please\s+)?(?:don'?t|do\s+not)\s+sue(?!\p{L})|this\s+is\s+(?:just|only|purely)\s+for\s+fun(?!\p{L})|(?:mình|tôi|em)\s+chỉ\s+mượn|(?:aku|saya)\s+(?:cuma|hanya)\s+(?:pinjam|meminjam)|jag\s+lånar\s+(?:dem|bara|dom)(?!\p{L})|автор\s+ни\s+на\s+что\s+не\s+претендует)/iu;

/** The disclaimer's own sentences from `from` on, and the writer's side after them: where it ends. */
function disclaimerEnd(sentences: string[], from: number, owns: (s: string) => boolean): number {
  let to = from;
  while (
    to < sentences.length &&
    (owns(sentences[to]) || (to > from && WRITERS_SIDE.test(straightQuotes(sentences[to]))))
  )
    to++;
  return to;
}

const straightQuotes = (text: string) => text.replace(/[’‘]/g, "'");

/** "I don't own HP, sadly. No profit is made. Harry woke…": the disclaimer is the opening sentences that say so. */
export function splitRunOnDisclaimer(text: string): [string, string] | undefined {
  const sentences = splitSentences(text);
  let taken = 0;
  while (
    taken < sentences.length &&
    (isDisclaimer(sentences[taken]) ||
      (taken > 0 && judgeSentence(sentences[taken]).reason === 'continues the disclaimer') ||
      (taken > 0 && WRITERS_SIDE.test(straightQuotes(sentences[taken]))) ||
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
  const sentences = text.split(/(?<=[.!?。！？…]["”’」』）)]*)[ \t]*\n+/u).flatMap(sentencesAnyCase);
  const owns = (s: string) => isDisclaimer(s) || judgeSentence(s).reason === 'continues the disclaimer';
  const from = sentences.findIndex(owns);
  if (from === -1) return ['', text, ''];
  const to = disclaimerEnd(sentences, from, owns);
  const starts = startsIn(text, sentences);
  const start = starts[from];
  // What follows on the disclaimer's own line is more of it ("… belongs to Disney. No profit is made. I just play."),
  // up to a sentence plainly the writer's note ("Stevenson's, not mine. Written for the Castaways challenge.").
  const noteAt = sentences.findIndex((s, i) => i >= to && !owns(s) && judgeSentence(s).score >= 2);
  const end =
    to < sentences.length && text.slice(starts[to - 1], starts[to]).includes('\n')
      ? starts[to]
      : noteAt !== -1
        ? starts[noteAt]
        : text.length;
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
    const disclaimer = (text: string): Piece => ({ ...p, part: 'disclaimer', chapter: null, text, html: undefined });
    const note = (text: string): Piece => ({ ...p, text, html: undefined });
    const noteField = p.field === undefined || p.field === 'notes' || p.field === 'end-notes';
    if (NOTE_PARTS.has(p.part) && noteField) {
      // "A/N: … Disclaimer: Hornblower and company belong to …": the disclaimer's own label inside the note.
      const labelled = labelledDisclaimerWithin(p);
      if (labelled) return labelled;
    }
    if (p.part === 'disclaimer' && (p.field === undefined || p.field === 'disclaimer')) {
      // "Disclaimer: Kipling's, all of it. A/N: I was rereading …": the note's own label inside the disclaimer.
      const labelled = labelledNoteWithin(p, p.block < firstText ? 'notes' : 'end-notes');
      if (labelled) return labelled;
    }
    if (p.consumed !== '' || p.field !== undefined) {
      return NOTE_PARTS.has(p.part) && noteField ? disclaimerAtLabelledNoteEdge(p) : [p];
    }
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
    return disclaimerAtLabelledNoteEdge(p);
  });
}

/** A disclaimer's own sentence: one that says whose the characters are, or goes on saying it. */
const ownsSentence = (s: string) => isDisclaimer(s) || judgeSentence(s).reason === 'continues the disclaimer';

/**
 * Sentences, also where a writer starts them in lower case after a full stop ("dont laff. i dont own the rugrats,
 * Klasky Csupo does."; not after an initial's: "Magnum P.I. isn't mine") or ends one with an emoji instead ("… mọi người đọc vui nha 💙 Nhân vật thuộc về …").
 */
function sentencesAnyCase(text: string): string[] {
  return sentencesAnyScript(text).flatMap((sentence) =>
    sentence
      .split(/(?<=\p{Ll}{2}[.!?]+|[!?])\s+(?=\p{Ll})|(?<=\p{Extended_Pictographic})\s+(?=\p{Lu})/u)
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  );
}

/**
 * A note read with its label ("Notes: …", "Author's note: …", "Vorwort: …") with a disclaimer opening or closing it,
 * or all of it a disclaimer: "Notes: Brambly Hedge belongs to Jill Barklem. I wrote this for my niece …", "Author's
 * note: … Many thanks to my sister. The Railway Children is E. Nesbit's and I'm only borrowing Perks …". A
 * disclaimer between the note's other sentences stays in the note (`whole`: only a note that is all disclaimer).
 */
function disclaimerAtLabelledNoteEdge(p: Piece, whole = false): Piece[] {
  const sentences = sentencesAnyCase(p.text);
  // Under a note's label, a sentence that opens with the note's own words and only then says whose the characters are
  // ("Truyện viết vui, nhân vật không thuộc về tôi.") is the note's: the disclaimer is not said apart from it.
  const labelled = p.consumed !== '' || p.field !== undefined;
  const opens = (s: string) => {
    if (!isDisclaimer(s)) return false;
    if (!labelled) return true;
    const [first, ...rest] = s.split(/(?<=[,;，；、])\s*/u);
    return isDisclaimer(first) || !isDisclaimer(rest.join(' '));
  };
  const head = sentences.length > 0 && opens(sentences[0]) ? disclaimerEnd(sentences, 0, ownsSentence) : 0;
  if (head > 0 && head === sentences.length) {
    // "Disclaimer: Battlestar Galactica … belong to Universal …" under an "Author's Note" heading: its own label read.
    const field = p.consumed === '' ? labelledField(p.text) : undefined;
    const label =
      field?.field === 'disclaimer' && field.value !== ''
        ? { consumed: field.label, text: field.value, html: undefined }
        : {};
    return [{ ...p, part: 'disclaimer', chapter: null, ...label, reason: 'a note that is all disclaimer' }];
  }
  if (whole) return [p];
  const starts = startsIn(p.text, sentences);
  if (head > 0) {
    return [
      {
        ...p,
        part: 'disclaimer',
        chapter: null,
        html: undefined,
        text: p.text.slice(0, starts[head]).trim(),
        reason: 'a disclaimer opening the author’s note',
      },
      { ...p, consumed: '', html: undefined, text: p.text.slice(starts[head]).trim() },
    ];
  }
  const tail = sentences.findIndex(
    (s, i) => i > 0 && opens(s) && disclaimerEnd(sentences, i, ownsSentence) === sentences.length,
  );
  if (tail > 0) {
    return [
      { ...p, html: undefined, text: p.text.slice(0, starts[tail]).trim() },
      {
        ...p,
        part: 'disclaimer',
        chapter: null,
        consumed: '',
        html: undefined,
        text: p.text.slice(starts[tail]).trim(),
        reason: 'a disclaimer at the end of the author’s note',
      },
    ];
  }
  return [p];
}

/** Where a sentence opens with a label of the given fields: its index (after the first), label and the rest. */
function labelInside(sentences: string[], fields: string[]): { at: number; label: string } | undefined {
  for (let i = 1; i < sentences.length; i++) {
    const field = labelledField(sentences[i]);
    if (field && fields.includes(field.field) && field.value !== '') return { at: i, label: field.label };
  }
  return undefined;
}

/** A note with "Disclaimer: …" inside it: the note before, the disclaimer (to its last sentence), the note after. */
function labelledDisclaimerWithin(p: Piece): Piece[] | undefined {
  const sentences = sentencesAnyScript(p.text);
  const inside = labelInside(sentences, ['disclaimer']);
  if (!inside) return undefined;
  const rest = sentences.slice(inside.at);
  rest[0] = rest[0].trim().slice(inside.label.length).trim();
  const end = inside.at + Math.max(1, disclaimerEnd(rest, 0, ownsSentence));
  const starts = startsIn(p.text, sentences);
  const from = starts[inside.at];
  const to = end < sentences.length ? starts[end] : p.text.length;
  const owned = p.text.slice(from, to).trim();
  const after = p.text.slice(to).trim();
  return [
    { ...p, html: undefined, text: p.text.slice(0, from).trim() },
    {
      ...p,
      part: 'disclaimer',
      chapter: null,
      html: undefined,
      consumed: inside.label,
      text: owned.slice(inside.label.length).trim(),
      reason: 'the disclaimer’s label inside the author’s note',
    },
    ...(after ? [{ ...p, consumed: '', html: undefined, text: after }] : []),
  ];
}

/** A disclaimer with "A/N: …" or "Author's Note: …" after it: the disclaimer, then the note from its label. */
function labelledNoteWithin(p: Piece, part: PartName): Piece[] | undefined {
  const sentences = sentencesAnyScript(p.text);
  const inside = labelInside(sentences, ['notes', 'end-notes']);
  if (!inside) return undefined;
  const from = startsIn(p.text, sentences)[inside.at];
  const noteText = p.text.slice(from).trim().slice(inside.label.length).trim();
  return [
    { ...p, html: undefined, text: p.text.slice(0, from).trim() },
    {
      ...p,
      part,
      html: undefined,
      consumed: inside.label,
      text: noteText,
      reason: 'the note’s label inside the disclaimer',
    },
  ];
}
