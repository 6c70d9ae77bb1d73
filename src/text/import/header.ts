/**
 * The header at the start of the work or of a chapter: title, byline, labelled fields, notes and
 * disclaimers, read down to the story.
 */
import type { SourceBlock } from './blocks.ts';
import { posterWithHandle, subjectLineTitle } from './subject-line.ts';
import {
  breakWords,
  firstPersonRate,
  fieldShaped,
  ficDescriptor,
  bylineName,
  isByline,
  isFactsLine,
  AO3_NOTES_POINTER,
  CHAPTER_POSITION,
  isPenNameByline,
  isShortLine,
  titleWithByline,
  HASHTAG_LINE,
  hashtagsOf,
  isMailHeaders,
  isDedication,
  titleOf,
  withoutPartCount,
  fanFictionNetPageTitle,
  isFanFictionNetFacts,
  undecorated,
  isDisclaimer,
  isTitleCase,
  IT_IS_CALLED,
  IT_IS_CALLED_ELSEWHERE,
  isTitleLike,
  labelledField,
  type FieldName,
  type LabelledField,
} from './cues.ts';
import { DATE, isJournalPageLine, isTimestamp, JOURNAL_POSTER } from './chrome.ts';
import { isPostDate } from './post-date.ts';
import { htmlToPlainText } from '../plain-text.ts';
import { judgeSentence, noteShare } from './note-sentences.ts';
import { AO3_POSTED } from './paragraphs.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import {
  type Piece,
  type Scope,
  type Context,
  piece,
  bylinePiece,
  titleAndKindByline,
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
import {
  splitRunOnNote,
  endsInTypedOnNote,
  takeRunOnNote,
  wholeNote,
  splitRunOnDisclaimer,
  noteThenDisclaimer,
  noteAfterDisclaimer,
} from './run-on-notes.ts';
import { menusBetween, headerEndBelow, edgeLeftover } from './edges.ts';
import { posterName } from './page-title.ts';

export const STORY_LANDMARK =
  /^(?:work\s+text|chapter\s+text|werktext|kapiteltext|texte\s+de\s+l['’]œuvre|texte\s+du\s+chapitre|texto\s+de\s+la\s+obra|texto\s+del\s+capítulo|texto\s+da\s+obra|texto\s+do\s+capítulo|testo\s+dell['’]opera|testo\s+del\s+capitolo)\s*:?$/i;

/**
 * "Yazarın notu: Uzun zamandır aklımdaydı. Karakterler … aittir. Saat gecenin üçüydü…": a note that closes
 * with its disclaimer, then a sentence of narration in the same paragraph. The header's last word is the
 * disclaimer; what follows it, neither note nor disclaimer, is the story's first sentence.
 */
