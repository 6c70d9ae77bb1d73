/**
 * A writer's corrections to an import preview: a piece moved to another part (a note that is
 * really story text, story text that is really a note …), a chapter renamed, the title edited.
 * Pure: takes a preview and gives a new one, which `buildWork` turns into the corrected work.
 * Also groups the pieces the way the preview page shows them.
 */
import type { PartName } from './parts.ts';
import { cleanedTitle } from './work-title.ts';
import { TAG_FIELDS } from './tags.ts';
import type { ImportPreview } from './work.ts';

/** A preview piece; `importedAs` remembers the import's own guess once the writer moved it. */
export type PreviewPiece = ImportPreview['pieces'][number] & { importedAs?: PartName };

export interface CorrectablePreview extends ImportPreview {
  pieces: PreviewPiece[];
}

/** The parts a piece with words may be given, in the order the preview offers them, with their names. */
export const PART_LABELS: Record<PartName, string> = {
  title: 'Work title',
  summary: 'Summary',
  disclaimer: 'Disclaimer',
  notes: 'Beginning notes of the work',
  'chapter-title': 'Chapter title',
  'chapter-notes': 'Chapter beginning notes',
  text: 'Story text',
  'chapter-end-notes': 'Chapter end notes',
  'end-notes': 'End notes of the work',
  metadata: 'A tag (rating, fandom …)',
  'duplicate-disclaimer': 'Left out: a repeated disclaimer',
  break: 'Scene break',
  separator: 'Separator line',
};

const MOVABLE: PartName[] = [
  'title',
  'summary',
  'disclaimer',
  'notes',
  'chapter-title',
  'chapter-notes',
  'text',
  'chapter-end-notes',
  'end-notes',
];
const CHAPTER_PARTS = new Set<PartName>(['chapter-title', 'chapter-notes', 'text', 'chapter-end-notes', 'break']);

/** Whether the writer can move the piece: it holds words (breaks, separators and bare labels do not). */
export function isMovable(piece: PreviewPiece): boolean {
  return piece.text.trim() !== '' && piece.part !== 'break' && piece.part !== 'separator';
}

/** The parts a piece may be moved to: every part that holds words, and the special part it came in as. */
export function partChoices(piece: PreviewPiece): PartName[] {
  const original = piece.importedAs ?? piece.part;
  const extra: PartName[] = [];
  // A stated tag may stay a tag, a line only read (a site's menus) may stay left out; so may a repeated disclaimer.
  if (original === 'metadata') extra.push('metadata');
  if (original === 'duplicate-disclaimer') extra.push('duplicate-disclaimer');
  return [...MOVABLE, ...extra];
}

/** How the preview names a part for this piece: a line only read (an author's name, a site's menu) is "left out", not "a tag". */
export function partLabel(piece: PreviewPiece, part: PartName): string {
  return part === 'metadata' && !(piece.field && TAG_FIELDS.has(piece.field))
    ? 'Left out: only read from the file'
    : PART_LABELS[part];
}

export interface Corrections {
  /** Piece index → the part the writer chose for it. */
  parts: Map<number, PartName>;
  /** The work's title as the writer typed it; undefined leaves it alone. */
  title?: string;
  /** Chapter index → its title as the writer typed it. */
  chapterTitles: Map<number, string>;
}

export class CorrectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorrectionError';
  }
}

function chapterCount(pieces: PreviewPiece[]): number {
  // Not Math.max(...every piece): a file of 150,000 paragraphs would overflow the stack.
  return pieces.reduce((count, p) => Math.max(count, (p.chapter ?? -1) + 1), 1);
}

/** The chapter a work-level piece joins when it becomes chapter text or notes: the chapter it stands before, or else after. */
function nearestChapter(pieces: PreviewPiece[], index: number): number {
  for (let i = index + 1; i < pieces.length; i++) if (pieces[i].chapter !== null) return pieces[i].chapter!;
  for (let i = index - 1; i >= 0; i--) if (pieces[i].chapter !== null) return pieces[i].chapter!;
  return 0;
}

/** The title made of these pieces, as `buildWork` joins it. */
function joinedTitle(pieces: PreviewPiece[]): string {
  return pieces
    .map((p) => p.text.trim())
    .filter(Boolean)
    .join(pieces[0]?.part === 'title' ? ' ' : ': ');
}

/** The work's title as the preview offers it, as `buildWork` gives it (without a status tag, a part count …). */
export function workTitle(preview: CorrectablePreview): string {
  const title = joinedTitle(preview.pieces.filter((p) => p.part === 'title'));
  return cleanedTitle(title === '' ? null : title, preview.pieces) ?? '';
}

const tidy = (title: string) => title.replace(/\s+/g, ' ').trim();

/** The pieces holding the work's title (key null) and each chapter's title, in one pass. */
function titleHolders(pieces: PreviewPiece[]): Map<number | null, PreviewPiece[]> {
  const holders = new Map<number | null, PreviewPiece[]>();
  for (const piece of pieces) {
    const key = piece.part === 'title' ? null : piece.part === 'chapter-title' ? piece.chapter : undefined;
    if (key === undefined) continue;
    const list = holders.get(key);
    if (list) list.push(piece);
    else holders.set(key, [piece]);
  }
  return holders;
}

/**
 * Gives the title to the first piece that holds it (the others' words make way for the writer's
 * title), or adds a piece for it where there was none.
 */
