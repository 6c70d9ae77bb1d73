/**
 * The import's promise: every word of the input ends up in exactly one part of the work
 * (title, summary, disclaimer, notes, chapter titles and notes, story text, stated tags), or is a
 * label or marker it read ("Summary:", "Chapter 2", "oOo"), or is a repeat of a disclaimer kept
 * elsewhere. Checked over many generated messy stories and on the real examples.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { wordsOf } from '../../../src/domain/wordcount.ts';
import { importWork, type ImportedWork } from '../../../src/text/import/index.ts';
import { RTF_SAMPLES } from '../../support/rtf-files.ts';
import { generateStory } from '../../support/story-generator.ts';

const FIXTURES = '/work/shared/fixtures/import';

function multiset(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

/** The words a writer sees in the imported work, each part once. */
function wordsOfWork(work: ImportedWork): string[] {
  const texts: (string | null)[] = [work.title, work.summary, work.disclaimer, work.notes.beginning, work.notes.end];
  for (const chapter of work.chapters) {
    texts.push(chapter.title, chapter.notes.beginning, chapter.notes.end);
    for (const block of chapter.blocks) if (block.type === 'paragraph') texts.push(block.text);
  }
  for (const piece of work.preview.pieces) {
    // Stated tags ("Rating: T") and bylines are read into tags; labels and markers are consumed.
    if (piece.part === 'metadata') texts.push(piece.text);
    texts.push(piece.consumed);
  }
  return texts.flatMap((t) => (t ? wordsOf(t) : []));
}

const LABEL_WORDS =
  /^(?:Title|Summary|Disclaimer|A|N|Author’s|Author's|Note|Notes|Chapter|CHAPTER|Ch|Part|Prologue|Epilogue|\d+|[IVXLC]+|One|Two|Three|Four|Five|Six|ONE|TWO|THREE|FOUR|FIVE|SIX|oOo|xXx|o0o|OoOoO|Rating)$/;

function checkNothingLost(input: string, work: ImportedWork, label: string): void {
  const expected = multiset(wordsOf(input));
  const found = multiset(wordsOfWork(work));
  const duplicates = work.preview.pieces.filter((p) => p.part === 'duplicate-disclaimer');
  for (const piece of duplicates) {
    const kept = wordsOf(work.disclaimer ?? '')
      .join(' ')
      .toLowerCase();
    assert.ok(
      kept.includes(wordsOf(piece.text).join(' ').toLowerCase()),
      `${label}: "${piece.text}" was dropped as a duplicate of a disclaimer that does not contain it`,
    );
    for (const word of wordsOf(piece.text)) expected.set(word, (expected.get(word) ?? 0) - 1);
  }
  const missing = [...expected]
    .filter(([word, n]) => n > (found.get(word) ?? 0))
    .map(([w, n]) => `${w}×${n - (found.get(w) ?? 0)}`);
  const extra = [...found]
    .filter(([word, n]) => n > Math.max(0, expected.get(word) ?? 0))
    .map(([w, n]) => `${w}×${n - Math.max(0, expected.get(w) ?? 0)}`);
  assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, label);
  for (const piece of work.preview.pieces) {
    for (const word of wordsOf(piece.consumed))
      assert.match(word, LABEL_WORDS, `${label}: consumed “${piece.consumed}” (${piece.reason})`);
  }
}

describe('nothing is lost', () => {
  it('on 300 generated messy stories, every word ends up in exactly one part', async () => {
    const encodings = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const story = generateStory(seed);
      encodings.add(story.encoding);
      const work = await importWork([{ name: story.name, bytes: story.bytes }]);
      checkNothingLost(
        story.clean,
        work,
        `seed ${seed} (${story.encoding}${story.collapsed ? ', collapsed' : ''}${story.truncated ? ', truncated' : ''})`,
      );
    }
    assert.equal(encodings.size, 7);
  });

  it('finds the chapters, the title and the damage of generated stories', async () => {
    for (let seed = 1; seed <= 300; seed++) {
      const story = generateStory(seed);
      const work = await importWork([{ name: story.name, bytes: story.bytes }]);
      const label = `seed ${seed}`;
      assert.equal(work.chapters.length, story.chapters, label);
      assert.ok(
        work.chapters.every((c) => c.blocks.some((b) => b.type === 'paragraph')),
        `${label}: a chapter without story text`,
      );
      if (story.title) assert.equal(work.title, story.title, label);
      const codes = work.warnings.map((w) => w.code);
      if (story.encoding.startsWith('mojibake')) assert.ok(codes.includes('mojibake-repaired'), label);
      if (story.encoding === 'windows-1252' || story.encoding === 'utf-16be')
        assert.ok(codes.includes('encoding-guessed'), label);
      if (story.truncated) assert.ok(codes.includes('truncated'), `${label}: ${JSON.stringify(work.warnings)}`);
      assert.ok(
        !work.chapters.some((c) => c.blocks.some((b) => b.type === 'paragraph' && /â€|Ã/.test(b.text))),
        `${label}: mojibake left`,
      );
    }
  });

  it('on RTF files as TextEdit, WordPad and Word write them', async () => {
    for (const sample of RTF_SAMPLES) {
      const work = await importWork([{ name: sample.name, bytes: sample.bytes }]);
      checkNothingLost(sample.text, work, sample.name);
    }
  });

  for (const name of readdirSync(FIXTURES)) {
    it(`on the real example ${name}`, async () => {
      const bytes = readFileSync(join(FIXTURES, name));
      const work = await importWork([{ name, bytes }]);
      checkNothingLost(new TextDecoder().decode(bytes), work, name);
    });
  }
});
