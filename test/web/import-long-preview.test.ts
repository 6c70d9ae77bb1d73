import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { POSTING, pieces, previewForm } from '../support/import-preview.ts';

const line = (i: number) => `“Line ${i},” she said, and the keeper counted the ships. Nobody had asked her to.`;
const story = (count: number) =>
  ['The Keeper', 'by harbour_owl', ...Array.from({ length: count }, (_, i) => line(i))].join('\n\n');

let t: TestApp;
let writer: Agent;
let pseudId: string;
before(async () => {
  t = await testApp('sqlite');
  writer = t.agent();
  await writer.signUp('keeper');
  pseudId = /<option value="(\d+)" selected/.exec((await writer.get('/works/import')).body)![1];
});
after(() => t.dispose());

async function startImport(count: number): Promise<string> {
  const started = await writer.submit('/works/import', { pseudId, text: story(count) });
  assert.equal(started.status, 303, visibleText(started.body).slice(0, 300));
  return started.location!;
}

/** The preview's number for the paragraph of line `i`, open or folded. */
function pieceOf(html: string, i: number): number {
  const found = new RegExp(`id="piece-(\\d+)">(?:<div class="import-piece__text">)?“Line ${i},”`).exec(html);
  assert.ok(found, `line ${i} is a piece of the page`);
  return Number(found[1]);
}

const partOf = (html: string, i: number) => pieces(html).find((p) => p.text === line(i))?.part;

it('shows a long story’s paragraphs, folding the middle stretches without their controls, every word still there', async () => {
  const path = await startImport(600);
  const page = await writer.get(path);
  assert.equal(page.status, 200);
  const text = visibleText(page.body);
  for (let i = 0; i < 600; i++) assert.ok(text.includes(line(i)), `line ${i} is on the page`);
  assert.equal(text.split(`“Line 300,”`).length, 2, 'a folded paragraph is shown once');
  assert.equal(partOf(page.body, 0), 'text', 'the first paragraphs keep their part menu');
  assert.equal(partOf(page.body, 599), 'text', 'so do the last ones');
  assert.equal(partOf(page.body, 300), undefined, 'a paragraph in the middle has no controls');
  assert.ok(pieces(page.body).length < 40, `${pieces(page.body).length} paragraphs with controls`);
  assert.match(
    text,
    /Paragraphs 11–210: story text the import had no doubt about, from “Line 10,” she said, and the… to …ships\. Nobody had asked her to\./,
  );
  assert.match(text, /Correct paragraphs 11–210/);
  assert.match(text, /Correct paragraphs 411–590/);
  assert.doesNotMatch(page.body, /name="opened"/);
});

it('opens a folded stretch to correct, keeping what was changed on the page, and posts the whole story', async () => {
  const path = await startImport(600);
  let page = await writer.get(path);
  const first = pieceOf(page.body, 10);
  const opened = await writer.submit(path, {
    ...previewForm(page.body),
    title: 'The Keeper of Ships',
    open: String(first),
  });
  assert.equal(opened.status, 303, visibleText(opened.body).slice(0, 300));
  assert.equal(opened.location, `${path}?open=${first}#piece-${first}`);
  page = await writer.get(opened.location!);
  assert.match(page.body, /<input[^>]*name="title"[^>]*value="The Keeper of Ships"/);
  assert.equal(partOf(page.body, 10), 'text');
  assert.equal(partOf(page.body, 209), 'text', 'the whole stretch is open');
  assert.equal(partOf(page.body, 300), undefined, 'the next stretch stays folded');

  // A move inside the opened stretch comes back to it; the moved paragraph then stays open.
  const moved = await writer.submit(path, {
    ...previewForm(page.body),
    [`part-${pieceOf(page.body, 100)}`]: 'end-notes',
  });
  assert.equal(moved.status, 303);
  assert.equal(moved.location, `${path}?open=${first}`);
  page = await writer.get(path);
  assert.equal(partOf(page.body, 100), 'end-notes', 'a moved paragraph is shown open on the folded page');

  // A split inside an opened stretch comes back to it too.
  page = await writer.get(`${path}?open=${first}`);
  const at = pieceOf(page.body, 150);
  const split = await writer.submit(`${path}/edit`, { ...previewForm(page.body), edit: `split:${at}:2` });
  assert.equal(split.status, 303, visibleText(split.body).slice(0, 300));
  assert.equal(split.location, `${path}?open=${first}#piece-${at + 1}`);

  page = await writer.get(path);
  const posted = await writer.submit(`${path}/post`, { ...previewForm(page.body), ...POSTING, mode: 'post' });
  assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 300));
  const work = visibleText((await writer.get(`${posted.location!}?view_full_work=true`)).body);
  assert.match(work, /The Keeper of Ships/);
  for (const i of [0, 10, 150, 300, 599]) assert.match(work, new RegExp(`“Line ${i},” she said`));
  assert.match(work, /End notes: “Line 100,” she said/);
});

it('comes back to a paragraph split at the open start of a long story with it open, not folded away', async () => {
  const path = await startImport(600);
  const page = await writer.get(path);
  const last = pieceOf(page.body, 9);
  assert.equal(partOf(page.body, 9), 'text', 'the tenth paragraph is the last open one');
  const split = await writer.submit(`${path}/edit`, { ...previewForm(page.body), edit: `split:${last}:2` });
  assert.equal(split.status, 303, visibleText(split.body).slice(0, 300));
  const back = await writer.get(split.location!);
  assert.ok(
    pieces(back.body).some((p) => p.index === last + 1 && p.text === 'Nobody had asked her to.'),
    'the split-off sentence is open to edit',
  );
});

it('shows a story of a few hundred paragraphs whole', async () => {
  const page = await writer.get(await startImport(300));
  assert.doesNotMatch(page.body, /import-fold/);
  assert.equal(pieces(page.body).length, 302);
});
