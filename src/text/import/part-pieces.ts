/**
 * The pieces findParts gives (a block or part of one, with its part and the reason), the context
 * the zone readers share, and the small helpers that make pieces.
 */
import type { SourceBlock } from './blocks.ts';
import {
  firstPersonRate,
  isByline,
  bylineName,
  isDisclaimer,
  isSceneBreak,
  labelledField,
  noteStrength,
  titleThenKindByline,
  type FieldName,
  type LabelledField,
} from './cues.ts';
import { OPENING_QUOTE, splitSentences } from './sentences.ts';
import { judgeSentence } from './note-sentences.ts';
import { endsInTypedOnMessage } from './run-on-notes.ts';

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

export type Scope = 'work' | 'chapter';

export interface Context {
  blocks: SourceBlock[];
  pieces: Piece[];
  /** The story is told in the first person: first-person talk then says nothing about notes. */
  firstPersonStory: boolean;
  titleFound: boolean;
  /** Headings of a one-page site's sections after the story ("dni / byf"): what they head is the writer's end notes. */
  pageEnd?: Set<number>;
}

const AUTHOR_VOICE = 0.04;

export function piece(
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
export function bylinePiece(block: number, text: string, reason: string): Piece {
  const { label, name } = bylineName(text);
  return piece(block, 'metadata', name, null, reason, { field: 'author', consumed: label });
}

/** "The Keeper’s Lamp - a Lighthouse fanfic by lamp_oil" on one line: its title and its byline, as two pieces. */
export function titleAndKindByline(block: number, text: string): [Piece, Piece] | undefined {
  const described = titleThenKindByline(text);
  if (!described) return undefined;
  return [
    piece(block, 'title', described.title, null, 'a title, then what the story is and its byline'),
    bylinePiece(block, described.byline, 'a byline'),
  ];
}

/** The work-level or chapter-level name of a part found at the start or end of a section. */
export function notesPart(scope: Scope, end: boolean): PartName {
  if (scope === 'work') return end ? 'end-notes' : 'notes';
  return end ? 'chapter-end-notes' : 'chapter-notes';
}

/** How strongly a text reads as a note; in a story told in the first person, "I … this story" alone is not enough. */
export function strengthIn(ctx: Context, text: string): 0 | 1 | 2 {
  // Story ending in a character's message in lower case ("… thank you for reading it. i wrote it for you.").
  if (spokenByACharacter(ctx, text) || endsInTypedOnMessage(ctx, text)) return 0;
  const strength = noteStrength(text);
  if (strength === 0 && readsAsNote(ctx, text)) return 1;
  return ctx.firstPersonStory && strength === 1 ? 0 : strength;
}

/** "I hope you enjoy the view, the guide said.": every sentence a character's, quoted or told. */
function spokenByACharacter(ctx: Context, text: string): boolean {
  const sentences = splitSentences(text.trim());
  return sentences.length > 0 && sentences.every((s) => judgeSentence(s, ctx.firstPersonStory).score < 0);
}

/**
 * A short paragraph at least half of whose sentences clearly read as the author's (thanks, a
 * site, a disclaimer, asking for comments), in any language the sentence judge knows ("¡Gracias por leer! Firmá mi libro de visitas si te gustó."); a line of dialogue,
 * quoted or dashed, is a character's.
 */
function readsAsNote(ctx: Context, text: string): boolean {
  const trimmed = text.trim();
  // A disclaimer, and a note ending in one, are read by the disclaimer's own rules.
  if (trimmed.length > 400 || OPENING_QUOTE.test(trimmed) || /^[—–―-]/u.test(trimmed) || isDisclaimer(trimmed))
    return false;
  const sentences = splitSentences(trimmed);
  const strong = sentences.filter((s) => judgeSentence(s, ctx.firstPersonStory).score >= 2).length;
  return sentences.length > 0 && strong / sentences.length >= 0.5;
}

export function isAuthorVoice(ctx: Context, text: string): boolean {
  return !ctx.firstPersonStory && !OPENING_QUOTE.test(text) && firstPersonRate(text) >= AUTHOR_VOICE;
}

export function isSeparatorBlock(block: SourceBlock): boolean {
  return block.kind === 'break' || isSceneBreak(block.text);
}

/** A field's value that should be kept whole: a spoiler line is part of the summary, label and all. */
export function fieldPart(
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

export interface Zone {
  pieces: Piece[];
  /** Blocks the zone took whole. */
  taken: Set<number>;
  /** Story text split off a block the zone took part of: [block, text]. */
  remainder?: [number, string];
}

/** "Work Text:", "Chapter Text" (and AO3's own words for them in other languages). */
export const SITE_CHROME = 'the site’s menus, buttons or counts, copied with the story';

/** Why a block the site showed (see chrome.ts and forum.ts) is not the story. */
export function siteReason(block: SourceBlock): string {
  if (block.aside === 'reply') return 'a reader’s reply in the thread, not the writer’s';
  if (block.aside === 'signature') return 'the sender’s signature and what the list added under it';
  if (block.aside === 'contents') return 'the table of contents: these chapters’ headings are further down';
  if (block.aside === 'links') return 'links to chapters (other posts, the next chapter), not a chapter’s heading';
  if (block.aside === 'post') return 'a post’s header: who posted it and when';
  if (block.aside === 'threadmark')
    return 'the chapter’s heading again: the site’s threadmark over the post, and the post’s own';
  if (block.aside === 'mail') return 'the mail’s headers: who sent it, to whom and when';
  if (block.aside === 'comments') return 'the page’s comments, buttons and links under the story';
  if (block.aside === 'box') return 'the chapter box of a Fimfiction download, repeating the story and its author';
  return SITE_CHROME;
}

/** "[Disclaimer: … everyone.]", "**A/N: …**": what the label opened closes after the value, and is left out of it. */
export function closedValue(field: LabelledField): { closing: string | undefined; value: string } {
  const opener = /^\s*(\*{1,3}|_{1,2}|~{1,3}|\(|\[)/.exec(field.label)?.[1];
  const closing = opener === '(' ? ')' : opener === '[' ? ']' : opener;
  const value =
    closing && field.value.endsWith(closing) && !field.value.slice(0, -closing.length).includes(closing)
      ? field.value.slice(0, -closing.length).trim()
      : field.value;
  return { closing, value };
}

export function statedPiece(index: number, block: SourceBlock, chapter: number): Piece {
  const stated = block.stated!;
  const why = ('why' in stated && stated.why) || 'marked so in the file';
  switch (stated.part) {
    case 'title':
      return piece(index, 'title', block.text, null, why);
    case 'summary': {
      // "Description" over the blurb, the label on a line of its own in the box the page marks.
      const label = labelledField(block.text);
      return label?.field === 'summary' && label.value !== ''
        ? piece(index, 'summary', label.value, null, why, { consumed: label.label })
        : piece(index, 'summary', block.text, null, why, { html: block.html });
    }
    case 'notes':
      return piece(index, 'notes', block.text, null, why, { html: block.html });
    case 'end-notes':
      return piece(index, 'end-notes', block.text, null, why, { html: block.html });
    case 'chapter-notes':
    case 'chapter-summary': {
      // "Примечания: Спасибо всем…": a note the site marks, under its own label.
      const label = labelledField(block.text);
      return label?.field === 'notes' && label.value !== ''
        ? piece(index, 'chapter-notes', label.value, chapter, why, { consumed: label.label })
        : piece(index, 'chapter-notes', block.text, chapter, why, { html: block.html });
    }
    case 'chapter-end-notes':
      return piece(index, 'chapter-end-notes', block.text, chapter, why, { html: block.html });
    case 'author':
      return piece(index, 'metadata', block.text, null, stated.why, { field: 'author' });
    case 'metadata':
      return isByline(block.text)
        ? bylinePiece(index, block.text, why)
        : piece(index, 'metadata', block.text, null, why);
    default:
      return piece(index, 'text', block.text, chapter, why, { html: block.html });
  }
}

export function orderByBlock(pieces: Piece[]): Piece[] {
  return pieces
    .map((p, i) => [p, i] as const)
    .sort((a, b) => a[0].block - b[0].block || a[1] - b[1])
    .map(([p]) => p);
}
