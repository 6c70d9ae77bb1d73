/**
 * A long import preview folds the stretches of a part the import had no doubt about: their words
 * stay on the page to read, without each paragraph's controls (its part menu and its split, join
 * and move form, about 2 KB of markup a paragraph), which made a novel's preview tens of megabytes
 * that a browser could not open. Open, with their controls: the first and last paragraphs of every
 * part (where notes and story meet), every guess the import marks to check, every piece the writer
 * moved, and the stretch the writer asks to correct. A folded piece sends no field, which the
 * preview form reads as "left where it is".
 */
import { isMovable, type IndexedPiece, type PreviewGroups } from '../../text/import/corrections.ts';

export const FOLDING = {
  /** A preview of at most this many pieces (a story of 20,000 words or so) is shown whole. */
  wholeUpTo: 400,
  /** In a longer one, a part with at most this many pieces is shown whole. */
  longerThan: 60,
  /** Pieces left open at each end of a folded part; fewer when many parts fold, down to `fewestAtEdge`. */
  atEdge: 10,
  fewestAtEdge: 2,
  /** About how many pieces the page keeps open at the parts' ends in all. */
  openAtEdges: 400,
  /** No run of fewer pieces than this is folded: it would hide almost nothing. */
  shortestFold: 4,
  /** The most pieces one fold holds (a few more when the last of a long run would be too short), and the most a writer opens at once to correct. */
  perFold: 200,
};

/** How a preview page folds its parts: whether it does, which piece's stretch the writer opened, how much stays open at each end. */
export interface Folding {
  folds: boolean;
  opened: number | null;
  atEdge: number;
}

export type ShownPieces =
  | { open: IndexedPiece }
  /** Pieces `from`–`to` of the part (counted from 1 within it), folded. */
  | { folded: IndexedPiece[]; from: number; to: number };

export function foldingFor(groups: PreviewGroups, opened: number | null): Folding {
  const lists = [
    groups.title,
    groups.summary,
    groups.disclaimer,
    groups.notes,
    ...groups.chapters.flatMap((c) => [c.heading, c.notes, c.text, c.endNotes]),
    groups.endNotes,
    groups.other,
  ];
  const pieces = lists.reduce((sum, list) => sum + list.length, 0);
  const folding = lists.filter((list) => list.length > FOLDING.longerThan).length;
  const share = folding === 0 ? FOLDING.atEdge : Math.floor(FOLDING.openAtEdges / (2 * folding));
  return {
    folds: pieces > FOLDING.wholeUpTo,
    opened,
    atEdge: Math.max(FOLDING.fewestAtEdge, Math.min(FOLDING.atEdge, share)),
  };
}

/** The most pieces one fold holds: a last stretch too short to fold of its own is kept with the one before. */
const LARGEST_FOLD = FOLDING.perFold + FOLDING.shortestFold - 1;

function staysOpen(entries: IndexedPiece[], at: number, openedAt: number, folding: Folding): boolean {
  const { piece } = entries[at];
  if (at < folding.atEdge || at >= entries.length - folding.atEdge) return true;
  if (piece.unsure || (piece.importedAs !== undefined && piece.importedAs !== piece.part)) return true;
  // The opened stretch is counted in the part's own pieces: a part's numbers have gaps where other parts' pieces lie.
  return openedAt >= 0 && at >= openedAt && at < openedAt + LARGEST_FOLD;
}

/** A run of pieces cut into folds of at most LARGEST_FOLD, none shorter than `shortestFold`. */
function chunks(run: number[]): number[][] {
  const cut: number[][] = [];
  for (let start = 0; start < run.length; start += FOLDING.perFold) cut.push(run.slice(start, start + FOLDING.perFold));
  const last = cut[cut.length - 1];
  if (cut.length > 1 && last.length < FOLDING.shortestFold) cut.splice(-2, 2, [...cut[cut.length - 2], ...last]);
  return cut;
}

/** The pieces of one part in order, each open or in a fold. */
export function foldPieces(entries: IndexedPiece[], folding: Folding): ShownPieces[] {
  if (!folding.folds || entries.length <= FOLDING.longerThan) return entries.map((open) => ({ open }));
  const shown: ShownPieces[] = [];
  const openedAt = folding.opened === null ? -1 : entries.findIndex((e) => e.index === folding.opened);
  let run: number[] = [];
  const endRun = () => {
    for (const chunk of chunks(run))
      if (chunk.length < FOLDING.shortestFold || !chunk.some((at) => isMovable(entries[at].piece)))
        for (const at of chunk) shown.push({ open: entries[at] });
      else
        shown.push({
          folded: chunk.map((at) => entries[at]),
          from: chunk[0] + 1,
          to: chunk[chunk.length - 1] + 1,
        });
    run = [];
  };
  entries.forEach((entry, at) => {
    if (staysOpen(entries, at, openedAt, folding)) {
      endRun();
      shown.push({ open: entry });
    } else run.push(at);
  });
  endRun();
  return shown;
}
