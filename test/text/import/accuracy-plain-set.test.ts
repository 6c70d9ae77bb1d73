/**
 * The import accuracy benchmark's plain family (bench/accuracy/plain-stories.ts) and its new
 * measures: the labels say what the file holds, the set is the same on every run, and the
 * measures tell a right import from the failures writers see (title and byline taken as story,
 * an author's note left in the story, story taken as a note).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import iconv from 'iconv-lite';
import { noteSentences, scoreStory, summarize, words } from '../../../bench/import-accuracy.ts';
import { plainSet, type PlainStory } from '../../../bench/accuracy/plain-stories.ts';
import type { ImportedWork } from '../../../src/text/import/index.ts';
import type { Piece } from '../../../src/text/import/parts.ts';

const set = plainSet(80);

function decoded(story: PlainStory): string {
  const bytes = Buffer.from(story.bytes);
  if (story.damage.includes('utf-16le')) return iconv.decode(bytes.subarray(2), 'utf-16le');
  if (story.damage.includes('windows-1252')) return iconv.decode(bytes, 'windows-1252');
  return bytes.toString('utf8').replace(/^\ufeff/, '');
}

const has = (hay: string, needle: string) => ` ${words(hay).join(' ')} `.includes(` ${words(needle).join(' ')} `);

const notesOf = (s: PlainStory) => [
  ...s.truth.notesBefore,
  ...s.truth.chapters.flatMap((c) => [...c.notesBefore, ...c.notesAfter]),
  ...s.truth.notesAfter,
];
const paragraphsOf = (s: PlainStory) =>
  s.truth.chapters.map((c) => c.paragraphs.filter((p): p is string => p !== null));

/** A work as the importer would give it, from pieces; chapters from the text pieces. */
function work(title: string | null, pieces: Omit<Piece, 'block' | 'reason'>[], chapters: string[][]): ImportedWork {
  return {
    title,
    chapters: chapters.map((paragraphs) => ({
      title: null,
      blocks: paragraphs.map((text) => ({ type: 'paragraph', text })),
    })),
    preview: { pieces: pieces.map((p, block) => ({ ...p, block, reason: '' })) },
  } as unknown as ImportedWork;
}

/** What a perfect import gives: title, byline, every note in a note, every paragraph in the story. */
function perfect(s: PlainStory): ImportedWork {
  const pieces: Omit<Piece, 'block' | 'reason'>[] = [
    { part: 'title', text: s.truth.title, chapter: null, consumed: '' },
  ];
  if (s.truth.author)
    pieces.push({ part: 'metadata', field: 'author', text: s.truth.author, chapter: null, consumed: 'by' });
  for (const note of notesOf(s)) pieces.push({ part: 'notes', text: note, chapter: null, consumed: '' });
  paragraphsOf(s).forEach((paragraphs, c) => {
    for (const text of paragraphs) pieces.push({ part: 'text', text, chapter: c, consumed: '' });
  });
  const w = work(s.truth.title, pieces, paragraphsOf(s));
  s.truth.chapters.forEach((c, i) => Object.assign(w.chapters[i], { title: c.title }));
  return w;
}

describe('the plain family of the import accuracy benchmark', () => {
  test('is at least 40 stories, the same bytes on every run', () => {
    assert.ok(set.length >= 40);
    const again = plainSet(80);
    set.forEach((s, i) => assert.deepEqual(s.bytes, again[i].bytes, s.name));
  });

  test('has every shape the issue names several times over', () => {
    const count = (shape: string) => set.filter((s) => s.shapes.includes(shape as never)).length;
    for (const shape of [
      'byline',
      'no-byline',
      'header-block',
      'opening-note',
      'opening-note-run-in',
      'paren-note',
      'disclaimer',
      'character-note',
      'end-note',
      'end-note-run-in',
      'short',
      'chapters',
      'mid-note',
      'lookalike-opening',
      'lookalike-ending',
    ])
      assert.ok(count(shape) >= 3, `${shape}: ${count(shape)}`);
  });

  test('labels only what the file holds: title, byline, every note sentence, every paragraph', () => {
    for (const s of set) {
      const text = decoded(s);
      assert.ok(has(text, s.truth.title), `${s.name}: title`);
      if (s.truth.author) assert.ok(has(text, s.truth.author), `${s.name}: author`);
      for (const sentence of notesOf(s).flatMap(noteSentences))
        assert.ok(has(text, sentence), `${s.name}: ${sentence}`);
      for (const p of paragraphsOf(s).flat()) assert.ok(has(text, p), `${s.name}: ${p}`);
      for (const line of s.lookalikes)
        assert.ok(
          paragraphsOf(s)
            .flat()
            .some((p) => has(p, line)),
          `${s.name}: ${line}`,
        );
    }
  });

  test('a perfect import scores full marks', () => {
    const all = summarize(set.map((s) => scoreStory(s, perfect(s))));
    assert.equal(all.storyWordsInStory, 1);
    assert.equal(all.storyPurity, 1);
    assert.equal(all.noteWordsInNotes, 1);
    assert.equal(all.noteSentencesInNotes, 1);
    assert.equal(all.storyEdgesInStory, 1);
    assert.equal(all.workTitlesRight, 1);
    assert.equal(all.creatorsRight, 1);
    assert.equal(all.chaptersRight, 1);
  });

  test('an import that takes the title, byline and notes as story is marked down on each', () => {
    const s = set.find((x) => x.truth.author && x.truth.notesBefore.length > 0)!;
    const everything = [s.truth.title, s.truth.author!, ...notesOf(s)];
    const chapters = paragraphsOf(s).map((paragraphs, c) => (c === 0 ? [...everything, ...paragraphs] : paragraphs));
    const pieces = chapters.flatMap((paragraphs, c) =>
      paragraphs.map((text) => ({ part: 'text' as const, text, chapter: c, consumed: '' })),
    );
    const score = scoreStory(s, work(null, pieces, chapters));
    assert.equal(score.titleRight, false);
    assert.equal(score.creatorRight, false);
    assert.equal(score.notesInNotes, 0);
    assert.equal(score.noteSentences.right, 0);
    assert.ok(score.storyPlacedRight < score.storyPlaced);
    assert.equal(score.storyInStory, score.storyWords);
  });

  test('an import that puts the story’s opening into the note is marked down on story edges', () => {
    const s = set.find((x) => x.truth.notesBefore.length > 0 && x.truth.chapters.length === 1)!;
    const [first, ...rest] = paragraphsOf(s)[0];
    const w = perfect(s);
    const pieces = w.preview.pieces.filter((p) => p.text !== first);
    const note = pieces.find((p) => p.part === 'notes')!;
    note.text = `${note.text} ${first}`;
    const score = scoreStory(s, work(s.truth.title, pieces, [rest]));
    assert.ok(score.storyEdges.right < score.storyEdges.total);
    assert.ok(score.storyInStory < score.storyWords);
    assert.equal(score.titleRight, true);
  });
});
