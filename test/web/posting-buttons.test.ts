import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

function workForm(pseudId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    rating: 'General Audiences',
    warnings: 'No Archive Warnings Apply',
    fandoms: 'Original Work',
    title: 'Tidewater',
    creatorPseudIds: pseudId,
    summary: 'The sea <em>keeps</em> what it takes.<script>alert(1)</script>',
    notes: '',
    endNotes: '',
    disclaimer: '',
    language: 'en',
    expectedChapters: '1',
    complete: '1',
    publishAt: '',
    visibility: 'public',
    commentPolicy: 'everyone',
    chapterTitle: '',
    body: 'The tide came in.\n\nIt did not go out again.',
    ...overrides,
  };
}

/** The submit buttons of a page's main form, as a writer reads them: "Preview | Save as draft | Post". */
/** The rendered preview: from its heading to the form below it. */
function previewOf(html: string): string {
  const start = html.indexOf('id="posting-preview"');
  return start < 0 ? '' : html.slice(start, html.indexOf('class="work-form"', start));
}

function buttons(html: string): string {
  return [...html.matchAll(/<button type="submit" name="action" value="\w+"[^>]*>([\s\S]*?)<\/button>/g)]
    .map((m) => visibleText(m[1]))
    .join(' | ');
}

describeEachDatabase('Preview, Save as draft and Post', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let pseudId: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('tidewriter');
    pseudId = await writer.defaultPseudId();
  });
  afterEach(() => t.dispose());

  async function listedTitles(agent: Agent): Promise<string> {
    return visibleText((await agent.get('/works')).body);
  }

  it('offers Preview, Save as draft and Post on a new work, and no draft radio', async () => {
    const form = await writer.get('/works/new');
    assert.equal(buttons(form.body), 'Preview | Save as draft | Post');
    assert.doesNotMatch(form.body, /name="visibility" value="draft"/);
    assert.doesNotMatch(visibleText(form.body), /Only me \(draft\)/);
  });

  it('previews a new work as readers will see it, sanitized, keeping every field and saving nothing', async () => {
    const response = await writer.submit('/works', { ...workForm(pseudId), action: 'preview' });
    assert.equal(response.status, 200);
    const preview = previewOf(response.body);
    assert.match(preview, /<p>The tide came in\.<\/p>\s*<p>It did not go out again\.<\/p>/);
    assert.match(preview, /The sea <em>keeps<\/em> what it takes\./);
    assert.doesNotMatch(preview, /<script>alert/);
    assert.match(visibleText(preview), /Tidewater by tidewriter/);
    assert.match(visibleText(preview), /Fandoms: Original Work/);
    assert.match(visibleText(preview), /Nothing is saved yet/);
    // The form comes back exactly as typed, ready to post.
    assert.match(response.body, /name="title"[^>]*value="Tidewater"/);
    assert.match(response.body, />The tide came in\.\n\nIt did not go out again\.<\/textarea>/);
    assert.ok(
      response.body.includes('>The sea &lt;em>keeps&lt;/em> what it takes.&lt;script>alert(1)&lt;/script></textarea>'),
      'the summary as typed, escaped',
    );
    assert.doesNotMatch(await listedTitles(writer), /Tidewater/);
    assert.doesNotMatch(visibleText((await writer.get('/users/tidewriter')).body), /Tidewater/);
  });

  it('shows the problems instead of a preview when the form has them, keeping the text', async () => {
    const response = await writer.submit('/works', { ...workForm(pseudId, { fandoms: '' }), action: 'preview' });
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /Name at least one fandom/);
    assert.doesNotMatch(response.body, /id="posting-preview"/);
    assert.match(response.body, />The tide came in\.\n\nIt did not go out again\.<\/textarea>/);
  });

  it('saves a draft that readers do not see and /works does not list, then posts it from its edit form', async () => {
    const saved = await writer.submit('/works', { ...workForm(pseudId), action: 'draft' });
    assert.equal(saved.status, 303);
    const path = saved.location!;
    const page = visibleText((await writer.get(path)).body);
    assert.match(page, /Saved as a draft/);
    assert.doesNotMatch(page, /was posted/);
    assert.equal((await t.agent().get(path)).status, 404);
    assert.doesNotMatch(await listedTitles(t.agent()), /Tidewater/);
    const reader = t.agent();
    await reader.signUp('reader');
    assert.doesNotMatch(await listedTitles(reader), /Tidewater/);

    const edit = await writer.get(`${path}/edit`);
    assert.equal(buttons(edit.body), 'Preview | Save as draft | Post');
    const again = await writer.submit(path, { ...workForm(pseudId, { title: 'Tidewater, Revised' }), action: 'draft' });
    assert.equal(again.status, 303);
    assert.match(visibleText((await writer.get(path)).body), /Saved as a draft/);
    assert.equal((await t.agent().get(path)).status, 404, 'still a draft');

    const posted = await writer.submit(path, { ...workForm(pseudId, { title: 'Tidewater, Revised' }), action: 'post' });
    assert.equal(posted.status, 303);
    assert.match(visibleText((await writer.get(path)).body), /Your work was posted\./);
    assert.equal((await t.agent().get(path)).status, 200);
    assert.match(await listedTitles(t.agent()), /Tidewater, Revised/);
  });

  it('labels Post "Schedule for …" when a future date is set, and says the work is scheduled, not posted', async () => {
    const fields = workForm(pseudId, { publishAt: '2999-01-01 09:00' });
    const previewed = await writer.submit('/works', { ...fields, action: 'preview' });
    assert.equal(buttons(previewed.body), 'Preview | Save as draft | Schedule for 1 January 2999, 09:00 UTC');
    const response = await writer.submit('/works', { ...fields, action: 'post' });
    assert.equal(response.status, 303);
    const page = visibleText((await writer.get(response.location!)).body);
    assert.match(page, /Your work is scheduled: readers will see it from 1 January 2999, 09:00 UTC\./);
    assert.doesNotMatch(page, /was posted/);
    assert.equal((await t.agent().get(response.location!)).status, 404);
  });

  it('edits a posted work with Preview, Return to drafts and Save changes; Preview changes nothing', async () => {
    const path = await writer.postWork({ title: 'Harbour Lights', summary: 'Old summary.' });
    const edit = await writer.get(`${path}/edit`);
    assert.equal(buttons(edit.body), 'Preview | Return to drafts | Save changes');

    const fields = workForm(pseudId, { title: 'Harbour Lights Again', summary: 'A <strong>new</strong> summary.' });
    const previewed = await writer.submit(path, { ...fields, action: 'preview' });
    assert.equal(previewed.status, 200);
    assert.match(previewOf(previewed.body), /A <strong>new<\/strong> summary\./);
    assert.match(previewed.body, /name="title"[^>]*value="Harbour Lights Again"/);
    const unchanged = visibleText((await t.agent().get(path)).body);
    assert.match(unchanged, /Harbour Lights/);
    assert.doesNotMatch(unchanged, /Harbour Lights Again/);

    const saved = await writer.submit(path, { ...fields, action: 'post' });
    assert.equal(saved.status, 303);
    assert.match(visibleText((await writer.get(path)).body), /Your changes were saved\./);
    assert.match(visibleText((await t.agent().get(path)).body), /Harbour Lights Again/);

    const unposted = await writer.submit(path, { ...fields, action: 'draft' });
    assert.equal(unposted.status, 303);
    assert.match(visibleText((await writer.get(path)).body), /Saved as a draft/);
    assert.equal((await t.agent().get(path)).status, 404, 'readers no longer see it');
    assert.equal(buttons((await writer.get(`${path}/edit`)).body), 'Preview | Save as draft | Post');
    assert.equal((await writer.submit(path, { ...fields, action: 'post' })).status, 303);
    assert.equal((await t.agent().get(path)).status, 200, 'out again once posted');
  });

  it('previews, drafts and posts chapters; a posted chapter can go back to drafts unless it is the only one', async () => {
    const work = await writer.postWork({ title: 'Long Voyage', expectedChapters: '?', complete: '' });
    const newForm = await writer.get(`${work}/chapters/new`);
    assert.equal(buttons(newForm.body), 'Preview | Save as draft | Post chapter');

    const previewed = await writer.submit(`${work}/chapters`, {
      chapterTitle: 'Landfall',
      body: 'Land, at last.\n\nThey <b>wept</b>.<img src=x onerror=alert(1)>',
      action: 'preview',
    });
    assert.equal(previewed.status, 200);
    const preview = previewOf(previewed.body);
    assert.match(preview, /<p>Land, at last\.<\/p>/);
    assert.match(preview, /They <b>wept<\/b>\./);
    assert.doesNotMatch(preview, /onerror/);
    assert.match(visibleText(preview), /Chapter 2: Landfall/);
    assert.match(previewed.body, /name="chapterTitle"[^>]*value="Landfall"/);
    assert.doesNotMatch(visibleText((await writer.get(`${work}/navigate`)).body), /Landfall/, 'nothing added');

    const drafted = await writer.submit(`${work}/chapters`, {
      chapterTitle: 'Landfall',
      body: 'Land, at last.',
      action: 'draft',
    });
    assert.equal(drafted.status, 303);
    const chapter = drafted.location!;
    assert.match(visibleText((await writer.get(chapter)).body), /Saved as a draft/);
    assert.equal((await t.agent().get(chapter)).status, 404);
    assert.equal(buttons((await writer.get(`${chapter}/edit`)).body), 'Preview | Save as draft | Post chapter');

    const posted = await writer.submit(chapter, { chapterTitle: 'Landfall', body: 'Land, at last.', action: 'post' });
    assert.equal(posted.status, 303);
    assert.match(visibleText((await writer.get(chapter)).body), /The chapter was posted\./);
    assert.equal((await t.agent().get(chapter)).status, 200);

    assert.equal(buttons((await writer.get(`${chapter}/edit`)).body), 'Preview | Return to drafts | Save chapter');
    const unposted = await writer.submit(chapter, { chapterTitle: 'Landfall', body: 'Changed.', action: 'draft' });
    assert.equal(unposted.status, 303);
    assert.equal((await t.agent().get(chapter)).status, 404, 'readers no longer see the chapter');
    assert.equal((await t.agent().get(work)).status, 200, 'the work stays out');

    const first = (await writer.get(`${work}/navigate`)).body.match(/href="(\/works\/\d+\/chapters\/\d+)"/)![1];
    const only = await writer.submit(first, { chapterTitle: '', body: 'Kept.', action: 'draft' });
    assert.equal(only.status, 422);
    assert.match(visibleText(only.body), /only posted chapter of the work/);
    assert.match(only.body, />Kept\.</, 'what was typed is kept');
    assert.equal((await t.agent().get(first)).status, 200);
  });

  it('labels a chapter of a scheduled work "Schedule for …" and says so after posting', async () => {
    const work = await writer.postWork({ title: 'Not Yet', publishAt: '2999-06-01 12:30', complete: '' });
    const form = await writer.get(`${work}/chapters/new`);
    assert.equal(buttons(form.body), 'Preview | Save as draft | Schedule for 1 June 2999, 12:30 UTC');
    const posted = await writer.submit(`${work}/chapters`, { body: 'Later.', action: 'post' });
    assert.equal(posted.status, 303);
    assert.match(
      visibleText((await writer.get(posted.location!)).body),
      /The chapter is scheduled: readers will see it from 1 June 2999, 12:30 UTC\./,
    );
  });
});
