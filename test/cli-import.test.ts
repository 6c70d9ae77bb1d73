import { after, before, beforeEach, afterEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { importPaths, type ImportRequest } from '../src/cli/import.ts';
import type { Store } from '../src/store/index.ts';
import { describeEachDatabase, freshStore, type TestStore } from './support/databases.ts';
import { makeDocx } from './support/import-files.ts';
import { postWork } from './support/works.ts';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;
const FIXTURES = '/work/shared/fixtures/import';
const SEQUEL = join(FIXTURES, '001_6b078c604939d04e.txt');
const UNTITLED = join(FIXTURES, '000_092c374209ade54d.txt');

function quire(args: string[], env: Record<string, string>) {
  const run = spawnSync(QUIRE, args, { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/quire import', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'quire-import-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object per work in the issue’s shape with --dry-run --json, and writes nothing', () => {
    const data = join(dir, 'dry');
    const run = quire(['import', '--dry-run', '--json', FIXTURES], { QUIRE_DATA: data });
    assert.equal(run.status, 0, run.stderr);
    const works = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(works.length, 2);
    const sequel = works.find((w) => w.title === 'The Party');
    assert.deepEqual(Object.keys(sequel), [
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
    assert.deepEqual(sequel.related, [{ relation: 'sequel-of', title: 'The First Meeting' }]);
    assert.equal(sequel.chapters[0].blocks[0].type, 'paragraph');
    assert.match(sequel.chapters[0].html, /^<p>Draco exchanged/);
    assert.equal(existsSync(data), false);
  });

  it('takes several files as the chapters of one work', () => {
    const one = join(dir, 'ch1.txt');
    const two = join(dir, 'ch2.txt');
    writeFileSync(one, 'Title: Two Halves\n\nThe first half of the story begins on a cold morning.');
    writeFileSync(two, 'Chapter 2: The Other Half\n\nThe second half ends on a warm night.');
    const run = quire(['import', '--dry-run', '--json', one, two], { QUIRE_DATA: join(dir, 'none') });
    assert.equal(run.status, 0, run.stderr);
    const [work] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    assert.equal(work.title, 'Two Halves');
    assert.deepEqual(
      work.chapters.map((c: { title: string | null }) => c.title),
      [null, 'The Other Half'],
    );
  });

  it('gives one clear error per bad file, exits non-zero, and still reads the good ones', () => {
    const folder = join(dir, 'mixed');
    mkdirSync(folder);
    writeFileSync(join(folder, 'empty.txt'), '');
    writeFileSync(join(folder, 'noise.txt'), Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)));
    writeFileSync(join(folder, 'broken.docx'), 'PK\u0003\u0004 not really a document');
    writeFileSync(join(folder, 'broken.epub'), 'PK\u0003\u0004 not really a book');
    copyFileSync(SEQUEL, join(folder, 'good.txt'));
    const run = quire(['import', '--dry-run', '--json', folder], { QUIRE_DATA: join(dir, 'none') });
    assert.equal(run.status, 1);
    assert.equal(run.stdout.trim().split('\n').length, 1);
    const errors = run.stderr.trim().split('\n');
    assert.equal(errors.length, 4, run.stderr);
    assert.match(run.stderr, /empty\.txt: the file is empty/);
    assert.match(run.stderr, /noise\.txt: this looks like a binary file/);
    assert.match(run.stderr, /broken\.docx: this \.docx file cannot be read/);
    assert.match(run.stderr, /broken\.epub: this EPUB cannot be unpacked/);
    const missing = quire(['import', '--dry-run', join(dir, 'nope.txt')], {});
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nope\.txt: no such file or folder/);
  });

  it('posts the works for a member, as drafts with --draft, and says which defaults it chose', () => {
    const data = join(dir, 'post');
    assert.equal(
      quire(['user', 'create', 'importer', '--email', 'importer@example.org', '--password', 'long enough pw'], {
        QUIRE_DATA: data,
      }).status,
      0,
    );
    const run = quire(['import', '--user', 'importer', '--draft', UNTITLED], { QUIRE_DATA: data });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /Posted as work \d+ \(draft\)/);
    assert.match(
      run.stdout,
      /rating “Not Rated”; archive warning “Creator Chose Not To Use Archive Warnings”; fandom “Unknown Fandom”/,
    );
    const db = new BetterSqlite3(join(data, 'quire.db'), { readonly: true });
    try {
      const work = db.prepare('select title, visibility, end_notes, word_count from works').get() as {
        title: string;
        visibility: string;
        end_notes: string;
        word_count: number;
      };
      assert.equal(work.title, '000 092c374209ade54d');
      assert.equal(work.visibility, 'draft');
      assert.match(work.end_notes, /^<p>Draco has always intrigued me/);
      assert.ok(work.word_count > 1300);
    } finally {
      db.close();
    }
    const nobody = quire(['import', '--user', 'nobody_here', UNTITLED], { QUIRE_DATA: data });
    assert.equal(nobody.status, 2);
    assert.match(nobody.stderr, /no member with the login nobody_here/);
  });
});

