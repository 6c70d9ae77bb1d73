/**
 * The import preview page of long stories: its size and how long the server takes to send it
 * (GET, logged in, rendered; median of three), for a 100-paragraph story, one-shots of 2,000 and
 * 20,000 paragraphs, and 200 chapters of 100 paragraphs. Also counts the paragraphs shown with
 * their controls (part menus) and the folded stretches (import-folds.ts).
 * Run: node --import tsx bench/import-preview-page.ts   (copy it into a worktree of another commit to compare)
 */
import { testApp } from '../test/support/http.ts';

const paragraph = (i: number) =>
  `“Line ${i},” she said, and the keeper counted the ships every evening. Nobody had asked her to. The cat did not care at all.`;
const story = (lines: string[]) => ['The Keeper', 'by harbour_owl', 'A/N: thanks for reading!', ...lines].join('\n\n');
const paragraphs = (n: number, from = 0) => Array.from({ length: n }, (_, i) => paragraph(from + i));

const cases: [string, string][] = [
  ['100 paragraphs', story(paragraphs(100))],
  ['2,000 paragraphs', story(paragraphs(2000))],
  ['20,000 paragraphs', story(paragraphs(20000))],
  [
    '200 chapters of 100 paragraphs',
    story(
      Array.from({ length: 200 }, (_, c) => [`Chapter ${c + 1}: Part ${c + 1}`, ...paragraphs(100, c * 100)]).flat(),
    ),
  ],
];

const t = await testApp('sqlite');
const writer = t.agent();
await writer.signUp('keeper');
const pseudId = /<option value="(\d+)" selected/.exec((await writer.get('/works/import')).body)![1];
for (const [name, text] of cases) {
  const started = await writer.submit('/works/import', { pseudId, text });
  if (started.status !== 303) throw new Error(`${name}: the import answered ${started.status}`);
  const times: number[] = [];
  let body = '';
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    const page = await writer.get(started.location!);
    times.push(performance.now() - start);
    body = page.body;
  }
  times.sort((a, b) => a - b);
  const menus = body.match(/<select id="part-\d+"/g)?.length ?? 0;
  const folds = body.match(/class="import-fold"/g)?.length ?? 0;
  console.log(
    `${name} (${(text.length / 1048576).toFixed(1)} MB sent): page ${(body.length / 1048576).toFixed(2)} MB, ` +
      `${(times[1] / 1000).toFixed(2)} s (${(times[0] / 1000).toFixed(2)}–${(times[2] / 1000).toFixed(2)}); ` +
      `${menus} paragraphs with controls, ${folds} folded stretches`,
  );
}
await t.dispose();
