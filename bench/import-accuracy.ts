/**
 * Import accuracy on a labelled set of damaged stories (bench/accuracy/labelled-stories.ts):
 *   - story words placed in the story text, note words placed in notes (work or chapter notes,
 *     disclaimers), counted as multisets of normalized words;
 *   - paragraph boundary F1 on collapsed text (and on all text), a boundary being the place in
 *     the story's words where a paragraph starts (found text aligned word by word to the truth);
 *   - stories with the right number of chapters, chapter titles right, work titles right.
 * Run: node --import tsx bench/import-accuracy.ts [--stories 160] [--labels 2|1] [--json] [--worst 5] [--labels-unplaced]
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importWork, type ImportedWork } from '../src/text/import/index.ts';
import { labelledSet, type Damage, type LabelledStory } from './accuracy/labelled-stories.ts';

const NOTE_PARTS = new Set([
  'notes',
  'end-notes',
  'chapter-notes',
  'chapter-end-notes',
  'disclaimer',
  'duplicate-disclaimer',
  'summary',
]);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/[’'‘`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

function bag(texts: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of words(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** Words of `truth` found in `placed`, each placed word matching at most once. */
function overlap(truth: Map<string, number>, placed: Map<string, number>): number {
  let n = 0;
  for (const [w, c] of truth) n += Math.min(c, placed.get(w) ?? 0);
  return n;
}

const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

