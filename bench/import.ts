/**
 * Import throughput on one core.
 *   1. decode-to-structure: bytes → decode, mojibake repair, spacing, paragraphs → parts, over
 *      generated messy stories held in memory (MB/s of input bytes);
 *   2. the whole import of the same stories (adds sanitized HTML, language, word count, tags);
 *   3. bulk import of a folder of generated stories into a fresh SQLite archive with
 *      `bin/quire import`'s own code path (works/s and MB/s).
 * Run: npx tsx bench/import.ts [--stories 10000] [--words 1500]
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateStory } from '../test/support/story-generator.ts';
import { readFile } from '../src/text/import/read.ts';
import { findParts } from '../src/text/import/parts.ts';
import { importWork } from '../src/text/import/index.ts';
import { importPaths } from '../src/cli/import.ts';
import { openStore } from '../src/store/index.ts';

const { values } = parseArgs({
  options: { stories: { type: 'string', default: '10000' }, words: { type: 'string', default: '1500' } },
});
const storyCount = Number(values.stories);
const words = Number(values.words);

const mb = (bytes: number) => bytes / 1048576;

console.log(`Generating ${storyCount.toLocaleString('en')} stories of about ${words} words…`);
const stories = Array.from({ length: storyCount }, (_, i) => generateStory(i + 1, { words }));
const totalBytes = stories.reduce((n, s) => n + s.bytes.length, 0);
console.log(`${mb(totalBytes).toFixed(1)} MB in all; encodings and damage mixed as the property test makes them.`);

/** Wall-clock time, and this process's CPU time: on a busy shared machine the second is the steadier figure. */
async function timed(label: string, run: () => Promise<void>, bytes: number, works: number): Promise<void> {
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  await run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(
    `${label}: ${seconds.toFixed(2)} s wall, ${(mb(bytes) / seconds).toFixed(1)} MB/s, ${(works / seconds).toFixed(0)} works/s; ` +
      `${cpuSeconds.toFixed(2)} s CPU, ${(mb(bytes) / cpuSeconds).toFixed(1)} MB/s, ${(works / cpuSeconds).toFixed(0)} works/s per CPU-second`,
  );
}

// A slice warms the JIT before measuring.
const warm = stories.slice(0, 200);
for (const s of warm) findParts((await readFile({ name: s.name, bytes: s.bytes })).blocks);

await timed(
  'decode-to-structure',
  async () => {
    for (const s of stories) findParts((await readFile({ name: s.name, bytes: s.bytes })).blocks);
  },
  totalBytes,
  stories.length,
);

await timed(
  'whole import, in memory',
  async () => {
    for (const s of stories) await importWork([{ name: s.name, bytes: s.bytes }]);
  },
  totalBytes,
  stories.length,
);

const dir = mkdtempSync(join(tmpdir(), 'quire-bench-import-'));
try {
  const folder = join(dir, 'stories');
  mkdirSync(folder);
  for (const s of stories) writeFileSync(join(folder, s.name), s.bytes);
  const store = await openStore({ sqlitePath: join(dir, 'quire.db') });
  await store.users.create({ login: 'bench_writer', email: 'bench@example.org', passwordHash: 'x' });
  const refusals: string[] = [];
  await timed(
    'bulk import into SQLite (read folder, import, post)',
    async () => {
      const code = await importPaths(
        { paths: [folder], user: 'bench_writer', draft: false, dryRun: false, json: false },
        store,
        { out: () => {}, err: (line) => refusals.push(line) },
      );
      if (code !== 0 && refusals.length === 0) throw new Error(`import exited with ${code}`);
    },
    totalBytes,
    stories.length,
  );
  const posted = await store.handle.db
    .selectFrom('works')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  console.log(
    `posted ${Number(posted.n).toLocaleString('en')} works, ${refusals.length} refused${refusals.length > 0 ? `, e.g. ${refusals[0]}` : ''}`,
  );
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
