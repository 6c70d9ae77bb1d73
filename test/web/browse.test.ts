import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachSearch } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';

describeEachSearch('/works', (dialect, engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect, { searchEngine: engine });
  });
  afterEach(() => t.dispose());

  it('lists what a guest may see with the sidebar counts, and what a member may see', async () => {
    const writer = t.agent();
    await writer.signUp('writer');
    await writer.postWork({ title: 'Open Door', fandoms: 'Sherlock (TV)', freeforms: 'Fluff' });
    await writer.postWork({
      title: 'Members Only',
      fandoms: 'Sherlock (TV)',
      freeforms: 'Fluff',
      visibility: 'registered',
    });
    await writer.postWork({ title: 'Not Yet', fandoms: 'Sherlock (TV)', visibility: 'draft' });
    const guest = await t.agent().get('/works?include_fandom=Sherlock%20(TV)');
    assert.equal(guest.status, 200);
    const text = visibleText(guest.body);
    assert.match(text, /1–1 of 1 work/);
    assert.match(text, /Open Door/);
    assert.doesNotMatch(text, /Members Only|Not Yet/);
    assert.match(text, /Fluff \(1\) include exclude/);
    const member = visibleText((await writer.get('/works?include_fandom=Sherlock%20(TV)')).body);
    assert.match(member, /1–2 of 2 works/);
    assert.doesNotMatch(member, /Not Yet/, 'drafts are not listed, even for their creator');
    assert.match(member, /Save this search/);
  });

  it('searches text with field ranges, and sorts', async () => {
    const writer = t.agent();
    await writer.signUp('writer');
    await writer.postWork({ title: 'Short Storm', body: 'rain' });
    await writer.postWork({ title: 'Long Storm', body: 'rain '.repeat(50) });
    await writer.postWork({ title: 'Calm', body: 'sun '.repeat(80) });
    const found = visibleText((await t.agent().get('/works?q=storm+words>10')).body);
    assert.match(found, /1–1 of 1 work/);
    assert.match(found, /Long Storm/);
    const sorted = visibleText((await t.agent().get('/works?sort=title')).body);
    assert.ok(
      sorted.indexOf('Calm') < sorted.indexOf('Long Storm') &&
        sorted.indexOf('Long Storm') < sorted.indexOf('Short Storm'),
    );
  });

  it('answers bad filters with 400 and the form as typed, and unknown tags with no works', async () => {
    const response = await t.agent().get('/works?words_from=lots&q=%22angst%22+kudos>many&sort=sideways');
    assert.equal(response.status, 400);
    const text = visibleText(response.body);
    assert.match(text, /Words from must be a whole number/);
    assert.match(text, /needs a number after kudos/);
    assert.match(text, /Choose how to sort/);
    assert.match(response.body, /value="lots"/);
    assert.match(response.body, /value="&quot;angst&quot; kudos>many"/);
    const unknown = await t.agent().get('/works?include_fandom=Nowhere');
    assert.equal(unknown.status, 200);
    assert.match(visibleText(unknown.body), /There is no tag “Nowhere” \(fandoms\), so no works match/);
  });

  it('pages through every result', async () => {
    const writer = t.agent();
    await writer.signUp('writer');
    for (let i = 1; i <= 22; i++) await writer.postWork({ title: `Work ${String(i).padStart(2, '0')}` });
    const first = visibleText((await t.agent().get('/works?sort=title')).body);
    assert.match(first, /1–20 of 22 works/);
    const second = await t.agent().get('/works?sort=title&page=2');
    assert.match(visibleText(second.body), /21–22 of 22 works/);
    assert.match(visibleText(second.body), /Work 21 .*Work 22/);
    assert.match(second.body, /href="\/works\?sort=title&amp;page=1"/);
  });
});