const SPEECH = /["“”]/;

/**
 * Where each word of `found` sits in `truth` (the same words, give or take a few put in or left
 * out around misplaced notes): greedy, resynchronizing on the nearest run of three equal words.
 */
export function align(truth: string[], found: string[]): number[] {
  const at = new Array<number>(found.length).fill(-1);
  const same = (i: number, j: number) =>
    truth[i] === found[j] && truth[i + 1] === found[j + 1] && truth[i + 2] === found[j + 2];
  let i = 0;
  let j = 0;
  while (i < truth.length && j < found.length) {
    if (truth[i] === found[j]) {
      at[j++] = i++;
      continue;
    }
    let step = 0;
    for (let k = 1; k < 400 && step === 0; k++) {
      if (same(i, j + k)) step = k;
      else if (same(i + k, j)) step = -k;
    }
    if (step > 0) j += step;
    else if (step < 0) i -= step;
    else {
      i++;
      j++;
    }
  }
  return at;
}

export interface Boundaries {
  truth: number;
  found: number;
  right: number;
}

/**
 * Paragraph boundaries compared as word offsets in the story: the truth's paragraph starts, and
 * the found ones placed in the truth's words by alignment. `speechOnly`: only boundaries with a
 * line of speech in the paragraph before or after (where speakers change).
 */
export function compareBoundaries(
  truthChapters: string[][],
  foundChapters: string[][],
  speechOnly = false,
): Boundaries {
  const result: Boundaries = { truth: 0, found: 0, right: 0 };
  const starts = (paragraphs: string[]) => {
    const out: { offset: number; speech: boolean }[] = [];
    let offset = 0;
    paragraphs.forEach((p, i) => {
      if (i > 0) out.push({ offset, speech: SPEECH.test(paragraphs[i - 1]) || SPEECH.test(p) });
      offset += words(p).length;
    });
    return out;
  };
  truthChapters.forEach((truthParagraphs, c) => {
    const truth = truthParagraphs.filter((t) => words(t).length > 0);
    const found = (foundChapters[c] ?? []).filter((t) => words(t).length > 0);
    const at = align(truth.flatMap(words), found.flatMap(words));
    const truthStarts = starts(truth).filter((b) => !speechOnly || b.speech);
    const truthSet = new Set(truthStarts.map((b) => b.offset));
    const placed = new Set<number>();
    for (const b of starts(found)) {
      if (speechOnly && !b.speech) continue;
      // A paragraph starting on words the truth lacks starts where the next truth word is.
      let k = b.offset;
      while (k < at.length && at[k] < 0) k++;
      const offset = k < at.length ? at[k] : -1;
      result.found++;
      if (truthSet.has(offset) && !placed.has(offset)) {
        placed.add(offset);
        result.right++;
      }
    }
    result.truth += truthStarts.length;
  });
  return result;
}

const norm = (t: string | null) => (t === null ? '' : words(t).join(' '));

export interface StoryScore {
  id: number;
  name: string;
  damage: Damage[];
  storyWords: number;
  storyInStory: number;
  noteWords: number;
  notesInNotes: number;
  boundaries: { truth: number; found: number; right: number };
  speechBoundaries: { truth: number; found: number; right: number };
  chaptersRight: boolean;
  chapterTitles: { total: number; right: number };
  titleRight: boolean;
  error?: string;
}

/**
 * `countLabels` false: label words ("A/N:") are never counted as placed, as the first version of
 * this benchmark measured (the baseline in bench/RESULTS.md).
 */
export function scoreStory(story: LabelledStory, work: ImportedWork, countLabels = true): StoryScore {
  const pieces = work.preview.pieces;
  const truthStory = bag(story.truth.chapters.flatMap((c) => c.paragraphs.filter((p): p is string => p !== null)));
  const truthNotes = bag([
    ...story.truth.notesBefore,
    ...story.truth.notesAfter,
    ...story.truth.chapters.flatMap((c) => [...c.notesBefore, ...c.notesAfter]),
  ]);
  const placedStory = bag(pieces.filter((p) => p.part === 'text').map((p) => p.text));
  // A note's label ("A/N:", "Disclaimer:") is consumed by the part it names: it counts as placed there.
  const placedNotes = bag(
    pieces.filter((p) => NOTE_PARTS.has(p.part)).map((p) => (countLabels ? `${p.consumed} ${p.text}` : p.text)),
  );
  const truthParagraphs = story.truth.chapters.map((c) => c.paragraphs.filter((p): p is string => p !== null));
  const foundParagraphs = work.chapters.map((c) => c.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])));
  const chaptersRight = work.chapters.length === story.truth.chapters.length;
  const headed = story.truth.chapters.filter((c) => c.heading !== null);
  let titlesRight = 0;
  story.truth.chapters.forEach((c, i) => {
    if (c.heading !== null && chaptersRight && norm(work.chapters[i]?.title ?? null) === norm(c.title)) titlesRight++;
  });
  return {
    id: story.id,
    name: story.name,
    damage: story.damage,
    storyWords: total(truthStory),
    storyInStory: overlap(truthStory, placedStory),
    noteWords: total(truthNotes),
    notesInNotes: overlap(truthNotes, placedNotes),
    boundaries: compareBoundaries(truthParagraphs, foundParagraphs),
    speechBoundaries: compareBoundaries(truthParagraphs, foundParagraphs, true),
    chaptersRight,
    chapterTitles: { total: headed.length, right: titlesRight },
    titleRight: norm(work.title) === norm(story.truth.title),
  };
}

interface Summary {
  stories: number;
  storyWordsInStory: number;
  noteWordsInNotes: number;
  paragraphF1Collapsed: number;
  paragraphF1CollapsedSpeech: number;
  paragraphF1All: number;
  chaptersRight: number;
  chapterTitlesRight: number;
  workTitlesRight: number;
}

