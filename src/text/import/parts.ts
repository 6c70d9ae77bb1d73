/**
 * Finds the parts of a work in its blocks: title, summary, disclaimers, beginning and end notes
 * of the work and of each chapter, chapter boundaries and titles, scene breaks and story text.
 * Every block, or every piece of a block split in two, gets exactly one part and the reason for
 * it, so a preview can show (and a writer correct) each decision. Nothing is dropped: words go
 * to a part, or are a label ("Summary:") or marker ("Chapter 2", "oOo") that is shown as consumed.
 */
import { markDoubts } from './doubts.ts';
import type { SourceBlock } from './blocks.ts';
import {
  breakWords,
  chapterHeading,
  firstPersonRate,
  isDedication,
  isShortLine,
  titleWithByline,
  namesChapter,
  titleOf,
  isDisclaimer,
  isEndMarker,
  isSceneBreak,
  isTitleLike,
  isPenNameByline,
  labelledField,
  noteStrength,
} from './cues.ts';
import { judgeSentence } from './note-sentences.ts';
import { cutHtml } from './html-cut.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import {
  type Piece,
  type Scope,
  type Context,
  piece,
  bylinePiece,
  notesPart,
  strengthIn,
  isSeparatorBlock,
  type Zone,
  orderByBlock,
  siteReason,
  statedPiece,
} from './part-pieces.ts';
import { noteThenDisclaimer, splitRunOnNote, wholeDisclaimer } from './run-on-notes.ts';
import { type Section, pageEndHeadings, splitSections } from './sections.ts';
import { leadingZone, STORY_LANDMARK } from './header.ts';
import { aboveTheStory, belowTheStory, headerWithoutStory } from './edges.ts';
import { trailingZone } from './trailer.ts';

export type { PartName, Piece } from './part-pieces.ts';

/** "Capítulo Único", "Oneshot": the heading of a work's only chapter says no more than that. */
const ONLY_CHAPTER =
  /^(?:cap[ií]tulo\s+[úu]nico|one[\s-]?shot|chapitre\s+unique|capitolo\s+unico|einziges\s+kapitel|rozdział\s+jedyny|единственная\s+глава)$/iu;

/** Items added one by one: push(...items) passes each as an argument, and a chapter of 150,000 paragraphs overflows the stack. */
function append<T>(to: T[], ...lists: T[][]): void {
  for (const list of lists) for (const item of list) to.push(item);
}

/** What a heading the file marked says besides its title: "Threadmarks: Snip 2:" over "Drift". */
function stated(text: string, title: string | null): string {
  const at = title ? text.indexOf(title) : -1;
  return at >= 0 ? text.slice(0, at).trim() : title ? '' : text.trim();
}

/** A label alone on its line without a colon: "Notes", "Epilogue" — a word a chapter may be titled too. */
function isBareLabel(text: string): boolean {
  const field = labelledField(text);
  return field !== undefined && field.value === '' && !/[:：]/u.test(text);
}

/**
 * "CHAPTER ONE" / "Inventory", "CHAPTER TWO" / "Transit": a work whose every bare chapter heading
 * but one has its title on the line under it; under that one, "Notes" is a title too, not a label.
 */
