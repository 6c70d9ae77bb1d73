import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { find, POSTING, previewForm } from '../support/import-preview.ts';

// A journal entry saved from the browser: the story in the entry's box, and its second half posted by the
// writer as a comment because the entry was full (outside the box the importer reads as the story).
const PAGE = `<html><head><title>Slipway - my journal</title></head><body>
<div id="header"><a href="/">my journal</a> <a href="/profile">Profile</a> <a href="/tags">Tags</a></div>
<div class="entry"><h2 class="entry-title">Slipway</h2><div class="entry-content">
<p>The ferry left at six, and Maren was the only one on the upper deck who had not brought a coat.</p>
<p>Her brother was waiting on the slipway with two mugs of tea and the look he wore when he had bad news.</p>
<p>“The house is sold,” he said, before she had both feet on the stones. “I wanted to tell you here.”</p></div></div>
<div class="comments"><div class="c">Later, on the ferry back, Maren found the spare key to the old house still on her ring, and did not take it off. She kept it, because a key weighs nothing.</div></div>
<div id="footer">Powered by a journal host</div></body></html>`;

describeEachDatabase('a saved page’s text outside the story’s box', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('maren');
  });
  afterEach(() => t.dispose());

  it('is shown apart in the preview, and the writer can move it into the story and post it', async () => {
    const form = await writer.get('/works/import');
    const pseudId = /<option value="(\d+)" selected/.exec(form.body)![1];
    const started = await writer.upload('/works/import', { pseudId }, [
      { field: 'files', name: 'slipway.html', bytes: Buffer.from(PAGE) },
    ]);
    assert.equal(started.status, 303, visibleText(started.body).slice(0, 400));
    const path = started.location!;
    let page = await writer.get(path);
    const outside = find(page.body, 'Later, on the ferry back');
    assert.equal(outside.part, 'metadata');
    assert.match(outside.shown, /on the page, outside the box that holds the story/);
    assert.match(visibleText(page.body), /Also read from the file/);

    const moved = await writer.submit(`${path}/post`, {
      ...previewForm(page.body),
      [`part-${outside.index}`]: 'text',
      ...POSTING,
      mode: 'post',
    });
    assert.equal(moved.status, 303, visibleText(moved.body).slice(0, 400));
    page = await writer.get(moved.location!);
    const work = visibleText(page.body);
    assert.match(work, /“I wanted to tell you here\.” Later, on the ferry back, Maren found the spare key/);
    assert.doesNotMatch(work, /Powered by a journal host/);
  });
});
