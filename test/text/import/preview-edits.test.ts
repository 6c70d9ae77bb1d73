import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildWork, importWork } from '../../../src/text/import/index.ts';
import type { CorrectablePreview } from '../../../src/text/import/corrections.ts';
import {
  applyPreviewEdit,
  joinsNext,
  moveDirection,
  parsePreviewEdit,
  pieceSentences,
  PreviewEditError,
  sentenceStarts,
  type PreviewEdit,
} from '../../../src/text/import/preview-edits.ts';
import { textFile } from '../../support/imports.ts';

const STORY = [
  'The Lighthouse',
  '',
  'A/N: Thank you all for the reviews! Disclaimer: I own nothing. The keeper climbed the stairs at dawn. He lit the lamp, and the "Mr. Smith" of the village waved.',
  '',
  'The sea was grey. Gulls circled the tower. Nobody came that day.',
  '',
  'At night the lamp burned on. He slept at last.',
  '',
  'Please review! Next update on Sunday.',
].join('\n');

async function preview(): Promise<CorrectablePreview> {
  const work = await importWork([textFile('story.txt', STORY)]);
  return work.preview;
}

/** Every word of the pieces in reading order (the order the preview keeps them in). */
function words(p: CorrectablePreview): string[] {
  return p.pieces.flatMap((piece) => piece.text.split(/\s+/).filter(Boolean));
}

function indexOf(p: CorrectablePreview, startsWith: string): number {
  const index = p.pieces.findIndex((piece) => piece.text.trimStart().startsWith(startsWith));
  assert.ok(index >= 0, `no piece starts with “${startsWith}”`);
  return index;
}