function storyAfterDisclaimer(ctx: Context, [note, story]: string[]): boolean {
  const sentences = splitSentences(story);
  return (
    isDisclaimer(splitSentences(note).at(-1) ?? '') &&
    story.split(/\s+/).length >= 5 &&
    sentences.every((s) => judgeSentence(s, ctx.firstPersonStory).score <= 0) &&
    /[.!?…]["”’»]?$/u.test(story.trim())
  );
}

/**
 * "Hi all,", "Aloha everyone,", "Hello, fellow Trekkers!": a greeting to a list's or a board's readers, a line of its own;
 * "Hei alle sammen!", "Hæ öll!", "Tere kõigile!", "Sveiki visi!", "Labas visiems!", "Pozdrav svima!", "Liewe almal,",
 * "Salvete, sodales!", "Saluton al ĉiuj!", "Përshëndetje të gjithëve!", "Dia daoibh!", "Moien alleguer,", "Salam hamıya!".
 */
const GREETING =
  /^(?:(?:hi|hello|hey|hiya|howdy|aloha|greetings|good\s+(?:morning|afternoon|evening))\s*,?\s+(?:all|everyone|everybody|folks|friends|gang|guys|list|y'?all|people|readers|fellow\s+\p{L}+|\p{L}+\s+fans)|(?:hei|hej|hallo)\s+(?:alle(?:\s+sammen)?|allihop|folkens)|(?:hæ|halló|sæl)\s+öll|(?:tere|tervist)\s+(?:kõigile|kõik)|(?:sveiki|čau)\s+(?:visi|visiem)|labas\s+(?:visiems|visi)|(?:bok|pozdrav|zdravo|živjo)\s+(?:svima|svim|vsem|vsi|ekipa)|(?:liewe|hallo|hi|goeie(?:môre|middag|naand))\s+almal|salvete(?:\s*,?\s+(?:omnes|sodales|amici|discipuli))?|saluton(?:\s*,?\s+(?:al\s+)?ĉiuj)?|përshëndetje(?:\s+(?:të\s+gjithëve|miq))?|dia\s+daoibh|halò\s+a\s+h-uile\s+duine|moien(?:\s+alleguer)?|salam\s+(?:hamıya|dostlar)|assalamualaikum(?:\s+semua)?|bongu(?:\s+lil\s+kulħadd)?|здраво(?:\s+свима)?)\s*[,!]+$/iu;

/**
 * "Hello Raven Bar,": a mail's greeting to whom it was sent, as The Bat!'s template opens a message, right under the
 * mail's headers. Not "Dear Sir,", a letter the story is.
 */
const NAMED_GREETING = /^(?:Hello|Hi)\s+(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*,$/u;

/** A message's greeting on a line of its own, to its readers ("Hi all,") or by their name ("Hello Pimpernel League,"). */
export function isGreeting(text: string): boolean {
  return GREETING.test(text.trim()) || NAMED_GREETING.test(text.trim());
}

/** "lamp_oil", "@lamp", "lamp.oil", "lampoil42": a user name, by the marks and digits only user names have. */
const LONE_USER_NAME = /^(?:@[\p{L}\p{N}_.]{2,30}|[\p{L}\p{N}]+(?:[._][\p{L}\p{N}]+)+|\p{L}{2,}\d{1,4})$/u;

/** The header at the start of a section, with a disclaimer that ends a note set apart from it. */
export function leadingZone(ctx: Context, blocks: number[], scope: Scope, chapter: number): Zone {
  const zone = readHeader(ctx, blocks, scope, chapter);
  if (scope === 'work') namePoster(ctx, zone, blocks);
  zone.pieces = zone.pieces.flatMap((p) => {
    // A note's closing disclaimer ("A/N: … Half-Life belongs to Valve, obviously.") is the work's disclaimer,
    // whether the note has a label or not.
    const split =
      /notes$/.test(p.part) && ((p.consumed === '' && !p.field) || p.field === 'notes')
        ? noteThenDisclaimer(p.text, p.field === 'notes')
        : undefined;
    // A paragraph of its own in the notes a file marks as such (an AO3 download's), reading as a disclaimer.
    if (!split && p.part === 'notes' && ctx.blocks[p.block].stated?.part === 'notes' && isDisclaimer(p.text))
      return [
        { ...p, part: 'disclaimer' as const, reason: 'a disclaimer among the notes the file marks', unsure: true },
      ];
    if (!split) return [p];
    return [
      { ...p, text: split[0], html: undefined },
      piece(p.block, 'disclaimer', split[1], null, 'a disclaimer at the end of the author’s note', { unsure: true }),
    ];
  });
  if (scope === 'work' && !ctx.pieces.concat(zone.pieces).some((p) => p.field === 'author'))
    zone.pieces = zone.pieces.flatMap((p) => {
      const signed = p.part === 'notes' || p.part === 'disclaimer' ? SIGNED_NOTE.exec(p.text) : null;
      if (!signed || !isByline(signed[2])) return [p];
      return [
        { ...p, text: signed[1].trim(), html: undefined },
        bylinePiece(p.block, signed[2], 'a byline at the end of the author’s note'),
      ];
    });

  if (scope === 'work') introducedWriter(ctx, zone);
  if (scope === 'work') titleCalledInNote(zone);
  return zone;
}

/**
 * "Jmenuje se <b>Buřinka v dešti</b>", "it's called <i>Overdue</i>", "se llama <b>…</b>": the writer names the work in
 * bold or italics in the note over it, in the words for "it is called" of the languages the import reads.
 */
const CALLED_IN_NOTE = new RegExp(
  `(?:${IT_IS_CALLED}|\\bthis\\s+is\\s+called|${IT_IS_CALLED_ELSEWHERE})\\s*[:：]?\\s*<(b|strong|i|em)>([^<]{1,80})<\\/\\1>`,
  'iu',
);

/**
 * "It's called Hymn for the Night Shift and it's Seras and Walter": the title in plain words, capitalised, up to the
 * sentence's next clause or its end.
 */
const CALLED_PLAIN =
  /\b(?:[Ii]t['’]?s|[Tt]his\s+one\s+is|[Tt]he\s+(?:fic|story)\s+is)\s+called\s+["“]?(\p{Lu}[^.,!?;:"“”()\n]{0,78}?)["”]?(?=\s+and\s+(?:it['’]?s|it\s+is|is|has)\b|\s*[.,!?;:(]|\s*$)/u;

/**
 * A page whose only heading for the story is its board's or club's name (Okoun's club, whose page title is the
 * club's name alone), or its blog's (a Friendster entry titled "new fic!!!!"): the title the writer's note gives,
 * in bold or in plain words, is the work's, the page's heading the site's.
 */
function titleCalledInNote(zone: Zone): void {
  const page = zone.pieces.find((p) => p.part === 'title' && p.reason === 'marked so in the file');
  if (!page) return;
  for (const note of zone.pieces) {
    if ((note.part !== 'notes' && note.part !== 'disclaimer') || !note.html) continue;
    const called = CALLED_IN_NOTE.exec(note.html);
    const title = called ? htmlToPlainText(called[2]).trim() : (CALLED_PLAIN.exec(note.text)?.[1].trim() ?? '');
    if (title === '' || !note.text.includes(title) || title === page.text.trim()) continue;
    Object.assign(page, { part: 'metadata', reason: 'the page’s heading, not the work’s title its writer gives' });
    zone.pieces.push(piece(note.block, 'title', title, null, 'the title the writer’s note gives (“it is called …”)'));
    return;
  }
}

/**
 * "こんばんは、たまこです。", "안녕하세요, 장그래바라기입니다!": a Japanese or Korean writer's greeting that says who
 * is writing, at the top of their note.
 */
const SELF_INTRODUCTION =
  /^(?:こんばんは|こんにちは|おはようございます|はじめまして|どうも)[、，,！!]?\s*([^\s、。，！!？?「」]{1,20}?)です[。！!]|^(?:안녕하세요|안녕하십니까)[,，!！.]?\s*([^\s,，!！.?]{1,20}?)입니다[!！.]/u;

/**
 * A note at the top whose writer says who they are names the creator, over the blog's name the page's title gives
 * ("磯野家のとなり" is the blog; "こんばんは、たまこです。" is its writer).
 */
function introducedWriter(ctx: Context, zone: Zone): void {
  const note = zone.pieces.find(
    (p) => (p.part === 'notes' || p.part === 'disclaimer') && SELF_INTRODUCTION.test(p.text.trim()),
  );
  if (!note) return;
  const match = SELF_INTRODUCTION.exec(note.text.trim())!;
  const name = (match[1] ?? match[2]).trim();
  const authors = ctx.pieces.concat(zone.pieces).filter((p) => p.field === 'author');
  if (authors.some((p) => p.text.trim() === name)) return;
  if (authors.some((p) => p.reason !== BLOG_OWNER)) return;
  for (const owner of authors)
    Object.assign(owner, { field: undefined, reason: 'the blog’s name, as the page’s title gives it' });
  zone.pieces.push(
    piece(note.block, 'metadata', name, null, 'the writer, as their note says who they are', { field: 'author' }),
  );
}

/** The reason page-title.ts gives the blog's name it reads as its owner. */
const BLOG_OWNER = 'whose blog or journal it is, as the page’s title names it';

/** "…我只是借来用一下。作者：好好先生": a Chinese or Japanese note signed with its writer's byline at its end. */
const SIGNED_NOTE = /^([\s\S]*[。！？!?])\s*((?:作\s*者|文)\s*[:：/／]\s*[^\s。，！？、·|/／]{1,30})$/u;

/**
 * How far below a block the header's rules look (the furthest, a byline thirty blocks down): the rest of
 * a section is not copied for each block, which made a header of thousands of fields quadratic.
 */
const LOOK_AHEAD = 64;

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
    const rest = blocks.slice(k + 1, k + 1 + LOOK_AHEAD);
    const take = (p: Piece) => {
      zone.pieces.push(p);
      zone.taken.add(index);
    };
    if (block.stated) {
      if (block.stated.part === 'text') break;
      take(statedPiece(index, block, chapter));
      if (block.stated.part === 'title') ctx.titleFound = true;
      continue;
    }
    if (block.chrome) {
      take(piece(index, 'metadata', text, null, siteReason(block)));
      // FanFiction.Net's chapter menu over a chapter copied alone names it: "< Prev   3. Thirty-One Trees   Next >".
      const menu = scope === 'work' ? CHAPTER_MENU.exec(text.trim()) : null;
      if (menu && !ctx.pieces.concat(zone.pieces).some((p) => p.part === 'chapter-title'))
        zone.pieces.push(piece(index, 'chapter-title', menu[1], 0, 'the chapter the site’s chapter menu shows'));
      continue;
    }
    // A page's "sobota, 12 lipca 2008 o 14:27" over a post whose chapters follow: when it was posted.
    if (isTimestamp(text) || (scope === 'work' && block.html !== undefined && isPostDate(text))) {
      take(piece(index, 'metadata', text, null, 'when the page was posted'));
      continue;
    }
    // Under the title, when it was written, over the byline.
    if (
      scope === 'work' &&
      ctx.titleFound &&
      WRITTEN_AT.test(text.trim()) &&
      rest.length > 0 &&
      isByline(ctx.blocks[rest[0]].text)
    ) {
      take(piece(index, 'metadata', text, null, 'when it was written, above the byline'));
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
      let target = fieldPart(field.field, scope, chapter);
      // A part's post repeats the work's header: "TITLE: The Colonel's Chickens (2/2)" names no chapter.
      if (target.part === 'chapter-title' && isWorkTitleAgain(ctx, field.value))
        target = { part: 'metadata', consumeLabel: true, chapter: null };
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
      // And a list archive's subject heading over the message's own "Title:" line names it again.
      const same = (p: Piece) => titleOf(p.text).toLowerCase() === titleOf(field.value).toLowerCase();
      if (target.part === 'title')
        for (const guessed of zone.pieces.filter((p) => p.part === 'title' && (p.unsure || same(p))))
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
    // "The Keeper’s Lamp - a Lighthouse fanfic by lamp_oil": the title, then what the story is and whose.
    const kindByline = scope === 'work' && !ctx.titleFound ? titleAndKindByline(index, text) : undefined;
    if (kindByline) {
      for (const p of kindByline) take(p);
      ctx.titleFound = true;
      continue;
    }
    if (isByline(text)) {
      take(bylinePiece(index, text, 'a byline'));
      continue;
    }
    // "Fieldwork" / "by Marcus’s Umbrella" under a mail's note, the subject having named the work: its title again.
    const [titleAgain, byline, ...after] = text.split('\n');
    const named = zone.pieces.find((p) => p.part === 'title')?.text;
    if (
      scope === 'work' &&
      after.length === 0 &&
      byline !== undefined &&
      named !== undefined &&
      withoutPartCount(titleOf(titleAgain)) === withoutPartCount(named) &&
      isByline(byline)
    ) {
      take(piece(index, 'metadata', titleAgain.trim(), null, 'the title again, over its byline'));
      zone.pieces.push(
        zone.pieces.some((p) => p.field === 'author')
          ? piece(index, 'metadata', byline.trim(), null, 'the byline again, under the title')
          : bylinePiece(index, byline, 'a byline'),
      );
      continue;
    }
    // "Aloha everyone,", "Hi all!": a mail's or a post's greeting to the list's readers, over the title or the story.
    if (
      scope === 'work' &&
      (GREETING.test(text.trim()) ||
        (NAMED_GREETING.test(text.trim()) &&
          zone.taken.size === k &&
          (zone.pieces.some((p) => ctx.blocks[p.block].stated !== undefined) ||
            // The message's first line, its headers not saved (Becky!'s "Hello Pimpernel League,"), a byline below.
            (k === 0 &&
              index === 0 &&
              rest.slice(0, 5).some((i) => ctx.blocks[i].text.split('\n').some((line) => isByline(line)))))))
    ) {
      take(piece(index, 'metadata', text, null, 'a greeting to the readers'));
      continue;
    }
    if (scope === 'work' && ctx.titleFound && isFactsLine(text)) {
      take(piece(index, 'metadata', text, null, 'the story’s facts in brackets under its title'));
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
      take(piece(index, 'metadata', hashtagsOf(text), null, 'a line of tags (“#…”)', { field: 'freeform' }));
      continue;
    }
    // "(See the end of the chapter for notes.)": AO3's pointer to the notes below, as its EPUB and PDF give it.
    if (AO3_NOTES_POINTER.test(text.trim())) {
      take(piece(index, 'metadata', text, null, 'AO3’s pointer to the notes below'));
      continue;
    }
    if (AO3_POSTED.test(text.trim())) {
      take(piece(index, 'metadata', text, null, 'where an AO3 download was posted'));
      continue;
    }
    // An AO3 download gives the title twice: above its tags, and again above the byline.
    // Or again under a "Preface" heading (an AO3 EPUB): the title read before this zone counts.
    const isTitle = (p: Piece) => p.part === 'title';
    const title = ctx.titleFound ? (ctx.pieces.find(isTitle) ?? zone.pieces.find(isTitle)) : undefined;
    if (title && undecorated(text).toLowerCase() === title.text.toLowerCase()) {
      take(piece(index, 'metadata', text, null, 'the title again'));
      continue;
    }
    // "A Question of Vintage" / "bellona_club": an e-book's title page, as Calibre's text of it gives it,
    // names the author alone under the title; the byline further down names them again.
    if (scope === 'work' && zone.pieces.at(-1)?.part === 'title' && nameOfBylineBelow(ctx, rest, text)) {
      take(piece(index, 'metadata', text, null, 'the author under the title, named again by the byline below'));
      continue;
    }
    if (scope === 'chapter' && isHeadingAgain(ctx, chapter, text)) {
      take(piece(index, 'metadata', text, null, 'the chapter heading again'));
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
    // "A Horse by Any Other Name" over "by Saskia Vell": the byline below says whose it is, so "by" is the title's.
    const titled =
      scope === 'work' && !ctx.titleFound && rest.length > 0 && !isPenNameByline(ctx.blocks[rest[0]].text)
        ? titleWithByline(text)
        : undefined;
    if (titled) {
      take(piece(index, 'title', titled.title, null, 'a title and its byline on one line', { unsure: true }));
      take(bylinePiece(index, titled.byline, 'a byline'));
      ctx.titleFound = true;
      continue;
    }
    // "Discussion in 'Creative Writing' started by Halcyon_Drift, Mar 3, 2021.": the forum's line over the thread.
    if (scope === 'work' && k <= 3 && !text.includes('\n') && FORUM_POSTER.test(text.trim())) {
      take(piece(index, 'metadata', text, null, 'who posted the thread, and when'));
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
    // '“The Usual Place”' over its byline: a title in quotes, as a mail heads the story it sends.
    const unquoted = titleLine.replace(/^\s*["“]([^"“”\n]+)["”]\s*$/u, '$1');
    const titleOver =
      scope === 'work' && !ctx.titleFound && more.length === 0 && nameLine !== undefined && isTitleLike(unquoted);
    // "Salt on the Wind" and, on the next line, "By: kettlecorn_kyoshi"; under a site's name taken for the
    // title, with only its menus between them ("Quizilla" / "Home | Quizzes | Stories").
    const siteName =
      scope === 'work' && more.length === 0 && nameLine !== undefined && isTitleLike(titleLine)
        ? guessedOverMenus(ctx, zone, index)
        : undefined;
    if ((titleOver && isByline(nameLine)) || (siteName && isPenNameByline(nameLine))) {
      if (siteName) Object.assign(siteName, { part: 'metadata', reason: 'a line above the title and its byline' });
      take(piece(index, 'title', titleOf(titleLine), null, 'a title with its byline on the next line'));
      zone.pieces.push(bylinePiece(index, nameLine, 'a byline'));
      ctx.titleFound = true;
      continue;
    }
    // "Jurgos daina" over "Malūnininko dukters istorija", then "Autorius: …" or "by …": a title and its subtitle at the
    // top of a file, as writing apps export them, over the byline.
    const below = rest.length > 0 ? ctx.blocks[rest[0]].text.trim() : '';
    if (
      titleOver &&
      k === 0 &&
      isTitleLike(nameLine) &&
      (isByline(below) || labelledField(below)?.field === 'author')
    ) {
      take(piece(index, 'title', titleOf(titleLine), null, 'a title over its subtitle, over the byline'));
      zone.pieces.push(piece(index, 'metadata', nameLine.trim(), null, 'the subtitle under the title'));
      ctx.titleFound = true;
      continue;
    }
    // AO3's page copied: the title and, on the next line, the creator's name, under the work's tags.
    // ("~ lamp_oil ~": a writer's own file sets the name off as it sets off a heading.)
    const userName = nameLine === undefined ? '' : undecorated(nameLine).trim();
    if (titleOver && /^@[\p{L}\p{N}_.-]{2,40}$/u.test(userName) && authorLineBelow(ctx, rest)) {
      take(
        piece(
          index,
          'metadata',
          text,
          null,
          'a channel’s name and handle over the post, whose own lines name its writer',
        ),
      );
      continue;
    }
    if (
      titleOver &&
      /^@?[\p{L}\p{N}_.-]{2,40}$/u.test(userName) &&
      (zone.pieces.filter((p) => p.part === 'metadata' && p.field !== undefined).length >= 2 ||
        // At the top of a file, a user name under the title (lower case, or with digits or underscores), or a
        // pen name in a script without capitals ("夏の終わりに" over "青葉しずく", as pixiv's text shows them).
        (k === 0 &&
          (/^@|[\d_]|^\p{Ll}+$/u.test(userName) ||
            /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}ー・]{2,20}$/u.test(userName))))
    ) {
      take(piece(index, 'title', titleOf(titleLine), null, 'the title under the work’s tags, as AO3 shows it'));
      zone.pieces.push(piece(index, 'metadata', userName, null, 'the creator under the title', { field: 'author' }));
      ctx.titleFound = true;
      continue;
    }
    // "The Keeper’s Lamp" and, a blank line under it, "lamp_oil" alone: a user name (its digits, dots or
    // underscores say so) under the title at the top of a file is the creator, not the story's first line.
    if (
      scope === 'work' &&
      k <= 2 &&
      zone.pieces.at(-1)?.part === 'title' &&
      !zone.pieces.some((p) => p.field === 'author') &&
      LONE_USER_NAME.test(undecorated(text).trim())
    ) {
      take(
        piece(index, 'metadata', undecorated(text).trim(), null, 'a user name alone under the title', {
          field: 'author',
        }),
      );
      continue;
    }
    // "S. Okonkwo-Hale" under the title, above the header's fields: the creator.
    if (
      scope === 'work' &&
      ctx.titleFound &&
      (k <= 2 || zone.pieces[zone.pieces.length - 1]?.part === 'title') &&
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
    // "Çalıkuşu hayran kurgusu – yazan: Feride_Zeyniler", "A Star Wars fic - by kyber_kid" under the title:
    // what the story is, then its byline after a dash.
    const described =
      scope === 'work' && ctx.titleFound && k <= 3 && !zone.pieces.some((p) => p.field === 'author')
        ? /^(\S(?:\S*\s+){0,5}\S*)\s+[-–—]\s+(\S.*)$/u.exec(text.trim())
        : null;
    if (described && !isByline(described[1]) && isPenNameByline(described[2])) {
      take(piece(index, 'metadata', described[1], null, 'says what the story is, under its title'));
      zone.pieces.push(bylinePiece(index, described[2], 'a byline after what the story is'));
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
    // Also above "A Dragon Age fanfiction" above the byline, or above an "Author:" line.
    // Over a title only guessed from its place ("Lottas fanfiction-sida", a site's name above its menus).
    // Or above when it was written ("14. mai 2024 kl. 01:12", as a phone's notes app heads a note) above the byline.
    const bylineAt =
      rest.length > 1 && (ficDescriptor(ctx.blocks[rest[0]].text) || WRITTEN_AT.test(ctx.blocks[rest[0]].text.trim()))
        ? 1
        : 0;
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
      (isByline(ctx.blocks[rest[bylineAt]].text) ||
        // "autor: …" under what the story is: a labelled byline.
        (bylineAt === 1 && labelledField(ctx.blocks[rest[1]].text.trim())?.field === 'author'))
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
    // "ok here's the thing i said i'd finish. unbeta'd, sorry for typos": a line that reads as the writer's
    // note, clearly, at the very top with no title over it.
    const talk =
      k === 0 &&
      under.length > 0 &&
      strengthIn(ctx, firstLine) > 0 &&
      judgeSentence(firstLine, ctx.firstPersonStory).score >= 2;
    // "dedicated to @harrysbeanie" or "omg thank u for 100 reads!!" on a line of its own, the story on the lines under it.
    if (
      under.length > 0 &&
      block.kind === 'paragraph' &&
      (ctx.titleFound || scope !== 'work' || talk) &&
      // Not a line of speech opened by a dash or a corner bracket ("— Большое спасибо, — сказал он").
      !/^\s*(?:["“‘«„—–「『]|-\s)/u.test(firstLine) &&
      (/^[\s~*\-–—(]*(?:dedicated\s+to|for\s+@)/iu.test(firstLine) ||
        talk ||
        judgeSentence(firstLine, ctx.firstPersonStory).score >= 3) &&
      judgeSentence(under[0], ctx.firstPersonStory).score <= 0 &&
      strengthIn(ctx, under[0]) === 0 &&
      // A sentence wrapped onto the next line (a mail's lines of 70 letters) is the note's still.
      !(/[\p{L},]$/u.test(firstLine.trim()) && /^\p{Ll}/u.test(under[0].trim()))
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
    if (scope === 'work' && !ctx.titleFound && block.kind === 'paragraph' && titleWithFacts(text)) {
      const [title, ...facts] = text.trim().split(/\s+\|\s+/);
      take(
        piece(index, 'title', titleOf(title), null, 'a title with its pairing and length after it', { unsure: true }),
      );
      take(piece(index, 'metadata', facts.join(' | '), null, 'what the title’s line says of the work'));
      ctx.titleFound = true;
      continue;
    }
    const strength = strengthIn(ctx, text);
    // A long paragraph of story with a note at its end (the story without its blank lines) is no note.
    // Nor is a chapter's first paragraph of several sentences told in the third person, none of which reads as a note, that a weak
    // cue alone made one ("…, because, she said later, you never know when there will be an audience.").
    const mostlyStory =
      (text.length > 400 && noteShare(text, ctx.firstPersonStory) < 0.5) ||
      (scope === 'chapter' &&
        strength === 1 &&
        firstPersonRate(text) === 0 &&
        splitSentences(text).length >= 3 &&
        noteShare(text, ctx.firstPersonStory) === 0) ||
      endsInTypedOnNote(ctx, text);
    // A page's heading over the work, no sentence ("[Fanfic Đất rừng phương Nam] Mái chèo đầu tiên"): its title, read below.
    const titleHeading = scope === 'work' && !ctx.titleFound && block.kind === 'heading' && !/[.!?。！？]$/u.test(text);
    if ((strength > 0 || isAuthorVoice(ctx, text)) && !mostlyStory && !titleHeading) {
      const split = splitRunOnNote(ctx, text, false, false);
      // Or by the work's title, in bold on a line of its own, over the story (a social post's note, then its title).
      const followedBySeparator =
        rest.length > 0 &&
        (isSeparatorBlock(ctx.blocks[rest[0]]) ||
          ctx.blocks[rest[0]].gap >= 2 ||
          (scope === 'work' && !ctx.titleFound && boldTitleLine(ctx.blocks[rest[0]])));
      if (split && !followedBySeparator) {
        takeRunOnNote(
          ctx,
          zone,
          index,
          split,
          { scope, chapter, end: false },
          'an author’s note run into the first paragraph of the story',
        );
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
    const handled =
      scope === 'work' && !ctx.titleFound && block.kind === 'paragraph' ? posterWithHandle(text) : undefined;
    if (
      handled !== undefined &&
      rest.length > 0 &&
      !zone.pieces.some((p) => p.field === 'author') &&
      !authorLineBelow(ctx, rest)
    ) {
      take(
        piece(index, 'metadata', handled, null, 'a post’s header: the poster’s name and handle', { field: 'author' }),
      );
      continue;
    }
    const subject =
      scope === 'work' && !ctx.titleFound && block.kind === 'paragraph' ? subjectLineTitle(text) : undefined;
    if (subject !== undefined && rest.length > 0) {
      take(
        piece(
          index,
          'title',
          subject,
          null,
          'a post’s subject line: what it is, the title, then its facts in brackets',
        ),
      );
      ctx.titleFound = true;
      continue;
    }
    // "Usagi Yojimbo" over "Plum Wine" and "a Usagi Yojimbo story by hare": the fandom the byline names, as a tree
    // outliner's folder over the story's node, not the title.
    if (scope === 'work' && !ctx.titleFound && k === 0 && fandomOfByline(ctx, text, rest.slice(0, 4))) {
      take(piece(index, 'metadata', text, null, 'the fandom the byline below names'));
      continue;
    }
    if (
      scope === 'work' &&
      !ctx.titleFound &&
      rest.length > 0 &&
      block.kind !== 'heading' &&
      (posterIn(text) === undefined || (index === 0 && datedTitle(text))) &&
      ((isTitleLike(text) && (headerFollows(ctx, rest) || (index === 0 && isTitleCase(text)))) ||
        (boldTitleLine(block) && zone.pieces.some((p) => p.part === 'notes')) ||
        (k === 0 && index === 0 && lowerCaseTitle(ctx, text, rest)) ||
        overReadMore(ctx, text, rest))
    ) {
      const why = zone.pieces.some((p) => p.part === 'metadata' && p.field !== undefined && p.field !== 'author')
        ? 'a short line standing alone under the work’s tags'
        : 'a short line standing alone at the top';
      take(piece(index, 'title', titleOf(text), null, why, { unsure: true }));
      ctx.titleFound = true;
      continue;
    }
    if (scope === 'work' && !ctx.titleFound && block.kind === 'heading') {
      // Unsure: a "Title:" the header labels below says it better ("Fic: Stone Sleep (Gargoyles, G)" over "Title: Stone Sleep").
      take(piece(index, 'title', titleOf(text), null, 'the first heading', { unsure: true }));
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
        const where = { scope, chapter, end: false };
        takeRunOnNote(ctx, zone, index, split, where, `an author’s note run into the story (${first.reason})`);
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
    // A journal entry's time and poster ("Dec. 21st, 2022 at 9:14 PM", "[personal profile] clocktower_watch")
    // between its subject and its labelled fields: the header goes on to its fields. Not a field's
    // value wrapped onto the next line ("wedding cake, and a marriage.").
    const lineAbove = k > 0 ? ctx.blocks[blocks[k - 1]].text.trim() : '';
    const wrapped = /^\p{Ll}/u.test(text) && labelledField(lineAbove) !== undefined && !/[.!?…"”)\]]$/u.test(lineAbove);
    // Lines run together (a poster, a time, a subject) count, but not the file's first lines (a title over its byline).
    const runTogether = text.split('\n');
    const shortLines =
      runTogether.length <= 4 &&
      runTogether.every((line) => isShortLine(line)) &&
      (runTogether.length === 1 || (k > 0 && !runTogether.some(isByline)));
    if (scope === 'work' && shortLines && !wrapped && fieldsBelow(ctx, rest)) {
      // The page's lines are its own; a writer's "For Mara, who asked." is the writer's note.
      take(
        runTogether.every(isJournalPageLine)
          ? piece(index, 'metadata', text, null, 'a line in the header, above its fields')
          : edgeLeftover(ctx, index, 'notes', null, 'in the header, above its fields'),
      );
      continue;
    }
    // "Reveals are up for the winter exchange. Go and comment below." over "Title: …", "Author: …": at the top of
    // the work, above the header's fields, a paragraph no rule read is a note (a mod's, the writer's), not the story.
    if (
      scope === 'work' &&
      zone.taken.size === k &&
      block.kind === 'paragraph' &&
      !text.includes('\n') &&
      /[.!?…]["”’)]?$/u.test(text.trim()) &&
      !OPENING_QUOTE.test(text) &&
      text.split(/\s+/).length <= 80 &&
      rest.length > 0 &&
      labelledField(ctx.blocks[rest[0]].text) !== undefined &&
      fieldsBelow(ctx, rest)
    ) {
      take(edgeLeftover(ctx, index, 'notes', null, 'above the header’s fields'));
      continue;
    }
    // A saved page's header that named the creator its <title> names is one, whatever the lines under it say.
    const bylined =
      zone.pieces.some((p) => ctx.blocks[p.block].stated?.part === 'author') &&
      !zone.pieces.some((p) => p.part === 'separator');
    const workTitle = zone.pieces.find((p) => p.part === 'title')?.text;
    if (scope === 'work') headerEnd ??= headerEndBelow(ctx, blocks, k, bylined, workTitle) ?? -1;
    if (headerEnd !== undefined && k < headerEnd) {
      take(edgeLeftover(ctx, index, 'notes', null, 'in the header, above the story'));
      continue;
    }
    break;
  }
  return zone;
}

function nameOfBylineBelow(ctx: Context, rest: number[], text: string): boolean {
  const name = text.trim();
  if (name === '' || name.includes('\n') || name.length > 60) return false;
  return rest
    .slice(0, 30)
    .some(
      (i) => isByline(ctx.blocks[i].text) && bylineName(ctx.blocks[i].text).name.toLowerCase() === name.toLowerCase(),
    );
}

function isWorkTitleAgain(ctx: Context, value: string): boolean {
  const title = ctx.pieces.find((p) => p.part === 'title')?.text;
  return title !== undefined && withoutPartCount(title) === withoutPartCount(value.trim());
}

/** A short line with a date (or a year) and a time of day: "14. mai 2024 kl. 01:12", "3 June 2014 at 21:12 · 🌍". */
const WRITTEN_AT = new RegExp(
  String.raw`^(?=.*(?:${DATE}|\b(?:19|20)\d{2}\b))(?=.*(?<!\d)\d{1,2}[:.]\d{2}(?!\d)).{6,50}$`,
  'u',
);

/** A title guessed from its place at the top, with only the site's menus between it and this block. */
function guessedOverMenus(ctx: Context, zone: Zone, index: number): Piece | undefined {
  return zone.pieces.find(
    (p) =>
      p.part === 'title' &&
      p.unsure &&
      p.field === undefined &&
      p.block < index - 1 &&
      menusBetween(ctx, p.block, index),
  );
}

/** "< Prev   3. Thirty-One Trees   Next >": the chapter a site's menu shows between its buttons. */
const CHAPTER_MENU = /^[<«]\s*Prev\s+\d{1,3}\.\s+(\S.*?)\s+Next\s*[>»]/u;

/** A title, a dash and a user name: lower case, digits, underscores or dots, one word. */
const TITLE_DASH_USER = /^(\S.{1,80}?)\s+[-–—|]\s+@?([\p{Ll}\p{N}_.]*[\p{Ll}_\d][\p{Ll}\p{N}_.]{2,30})$/u;

/** "Second Shift 1.1" under "Threadmarks: Second Shift 1.1", as a forum post repeats its chapter's mark. */
function isHeadingAgain(ctx: Context, chapter: number, text: string): boolean {
  let at = ctx.pieces.length - 1;
  while (at >= 0 && !(ctx.pieces[at].part === 'chapter-title' && ctx.pieces[at].chapter === chapter)) at--;
  if (at < 0) return false;
  const heading = ctx.pieces[at];
  const line = undecorated(text).toLowerCase();
  const marked = ctx.blocks[heading.block].text.trim();
  return [heading.text, marked, marked.replace(/^[^:：]*[:：]\s*/u, '')].some(
    (said) => said !== '' && undecorated(said).toLowerCase() === line,
  );
}

/** "lotusfield — Today at 11:42 PM", "kit_k — 03/14/2023 9:15 PM", "bookwyrm-oolong answered:". */
const CHAT_POSTER =
  /^([\p{L}\p{N}_.-]{2,40})\s+(?:[—–-]\s+(?:Today|Yesterday|\d{1,2}[./]\d{1,2}[./]\d{2,4})(?:\s+at)?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?|answered\s*:?)$/iu;

/** A forum's line over the post, read as the page's, names the creator when nothing else in the header does. */
function namePoster(ctx: Context, zone: Zone, blocks: number[]): void {
  if (zone.pieces.some((p) => p.field === 'author')) return;
  const top = new Set(blocks.slice(0, 4));
  const line = zone.pieces.find(
    (p) =>
      top.has(p.block) &&
      p.part === 'metadata' &&
      p.field === undefined &&
      p.text.trim() === ctx.blocks[p.block].text.trim() &&
      posterIn(p.text) !== undefined,
  );
  const poster = line && posterIn(line.text);
  if (!line || !poster) return;
  Object.assign(line, {
    text: poster,
    field: 'author',
    consumed: line.text.trim().replace(poster, '').replace(/\s+/g, ' ').trim(),
    reason: 'who posted it, as the site shows it over the post',
  });
}

/**
 * "Posted by u/servitor_with_a_pen 3 yr. ago" (Reddit), "Post by Cetra_Girl_88 » Tue Mar 04, 2008 9:14 pm"
 * (phpBB), "Started by automail_enthusiast, 03 February 2009 - 08:14 PM" (Invision): who posted the thread.
 */
const FORUM_POSTER =
  /^(?:posted\s+by\s+u\/([\w-]{3,30})(?:\s.*)?|post\s+by\s+([^\s»]{2,40})\s+»\s+\S.*|(?:discussion\s+in\s+'[^']{1,60}'\s+)?started\s+by\s+([^\s,]{2,40}),\s+\S.*|thread\s+starter\s+([^\s·]{2,40})\s+·\s+start\s+date\s+\S.*)$/iu;

/** The poster a forum's line in a block of a few lines names. */
function posterIn(text: string): string | undefined {
  const lines = text.trim().split('\n');
  if (lines.length > 3) return undefined;
  for (const line of lines) {
    const match = FORUM_POSTER.exec(line.trim());
    if (match) return match[1] ?? match[2] ?? match[3] ?? match[4];
  }
  // "reigen-arataka-apologist" over "Follow": a Tumblr post's blog, copied with its button.
  if (lines.length === 2 && /^follow$/i.test(lines[1].trim()) && /^@?[\p{L}\p{N}_.-]{2,40}$/u.test(lines[0].trim()))
    return lines[0].trim();
  // "쌍문동_달고나 · 2022.03.14 · 조회 1,204": a blog's poster, when, and how often it was read.
  return lines.length === 1 && /\d/.test(text) ? posterName(text.trim()) : undefined;
}

/**
 * "Halloween Night · 31 October 1981" as a file's first line: a title and when the story is set,
 * shaped as a blog's line over a post ("Marguerite Hollow · Dec 19, 2025") is, but first in the file
 * where that line comes under the title.
 */
function datedTitle(text: string): boolean {
  const line = text.trim();
  return !line.includes('\n') && !FORUM_POSTER.test(line) && posterName(line) !== undefined;
}

/** An "Author:" label in the header below. */
function authorLabelBelow(ctx: Context, rest: number[]): boolean {
  return rest.slice(0, 8).some((i) => labelledField(ctx.blocks[i].text)?.field === 'author');
}

/**
 * An "Author:" line in the header below, a block's line of its own or not: a channel's name and handle over a post
 * whose own lines name its writer are not the work's title and creator.
 */
function authorLineBelow(ctx: Context, rest: number[]): boolean {
  return rest
    .slice(0, 8)
    .some((i) => ctx.blocks[i].text.split('\n').some((line) => labelledField(line.trim())?.field === 'author'));
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

/** Two labelled fields the header knows ("Title:", "Author:") within the next five blocks. */
function fieldsBelow(ctx: Context, rest: number[]): boolean {
  return rest.slice(0, 5).filter((i) => labelledField(ctx.blocks[i].text) !== undefined).length >= 2;
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
  // AO3's page: the title, its creator's name alone, then "Summary:".
  const after = rest[1] === undefined ? undefined : ctx.blocks[rest[1]];
  if (after && PERSON_NAME.test(next.text.trim()) && labelledField(after.text)) return true;
  // A title above a paragraph of prose: the prose must be much longer than the title.
  return next.text.length > 200;
}

/** "Twenty Years Earlier", "Three Days Later", "The Next Morning": a story's own bold line saying when it goes on. */
const TIME_SKIP =
  /\b(?:earlier|later|ago|before|after|afterwards?|since|next\s+(?:morning|day|night|week|year)|(?:that|the\s+same)\s+(?:morning|night|evening)|meanwhile|present\s+day|now|then)\b/iu;

/**
 * "<p><b>Two Hundred Years of Coffee</b></p>": a short line in title case, all of it in bold, as a post gives its
 * work's title; not a time skip the story sets in bold.
 */
function boldTitleLine(block: SourceBlock): boolean {
  return (
    block.kind === 'paragraph' &&
    /^<p>\s*<(b|strong)>[^<]*<\/\1>\s*<\/p>$/u.test(block.html ?? '') &&
    isTitleLike(block.text) &&
    isTitleCase(block.text) &&
    !TIME_SKIP.test(block.text)
  );
}

/** "Lighthouse Keeping | Sokka/Zuko | 650 words | also on ao3": a Tumblr post's title, then its pairing and length. */
function titleWithFacts(text: string): boolean {
  const [title, ...facts] = text.trim().split(/\s+\|\s+/);
  return (
    facts.length >= 2 &&
    !text.includes('\n') &&
    isTitleLike(title) &&
    facts.some((fact) => /^(?:~\s*)?\d[\d,.]*k?\+?\s+words?$/iu.test(fact.trim()))
  );
}

/** Tumblr's cut: the post's lines above it, the story under it. */
const READ_MORE = /^(?:keep reading|read more)$/iu;

/** "salt and vinegar" over Tumblr's "Keep reading": the post names the story it cuts to, in any case. */
function overReadMore(ctx: Context, text: string, rest: number[]): boolean {
  return isShortLine(text) && !/[.,;:!?]["”’]?$/u.test(text.trim()) && READ_MORE.test(ctx.blocks[rest[0]].text.trim());
}

/** The line is the fandom a byline below names ("a Usagi Yojimbo story by hare_of_the_road"), a title line between them. */
function fandomOfByline(ctx: Context, text: string, below: number[]): boolean {
  const line = text.trim().toLowerCase();
  if (line === '' || line.length > 60) return false;
  const at = below.findIndex((index) => isByline(ctx.blocks[index].text));
  if (at < 1) return false;
  const label = bylineName(ctx.blocks[below[at]].text).label;
  const fandom = /^an?\s+(.+?)\s+(?:story|fic|fanfic|fanfiction|one-?shot|drabble|ficlet|tale)\s+by\s*:?$/iu.exec(
    label.trim(),
  );
  return fandom !== null && fandom[1].toLowerCase() === line;
}

/** "snow" as the first line of a file, above a label or a disclaimer: a title typed in lower case. */
function lowerCaseTitle(ctx: Context, text: string, rest: number[]): boolean {
  // Past the site's lines and a post's timestamp under its heading.
  const at = rest.find((index) => !ctx.blocks[index].chrome && !isTimestamp(ctx.blocks[index].text));
  if (at === undefined) return false;
  const next = ctx.blocks[at].text;
  return (
    isShortLine(text) &&
    !/[.,;:]["”’]?$/.test(text.trim()) &&
    (labelledField(next) !== undefined || isDisclaimer(next) || isSeparatorBlock(ctx.blocks[at]))
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
    // "Disclaimer: … Channel 4. I own a sandwich." over "Notes: …": the header goes on, so its story has not begun.
    const fieldNext = index + 1 < ctx.blocks.length && labelledField(ctx.blocks[index + 1].text) !== undefined;
    const split = fieldNext ? undefined : splitRunOnDisclaimer(field.value);
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
    // A rule or scene break right under the paragraph sets the note apart from the story below it: only a sentence
    // that reads as story's cuts it there ("Kupu whakataki: …" over <hr /> over the story, as a class wiki's page has it).
    const ruledOff = index + 1 < ctx.blocks.length && isSeparatorBlock(ctx.blocks[index + 1]);
    const storyAfter =
      split &&
      !underLabel &&
      (!ruledOff ||
        bracket !== null ||
        splitSentences(split[1]).some((s) => judgeSentence(s, ctx.firstPersonStory).score < 0)) &&
      (bracket !== null ||
        splitSentences(field.value).length > 3 ||
        split[1].split(/\s+/).length >= (more ? 12 : 8) ||
        splitSentences(split[1]).some((s) => judgeSentence(s, ctx.firstPersonStory).score < 0) ||
        storyAfterDisclaimer(ctx, split));
    if (split && storyAfter) {
      zone.pieces.push(
        piece(
          index,
          target.part,
          split[0],
          target.chapter,
          `the label “${field.label}”; the story seems to start in the same paragraph`,
          { consumed, unsure: true, field: field.field },
        ),
      );
      zone.taken.add(index);
      zone.remainder = [index, split[1]];
      return;
    }
  }
  // "Dana K. (skepticalredhead@aol.com)", "Примус_не_трогаю (https://ficbook.net/authors/2871105)": the name, then where to find them.
  const contact =
    field.field === 'author' && target.consumeLabel ? (CREATOR_CONTACT.exec(text) ?? CREATOR_DATED.exec(text)) : null;
  if (contact) {
    zone.pieces.push(
      piece(index, target.part, contact[1], target.chapter, `the label “${field.label}”`, {
        consumed,
        field: 'author',
      }),
      piece(index, 'metadata', contact[2], null, 'where to find the creator, after their name'),
    );
    zone.taken.add(index);
    return;
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

/**
 * "Nanna Ċetta (Ċetta Borg), Awwissu 2011", "Jane Doe, March 2004": a name, maybe the writer's own in brackets, and
 * when it was written after a comma, in whatever language the month is.
 */
const CREATOR_DATED = /^(\S.*?)\s*((?:\([^()]{1,40}\)\s*)?,\s*(?:\d{1,2}\.?\s*)?\p{L}{3,12}\.?\s+(?:1[89]|20)\d{2})$/u;

/** A name and, in brackets after it, an address or a link. */
const CREATOR_CONTACT =
  /^(\S.*?)\s*([(<[]\s*(?:mailto:)?(?:[^\s@()<>[\]]+@[^\s@()<>[\]]+\.\w+|https?:\/\/[^\s()<>[\]]+)\s*[)>\]])$/u;
