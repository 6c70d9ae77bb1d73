/**
 * The writer's edits to an import preview beyond moving whole pieces: split a paragraph (piece)
 * at a sentence, join a paragraph with the next one, and move one sentence between the notes and
 * the story. Pure: takes a preview and gives a new one. Every edit keeps every word of the text,
 * in the same order; only the whitespace where a paragraph is cut or joined changes.
 */
import {
  correctPreview,
  CorrectionError,
  isMovable,
  type CorrectablePreview,
  type PreviewPiece,
} from './corrections.ts';
import type { PartName } from './parts.ts';
import { splitSentences } from './sentences.ts';
import { cutHtml, joinHtml } from './html-cut.ts';

export type PreviewEdit =
  /** Cut piece `piece` before its sentence `sentence` (0-based; never the first). */
  | { kind: 'split'; piece: number; sentence: number }
  /** Join piece `piece` with the piece right after it (same part, same chapter). */
  | { kind: 'join'; piece: number }
  /** Take sentence `sentence` out of piece `piece` and put it in the notes (from the story) or the story (from notes). */
  | { kind: 'move'; piece: number; sentence: number };

/** An edit that does not fit the preview (an index past the end, a piece that cannot be edited so). */
export class PreviewEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewEditError';
  }
}

export const STALE_EDIT = 'The preview has changed since this page was opened; look at it again and repeat the change.';

/** The parts whose pieces may be split and joined: those holding words the writer reads as paragraphs. */
const EDITABLE = new Set<PartName>([
  'title',
  'summary',
  'disclaimer',
  'notes',
  'chapter-title',
  'chapter-notes',
  'text',
  'chapter-end-notes',
  'end-notes',
]);
const NOTES = new Set<PartName>(['notes', 'chapter-notes', 'chapter-end-notes', 'end-notes']);

/** Where each sentence of a piece's text starts (UTF-16 offsets, as a browser counts); the first is 0. */
export function sentenceStarts(text: string): number[] {
  const starts: number[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(text)) {
    const at = text.indexOf(sentence, cursor);
    if (at < 0) break;
    starts.push(starts.length === 0 ? 0 : at);
    cursor = at + sentence.length;
  }
  return starts.length === 0 ? [0] : starts;
}

/** The sentences of a piece's text, as the preview numbers them. */
export function pieceSentences(text: string): string[] {
  const starts = sentenceStarts(text);
  return starts.map((start, n) => text.slice(start, starts[n + 1] ?? text.length).trim());
}

/** Whether the writer may split, join or move sentences of this piece. */
export function isEditable(piece: PreviewPiece): boolean {
  return isMovable(piece) && EDITABLE.has(piece.part);
}

/** Whether piece `index` can be joined with the piece right after it. */
export function joinsNext(pieces: PreviewPiece[], index: number): boolean {
  const piece = pieces[index];
  const next = pieces[index + 1];
  return (
    piece !== undefined &&
    next !== undefined &&
    isEditable(piece) &&
    isEditable(next) &&
    piece.part === next.part &&
    piece.chapter === next.chapter
  );
}

/** Where a sentence moved out of the piece goes: 'notes' from the story, 'story' from notes, or nowhere. */
export function moveDirection(piece: PreviewPiece): 'notes' | 'story' | null {
  if (!isEditable(piece)) return null;
  if (piece.part === 'text') return 'notes';
  return NOTES.has(piece.part) ? 'story' : null;
}

/** The result of an edit: the new preview, the piece to show the writer, and what was done. */
export interface EditResult {
  preview: CorrectablePreview;
  focus: number;
  message: string;
}

const NOTE_NAMES: Partial<Record<PartName, string>> = {
  notes: 'the beginning notes of the work',
  'chapter-notes': 'the chapter’s beginning notes',
  'chapter-end-notes': 'the chapter’s end notes',
  'end-notes': 'the end notes of the work',
};