describe('import preview edits', () => {
  it('numbers the sentences of a piece so that cutting at them keeps the text', () => {
    const text = 'He met Mr. Smith. "Really?" Harry asked.  Then he left…\nThe end.';
    const starts = sentenceStarts(text);
    assert.deepEqual(pieceSentences(text), [
      'He met Mr. Smith.',
      '"Really?" Harry asked.',
      'Then he left…',
      'The end.',
    ]);
    assert.equal(starts[0], 0);
    assert.equal(text.slice(starts[2], starts[3]).trim(), 'Then he left…');
    assert.deepEqual(sentenceStarts(''), [0]);
  });

  it('splits a paragraph before a sentence into two of the same part, keeping the reason', async () => {
    const p = await preview();
    const index = indexOf(p, 'The sea was grey.');
    const before = p.pieces[index];
    const { preview: edited, focus } = applyPreviewEdit(p, { kind: 'split', piece: index, sentence: 2 });
    assert.equal(edited.pieces.length, p.pieces.length + 1);
    assert.equal(edited.pieces[index].text, 'The sea was grey. Gulls circled the tower.');
    assert.equal(edited.pieces[index + 1].text, 'Nobody came that day.');
    assert.equal(focus, index + 1);
    for (const half of [edited.pieces[index], edited.pieces[index + 1]]) {
      assert.equal(half.part, before.part);
      assert.equal(half.chapter, before.chapter);
      assert.equal(half.reason, before.reason);
    }
    assert.deepEqual(words(edited), words(p));
    const work = buildWork(edited);
    assert.ok(work.chapters[0].blocks.some((b) => b.type === 'paragraph' && b.text === 'Nobody came that day.'));
  });

  it('joins a paragraph with the next one of the same part', async () => {
    const p = await preview();
    const index = indexOf(p, 'The sea was grey.');
    assert.ok(joinsNext(p.pieces, index));
    const { preview: edited } = applyPreviewEdit(p, { kind: 'join', piece: index });
    assert.equal(edited.pieces.length, p.pieces.length - 1);
    assert.equal(
      edited.pieces[index].text,
      'The sea was grey. Gulls circled the tower. Nobody came that day. At night the lamp burned on. He slept at last.',
    );
    assert.deepEqual(words(edited), words(p));
  });

  it('moves a sentence from the story to the notes, and back', async () => {
    const p = await preview();
    const index = indexOf(p, 'The sea was grey.');
    assert.equal(moveDirection(p.pieces[index]), 'notes');
    // The middle sentence of an early paragraph goes to the beginning notes; the rest stays story.
    const { preview: edited, focus, message } = applyPreviewEdit(p, { kind: 'move', piece: index, sentence: 0 });
    assert.equal(edited.pieces[focus].text, 'The sea was grey.');
    assert.equal(edited.pieces[focus].part, 'notes');
    assert.equal(edited.pieces[focus].importedAs, 'text', 'the import’s own guess is remembered');
    assert.equal(edited.pieces[focus + 1].part, 'text');
    assert.equal(edited.pieces[focus + 1].text, 'Gulls circled the tower. Nobody came that day.');
    assert.match(message, /beginning notes of the work/);
    assert.deepEqual(words(edited), words(p));
    assert.match(buildWork(edited).notes.beginning ?? '', /The sea was grey\./);

    const back = applyPreviewEdit(edited, { kind: 'move', piece: focus, sentence: 0 });
    assert.equal(back.preview.pieces[back.focus].part, 'text');
    assert.equal(back.preview.pieces[back.focus].chapter, 0);
    assert.deepEqual(words(back.preview), words(p));

    // The last sentence of the last paragraph goes to the end notes.
    const last = indexOf(p, 'At night');
    const end = applyPreviewEdit(p, { kind: 'move', piece: last, sentence: 1 });
    assert.equal(end.preview.pieces[end.focus].text, 'He slept at last.');
    assert.equal(end.preview.pieces[end.focus].part, 'end-notes');
    assert.equal(end.preview.pieces[end.focus - 1].text, 'At night the lamp burned on.');
  });

  it('refuses indexes that do not fit, with a message the writer can act on', async () => {
    const p = await preview();
    const index = indexOf(p, 'The sea was grey.');
    const refused = (edit: PreviewEdit, message: RegExp) =>
      assert.throws(
        () => applyPreviewEdit(p, edit),
        (e: unknown) => e instanceof PreviewEditError && message.test(e.message),
      );
    refused({ kind: 'split', piece: p.pieces.length, sentence: 1 }, /preview has changed/);
    refused({ kind: 'split', piece: -1, sentence: 1 }, /preview has changed/);
    refused({ kind: 'split', piece: index, sentence: 3 }, /3 sentences; there is no sentence 4/);
    refused({ kind: 'split', piece: index, sentence: 0 }, /before its first sentence/);
    refused({ kind: 'move', piece: index, sentence: 7 }, /no sentence 8/);
    refused({ kind: 'join', piece: p.pieces.length - 1 }, /same part can be joined/);
    assert.throws(() => parsePreviewEdit('split:1'), /Choose a sentence/);
    assert.throws(() => parsePreviewEdit('explode:1:1'), /not one this page offers/);
    assert.throws(() => parsePreviewEdit('split:1:0'), /Choose a sentence/);
    assert.deepEqual(
      parsePreviewEdit('split:4', () => '2'),
      { kind: 'split', piece: 4, sentence: 1 },
    );
    assert.deepEqual(parsePreviewEdit('move:4:1'), { kind: 'move', piece: 4, sentence: 0 });
    assert.deepEqual(parsePreviewEdit('join:4'), { kind: 'join', piece: 4 });
  });

  it('keeps italics and bold through a split, a join and a move, on both sides of a cut inside them', async () => {
    const html =
      '<html><body><h1>The Keeper</h1><p>He said <em>never. Not once</em> in all those years. Then he <b>left</b>.</p>' +
      '<p>The sea was <i>grey</i>. Gulls flew.</p></body></html>';
    const work = await importWork([{ name: 'story.html', bytes: new TextEncoder().encode(html) }]);
    const p = work.preview;
    const split = applyPreviewEdit(p, { kind: 'split', piece: indexOf(p, 'He said'), sentence: 1 });
    assert.equal(split.message, 'The paragraph is split in two.');
    const at = indexOf(split.preview, 'He said');
    assert.deepEqual(
      split.preview.pieces.slice(at, at + 2).map((piece) => [piece.text, piece.html]),
      [
        ['He said never.', '<p>He said <em>never.</em></p>'],
        [
          'Not once in all those years. Then he left.',
          '<p><em>Not once</em> in all those years. Then he <b>left</b>.</p>',
        ],
      ],
    );
    // The posted chapter has the italics on both sides of the cut.
    const posted = buildWork(split.preview).chapters[0].html;
    assert.match(posted, /<p>He said <em>never\.<\/em><\/p>\s*<p><em>Not once<\/em> in all those years/);

    const joined = applyPreviewEdit(split.preview, { kind: 'join', piece: at + 1 });
    const sea = joined.preview.pieces[at + 1];
    assert.equal(sea.text, 'Not once in all those years. Then he left. The sea was grey. Gulls flew.');
    assert.equal(
      sea.html,
      '<p><em>Not once</em> in all those years. Then he <b>left</b>. The sea was <i>grey</i>. Gulls flew.</p>',
    );

    const moved = applyPreviewEdit(joined.preview, { kind: 'move', piece: at + 1, sentence: 1 });
    const note = moved.preview.pieces.find((piece) => piece.text === 'Then he left.');
    assert.ok(note && note.part !== 'text', JSON.stringify(note));
    assert.equal(note.html, '<p>Then he <b>left</b>.</p>');
    assert.doesNotMatch(moved.message, /formatting/);
  });

  it('says so when a paragraph’s formatting cannot follow the cut, and keeps its words', async () => {
    const html =
      '<html><body><h1>The Keeper</h1><p>He said <em>never</em>. Then he left.</p><p>Gulls flew.</p></body></html>';
    const p = (await importWork([{ name: 'story.html', bytes: new TextEncoder().encode(html) }])).preview;
    const at = indexOf(p, 'He said');
    // Markup whose words are not the text's (a preview saved by an older version, say): not cut.
    const pieces = p.pieces.map((piece, i) =>
      i === at ? { ...piece, html: '<p>He said <em>nothing at all</em>. Then he left.</p>' } : piece,
    );
    const edited = applyPreviewEdit({ ...p, pieces }, { kind: 'split', piece: at, sentence: 1 });
    assert.match(edited.message, /not its formatting/);
    assert.deepEqual(
      edited.preview.pieces.slice(at, at + 2).map((piece) => [piece.text, piece.html]),
      [
        ['He said never.', undefined],
        ['Then he left.', undefined],
      ],
    );
  });

  it('keeps every word in order through any sequence of edits', async () => {
    const original = await preview();
    const expected = words(original);
    let state = original;
    // A small deterministic generator: the same sequence on every run.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    let applied = 0;
    for (let step = 0; step < 400; step++) {
      const piece = random(state.pieces.length);
      const count = sentenceStarts(state.pieces[piece].text).length;
      const kinds = ['split', 'join', 'move'] as const;
      const kind = kinds[random(3)];
      const edit: PreviewEdit = kind === 'join' ? { kind, piece } : { kind, piece, sentence: random(count + 1) };
      try {
        state = applyPreviewEdit(state, edit).preview;
        applied++;
      } catch (error) {
        if (!(error instanceof PreviewEditError)) throw error;
      }
      assert.deepEqual(words(state), expected, `after step ${step}: ${JSON.stringify(edit)}`);
    }
    assert.ok(applied > 50, `only ${applied} edits applied`);
    const work = buildWork(state);
    const built = [
      work.title,
      work.notes.beginning,
      work.disclaimer,
      ...work.chapters.flatMap((c) => c.blocks.map((b) => (b.type === 'paragraph' ? b.text : ''))),
      work.notes.end,
    ]
      .join(' ')
      .split(/\s+/)
      .filter(Boolean);
    assert.deepEqual([...built].sort(), [...expected].sort(), 'the work built from the edited preview has every word');
  });
});
