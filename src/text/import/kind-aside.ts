/**
 * What a title says of the work in brackets, set apart from it: "(a Celeste fic)", "(Ghosts fic, complete)",
 * "(fic do Sítio)", "【ドラえもん】". It names the work's fandom, a fact read from the file, never who wrote it.
 */
import { STATUS_TAG_WORD } from './cues.ts';
import type { Piece } from './part-pieces.ts';

const KIND = 'fic|fanfic|fanfiction|one-?shot|oneshot|drabble|ficlet|au|story|фік|фанфік|фик|фанфик';
/** "(a Celeste fic)", "(Ghosts fic, complete)", "(Кайдаші фік)": the fandom, then the kind of work. */
const FANDOM_FIRST = new RegExp(
  `^[([]\\s*(?:an?\\s+)?([^()[\\],]{1,40}?)\\s+(?:${KIND})(?:\\s*,\\s*[^()[\\],]{1,20})?\\s*[)\\]]$`,
  'iu',
);
/** "(fic do Sítio)", "(one-shot from Bleach)": the kind of work, then whose. */
const KIND_FIRST = new RegExp(
  `^[([]\\s*(?:${KIND})\\s+(?:of|from|about|do|da|de|del|di|du|des|von|zu|для|з|по|про)\\s+([^()[\\]]{1,40}?)\\s*[)\\]]$`,
  'iu',
);
/** "【ドラえもん】": a fandom in black lenticular brackets, as Japanese and Chinese titles carry it. */
const LENTICULAR = /^【([^】]{1,20})】$/u;

/** The fandom a title's aside names, or undefined when the text is no such aside. */
export function kindAsideFandom(text: string): string | undefined {
  const line = text.trim();
  const named = (FANDOM_FIRST.exec(line) ?? KIND_FIRST.exec(line) ?? LENTICULAR.exec(line))?.[1]?.trim();
  return named && !STATUS_TAG_WORD.test(named) ? named : undefined;
}

/** An aside cut off a title, left with no field, is read as the fandom it names. */
export function readKindAsides(pieces: Piece[]): void {
  for (const p of pieces) {
    if (p.part !== 'metadata' || p.field !== undefined || p.consumed !== '') continue;
    const fandom = kindAsideFandom(p.text);
    if (fandom === undefined) continue;
    Object.assign(p, {
      field: 'fandom',
      consumed: p.text.trim(),
      text: fandom,
      reason: 'says what the story is, after its title',
    });
  }
}
