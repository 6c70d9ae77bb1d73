/**
 * Finds the parts of a work in its blocks: title, summary, disclaimers, beginning and end notes
 * of the work and of each chapter, chapter boundaries and titles, scene breaks and story text.
 * Every block, or every piece of a block split in two, gets exactly one part and the reason for
 * it, so a preview can show (and a writer correct) each decision. Nothing is dropped: words go
 * to a part, or are a label ("Summary:") or marker ("Chapter 2", "oOo") that is shown as consumed.
 */
import type { SourceBlock } from './blocks.ts';
import {
  breakWords,
  fieldShaped,
  ficDescriptor,
  chapterHeading,
  firstPersonRate,
  isByline,
  isShortLine,
  titleWithByline,
  isMailHeaders,
  isDedication,
  namesChapter,
  titleOf,
  bylineName,
  fanFictionNetPageTitle,
  isFanFictionNetFacts,
  undecorated,
  isDisclaimer,
  isEndMarker,
  isSceneBreak,
  isTitleLike,
  labelledField,
  noteStrength,
  type FieldName,
  type HeadingCue,
  type LabelledField,
} from './cues.ts';
import { judgeSentence, noteShare } from './note-sentences.ts';
import { cutHtml } from './html-cut.ts';
import { AO3_POSTED } from './paragraphs.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';

export type PartName =
  | 'title'
  | 'summary'
  | 'disclaimer'
  | 'duplicate-disclaimer'
  | 'notes'
  | 'end-notes'
  | 'chapter-title'
  | 'chapter-notes'
  | 'chapter-end-notes'
  | 'text'
  | 'break'
  | 'separator'
  | 'metadata';

export interface Piece {
  part: PartName;
  /** The words kept, as plain text ('' for breaks and separators). */
  text: string;
  /** Formatting of a whole block from HTML-like input, when the piece is the whole block. */
  html?: string;
  /** Chapter (0-based) for chapter parts and story text; null for the work's own parts. */
  chapter: number | null;
  /** A label or marker the import read and did not keep as text: "Summary:", "Chapter 2", "oOo". */
  consumed: string;
  /** For metadata: which field the value fills (rating, fandom, character …). */
  field?: FieldName;
  /** Why the piece got its part, in words a writer understands. */
  reason: string;
  /** Only a likely guess: the preview should draw attention to it. */
  unsure?: boolean;
  /** The block it came from (index into the blocks given to findParts). */
  block: number;
}

type Scope = 'work' | 'chapter';

interface Context {
  blocks: SourceBlock[];
  pieces: Piece[];
  /** The story is told in the first person: first-person talk then says nothing about notes. */
  firstPersonStory: boolean;
  titleFound: boolean;
}

const AUTHOR_VOICE = 0.04;

function piece(
  block: number,
  part: PartName,
  text: string,
  chapter: number | null,
  reason: string,
  extra: Partial<Piece> = {},
): Piece {
  return { part, text, chapter, consumed: '', reason, block, ...extra };
}

/** A byline as the pen name it gives, its "by" kept aside as read. */
function bylinePiece(block: number, text: string, reason: string): Piece {
  const { label, name } = bylineName(text);
  return piece(block, 'metadata', name, null, reason, { field: 'author', consumed: label });
}

/** The work-level or chapter-level name of a part found at the start or end of a section. */
function notesPart(scope: Scope, end: boolean): PartName {
  if (scope === 'work') return end ? 'end-notes' : 'notes';
  return end ? 'chapter-end-notes' : 'chapter-notes';
}

/** How strongly a text reads as a note; in a story told in the first person, "I … this story" alone is not enough. */
function strengthIn(ctx: Context, text: string): 0 | 1 | 2 {
  const strength = noteStrength(text);
  return ctx.firstPersonStory && strength === 1 ? 0 : strength;
}

function isAuthorVoice(ctx: Context, text: string): boolean {
  return !ctx.firstPersonStory && !OPENING_QUOTE.test(text) && firstPersonRate(text) >= AUTHOR_VOICE;
}

function isSeparatorBlock(block: SourceBlock): boolean {
  return block.kind === 'break' || isSceneBreak(block.text);
}

/** A field's value that should be kept whole: a spoiler line is part of the summary, label and all. */
function fieldPart(
  field: FieldName,
  scope: Scope,
  chapter: number | null,
): { part: PartName; consumeLabel: boolean; chapter: number | null } {
  switch (field) {
    case 'title':
      return scope === 'work'
        ? { part: 'title', consumeLabel: true, chapter: null }
        : { part: 'chapter-title', consumeLabel: true, chapter };
    case 'summary':
      return scope === 'work'
        ? { part: 'summary', consumeLabel: true, chapter: null }
        : { part: 'chapter-notes', consumeLabel: false, chapter };
    // "TW: grief", "Dedication: …": the writer's words to readers, kept in the notes as written (label and all).
    case 'content-warnings':
    case 'dedication':
    case 'feedback':
      return { part: notesPart(scope, false), consumeLabel: false, chapter: scope === 'work' ? null : chapter };
    case 'spoilers':
      return scope === 'work'
        ? { part: 'summary', consumeLabel: false, chapter: null }
        : { part: 'chapter-notes', consumeLabel: false, chapter };
    case 'disclaimer':
      return { part: 'disclaimer', consumeLabel: true, chapter: null };
    case 'notes':
      return { part: notesPart(scope, false), consumeLabel: true, chapter: scope === 'work' ? null : chapter };
    case 'end-notes':
      return { part: notesPart(scope, true), consumeLabel: true, chapter: scope === 'work' ? null : chapter };
    default:
      return { part: 'metadata', consumeLabel: true, chapter: null };
  }
}

/**
 * A paragraph that starts as a note and runs into the story ("A/N: Thanks for the reviews! Harry
 * woke…"): the note is the opening sentences that sound like one; the rest is story.
 */
function splitRunOnNote(ctx: Context, text: string, fromEnd: boolean, labelled: boolean): [string, string] | undefined {
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
  if (sentences.length < 2) return undefined;
  const taken = noteRunLength(ctx, sentences, fromEnd, labelled);
  if (taken === 0 || taken === sentences.length) return undefined;
  const note = fromEnd ? sentences.slice(sentences.length - taken) : sentences.slice(0, taken);
  const story = fromEnd ? sentences.slice(0, sentences.length - taken) : sentences.slice(taken);
  return [note.join(' '), story.join(' ')];
}

/** Every sentence of a paragraph belongs to a note, and one at least says so clearly. */
function wholeNote(ctx: Context, text: string): boolean {
  const sentences = splitSentences(text);
  return (
    sentences.length > 0 &&
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
    break;
  }
  return taken;
}