function editablePiece(preview: CorrectablePreview, index: number): PreviewPiece {
  if (!Number.isSafeInteger(index) || index < 0 || index >= preview.pieces.length)
    throw new PreviewEditError(STALE_EDIT);
  const piece = preview.pieces[index];
  if (!isEditable(piece))
    throw new PreviewEditError('That piece has no paragraph to split, join or move: choose a paragraph of text.');
  return piece;
}

function sentenceIndex(starts: number[], sentence: number): number {
  if (!Number.isSafeInteger(sentence) || sentence < 0 || sentence >= starts.length)
    throw new PreviewEditError(
      `That paragraph has ${starts.length === 1 ? 'one sentence' : `${starts.length} sentences`}; there is no sentence ${sentence + 1} in it.`,
    );
  return sentence;
}

/**
 * The piece's text cut at these offsets, each part a piece of its own with the piece's part and
 * reason, and its share of the piece's HTML (formatting open at a cut goes on both sides).
 * `formatting` is false when the HTML could not be cut with the text (then the parts are plain).
 */
function cut(piece: PreviewPiece, offsets: number[]): { parts: PreviewPiece[]; formatting: boolean } {
  if (offsets.length === 0) return { parts: [{ ...piece }], formatting: true };
  const html = piece.html === undefined ? undefined : cutHtml(piece.html, piece.text, offsets);
  const bounds = [0, ...offsets, piece.text.length];
  const parts: PreviewPiece[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const text = piece.text.slice(bounds[i], bounds[i + 1]);
    const { html: _html, ...rest } = piece;
    parts.push({
      ...rest,
      text: i + 1 < bounds.length - 1 ? text.trimEnd() : text,
      consumed: i === 0 ? piece.consumed : '',
      ...(html ? { html: html[i] } : {}),
    });
  }
  return { parts, formatting: piece.html === undefined || html !== undefined };
}

/** Said when a cut paragraph's formatting (italics, bold …) could not be carried over. */
function formattingLost(piece: PreviewPiece, formatting: boolean): string {
  return !formatting && piece.html !== undefined && /<(?!\/?(?:p|br)\b)[a-z]/i.test(piece.html)
    ? ' Its words are all kept, but not its formatting (italics, bold): add that again after posting if you need it.'
    : '';
}

function split(preview: CorrectablePreview, index: number, sentence: number): EditResult {
  const piece = editablePiece(preview, index);
  const starts = sentenceStarts(piece.text);
  if (starts.length === 1)
    throw new PreviewEditError('That paragraph has only one sentence, so there is nowhere to split it.');
  const n = sentenceIndex(starts, sentence);
  if (n === 0)
    throw new PreviewEditError(
      'A paragraph cannot be split before its first sentence: choose the sentence the new paragraph starts with.',
    );
  const pieces = [...preview.pieces];
  const { parts, formatting } = cut(piece, [starts[n]]);
  pieces.splice(index, 1, ...parts);
  return {
    preview: { ...preview, pieces },
    focus: index + 1,
    message: `The paragraph is split in two.${formattingLost(piece, formatting)}`,
  };
}

function join(preview: CorrectablePreview, index: number): EditResult {
  editablePiece(preview, index);
  if (!joinsNext(preview.pieces, index))
    throw new PreviewEditError(
      'Only a paragraph followed by another paragraph of the same part can be joined with the next one.',
    );
  const [first, second] = [preview.pieces[index], preview.pieces[index + 1]];
  const reason = first.reason === second.reason ? first.reason : `${first.reason}; and ${second.reason}`;
  const { html: _html, ...rest } = first;
  const joined: PreviewPiece = {
    ...rest,
    ...(first.html !== undefined || second.html !== undefined ? { html: joinHtml(first, second) } : {}),
    text: `${first.text.trimEnd()} ${second.text.trimStart()}`,
    consumed: first.consumed || second.consumed,
    reason,
    unsure: first.unsure || second.unsure,
    importedAs: first.importedAs ?? second.importedAs,
  };
  if (joined.importedAs === undefined) delete joined.importedAs;
  if (joined.unsure === undefined) delete joined.unsure;
  const pieces = [...preview.pieces];
  pieces.splice(index, 2, joined);
  return {
    preview: { ...preview, pieces },
    focus: index,
    message: 'The two paragraphs are joined.',
  };
}

