import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describeEachDatabase } from '../support/databases.ts';
import { POSTING as POSTING_FIELDS, previewForm } from '../support/import-preview.ts';
import { testApp, visibleText, type Agent, type Response, type TestApp } from '../support/http.ts';
import { makeDocx, makeEpub } from '../support/import-files.ts';
import { TEXTEDIT } from '../support/rtf-files.ts';
import { wordsOf } from '../../src/domain/wordcount.ts';
import { importWork } from '../../src/text/import/index.ts';
import { XSS_PAYLOADS } from '../support/xss.ts';

const FIXTURES = '/work/shared/fixtures/import';
const DISCLAIMED = readFileSync(`${FIXTURES}/001_6b078c604939d04e.txt`, 'utf8');
const END_NOTES = readFileSync(`${FIXTURES}/000_092c374209ade54d.txt`, 'utf8');

const TWO_CHAPTERS = [
  'The Lantern Road',
  '',
  'Summary: Two travellers, one lantern.',
  '',
  'Chapter 1: Setting Out',
  '',
  'Mara lit the lantern before dawn and walked until the road forked.',
  '',
  'Chapter 2: The Fork',
  '',
  'At the fork, a stranger waited with a lantern of his own.',
  '',
  'They walked on together, and the road grew wide.',
].join('\n');

/** A work in progress: two chapters of ten, as an AO3 page says it. */
const IN_PROGRESS = [
  'The Long Road Home',
  '',
  'Fandom: Original Work',
  '',
  'Chapters: 2/10',
  '',
  'Chapter 1: Leaving',
  '',
  'Mara packed her bag before dawn and left the key under the mat.',
  '',
  'Chapter 2: The Ferry',
  '',
  'The ferry was late, and the river was wide and grey.',
].join('\n');

const POSTING = { ...POSTING_FIELDS, fandoms: 'Harry Potter - J. K. Rowling' };

/** The index N of the piece (`part-N`) whose text starts so. */
function pieceIndex(html: string, startsWith: string): number {
  for (const match of html.matchAll(
    /<div class="import-piece[^"]*" id="piece-(\d+)"><div class="import-piece__text">([^<]*)/g,
  )) {
    if (visibleText(match[2]).startsWith(startsWith)) return Number(match[1]);
  }
  throw new Error(`no piece starts with “${startsWith}”`);
}

function multiset(words: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return counts;
}