describeEachDatabase('importing works into the archive', (dialect) => {
  let t: TestStore;
  let store: Store;
  let dir: string;
  const lines = { out: [] as string[], err: [] as string[] };
  const io = { out: (line: string) => lines.out.push(line), err: (line: string) => lines.err.push(line) };
  const request = (paths: string[], extra: Partial<ImportRequest> = {}): ImportRequest => ({
    paths,
    user: 'writer_one',
    draft: false,
    dryRun: false,
    json: true,
    ...extra,
  });

  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    dir = mkdtempSync(join(tmpdir(), 'quire-import-db-'));
    lines.out.length = 0;
    lines.err.length = 0;
    const user = await store.users.create({ login: 'writer_one', email: 'one@example.org', passwordHash: 'x' });
    await store.pseuds.create(user.id, { name: 'Second Name', description: '', defaultDisclaimer: '' });
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts a multi-chapter work in one go, with its parts, stated tags and suggestions from existing tags', async () => {
    const reader = await store.users.create({ login: 'reader_two', email: 'two@example.org', passwordHash: 'x' });
    const [pseud] = await store.pseuds.listForUser(reader.id);
    await postWork(store, [pseud.id], {
      fandoms: 'Harry Potter - J. K. Rowling',
      characters: 'Scorpius Malfoy, Rose Weasley',
    });
    const story = join(dir, 'party.txt');
    copyFileSync(SEQUEL, story);
    const next = join(dir, 'party-2.txt');
    writeFileSync(
      next,
      'Chapter 2: The Morning After\n\nA/N: Thanks for reading!\n\nScorpius woke late, and the house was quiet. Rose had written to him already.\n\nRating: T',
    );
    const code = await importPaths(request([story, next], { pseud: 'Second Name' }), store, io);
    assert.equal(code, 0, lines.err.join('\n'));
    const result = JSON.parse(lines.out[0]);
    const work = await store.works.find(result.workId);
    assert.ok(work);
    assert.equal(work.title, 'The Party');
    assert.equal(work.chapters.length, 2);
    assert.equal(work.visibility, 'public');
    assert.equal(work.creators[0].name, 'Second Name');
    assert.match(work.disclaimer, /So yeah\./);
    assert.match(work.summary, /DH SPOILER!/);
    const tags = work.tags.map((tag) => `${tag.kind}:${tag.name}`);
    assert.ok(tags.includes('fandom:Harry Potter - J. K. Rowling'), tags.join());
    assert.ok(tags.includes('character:Scorpius Malfoy'));
    assert.ok(tags.includes('warning:Creator Chose Not To Use Archive Warnings'));
    const chapters = await store.works.chaptersOf(work.id);
    assert.equal(chapters[1].title, 'The Morning After');
    assert.equal(chapters[1].notes, '<p>Thanks for reading!</p>');
    assert.equal(work.wordCount, result.wordCount);
    assert.ok(tags.includes('rating:Teen And Up Audiences'));
    assert.deepEqual(result.defaults, ['archive warning “Creator Chose Not To Use Archive Warnings”']);
  });

  it('posts a work the file says is in progress as in progress, expecting the chapters the file says', async () => {
    const story = join(dir, 'road.txt');
    writeFileSync(
      story,
      [
        'The Long Road Home',
        'Fandom: Original Work',
        'Chapters: 2/10',
        'Chapter 1: Leaving',
        'Mara packed her bag before dawn and left the key under the mat.',
        'Chapter 2: The Ferry',
        'The ferry was late, and the river was wide and grey.',
      ].join('\n\n'),
    );
    assert.equal(await importPaths(request([story]), store, io), 0, lines.err.join('\n'));
    const result = JSON.parse(lines.out[0]);
    assert.equal(result.complete, false);
    const work = await store.works.find(result.workId);
    assert.equal(work!.complete, false);
    assert.equal(work!.expectedChapters, 10);
  });

  it('links a sequel to the member’s earlier work it names', async () => {
    const first = join(dir, 'The First Meeting.txt');
    writeFileSync(first, 'Scorpius met Rose on the train, and neither of them said a word for an hour.');
    const sequel = join(dir, 'sequel.txt');
    copyFileSync(SEQUEL, sequel);
    assert.equal(await importPaths(request([first]), store, io), 0, lines.err.join('\n'));
    assert.equal(await importPaths(request([sequel]), store, io), 0, lines.err.join('\n'));
    const [earlier, later] = lines.out.map((line) => JSON.parse(line).workId as number);
    const work = await store.works.find(later);
    assert.deepEqual(
      work!.related.map((r) => [r.relation, r.targetWorkId]),
      [['sequel-of', earlier]],
    );
  });

  it('gives collapsed text back its paragraphs at the member’s own paragraph length', async () => {
    const sentences = [
      'Mara walked along the harbour wall until the lamps were lit.',
      'The boats knocked against each other in the swell.',
      'Mara counted them twice, as her father had taught her.',
      'The wind smelled of tar and rain and cold iron.',
    ];
    const collapsed = join(dir, 'collapsed.txt');
    writeFileSync(collapsed, Array.from({ length: 12 }, () => sentences.join(' ')).join(' '));
    const paragraphs = async () => {
      lines.out.length = 0;
      assert.equal(await importPaths(request([collapsed], { dryRun: false }), store, io), 0, lines.err.join('\n'));
      const [chapter] = await store.works.chaptersOf(JSON.parse(lines.out[0]).workId as number);
      return (chapter.body.match(/<p>/g) ?? []).length;
    };
    const usual = await paragraphs();
    const user = await store.users.findByLogin('writer_one');
    const [pseud] = await store.pseuds.listForUser(user!.id);
    const terse = Array.from(
      { length: 30 },
      (_, i) => `Line ${i + 1} of the watch, short and plain as the keeper liked.`,
    );
    await postWork(store, [pseud.id], { title: 'Night Watch' }, terse.join('\n\n'));
    const short = await paragraphs();
    assert.ok(short > usual * 2, `${short} paragraphs for a terse writer against ${usual} at the genre's length`);
  });

  it('creates nothing for a file that fails, and posts the others of a folder', async () => {
    const folder = join(dir, 'works');
    mkdirSync(folder);
    writeFileSync(join(folder, 'a-broken.docx'), 'PK\u0003\u0004 broken');
    writeFileSync(
      join(folder, 'b-summary-too-long.txt'),
      `Summary: ${'Very long. '.repeat(130)}\n\n${'The story itself goes on for a while, paragraph after paragraph.\n\n'.repeat(60)}`,
    );
    writeFileSync(
      join(folder, 'c-good.docx'),
      makeDocx([{ text: 'Good One', style: 'Title' }, { text: 'It was a *good* day for it.' }]),
    );
    const code = await importPaths(request([folder], { draft: true }), store, io);
    assert.equal(code, 1);
    assert.equal(lines.err.length, 2, lines.err.join('\n'));
    assert.match(lines.err[1], /b-summary-too-long\.txt: Summary is [\d,]+ characters; the limit is 1,250\./);
    const { works } = await store.works.list({ viewerId: null, limit: 10 });
    assert.equal(works.length, 0, 'drafts are not listed to guests');
    const user = await store.users.findByLogin('writer_one');
    const mine = await store.works.list({ viewerId: user!.id, userId: user!.id, limit: 10 });
    assert.deepEqual(
      mine.works.map((w) => [w.title, w.visibility]),
      [['Good One', 'draft']],
    );
  });
});
