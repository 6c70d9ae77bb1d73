/**
 * What a title says of the work in brackets, set apart from it: "(a Celeste fic)", "(Ghosts fic, complete)",
 * "(fic do Sítio)", "【ドラえもん】". It names the work's fandom, a fact read from the file, never who wrote it.
 */
import { KIND_AFTER_A_DASH, FANFIC_WORD, STATUS_TAG_WORD, isByline } from './cues.ts';
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
/** "(Fanfic Irmão do Jorel)", "[Fic ฉลาดเกมส์โกง]": a fanfic's word straight before the fandom's name. */
const FANFIC_FIRST = new RegExp(`^[([]\\s*(?:${FANFIC_WORD})\\s+([\\p{Lu}\\p{Lo}][^()[\\]]{0,39}?)\\s*[)\\]]$`, 'iu');
/** "— a Powerpuff Girls ficlet", "- Bleach fanfic": the fandom and the kind of work after a dash; "— a fic" names none. */
const AFTER_DASH = new RegExp(`^${KIND_AFTER_A_DASH}$`, 'u');
/** "【ドラえもん】": a fandom in black lenticular brackets, as Japanese and Chinese titles carry it. */
const LENTICULAR = /^【([^】]{1,20})】$/u;

/** The fandom a title's aside names, or undefined when the text is no such aside. */
export function kindAsideFandom(text: string): string | undefined {
  const line = text.trim();
  const named = (FANDOM_FIRST.exec(line) ??
    KIND_FIRST.exec(line) ??
    FANFIC_FIRST.exec(line) ??
    LENTICULAR.exec(line) ??
    AFTER_DASH.exec(line))?.[1]?.trim();
  return named && !STATUS_TAG_WORD.test(named) ? named : undefined;
}

/** All of it in brackets: "(Fanfic)", "（上下）", "(parts 1 & 2)", "[커프 팬픽]". */
const BRACKETED = /^[([（［【][^]{1,60}[)\]）］】]$/u;

/**
 * An aside cut off a title, left with no field, is read as the fandom it names; one that names none ("(Fanfic)",
 * "(parts 1 & 2)", "（上下）") is what the writer says of the work beside its title, never who wrote it.
 */
export function readKindAsides(pieces: Piece[]): void {
  for (const [i, p] of pieces.entries()) {
    if (p.part !== 'metadata' || p.field !== undefined || p.consumed !== '') continue;
    const fandom = kindAsideFandom(p.text);
    if (fandom === undefined) {
      const besideTitle = [pieces[i - 1], pieces[i + 1]].some(
        (q) => q?.part === 'title' && Math.abs(q.block - p.block) === 1,
      );
      if (besideTitle && (BRACKETED.test(p.text.trim()) || AFTER_DASH.test(p.text.trim())) && !isByline(p.text))
        Object.assign(p, { field: 'metadata', reason: 'what the writer says of the work beside its title' });
      continue;
    }
    Object.assign(p, {
      field: 'fandom',
      consumed: p.text.trim(),
      text: fandom,
      reason: 'says what the story is, after its title',
    });
  }
}
