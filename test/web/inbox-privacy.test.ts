import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

/** A notice keeps a work's title from when it was written: the inbox shows it only while the member may read the work. */
describeEachDatabase('inbox notices of works no longer available', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('tide_writer');
    reader = t.agent();
    await reader.signUp('tide_reader');
  });
  afterEach(() => t.dispose());

  const workId = (path: string) => path.split('/').pop()!;

  /** Saves the work's edit form as posted, with another visibility. */
  async function setVisibility(path: string, visibility: string): Promise<void> {
    const saved = await writer.submit(path, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Tidewater Secrets',
      creatorPseudIds: await writer.defaultPseudId(),
      language: 'en',
      expectedChapters: '?',
      complete: '',
      publishAt: '',
      visibility,
      commentPolicy: 'everyone',
      body: '',
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
  }

  it('hides the title and link of a work that went back to draft, and shows them again once it is out', async () => {
    const work = await writer.postWork({ title: 'Tidewater Secrets', expectedChapters: '?', complete: '' });
    assert.equal((await reader.submit('/subscriptions', { kind: 'work', id: workId(work) })).status, 303);
    const chapter = await writer.submit(`${work}/chapters`, { chapterTitle: 'Low Tide', body: 'The sea went out.' });
    assert.equal(chapter.status, 303);
    const told = await reader.get('/inbox');
    assert.match(visibleText(told.body), /tide_writer posted chapter 2 of Tidewater Secrets\./);
    assert.ok(told.body.includes(`href="${chapter.location}"`));

    await setVisibility(work, 'draft');
    assert.equal((await reader.get(work)).status, 404, 'the reader may no longer read it');
    const hidden = await reader.get('/inbox');
    assert.equal(hidden.status, 200);
    const text = visibleText(hidden.body);
    assert.doesNotMatch(text, /Tidewater/, 'no title, not even in the hidden mark-as-read label');
    assert.doesNotMatch(hidden.body, new RegExp(`href="${work}`), 'no link to the work');
    assert.match(text, /Unread A work you followed is no longer available\./);
    assert.match(text, /1 unread/, 'the notice is still there, and can be marked read');

    await setVisibility(work, 'registered');
    assert.match(
      visibleText((await reader.get('/inbox')).body),
      /tide_writer posted chapter 2 of Tidewater Secrets\./,
      'a member may read a work for registered users',
    );

    await setVisibility(work, 'draft');
    assert.doesNotMatch(visibleText((await reader.get('/inbox')).body), /Tidewater/);
    await setVisibility(work, 'public');
    const back = await reader.get('/inbox');
    assert.match(visibleText(back.body), /tide_writer posted chapter 2 of Tidewater Secrets\./);
    assert.ok(back.body.includes(`href="${chapter.location}"`), 'the link is back');
  });

  it('leaves a creator the notices about their own draft', async () => {
    const work = await writer.postWork({ title: 'Tidewater Secrets', expectedChapters: '?', complete: '' });
    assert.equal((await reader.submit(`${work}/kudos`, {})).status, 303);
    await setVisibility(work, 'draft');
    const inbox = visibleText((await writer.get('/inbox')).body);
    assert.match(inbox, /Tidewater Secrets/);
    assert.doesNotMatch(inbox, /no longer available/);
  });
});