function retitle(
  pieces: PreviewPiece[],
  holders: PreviewPiece[],
  part: 'title' | 'chapter-title',
  chapter: number | null,
  title: string,
): void {
  const [first, ...rest] = holders
    .filter((p) => p.text.trim() !== '')
    .concat(holders.filter((p) => p.text.trim() === ''));
  if (first) {
    first.text = title;
    delete first.html;
    first.reason = 'the title you gave';
    first.unsure = false;
    for (const other of rest) if (other.text !== '') other.text = '';
    return;
  }
  if (title === '') return;
  const at =
    chapter === null
      ? 0
      : Math.max(
          0,
          pieces.findIndex((p) => p.chapter === chapter),
        );
  const block = pieces[at]?.block ?? 0;
  const file = pieces[at]?.file ?? 0;
  pieces.splice(at, 0, {
    part,
    text: title,
    chapter,
    consumed: '',
    reason: 'the title you gave',
    block,
    file,
    importedAs: part,
  });
}

/**
 * Applies the writer's corrections. Moves come first; a title typed differently from the one the
 * preview showed then replaces it (a title whose piece was moved away is not brought back).
 */
export function correctPreview(preview: CorrectablePreview, corrections: Corrections): CorrectablePreview {
  const pieces = preview.pieces.map((p) => ({ ...p }));
  const shown = titleHolders(preview.pieces);
  const shownTitle = (key: number | null) => joinedTitle(shown.get(key) ?? []);

  for (const [index, part] of corrections.parts) {
    const piece = pieces[index];
    if (!piece) throw new CorrectionError('The preview has changed since this page was opened; look at it again.');
    if (piece.part === part) continue;
    if (!isMovable(piece) || !partChoices(piece).includes(part))
      throw new CorrectionError(`“${PART_LABELS[part] ?? part}” is not a part this piece can be moved to.`);
    piece.importedAs ??= piece.part;
    if (CHAPTER_PARTS.has(part)) piece.chapter = piece.chapter ?? nearestChapter(pieces, index);
    else piece.chapter = null;
    piece.part = part;
  }

  const count = chapterCount(pieces);
  const holders = titleHolders(pieces);
  if (corrections.title !== undefined && tidy(corrections.title) !== shownTitle(null))
    retitle(pieces, holders.get(null) ?? [], 'title', null, tidy(corrections.title));
  for (const [chapter, title] of corrections.chapterTitles) {
    if (chapter < 0 || chapter >= count || !Number.isInteger(chapter))
      throw new CorrectionError('The preview has changed since this page was opened; look at it again.');
    if (tidy(title) !== shownTitle(chapter))
      retitle(pieces, holders.get(chapter) ?? [], 'chapter-title', chapter, tidy(title));
  }
  return { ...preview, pieces };
}

/** A piece with its index in the preview, which the form names it by. */
export interface IndexedPiece {
  index: number;
  piece: PreviewPiece;
}

export interface PreviewChapter {
  index: number;
  title: string;
  /** Heading pieces: the chapter title's words and the markers read ("Chapter 2"). */
  heading: IndexedPiece[];
  notes: IndexedPiece[];
  /** Story text and scene breaks. */
  text: IndexedPiece[];
  endNotes: IndexedPiece[];
}

/** The preview in the order a reader meets the work; every piece is in exactly one group. */
export interface PreviewGroups {
  title: IndexedPiece[];
  summary: IndexedPiece[];
  disclaimer: IndexedPiece[];
  notes: IndexedPiece[];
  chapters: PreviewChapter[];
  endNotes: IndexedPiece[];
  /** Stated tags, separators, labels read without words of their own, repeated disclaimers. */
  other: IndexedPiece[];
}

export function groupPreview(preview: CorrectablePreview): PreviewGroups {
  const groups: PreviewGroups = {
    title: [],
    summary: [],
    disclaimer: [],
    notes: [],
    chapters: [],
    endNotes: [],
    other: [],
  };
  const count = chapterCount(preview.pieces);
  for (let index = 0; index < count; index++)
    groups.chapters.push({ index, title: '', heading: [], notes: [], text: [], endNotes: [] });
  preview.pieces.forEach((piece, index) => {
    const entry = { index, piece };
    const chapter = piece.chapter === null ? undefined : groups.chapters[piece.chapter];
    const hasWords = piece.text.trim() !== '';
    switch (piece.part) {
      case 'title':
      case 'summary':
      case 'disclaimer':
      case 'notes':
        (hasWords ? groups[piece.part] : groups.other).push(entry);
        return;
      case 'end-notes':
        (hasWords ? groups.endNotes : groups.other).push(entry);
        return;
      case 'chapter-title':
        (chapter ? chapter.heading : groups.other).push(entry);
        return;
      case 'chapter-notes':
        (chapter && hasWords ? chapter.notes : groups.other).push(entry);
        return;
      case 'chapter-end-notes':
        (chapter && hasWords ? chapter.endNotes : groups.other).push(entry);
        return;
      case 'text':
      case 'break':
        (chapter ? chapter.text : groups.other).push(entry);
        return;
      default:
        groups.other.push(entry);
    }
  });
  for (const chapter of groups.chapters) chapter.title = joinedTitle(chapter.heading.map((e) => e.piece));
  return groups;
}