function f1(scores: StoryScore[], speech = false): number {
  const of = (s: StoryScore) => (speech ? s.speechBoundaries : s.boundaries);
  const t = scores.reduce((n, s) => n + of(s).truth, 0);
  const f = scores.reduce((n, s) => n + of(s).found, 0);
  const r = scores.reduce((n, s) => n + of(s).right, 0);
  if (t === 0 || f === 0) return 0;
  const precision = r / f;
  const recall = r / t;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

export function summarize(scores: StoryScore[]): Summary {
  const sum = (f: (s: StoryScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  return {
    stories: scores.length,
    storyWordsInStory: sum((s) => s.storyInStory) / sum((s) => s.storyWords),
    noteWordsInNotes:
      sum((s) => s.notesInNotes) /
      Math.max(
        1,
        sum((s) => s.noteWords),
      ),
    paragraphF1Collapsed: f1(scores.filter((s) => s.damage.includes('collapsed'))),
    paragraphF1CollapsedSpeech: f1(
      scores.filter((s) => s.damage.includes('collapsed')),
      true,
    ),
    paragraphF1All: f1(scores),
    chaptersRight: sum((s) => (s.chaptersRight ? 1 : 0)) / scores.length,
    chapterTitlesRight:
      sum((s) => s.chapterTitles.right) /
      Math.max(
        1,
        sum((s) => s.chapterTitles.total),
      ),
    workTitlesRight: sum((s) => (s.titleRight ? 1 : 0)) / scores.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stories: { type: 'string', default: '160' },
      labels: { type: 'string', default: '2' },
      json: { type: 'boolean', default: false },
      worst: { type: 'string', default: '0' },
      only: { type: 'string' },
      'labels-unplaced': { type: 'boolean', default: false },
    },
  });
  let set = labelledSet(Number(values.stories), values.labels === '1' ? 1 : 2);
  if (values.only) set = set.filter((s) => values.only!.split(',').map(Number).includes(s.id));
  const scores: StoryScore[] = [];
  for (const story of set) {
    try {
      const work = await importWork([{ name: story.name, bytes: story.bytes }]);
      scores.push(scoreStory(story, work, !values['labels-unplaced']));
    } catch (error) {
      scores.push({
        id: story.id,
        name: story.name,
        damage: story.damage,
        storyWords: 1,
        storyInStory: 0,
        noteWords: 0,
        notesInNotes: 0,
        boundaries: { truth: 0, found: 0, right: 0 },
        speechBoundaries: { truth: 0, found: 0, right: 0 },
        chaptersRight: false,
        chapterTitles: { total: 0, right: 0 },
        titleRight: false,
        error: String(error),
      });
    }
  }
  const all = summarize(scores);
  if (values.json) {
    const byDamage = Object.fromEntries(
      [...new Set(scores.flatMap((s) => s.damage))].map((d) => [
        d,
        summarize(scores.filter((s) => s.damage.includes(d))),
      ]),
    );
    console.log(JSON.stringify({ all, byDamage, stories: scores }, null, 2));
    return;
  }
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows: [string, Summary][] = [['all', all]];
  const damages = [...new Set(scores.flatMap((s) => s.damage))].sort();
  for (const d of damages) rows.push([d, summarize(scores.filter((s) => s.damage.includes(d)))]);
  console.log(
    '| damage | stories | story words in story | note words in notes | paragraph F1 (collapsed) | … next to speech (collapsed) | paragraph F1 (all) | chapter count right | chapter titles right | work title right |',
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, s] of rows)
    console.log(
      `| ${name} | ${s.stories} | ${pct(s.storyWordsInStory)} | ${pct(s.noteWordsInNotes)} | ${s.paragraphF1Collapsed.toFixed(3)} | ${s.paragraphF1CollapsedSpeech.toFixed(3)} | ${s.paragraphF1All.toFixed(3)} | ${pct(s.chaptersRight)} | ${pct(s.chapterTitlesRight)} | ${pct(s.workTitlesRight)} |`,
    );
  const errors = scores.filter((s) => s.error);
  if (errors.length)
    console.log(`\n${errors.length} failed: ${errors.map((e) => `${e.name} (${e.error})`).join('; ')}`);
  const worst = Number(values.worst);
  if (worst > 0) {
    const bad = [...scores].sort(
      (a, b) =>
        a.storyInStory / a.storyWords +
        a.notesInNotes / Math.max(1, a.noteWords) -
        (b.storyInStory / b.storyWords + b.notesInNotes / Math.max(1, b.noteWords)),
    );
    for (const s of bad.slice(0, worst))
      console.log(
        `${s.id} ${s.damage.join(',')}: story ${s.storyInStory}/${s.storyWords}, notes ${s.notesInNotes}/${s.noteWords}, chapters ${s.chaptersRight ? 'ok' : 'WRONG'}, titles ${s.chapterTitles.right}/${s.chapterTitles.total}`,
      );
  }
}

// Imported by bench/accuracy/paragraph-diagnostic.ts for its measures: run only as a script.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