/** "I don't own HP, sadly. No profit is made. Harry woke…": the disclaimer is the opening sentences that say so. */
function splitRunOnDisclaimer(text: string): [string, string] | undefined {
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

/** A paragraph that ends in a disclaimer after other sentences: [the sentences before, the disclaimer]. */
function noteThenDisclaimer(text: string): [string, string] | undefined {
  const sentences = splitSentences(text);
  const owns = (s: string) => isDisclaimer(s) || judgeSentence(s).reason === 'continues the disclaimer';
  const from = sentences.findIndex(owns);
  // "Productions and Fox. No infringement intended.": a wrapped disclaimer's tail is no note.
  if (from <= 0 || !sentences.slice(0, from).some((s) => judgeSentence(s).score >= 1)) return undefined;
  if (!sentences.slice(from).every(owns)) return undefined;
  return [sentences.slice(0, from).join(' '), sentences.slice(from).join(' ')];
}

/**
 * What follows a disclaimer in the same paragraph: more of the note ("Thanks to my beta! Enjoy!")
 * and then, maybe, the story. Sets the zone's remainder when story is left; true when the zone
 * must stop there.
 */
function noteAfterDisclaimer(
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

interface Section {
  heading: { block: number; cue: HeadingCue } | null;
  blocks: number[];
}

interface Zone {
  pieces: Piece[];
  /** Blocks the zone took whole. */
  taken: Set<number>;
  /** Story text split off a block the zone took part of: [block, text]. */
  remainder?: [number, string];
}

/** "Work Text:", "Chapter Text" (and AO3's own words for them in other languages). */
const SITE_CHROME = 'the site’s menus, buttons or counts, copied with the story';

const STORY_LANDMARK =
  /^(?:work\s+text|chapter\s+text|werktext|kapiteltext|texte\s+de\s+l['’]œuvre|texte\s+du\s+chapitre|texto\s+de\s+la\s+obra|texto\s+del\s+capítulo|texto\s+da\s+obra|texto\s+do\s+capítulo|testo\s+dell['’]opera|testo\s+del\s+capitolo)\s*:?$/i;

/** The header at the start of a section, with a disclaimer that ends a note set apart from it. */
function leadingZone(ctx: Context, blocks: number[], scope: Scope, chapter: number): Zone {
  const zone = readHeader(ctx, blocks, scope, chapter);
  zone.pieces = zone.pieces.flatMap((p) => {
    // Under a label of its own ("Notas do Autor"), the note keeps what the writer put in it.
    const split = /notes$/.test(p.part) && p.consumed === '' && !p.field ? noteThenDisclaimer(p.text) : undefined;
    if (!split) return [p];
    return [
      { ...p, text: split[0], html: undefined },
      piece(p.block, 'disclaimer', split[1], null, 'a disclaimer at the end of the author’s note', { unsure: true }),
    ];
  });
  return zone;
}

/** The header at the start of a section: labelled fields, disclaimers, notes, a title, separators. */
function readHeader(ctx: Context, blocks: number[], scope: Scope, chapter: number): Zone {
  const zone: Zone = { pieces: [], taken: new Set() };
  let pending: { field: FieldName; label: string; owned: number } | null = null;
  // Where the header ends (a separator, or the story's start) when it goes on past a block no rule read.
  let headerEnd: number | undefined;
  for (let k = 0; k < blocks.length; k++) {
    const index = blocks[k];
    const block = ctx.blocks[index];
    const text = block.text;
    const rest = blocks.slice(k + 1);
    const take = (p: Piece) => {
      zone.pieces.push(p);
      zone.taken.add(index);
    };
    if (block.stated) {
      if (block.stated.part === 'text') break;
      take(statedPiece(index, block, chapter));
      continue;
    }
    if (block.chrome) {
      take(piece(index, 'metadata', text, null, SITE_CHROME));
      continue;
    }
    // AO3's landmark above the story, copied from the page: the header ends here.
    if (STORY_LANDMARK.test(text.trim())) {
      take(piece(index, 'separator', '', null, 'where AO3 shows the story starts', { consumed: text.trim() }));
      break;
    }
    if (isSeparatorBlock(block)) {
      take(piece(index, 'separator', '', null, 'a separator line in the header', { consumed: breakWords(text) }));
      pending = null;
      continue;
    }
    const field = labelledField(text);
    if (field) {
      const target = fieldPart(field.field, scope, chapter);
      if (field.value === '') {
        pending = { field: field.field, label: field.label, owned: 0 };
        take(
          piece(index, target.part, '', target.chapter, `the label “${field.label}”`, {
            consumed: field.label,
            field: field.field,
          }),
        );
        continue;
      }
      pending = null;
      // "Title: Custard Creams" under a page's heading ("fic: Custard Creams, parts 1-2 [Torchwood]"): the label says it.
      if (target.part === 'title')
        for (const guessed of zone.pieces.filter((p) => p.part === 'title' && p.unsure))
          Object.assign(guessed, { part: 'metadata', reason: 'a heading above the labelled title' });
      takeField(ctx, zone, index, field, target, scope, chapter, rest.length > 0);
      if (zone.remainder) return zone;
      if (target.part === 'title') ctx.titleFound = true;
      continue;
    }
    if (pending) {
      const target = fieldPart(pending.field, scope, chapter);
      // A label on its own line ("Summary:") owns the paragraphs under it, up to the next label or separator.
      const ownsIt =
        target.part !== 'metadata' && target.part !== 'title'
          ? strengthIn(ctx, text) > 0 || target.part !== 'notes' || isAuthorVoice(ctx, text) || rest.length > 0
          : true;
      // The first paragraph under a label on a line of its own is what the label says, whatever it says.
      if (
        ownsIt &&
        (pending.owned === 0 ||
          target.part === 'summary' ||
          target.part === 'disclaimer' ||
          target.part === 'metadata' ||
          target.part === 'title' ||
          strengthIn(ctx, text) > 0 ||
          isAuthorVoice(ctx, text))
      ) {
        take(
          piece(index, target.part, text, target.chapter, `under the label “${pending.label}”`, {
            field: pending.field,
            html: block.html,
          }),
        );
        pending.owned++;
        if (target.part === 'title' || target.part === 'metadata') pending = null;
        if (target.part === 'title') ctx.titleFound = true;
        continue;
      }
      pending = null;
    }
    const page = scope === 'work' && !ctx.titleFound ? fanFictionNetPageTitle(text) : undefined;
    if (page) {
      const why = 'the title of a FanFiction.Net page';
      take(piece(index, 'title', page.title, null, why));
      take(piece(index, 'metadata', page.fandom, null, why, { field: 'fandom' }));
      if (page.chapterTitle) take(piece(index, 'chapter-title', page.chapterTitle, 0, why));
      ctx.titleFound = true;
      continue;
    }
    // FanFiction.Net shows the summary right above its line of facts ("Rated: Fiction K+ - English - …").
    if (
      scope === 'work' &&
      rest.length > 0 &&
      isFanFictionNetFacts(ctx.blocks[rest[0]].text) &&
      !isFanFictionNetFacts(text) &&
      zone.pieces.some((p) => p.field === 'author')
    ) {
      take(piece(index, 'summary', text, null, 'above the facts of a FanFiction.Net story', { html: block.html }));
      continue;
    }
    // The same, copied without the blank line between them: the summary and the facts in one block.
    const factsAt = text.lastIndexOf('\nRated:');
    if (
      scope === 'work' &&
      factsAt > 0 &&
      !text.includes('\n', factsAt + 1) &&
      isFanFictionNetFacts(text.slice(factsAt + 1)) &&
      zone.pieces.some((p) => p.field === 'author')
    ) {
      const why = 'above the facts of a FanFiction.Net story';
      take(piece(index, 'summary', text.slice(0, factsAt).trim(), null, why));
      zone.pieces.push(
        piece(index, 'metadata', text.slice(factsAt + 1).trim(), null, 'the facts of a FanFiction.Net story'),
      );
      continue;
    }
    if (isDisclaimer(text) && !OPENING_QUOTE.test(text)) {
      const split = splitRunOnDisclaimer(text);
      if (split) {
        zone.pieces.push(
          piece(index, 'disclaimer', split[0], null, 'a disclaimer run into the first paragraph of the story', {
            unsure: true,
          }),
        );
        zone.taken.add(index);
        if (noteAfterDisclaimer(ctx, zone, index, split[1], scope, chapter)) return zone;
        continue;
      }
      // "First time posting here. Criticism welcome! Worm belongs to Wildbow.": the note, then the disclaimer.
      const after = noteThenDisclaimer(text);
      if (after) {
        zone.pieces.push(
          piece(
            index,
            notesPart(scope, false),
            after[0],
            scope === 'work' ? null : chapter,
            'an author’s note above the disclaimer',
            {
              unsure: true,
            },
          ),
        );
        take(piece(index, 'disclaimer', after[1], null, 'reads as a disclaimer (“I don’t own …”)', { unsure: true }));
        continue;
      }
      take(piece(index, 'disclaimer', text, null, 'reads as a disclaimer (“I don’t own …”)', { html: block.html }));
      continue;
    }
    if (isByline(text)) {
      take(bylinePiece(index, text, 'a byline'));
      continue;
    }
    if (/^https?:\/\/\S+$/u.test(text.trim()) && (ctx.titleFound || k <= 2)) {
      take(piece(index, 'metadata', text.trim(), null, 'a link in the header'));
      continue;
    }
    // "Chapter 1 of 2", "Part 3/5": where this chapter stands, as the site shows it above the text.
    if (scope === 'work' && CHAPTER_POSITION.test(text.trim())) {
      take(piece(index, 'metadata', text.trim(), null, 'which chapter of how many this is'));
      continue;
    }
    // "#鬼滅の学園 #炭善 #fluff": a line of hashtags, as Tumblr, pixiv and Wattpad show a work's tags.
    if (scope === 'work' && HASHTAG_LINE.test(text.trim())) {
      const tags = text
        .trim()
        .split(/\s+/)
        .map((tag) => tag.slice(1).replace(/_/g, ' '));
      take(piece(index, 'metadata', tags.join(', '), null, 'a line of tags (“#…”)', { field: 'freeform' }));
      continue;
    }
    if (AO3_POSTED.test(text.trim())) {
      take(piece(index, 'metadata', text, null, 'where an AO3 download was posted'));
      continue;
    }
    // An AO3 download gives the title twice: above its tags, and again above the byline.
    // Or again under a "Preface" heading (an AO3 EPUB): the title read before this zone counts.
    const title = ctx.titleFound ? [...ctx.pieces, ...zone.pieces].find((p) => p.part === 'title') : undefined;
    if (title && undecorated(text).toLowerCase() === title.text.toLowerCase()) {
      take(piece(index, 'metadata', text, null, 'the title again'));
      continue;
    }
    const again = title ? titleWithByline(text) : undefined;
    if (again && again.title.toLowerCase() === title!.text.toLowerCase()) {
      take(bylinePiece(index, again.byline, 'the title again, with its byline'));
      continue;
    }
    // "Ninety-Nine Red Balloons - dizzyspell" on the first line: a title and a user name after a dash.
    const dashed = scope === 'work' && k === 0 && !ctx.titleFound ? TITLE_DASH_USER.exec(text.trim()) : null;
    if (dashed && isTitleLike(dashed[1])) {
      take(piece(index, 'title', titleOf(dashed[1]), null, 'a title and a user name after a dash', { unsure: true }));
      zone.pieces.push(
        piece(index, 'metadata', dashed[2], null, 'a user name after the title', { field: 'author', unsure: true }),
      );
      ctx.titleFound = true;
      continue;
    }
    const titled = scope === 'work' && !ctx.titleFound && rest.length > 0 ? titleWithByline(text) : undefined;
    if (titled) {
      take(piece(index, 'title', titled.title, null, 'a title and its byline on one line', { unsure: true }));
      take(bylinePiece(index, titled.byline, 'a byline'));
      ctx.titleFound = true;
      continue;
    }
    // A LiveJournal or Dreamwidth entry copied with its poster: "svalbo wrote," and the time.
    if (k === 0 && JOURNAL_POSTER.test(text.split('\n')[0].trim())) {
      take(piece(index, 'metadata', text, null, 'who posted the journal entry, and when'));
      continue;
    }
    // A Discord message copied with its header ("lotusfield — Today at 11:42 PM"), a Tumblr answer
    // ("bookwyrm-oolong answered:"): who posted it, the work's creator unless the header names one.
    const poster = scope === 'work' && k <= 2 ? CHAT_POSTER.exec(text.trim()) : null;
    if (poster) {
      const named = zone.pieces.some((p) => p.field === 'author') || authorLabelBelow(ctx, rest);
      take(
        named
          ? piece(index, 'metadata', text, null, 'who posted the message, and when')
          : piece(index, 'metadata', poster[1], null, 'who posted the message', {
              field: 'author',
              consumed: text.trim().slice(poster[1].length).trim(),
            }),
      );
      continue;
    }
    // A post's e-mail headers (a mailing list, Usenet): From, Newsgroups, Subject, Date …
    if (k === 0 && isMailHeaders(text)) {
      take(piece(index, 'metadata', text, null, 'the headers of an e-mail or newsgroup post'));
      continue;
    }
    // A block of two lines, a title and what is under it, at the top of a work with no title read yet.
    const [titleLine, nameLine, ...more] = text.split('\n');
    const titleOver =
      scope === 'work' && !ctx.titleFound && more.length === 0 && nameLine !== undefined && isTitleLike(titleLine);
    // "Salt on the Wind" and, on the next line, "By: kettlecorn_kyoshi".
    if (titleOver && isByline(nameLine)) {
      take(piece(index, 'title', titleOf(titleLine), null, 'a title with its byline on the next line'));
      zone.pieces.push(bylinePiece(index, nameLine, 'a byline'));
      ctx.titleFound = true;
      continue;
    }
    // AO3's page copied: the title and, on the next line, the creator's name, under the work's tags.
    if (
      titleOver &&
      /^@?[\p{L}\p{N}_.-]{2,40}$/u.test(nameLine.trim()) &&
      (zone.pieces.filter((p) => p.part === 'metadata' && p.field !== undefined).length >= 2 ||
        // At the top of a file, a user name under the title (lower case, or with digits or underscores).
        (k === 0 && /^@|[\d_]|^\p{Ll}+$/u.test(nameLine.trim())))
    ) {
      take(piece(index, 'title', titleOf(titleLine), null, 'the title under the work’s tags, as AO3 shows it'));
      zone.pieces.push(
        piece(index, 'metadata', nameLine.trim(), null, 'the creator under the title', { field: 'author' }),
      );
      ctx.titleFound = true;
      continue;
    }
    // "S. Okonkwo-Hale" under the title, above the header's fields: the creator.
    if (
      scope === 'work' &&
      ctx.titleFound &&
      k <= 2 &&
      !zone.pieces.some((p) => p.field === 'author') &&
      PERSON_NAME.test(text.trim()) &&
      rest.length > 0 &&
      labelledField(ctx.blocks[rest[0]].text) !== undefined
    ) {
      take(
        piece(index, 'metadata', text.trim(), null, 'a name under the title, above the header’s fields', {
          field: 'author',
        }),
      );
      continue;
    }
    // "A Dragon Age fanfiction" under the title: what it is, and its fandom.
    const fandom = scope === 'work' && k <= 3 ? ficDescriptor(text) : undefined;
    if (fandom) {
      take(
        piece(index, 'metadata', fandom, null, 'says what the story is, under its title', {
          field: 'fandom',
          consumed: text.trim(),
        }),
      );
      continue;
    }
    // Any short line right above a byline is the title: "lost and found", "Falling!", "“The Letter”".
    // Also above "A Dragon Age fanfiction" above the byline.
    // Over a title only guessed from its place ("Lottas fanfiction-sida", a site's name above its menus).
    const bylineAt = rest.length > 1 && ficDescriptor(ctx.blocks[rest[0]].text) ? 1 : 0;
    // Only with lines between them: right under a title, "Doctor Who - Yaz - 580 words" says what it is.
    const guessed = zone.pieces.find(
      (p) =>
        p.part === 'title' &&
        p.unsure &&
        p.field === undefined &&
        p.block < index - 1 &&
        menusBetween(ctx, p.block, index) &&
        rest.length > bylineAt &&
        !fieldShaped(text) &&
        labelledField(ctx.blocks[rest[bylineAt]].text) === undefined,
    );
    if (
      scope === 'work' &&
      (!ctx.titleFound || guessed) &&
      rest.length > 0 &&
      isShortLine(text) &&
      block.kind !== 'heading' &&
      isByline(ctx.blocks[rest[bylineAt]].text)
    ) {
      if (guessed) Object.assign(guessed, { part: 'metadata', reason: 'a line above the title and its byline' });
      take(piece(index, 'title', titleOf(text), null, 'a short line right above the byline'));
      ctx.titleFound = true;
      continue;
    }
    if (scope === 'work' && k <= 4 && isDedication(text) && (ctx.titleFound || /^[\s~*\-–—(]/u.test(text))) {
      take(piece(index, notesPart(scope, false), undecorated(text), null, 'a dedication', { html: block.html }));
      continue;
    }
    // A field whose label Quire does not know, among fields it knows: the header goes on.
    const shaped = fieldShaped(text);
    if (shaped && amongKnownFields(ctx, zone, rest) && !speakerLabel(ctx, blocks, k, shaped.label)) {
      take(piece(index, 'metadata', text, null, `a labelled line among the header’s fields (“${shaped.label}”)`));
      if (shaped.value === '') pending = { field: 'metadata', label: shaped.label, owned: 0 };
      continue;
    }
    // Several such fields on the lines of one paragraph ("Betyg: PG" / "Ord: 480").
    const lines = text.split('\n');
    if (lines.length > 1 && lines.every((line) => fieldShaped(line.trim())) && amongKnownFields(ctx, zone, rest)) {
      take(piece(index, 'metadata', text, null, 'labelled lines among the header’s fields'));
      continue;
    }
    const [firstLine, ...under] = lines;
    // "dedicated to @harrysbeanie" or "omg thank u for 100 reads!!" on a line of its own, the story on the lines under it.
    if (
      under.length > 0 &&
      block.kind === 'paragraph' &&
      (ctx.titleFound || scope !== 'work') &&
      // Not a line of speech opened by a dash or a corner bracket ("— Большое спасибо, — сказал он").
      !/^\s*(?:["“‘«„—–「『]|-\s)/u.test(firstLine) &&
      (/^[\s~*\-–—(]*(?:dedicated\s+to|for\s+@)/iu.test(firstLine) ||
        judgeSentence(firstLine, ctx.firstPersonStory).score >= 3) &&
      judgeSentence(under[0], ctx.firstPersonStory).score <= 0 &&
      strengthIn(ctx, under[0]) === 0
    ) {
      take(
        piece(
          index,
          notesPart(scope, false),
          firstLine.trim(),
          scope === 'work' ? null : chapter,
          'a note on the line above the story',
          {
            unsure: true,
          },
        ),
      );
      zone.remainder = [index, under.join('\n')];
      return zone;
    }
    // Such a label on its own line with sentences under it: the author's words about the work.
    const above = under.length > 0 ? fieldShaped(firstLine) : undefined;
    if (above && above.value === '' && scope === 'work' && amongKnownFields(ctx, zone, rest)) {
      take(
        piece(
          index,
          'notes',
          under.join('\n').trim(),
          null,
          `under a label among the header’s fields (“${above.label}”)`,
          {
            consumed: above.label,
            unsure: true,
          },
        ),
      );
      continue;
    }
    const strength = strengthIn(ctx, text);
    // A long paragraph of story with a note at its end (the story without its blank lines) is no note.
    const mostlyStory = text.length > 400 && noteShare(text, ctx.firstPersonStory) < 0.5;
    if ((strength > 0 || isAuthorVoice(ctx, text)) && !mostlyStory) {
      const split = splitRunOnNote(ctx, text, false, false);
      const followedBySeparator =
        rest.length > 0 && (isSeparatorBlock(ctx.blocks[rest[0]]) || ctx.blocks[rest[0]].gap >= 2);
      if (split && !followedBySeparator) {
        zone.pieces.push(
          piece(
            index,
            notesPart(scope, false),
            split[0],
            scope === 'work' ? null : chapter,
            'an author’s note run into the first paragraph of the story',
            { unsure: true },
          ),
        );
        zone.taken.add(index);
        zone.remainder = [index, split[1]];
        return zone;
      }
      // First-person talk counts as a note only when a separator or the story follows it closely.
      const voiceOnly = strength === 0;
      if (!voiceOnly || separatorWithin(ctx, rest, 3)) {
        take(
          piece(
            index,
            notesPart(scope, false),
            text,
            scope === 'work' ? null : chapter,
            voiceOnly ? 'the author speaking in the first person before a separator' : 'reads as an author’s note',
            { unsure: voiceOnly, html: block.html },
          ),
        );
        continue;
      }
    }
    if (
      scope === 'work' &&
      !ctx.titleFound &&
      rest.length > 0 &&
      block.kind !== 'heading' &&
      ((isTitleLike(text) && (headerFollows(ctx, rest) || (index === 0 && isTitleCase(text)))) ||
        (k === 0 && index === 0 && lowerCaseTitle(ctx, text, rest)))
    ) {
      take(piece(index, 'title', titleOf(text), null, 'a short line standing alone at the top', { unsure: true }));
      ctx.titleFound = true;
      continue;
    }
    if (scope === 'work' && !ctx.titleFound && block.kind === 'heading') {
      take(piece(index, 'title', text, null, 'the first heading'));
      ctx.titleFound = true;
      continue;
    }
    // Sentence by sentence: a note that none of the whole-paragraph cues caught.
    if (!OPENING_QUOTE.test(text) && block.kind === 'paragraph') {
      const first = judgeSentence(splitSentences(text)[0] ?? '', ctx.firstPersonStory);
      const candidate = first.score >= 1 ? splitRunOnNote(ctx, text, false, false) : undefined;
      // A weak opening ("Wow!") counts only when a clear note sentence follows it in the run.
      const split =
        candidate &&
        (first.score >= 2 ||
          splitSentences(candidate[0]).some((s) => judgeSentence(s, ctx.firstPersonStory).score >= 2))
          ? candidate
          : undefined;
      if (split) {
        zone.pieces.push(
          piece(
            index,
            notesPart(scope, false),
            split[0],
            scope === 'work' ? null : chapter,
            `an author’s note run into the story (${first.reason})`,
            { unsure: true },
          ),
        );
        zone.taken.add(index);
        zone.remainder = [index, split[1]];
        return zone;
      }
      if (first.score >= 1 && text.length < 800 && wholeNote(ctx, text)) {
        take(
          piece(
            index,
            notesPart(scope, false),
            text,
            scope === 'work' ? null : chapter,
            `reads as a note: ${first.reason}`,
            {
              html: block.html,
            },
          ),
        );
        continue;
      }
    }
    if (scope === 'work') headerEnd ??= headerEndBelow(ctx, blocks, k) ?? -1;
    if (headerEnd !== undefined && k < headerEnd) {
      take(edgeLeftover(ctx, index, 'notes', null, 'in the header, above the story'));
      continue;
    }
    break;
  }
  return zone;
}

/**
 * Only the site's lines stand between two blocks (its menus, header fields): a site's name above
 * them is no title, where an epigraph's lines over "by Emily Dickinson" keep the title above them.
 */
function menusBetween(ctx: Context, from: number, to: number): boolean {
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
  return list.filter((block) => storyLike(ctx, block) && !LABELLED_PROSE.test(block.text)).length <= 1;
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
function headerEndBelow(ctx: Context, blocks: number[], k: number): number | undefined {
  let j = k;
  const end = Math.min(blocks.length, k + 16);
  for (; j < end; j++) {
    const block = ctx.blocks[blocks[j]];
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
  return edgeShaped(ctx, above, 'top') && above.some((block) => edgeSign(ctx, block, 'top')) ? j : undefined;
}

/** The same at the end: from block k up to a separator with the story above it. */
function separatorStartingEndNotes(ctx: Context, blocks: number[], k: number, floor: number): number | undefined {
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
function edgeLeftover(ctx: Context, index: number, part: PartName, chapter: number | null, where: string): Piece {
  const block = ctx.blocks[index];
  const text = block.text.trim();
  if (block.chrome) return piece(index, 'metadata', block.text, null, SITE_CHROME, { unsure: true });
  const label = LABELLED_PROSE.exec(text);
  const value = label ? text.slice(label[0].length) : text;
  const prose =
    SENTENCE_END.test(value) ||
    value.split(/\s+/).length >= 12 ||
    splitSentences(value).some((s) => judgeSentence(s, ctx.firstPersonStory).score >= 2);
  if (!prose || fieldShaped(text))
    return piece(index, 'metadata', block.text, null, `a line ${where}`, { unsure: true });
  return piece(index, part, value, chapter, `the author’s words ${where}`, {
    unsure: true,
    ...(label ? { consumed: label[0].trim() } : { html: block.html }),
  });
}

/**
 * A short block that is clearly the author's: a sentence that says so plainly, most of its sentences
 * a note, and its sentence at the story's side (`edge`) a note too.
 */
function clearNote(ctx: Context, text: string, edge: 'first' | 'last'): boolean {
  const sentences = splitSentences(text);
  const scores = sentences.map((s) => judgeSentence(s, ctx.firstPersonStory).score);
  return (
    text.split(/\s+/).length <= 80 &&
    scores.some((score) => score >= 2) &&
    scores.filter((score) => score > 0).length / sentences.length >= 0.5 &&
    (edge === 'first' ? scores[0] : scores[scores.length - 1]) > 0
  );
}

/** A sentence's end: a closing bracket alone ("Lamplight (oneshot, K+)") is not one. */
const SENTENCE_END = /[.!?…。！？]["'”’»)\]]*$/u;

/** Reads as the story: sentences, none of them the author talking, or a character speaking. */
function storyLike(ctx: Context, block: SourceBlock): boolean {
  if (block.kind !== 'paragraph' || block.chrome || block.stated || isSeparatorBlock(block)) return false;
  const text = block.text.trim();
  if (OPENING_QUOTE.test(text) || /^[—–]\s*\p{L}/u.test(text)) return true;
  if (!SENTENCE_END.test(text) || text.split(/\s+/).length < 4 || labelledField(text)) return false;
  return splitSentences(text).every((s) => judgeSentence(s, ctx.firstPersonStory).score <= 0);
}

/**
 * What the header's reading stopped at, above the story: lines it could not read (a site's
 * furniture, a post's subject line) and notes that say so clearly but that it did not place. The
 * story starts at the first block that reads as story, or at prose that is not clearly a note.
 */
function aboveTheStory(ctx: Context, zone: Zone, body: number[]): void {
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
      const why = block.chrome ? SITE_CHROME : 'a line above the story that Quire could not read';
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
function belowTheStory(ctx: Context, zone: Zone, body: number[], scope: Scope, chapter: number): void {
  if (zone.remainder) return;
  const rest = body.filter((index) => !zone.taken.has(index));
  const below: Piece[] = [];
  let end = rest.length - 1;
  for (; end >= Math.max(0, rest.length - 8); end--) {
    const index = rest[end];
    const block = ctx.blocks[index];
    if (block.kind !== 'paragraph' || block.stated || storyLike(ctx, block)) break;
    const words = block.text.split(/\s+/).length;
    if (block.chrome || (!SENTENCE_END.test(block.text.trim()) && words < 12)) {
      const why = block.chrome ? SITE_CHROME : 'a line below the story that Quire could not read';
      below.push(piece(index, 'metadata', block.text, null, why, { unsure: true }));
      continue;
    }
    // Starting as a note: a block where the story runs on into a note is the end zone's to cut.
    if (!clearNote(ctx, block.text, 'first')) break;
    // "Please write soon." over "Your friend always, Anne": a letter in the story, signed, not a note.
    const under = below.at(-1);
    if (under && !ctx.blocks[under.block].chrome && under.part === 'metadata' && LETTER_CLOSE.test(under.text.trim()))
      return;
    below.push(
      piece(
        index,
        notesPart(scope, true),
        block.text,
        scope === 'work' ? null : chapter,
        'below the story, and reads as the author’s',
        {
          unsure: true,
          html: block.html,
        },
      ),
    );
  }
  if (below.length === 0 || end < 1 || !storyLike(ctx, ctx.blocks[rest[end]])) return;
  if (!below.some((p) => p.part !== 'metadata' || ctx.blocks[p.block].chrome)) return;
  for (const p of below) zone.taken.add(p.block);
  zone.pieces = orderByBlock([...zone.pieces, ...below]);
}

/**
 * Above the first of several chapters, what the header's reading left is no chapter of its own when
 * it holds no story: no two blocks in a row that read as story, a few lines and notes. A site's
 * furniture and the lines it could not read are kept as read; prose is the work's note, unsure.
 */
function headerWithoutStory(ctx: Context, zone: Zone, blocks: number[]): void {
  const left = blocks.filter((index) => !zone.taken.has(index));
  const words = left.reduce((n, index) => n + ctx.blocks[index].text.split(/\s+/).length, 0);
  const story = left.some(
    (index, i) => storyLike(ctx, ctx.blocks[index]) && i + 1 < left.length && storyLike(ctx, ctx.blocks[left[i + 1]]),
  );
  if (story || words > 150 || left.some((index) => ctx.blocks[index].kind !== 'paragraph')) return;
  for (const index of left) {
    const block = ctx.blocks[index];
    // "Zapach burzy" over "~ Wiedźmin fanfiction ~" at the top, with no title read: the title, and what it is.
    const [first, ...under] = block.text.split('\n');
    if (!ctx.titleFound && index === blocks[0] && !block.chrome && isTitleLike(first)) {
      zone.pieces.push(
        piece(index, 'title', titleOf(first), null, 'the first line, above the first chapter', { unsure: true }),
      );
      for (const line of under) {
        const fandom = ficDescriptor(line);
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
      if (guessed.some((p) => !menusBetween(ctx, p.block, index))) {
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
    zone.pieces.push(edgeLeftover(ctx, index, 'notes', null, 'between the header and the first chapter'));
    zone.taken.add(index);
  }
  zone.pieces = orderByBlock(zone.pieces);
}

/** A title, a dash and a user name: lower case, digits, underscores or dots, one word. */
const TITLE_DASH_USER = /^(\S.{1,80}?)\s+[-–—|]\s+@?([\p{Ll}\p{N}_.]*[\p{Ll}_\d][\p{Ll}\p{N}_.]{2,30})$/u;

/** "svalbo wrote,", "[personal profile] svalbo wrote in [community] fic,": a journal entry's poster line. */
const JOURNAL_POSTER =
  /^(?:\[[^\]]+\]\s*)?[\p{L}\p{N}_.-]{2,40}\s+(?:wrote|posted|schrieb|a écrit|escribió|escreveu|scrisse|napisał|skrev|kirjoitti|писал|писала|написал|написала)(?:\s+in\s+\S+)?\s*[,:]?(?:\s+\S.{0,30})?$/iu;

/** "lotusfield — Today at 11:42 PM", "kit_k — 03/14/2023 9:15 PM", "bookwyrm-oolong answered:". */
const CHAT_POSTER =
  /^([\p{L}\p{N}_.-]{2,40})\s+(?:[—–-]\s+(?:Today|Yesterday|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:\s+at)?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?|answered\s*:?)$/iu;

/** An "Author:" label in the header below. */
function authorLabelBelow(ctx: Context, rest: number[]): boolean {
  return rest.slice(0, 8).some((i) => labelledField(ctx.blocks[i].text)?.field === 'author');
}

/** "S. Okonkwo-Hale", "Mary Ann Lee", "quillandember": a pen name or a person's name, alone on a line. */
const PERSON_NAME = /^(?:\p{Lu}[\p{L}'’-]*\.?(?:[ -]\p{Lu}[\p{L}'’-]*\.?){1,3}|@?[\p{L}\p{N}_.-]{2,40})$/u;

/** Known labelled fields already read in this header, or one in the next two blocks. */
/** "Dean: where r u" / "Sam: library" / "Dean: ok": a label that opens another line nearby names a speaker, not a field. */
function speakerLabel(ctx: Context, blocks: number[], k: number, label: string): boolean {
  return blocks
    .slice(Math.max(0, k - 4), k + 5)
    .some((index, i) => i !== Math.min(k, 4) && fieldShaped(ctx.blocks[index].text.trim())?.label === label);
}

function amongKnownFields(ctx: Context, zone: Zone, rest: number[]): boolean {
  if (zone.pieces.some((p) => p.consumed !== '' && p.field !== undefined)) return true;
  return rest.slice(0, 2).some((i) => labelledField(ctx.blocks[i].text) !== undefined);
}

/** A title stands above more header or above the story, set off by a separator, a label, a gap or a heading-like break. */
function headerFollows(ctx: Context, rest: number[]): boolean {
  const next = ctx.blocks[rest[0]];
  if (
    isSeparatorBlock(next) ||
    next.gap >= 2 ||
    labelledField(next.text) ||
    isDisclaimer(next.text) ||
    isByline(next.text) ||
    /^https?:\/\/\S+$/u.test(next.text.trim()) ||
    strengthIn(ctx, next.text) > 0 ||
    wholeNote(ctx, next.text)
  )
    return true;
  // A title above a paragraph of prose: the prose must be much longer than the title.
  return next.text.length > 200;
}

/** "After the War", "Lestrade's Birthday": every longer word capitalised, as titles are and sentences are not. */
function isTitleCase(text: string): boolean {
  const words = text.trim().split(/\s+/);
  return words.filter((w) => /^\p{L}{4,}/u.test(w)).every((w) => /^\p{Lu}/u.test(w)) && /^\p{Lu}/u.test(text.trim());
}

/** "snow" as the first line of a file, above a label or a disclaimer: a title typed in lower case. */
function lowerCaseTitle(ctx: Context, text: string, rest: number[]): boolean {
  const next = ctx.blocks[rest[0]].text;
  return (
    isShortLine(text) &&
    !/[.,;:]["”’]?$/.test(text.trim()) &&
    (labelledField(next) !== undefined || isDisclaimer(next) || isSeparatorBlock(ctx.blocks[rest[0]]))
  );
}

function separatorWithin(ctx: Context, rest: number[], distance: number): boolean {
  for (let k = 0; k < Math.min(distance, rest.length); k++) {
    const block = ctx.blocks[rest[k]];
    if (isSeparatorBlock(block) || block.gap >= 2 || labelledField(block.text)) return true;
    if (strengthIn(ctx, block.text) === 0 && !isAuthorVoice(ctx, block.text)) return false;
  }
  return false;
}

/** "[Disclaimer: … everyone.]", "**A/N: …**": what the label opened closes after the value, and is left out of it. */
function closedValue(field: LabelledField): { closing: string | undefined; value: string } {
  const opener = /^\s*(\*{1,3}|_{1,2}|~{1,3}|\(|\[)/.exec(field.label)?.[1];
  const closing = opener === '(' ? ')' : opener === '[' ? ']' : opener;
  const value =
    closing && field.value.endsWith(closing) && !field.value.slice(0, -closing.length).includes(closing)
      ? field.value.slice(0, -closing.length).trim()
      : field.value;
  return { closing, value };
}

function takeField(
  ctx: Context,
  zone: Zone,
  index: number,
  field: LabelledField,
  target: ReturnType<typeof fieldPart>,
  scope: Scope,
  chapter: number,
  more: boolean,
): void {
  const block = ctx.blocks[index];
  const consumed = target.consumeLabel ? field.label : '';
  // "[Disclaimer: … everyone.]": the bracket the label opened closes after the value.
  const { closing, value } = closedValue(field);
  const text = target.consumeLabel ? value : block.text;
  if (target.part === 'disclaimer') {
    const split = splitRunOnDisclaimer(field.value);
    if (split) {
      zone.pieces.push(
        piece(
          index,
          'disclaimer',
          split[0],
          null,
          `the label “${field.label}”; the story seems to start in the same paragraph`,
          { consumed, unsure: true },
        ),
      );
      zone.taken.add(index);
      noteAfterDisclaimer(ctx, zone, index, split[1], scope, chapter);
      return;
    }
  }
  if (target.part === 'notes' || target.part === 'chapter-notes') {
    // "(A/N: …) The story…", "**A/N: …** The story…": a note set off by brackets or stars ends where they close.
    const at = closing ? field.value.indexOf(closing) : -1;
    const bracket = at >= 0 && field.value.slice(at + closing!.length).trim() !== '' ? at : null;
    if (closing && at >= 0 && bracket === null) {
      zone.pieces.push(
        piece(index, target.part, value, target.chapter, `the label “${field.label}”`, {
          consumed,
          field: field.field,
        }),
      );
      zone.taken.add(index);
      return;
    }
    const split =
      bracket !== null
        ? [
            field.value.slice(0, bracket + (closing === ')' ? 1 : 0)).trim(),
            field.value.slice(bracket + closing!.length).trim(),
          ]
        : splitRunOnNote(ctx, field.value, false, true);
    // The story after a labelled note: several sentences, a line of speech, or a sentence of narration.
    // A note in a paragraph of its own, with the story in the paragraphs after it, needs more of the story to be cut.
    // Under a label on its own line, a short paragraph is all note.
    const underLabel = field.ownLine && !field.value.includes('\n') && splitSentences(field.value).length <= 4;
    const storyAfter =
      split &&
      !underLabel &&
      (bracket !== null ||
        splitSentences(field.value).length > 3 ||
        split[1].split(/\s+/).length >= (more ? 12 : 8) ||
        splitSentences(split[1]).some((s) => judgeSentence(s, ctx.firstPersonStory).score < 0));
    if (split && storyAfter) {
      zone.pieces.push(
        piece(
          index,
          target.part,
          split[0],
          target.chapter,
          `the label “${field.label}”; the story seems to start in the same paragraph`,
          { consumed, unsure: true },
        ),
      );
      zone.taken.add(index);
      zone.remainder = [index, split[1]];
      return;
    }
  }
  zone.pieces.push(
    piece(index, target.part, text, target.chapter, `the label “${field.label}”`, {
      consumed,
      field: field.field,
      html: target.consumeLabel ? undefined : block.html,
    }),
  );
  zone.taken.add(index);
  void scope;
}

function statedPiece(index: number, block: SourceBlock, chapter: number): Piece {
  const stated = block.stated!;
  const why = 'marked so in the file';
  switch (stated.part) {
    case 'title':
      return piece(index, 'title', block.text, null, why);
    case 'summary':
      return piece(index, 'summary', block.text, null, why, { html: block.html });
    case 'notes':
      return piece(index, 'notes', block.text, null, why, { html: block.html });
    case 'end-notes':
      return piece(index, 'end-notes', block.text, null, why, { html: block.html });
    case 'chapter-notes':
    case 'chapter-summary':
      return piece(index, 'chapter-notes', block.text, chapter, why, { html: block.html });
    case 'chapter-end-notes':
      return piece(index, 'chapter-end-notes', block.text, chapter, why, { html: block.html });
    case 'metadata':
      return isByline(block.text)
        ? bylinePiece(index, block.text, why)
        : piece(index, 'metadata', block.text, null, why);
    default:
      return piece(index, 'text', block.text, chapter, why, { html: block.html });
  }
}

/** Notes at the end of a section: review requests, thanks, the author talking after a separator. */
function trailingZone(ctx: Context, blocks: number[], scope: Scope, chapter: number, floor: number): Zone {
  const zone: Zone = { pieces: [], taken: new Set() };
  const part = notesPart(scope, true);
  const noteChapter = scope === 'work' ? null : chapter;
  const found: Piece[] = [];
  // "End Notes" on a line of its own near the end (as AO3 downloads have it): what follows is the note.
  // Near the end: within the last six blocks, not counting the site's buttons under them.
  let near = blocks.length;
  for (let seen = 0; near > floor && seen < 6; near--) if (!ctx.blocks[blocks[near - 1]].chrome) seen++;
  for (let j = blocks.length - 2; j >= near; j--) {
    const field = labelledField(ctx.blocks[blocks[j]].text);
    if (!field || field.value !== '' || (field.field !== 'end-notes' && field.field !== 'notes')) continue;
    zone.pieces.push(piece(blocks[j], part, '', noteChapter, `the label “${field.label}”`, { consumed: field.label }));
    for (const index of blocks.slice(j)) zone.taken.add(index);
    let comments = false;
    for (const index of blocks.slice(j + 1)) {
      const block = ctx.blocks[index];
      comments ||= block.kind === 'heading' && COMMENTS_HEADING.test(block.text.trim());
      zone.pieces.push(
        comments || block.chrome
          ? piece(index, 'metadata', block.text, null, comments ? 'the page’s comments section' : SITE_CHROME)
          : piece(index, part, block.text, noteChapter, `under the label “${field.label}”`, { html: block.html }),
      );
    }
    return zone;
  }
  // "THE END", "FIN", "Конец", "TAMAT", "完" on a line of its own: what follows is the author's.
  for (let j = blocks.length - 2; j >= near; j--) {
    const marker = ctx.blocks[blocks[j]].text.trim();
    if (!isEndMarker(marker)) continue;
    const after = blocks.slice(j + 1);
    const words = after.reduce((n, index) => n + ctx.blocks[index].text.split(/\s+/).length, 0);
    if (words > 200 || after.some((index) => OPENING_QUOTE.test(ctx.blocks[index].text))) break;
    zone.pieces.push(
      piece(blocks[j], 'separator', '', null, `the end of the story (“${marker}”)`, { consumed: marker }),
    );
    for (const index of blocks.slice(j)) zone.taken.add(index);
    for (const index of after) {
      if (ctx.blocks[index].chrome) {
        zone.pieces.push(piece(index, 'metadata', ctx.blocks[index].text, null, SITE_CHROME));
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
    // "[1] With apologies to Miss Austen.": a footnote under the story that marks its place in it.
    const mark = FOOTNOTE_MARK.exec(block.text)?.[1];
    if (mark && blocks.slice(floor, k).some((i) => ctx.blocks[i].text.slice(1).includes(mark))) {
      found.push(piece(index, part, block.text, noteChapter, `a footnote (“${mark}”)`, { html: block.html }));
      zone.taken.add(index);
      sawNote = true;
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
      found.push(piece(index, 'metadata', block.text, null, SITE_CHROME));
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
        found.push(
          piece(index, part, split[0], noteChapter, 'an author’s note run into the last paragraph of the story', {
            unsure: true,
          }),
        );
        zone.taken.add(index);
        zone.remainder = [index, split[1]];
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
        found.push(
          piece(index, part, split[0], noteChapter, `an author’s note run into the story (${last.reason})`, {
            unsure: true,
          }),
        );
        zone.taken.add(index);
        zone.remainder = [index, split[1]];
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
  zone.pieces = found.reverse();
  return zone;
}

/** A footnote's mark at the start of its line: "[1]", "(2)", "¹". */
const FOOTNOTE_MARK = /^\s*(\[\d{1,2}\]|\(\d{1,2}\)|[¹²³⁴⁵⁶⁷⁸⁹]+)/u;

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

/** The heading of a page's comments: what follows is readers', not the author's. */
const COMMENTS_HEADING =
  /^(?:comments?|reviews?|comentários|comentarios|commentaires|kommentare|commenti|komentarze|комментарии|отзывы|komentar|yorumlar|bình luận|コメント|댓글|评论)\s*(?:\(\d+\))?$/iu;

/**
 * Headings that label what is under them ("Notas do Autor", "End Notes") or a site's comments
 * ("Comentários"), not chapters. A one-word one ("Notes", "Update", "Comments") may be a chapter's
 * title; it is a label only where the page also has a label heading of several words.
 */
function labelHeadings(blocks: SourceBlock[]): Set<number> {
  const one = new Set<number>();
  const several = new Set<number>();
  blocks.forEach((block, index) => {
    if (block.kind !== 'heading' || block.stated) return;
    const text = block.text.trim();
    const field = labelledField(text);
    const label = (field !== undefined && field.value === '') || COMMENTS_HEADING.test(text);
    if (label) (/[\s/]/.test(text) ? several : one).add(index);
  });
  return several.size > 0 ? new Set([...several, ...one]) : several;
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
  return [...counts.keys()].sort((a, b) => a - b).find((level) => counts.get(level)! >= 2);
}

function headingCue(block: SourceBlock, level: number | undefined, label: boolean): HeadingCue | undefined {
  if (block.stated?.part === 'chapter-heading') return { marker: '', title: block.stated.title };
  if (block.stated) return undefined;
  const cue = chapterHeading(block.text);
  if (cue) return cue;
  if (block.kind === 'heading' && level !== undefined && block.level === level && !isSceneBreak(block.text) && !label)
    return { marker: '', title: block.text };
  return undefined;
}

function orderByBlock(pieces: Piece[]): Piece[] {
  return pieces
    .map((p, i) => [p, i] as const)
    .sort((a, b) => a[0].block - b[0].block || a[1] - b[1])
    .map(([p]) => p);
}

const CHAPTER_POSITION = /^(?:chapter|part|ch\.?|pt\.?)\s*\d{1,3}\s*(?:of|\/)\s*(?:\d{1,3}|\?)$/iu;
/** Two or more "#tag" words and nothing else. */
const HASHTAG_LINE = /^#[^\s#]+(?:\s+#[^\s#]+)+$/u;

/** "1." / "1. The Ticket" / "II." / "1 | Partner" / "3) Home" alone on a line. */
const NUMBERED_LINE = /^(?:(\d{1,3})|([IVXLC]{1,7}))(\.|\s*[|)]|\s+[-–—:])(?:\s+(\S.{0,78}))?$/;
const SPELLED_NUMBERS =
  'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty'.split(
    ' ',
  );
/** "One", "~ 2 ~", "III" alone on a line. */
const BARE_NUMBER_LINE = new RegExp(
  `^[\\s~*=#_\\-–—[\\]<>|•·]*(\\d{1,3}|[IVXLC]{1,7}|${SPELLED_NUMBERS.join('|')})[\\s~*=#_\\-–—[\\]<>|•·]*$`,
  'i',
);

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
    if (block.kind !== 'paragraph' || block.stated || block.text.includes('\n')) return;
    const bare = isSceneBreak(block.text) ? null : BARE_NUMBER_LINE.exec(block.text.trim());
    if (bare) {
      const word = SPELLED_NUMBERS.indexOf(bare[1].toLowerCase());
      const number = word >= 0 ? word + 1 : /^\d/.test(bare[1]) ? Number(bare[1]) : romanValue(bare[1].toUpperCase());
      found.push([index, number, { marker: bare[1], title: null }]);
      return;
    }
    const match = NUMBERED_LINE.exec(block.text.trim());
    if (!match) return;
    const title = match[4]?.trim() ?? null;
    if (title && (/[.!?]["”’]?$/.test(title) || title.split(/\s+/).length > 10)) return;
    // "1 | Partner", "2) Home": after a bar or a dash only a title that looks like one ("1 - and then the fog came…" is prose).
    if (
      match[3] !== '.' &&
      (!title || !/^[\p{Lu}\p{N}\p{Lo}"“'‘]/u.test(title) || /[-–—,;]$/.test(title) || title.split(/\s+/).length > 8)
    )
      return;
    const number = match[1] ? Number(match[1]) : romanValue(match[2]);
    found.push([index, number, { marker: match[1] ?? match[2], title }]);
  });
  const cues = new Map<number, HeadingCue>();
  if (found.length < 2 || found[0][1] !== 1) return cues;
  for (let i = 0; i < found.length; i++) {
    // Each number the next, with story between.
    if (found[i][1] !== i + 1 || (i > 0 && found[i][0] - found[i - 1][0] < 2)) return new Map();
    cues.set(found[i][0], found[i][2]);
  }
  return cues;
}

function splitSections(blocks: SourceBlock[], multiFile: boolean): Section[] {
  const sections: Section[] = [{ heading: null, blocks: [] }];
  const labels = labelHeadings(blocks);
  const level = chapterLevel(blocks, labels);
  const numbered = numberedHeadings(blocks);
  blocks.forEach((block, index) => {
    const cue = headingCue(block, level, labels.has(index)) ?? numbered.get(index);
    const current = sections[sections.length - 1];
    const newFile = multiFile && index > 0 && block.file !== blocks[index - 1].file;
    if (cue) {
      sections.push({ heading: { block: index, cue }, blocks: [] });
    } else if (newFile && (current.heading !== null || current.blocks.length > 0)) {
      sections.push({ heading: null, blocks: [index] });
    } else {
      current.blocks.push(index);
    }
  });
  if (sections[0].heading === null && sections[0].blocks.length === 0) sections.shift();
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

function storyIsFirstPerson(blocks: SourceBlock[]): boolean {
  // Twenty thousand characters of prose tell how the story is told.
  let sample = '';
  for (const block of blocks) {
    // Paragraphs that read as notes would make any story look told in the first person.
    if (block.kind !== 'paragraph' || block.stated || noteStrength(block.text) > 0 || labelledField(block.text))
      continue;
    sample += `${block.text}\n`;
    if (sample.length > 20_000) break;
  }
  return firstPersonRate(sample) > 0.02;
}

/** Duplicated disclaimers (the same text again, or one contained in a longer one) are dropped, keeping one of each. */
function dedupeDisclaimers(pieces: Piece[]): void {
  const key = (text: string) =>
    text
      .toLowerCase()
      .replace(/^\s*disclaimer\s*:?\s*/i, '')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();
  const disclaimers = pieces.filter((p) => p.part === 'disclaimer' && p.text.trim() !== '');
  for (const current of disclaimers) {
    const mine = key(current.text);
    const better = disclaimers.find((other) => {
      if (other === current || other.part !== 'disclaimer') return false;
      const theirs = key(other.text);
      return theirs.length > mine.length
        ? theirs.includes(mine)
        : theirs === mine && pieces.indexOf(other) < pieces.indexOf(current);
    });
    if (better) {
      current.part = 'duplicate-disclaimer';
      current.reason = 'the same disclaimer appears elsewhere';
    }
  }
}

/**
 * A note "run into the story" in the last paragraph above the first of several chapters: there is
 * no story there to run into, so the paragraph (under 80 words) is all note.
 */
function keepNoteWhole(ctx: Context, zone: Zone, sections: Section[]): void {
  // Under a label of its own ("Notas do Autor"), one chapter heading below is enough.
  const labelled = zone.pieces.some((p) => p.part === 'notes' && p.text === '' && p.consumed !== '');
  if (!zone.remainder || sections.filter((s) => s.heading !== null).length < (labelled ? 1 : 2)) return;
  const [index, rest] = zone.remainder;
  const notePiece = zone.pieces.find((p) => p.block === index && (p.part === 'notes' || p.part === 'summary'));
  if (!notePiece || index !== sections[0].blocks[sections[0].blocks.length - 1]) return;
  if (rest.split(/\s+/).length > 80 || OPENING_QUOTE.test(rest)) return;
  const whole = ctx.blocks[index].text.trim();
  notePiece.text = (
    notePiece.consumed && whole.startsWith(notePiece.consumed) ? whole.slice(notePiece.consumed.length) : whole
  ).trim();
  notePiece.unsure = true;
  zone.remainder = undefined;
}

/**
 * Assigns every block to a part. `multiFile`: the blocks come from several files given as the
 * chapters of one work, so each file starts a chapter.
 */
export function findParts(blocks: SourceBlock[], { multiFile = false } = {}): Piece[] {
  const ctx: Context = { blocks, pieces: [], firstPersonStory: storyIsFirstPerson(blocks), titleFound: false };
  const sections = splitSections(blocks, multiFile);
  const pieces = ctx.pieces;

  // Everything before the first heading is the work's header when it holds no story of its own.
  let start = 0;
  let chapter = 0;
  const hasHeadings = sections.some((s) => s.heading !== null);
  if (sections.length > 1 && sections[0].heading === null && hasHeadings) {
    const zone = leadingZone(ctx, sections[0].blocks, 'work', 0);
    keepNoteWhole(ctx, zone, sections);
    // The last line of the header, a short line standing alone right above the first chapter heading: the title.
    const left = sections[0].blocks.filter((index) => !zone.taken.has(index));
    if (
      !zone.remainder &&
      !ctx.titleFound &&
      left.length === 1 &&
      left[0] === sections[0].blocks[0] &&
      blocks[left[0]].kind === 'paragraph' &&
      (isTitleLike(blocks[left[0]].text) ||
        titleWithByline(blocks[left[0]].text) ||
        (isShortLine(blocks[left[0]].text) &&
          (!/(?<!\.\.)\.["”’]?$/.test(blocks[left[0]].text.trim()) || blocks[left[0]].text.split(/\s+/).length <= 4)))
    ) {
      const text = blocks[left[0]].text;
      const both = titleWithByline(text);
      const why = 'a short line at the top, above the first chapter';
      zone.pieces.unshift(
        ...(both
          ? [
              piece(left[0], 'title', both.title, null, `${why}, with its byline`, { unsure: true }),
              bylinePiece(left[0], both.byline, 'a byline'),
            ]
          : [piece(left[0], 'title', titleOf(text), null, why, { unsure: true })]),
      );
      zone.taken.add(left[0]);
      ctx.titleFound = true;
    }
    // A few short lines left between a header and the first of several chapters are the work's note.
    const unread = sections[0].blocks.filter((index) => !zone.taken.has(index));
    if (
      !zone.remainder &&
      zone.pieces.length > 0 &&
      unread.length > 0 &&
      unread.length <= 2 &&
      sections.filter((s) => s.heading !== null).length >= 2 &&
      unread.every((index) => blocks[index].kind === 'paragraph' && !OPENING_QUOTE.test(blocks[index].text)) &&
      unread.reduce((n, index) => n + blocks[index].text.split(/\s+/).length, 0) <= 80
    ) {
      for (const index of unread) {
        // Unless it speaks as the author, a line of prose under the title is what the story is about.
        const speaks = splitSentences(blocks[index].text).some((s) => judgeSentence(s, ctx.firstPersonStory).score > 0);
        zone.pieces.push(
          piece(
            index,
            speaks ? 'notes' : 'summary',
            blocks[index].text,
            null,
            'between the header and the first chapter',
            {
              unsure: true,
              html: blocks[index].html,
            },
          ),
        );
        zone.taken.add(index);
      }
      zone.pieces = orderByBlock(zone.pieces);
    }
    if (!multiFile && !zone.remainder && zone.taken.size < sections[0].blocks.length)
      headerWithoutStory(ctx, zone, sections[0].blocks);
    if (zone.taken.size === sections[0].blocks.length && !zone.remainder) {
      pieces.push(...zone.pieces);
      start = 1;
    } else ctx.titleFound = false;
  }
  const chapterSections = sections.slice(start);
  const single = chapterSections.length === 1;
  for (const section of chapterSections) {
    const scope: Scope = single || (chapter === 0 && start === 0 && section.heading === null) ? 'work' : 'chapter';
    let body = section.blocks;
    let headingPiece: Piece | undefined;
    if (section.heading) {
      const { block, cue } = section.heading;
      // A prologue's title is "Prologue" (or "Prologue: The Crash").
      const named = namesChapter(cue);
      // "Chapter 1: Dry by greenstocking", as eFiction archives head chapters: the byline is not the title.
      const own = cue.title ? (titleWithByline(cue.title)?.title ?? cue.title) : null;
      let title = named && own ? `${cue.marker}: ${own}` : named ? cue.marker : own;
      headingPiece = piece(
        block,
        'chapter-title',
        title ?? '',
        chapter,
        blocks[block].stated
          ? 'marked as a chapter heading in the file'
          : `a chapter heading (“${blocks[block].text.trim()}”)`,
        {
          consumed: blocks[block].stated
            ? ''
            : title
              ? blocks[block].text.slice(0, blocks[block].text.indexOf(title)).trim()
              : blocks[block].text.trim(),
        },
      );
      pieces.push(headingPiece);
      // "Chapter 2" on one line and its title on the next.
      const next = body[0];
      if (
        (title === null || (named && !cue.title)) &&
        next !== undefined &&
        body.length > 1 &&
        !blocks[next].stated &&
        isTitleLike(blocks[next].text) &&
        !labelledField(blocks[next].text) &&
        !isDisclaimer(blocks[next].text) &&
        strengthIn(ctx, blocks[next].text) === 0 &&
        !isSceneBreak(blocks[next].text)
      ) {
        title = blocks[next].text;
        pieces.push(
          piece(next, 'chapter-title', title, chapter, 'a short line right under the chapter heading', {
            unsure: true,
          }),
        );
        body = body.slice(1);
      }
    }
    const leading = leadingZone(ctx, body, scope, chapter);
    if (scope === 'work' && chapter === 0) aboveTheStory(ctx, leading, body);
    pieces.push(...leading.pieces);
    let rest = body.filter((index) => !leading.taken.has(index));
    const middle: Piece[] = [];
    const endNote: Piece[] = [];
    if (leading.remainder) {
      const [index, text] = leading.remainder;
      // The whole chapter in one line: its end note is at the end of the same line.
      const last = splitSentences(text).at(-1) ?? '';
      const split =
        rest.length === 0 && judgeSentence(last, ctx.firstPersonStory).score >= 1
          ? splitRunOnNote(ctx, text, true, false)
          : undefined;
      if (split && splitSentences(split[0]).some((s) => judgeSentence(s, ctx.firstPersonStory).score >= 2)) {
        middle.push(piece(index, 'text', split[1], chapter, 'story text between the notes'));
        endNote.push(
          piece(
            index,
            notesPart(scope, true),
            split[0],
            scope === 'work' ? null : chapter,
            'an author’s note run into the end of the story',
            {
              unsure: true,
            },
          ),
        );
      } else middle.push(piece(index, 'text', text, chapter, 'story text after the note'));
    }
    const trailing = trailingZone(ctx, rest, scope, chapter, 0);
    if (section === chapterSections[chapterSections.length - 1] && endNote.length === 0)
      belowTheStory(ctx, trailing, rest, scope, chapter);
    trailing.pieces.push(...endNote);
    rest = rest.filter((index) => !trailing.taken.has(index));
    for (const index of rest) {
      const block = blocks[index];
      if (isSeparatorBlock(block))
        middle.push(piece(index, 'break', '', chapter, 'a scene break', { consumed: breakWords(block.text) }));
      else
        middle.push(
          piece(index, 'text', block.text, chapter, block.stated ? 'marked as story text in the file' : 'story text', {
            html: block.html,
          }),
        );
    }
    if (trailing.remainder) {
      const [index, text] = trailing.remainder;
      middle.push(piece(index, 'text', text, chapter, 'story text before the note'));
    }
    // A break at the very start or end of a chapter separates nothing.
    for (const edge of [0, middle.length - 1]) {
      if (middle[edge]?.part === 'break') {
        middle[edge].part = 'separator';
        middle[edge].reason = 'a separator at the edge of the story';
      }
    }
    for (let i = 1; i < middle.length; i++) {
      if (middle[i].part === 'break' && middle[i - 1].part === 'break') {
        middle[i].part = 'separator';
        middle[i].reason = 'a second scene break in a row';
      }
    }
    const notesOnly = [...leading.pieces, ...trailing.pieces];
    // "Afterword" / "End Notes" / the notes, as AO3 downloads end: past the last chapter, under a
    // heading and a label that say so, the work's end notes, not a chapter.
    if (
      !middle.some((p) => p.part === 'text') &&
      chapter > 0 &&
      section === chapterSections.at(-1) &&
      headingPiece !== undefined &&
      notesOnly.some((p) => p.text === '' && p.consumed !== '' && /notes$/.test(p.part))
    ) {
      Object.assign(headingPiece, { part: 'metadata', chapter: null, reason: 'a heading over the work’s end notes' });
      for (const p of notesOnly) if (/notes$/.test(p.part)) Object.assign(p, { part: 'end-notes', chapter: null });
      pieces.push(...middle, ...trailing.pieces);
      continue;
    }
    // "Preface" / the title / "Summary" / … above the chapters, as an AO3 EPUB read as text has it:
    // before the first of several chapters, under a heading and a label, the work's header, not a chapter.
    if (
      !middle.some((p) => p.part === 'text') &&
      chapter === 0 &&
      section === chapterSections[0] &&
      chapterSections.length > 1 &&
      headingPiece !== undefined &&
      notesOnly.some((p) => p.text === '' && p.consumed !== '' && /notes$/.test(p.part))
    ) {
      for (const p of pieces.filter((p) => p.part === 'chapter-title' && p.chapter === 0))
        Object.assign(p, { part: 'metadata', chapter: null, reason: 'a heading over the work’s header' });
      for (const p of notesOnly)
        if (/notes$/.test(p.part))
          Object.assign(p, {
            part: p.field === 'summary' ? 'summary' : p.field === 'disclaimer' ? 'disclaimer' : 'notes',
            chapter: null,
          });
      pieces.push(...middle, ...trailing.pieces);
      continue;
    }
    // A chapter cannot be all notes: a lone short story that merely sounds like a note is story.
    if (!middle.some((p) => p.part === 'text')) {
      for (const p of [...leading.pieces, ...trailing.pieces]) {
        if (/notes$/.test(p.part) && p.consumed === '' && !blocks[p.block].stated) {
          p.part = 'text';
          p.chapter = chapter;
          p.reason = 'taken as story text: the chapter had nothing else';
          p.unsure = true;
        }
      }
      const all = [...leading.pieces, ...middle, ...trailing.pieces];
      pieces.splice(pieces.length - leading.pieces.length, leading.pieces.length);
      pieces.push(...orderByBlock(all));
    } else {
      pieces.push(...middle, ...trailing.pieces);
    }
    chapter++;
  }
  dedupeDisclaimers(pieces);
  carryFormatting(blocks, pieces);
  return pieces;
}

/**
 * A formatted paragraph cut into note and story keeps its italics and bold on both sides: each
 * piece gets its share of the paragraph's HTML. When the words cannot be matched the pieces stay
 * plain text (every word is kept either way).
 */
function carryFormatting(blocks: SourceBlock[], pieces: Piece[]): void {
  const byBlock = new Map<number, Piece[]>();
  for (const p of pieces) {
    if (p.text === '' || blocks[p.block]?.html === undefined) continue;
    byBlock.set(p.block, [...(byBlock.get(p.block) ?? []), p]);
  }
  for (const [index, cut] of byBlock) {
    if (cut.length < 2 || cut.some((p) => p.html !== undefined)) continue;
    const { text, html } = blocks[index];
    let from = 0;
    const starts: number[] = [];
    for (const p of cut) {
      const at = text.indexOf(p.text, from);
      if (at < 0) break;
      starts.push(at);
      from = at + p.text.length;
    }
    if (starts.length !== cut.length) continue;
    // A label the importer consumed ("A/N:") is cut off with nothing to show.
    const offsets = starts[0] > 0 ? starts : starts.slice(1);
    const parts = cutHtml(html!, text, offsets);
    if (!parts) continue;
    const shares = starts[0] > 0 ? parts.slice(1) : parts;
    cut.forEach((p, i) => (p.html = shares[i]));
  }
}
