import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const commentIdOf = (location: string | undefined) => /#comment-(\d+)$/.exec(location ?? '')![1];

/** The pen name a select in this part of a page has chosen. */
function chosenPseud(html: string): string | undefined {
  return /<select[^>]*name="pseudId"[^>]*>[\s\S]*?<option value="\d+" selected[^>]*>([^<]*)<\/option>/.exec(html)?.[1];
}

describeEachDatabase('the comment form: over-long text and the pen name it defaults to', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('nib_writer');
    reader = t.agent();
    await reader.signUp('nib_reader');
  });
  afterEach(() => t.dispose());

  it('refuses a comment over the limit with how much over, keeping every character', async () => {
    const work = await writer.postWork({ title: 'Long Reviews Welcome' });
    const page = await reader.get(work);
    assert.doesNotMatch(page.body, /<textarea[^>]*maxlength/i, 'no browser cuts pasted text');
    assert.match(page.body, /<textarea[^>]*name="body"[^>]*data-max-length="10000"/);
    assert.match(page.body, /src="\/static\/char-count\.js"/, 'the live count is loaded with the form');

    const typed = `${'x'.repeat(10_799)}!`;
    const refused = await reader.submit(`${work}/comments`, { body: typed });
    assert.equal(refused.status, 422);
    assert.match(
      visibleText(refused.body),
      /Your comment is 10,800 characters; the limit is 10,000\. Shorten it by 800\./,
    );
    assert.ok(refused.body.includes(typed), 'the whole text comes back, not its first 10,000 characters');
    assert.match(visibleText((await reader.get(work)).body), /No comments yet/, 'nothing was posted');

    const exact = await reader.submit(`${work}/comments`, { body: 'y'.repeat(10_000) });
    assert.equal(exact.status, 303, 'exactly the limit is fine');
  });

  it('refuses an over-long edit and a guest name or email over the limit, keeping them', async () => {
    const work = await writer.postWork({ title: 'Long Reviews Welcome' });
    const id = commentIdOf((await reader.submit(`${work}/comments`, { body: 'Short.' })).location);
    const typed = 'z'.repeat(10_050);
    const edit = await reader.submit(`/comments/${id}/edit`, { body: typed });
    assert.equal(edit.status, 422);
    assert.match(visibleText(edit.body), /Shorten it by 50\./);
    assert.ok(edit.body.includes(typed));
    assert.doesNotMatch(edit.body, /maxlength/i);

    const guest = t.agent();
    const name = 'N'.repeat(130);
    const refused = await guest.submit(`${work}/comments`, {
      body: 'Hi',
      guestName: name,
      guestEmail: 'g@example.org',
    });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /Your name is 130 characters; the limit is 100\. Shorten it by 30\./);
    assert.ok(refused.body.includes(`value="${name}"`));
    assert.match(refused.body, /name="guestName"[^>]*data-max-length="100"/);
  });

  it('defaults to the pen name the work is posted under, and a reply to the pen name answered', async () => {
    await writer.submit('/users/nib_writer/pseuds', { name: 'Ember', description: '' });
    const form = await writer.get('/works/new');
    const ember = /name="creatorPseudIds" value="(\d+)"[^>]*>[\s\S]{0,200}?Ember/.exec(form.body)?.[1];
    assert.ok(ember, 'the second pen name is offered on the posting form');
    const work = await writer.postWork({ title: 'By Ember', creatorPseudIds: ember });

    const own = await writer.get(work);
    assert.equal(chosenPseud(own.body), 'Ember', 'the writer comments on their work as the pen name it is by');

    const posted = await reader.submit(`${work}/comments`, { body: 'Who is Ember?' });
    const page = await writer.get(work);
    const replyForm = new RegExp(`<details class="comment__form"><summary>Reply</summary>[\\s\\S]*?</details>`).exec(
      page.body,
    )![0];
    assert.equal(chosenPseud(replyForm), 'Ember', 'a reply on their work defaults to Ember');
    assert.equal(chosenPseud((await writer.get('/inbox')).body), 'Ember', 'so does the reply form in the inbox');

    // Without a pen name sent, the reply is still by Ember.
    await writer.submit(`${work}/comments`, { body: 'I am.', parentId: commentIdOf(posted.location) });
    assert.match(visibleText((await reader.get(work)).body), /Ember \(nib_writer\)[^]*I am\./);

    // On someone else's work, a reply to a comment made as Ember defaults to Ember too.
    const other = await reader.postWork({ title: 'Elsewhere' });
    const mine = await writer.submit(`${other}/comments`, { body: 'Hello from Ember.', pseudId: ember });
    await reader.submit(`${other}/comments`, { body: 'Hi!', parentId: commentIdOf(mine.location) });
    const elsewhere = await writer.get(other);
    assert.equal(chosenPseud(elsewhere.body), 'nib_writer', 'a new comment on another work: the default pen name');
    const inbox = await writer.get('/inbox');
    assert.match(visibleText(inbox.body), /nib_reader replied to your comment on Elsewhere/);
    assert.equal(chosenPseud(inbox.body), 'Ember', 'answering the reply to Ember: Ember');
  });
});
