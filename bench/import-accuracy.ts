/**
 * Import accuracy on a labelled set of damaged stories (bench/accuracy/labelled-stories.ts):
 *   - story words placed in the story text, note words placed in notes (work or chapter notes,
 *     disclaimers), counted as multisets of normalized words;
 *   - paragraph boundary F1 on collapsed text (and on all text), a boundary being the place in
 *     the story's words where a paragraph starts (found text aligned word by word to the truth);
 *   - stories with the right number of chapters, chapter titles right, work titles right;
 *   - creator (byline) right; the share of words placed in the story that are story words (a title,
 *     byline, header field or note left in the story lowers it); note sentences kept whole in one
 *     note; the story's edges (first and last words of each chapter, and story lines written to
 *     look like notes) in the story and in no note.
 * Every measure per family — the damaged "v2" set (labelled-stories.ts) and the "plain" set of
 * writers' own text files (plain-stories.ts) — and overall, so a regression in one shows.
 * Run: node --import tsx bench/import-accuracy.ts [--stories 160] [--plain 80] [--family v2,plain]
 *        [--labels 2|1] [--json] [--worst 5] [--labels-unplaced] [--only 3,7]
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { importWork, type ImportedWork } from '../src/text/import/index.ts';
import { labelledSet, type Damage, type LabelledStory } from './accuracy/labelled-stories.ts';
import { plainSet, type PlainStory } from './accuracy/plain-stories.ts';

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

/** A note's sentences (label on the first), kept apart at ". " but not inside initials ("J.K. Rowling"). */
export function noteSentences(note: string): string[] {
  return note
    .split(/(?<=[.!?]["”]?\)?)(?<!\b\p{Lu}\.\p{Lu}\.)\s+/u)
    .map((t) => t.trim())
    .filter((t) => words(t).length > 0);
}

/** `needle`'s words, in order and next to each other, among `hay`'s. */
function within(hay: string, needle: string): boolean {
  const n = words(needle).join(' ');
  return n !== '' && ` ${words(hay).join(' ')} `.includes(` ${n} `);
}

/**
 * The byline the import read, its "by"/"Author:" label left off: a metadata piece for the author,
 * else one with no field (a saved AO3 page's byline heading is taken so).
 */
export function foundCreator(work: ImportedWork): string | null {
  const metadata = work.preview.pieces.filter((p) => p.part === 'metadata');
  const piece = metadata.find((p) => p.field === 'author') ?? metadata.find((p) => p.field === undefined);
  if (!piece) return null;
  // A byline or an author field gives the pen name alone, its "by" or label kept aside as read.
  if (piece.field === 'author') return piece.text.trim();
  return `${piece.consumed} ${piece.text}`
    .replace(
      /^\s*(?:written\s+by|(?:a\s+(?:\S+\s+)?)?(?:story|fanfic(?:tion)?|fic)\s+by|by|author|von|por|par|de)\s*:?\s*/i,
      '',
    )
    .trim();
}

/** The creator the file names: saved FFN and AO3 pages name one even for a story without a byline. */
function expectedCreator(story: LabelledStory): string | null {
  if (story.truth.author !== null) return story.truth.author;
  if (story.damage.includes('html-ffn')) return 'anonymous';
  if (story.damage.includes('html-ao3-page')) return 'orphan_account';
  return null;
}

const EDGE_WORDS = 8;

export interface StoryScore {
  id: number;
  name: string;
  family: 'v2' | 'plain';
  damage: Damage[];
  /** Plain family: the shapes the story was made in. */
  shapes: string[];
  storyWords: number;
  storyInStory: number;
  noteWords: number;
  notesInNotes: number;
  boundaries: { truth: number; found: number; right: number };
  speechBoundaries: { truth: number; found: number; right: number };
  chaptersRight: boolean;
  chapterTitles: { total: number; right: number };
  titleRight: boolean;
  /** Words the import placed in the story text, and how many of them are story words. */
  storyPlaced: number;
  storyPlacedRight: number;
  creatorRight: boolean;
  noteSentences: { total: number; right: number };
  storyEdges: { total: number; right: number };
  /** What went wrong, for the worst-failures list. */
  found: {
    title: string | null;
    creator: string | null;
    /** Note sentences not kept whole in a note, with the part that holds them (or "split/lost"). */
    notesAstray: string[];
    /** Story edges not in the story alone, with the part that holds them. */
    storyAstray: string[];
  };
  error?: string;
}

/**
 * `countLabels` false: label words ("A/N:") are never counted as placed, as the first version of
 * this benchmark measured (the baseline in bench/RESULTS.md).
 */
export function scoreStory(story: LabelledStory | PlainStory, work: ImportedWork, countLabels = true): StoryScore {
  const pieces = work.preview.pieces;
  const plain = 'family' in story && story.family === 'plain' ? story : null;
  const truthStory = bag(story.truth.chapters.flatMap((c) => c.paragraphs.filter((p): p is string => p !== null)));
  const truthNotes = bag([
    ...story.truth.notesBefore,
    ...story.truth.notesAfter,
    ...story.truth.chapters.flatMap((c) => [...c.notesBefore, ...c.notesAfter]),
  ]);
  const storyTexts = pieces.filter((p) => p.part === 'text').map((p) => p.text);
  const placedStory = bag(storyTexts);
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
  // Sentence-level placement: each note sentence whole inside one note, each story edge in the
  // story and in no note.
  const noteTexts = pieces.filter((p) => NOTE_PARTS.has(p.part)).map((p) => `${p.consumed} ${p.text}`);
  const holder = (text: string) => {
    const p = pieces.find((q) => within(`${q.consumed} ${q.text}`, text));
    return p ? p.part : 'split/lost';
  };
  const allNotes = [
    ...story.truth.notesBefore,
    ...story.truth.chapters.flatMap((c) => [...c.notesBefore, ...c.notesAfter]),
    ...story.truth.notesAfter,
  ];
  const sentences = allNotes.flatMap(noteSentences);
  const notesAstray = sentences.filter((t) => !noteTexts.some((n) => within(n, t)));
  const edges: string[] = [];
  // The first words of each chapter's first paragraph and the last of its last (a paragraph may
  // be a piece of its own, so an edge never reaches over into the next one).
  for (const chapter of truthParagraphs) {
    const paragraphs = chapter.map((p) => p.split(/\s+/).filter(Boolean)).filter((p) => p.length > 0);
    if (paragraphs.length === 0) continue;
    const first = paragraphs[0];
    const last = paragraphs[paragraphs.length - 1];
    edges.push(first.slice(0, EDGE_WORDS).join(' '));
    if (paragraphs.length > 1 || first.length > EDGE_WORDS) edges.push(last.slice(-EDGE_WORDS).join(' '));
  }
  edges.push(...(plain?.lookalikes ?? []));
  const storyAstray = edges.filter((e) => !storyTexts.some((t) => within(t, e)) || noteTexts.some((n) => within(n, e)));
  const creator = foundCreator(work);
  return {
    id: story.id,
    name: story.name,
    family: plain ? 'plain' : 'v2',
    damage: story.damage,
    shapes: plain?.shapes ?? [],
    storyWords: total(truthStory),
    storyInStory: overlap(truthStory, placedStory),
    noteWords: total(truthNotes),
    notesInNotes: overlap(truthNotes, placedNotes),
    boundaries: compareBoundaries(truthParagraphs, foundParagraphs),
    speechBoundaries: compareBoundaries(truthParagraphs, foundParagraphs, true),
    chaptersRight,
    chapterTitles: { total: headed.length, right: titlesRight },
    titleRight: norm(work.title) === norm(story.truth.title),
    storyPlaced: total(placedStory),
    storyPlacedRight: overlap(truthStory, placedStory),
    creatorRight: norm(creator) === norm(expectedCreator(story)),
    noteSentences: { total: sentences.length, right: sentences.length - notesAstray.length },
    storyEdges: { total: edges.length, right: edges.length - storyAstray.length },
    found: {
      title: work.title,
      creator,
      notesAstray: notesAstray.map((t) => `${t} → ${holder(t)}`),
      storyAstray: storyAstray.map(
        (t) =>
          `${t} → ${
            pieces
              .filter((p) => within(`${p.consumed} ${p.text}`, t))
              .map((p) => p.part)
              .join('+') || 'split/lost'
          }`,
      ),
    },
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
  creatorsRight: number;
  storyPurity: number;
  noteSentencesInNotes: number;
  storyEdgesInStory: number;
}

function f1(scores: StoryScore[], speech = false): number {
  const of = (s: StoryScore) => (speech ? s.speechBoundaries : s.boundaries);
  const t = scores.reduce((n, s) => n + of(s).truth, 0);
  const f = scores.reduce((n, s) => n + of(s).found, 0);
  const r = scores.reduce((n, s) => n + of(s).right, 0);
  if (t === 0) return NaN;
  if (f === 0) return 0;
  const precision = r / f;
  const recall = r / t;
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** A share, NaN (shown as —) when there is nothing to count. */
const ratio = (right: number, all: number) => (all === 0 ? NaN : right / all);

export function summarize(scores: StoryScore[]): Summary {
  const sum = (f: (s: StoryScore) => number) => scores.reduce((n, s) => n + f(s), 0);
  const collapsed = scores.filter((s) => s.damage.includes('collapsed'));
  return {
    stories: scores.length,
    storyWordsInStory: ratio(
      sum((s) => s.storyInStory),
      sum((s) => s.storyWords),
    ),
    noteWordsInNotes: ratio(
      sum((s) => s.notesInNotes),
      sum((s) => s.noteWords),
    ),
    paragraphF1Collapsed: f1(collapsed),
    paragraphF1CollapsedSpeech: f1(collapsed, true),
    paragraphF1All: f1(scores),
    chaptersRight: ratio(
      sum((s) => (s.chaptersRight ? 1 : 0)),
      scores.length,
    ),
    chapterTitlesRight: ratio(
      sum((s) => s.chapterTitles.right),
      sum((s) => s.chapterTitles.total),
    ),
    workTitlesRight: ratio(
      sum((s) => (s.titleRight ? 1 : 0)),
      scores.length,
    ),
    creatorsRight: ratio(
      sum((s) => (s.creatorRight ? 1 : 0)),
      scores.length,
    ),
    storyPurity: ratio(
      sum((s) => s.storyPlacedRight),
      sum((s) => s.storyPlaced),
    ),
    noteSentencesInNotes: ratio(
      sum((s) => s.noteSentences.right),
      sum((s) => s.noteSentences.total),
    ),
    storyEdgesInStory: ratio(
      sum((s) => s.storyEdges.right),
      sum((s) => s.storyEdges.total),
    ),
  };
}

/** How badly a story went, for the worst-failures list: 0 when everything is right. */
function badness(s: StoryScore): number {
  const share = (right: number, all: number) => (all === 0 ? 0 : 1 - right / all);
  return (
    share(s.storyInStory, s.storyWords) +
    share(s.notesInNotes, s.noteWords) +
    share(s.storyPlacedRight, s.storyPlaced) +
    share(s.noteSentences.right, s.noteSentences.total) +
    share(s.storyEdges.right, s.storyEdges.total) +
    (s.titleRight ? 0 : 0.5) +
    (s.creatorRight ? 0 : 0.5) +
    (s.chaptersRight ? 0 : 0.5)
  );
}

function failed(story: LabelledStory | PlainStory, error: unknown): StoryScore {
  const plain = 'family' in story && story.family === 'plain' ? story : null;
  return {
    id: story.id,
    name: story.name,
    family: plain ? 'plain' : 'v2',
    damage: story.damage,
    shapes: plain?.shapes ?? [],
    storyWords: 1,
    storyInStory: 0,
    noteWords: 0,
    notesInNotes: 0,
    boundaries: { truth: 0, found: 0, right: 0 },
    speechBoundaries: { truth: 0, found: 0, right: 0 },
    chaptersRight: false,
    chapterTitles: { total: 0, right: 0 },
    titleRight: false,
    storyPlaced: 0,
    storyPlacedRight: 0,
    creatorRight: false,
    noteSentences: { total: 0, right: 0 },
    storyEdges: { total: 0, right: 0 },
    found: { title: null, creator: null, notesAstray: [], storyAstray: [] },
    error: String(error),
  };
}

/** Figures of a measure with nothing to measure (no headed chapter, no collapsed story) are NaN: shown as —. */
const pct = (x: number) => (Number.isNaN(x) ? '—' : `${(x * 100).toFixed(1)}%`);
const f3 = (x: number) => (Number.isNaN(x) ? '—' : x.toFixed(3));

function table(heading: string, rows: [string, Summary][]): void {
  console.log(
    `| ${heading} | stories | story words in story | words in story that are story | note words in notes | note sentences whole in a note | story edges in story | paragraph F1 (collapsed) | … next to speech (collapsed) | paragraph F1 (all) | chapter count right | chapter titles right | work title right | creator right |`,
  );
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const [name, s] of rows)
    console.log(
      `| ${name} | ${s.stories} | ${pct(s.storyWordsInStory)} | ${pct(s.storyPurity)} | ${pct(s.noteWordsInNotes)} | ${pct(s.noteSentencesInNotes)} | ${pct(s.storyEdgesInStory)} | ${f3(s.paragraphF1Collapsed)} | ${f3(s.paragraphF1CollapsedSpeech)} | ${f3(s.paragraphF1All)} | ${pct(s.chaptersRight)} | ${pct(s.chapterTitlesRight)} | ${pct(s.workTitlesRight)} | ${pct(s.creatorsRight)} |`,
    );
}

const by = (scores: StoryScore[], key: (s: StoryScore) => string[]): [string, Summary][] =>
  [...new Set(scores.flatMap(key))].sort().map((k) => [k, summarize(scores.filter((s) => key(s).includes(k)))]);

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      stories: { type: 'string', default: '160' },
      plain: { type: 'string', default: '80' },
      family: { type: 'string', default: 'v2,plain' },
      labels: { type: 'string', default: '2' },
      json: { type: 'boolean', default: false },
      worst: { type: 'string', default: '0' },
      only: { type: 'string' },
      'labels-unplaced': { type: 'boolean', default: false },
    },
  });
  const families = values.family.split(',');
  let set: (LabelledStory | PlainStory)[] = [
    ...(families.includes('v2') ? labelledSet(Number(values.stories), values.labels === '1' ? 1 : 2) : []),
    ...(families.includes('plain') ? plainSet(Number(values.plain)) : []),
  ];
  if (values.only) set = set.filter((s) => values.only!.split(',').map(Number).includes(s.id));
  const scores: StoryScore[] = [];
  for (const story of set) {
    try {
      const work = await importWork([{ name: story.name, bytes: story.bytes }]);
      scores.push(scoreStory(story, work, !values['labels-unplaced']));
    } catch (error) {
      scores.push(failed(story, error));
    }
  }
  const v2 = scores.filter((s) => s.family === 'v2');
  const plain = scores.filter((s) => s.family === 'plain');
  const all = summarize(scores);
  const familyRows: [string, Summary][] = [
    ...(v2.length ? [[`${values.labels === '1' ? 'v1' : 'v2'} (damaged)`, summarize(v2)] as [string, Summary]] : []),
    ...(plain.length ? [['plain (writers’ files)', summarize(plain)] as [string, Summary]] : []),
    ['all', all],
  ];
  if (values.json) {
    console.log(
      JSON.stringify(
        {
          all,
          families: Object.fromEntries(familyRows),
          byDamage: Object.fromEntries(by(v2, (s) => s.damage)),
          byShape: Object.fromEntries(by(plain, (s) => s.shapes)),
          stories: scores,
        },
        null,
        2,
      ),
    );
    return;
  }
  table('family', familyRows);
  if (v2.length) {
    console.log('\nv2 set by damage:\n');
    table(
      'damage',
      by(v2, (s) => s.damage),
    );
  }
  if (plain.length) {
    console.log('\nplain set by shape (a story has several) and damage:\n');
    table('shape', [
      ...by(plain, (s) => s.shapes),
      ...by(plain, (s) => s.damage).map(([k, v]): [string, Summary] => [`damage: ${k}`, v]),
    ]);
  }
  const errors = scores.filter((s) => s.error);
  if (errors.length)
    console.log(`\n${errors.length} failed: ${errors.map((e) => `${e.name} (${e.error})`).join('; ')}`);
  const worst = Number(values.worst);
  if (worst > 0) {
    for (const [family, list] of [
      ['v2', v2],
      ['plain', plain],
    ] as const) {
      if (list.length === 0) continue;
      console.log(`\nworst ${family} stories:`);
      const bad = [...list].sort((a, b) => badness(b) - badness(a) || a.id - b.id).slice(0, worst);
      for (const s of bad) {
        const story = set.find((x) => x.name === s.name);
        const input = story && 'text' in story ? story.text : null;
        console.log(
          `\n${s.name} [${[...s.shapes, ...s.damage].join(', ')}]: story ${s.storyInStory}/${s.storyWords}, notes ${s.notesInNotes}/${s.noteWords}, in story that is story ${s.storyPlacedRight}/${s.storyPlaced}, chapters ${s.chaptersRight ? 'ok' : 'WRONG'}, titles ${s.chapterTitles.right}/${s.chapterTitles.total}`,
        );
        if (input !== null) console.log(`  input: ${JSON.stringify(input.slice(0, 200))}`);
        if (!s.titleRight)
          console.log(`  title: ${JSON.stringify(s.found.title)}, truth ${JSON.stringify(story?.truth.title)}`);
        if (!s.creatorRight)
          console.log(
            `  creator: ${JSON.stringify(s.found.creator)}, truth ${JSON.stringify(story && expectedCreator(story))}`,
          );
        for (const t of s.found.notesAstray) console.log(`  note sentence astray: ${t}`);
        for (const t of s.found.storyAstray) console.log(`  story astray: ${t}`);
      }
    }
  }
}

// Imported by bench/accuracy/paragraph-diagnostic.ts for its measures: run only as a script.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
