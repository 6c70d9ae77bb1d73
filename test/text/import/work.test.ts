import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { buildWork, importWork, toImportJson, TagMatcher } from '../../../src/text/import/index.ts';

const FIXTURES = '/work/shared/fixtures/import';
const KNOWN = new TagMatcher({
  fandoms: ['Harry Potter - J. K. Rowling', 'Supernatural (TV 2005)'],
  characters: ['Draco Malfoy', 'Scorpius Malfoy', 'Astoria Greengrass', 'Rose Weasley', 'Sam Winchester'],
});
const fixture = async (name: string) =>
  importWork([{ name, bytes: readFileSync(`${FIXTURES}/${name}`) }], { knownTags: KNOWN });

describe('imported works', () => {
  it('reads the sequel example: title, disclaimer once, summary with its spoiler warning, sequel mention, end notes', async () => {
    const work = await fixture('001_6b078c604939d04e.txt');
    assert.equal(work.title, 'The Party');
    assert.equal(
      work.disclaimer,
      "I don't own any of the Harry Potter characters, lucky JK is the one who does. So yeah.",
    );
    assert.match(work.summary!, /^DH SPOILER! A short little sequel to "The First Meeting"/);
    assert.deepEqual(work.related, [{ relation: 'sequel-of', title: 'The First Meeting' }]);
    assert.match(
      work.notes.end!,
      /^I'm considering putting this "sequel".*Opinions\?\n\nHappy reading and reviewing!$/s,
    );
    assert.equal(work.chapters.length, 1);
    const blocks = work.chapters[0].blocks;
    assert.match((blocks[0] as { text: string }).text, /^Draco exchanged a pained expression/);
    assert.match((blocks[blocks.length - 1] as { text: string }).text, /"brill\."$/);
    assert.equal(blocks.filter((b) => b.type === 'break').length, 3);
    assert.deepEqual(work.tags.fandoms, ['Harry Potter - J. K. Rowling']);
    assert.ok(work.tags.characters.includes('Scorpius Malfoy') && work.tags.characters.includes('Rose Weasley'));
    assert.equal(work.language, 'en');
  });

  it('reads the untitled example: the story, and the author’s afterword as end notes', async () => {
    const work = await fixture('000_092c374209ade54d.txt');
    assert.equal(work.title, null);
    assert.match(work.notes.end!, /^Draco has always intrigued me.*\n\nPlease review! :\) Thank you!$/s);
    assert.equal(work.chapters[0].blocks.length, 55);
    assert.ok(work.wordCount > 1300 && work.wordCount < 1450, String(work.wordCount));
    assert.match(work.chapters[0].html, /^<p>The first time Draco Malfoy held his newborn son/);
    assert.deepEqual(
      work.warnings.map((w) => w.code),
      ['uncertain', 'uncertain'],
    );
  });

  it('gives exactly the JSON shape of the issue', async () => {
    const json = toImportJson(await fixture('001_6b078c604939d04e.txt'));
    assert.deepEqual(Object.keys(json), [
      'title',
      'summary',
      'disclaimer',
      'notes',
      'language',
      'wordCount',
      'chapters',
      'tags',
      'related',
      'complete',
      'status',
      'warnings',
    ]);
    assert.deepEqual(Object.keys(json.chapters[0]), ['title', 'notes', 'blocks', 'html']);
    assert.deepEqual(Object.keys(json.tags), [
      'rating',
      'warnings',
      'categories',
      'fandoms',
      'relationships',
      'characters',
      'freeforms',
    ]);
  });

  it('builds the corrected work when a writer moves a piece to another part in the preview', async () => {
    const work = await fixture('000_092c374209ade54d.txt');
    const pieces = work.preview.pieces.map((p) =>
      p.part === 'end-notes' && p.text.startsWith('Draco has always') ? { ...p, part: 'text' as const, chapter: 0 } : p,
    );
    const first = pieces.findIndex((p) => p.part === 'text');
    pieces[first] = { ...pieces[first], part: 'notes', chapter: null };
    const corrected = buildWork({ ...work.preview, pieces });
    assert.equal(corrected.notes.end, 'Please review! :) Thank you!');
    assert.equal(
      corrected.notes.beginning,
      'The first time Draco Malfoy held his newborn son was the greatest moment of his life.',
    );
    assert.match((corrected.chapters[0].blocks.at(-1) as { text: string }).text, /^Draco has always intrigued me/);
  });

  it('warns about a guessed encoding, repaired mojibake, restored paragraphs and a cut-off ending', async () => {
    const long = (
      'Sam opened the door. ' +
      '"Dean?" he called. "Are you there?" Nobody answered, and the motel room was cold and dark and smelled of salt. '
    ).repeat(12);
    const cp1252 = new Uint8Array([
      ...new TextEncoder().encode('Title: Salt\n\n'),
      ...Buffer.from(`${long}Sam sat down on the bed and wait`, 'latin1'),
    ]);
    const work = await importWork([{ name: 'salt.txt', bytes: cp1252 }]);
    const codes = work.warnings.map((w) => w.code);
    assert.ok(codes.includes('paragraphs-restored'));
    assert.ok(codes.includes('truncated'));
    assert.match(work.warnings.find((w) => w.code === 'truncated')!.message, /bed and wait/);
    const garbled = new TextEncoder().encode(
      'Title: Café\n\nShe didnâ€™t say â€œgoodbyeâ€\u009d — she just left the cafÃ©.',
    );
    const repaired = await importWork([{ name: 'cafe.txt', bytes: garbled }]);
    assert.equal(
      (repaired.chapters[0].blocks[0] as { text: string }).text,
      'She didn’t say “goodbye” — she just left the café.',
    );
    assert.ok(repaired.warnings.some((w) => w.code === 'mojibake-repaired' && /â€™ → ’/.test(w.message)));
    const windows = await importWork([
      {
        name: 'w.txt',
        bytes: iconv.encode('Title: Naïve\n\nShe said “no” — twice… and left the café.', 'windows-1252'),
      },
    ]);
    assert.ok(windows.warnings.some((w) => w.code === 'encoding-guessed' && /windows-1252/.test(w.message)));
    assert.equal(windows.title, 'Naïve');
    assert.equal((windows.chapters[0].blocks[0] as { text: string }).text, 'She said “no” — twice… and left the café.');
  });
});
