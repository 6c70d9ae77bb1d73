/**
 * Import accuracy on a held-out set of 40 hand-written fan fiction files (bench/accuracy/heldout/),
 * written without looking at the importer or its generated benchmark (issue 18). Labels in
 * bench/accuracy/heldout/labels.json: title, creator, the exact text of each note / disclaimer /
 * summary and where it belongs, and per chapter its title and the story's first and last sentence.
 *
 * Measures (words normalized and counted as multisets, as in bench/import-accuracy.ts):
 *   - title right, creator right (the preview's metadata piece with field 'author');
 *   - note words placed in any note part, and in the part the label names;
 *   - story words (each chapter's source from its first to its last labelled sentence) placed in
 *     the story, and the share of words placed in the story that are story words;
 *   - chapter count right, chapter titles right (a bare "Chapter 2" / "II" heading may come back
 *     as no title), first and last sentence of each chapter in that chapter's text and in no note.
 * A second set, written later by someone else, is in bench/accuracy/heldout2/ (`--set heldout2`), and a
 * third, by yet another writer, in bench/accuracy/heldout3/ (`--set heldout3`); a fourth in bench/accuracy/heldout4/
 * (`--set heldout4`), a fifth in bench/accuracy/heldout5/ (`--set heldout5`), and so on to the twenty-fourth in
 * bench/accuracy/heldout24/ (`--set heldout24`); each set's README says who wrote it and what they had read.
 * Run: node --import tsx bench/import-heldout.ts [--set heldout2|…|heldout24] [--worst 10] [--only 07,12] [--json]
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DomUtils, parseDocument } from 'htmlparser2';
import iconv from 'iconv-lite';
import { ImportError, importWork, type ImportedWork } from '../src/text/import/index.ts';
import { chapterHeading } from '../src/text/import/cues.ts';
import { foundCreator, words } from './import-accuracy.ts';

const SETS = [
  'heldout',
  'heldout2',
  'heldout3',
  'heldout4',
  'heldout5',
  'heldout6',
  'heldout7',
  'heldout8',
  'heldout9',
  'heldout10',
  'heldout11',
  'heldout12',
  'heldout13',
  'heldout14',
  'heldout15',
  'heldout16',
  'heldout17',
  'heldout18',
  'heldout19',
  'heldout20',
  'heldout21',
  'heldout22',
  'heldout23',
  'heldout24',
];

/**
 * heldout5's writer numbered the chapters of its chapter notes from 1 (a one-chapter file's note is
 * "chapter": 1); every other set counts from 0, as the importer does.
 */
const CHAPTERS_FROM_ONE = new Set(['heldout5']);

type NoteKind = 'summary' | 'disclaimer' | 'work-begin' | 'work-end' | 'chapter-begin' | 'chapter-end';

interface Label {
  title: string | null;
  creator: string | null;
  notes: { kind: NoteKind; text: string; chapter?: number }[];
  chapterCount: number;
  chapters: { title: string | null; first: string; last: string }[];
  damage?: string;
}

const NOTE_PARTS = new Set([
  'notes',
  'end-notes',
  'chapter-notes',
  'chapter-end-notes',
  'disclaimer',
  'duplicate-disclaimer',
  'summary',
]);

type Bag = Map<string, number>;

function bag(texts: string[]): Bag {
  const counts: Bag = new Map();
  for (const t of texts) for (const w of words(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

/** What `a` holds beyond `b`. */
function minus(a: Bag, b: Bag): Bag {
  const rest: Bag = new Map();
  for (const [w, c] of a) if (c > (b.get(w) ?? 0)) rest.set(w, c - (b.get(w) ?? 0));
  return rest;
}

function overlap(truth: Bag, placed: Bag): number {
  let n = 0;
  for (const [w, c] of truth) n += Math.min(c, placed.get(w) ?? 0);
  return n;
}

const total = (m: Bag) => [...m.values()].reduce((a, b) => a + b, 0);
const norm = (t: string | null) => (t === null ? '' : words(t).join(' '));

/** The words of `needle` appear together, in order, in `hay`. */
function within(hay: string, needle: string): boolean {
  const n = norm(needle);
  return n !== '' && ` ${norm(hay)} `.includes(` ${n} `);
}

// Windows-1252 bytes 0x80-0x9f (Node's TextDecoder decodes them as Latin-1); the five unused ones stay C1 controls.
const C1 = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
const CP1252 = new Map(
  Array.from({ length: 256 }, (_, b) => [b >= 0x80 && b < 0xa0 ? C1[b - 0x80] : String.fromCharCode(b), b] as const),
);

/**
 * A file saved as UTF-8 after being read as Windows-1252 ("Ã©", "â€™") back to the text its writer
 * typed, which is what its labels hold; any other text is left as it is.
 */
function undoMojibake(text: string): string {
  if (!/[ÃÂâð][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]/.test(text)) return text;
  const bytes: number[] = [];
  for (const ch of text) {
    const b = CP1252.get(ch);
    if (b === undefined) return text;
    bytes.push(b);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
  } catch {
    return text;
  }
}

/**
 * The file's characters as its writer saved them: UTF-16 by its byte-order mark, UTF-8 when the bytes
 * are valid UTF-8, else Windows-1252 (the sets hold files saved by Word and old mail clients).
 */
function fileText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes, 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes, 'utf-16be');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return iconv.decode(bytes, 'windows-1252');
  }
}

