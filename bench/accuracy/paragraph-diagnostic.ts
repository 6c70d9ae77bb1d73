/**
 * Where paragraph restoration misses or adds boundaries on the collapsed stories of the labelled
 * set: each boundary is classed by the kinds of paragraph either side (N narration, Q a line of
 * speech first, NQ narration then speech), with counts and a few examples of each class.
 * Run: node --import tsx bench/accuracy/paragraph-diagnostic.ts [--stories 160] [--examples 3]
 */
import { parseArgs } from 'node:util';
import { importWork } from '../../src/text/import/index.ts';
import { align, words } from '../import-accuracy.ts';
import { labelledSet } from './labelled-stories.ts';

const OPENS_WITH_SPEECH = /^["“]/;
const HAS_SPEECH = /["“”]/;
function kind(paragraph: string): string {
  if (OPENS_WITH_SPEECH.test(paragraph)) return 'Q';
  return HAS_SPEECH.test(paragraph) ? 'NQ' : 'N';
}

/** Word offsets where a paragraph starts (the first excepted), over the chapter's words. */
function starts(paragraphs: string[]): Set<number> {
  const out = new Set<number>();
  let at = 0;
  for (const [i, p] of paragraphs.entries()) {
    if (i > 0) out.add(at);
    at += words(p).length;
  }
  return out;
}

/** The paragraph of `paragraphs` that holds word `offset`. */
function around(paragraphs: string[], offset: number): number {
  let at = 0;
  for (const [i, p] of paragraphs.entries()) {
    at += words(p).length;
    if (offset < at) return i;
  }
  return paragraphs.length - 1;
}

const { values } = parseArgs({
  options: {
    stories: { type: 'string', default: '160' },
    labels: { type: 'string', default: '2' },
    examples: { type: 'string', default: '3' },
  },
});
const missed = new Map<string, string[]>();
const added = new Map<string, string[]>();
let truthCount = 0;
let foundCount = 0;
let right = 0;
const lengths: number[] = [];
const truthLengths: number[] = [];
for (const story of labelledSet(Number(values.stories), values.labels === '1' ? 1 : 2).filter((s) =>
  s.damage.includes('collapsed'),
)) {
  const work = await importWork([{ name: story.name, bytes: story.bytes }]);
  story.truth.chapters.forEach((chapter, c) => {
    const truth = chapter.paragraphs.filter((p): p is string => p !== null);
    const found =
      work.chapters[c]?.blocks.flatMap((b) => (b.type === 'paragraph' && words(b.text).length ? [b.text] : [])) ?? [];
    truthLengths.push(...truth.map((p) => words(p).length));
    lengths.push(...found.map((p) => words(p).length));
    const t = starts(truth);
    // Found paragraph starts placed in the truth's words (notes left in the story shift them).
    const at = align(truth.flatMap(words), found.flatMap(words));
    const place = (k: number) => {
      while (k < at.length && at[k] < 0) k++;
      return k < at.length ? at[k] : -1;
    };
    const f = new Set([...starts(found)].map(place));
    const foundAt = found.map((_, i) => place(found.slice(0, i).flatMap(words).length));
    truthCount += t.size;
    foundCount += f.size;
    for (const offset of t) {
      if (f.has(offset)) {
        right++;
        continue;
      }
      const i = around(truth, offset);
      const key = `${kind(truth[i - 1])}|${kind(truth[i])}`;
      const list = missed.get(key) ?? [];
      list.push(`${story.id}: …${truth[i - 1].slice(-90)} ‖ ${truth[i].slice(0, 90)}…`);
      missed.set(key, list);
    }
    for (const offset of f) {
      if (t.has(offset)) continue;
      const i = foundAt.indexOf(offset);
      const j = around(truth, offset);
      if (i <= 0) continue;
      const key = kind(truth[j]);
      const list = added.get(key) ?? [];
      list.push(`${story.id}: …${found[i - 1].slice(-90)} ‖ ${found[i].slice(0, 90)}…`);
      added.set(key, list);
    }
  });
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const n = Number(values.examples);
console.log(
  `boundaries: truth ${truthCount}, found ${foundCount}, right ${right}; precision ${(right / foundCount).toFixed(3)}, recall ${(right / truthCount).toFixed(3)}`,
);
console.log(`median paragraph words: truth ${median(truthLengths)}, found ${median(lengths)}`);
console.log('\nMissed (truth paragraph kinds before|after):');
for (const [key, list] of [...missed].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${key}: ${list.length}`);
  for (const e of list.slice(0, n)) console.log(`      ${e}`);
}
console.log('\nAdded inside a truth paragraph of kind:');
for (const [key, list] of [...added].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${key}: ${list.length}`);
  for (const e of list.slice(0, n)) console.log(`      ${e}`);
}
