/**
 * Import time of three big files of about 20,000 paragraphs (2.7 MB): a one-shot, 200 chapters
 * under a table of contents, and a forum thread of 200 threadmarked posts with their headers and
 * reactions. Five runs each; the median, fastest and slowest.
 * Run: node --import tsx bench/import-big-files.ts   (in a worktree of another commit to compare)
 */
import { importWork } from '../src/text/import/index.ts';

const paragraph = (i: number) =>
  `“Line ${i},” she said, and the keeper counted the ships every evening, though nobody had asked her to, and the cat did not care at all.`;

const oneShot = ['The Keeper', 'by harbour_owl', ...Array.from({ length: 20000 }, (_, i) => paragraph(i))];
const chapters = ['The Keeper', 'by harbour_owl', 'Contents'];
for (let c = 1; c <= 200; c++) chapters.push(`Chapter ${c}: Part ${c}`);
const thread = ['The Keeper [Pokémon AU]'];
for (let c = 0; c < 200; c++) {
  chapters.push(`Chapter ${c + 1}: Part ${c + 1}`);
  thread.push(`harbour_owl\nNov 3, 2022\n#${c * 10 + 1}\nThreadmarks: Part ${c + 1}`);
  for (let p = 0; p < 100; p++) {
    chapters.push(paragraph(c * 100 + p));
    thread.push(paragraph(c * 100 + p));
  }
  thread.push('Reactions: Gull and 187 others\nReply');
}

for (const [name, lines] of [
  ['one-shot', oneShot],
  ['200 chapters under a table of contents', chapters],
  ['forum thread of 200 threadmarked posts', thread],
] as const) {
  const bytes = new TextEncoder().encode(lines.join('\n\n'));
  const times: number[] = [];
  let found = 0;
  for (let run = 0; run < 5; run++) {
    const start = performance.now();
    const work = await importWork([{ name: 'big.txt', bytes }]);
    times.push(performance.now() - start);
    found = work.chapters.length;
  }
  times.sort((a, b) => a - b);
  const s = (ms: number) => (ms / 1000).toFixed(2);
  console.log(
    `${name}: ${(bytes.length / 1048576).toFixed(1)} MB, ${found} chapters, median ${s(times[2])} s (${s(times[0])}–${s(times[4])})`,
  );
}
