import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

function post(agent: Agent, title: string, series: Record<string, string>, visibility = 'public'): Promise<string> {
  return agent.postWork({ title, visibility, body: `The text of ${title}.`, ...series });
}

describeEachDatabase('series', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('cycle_writer');
  });
  afterEach(() => t.dispose());

  it('starts a series with one work and adds the sequel, with part numbers and links both ways', async () => {
    const first = await post(writer, 'The First Meeting', { newSeriesTitle: 'The Harbour Cycle' });
    const form = await writer.get('/works/new');
    const seriesId = /<option value="(\d+)"[^>]*>The Harbour Cycle<\/option>/.exec(form.body)![1];
    const second = await post(writer, 'The Second Storm', { seriesId });

    const guest = t.agent();
    const page = visibleText((await guest.get(`/series/${seriesId}`)).body);
    assert.match(page, /The Harbour Cycle/);
    assert.match(page, /Creators: cycle_writer/);
    assert.match(page, /Works: 2/);
    assert.match(page, /The First Meeting by cycle_writer.*The Second Storm by cycle_writer/);

    const sequel = await guest.get(second);
    assert.match(visibleText(sequel.body), /Series: Part 2 of The Harbour Cycle/);
    assert.match(sequel.body, new RegExp(`href="${first}" rel="prev"`));
    const opener = await guest.get(first);
    assert.match(visibleText(opener.body), /Part 1 of The Harbour Cycle/);
    assert.match(opener.body, new RegExp(`href="${second}" rel="next"`));
  });

  it('skips works a reader may not see, and hides a series with nothing to see', async () => {
    const first = await post(writer, 'Public Part', { newSeriesTitle: 'Mixed' });
    const seriesId = /<option value="(\d+)"[^>]*>Mixed<\/option>/.exec((await writer.get('/works/new')).body)![1];
    await post(writer, 'Draft Part', { seriesId }, 'draft');
    const third = await post(writer, 'Later Public Part', { seriesId });
    const guest = t.agent();
    const page = visibleText((await guest.get(`/series/${seriesId}`)).body);
    assert.doesNotMatch(page, /Draft Part/);
    assert.match((await guest.get(first)).body, new RegExp(`href="${third}" rel="next"`));
    assert.match(visibleText((await writer.get(`/series/${seriesId}`)).body), /Draft Part/);

    await post(writer, 'Hidden', { newSeriesTitle: 'All Drafts' }, 'draft');
    const hiddenId = /<option value="(\d+)"[^>]*>All Drafts<\/option>/.exec((await writer.get('/works/new')).body)![1];
    assert.equal((await guest.get(`/series/${hiddenId}`)).status, 404);
    assert.equal((await guest.get('/series/999999')).status, 404);
  });

  it('edits, reorders and removes works, for its creators only', async () => {
    const a = await post(writer, 'Alpha', { newSeriesTitle: 'Reordered' });
    const seriesId = /<option value="(\d+)"[^>]*>Reordered<\/option>/.exec((await writer.get('/works/new')).body)![1];
    const b = await post(writer, 'Beta', { seriesId });
    const c = await post(writer, 'Gamma', { seriesId });
    const [ida, idb, idc] = [a, b, c].map((p) => p.split('/').pop()!);

    const other = t.agent();
    await other.signUp('outsider');
    assert.equal((await other.get(`/series/${seriesId}/edit`)).status, 403);
    assert.equal((await other.submit(`/series/${seriesId}`, { title: 'Mine' })).status, 403);

    const bad = await writer.submit(`/series/${seriesId}`, {
      title: '',
      [`position-${ida}`]: '1',
      [`position-${idb}`]: '1',
      [`position-${idc}`]: '3',
    });
    assert.equal(bad.status, 422);
    assert.match(visibleText(bad.body), /Give the series a title\..*Give every work a different part number\./);

    const saved = await writer.submit(`/series/${seriesId}`, {
      title: 'Reordered Again',
      summary: 'Three <script>alert(1)</script>stories.',
      complete: '1',
      [`position-${ida}`]: '3',
      [`position-${idb}`]: '1',
      [`position-${idc}`]: '2',
      [`remove-${idc}`]: '1',
    });
    assert.equal(saved.status, 303);
    const page = await t.agent().get(`/series/${seriesId}`);
    const text = visibleText(page.body);
    assert.match(text, /Reordered Again/);
    assert.match(text, /Complete: Yes/);
    assert.match(text, /Beta by cycle_writer.*Alpha by cycle_writer/);
    assert.doesNotMatch(text, /Gamma/);
    assert.doesNotMatch(page.body, /<script>alert/);
    assert.match(visibleText((await t.agent().get(a)).body), /Part 2 of Reordered Again/);
  });

  it("refuses to add a work to someone else's series", async () => {
    await post(writer, 'Mine', { newSeriesTitle: 'Private Series' });
    const seriesId = /<option value="(\d+)"[^>]*>Private Series<\/option>/.exec(
      (await writer.get('/works/new')).body,
    )![1];
    const other = t.agent();
    await other.signUp('interloper');
    const pseudId = await other.defaultPseudId();
    const response = await other.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Intruder',
      creatorPseudIds: pseudId,
      language: 'en',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Text.',
      seriesId,
    });
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /Choose one of your own series\./);
    assert.match(response.body, />Text\.<\/textarea>/);
  });
});
