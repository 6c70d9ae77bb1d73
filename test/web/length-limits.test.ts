import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

/** Text of an exact length that shows where it was cut, if anything cut it: it ends in "END". */
function textOf(length: number, unit = 'The keeper climbed the stair. '): string {
  return `${unit.repeat(Math.ceil(length / unit.length)).slice(0, length - 3)}END`;
}

/** The HTML a textarea or input holds, as the page escapes it (these texts need no escaping). */
function holds(html: string, name: string, value: string): boolean {
  return (
    html.includes(`name="${name}"`) &&
    (html.includes(`>${value}</textarea>`) || new RegExp(`name="${name}"[^>]*value="${value}"`).test(html))
  );
}

describeEachDatabase('text over a length limit is refused, never cut', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let pseudId: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('limitwriter');
    pseudId = await writer.defaultPseudId();
  });
  afterEach(() => t.dispose());

  function workForm(overrides: Record<string, string>): Record<string, string> {
    return {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Within Limits',
      creatorPseudIds: pseudId,
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Short and sweet.',
      action: 'post',
      ...overrides,
    };
  }

  it('refuses a 312-character title and a long summary, naming the limits, with every character kept', async () => {
    const title = textOf(312);
    const summary = textOf(1_300);
    const response = await writer.submit('/works', workForm({ title, summary }));
    assert.equal(response.status, 422);
    const text = visibleText(response.body);
    assert.match(text, /Title is 312 characters; the limit is 255\. Shorten it by 57\./);
    assert.match(text, /Summary is 1,300 characters; the limit is 1,250\. Shorten it by 50\./);
    assert.ok(holds(response.body, 'title', title), 'the whole title is in the form');
    assert.ok(holds(response.body, 'summary', summary), 'the whole summary is in the form');
    assert.doesNotMatch(response.body, /maxlength/i, 'no field cuts pasted text');
    assert.match(response.body, /name="title"[^>]*data-max-length="255"|data-max-length="255"[^>]*name="title"/);
    assert.match(response.body, /<script type="module" src="\/static\/char-count\.js">/);
    assert.doesNotMatch(visibleText((await writer.get('/works')).body), /The keeper climbed/, 'nothing posted');
  });

  it('refuses over-long chapter text on a new chapter, and counts a typed line break once', async () => {
    const work = await writer.postWork({ title: 'Long Haul', expectedChapters: '?', complete: '' });
    const body = textOf(510_001);
    const response = await writer.submit(`${work}/chapters`, { chapterTitle: 'Too Much', body, action: 'post' });
    assert.equal(response.status, 422);
    assert.match(
      visibleText(response.body),
      /Chapter text is 510,001 characters; the limit is 510,000\. Shorten it by 1\./,
    );
    assert.ok(holds(response.body, 'body', body), 'the whole chapter text is in the form');
    assert.doesNotMatch(response.body, /maxlength/i);
    assert.doesNotMatch(visibleText((await writer.get(`${work}/navigate`)).body), /Too Much/, 'nothing added');

    // Browsers send a textarea's line breaks as CR LF; the limit counts each as one character, as the count did.
    const paragraphs = `${'x'.repeat(999)}\r\n`.repeat(510);
    assert.equal(paragraphs.replace(/\r\n/g, '\n').length, 510_000);
    const fits = await writer.submit(`${work}/chapters`, { body: paragraphs, action: 'post' });
    assert.equal(fits.status, 303, visibleText(fits.body).slice(0, 300));
  });

  it('refuses over-long bookmark notes with the limit, keeping the notes', async () => {
    const work = await writer.postWork({ title: 'Bookmarked' });
    const reader = t.agent();
    await reader.signUp('limitreader');
    const form = await reader.get(`/bookmarks/new?work=${work.split('/').pop()}`);
    const readerPseud = /name="pseudId" value="(\d+)"/.exec(form.body)![1];
    assert.doesNotMatch(form.body, /maxlength/i);
    assert.match(form.body, /data-max-length="5000"/);
    const notes = textOf(5_120);
    const response = await reader.submit('/bookmarks', {
      kind: 'work',
      id: work.split('/').pop()!,
      pseudId: readerPseud,
      notes,
      tags: '',
    });
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /Notes is 5,120 characters; the limit is 5,000\. Shorten it by 120\./);
    assert.ok(holds(response.body, 'notes', notes), 'the whole notes are in the form');
  });

  it('refuses an over-long tag, pen name and series title, each with its limit', async () => {
    const tag = textOf(160, 'Slow Burn ');
    const tagged = await writer.submit('/works', workForm({ freeforms: `Fluff, ${tag}` }));
    assert.equal(tagged.status, 422);
    assert.match(visibleText(tagged.body), /is 160 characters; the limit is 150\. Shorten it by 10\./);
    assert.ok(holds(tagged.body, 'freeforms', `Fluff, ${tag}`));

    const name = textOf(45, 'Moth ');
    const pseud = await writer.submit('/users/limitwriter/pseuds', { name, description: '' });
    assert.equal(pseud.status, 422);
    assert.match(visibleText(pseud.body), /Name is 45 characters; the limit is 40\. Shorten it by 5\./);
    assert.ok(holds(pseud.body, 'name', name));

    const series = await writer.submit('/works', workForm({ newSeriesTitle: textOf(300) }));
    assert.equal(series.status, 422);
    assert.match(visibleText(series.body), /The new series title is 300 characters; the limit is 255\./);
  });

  it('shows the same message on the edit forms, keeping the text', async () => {
    const work = await writer.postWork({ title: 'Editable' });
    const notes = textOf(5_001);
    const response = await writer.submit(work, workForm({ title: 'Editable', notes }));
    assert.equal(response.status, 422);
    assert.match(
      visibleText(response.body),
      /Beginning notes is 5,001 characters; the limit is 5,000\. Shorten it by 1\./,
    );
    assert.ok(holds(response.body, 'notes', notes));
  });
});
