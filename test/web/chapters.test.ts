import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

function postWork(agent: Agent): Promise<string> {
  return agent.postWork({
    title: 'Three Winters',
    expectedChapters: '?',
    complete: '',
    chapterTitle: 'First Snow',
    body: 'Snow fell on the harbour.',
  });
}

async function addChapter(agent: Agent, work: string, fields: Record<string, string>): Promise<string> {
  const response = await agent.submit(`${work}/chapters`, fields);
  assert.equal(response.status, 303, visibleText(response.body).slice(0, 300));
  return response.location!;
}

describeEachDatabase('chapters', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let work: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('winter_writer');
    work = await postWork(writer);
  });
  afterEach(() => t.dispose());

  it('adds chapters that readers page through, one at a time or all at once', async () => {
    const second = await addChapter(writer, work, {
      chapterTitle: 'Thaw',
      chapterNotes: 'Spring, at last.',
      body: 'The ice broke in the night.',
    });
    const third = await addChapter(writer, work, { chapterTitle: '', body: 'And then it froze again.' });
    const guest = t.agent();
    const first = visibleText((await guest.get(work)).body);
    assert.match(first, /Chapters: 3\/\?/);
    assert.match(first, /Chapter 1: First Snow/);
    assert.doesNotMatch(first, /The ice broke/);
    assert.match(first, /Next chapter →/);

    const middle = await guest.get(second);
    const text = visibleText(middle.body);
    assert.match(text, /Chapter 2: Thaw/);
    assert.match(text, /Chapter notes: Spring, at last\./);
    assert.match(text, /The ice broke in the night\./);
    assert.match(middle.body, /rel="prev"/);
    assert.match(middle.body, new RegExp(`href="${third}" rel="next"`));
    assert.match(middle.body, /<title>Three Winters - Chapter 2: Thaw · Quire<\/title>/);

    const whole = visibleText((await guest.get(`${work}?view_full_work=true`)).body);
    assert.match(whole, /Snow fell on the harbour\..*The ice broke in the night\..*And then it froze again\./);
    const index = visibleText((await guest.get(`${work}/navigate`)).body);
    assert.match(index, /Chapter 1: First Snow \(5 words\) Chapter 2: Thaw \(6 words\) Chapter 3 \(5 words\)/);
  });

  it('sends /works/N/chapters to the chapter index, and keeps hidden works hidden there', async () => {
    await addChapter(writer, work, { chapterTitle: 'Thaw', body: 'The ice broke in the night.' });
    const guest = t.agent();
    const guessed = await guest.get(`${work}/chapters`);
    assert.equal(guessed.status, 301);
    assert.equal(guessed.location, `${work}/navigate`);
    assert.match(visibleText((await guest.get(guessed.location!)).body), /Thaw/);
    assert.equal((await guest.get('/works/999999/chapters')).status, 404);
  });

  it('keeps a draft chapter from readers until it is posted', async () => {
    const draft = await addChapter(writer, work, { chapterTitle: 'Secret', body: 'Not yet.', action: 'draft' });
    const guest = t.agent();
    assert.equal((await guest.get(draft)).status, 404);
    assert.match(visibleText((await guest.get(work)).body), /Chapters: 1\/\?/);
    assert.match(visibleText((await writer.get(draft)).body), /Draft chapter/);
    const edit = await writer.get(`${draft}/edit`);
    assert.match(edit.body, /<button[^>]*name="action" value="draft"[^>]*>\s*Save as draft/);
    await writer.submit(draft, { chapterTitle: 'Secret', body: 'Now it is out.', action: 'post' });
    assert.equal((await guest.get(draft)).status, 200);
    assert.match(visibleText((await guest.get(work)).body), /Chapters: 2\/\?/);
  });

  it('keeps a rejected chapter as typed', async () => {
    const response = await writer.submit(`${work}/chapters`, {
      chapterTitle: 'Empty',
      chapterNotes: 'Notes I wrote',
      body: '   ',
    });
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /The chapter has no text yet\./);
    assert.match(response.body, />Notes I wrote<\/textarea>/);
    assert.match(response.body, /name="chapterTitle"[^>]*value="Empty"/);
  });

  it('reorders and deletes chapters, but never the last one', async () => {
    const second = await addChapter(writer, work, { chapterTitle: 'Thaw', body: 'Melting.' });
    const firstId = /chapters\/(\d+)/.exec((await writer.get(`${work}/navigate`)).body)![1];
    const secondId = second.split('/').pop()!;
    const manage = await writer.get(`${work}/chapters/manage`);
    assert.match(visibleText(manage.body), /New number for chapter 2: Thaw/);
    const bad = await writer.submit(`${work}/chapters/order`, {
      [`position-${firstId}`]: '1',
      [`position-${secondId}`]: '1',
    });
    assert.equal(bad.status, 422);
    assert.match(visibleText(bad.body), /Give every chapter a different number\./);
    await writer.submit(`${work}/chapters/order`, { [`position-${firstId}`]: '2', [`position-${secondId}`]: '1' });
    assert.match(
      visibleText((await t.agent().get(`${work}/navigate`)).body),
      /Chapter 1: Thaw .* Chapter 2: First Snow/,
    );

    assert.match(visibleText((await writer.get(`${second}/delete`)).body), /Delete chapter 1 of “Three Winters”\?/);
    await writer.submit(`${second}/delete`, {});
    const after = visibleText((await t.agent().get(work)).body);
    assert.match(after, /Snow fell on the harbour\./);
    assert.match(after, /Chapters: 1\/\?/);
    const last = await writer.submit(`/works/${work.split('/').pop()}/chapters/${firstId}/delete`, {});
    assert.equal(last.status, 303);
    assert.match(visibleText((await writer.get(work)).body), /A work needs at least one chapter/);
  });

  it('lets no one but the creators change chapters', async () => {
    const other = t.agent();
    await other.signUp('meddler');
    const chapter = /href="(\/works\/\d+\/chapters\/\d+)\/edit"/.exec((await writer.get(work)).body)![1];
    assert.equal((await other.get(`${work}/chapters/new`)).status, 403);
    assert.equal((await other.submit(`${work}/chapters`, { body: 'Mine.' })).status, 403);
    assert.equal((await other.get(`${chapter}/edit`)).status, 403);
    assert.equal((await other.submit(chapter, { body: 'Changed.' })).status, 403);
    assert.equal((await other.submit(`${chapter}/delete`, {})).status, 403);
    assert.equal((await other.submit(`${work}/chapters/order`, {})).status, 403);
    assert.match(visibleText((await t.agent().get(work)).body), /Snow fell on the harbour\./);
  });
});