/** The notes a sentence moved out of the story goes to: those before the story near its start, after it near its end. */
function notesFor(preview: CorrectablePreview, index: number, sentence: number, count: number): PartName {
  const piece = preview.pieces[index];
  const chapter = piece.chapter ?? 0;
  const story = preview.pieces.flatMap((p, i) => (p.part === 'text' && p.chapter === piece.chapter ? [i] : []));
  const rank = Math.max(0, story.indexOf(index));
  const position = (rank + (sentence + 0.5) / count) / Math.max(1, story.length);
  const last = preview.pieces.reduce((most, p) => Math.max(most, p.chapter ?? 0), 0);
  if (position < 0.5) return chapter === 0 ? 'notes' : 'chapter-notes';
  return chapter === last ? 'end-notes' : 'chapter-end-notes';
}

function move(preview: CorrectablePreview, index: number, sentence: number): EditResult {
  const piece = editablePiece(preview, index);
  const direction = moveDirection(piece);
  if (direction === null)
    throw new PreviewEditError('Only a sentence of the story or of the notes can be moved between the two.');
  const starts = sentenceStarts(piece.text);
  const n = sentenceIndex(starts, sentence);
  const target = direction === 'story' ? 'text' : notesFor(preview, index, n, starts.length);
  const offsets = [starts[n], starts[n + 1]].filter((o): o is number => o !== undefined && o > 0);
  const pieces = [...preview.pieces];
  const { parts, formatting } = cut(piece, offsets);
  pieces.splice(index, 1, ...parts);
  const at = index + (n > 0 ? 1 : 0);
  let moved: CorrectablePreview;
  try {
    moved = correctPreview({ ...preview, pieces }, { parts: new Map([[at, target]]), chapterTitles: new Map() });
  } catch (error) {
    if (error instanceof CorrectionError) throw new PreviewEditError(error.message);
    throw error;
  }
  const where = direction === 'story' ? 'the story text' : NOTE_NAMES[target]!;
  const lost = formattingLost(piece, formatting);
  return { preview: moved, focus: at, message: `The sentence is moved to ${where}.${lost}` };
}

/** Applies one edit; throws PreviewEditError when it does not fit the preview. */
export function applyPreviewEdit(preview: CorrectablePreview, edit: PreviewEdit): EditResult {
  switch (edit.kind) {
    case 'split':
      return split(preview, edit.piece, edit.sentence);
    case 'join':
      return join(preview, edit.piece);
    case 'move':
      return move(preview, edit.piece, edit.sentence);
  }
}

/**
 * An edit as a form sends it: `split:PIECE:SENTENCE`, `join:PIECE` or `move:PIECE:SENTENCE`
 * (1-based sentence numbers, as the page shows them). The sentence may also come from a field of
 * its own (the menu of sentences the page has without JavaScript).
 */
export function parsePreviewEdit(value: string, sentenceField?: (piece: number) => string): PreviewEdit {
  const match = /^(split|join|move):(\d{1,9})(?::(\d{1,9}))?$/.exec(value.trim());
  if (!match) throw new PreviewEditError('That edit of the preview is not one this page offers; look at it again.');
  const kind = match[1] as PreviewEdit['kind'];
  const piece = Number(match[2]);
  if (kind === 'join') return { kind, piece };
  const typed = match[3] ?? sentenceField?.(piece) ?? '';
  if (!/^\d{1,9}$/.test(typed.trim()) || Number(typed) < 1)
    throw new PreviewEditError('Choose a sentence of the paragraph, then the change to make.');
  return { kind, piece, sentence: Number(typed) - 1 };
}