/** The file's text as a reader sees it (HTML tags dropped, entities decoded, mojibake undone). */
function sourceText(name: string, raw: string): string {
  const text = undoMojibake(raw);
  if (!/\.html?$/i.test(name)) return text;
  return DomUtils.textContent(parseDocument(text.replace(/</g, ' <')));
}

function indexOf(hay: string[], needle: string[], from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/** Each chapter's story words: the source from the first labelled sentence to the end of the last. */
function storySpans(text: string, label: Label): string[][] {
  const all = words(text);
  const spans: string[][] = [];
  let from = 0;
  for (const c of label.chapters) {
    const first = words(c.first);
    const last = words(c.last);
    const start = indexOf(all, first, from);
    const lastAt = start < 0 ? -1 : indexOf(all, last, start);
    if (start < 0 || lastAt < 0) throw new Error(`label sentence not found in the file: ${c.first} / ${c.last}`);
    const end = lastAt + last.length;
    spans.push(all.slice(start, end));
    from = end;
  }
  return spans;
}

// "Chapter 2", "Глава 2", "Hoofdstuk een", "II": a heading that numbers its chapter and names nothing,
// as the importer's own reading of headings has it (the words for "chapter" and the numbers of the
// languages it knows).
const BARE_HEADING = /^(?:\d+|[ivxlc]+|one|two|three|four|five|six|seven|eight|nine|ten)\.?$/i;
const bareHeading = (t: string) => BARE_HEADING.test(t) || chapterHeading(t)?.title === null;

function chapterTitleRight(found: string | null, truth: string | null): boolean {
  if (norm(found) === norm(truth)) return true;
  const bare = (t: string | null) => t === null || bareHeading(t.trim());
  return bare(found) && bare(truth);
}

/** The note parts a labelled note may land in and count as "the right kind". */
function rightParts(kind: NoteKind, chapter: number | undefined, chapters: number) {
  const ch = chapter ?? 0;
  return (p: { part: string; chapter: number | null }) => {
    switch (kind) {
      case 'summary':
        return p.part === 'summary';
      case 'disclaimer':
        return p.part === 'disclaimer' || p.part === 'duplicate-disclaimer';
      case 'work-begin':
        return p.part === 'notes' || (p.part === 'chapter-notes' && p.chapter === 0);
      case 'work-end':
        return p.part === 'end-notes' || (p.part === 'chapter-end-notes' && p.chapter === chapters - 1);
      case 'chapter-begin':
        return (p.part === 'chapter-notes' && p.chapter === ch) || (ch === 0 && p.part === 'notes');
      case 'chapter-end':
        return (p.part === 'chapter-end-notes' && p.chapter === ch) || (ch === chapters - 1 && p.part === 'end-notes');
    }
  };
}

interface Score {
  name: string;
  titleRight: boolean;
  creatorRight: boolean;
  noteWords: number;
  notesInNotes: number;
  notesInRightPart: number;
  storyWords: number;
  storyInStory: number;
  storyPlaced: number;
  storyPlacedRight: number;
  chaptersRight: boolean;
  chapterTitles: { right: number; total: number };
  edges: { right: number; total: number };
  /** Words out of place (note words outside the notes, story words outside the story, other words in it), and how many of them the preview marks "Check this guess". */
  misplaced: { words: number; flagged: number };
  /** Words of the note, story and left-out pieces marked "Check this guess", and how many of them were where they belong. */
  checked: { words: number; right: number };
  misses: string[];
}

const clip = (t: string, n = 90) => {
  const s = t.replace(/\s+/g, ' ').trim();
  return s.length > n ? `${s.slice(0, n)}…` : s;
};

function score(name: string, raw: string, label: Label, work: ImportedWork): Score {
  const pieces = work.preview.pieces;
  const misses: string[] = [];
  const text = sourceText(name, raw);

  const titleRight = norm(work.title) === norm(label.title);
  if (!titleRight) misses.push(`title ${JSON.stringify(work.title)}, truth ${JSON.stringify(label.title)}`);
  const creator = foundCreator(work);
  const creatorRight = norm(creator) === norm(label.creator);
  if (!creatorRight) misses.push(`creator ${JSON.stringify(creator)}, truth ${JSON.stringify(label.creator)}`);

  const notePieces = pieces.filter((p) => NOTE_PARTS.has(p.part));
  const truthNotes = bag(label.notes.map((n) => n.text));
  const notesInNotes = overlap(truthNotes, bag(notePieces.map((p) => p.text)));
  let notesInRightPart = 0;
  for (const n of label.notes) {
    const right = rightParts(n.kind, n.chapter, label.chapterCount);
    const inRight = overlap(bag([n.text]), bag(notePieces.filter(right).map((p) => p.text)));
    notesInRightPart += inRight;
    const anywhere = overlap(bag([n.text]), bag(notePieces.map((p) => p.text)));
    const size = words(n.text).length;
    if (anywhere < size) {
      const where = pieces.find((p) => within(p.text, n.text.split(/(?<=[.!?])\s/)[0]))?.part ?? 'split/lost';
      misses.push(`${n.kind} note ${anywhere}/${size} words in notes (in ${where}): ${clip(n.text)}`);
    } else if (inRight < size) {
      const parts = [...new Set(notePieces.filter((p) => within(p.text, n.text)).map((p) => p.part))];
      misses.push(`${n.kind} note in ${parts.join('/') || 'several notes'}: ${clip(n.text, 60)}`);
    }
  }

  const spans = storySpans(text, label);
  const truthStory = bag(spans.map((s) => s.join(' ')));
  const storyTexts = pieces.filter((p) => p.part === 'text').map((p) => p.text);
  const placed = bag(storyTexts);
  const storyInStory = overlap(truthStory, placed);
  const storyPlacedRight = overlap(placed, truthStory);
  const storyWords = total(truthStory);
  const storyPlaced = total(placed);
  if (storyInStory < storyWords) misses.push(`story words in story ${storyInStory}/${storyWords}`);
  if (storyPlacedRight < storyPlaced) {
    const extra = storyTexts.filter((t) => !spans.some((s) => ` ${s.join(' ')} `.includes(` ${norm(t)} `)));
    misses.push(
      `in story but not story: ${storyPlaced - storyPlacedRight} words${extra.length ? ` (${extra.map((t) => JSON.stringify(clip(t, 60))).join(', ')})` : ''}`,
    );
  }

  const chaptersRight = work.chapters.length === label.chapterCount;
  if (!chaptersRight) misses.push(`chapters ${work.chapters.length}, truth ${label.chapterCount}`);
  let titlesRight = 0;
  label.chapters.forEach((c, i) => {
    const found = work.chapters[i]?.title ?? null;
    if (chaptersRight && chapterTitleRight(found, c.title)) titlesRight++;
    else if (chaptersRight)
      misses.push(`chapter ${i + 1} title ${JSON.stringify(found)}, truth ${JSON.stringify(c.title)}`);
  });

  const noteText = notePieces.map((p) => p.text).join(' \n ');
  const chapterText = (i: number) =>
    chaptersRight ? pieces.filter((p) => p.part === 'text' && p.chapter === i).map((p) => p.text) : storyTexts;
  let edgesRight = 0;
  label.chapters.forEach((c, i) => {
    for (const [which, sentence] of [
      ['first', c.first],
      ['last', c.last],
    ] as const) {
      const inStory = chapterText(i).some((t) => within(t, sentence)) || within(chapterText(i).join(' '), sentence);
      const inNote = within(noteText, sentence);
      if (inStory && !inNote) edgesRight++;
      else
        misses.push(
          `chapter ${i + 1} ${which} sentence ${inStory ? 'also in a note' : inNote ? 'in a note' : 'not in the story'}: ${clip(sentence, 70)}`,
        );
    }
  });

  // Where the preview asks the writer to look: a word out of place in a marked piece is one the writer is led to.
  const marked = (which: (p: (typeof pieces)[number]) => boolean) =>
    bag(pieces.filter((p) => p.unsure && which(p)).map((p) => p.text));
  const notesOut = minus(truthNotes, bag(notePieces.map((p) => p.text)));
  const storyOut = minus(truthStory, placed);
  const strangers = minus(placed, truthStory);
  const misplaced = {
    words: total(notesOut) + total(storyOut) + total(strangers),
    flagged:
      overlap(
        notesOut,
        marked((p) => !NOTE_PARTS.has(p.part)),
      ) +
      overlap(
        storyOut,
        marked((p) => p.part !== 'text'),
      ) +
      overlap(
        strangers,
        marked((p) => p.part === 'text'),
      ),
  };
  // Titles and chapter titles are measured on their own; a line left out is right when it is neither note nor story.
  const markedNotes = marked((p) => NOTE_PARTS.has(p.part));
  const markedStory = marked((p) => p.part === 'text');
  const markedLeftOut = marked((p) => p.part === 'metadata');
  const checked = {
    words: total(markedNotes) + total(markedStory) + total(markedLeftOut),
    right:
      overlap(markedNotes, truthNotes) +
      overlap(markedStory, truthStory) +
      total(minus(minus(markedLeftOut, truthNotes), truthStory)),
  };

  return {
    name,
    titleRight,
    creatorRight,
    noteWords: total(truthNotes),
    notesInNotes,
    notesInRightPart,
    storyWords,
    storyInStory,
    storyPlaced,
    storyPlacedRight,
    chaptersRight,
    chapterTitles: { right: titlesRight, total: label.chapters.length },
    edges: { right: edgesRight, total: label.chapters.length * 2 },
    misplaced,
    checked,
    misses,
  };
}

/** A file the import refuses places nothing: every measure counts it as wrong, none skips it. */
function refused(name: string, raw: string, label: Label, error: ImportError): Score {
  const storyWords = total(bag(storySpans(sourceText(name, raw), label).map((s) => s.join(' '))));
  return {
    name,
    titleRight: false,
    creatorRight: false,
    noteWords: total(bag(label.notes.map((n) => n.text))),
    notesInNotes: 0,
    notesInRightPart: 0,
    storyWords,
    storyInStory: 0,
    storyPlaced: 0,
    storyPlacedRight: 0,
    chaptersRight: false,
    chapterTitles: { right: 0, total: label.chapters.length },
    edges: { right: 0, total: label.chapters.length * 2 },
    misplaced: { words: 0, flagged: 0 },
    checked: { words: 0, right: 0 },
    misses: [`the import refused the file: ${error.message}`],
  };
}

const pct = (a: number, b: number) => (b === 0 ? '   -  ' : `${((100 * a) / b).toFixed(1).padStart(5)}%`);

async function main() {
  const { values } = parseArgs({
    options: {
      worst: { type: 'string', default: '10' },
      only: { type: 'string' },
      json: { type: 'boolean', default: false },
      set: { type: 'string', default: 'heldout' },
    },
  });
  if (!SETS.includes(values.set)) throw new Error(`--set must be one of ${SETS.join(', ')}`);
  const DIR = join(import.meta.dirname, 'accuracy', values.set);
  const labels = JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')) as Record<string, Label>;
  if (CHAPTERS_FROM_ONE.has(values.set))
    for (const label of Object.values(labels)) for (const n of label.notes) if (n.chapter !== undefined) n.chapter -= 1;
  const only = values.only?.split(',').map((s) => s.trim());
  const names = readdirSync(DIR)
    .filter((n) => n !== 'labels.json' && labels[n])
    .filter((n) => !only || only.some((o) => n.startsWith(o)))
    .sort();
  const unlabelled = readdirSync(DIR).filter((n) => n !== 'labels.json' && !labels[n]);
  if (unlabelled.length) throw new Error(`files without labels: ${unlabelled.join(', ')}`);

  const scores: Score[] = [];
  for (const name of names) {
    const bytes = readFileSync(join(DIR, name));
    const work = await importWork([{ name, bytes }]).catch((error: unknown) => {
      if (error instanceof ImportError) return error;
      throw error;
    });
    scores.push(
      work instanceof ImportError
        ? refused(name, fileText(bytes), labels[name], work)
        : score(name, fileText(bytes), labels[name], work),
    );
  }
  if (values.json) {
    console.log(JSON.stringify(scores, null, 2));
    return;
  }

  const sum = (f: (s: Score) => number) => scores.reduce((a, s) => a + f(s), 0);
  const multi = scores.filter((s) => labels[s.name].chapterCount > 1);
  const rows: [string, string, string][] = [
    ['files', String(scores.length), ''],
    [
      'titles right',
      pct(
        sum((s) => +s.titleRight),
        scores.length,
      ),
      `${sum((s) => +s.titleRight)}/${scores.length}`,
    ],
    [
      'creators right',
      pct(
        sum((s) => +s.creatorRight),
        scores.length,
      ),
      `${sum((s) => +s.creatorRight)}/${scores.length}`,
    ],
    [
      'note words in notes',
      pct(
        sum((s) => s.notesInNotes),
        sum((s) => s.noteWords),
      ),
      `${sum((s) => s.notesInNotes)}/${sum((s) => s.noteWords)}`,
    ],
    [
      'note words in the labelled part',
      pct(
        sum((s) => s.notesInRightPart),
        sum((s) => s.noteWords),
      ),
      `${sum((s) => s.notesInRightPart)}/${sum((s) => s.noteWords)}`,
    ],
    [
      'story words in story',
      pct(
        sum((s) => s.storyInStory),
        sum((s) => s.storyWords),
      ),
      `${sum((s) => s.storyInStory)}/${sum((s) => s.storyWords)}`,
    ],
    [
      'words in story that are story',
      pct(
        sum((s) => s.storyPlacedRight),
        sum((s) => s.storyPlaced),
      ),
      `${sum((s) => s.storyPlacedRight)}/${sum((s) => s.storyPlaced)}`,
    ],
    [
      'chapter count right',
      pct(
        sum((s) => +s.chaptersRight),
        scores.length,
      ),
      `${sum((s) => +s.chaptersRight)}/${scores.length}`,
    ],
    [
      '  multi-chapter files',
      pct(multi.filter((s) => s.chaptersRight).length, multi.length),
      `${multi.filter((s) => s.chaptersRight).length}/${multi.length}`,
    ],
    [
      'chapter titles right',
      pct(
        sum((s) => s.chapterTitles.right),
        sum((s) => s.chapterTitles.total),
      ),
      `${sum((s) => s.chapterTitles.right)}/${sum((s) => s.chapterTitles.total)}`,
    ],
    [
      'first/last sentences in story',
      pct(
        sum((s) => s.edges.right),
        sum((s) => s.edges.total),
      ),
      `${sum((s) => s.edges.right)}/${sum((s) => s.edges.total)}`,
    ],
    [
      'misplaced words marked to check',
      pct(
        sum((s) => s.misplaced.flagged),
        sum((s) => s.misplaced.words),
      ),
      `${sum((s) => s.misplaced.flagged)}/${sum((s) => s.misplaced.words)}`,
    ],
    [
      'marked words that were misplaced',
      pct(
        sum((s) => s.checked.words - s.checked.right),
        sum((s) => s.checked.words),
      ),
      `${sum((s) => s.checked.words - s.checked.right)}/${sum((s) => s.checked.words)}`,
    ],
    [
      'files with no miss',
      pct(scores.filter((s) => s.misses.length === 0).length, scores.length),
      `${scores.filter((s) => s.misses.length === 0).length}/${scores.length}`,
    ],
  ];
  console.log(`Held-out hand-written set (bench/accuracy/${values.set})\n`);
  for (const [k, v, n] of rows) console.log(`${k.padEnd(34)} ${v.padStart(7)}  ${n}`);

  const worst = Number(values.worst);
  if (worst > 0) {
    const badness = (s: Score) =>
      s.misses.length +
      (s.noteWords ? 1 - s.notesInNotes / s.noteWords : 0) * 3 +
      (1 - s.storyInStory / s.storyWords) * 3 +
      (s.storyPlaced ? 1 - s.storyPlacedRight / s.storyPlaced : 0) * 3;
    const ranked = scores.filter((s) => s.misses.length > 0).sort((a, b) => badness(b) - badness(a));
    console.log(`\nMisses (${Math.min(worst, ranked.length)} of ${ranked.length} files with any, worst first):`);
    for (const s of ranked.slice(0, worst)) {
      console.log(`\n${s.name}${labels[s.name].damage ? ` [${labels[s.name].damage}]` : ''}`);
      for (const m of s.misses) console.log(`  ${m}`);
    }
  }
}

await main();
