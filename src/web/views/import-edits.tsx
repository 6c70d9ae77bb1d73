/**
 * The controls to split a paragraph of an import preview at a sentence, join it with the next one
 * and move a sentence between the notes and the story. Plain submit buttons of the preview form
 * (so the moves and choices on the page are sent and kept too); import-preview.js adds clicking
 * a sentence to offer the same.
 */
import type { PreviewPiece } from '../../text/import/corrections.ts';
import type { Folding } from './import-folds.ts';
import {
  isEditable,
  joinsNext,
  moveDirection,
  pieceSentences,
  sentenceStarts,
} from '../../text/import/preview-edits.ts';

export const IMPORT_PREVIEW_SCRIPT = '/static/import-preview.js';

/**
 * What the edit controls of every piece need: where edits are sent, every piece (to know what joins),
 * and which pieces of a long preview have their controls shown.
 */
export interface PreviewEditing {
  action: string;
  pieces: PreviewPiece[];
  folding: Folding;
}

function excerpt(text: string, words = 6): string {
  const all = text.trim().split(/\s+/);
  return all.length > words ? `${all.slice(0, words).join(' ')}…` : text.trim();
}

export function PieceEdits({ index, piece, editing }: { index: number; piece: PreviewPiece; editing: PreviewEditing }) {
  if (!isEditable(piece)) return null;
  const sentences = pieceSentences(piece.text);
  const direction = moveDirection(piece);
  const joins = joinsNext(editing.pieces, index);
  if (sentences.length < 2 && direction === null && !joins) return null;
  const id = `sentence-${index}`;
  const button = (value: string, label: string) => (
    <button type="submit" formaction={editing.action} name="edit" value={value} class="button--secondary">
      {label}
    </button>
  );
  return (
    <details
      class="import-edit"
      data-piece={String(index)}
      data-sentences={sentenceStarts(piece.text).join(',')}
      data-move={direction ?? undefined}
      data-action={editing.action}
    >
      <summary>
        Split, join or move sentences<span class="visually-hidden"> of “{excerpt(piece.text)}”</span>
      </summary>
      <div class="import-edit__controls">
        {sentences.length > 1 || direction !== null ? (
          <span class="import-edit__sentence">
            <label for={id}>Sentence</label>
            <select id={id} name={id}>
              {sentences.map((sentence, n) => (
                <option value={String(n + 1)} selected={sentences.length > 1 && n === 1}>
                  {n + 1}: {excerpt(sentence, 8)}
                </option>
              ))}
            </select>
          </span>
        ) : null}
        {sentences.length > 1 ? button(`split:${index}`, 'Split the paragraph before this sentence') : null}
        {direction !== null
          ? button(
              `move:${index}`,
              direction === 'notes' ? 'Move this sentence to the notes' : 'Move this sentence to the story',
            )
          : null}
        {joins ? button(`join:${index}`, 'Join with the next paragraph') : null}
      </div>
    </details>
  );
}