describeEachDatabase('importing a work on the web', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('lantern');
  });
  afterEach(() => t.dispose());

  async function pseudId(agent = writer): Promise<string> {
    const page = await agent.get('/works/import');
    return /<option value="(\d+)" selected/.exec(page.body)![1];
  }

  async function paste(text: string, agent = writer): Promise<string> {
    const response = await agent.submit('/works/import', { pseudId: await pseudId(agent), text });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 500));
    assert.match(response.location!, /^\/works\/import\/\d+$/);
    return response.location!;
  }

  async function post(path: string, changes: Record<string, string | string[]> = {}, mode = 'post'): Promise<Response> {
    const page = await writer.get(path);
    return writer.submit(`${path}/post`, { ...previewForm(page.body), ...POSTING, ...changes, mode });
  }

  async function workCount(): Promise<number> {
    const row = await t.store.handle.db
      .selectFrom('works')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  it('sends guests to log in, and links the import from the header and the posting form', async () => {
    const guest = await t.agent().get('/works/import');
    assert.equal(guest.status, 303);
    assert.match(guest.location!, /^\/login\?return_to=%2Fworks%2Fimport/);
    const form = await writer.get('/works/new');
    assert.match(form.body, /<a href="\/works\/import">Import<\/a>/);
    assert.match(visibleText(form.body), /Import a work from a file/);
  });

  it('offers and posts the title without the part count and kind of work a subject line adds to it', async () => {
    const text = [
      'TITLE: The Colonel’s Chickens (1/2)',
      'AUTHOR: Rifleman Kit',
      '',
      'The chickens had been in the colonel’s tent since Tuesday, and nobody in the battalion would say how they got there.',
      '',
      'Harper swore it was not him. Nobody believed Harper, least of all the chickens, who followed him everywhere.',
    ].join('\n');
    const path = await paste(text);
    const page = await writer.get(path);
    assert.equal(previewForm(page.body).title, 'The Colonel’s Chickens');
    assert.match(visibleText(page.body), /Check the import: The Colonel’s Chickens(?! \()/);
    const posted = await post(path);
    assert.equal(posted.status, 303);
    const work = await t.store.handle.db
      .selectFrom('works')
      .select('title')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    assert.equal(work.title, 'The Colonel’s Chickens');
  });

  it('shows every part of a pasted story with its reason, the unsure guesses and the warnings', async () => {
    const path = await paste(DISCLAIMED);
    const page = await writer.get(path);
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    assert.match(text, /Check the import: The Party/);
    assert.match(text, /Chapters 1 Words 3,113 Language English \(detected\)/);
    assert.match(text, /Summary DH SPOILER! A short little sequel to "The First Meeting"/);
    assert.match(text, /Why: the label “Summary:”\. Read “Summary:” as its label\./);
    assert.match(
      text,
      /Disclaimer I don't own any of the Harry Potter characters, lucky JK is the one who does\. So yeah\./,
    );
    assert.match(text, /Left out: a repeated disclaimer/);
    assert.match(text, /End notes I'm considering putting this "sequel" as a second chapter/);
    assert.match(
      text,
      /Check this guess Why: a short line standing alone at the top\./,
      'the guessed title is flagged',
    );
    assert.match(
      text,
      /Check before posting Unsure: check this guess, marked “Check this guess” below: Work title: “The Party” \(a short line standing alone at the top\)/,
    );
    const guess = /<ul class="import-guesses"><li><a href="#piece-(\d+)">/.exec(page.body);
    assert.ok(guess, 'the guess links to its piece');
    assert.match(page.body, new RegExp(`<div class="import-piece import-piece--unsure" id="piece-${guess[1]}">`));
    assert.match(text, /A sequel to “The First Meeting”: none of your works has that title/);
    assert.match(page.body, /<input[^>]*name="title"[^>]*value="The Party"/);
    assert.match(page.body, /class="import-piece import-piece--unsure"/);
    assert.match(
      page.body,
      /<select id="part-\d+" name="part-\d+"><option value="title" selected>Work title<\/option>/,
    );
    assert.match(
      page.body,
      /<select id="field-rating" name="rating"[^>]*><option value selected>Choose a rating/,
      'no rating is chosen for the writer',
    );
    // The import is listed as in progress.
    assert.match(visibleText((await writer.get('/works/import')).body), /Your imports in progress The Party started/);
  });

  it('reads uploaded files as chapters of one work, and Word documents and EPUBs', async () => {
    const files = [
      {
        field: 'files',
        name: '01 Setting Out.txt',
        bytes: Buffer.from('Mara lit the lantern before dawn.\n\nShe walked until the road forked.'),
      },
      {
        field: 'files',
        name: '02 The Fork.txt',
        bytes: Buffer.from('At the fork, a stranger waited.\n\nThey walked on together.'),
      },
    ];
    const response = await writer.upload('/works/import', { pseudId: await pseudId(), text: '' }, files);
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 400));
    const text = visibleText((await writer.get(response.location!)).body);
    assert.match(
      text,
      /From 01 Setting Out\.txt \(plain text, utf-8\); 02 The Fork\.txt \(plain text, utf-8\) Chapters 2/,
    );
    assert.match(
      text,
      /Chapter 1 Title of chapter 1 .*Mara lit the lantern before dawn\..*Chapter 2 Title of chapter 2 .*At the fork, a stranger waited\./,
    );

    const docx = makeDocx([
      { text: 'The Glass Key', style: 'Title' },
      { text: 'The key was made of *glass*, and it opened nothing.' },
    ]);
    const fromDocx = await writer.upload('/works/import', { pseudId: await pseudId() }, [
      { field: 'files', name: 'key.docx', bytes: docx },
    ]);
    assert.equal(fromDocx.status, 303, visibleText(fromDocx.body).slice(0, 400));
    assert.match(
      visibleText((await writer.get(fromDocx.location!)).body),
      /Check the import: The Glass Key .*From key\.docx \(Word document\)/,
    );

    const epub = makeEpub({
      title: 'Salt Roads',
      description: 'A ship and a storm.',
      chapters: ['<h1>One</h1><p>The ship left at noon.</p>', '<h1>Two</h1><p>The storm came at night.</p>'],
    });
    const fromEpub = await writer.upload('/works/import', { pseudId: await pseudId() }, [
      { field: 'files', name: 'salt.epub', bytes: epub },
    ]);
    assert.equal(fromEpub.status, 303, visibleText(fromEpub.body).slice(0, 400));
    const epubText = visibleText((await writer.get(fromEpub.location!)).body);
    assert.match(epubText, /Check the import: Salt Roads .*Chapters 2/);
    assert.match(epubText, /Summary A ship and a storm\./);
  });

  it('previews an uploaded RTF file as TextEdit saves it', async () => {
    const response = await writer.upload('/works/import', { pseudId: await pseudId() }, [
      { field: 'files', name: 'lantern.rtf', bytes: Buffer.from(TEXTEDIT, 'latin1') },
    ]);
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 400));
    const text = visibleText((await writer.get(response.location!)).body);
    assert.match(text, /Check the import: The Lantern Road .*From lantern\.rtf \(RTF\)/);
    assert.match(text, /“Are you coming\?” she asked\./);
  });

  it('posts a paragraph moved from the end notes into the story text', async () => {
    const path = await paste(END_NOTES);
    const page = await writer.get(path);
    const index = pieceIndex(page.body, 'Draco has always intrigued me');
    assert.match(
      page.body,
      new RegExp(`<select id="part-${index}" name="part-${index}">[\\s\\S]*?<option value="end-notes" selected>`),
    );
    const response = await post(path, { [`part-${index}`]: 'text', title: 'Firsts' });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 600));
    const work = await t.agent().get(response.location!);
    const chapterText = /<div class="userstuff chapter-text"[^>]*>([\s\S]*?)<\/div>/.exec(work.body)![1];
    assert.match(chapterText, /<p id="p-\d+">Draco has always intrigued me/);
    const endNotes = visibleText(
      /<section class="notes notes--end" aria-labelledby="end-notes-heading">([\s\S]*?)<\/section>/.exec(work.body)![1],
    );
    assert.equal(endNotes, 'End notes: Please review! :) Thank you!');
    assert.match(visibleText(work.body), /Firsts by lantern/);
  });

  it('moves a piece and renames chapters in the preview without JavaScript, keeping every change between requests', async () => {
    const path = await paste(TWO_CHAPTERS);
    let page = await writer.get(path);
    assert.match(page.body, /name="chapterTitle-1"[^>]*value="The Fork"/);
    const index = pieceIndex(page.body, 'They walked on together');
    const update = await writer.submit(path, {
      ...previewForm(page.body),
      'chapterTitle-1': 'Where the Road Splits',
      [`part-${index}`]: 'chapter-end-notes',
      title: 'The Lantern Road, Retold',
      fandoms: 'Original Work',
      action: 'update',
    });
    assert.equal(update.status, 303, visibleText(update.body).slice(0, 400));
    assert.equal(update.location, path);
    page = await writer.get(path);
    const text = visibleText(page.body);
    assert.match(text, /The preview is updated\./);
    assert.match(page.body, /name="chapterTitle-1"[^>]*value="Where the Road Splits"/);
    assert.match(page.body, /name="title"[^>]*value="The Lantern Road, Retold"/);
    assert.match(page.body, /name="fandoms"[^>]*value="Original Work"/, 'the tags typed before the update are kept');
    assert.match(
      text,
      /Chapter end notes They walked on together, and the road grew wide\. You moved it here from story text/,
    );

    const response = await post(path, { fandoms: 'Original Work' });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 600));
    const work = visibleText((await writer.get(`${response.location}?view_full_work=true`)).body);
    assert.match(work, /The Lantern Road, Retold by lantern/);
    assert.match(work, /Chapter 1: Setting Out/);
    assert.match(work, /Chapter 2: Where the Road Splits/);
    assert.match(
      work,
      /At the fork, a stranger waited with a lantern of his own\. Chapter end notes: They walked on together/,
    );
    assert.match(work, /Summary: Two travellers, one lantern\./);
    assert.match(work, /Chapters: 2\/2/);
    // The import is used up.
    assert.equal((await writer.get(path)).status, 404);
  });

  it('saves as a draft only the writer sees, or posts for everyone', async () => {
    const draftPath = await paste(TWO_CHAPTERS);
    const draft = await post(draftPath, { fandoms: 'Original Work' }, 'draft');
    assert.equal(draft.status, 303, visibleText(draft.body).slice(0, 600));
    assert.match(visibleText((await writer.get(draft.location!)).body), /Your imported work is saved as a draft/);
    assert.equal((await t.agent().get(draft.location!)).status, 404, 'a guest cannot see the draft');

    const postedPath = await paste(TWO_CHAPTERS);
    const posted = await post(postedPath, { fandoms: 'Original Work' });
    assert.equal(posted.status, 303);
    const read = await t.agent().get(posted.location!);
    assert.equal(read.status, 200);
    assert.match(visibleText(read.body), /The Lantern Road by lantern/);
    assert.equal(await workCount(), 2);
  });

  it('asks for a rating, warnings and fandom the import did not find, keeping every correction', async () => {
    const path = await paste(END_NOTES);
    const page = await writer.get(path);
    const index = pieceIndex(page.body, 'Draco has always intrigued me');
    const response = await writer.submit(`${path}/post`, {
      ...previewForm(page.body),
      [`part-${index}`]: 'text',
      characters: 'Scorpius Malfoy',
      mode: 'post',
    });
    assert.equal(response.status, 422);
    const text = visibleText(response.body);
    assert.match(text, /There are 4 problems/);
    assert.match(text, /Give the work a title\./);
    assert.match(text, /Choose a rating\./);
    assert.match(text, /Choose at least one archive warning/);
    assert.match(text, /Name at least one fandom/);
    assert.match(response.body, /name="characters"[^>]*value="Scorpius Malfoy"/);
    assert.match(
      response.body,
      new RegExp(`<select id="part-${index}" name="part-${index}">[\\s\\S]*?<option value="text" selected>`),
    );
    assert.equal(await workCount(), 0);
    // Still there on a fresh load.
    const again = await writer.get(path);
    assert.match(
      again.body,
      new RegExp(`<select id="part-${index}" name="part-${index}">[\\s\\S]*?<option value="text" selected>`),
    );
    assert.match(again.body, /name="characters"[^>]*value="Scorpius Malfoy"/);
  });

  it('refuses empty, binary, oversized and broken input with one clear message, keeping what was pasted and creating nothing', async () => {
    const id = await pseudId();
    const empty = await writer.submit('/works/import', { pseudId: id, text: '   \n ' });
    assert.equal(empty.status, 400);
    assert.match(
      visibleText(empty.body),
      /There is a problem Choose a file to upload or paste the story into the box\./,
    );

    const huge = 'All work and no play. '.repeat(1_200_000);
    const tooLarge = await writer.submit('/works/import', { pseudId: id, text: huge });
    assert.equal(tooLarge.status, 413);
    assert.match(visibleText(tooLarge.body), /The pasted text is 25\.2 MB; the limit is 25\.0 MB/);
    assert.ok(tooLarge.body.includes(huge), 'the pasted text is kept');

    const cases: [string, Uint8Array, number, RegExp][] = [
      [
        'story.bin',
        new Uint8Array(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 256)),
        422,
        /story\.bin: this looks like a binary file, not text\./,
      ],
      [
        'broken.docx',
        Buffer.from('PK\x03\x04not really a document'),
        422,
        /broken\.docx: this \.docx file cannot be read/,
      ],
      ['broken.epub', Buffer.from('an epub? no'), 422, /broken\.epub: this is not a real \.epub file/],
      ['empty.txt', new Uint8Array(0), 422, /empty\.txt: the file is empty\./],
      [
        'huge.txt',
        Buffer.alloc(25 * 1024 * 1024 + 1, 'a'),
        413,
        /huge\.txt is 25\.0 MB; each file may be at most 25\.0 MB/,
      ],
    ];
    for (const [name, bytes, status, message] of cases) {
      const response = await writer.upload('/works/import', { pseudId: id, text: '' }, [
        { field: 'files', name, bytes },
      ]);
      assert.equal(response.status, status, name);
      assert.match(visibleText(response.body), message, name);
      assert.match(visibleText(response.body), /choose it again/, name);
    }

    const both = await writer.upload('/works/import', { pseudId: id, text: 'Some pasted words.' }, [
      { field: 'files', name: 'a.txt', bytes: Buffer.from('Words.') },
    ]);
    assert.equal(both.status, 400);
    assert.match(visibleText(both.body), /Upload files or paste text, not both/);
    assert.match(both.body, /Some pasted words\.<\/textarea>/);

    const notMine = await writer.submit('/works/import', { pseudId: '999999', text: 'A story.' });
    assert.equal(notMine.status, 400);
    assert.match(visibleText(notMine.body), /Choose one of your pen names\./);

    const garbled = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers: {
        cookie: `quire_session=${writer.cookie('quire_session')}`,
        'content-type': 'multipart/form-data; boundary=xyz',
      },
      payload: 'not a multipart body',
    });
    assert.equal(garbled.statusCode, 400);
    assert.match(visibleText(garbled.body), /The upload could not be read/);

    assert.equal(await workCount(), 0);
    const imports = await t.store.handle.db.selectFrom('imports').select('id').execute();
    assert.equal(imports.length, 0);
  });

  it('keeps an import private to its writer', async () => {
    const path = await paste(TWO_CHAPTERS);
    const other = t.agent();
    await other.signUp('someone_else');
    const page = await writer.get(path);
    assert.equal((await other.get(path)).status, 404);
    assert.equal((await t.agent().get(path)).status, 303, 'guests are sent to log in');
    const form = previewForm(page.body);
    assert.equal((await other.submit(path, { ...form, title: 'Stolen', action: 'update' })).status, 404);
    assert.equal((await other.submit(`${path}/post`, { ...form, ...POSTING, mode: 'post' })).status, 404);
    assert.equal((await other.submit(`${path}/discard`, {})).status, 404);
    assert.doesNotMatch(visibleText((await other.get('/works/import')).body), /in progress/);
    assert.equal(await workCount(), 0);
    assert.match(visibleText((await writer.get(path)).body), /Check the import: The Lantern Road/);
  });

  it('refuses a form from a page older than the last change, and an import posted twice', async () => {
    const path = await paste(TWO_CHAPTERS);
    const stale = previewForm((await writer.get(path)).body);
    assert.equal((await writer.submit(path, { ...stale, title: 'First Change', action: 'update' })).status, 303);
    const conflict = await writer.submit(path, { ...stale, title: 'Second Change', action: 'update' });
    assert.equal(conflict.status, 409);
    assert.match(visibleText(conflict.body), /changed in another window or tab/);
    assert.match(conflict.body, /name="title"[^>]*value="First Change"/);

    const fresh = previewForm((await writer.get(path)).body);
    assert.equal(
      (await writer.submit(`${path}/post`, { ...fresh, ...POSTING, fandoms: 'Original Work', mode: 'post' })).status,
      303,
    );
    const twice = await writer.submit(`${path}/post`, { ...fresh, ...POSTING, fandoms: 'Original Work', mode: 'post' });
    assert.equal(twice.status, 404);
    assert.equal(await workCount(), 1);
  });

  it('checks the CSRF token of every import form and limits imports like posting', async () => {
    const path = await paste(TWO_CHAPTERS);
    const page = await writer.get(path);
    assert.equal(
      page.body.match(/<form method="post"/g)!.length,
      page.body.match(/<form method="post"[^>]*>\s*<input type="hidden" name="_csrf"/g)!.length,
    );
    const form = previewForm(page.body);
    for (const url of [path, `${path}/post`, `${path}/discard`]) {
      const refused = await writer.request('POST', url, {
        ...form,
        ...POSTING,
        title: 'Forged',
        mode: 'post',
        action: 'update',
      });
      assert.equal(refused.status, 403, url);
    }
    const upload = new FormData();
    upload.append('text', 'A forged import.');
    const encoded = new Response(upload);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/works/import',
      headers: {
        cookie: `quire_session=${writer.cookie('quire_session')}`,
        'content-type': encoded.headers.get('content-type')!,
      },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    assert.equal(forged.statusCode, 403);
    assert.match(visibleText((await writer.get(path)).body), /Check the import: The Lantern Road/, 'nothing changed');
    assert.equal((await t.store.imports.listForUser((await t.store.users.findByLogin('lantern'))!.id)).length, 1);

    writer.remoteAddress = '10.2.2.2';
    const id = await pseudId();
    for (let i = 0; i < 60; i++)
      assert.equal((await writer.submit('/works/import', { pseudId: id, text: `Story number ${i}.` })).status, 303);
    const limited = await writer.submit('/works/import', { pseudId: await pseudId(), text: 'One too many.' });
    assert.equal(limited.status, 429);
  });

  it('shows and posts pasted markup as harmless text', async () => {
    const hostile = ['The Harmless One', '', ...XSS_PAYLOADS.flatMap((p) => [`A line with ${p} in it.`, ''])].join(
      '\n',
    );
    const path = await paste(hostile);
    const page = await writer.get(path);
    const preview = page.body.slice(page.body.indexOf('<main'), page.body.indexOf('class="import-posting"'));
    assert.ok(preview.includes('A line with &lt;script>alert(1)&lt;/script> in it.'), 'the markup is shown as text');
    // The archive's own controls to split, join and move sentences quote the text too, as text.
    const edits = preview.match(/<details class="import-edit"[\s\S]*?<\/details>/g) ?? [];
    assert.ok(
      edits.some((e) => e.includes('&lt;script>')),
      'the sentence menus quote the markup as text',
    );
    assert.doesNotMatch(
      // Less the archive's own links from the guesses to check to their pieces.
      preview.replace(/<details class="import-edit"[\s\S]*?<\/details>/g, '').replace(/<a href="#piece-\d+">/g, ''),
      /<(script|img|iframe|svg|math|object|embed|style|meta|link|base|body|details|table|noscript|a)[\s>]/i,
    );
    for (const e of edits)
      assert.doesNotMatch(
        e.replace(/^<details[^>]*>/, '').replace(/<\/details>$/, ''),
        /<(script|img|iframe|svg|math|object|embed|style|meta|link|base|body|details|table|noscript|a)[\s>]/i,
      );
    const posted = await post(path, { fandoms: 'Original Work', title: '<b>The Harmless One</b>' });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 400));
    const work = await t.agent().get(posted.location!);
    assert.match(work.body, /<h1 class="work-title">&lt;b>The Harmless One&lt;\/b><\/h1>/);
    const chapterText = /<div class="userstuff chapter-text"[^>]*>([\s\S]*?)<\/div>/.exec(work.body)![1];
    // The archive's own links to comment on each paragraph aside, the chapter is paragraphs of text.
    const writersText = chapterText.replace(/<span class="passage-marks">[\s\S]*?<\/span>/g, '');
    assert.match(chapterText, /<a class="passage-add" href="[^"]+" aria-label="Comment on paragraph 1"><\/a>/);
    assert.deepEqual(
      new Set([...writersText.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase())),
      new Set(['p']),
      'only paragraphs, the markup is text',
    );
    assert.match(visibleText(work.body), /A line with <script>alert\(1\)<\/script> in it\./);
  });

  it('discards an import', async () => {
    const path = await paste(TWO_CHAPTERS);
    const response = await writer.submit(`${path}/discard`, {});
    assert.equal(response.status, 303);
    assert.equal(response.location, '/works/import');
    assert.match(visibleText((await writer.get('/works/import')).body), /The import was discarded\./);
    assert.equal((await writer.get(path)).status, 404);
  });

  it('leaves the box unticked for a work the file says is in progress, and posts it with the chapters the file expects', async () => {
    const path = await paste(IN_PROGRESS);
    const page = await writer.get(path);
    const box = /<input[^>]*id="field-complete"[^>]*>/.exec(page.body)![0];
    assert.doesNotMatch(box, /\schecked/);
    assert.match(visibleText(page.body), /This work is complete The file says “Chapters: 2\/10”\./);
    const form = previewForm(page.body);
    assert.equal(form.expectedChapters, '10');
    assert.equal(form.complete, undefined);

    const { complete: _complete, ...unticked } = POSTING;
    const posted = await writer.submit(`${path}/post`, {
      ...form,
      ...unticked,
      fandoms: 'Original Work',
      mode: 'post',
    });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 600));
    const work = await t.store.works.find(Number(/\/works\/(\d+)/.exec(posted.location!)![1]));
    assert.equal(work!.complete, false);
    assert.equal(work!.expectedChapters, 10);
    assert.match(visibleText((await writer.get(posted.location!)).body), /Chapters:? 2\/10/);
  });

  it('ticks the box when the file says nothing, and leaves the expected chapters to the writer', async () => {
    const path = await paste(TWO_CHAPTERS);
    const page = await writer.get(path);
    assert.match(/<input[^>]*id="field-complete"[^>]*>/.exec(page.body)![0], /\schecked/);
    assert.doesNotMatch(visibleText(page.body), /The file says/);
    assert.equal(previewForm(page.body).expectedChapters, '2');
    const posted = await post(path, { fandoms: 'Original Work', complete: '', expectedChapters: '5' });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 600));
    const work = await t.store.works.find(Number(/\/works\/(\d+)/.exec(posted.location!)![1]));
    assert.equal(work!.complete, false);
    assert.equal(work!.expectedChapters, 5);
    const bad = await post(await paste(TWO_CHAPTERS), { fandoms: 'Original Work', expectedChapters: 'lots' });
    assert.equal(bad.status, 422);
    assert.match(visibleText(bad.body), /Expected chapters is a whole number/);
    assert.match(bad.body, /href="#field-expectedChapters"/);
  });

  it('still shows and posts an import stored before the preview asked for the expected chapters', async () => {
    const path = await paste(IN_PROGRESS);
    const id = Number(/(\d+)$/.exec(path)![1]);
    // As stored then: the box as the import suggested it, and no expected chapters.
    const row = await t.store.handle.db
      .selectFrom('imports')
      .select('state')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    const state = JSON.parse(row.state) as { choices: Record<string, unknown> };
    delete state.choices.expectedChapters;
    state.choices.complete = false;
    await t.store.handle.db
      .updateTable('imports')
      .set({ state: JSON.stringify(state) })
      .where('id', '=', id)
      .execute();

    const page = await writer.get(path);
    assert.equal(page.status, 200);
    assert.equal(previewForm(page.body).expectedChapters, '10');
    // A page opened before the field was there posts without it.
    const { expectedChapters: _missing, ...oldForm } = previewForm(page.body);
    const { complete: _complete, ...unticked } = POSTING;
    const posted = await writer.submit(`${path}/post`, {
      ...oldForm,
      ...unticked,
      fandoms: 'Original Work',
      mode: 'post',
    });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 600));
    const work = await t.store.works.find(Number(/\/works\/(\d+)/.exec(posted.location!)![1]));
    assert.equal(work!.complete, false);
    assert.equal(work!.expectedChapters, 10);
  });

  it('loses nothing: every word of a fixture is in the posted work', async () => {
    const bytes = readFileSync(`${FIXTURES}/001_6b078c604939d04e.txt`);
    const response = await writer.upload('/works/import', { pseudId: await pseudId() }, [
      { field: 'files', name: '001.txt', bytes },
    ]);
    assert.equal(response.status, 303);
    const posted = await post(response.location!);
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 600));
    const work = await writer.get(posted.location!);
    const article = visibleText(/<article class="work"[\s\S]*<\/article>/.exec(work.body)![0]);

    // Labels the import read ("Summary:") and the repeated disclaimer are the only words not kept as text.
    const imported = await importWork([{ name: '001.txt', bytes }]);
    const expected = multiset(wordsOf(bytes.toString('utf8')));
    for (const piece of imported.preview.pieces) {
      const dropped = [piece.consumed, piece.part === 'duplicate-disclaimer' ? piece.text : ''].join(' ');
      for (const word of wordsOf(dropped)) expected.set(word, expected.get(word)! - 1);
    }
    const found = multiset(wordsOf(article));
    const missing = [...expected]
      .filter(([word, n]) => n > (found.get(word) ?? 0))
      .map(([word, n]) => `${word}×${n - (found.get(word) ?? 0)}`);
    assert.deepEqual(missing, []);
    assert.ok([...expected.values()].reduce((a, b) => a + b, 0) > 3000);
  });
});
