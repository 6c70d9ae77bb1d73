import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type Response, type TestApp } from '../support/http.ts';
import { makeDocx } from '../support/import-files.ts';
import { find, pieces, POSTING, previewForm } from '../support/import-preview.ts';

const STORY = [
  'The Keeper',
  '',
  'A/N: Thank you all for the reviews! This was hard to get right. The keeper climbed the stairs at dawn. He lit the lamp and watched the sea.',
  '',
  'The sea was grey. Gulls circled the tower. Nobody came that day.',
  '',
  'At night the lamp burned on. He slept at last.',
].join('\n');

const wordsOf = (html: string) => pieces(html).flatMap((p) => p.text.split(/\s+/).filter(Boolean));

describeEachDatabase('editing the paragraphs and sentences of an import preview', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let path: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
    const page = await writer.get('/works/import');
    const pseudId = /<option value="(\d+)" selected/.exec(page.body)![1];
    const started = await writer.submit('/works/import', { pseudId, text: STORY });
    assert.equal(started.status, 303);
    path = started.location!;
  });
  afterEach(() => t.dispose());

  /** Presses one edit button on the preview as it is now, with the form as the page has it plus `changes`. */
  async function edit(value: string, changes: Record<string, string> = {}, agent = writer): Promise<Response> {
    const page = await writer.get(path);
    return agent.submit(`${path}/edit`, { ...previewForm(page.body), ...changes, edit: value });
  }

  it('offers the edits on every paragraph as plain form buttons, with the reasons still shown', async () => {
    const page = await writer.get(path);
    assert.equal(page.status, 200);
    const first = find(page.body, 'This was hard to get right.');
    assert.match(first.shown, /Why: story text after the note\./);
    assert.match(first.shown, /Split, join or move sentences/);
    assert.match(first.shown, /Sentence 1: This was hard to get right\. 2: The keeper climbed the stairs at dawn\./);
    assert.match(page.body, new RegExp(`<select id="sentence-${first.index}" name="sentence-${first.index}">`));
    assert.match(page.body, new RegExp(`formaction="${path}/edit" name="edit" value="split:${first.index}"`));
    assert.match(first.shown, /Move this sentence to the notes/);
    assert.match(first.shown, /Join with the next paragraph/);
    assert.match(find(page.body, 'Thank you').shown, /Move this sentence to the story/);
    assert.match(page.body, /<script type="module" src="\/static\/import-preview\.js">/);
    const script = await writer.get('/static/import-preview.js');
    assert.equal(script.status, 200);
  });

  it('splits a paragraph at the chosen sentence and comes back to it', async () => {
    const piece = find((await writer.get(path)).body, 'The sea was grey.');
    const response = await edit(`split:${piece.index}`, { [`sentence-${piece.index}`]: '3' });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 400));
    assert.equal(response.location, `${path}#piece-${piece.index + 1}`);
    const page = await writer.get(path);
    assert.match(visibleText(page.body), /The paragraph is split in two\./);
    const before = find(page.body, 'The sea was grey.');
    const after = find(page.body, 'Nobody came that day.');
    assert.equal(before.text, 'The sea was grey. Gulls circled the tower.');
    assert.equal(after.index, before.index + 1);
    assert.equal(after.part, 'text');
    assert.match(after.shown, /Why: story text\./, 'the new paragraph keeps the reason for its part');
  });

  it('moves the sentence a note left in the story to the notes, joins the notes and posts them apart', async () => {
    const original = wordsOf((await writer.get(path)).body);
    const story = find((await writer.get(path)).body, 'This was hard to get right.');
    const moved = await edit(`move:${story.index}:1`);
    assert.equal(moved.status, 303, visibleText(moved.body).slice(0, 400));
    let page = await writer.get(path);
    assert.match(visibleText(page.body), /The sentence is moved to the beginning notes of the work\./);
    const note = find(page.body, 'This was hard to get right.');
    assert.equal(note.text, 'This was hard to get right.');
    assert.equal(note.part, 'notes');
    assert.equal(moved.location, `${path}#piece-${note.index}`);
    assert.match(note.shown, /You moved it here from story text; the import thought: story text after the note\./);
    assert.equal(find(page.body, 'The keeper climbed').part, 'text');

    const thanks = find(page.body, 'Thank you');
    const joined = await edit(`join:${thanks.index}`);
    assert.equal(joined.status, 303);
    page = await writer.get(path);
    assert.equal(find(page.body, 'Thank you').text, 'Thank you all for the reviews! This was hard to get right.');
    assert.deepEqual(wordsOf(page.body), original, 'every word is kept, in order');

    const posted = await writer.submit(`${path}/post`, { ...previewForm(page.body), ...POSTING, mode: 'post' });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 400));
    const work = visibleText((await writer.get(posted.location!)).body);
    assert.match(work, /Notes: Thank you all for the reviews! This was hard to get right\./);
    assert.match(work, /The keeper climbed the stairs at dawn\./);
    assert.doesNotMatch(work, /This was hard to get right\. The keeper/);
  });

  it('keeps the italics of a Word document on both sides of a paragraph split inside them, up to the posted work', async () => {
    const docx = makeDocx([
      { text: 'The Keeper', style: 'Title' },
      { text: 'He said *never. Not once* in all those years. Then he left.' },
      { text: 'The sea was grey. Gulls flew.' },
    ]);
    const page = await writer.get('/works/import');
    const pseudId = /<option value="(\d+)" selected/.exec(page.body)![1];
    const started = await writer.upload('/works/import', { pseudId }, [
      { field: 'files', name: 'keeper.docx', bytes: docx },
    ]);
    assert.equal(started.status, 303, visibleText(started.body).slice(0, 400));
    path = started.location!;
    const said = find((await writer.get(path)).body, 'He said');
    const split = await edit(`split:${said.index}:2`);
    assert.equal(split.status, 303, visibleText(split.body).slice(0, 400));
    const preview = await writer.get(path);
    assert.match(visibleText(preview.body), /The paragraph is split in two\./);
    assert.doesNotMatch(visibleText(preview.body), /not its formatting/);
    assert.equal(find(preview.body, 'He said').text, 'He said never.');
    assert.equal(find(preview.body, 'Not once').text, 'Not once in all those years. Then he left.');

    const posted = await writer.submit(`${path}/post`, { ...previewForm(preview.body), ...POSTING, mode: 'post' });
    assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 400));
    const work = (await writer.get(posted.location!)).body;
    const text = work.slice(work.indexOf('chapter-text'), work.indexOf('</section>'));
    assert.match(
      text,
      /<p[^>]*>He said <em>never\.<\/em>(?:<span[\s\S]*?<\/span>)?<\/p>\s*<p[^>]*><em>Not once<\/em> in all/,
    );
  });

  it('keeps what was typed and chosen on the page when an edit is pressed', async () => {
    const page = await writer.get(path);
    const last = find(page.body, 'At night');
    const sea = find(page.body, 'The sea was grey.');
    const response = await edit(`split:${last.index}:2`, {
      title: 'The Keeper of the Light',
      [`part-${sea.index}`]: 'end-notes',
      freeforms: 'Lighthouses',
    });
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 400));
    const after = await writer.get(path);
    assert.match(after.body, /<input[^>]*name="title"[^>]*value="The Keeper of the Light"/);
    assert.equal(find(after.body, 'The sea was grey.').part, 'end-notes');
    assert.match(after.body, /<input[^>]*name="freeforms"[^>]*value="Lighthouses"/);
    assert.equal(find(after.body, 'He slept at last.').part, 'text');
  });

  it('keeps every word in order through a sequence of edits', async () => {
    const original = wordsOf((await writer.get(path)).body);
    const steps: ((html: string) => string)[] = [
      (html) => `split:${find(html, 'This was hard to get right.').index}:3`,
      (html) => `move:${find(html, 'This was hard to get right.').index}:1`,
      (html) => `join:${find(html, 'He lit the lamp').index}`,
      (html) => `move:${find(html, 'At night').index}:2`,
      (html) => `move:${find(html, 'He slept').index}:1`,
      (html) => `join:${find(html, 'At night').index}`,
      (html) => `split:${find(html, 'He lit').index}:2`,
    ];
    for (const step of steps) {
      const value = step((await writer.get(path)).body);
      const response = await edit(value);
      assert.equal(response.status, 303, `${value}: ${visibleText(response.body).slice(0, 300)}`);
      assert.deepEqual(wordsOf((await writer.get(path)).body), original, `after ${value}`);
    }
  });

  it('refuses edits that do not fit the preview with a clear message, changing nothing', async () => {
    const before = (await writer.get(path)).body;
    const sea = find(before, 'The sea was grey.');
    const cases: [string, Record<string, string>, number, RegExp][] = [
      ['split:999:2', {}, 400, /The preview has changed since this page was opened/],
      [`split:${sea.index}:9`, {}, 400, /That paragraph has 3 sentences; there is no sentence 9 in it\./],
      [`split:${sea.index}:1`, {}, 400, /cannot be split before its first sentence/],
      [`split:${sea.index}`, { [`sentence-${sea.index}`]: 'x' }, 400, /Choose a sentence of the paragraph/],
      [`move:${sea.index}:0`, {}, 400, /Choose a sentence of the paragraph/],
      [`join:${find(before, 'At night').index}`, {}, 400, /same part can be joined/],
      ['explode:1', {}, 400, /not one this page offers/],
      [`split:${sea.index}:2`, { revision: '999' }, 409, /changed in another window or tab/],
    ];
    for (const [value, changes, status, message] of cases) {
      const response = await edit(value, changes);
      assert.equal(response.status, status, value);
      assert.match(visibleText(response.body), message, value);
      assert.match(visibleText(response.body), /There is a problem/, value);
    }
    assert.deepEqual(pieces((await writer.get(path)).body), pieces(before));

    // What was typed on the page with a refused edit is kept.
    const typed = await edit(`split:${sea.index}:9`, { title: 'The Keeper of the Light', freeforms: 'Lighthouses' });
    assert.equal(typed.status, 400);
    assert.match(typed.body, /<input[^>]*name="title"[^>]*value="The Keeper of the Light"/);
    assert.match(typed.body, /<input[^>]*name="freeforms"[^>]*value="Lighthouses"/);
    assert.match((await writer.get(path)).body, /<input[^>]*name="freeforms"[^>]*value="Lighthouses"/);
  });

  it('lets only the importing member edit their preview', async () => {
    const before = pieces((await writer.get(path)).body);
    const sea = find((await writer.get(path)).body, 'The sea was grey.');
    const other = t.agent();
    await other.signUp('stranger');
    const refused = await edit(`split:${sea.index}:2`, {}, other);
    assert.equal(refused.status, 404);
    assert.doesNotMatch(refused.body, /The sea was grey/);
    const guest = await edit(`split:${sea.index}:2`, {}, t.agent());
    assert.ok(
      guest.status === 403 || (guest.status === 303 && guest.location!.startsWith('/login')),
      `guest: ${guest.status}`,
    );
    const page = await writer.get(path);
    const forged = await writer.request('POST', `${path}/edit`, {
      ...previewForm(page.body),
      edit: `split:${sea.index}:2`,
    });
    assert.equal(forged.status, 403, 'an edit without the form’s CSRF token is refused');
    assert.deepEqual(pieces((await writer.get(path)).body), before);
  });
});
