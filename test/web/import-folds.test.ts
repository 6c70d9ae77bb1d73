import { it } from 'node:test';
import assert from 'node:assert/strict';
import type { IndexedPiece, PreviewGroups, PreviewPiece } from '../../src/text/import/corrections.ts';
import { foldingFor, foldPieces, FOLDING, type ShownPieces } from '../../src/web/views/import-folds.ts';

const piece = (i: number, extra: Partial<PreviewPiece> = {}): IndexedPiece => ({
  index: i,
  piece: {
    part: 'text',
    text: `Paragraph ${i}.`,
    chapter: 0,
    consumed: '',
    reason: 'story text',
    block: i,
    file: 0,
    ...extra,
  },
});
const text = (count: number, extra: Record<number, Partial<PreviewPiece>> = {}) =>
  Array.from({ length: count }, (_, i) => piece(i, extra[i]));

function groups(chapters: IndexedPiece[][]): PreviewGroups {
  return {
    title: [],
    summary: [],
    disclaimer: [],
    notes: [],
    chapters: chapters.map((text, index) => ({ index, title: '', heading: [], notes: [], text, endNotes: [] })),
    endNotes: [],
    other: [],
  };
}

/** The shown pieces as a line: open pieces by number, folds as [from–to]. */
const shape = (shown: ShownPieces[]) =>
  shown.map((s) => ('open' in s ? String(s.open.index) : `[${s.from}–${s.to}]`)).join(' ');

it('leaves a preview of a few hundred paragraphs whole', () => {
  const story = text(FOLDING.wholeUpTo);
  const shown = foldPieces(story, foldingFor(groups([story]), null));
  assert.ok(shown.every((s) => 'open' in s));
});

it('keeps the ends, the guesses to check and the moved pieces of a long part open, folding the rest in stretches of 200', () => {
  const story = text(700, {
    300: { unsure: true },
    500: { part: 'end-notes', importedAs: 'text' },
    502: { part: 'break', text: '' },
  });
  const shown = foldPieces(story, foldingFor(groups([story]), null));
  assert.equal(
    shape(shown),
    '0 1 2 3 4 5 6 7 8 9 [11–210] [211–300] 300 [302–500] 500 [502–690] 690 691 692 693 694 695 696 697 698 699',
  );
  const withBreak = shown.find((s) => 'folded' in s && s.from === 502);
  assert.ok(withBreak && 'folded' in withBreak && withBreak.folded.some((e) => e.piece.part === 'break'));
});

it('opens the stretch the writer asked to correct, and folds no run too short to hide anything', () => {
  const story = text(700);
  const shown = foldPieces(story, foldingFor(groups([story]), 13));
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i).join(' ');
  // 10–12 lie between the open start and the opened stretch (13–215): three pieces are not worth a fold.
  assert.equal(shape(shown), `${range(0, 216)} [217–416] [417–616] [617–690] ${range(690, 700)}`);
});

it('opens the whole of a fold whose pieces are not numbered one after the other (other parts’ pieces between)', () => {
  const story = text(700).map((e) => ({ ...e, index: e.index * 3 }));
  const before = foldPieces(story, foldingFor(groups([story]), null));
  const fold = before.find((s) => 'folded' in s && s.from === 11);
  assert.ok(fold && 'folded' in fold);
  const after = foldPieces(story, foldingFor(groups([story]), fold.folded[0].index));
  const open = new Set(after.flatMap((s) => ('open' in s ? [s.open.index] : [])));
  assert.ok(
    fold.folded.every((e) => open.has(e.index)),
    'every piece of the fold is open',
  );
});

it('never makes a fold of fewer than four pieces nor one without words', () => {
  // A run of 202 pieces: not a fold of 200 and one of 2.
  const story = text(222);
  assert.equal(
    shape(foldPieces(story, foldingFor(groups([story, text(200)]), null)))
      .split(' ')
      .filter((s) => s.startsWith('[')).length,
    1,
  );
  // A scene break alone after 200 paragraphs, with the open end after it.
  const withBreak = text(421, { 410: { part: 'break', text: '' } });
  const shown = foldPieces(withBreak, foldingFor(groups([withBreak]), null));
  assert.ok(shown.every((s) => 'open' in s || s.folded.some((e) => e.piece.text !== '')));
});

it('keeps fewer paragraphs open at the ends when many chapters fold', () => {
  const chapters = Array.from({ length: 100 }, (_, c) => text(100).map((e) => ({ ...e, index: c * 100 + e.index })));
  const folding = foldingFor(groups(chapters), null);
  assert.equal(folding.atEdge, FOLDING.fewestAtEdge);
  assert.equal(shape(foldPieces(chapters[1], folding)), '100 101 [3–98] 198 199');
});
