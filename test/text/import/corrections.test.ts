import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildWork, importWork } from '../../../src/text/import/index.ts';
import {
  correctPreview,
  CorrectionError,
  groupPreview,
  partChoices,
  partLabel,
  type CorrectablePreview,
  type Corrections,
} from '../../../src/text/import/corrections.ts';
import type { PartName } from '../../../src/text/import/parts.ts';
import { textFile } from '../../support/imports.ts';

const STORY = [
  'A/N: Thanks for all the reviews on the last story! This one is for Sam.',
  '',
  '',
  'Chapter 1: Dawn',
  '',
  'The lighthouse keeper climbed the stairs at dawn.',
  '',
  'Chapter 2',
  '',
  'Night fell over the harbour and the light turned.',
  '',
  'Please review and tell me what you think!',
].join('\n');

async function preview(text = STORY): Promise<CorrectablePreview> {
  return (await importWork([textFile('story.txt', text)])).preview;
}

function corrections(parts: [number, PartName][] = [], more: Partial<Corrections> = {}): Corrections {
  return { parts: new Map(parts), chapterTitles: new Map(), ...more };
}

const indexOf = (p: CorrectablePreview, start: string) => p.pieces.findIndex((piece) => piece.text.startsWith(start));

describe('correcting an import preview', () => {
  it('moves a beginning note into the first chapter, before its text', async () => {
    const original = await preview();
    const note = indexOf(original, 'Thanks for all the reviews');
    assert.equal(original.pieces[note].part, 'notes');
    const corrected = correctPreview(original, corrections([[note, 'text']]));
    const work = buildWork(corrected);
    assert.equal(work.notes.beginning, null);
    assert.deepEqual(
      work.chapters[0].blocks.map((b) => (b.type === 'paragraph' ? b.text : '—')),
      [
        'Thanks for all the reviews on the last story! This one is for Sam.',
        'The lighthouse keeper climbed the stairs at dawn.',
      ],
    );
    assert.equal(corrected.pieces[note].importedAs, 'notes');
    assert.equal(original.pieces[note].part, 'notes', 'the original preview is left as it was');
  });

  it('moves story text at the end into the end notes, and back into the last chapter', async () => {
    const original = await preview();
    const last = indexOf(original, 'Night fell');
    const asNotes = correctPreview(original, corrections([[last, 'end-notes']]));
    const work = buildWork(asNotes);
    assert.equal(work.notes.end, 'Night fell over the harbour and the light turned.');
    assert.equal(work.chapters[1].notes.end, 'Please review and tell me what you think!');
    assert.ok(
      work.warnings.some((w) => w.message === 'a chapter has no story text; check which parts were taken as notes.'),
    );
    const back = correctPreview(asNotes, corrections([[last, 'text']]));
    assert.deepEqual(buildWork(back).chapters[1].blocks, [
      { type: 'paragraph', text: 'Night fell over the harbour and the light turned.' },
    ]);
    assert.equal(back.pieces[last].importedAs, 'text');
  });

  it('renames chapters and the work, adding a title where there was none', async () => {
    const original = await preview();
    const corrected = correctPreview(
      original,
      corrections([], {
        title: '  The   Keeper ',
        chapterTitles: new Map([
          [0, 'Dawn'],
          [1, 'Nightfall'],
        ]),
      }),
    );
    const work = buildWork(corrected);
    assert.equal(work.title, 'The Keeper');
    assert.deepEqual(
      work.chapters.map((c) => c.title),
      ['Dawn', 'Nightfall'],
    );
    assert.equal(corrected.pieces[0].reason, 'the title you gave');
    const renamed = correctPreview(
      corrected,
      corrections([], {
        chapterTitles: new Map([
          [0, 'First Light'],
          [1, ''],
        ]),
      }),
    );
    assert.deepEqual(
      buildWork(renamed).chapters.map((c) => c.title),
      ['First Light', null],
    );
  });

  it('leaves a title alone when the field still shows it, even when its piece moves', async () => {
    const original = await preview(
      'The Keeper\n\n\nThe lighthouse keeper climbed the stairs at dawn, and the sea was calm below, grey and slow as it always was in the long weeks of autumn when nobody came to the island.',
    );
    const title = original.pieces.findIndex((p) => p.part === 'title');
    assert.ok(title >= 0);
    const corrected = correctPreview(original, corrections([[title, 'text']], { title: 'The Keeper' }));
    const work = buildWork(corrected);
    assert.equal(work.title, null);
    assert.equal(work.chapters[0].blocks[0].type === 'paragraph' && work.chapters[0].blocks[0].text, 'The Keeper');
  });

  it('refuses parts a piece cannot take and pieces that are not there', async () => {
    const original = await preview();
    const text = indexOf(original, 'The lighthouse keeper');
    assert.throws(() => correctPreview(original, corrections([[text, 'metadata']])), CorrectionError);
    assert.throws(() => correctPreview(original, corrections([[text, 'bogus' as PartName]])), CorrectionError);
    assert.throws(() => correctPreview(original, corrections([[9999, 'text']])), CorrectionError);
    assert.throws(
      () => correctPreview(original, corrections([], { chapterTitles: new Map([[7, 'No such chapter']]) })),
      CorrectionError,
    );
    assert.ok(!partChoices(original.pieces[text]).includes('duplicate-disclaimer'));
  });

  it('keeps a line only read from the file left out when the form sends it back unchanged', async () => {
    const original = await preview(
      ['Skip header Log In', 'Follow/Fav', 'Lamplight', 'by harbour_owl', STORY].join('\n\n'),
    );
    const menu = indexOf(original, 'Skip header');
    assert.equal(original.pieces[menu].part, 'metadata');
    assert.equal(original.pieces[menu].field, undefined);
    assert.ok(partChoices(original.pieces[menu]).includes('metadata'));
    // The preview's select shows it as left out, so "Update preview" sends it back so, not as the title.
    assert.equal(partLabel(original.pieces[menu], 'metadata'), 'Left out: only read from the file');
    const corrected = correctPreview(original, corrections([[menu, 'metadata']]));
    assert.equal(corrected.pieces[menu].part, 'metadata');
    assert.deepEqual(
      corrected.pieces.filter((p) => p.part === 'title').map((p) => p.text),
      ['Lamplight'],
    );
  });

  it('names a stated tag a tag, and an author or beta line, which become no tag, left out', async () => {
    const original = await preview(
      ['TITLE: Carol', 'AUTHOR: Rowan Achterberg', 'RATING: G', 'Beta: Sam', 'FANDOM: Original Work', STORY].join('\n'),
    );
    const label = (start: string) => {
      const piece = original.pieces[indexOf(original, start)];
      assert.equal(piece.part, 'metadata');
      return partLabel(piece, 'metadata');
    };
    assert.equal(label('Rowan Achterberg'), 'Left out: only read from the file');
    assert.equal(label('Sam'), 'Left out: only read from the file');
    assert.equal(label('G'), 'A tag (rating, fandom …)');
    assert.equal(label('Original Work'), 'A tag (rating, fandom …)');
    assert.deepEqual(buildWork(original).tags.freeforms, []);
  });

  it('groups every piece exactly once, in reading order', async () => {
    const original = await preview();
    const groups = groupPreview(original);
    const seen = [
      ...groups.title,
      ...groups.summary,
      ...groups.disclaimer,
      ...groups.notes,
      ...groups.chapters.flatMap((c) => [...c.heading, ...c.notes, ...c.text, ...c.endNotes]),
      ...groups.endNotes,
      ...groups.other,
    ].map((e) => e.index);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      original.pieces.map((_, i) => i),
    );
    assert.equal(groups.chapters.length, 2);
    assert.equal(groups.chapters[0].title, 'Dawn');
    assert.equal(groups.notes.length, 1);
    assert.equal(groups.chapters[1].endNotes.length, 1);
    assert.equal(groups.chapters[1].heading.length, 1, 'the bare “Chapter 2” heading is shown in its chapter');
  });
});
