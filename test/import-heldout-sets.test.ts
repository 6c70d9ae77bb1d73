import { it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const SCORER = new URL('../bench/import-heldout.ts', import.meta.url).pathname;

function score(args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', SCORER, ...args], { encoding: 'utf8' });
}

// Every set folder the scorer reads, so a new set is checked without a list to keep.
const SETS = readdirSync(new URL('../bench/accuracy/', import.meta.url)).filter((name) => /^heldout\d*$/.test(name));

it('finds the twenty-four held-out sets', () => assert.equal(SETS.length, 24));

// The scorer throws when a labelled first or last sentence is not in its file (after HTML and mojibake are
// undone), so a clean run means every chapter of every file was located.
for (const set of SETS) {
  it(`scores every file of the ${set} set against its labels`, () => {
    const run = score(['--set', set, '--json']);
    assert.equal(run.status, 0, run.stderr);
    const scores = JSON.parse(run.stdout) as { name: string; storyWords: number }[];
    assert.equal(scores.length, 40);
    // The second set was written to the brief's 150-600 story words per file.
    const [min, max] = set === 'heldout2' ? [150, 600] : [1, Infinity];
    for (const s of scores)
      assert.ok(s.storyWords >= min && s.storyWords <= max, `${s.name}: ${s.storyWords} story words`);
  });
}

it('reads the mojibake files of heldout2 as their writers typed them', () => {
  // Their labels hold the repaired text, so without the repair the sentences are not found and the run fails.
  const run = score(['--set', 'heldout2', '--only', '16,17', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const scores = JSON.parse(run.stdout) as { name: string; storyWords: number }[];
  assert.deepEqual(
    scores.map((s) => s.name),
    ['16_mojibake_quotes.txt', '17_mojibake_french.txt'],
  );
  for (const s of scores) assert.ok(s.storyWords > 200, `${s.name}: ${s.storyWords} story words`);
});

it('reads the mojibake files of heldout3 as their writers typed them', () => {
  const run = score(['--set', 'heldout3', '--only', '32,33', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const scores = JSON.parse(run.stdout) as { name: string; storyWords: number }[];
  assert.equal(scores.length, 2);
  for (const s of scores) assert.ok(s.storyWords > 150, `${s.name}: ${s.storyWords} story words`);
});

it('reads the mojibake files of heldout4 as their writers typed them', () => {
  const run = score(['--set', 'heldout4', '--only', '33,34', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const scores = JSON.parse(run.stdout) as { name: string; storyWords: number }[];
  assert.equal(scores.length, 2);
  for (const s of scores) assert.ok(s.storyWords > 200, `${s.name}: ${s.storyWords} story words`);
});

it('reads the UTF-16 and Windows-1252 files of heldout5 as their writers saved them', () => {
  // Decoded as UTF-8, their labelled sentences are not found and the run fails.
  const run = score(['--set', 'heldout5', '--only', '19,26,27,35', '--json']);
  assert.equal(run.status, 0, run.stderr);
  const scores = JSON.parse(run.stdout) as { name: string; storyWords: number }[];
  assert.equal(scores.length, 4);
  // Words as the scorer counts them: the Chinese file's runs of Han characters count one each.
  for (const s of scores) assert.ok(s.storyWords > 50, `${s.name}: ${s.storyWords} story words`);
});

it('refuses a set it does not know', () => {
  const run = score(['--set', 'nope']);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /--set must be one of heldout, heldout2/);
});