function titlesUnderHeadings(blocks: SourceBlock[], sections: Section[]): boolean {
  const bare = sections.filter((s) => s.heading !== null && s.heading.cue.title === null && s.blocks.length > 1);
  const titled = bare.filter((s) => {
    const text = blocks[s.blocks[0]].text;
    return isTitleLike(text) && !labelledField(text) && !isSceneBreak(text);
  });
  return titled.length >= 2 && titled.length >= bare.length - 1;
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
 * A note or disclaimer "run into the story" above the first of several chapters ("Disclaimer: One
 * Piece is Oda's. I only cry over it."), or above a disclaimer: there is no story there to run into, so
 * the paragraph (under 80 words) is all note, and the header goes on under it ("Nota de la autora: …",
 * "Title: …").
 */
function keepNoteWhole(ctx: Context, zone: Zone, sections: Section[]): void {
  // Under a label of its own ("Notas do Autor"), one chapter heading below is enough.
  const labelled = zone.pieces.some((p) => p.part === 'notes' && p.text === '' && p.consumed !== '');
  if (!zone.remainder) return;
  const [index, rest] = zone.remainder;
  // Or a paragraph under it that only says who owns the characters: the header goes on there, as no story's
  // second paragraph is its disclaimer ("Here is my story, as promised. It's a bit sentimental." over "… belongs to CBS").
  const next = sections[0].blocks[sections[0].blocks.indexOf(index) + 1];
  const disclaimerBelow = next !== undefined && wholeDisclaimer(ctx.blocks[next].text, ctx.firstPersonStory);
  if (!disclaimerBelow && sections.filter((s) => s.heading !== null).length < (labelled ? 1 : 2)) return;
  // The last of the paragraph's notes takes the rest ("Disclaimer: … Note: … <rest>" is read as two).
  const notePiece = zone.pieces
    .filter((p) => p.block === index && (p.part === 'notes' || p.part === 'summary' || p.part === 'disclaimer'))
    .at(-1);
  const header = sections[0].blocks;
  if (!notePiece || !header.includes(index)) return;
  if (rest.split(/\s+/).length > 80 || OPENING_QUOTE.test(rest)) return;
  const whole = ctx.blocks[index].text.trim();
  const from = notePiece.text === '' ? -1 : whole.indexOf(notePiece.text);
  notePiece.text = (
    from > 0
      ? whole.slice(from)
      : notePiece.consumed && whole.startsWith(notePiece.consumed)
        ? whole.slice(notePiece.consumed.length)
        : whole
  ).trim();
  notePiece.unsure = true;
  notePiece.reason = notePiece.reason.replace(
    /; the story seems to start in the same paragraph$/,
    '; all of it: no story comes before the first chapter',
  );
  zone.remainder = undefined;
  const below = header.slice(header.indexOf(index) + 1);
  if (below.length === 0) return;
  const more = leadingZone(ctx, below, 'work', 0);
  append(zone.pieces, more.pieces);
  for (const taken of more.taken) zone.taken.add(taken);
  zone.remainder = more.remainder;
  keepNoteWhole(ctx, zone, sections);
}

/** A few of a saved page's lines over a header: its community, its subject line, when it was posted. */
const PAGE_LINES = 6;

/**
 * "Holy Ground: a Highlander community" / "user wrote in hl_holyground" / "March 3rd, 2009" /
 * "FIC: Holy Ground (1/1)" over "Title: …", "Author: …", "Rating: …" and the first of several
 * chapters: a journal's entry saved as a page. The header's fields start the work; the short lines
 * above them are the page's, not a chapter of story. Undefined when the section reads otherwise.
 */
function pageLinesOverHeader(ctx: Context, header: number[], sections: Section[]): Zone | undefined {
  if (sections.filter((s) => s.heading !== null).length < 2) return undefined;
  for (let k = 1; k <= PAGE_LINES && k < header.length; k++) {
    const line = ctx.blocks[header[k - 1]];
    // A line of the page is short and no sentence; a line of story stops the search.
    // Copied without a blank line between them, a poster's name over a subject line ("[personal profile] …" / "Fic: …").
    const lines = line.text.trim().split('\n');
    if (
      line.kind === 'break' ||
      line.stated ||
      lines.length > 3 ||
      !lines.every((text) => isShortLine(text) && !/[.!?…]["”’)]?$/u.test(text.trim()))
    )
      break;
    ctx.titleFound = false;
    const rest = header.slice(k);
    const zone = leadingZone(ctx, rest, 'work', 0);
    keepNoteWhole(ctx, zone, sections);
    const fields = zone.pieces.filter((p) => /[:：]$/u.test(p.consumed)).length;
    if (rest.every((index) => zone.taken.has(index)) && !zone.remainder && fields >= 2) {
      const above = header.slice(0, k).map((index) =>
        piece(index, 'metadata', ctx.blocks[index].text, null, 'a line of the page above the header’s fields', {
          unsure: true,
        }),
      );
      return { ...zone, pieces: [...above, ...zone.pieces], taken: new Set([...header.slice(0, k), ...zone.taken]) };
    }
  }
  return undefined;
}

/** Only the site's lines and what the page states (a thread's poster and post header) above the block at `at`. */
function underSiteLines(blocks: SourceBlock[], section: number[], at: number): boolean {
  return section.slice(0, section.indexOf(at)).every((index) => blocks[index].chrome || blocks[index].stated);
}

/**
 * Assigns every block to a part. `multiFile`: the blocks come from several files given as the
 * chapters of one work, so each file starts a chapter.
 */
export function findParts(blocks: SourceBlock[], { multiFile = false } = {}): Piece[] {
  const pageEnd = pageEndHeadings(blocks);
  const ctx: Context = { blocks, pieces: [], firstPersonStory: storyIsFirstPerson(blocks), titleFound: false, pageEnd };
  const sections = splitSections(blocks, multiFile, pageEnd);
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
    // Or under the writer's notes at the top ("【注意】 ・捏造設定があります" over "夏の終わりの駅で" over "第一話").
    const underNotes =
      left[0] === sections[0].blocks.at(-1) &&
      zone.pieces.length > 0 &&
      zone.pieces.every((p) => p.part === 'notes' || p.part === 'disclaimer') &&
      isTitleLike(blocks[left[0]].text) &&
      !isDedication(blocks[left[0]].text);
    if (
      !zone.remainder &&
      !ctx.titleFound &&
      left.length === 1 &&
      (left[0] === sections[0].blocks[0] || underNotes || underSiteLines(blocks, sections[0].blocks, left[0])) &&
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
      zone.pieces = orderByBlock(zone.pieces);
      zone.taken.add(left[0]);
      ctx.titleFound = true;
    }
    // A few short lines left between a header and the first of several chapters are the work's note.
    const unread = sections[0].blocks.filter((index) => !zone.taken.has(index));
    const own = unread.filter((index) => !blocks[index].chrome);
    if (
      !zone.remainder &&
      zone.pieces.length > 0 &&
      unread.length > 0 &&
      // The site's lines among them (a table of contents set apart) are the site's, and not counted.
      own.length <= 2 &&
      sections.filter((s) => s.heading !== null).length >= 2 &&
      own.every((index) => blocks[index].kind === 'paragraph' && !OPENING_QUOTE.test(blocks[index].text)) &&
      own.reduce((n, index) => n + blocks[index].text.split(/\s+/).length, 0) <= 80
    ) {
      for (const index of unread) {
        if (blocks[index].stated?.part === 'author') {
          zone.pieces.push(statedPiece(index, blocks[index], 0));
          zone.taken.add(index);
          continue;
        }
        if (blocks[index].chrome) {
          zone.pieces.push(piece(index, 'metadata', blocks[index].text, null, siteReason(blocks[index])));
          zone.taken.add(index);
          continue;
        }
        // "THE OWLS ARE NOT" over "by damnfinecoffee", under a note, with no title read: the title and its byline.
        const [titleLine, byline, ...more] = blocks[index].text.split('\n');
        if (
          !ctx.titleFound &&
          more.length === 0 &&
          byline !== undefined &&
          isTitleLike(titleLine) &&
          isPenNameByline(byline)
        ) {
          zone.pieces.push(piece(index, 'title', titleOf(titleLine), null, 'a title with its byline on the next line'));
          zone.pieces.push(bylinePiece(index, byline, 'a byline'));
          zone.taken.add(index);
          ctx.titleFound = true;
          continue;
        }
        // "by ted_glen" under the writer's note under the title: the byline, as a note app keeps the header.
        if (!zone.pieces.some((p) => p.field === 'author') && isPenNameByline(blocks[index].text)) {
          zone.pieces.push(bylinePiece(index, blocks[index].text, 'a byline'));
          zone.taken.add(index);
          continue;
        }
        // Under a label of its own ("Notes:") it is what the label says.
        const label = zone.pieces.find(
          (p) =>
            p.block === index - 1 && p.text === '' && p.consumed !== '' && (p.part === 'notes' || p.part === 'summary'),
        );
        // "Author's note: Set around episode 9.": its own label says what it is.
        const own = labelledField(blocks[index].text.trim());
        if (!label && own && own.value !== '' && (own.field === 'notes' || own.field === 'summary')) {
          // "Author's note: … Alice in Wonderland is by Lewis Carroll.": the note's closing disclaimer is the work's.
          const split = own.field === 'notes' ? noteThenDisclaimer(own.value, true) : undefined;
          zone.pieces.push(
            piece(
              index,
              own.field,
              split?.[0] ?? own.value,
              null,
              `the label “${own.label}”, between the header and the first chapter`,
              {
                consumed: own.label,
                field: own.field,
              },
            ),
          );
          if (split)
            zone.pieces.push(
              piece(index, 'disclaimer', split[1], null, 'a disclaimer at the end of the author’s note', {
                unsure: true,
              }),
            );
          zone.taken.add(index);
          continue;
        }
        // Unless it speaks as the author, a line of prose under the title is what the story is about.
        // "※ 본편 완결 이후 시점": the reference mark Korean and Japanese writers open a notice to readers with.
        const speaks =
          /^※/u.test(blocks[index].text.trim()) ||
          splitSentences(blocks[index].text).some((s) => judgeSentence(s, ctx.firstPersonStory).score > 0);
        // "Dungeon Meshi belongs to Ryoko Kui." in a paragraph of its own: the disclaimer, not a note.
        const owns = !label && wholeDisclaimer(blocks[index].text, ctx.firstPersonStory);
        zone.pieces.push(
          piece(
            index,
            label?.part ?? (owns ? 'disclaimer' : speaks ? 'notes' : 'summary'),
            blocks[index].text,
            null,
            label ? `under the label “${label.consumed}”` : 'between the header and the first chapter',
            {
              unsure: !label,
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
    // A journal's page over the header's fields: the header read from the fields down.
    const read =
      zone.taken.size === sections[0].blocks.length && !zone.remainder
        ? zone
        : pageLinesOverHeader(ctx, sections[0].blocks, sections);
    if (read) {
      append(pieces, read.pieces);
      start = 1;
    } else ctx.titleFound = false;
  }
  const chapterSections = sections.slice(start);
  const single = chapterSections.length === 1;
  const titlesUnder = titlesUnderHeadings(blocks, chapterSections);
  for (const section of chapterSections) {
    const scope: Scope = single || (chapter === 0 && start === 0 && section.heading === null) ? 'work' : 'chapter';
    let body = section.blocks;
    let headingPiece: Piece | undefined;
    if (section.heading) {
      const { block, cue } = section.heading;
      // A prologue's title is "Prologue" (or "Prologue: The Crash").
      const named = namesChapter(cue);
      // "Chapter 1: Dry by greenstocking", as eFiction archives head chapters: the byline is not the title.
      const own =
        cue.title && !ONLY_CHAPTER.test(cue.title.trim()) ? (titleWithByline(cue.title)?.title ?? cue.title) : null;
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
            ? stated(blocks[block].text, title)
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
        !blocks[next].chrome &&
        // "Epilogue" over "Epilogue" is the heading said again, not its title.
        blocks[next].text.trim() !== blocks[block].text.trim() &&
        !STORY_LANDMARK.test(blocks[next].text.trim()) &&
        isTitleLike(blocks[next].text) &&
        (!labelledField(blocks[next].text) || (titlesUnder && isBareLabel(blocks[next].text))) &&
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
    // A one-shot's note run into what reads as story, a disclaimer under it: the note whole (no heading counted).
    if (single && scope === 'work') keepNoteWhole(ctx, leading, [{ ...section, heading: null, blocks: body }]);
    if (scope === 'work' && chapter === 0) aboveTheStory(ctx, leading, body);
    append(pieces, leading.pieces);
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
    if (endNote.length === 0) belowTheStory(ctx, trailing, rest, scope, chapter);
    append(trailing.pieces, endNote);
    rest = rest.filter((index) => !trailing.taken.has(index));
    for (const index of rest) {
      const block = blocks[index];
      if (isSeparatorBlock(block))
        middle.push(piece(index, 'break', '', chapter, 'a scene break', { consumed: breakWords(block.text) }));
      else if (block.chrome) middle.push(piece(index, 'metadata', block.text, null, siteReason(block)));
      // What the file leaves out of what it shows (an Obsidian comment): left out here too, kept as read.
      else if (block.stated?.part === 'metadata') middle.push(statedPiece(index, block, chapter));
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
    // Under a first chapter with no heading, with more chapters to come, the notes below its story are that
    // chapter's ("Part 2 tomorrow!"), not the work's.
    const storyWords = middle.reduce((n, p) => n + (p.part === 'text' ? p.text.split(/\s+/).length : 0), 0);
    if (scope === 'work' && !single && storyWords >= 100)
      for (const p of trailing.pieces)
        if (p.part === 'end-notes') Object.assign(p, { part: 'chapter-end-notes', chapter });
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
      append(pieces, middle, trailing.pieces);
      continue;
    }
    // "END", then "Afterword" over the writer's last words (a Scrivener compile, a manuscript): the
    // story is over, so the section is the work's end notes, not a last chapter.
    if (
      chapter > 0 &&
      section === chapterSections.at(-1) &&
      headingPiece !== undefined &&
      (labelledField(blocks[headingPiece.block].text)?.field === 'end-notes' ||
        // "after", as a tree outliner's last node, under chapters that count up ("1 Strelsau", "2 The Englishman").
        (/^after$/iu.test(blocks[headingPiece.block].text.trim()) && chaptersNamedAbove(blocks, chapterSections))) &&
      (afterStoryEnd(blocks, headingPiece.block) || chaptersNamedAbove(blocks, chapterSections)) &&
      middle.every((p) => p.part !== 'text' || p.text.split(/\s+/).length <= 150) &&
      (writersWords(ctx, middle) || notesOnly.some((p) => /notes$/.test(p.part) && p.text !== ''))
    ) {
      Object.assign(headingPiece, { part: 'metadata', chapter: null, reason: 'a heading over the work’s end notes' });
      for (const p of [...notesOnly, ...middle])
        if (p.part === 'text' || /notes$/.test(p.part))
          Object.assign(p, {
            part: 'end-notes',
            chapter: null,
            reason: 'under the heading after the end of the story',
          });
      append(pieces, middle, trailing.pieces);
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
      append(pieces, middle, trailing.pieces);
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
      append(pieces, orderByBlock(all));
    } else {
      append(pieces, middle, trailing.pieces);
    }
    chapter++;
  }
  dedupeDisclaimers(pieces);
  carryFormatting(blocks, pieces);
  markDoubts(pieces, ctx.firstPersonStory);
  return pieces;
}

/** The block above a heading (blank ones aside) is the story's end marker: "END", "THE END", "FIN". */
/**
 * Some of the section reads as the writer's ("Feedback welcome at the usual place."): the
 * narrator's own afterword to a story told within the story is the story's last chapter.
 */
function writersWords(ctx: Context, section: Piece[]): boolean {
  const texts = section.filter((p) => p.part === 'text').map((p) => p.text);
  return (
    texts.length === 0 ||
    texts.some(
      (text) =>
        strengthIn(ctx, text) > 0 ||
        splitSentences(text).some((s) => judgeSentence(s, ctx.firstPersonStory).score >= 1),
    )
  );
}

/**
 * Every chapter's heading above the last says it heads a chapter ("Chapter Two: Paper"), two of them
 * or more: a last heading that labels end notes ("Afterword", "After") heads the writer's words, not a chapter.
 */
function chaptersNamedAbove(blocks: SourceBlock[], sections: Section[]): boolean {
  const above = sections.slice(0, -1).filter((s) => s.heading !== null);
  return (
    above.length >= 2 &&
    above.every(
      (s) => chapterHeading(blocks[s.heading!.block].text.trim()) !== undefined || numberedOff(blocks, s.heading!),
    )
  );
}

/** A heading whose number was taken off its title ("1. Opening", "2 The Englishman": the chapters counted up). */
function numberedOff(blocks: SourceBlock[], heading: NonNullable<Section['heading']>): boolean {
  const text = blocks[heading.block].text.trim();
  const title = heading.cue.title?.trim();
  return (
    heading.cue.marker === '' &&
    !!title &&
    title !== text &&
    text.endsWith(title) &&
    /^(?:\d{1,3}|[IVXLC]{1,7})\b/u.test(text)
  );
}

function afterStoryEnd(blocks: SourceBlock[], heading: number): boolean {
  for (let i = heading - 1; i >= 0 && blocks[i].file === blocks[heading].file; i--) {
    const text = blocks[i].text.trim();
    if (text !== '') return isEndMarker(text);
  }
  return false;
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
