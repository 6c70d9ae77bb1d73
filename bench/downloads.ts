/**
 * How long a 500,000-word work (50 chapters of 10,000 words) takes to become a download:
 *   1. building each format from the work in memory (EPUB, HTML, TXT), and
 *   2. a cold EPUB through DownloadService on an in-memory SQLite archive (loads the chapters too),
 * with the best and median of several runs, wall clock and CPU.
 * Run: node --import tsx bench/downloads.ts [--runs 7] [--chapters 50] [--words 10000]
 */
import { parseArgs } from 'node:util';
import { workEpub } from '../src/formats/epub.ts';
import { workHtml } from '../src/formats/html.ts';
import { workTxt } from '../src/formats/txt.ts';
import { DownloadService } from '../src/formats/service.ts';
import { openStore } from '../src/store/index.ts';
import { validateWork } from '../src/domain/works.ts';
import { countWordsInHtml } from '../src/domain/wordcount.ts';
import { chapter, sampleWork, ARCHIVE } from '../test/support/download-works.ts';
import { workInput } from '../test/support/works.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    chapters: { type: 'string', default: '50' },
    words: { type: 'string', default: '10000' },
  },
});
const runs = Number(values.runs);
const chapterCount = Number(values.chapters);
const wordsPerChapter = Number(values.words);

// Varied text (a seeded random walk over a few hundred words), so that compression works as hard as on prose.
const VOCABULARY = Array.from({ length: 400 }, (_, i) => ((i * 2654435761) >>> 0).toString(36).slice(0, 3 + (i % 7)));
let seed = 42;
function random(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}
function paragraph(words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(VOCABULARY[random(VOCABULARY.length)]);
  return `<p>${out.join(' ')}, <em>${VOCABULARY[random(VOCABULARY.length)]}</em>.</p>`;
}
function chapterHtml(): string {
  const paragraphs: string[] = [];
  for (let written = 0; written < wordsPerChapter; written += 100) paragraphs.push(paragraph(99));
  return paragraphs.join('\n');
}

const bodies = Array.from({ length: chapterCount }, () => chapterHtml());
const work = sampleWork({
  title: 'The Long Watch',
  chapters: bodies.map((body, i) => ({ ...chapter(i + 1, ''), body, title: `Watch ${i + 1}` })),
  wordCount: bodies.reduce((n, b) => n + countWordsInHtml(b), 0),
});
const totalWords = work.wordCount;
const totalMb = bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / 1048576;
console.log(
  `Work: ${chapterCount} chapters, ${totalWords.toLocaleString('en')} words, ${totalMb.toFixed(1)} MB of stored HTML; ${runs} runs each.`,
);

async function measure(label: string, build: () => Promise<Uint8Array | string> | Uint8Array | string) {
  const walls: number[] = [];
  const cpus: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const out = await build();
    walls.push(Number(process.hrtime.bigint() - start) / 1e6);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
    size = typeof out === 'string' ? Buffer.byteLength(out) : out.byteLength;
  }
  const sorted = [...walls].sort((a, b) => a - b);
  const cpuSorted = [...cpus].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(
    `${label.padEnd(44)} best ${sorted[0].toFixed(0).padStart(5)} ms  median ${median.toFixed(0).padStart(5)} ms  (CPU median ${cpuSorted[Math.floor(cpuSorted.length / 2)].toFixed(0)} ms)  ${(size / 1048576).toFixed(2)} MB`,
  );
}

await measure('EPUB, built from memory', () => workEpub(work, ARCHIVE.name, ARCHIVE.origin));
await measure('HTML, built from memory', () => workHtml(work, ARCHIVE.name, ARCHIVE.origin));
await measure('TXT, built from memory', () => workTxt(work, ARCHIVE.name));

// The same work in a real (in-memory SQLite) archive, through the service the route uses; each run is a cold build.
const store = await openStore({ sqlitePath: ':memory:' });
const userId = (await store.users.create({ login: 'bench_writer', email: 'bench@example.org', passwordHash: 'x' })).id;
const pseudId = (await store.pseuds.listForUser(userId))[0].id;
const contents = bodies.map((body, i) => ({
  title: `Watch ${i + 1}`,
  summary: '',
  notes: '',
  endNotes: '',
  body,
  wordCount: countWordsInHtml(body),
}));
const workId = await store.works.create({
  fields: validateWork(workInput({ title: 'The Long Watch' })),
  chapter: contents[0],
  moreChapters: contents.slice(1),
  creatorPseudIds: [pseudId],
});
const found = (await store.works.find(workId))!;
await measure('EPUB, cold, through DownloadService (SQLite)', async () => {
  const service = new DownloadService(store, 'Quire');
  return (await (await service.work(found, 'http://localhost:3000')).build('epub')).file;
});
const warm = new DownloadService(store, 'Quire');
await (await warm.work(found, 'http://localhost:3000')).build('epub');
await measure(
  'EPUB, cached (fingerprint + cache hit)',
  async () => (await (await warm.work(found, 'http://localhost:3000')).build('epub')).file,
);
await store.close();
