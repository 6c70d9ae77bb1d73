import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

/** The inbox as AO3's: the comment itself, with Reply, Mark read or unread, and Delete right there. */
describeEachDatabase('answering from the inbox', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('quill_writer');
    reader = t.agent();
    await reader.signUp('quill_reader');
  });
  afterEach(() => t.dispose());

  /** The one reply form in an inbox page: where it posts, and its hidden fields. */
  function replyForm(html: string) {
    const form = /<form method="post" action="(\/works\/\d+\/comments)"[^>]*>([\s\S]*?)<\/form>/.exec(html);
    assert.ok(form, 'the notice has a reply form');
    const hidden = Object.fromEntries(
      [...form[2].matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    delete hidden._csrf;
    return { action: form[1], hidden };
  }

  it('shows the comment in the notice, and a reply from there is posted on the work', async () => {
    const work = await writer.postWork({ title: 'Lanterns' });
    const posted = await reader.submit(`${work}/comments`, { body: 'The <em>lantern</em> scene broke me.' });
    assert.equal(posted.status, 303);

    const inbox = await writer.get('/inbox');
    const text = visibleText(inbox.body);
    assert.match(text, /quill_reader commented on Lanterns/);
    assert.match(text, /The lantern scene broke me\./, 'the comment text is in the inbox');
    assert.ok(inbox.body.includes('<em>lantern</em>'), 'formatted as on the work page');
    assert.ok(inbox.body.includes(`href="${work}"`), 'the work is named and linked');

    const { action, hidden } = replyForm(inbox.body);
    assert.equal(hidden.returnTo, '/inbox');
    const replied = await writer.submit(action, { ...hidden, body: 'Thank you, truly.' });
    assert.equal(replied.status, 303);
    assert.equal(replied.location, '/inbox', 'back to the inbox');
    assert.match(visibleText((await writer.get('/inbox')).body), /Your reply was posted\./);

    const page = visibleText((await t.agent().get(work)).body);
    assert.match(page, /quill_writer .*in reply to quill_reader.*Thank you, truly\./, 'the reply is on the work');

    // And the same for the reply to the reader: its text, with Reply, in their inbox.
    const readerInbox = await reader.get('/inbox');
    assert.match(visibleText(readerInbox.body), /quill_writer replied to your comment on Lanterns.*Thank you, truly\./);
    const back = replyForm(readerInbox.body);
    const answered = await reader.submit(back.action, { ...back.hidden, body: 'You are welcome!' });
    assert.equal(answered.location, '/inbox');
    assert.match(visibleText((await t.agent().get(work)).body), /in reply to quill_writer.*You are welcome!/);
  });

  it('keeps a rejected reply whole, and still goes back to the inbox once it is right', async () => {
    const work = await writer.postWork({ title: 'Lanterns' });
    await reader.submit(`${work}/comments`, { body: 'Lovely.' });
    const { action, hidden } = replyForm((await writer.get('/inbox')).body);
    const long = `${'Thanks! '.repeat(1300)}x`;
    const refused = await writer.submit(action, { ...hidden, body: long });
    assert.equal(refused.status, 422);
    assert.match(
      visibleText(refused.body),
      /Your comment is 10,401 characters; the limit is 10,000\. Shorten it by 401\./,
    );
    assert.ok(refused.body.includes(long), 'every character typed comes back');
    const again = replyForm(refused.body);
    assert.equal(again.hidden.returnTo, '/inbox');
    assert.equal((await writer.submit(again.action, { ...again.hidden, body: 'Thanks!' })).location, '/inbox');
  });

  it('marks a notice read and unread, and deletes it, for its member only', async () => {
    const work = await writer.postWork({ title: 'Lanterns' });
    await reader.submit(`${work}/comments`, { body: 'Lovely.' });
    const inbox = await writer.get('/inbox');
    const id = /action="\/inbox\/(\d+)\/read"/.exec(inbox.body)![1];

    assert.equal((await writer.submit(`/inbox/${id}/read`, {})).status, 303);
    let now = await writer.get('/inbox');
    assert.match(visibleText(now.body), /Nothing unread/);
    assert.ok(now.body.includes(`action="/inbox/${id}/unread"`));

    assert.equal((await reader.submit(`/inbox/${id}/unread`, {})).status, 404, 'not theirs');
    assert.equal((await reader.submit(`/inbox/${id}/delete`, {})).status, 404, 'not theirs');
    assert.equal((await writer.submit(`/inbox/${id}/unread`, {})).status, 303);
    now = await writer.get('/inbox');
    assert.match(visibleText(now.body), /1 unread/);
    assert.match(visibleText(now.body), /The notification is marked as unread\./);

    assert.equal((await writer.submit(`/inbox/${id}/delete`, {})).location, '/inbox');
    now = await writer.get('/inbox');
    assert.match(visibleText(now.body), /The notification was deleted\./);
    assert.match(visibleText(now.body), /inbox is empty/);
    assert.equal((await writer.submit(`/inbox/${id}/delete`, {})).status, 404, 'gone');
    assert.equal((await writer.submit('/inbox/nonsense/delete', {})).status, 404);
  });

  it('shows nothing of a comment since deleted, nor of one on a work that went back to draft', async () => {
    const work = await writer.postWork({ title: 'Lanterns' });
    const posted = await reader.submit(`${work}/comments`, { body: 'Secret words, soon gone.' });
    const commentId = /#comment-(\d+)$/.exec(posted.location!)![1];
    assert.match(visibleText((await writer.get('/inbox')).body), /Secret words/);
    await reader.submit(`/comments/${commentId}/delete`, {});
    const after = await writer.get('/inbox');
    assert.doesNotMatch(after.body, /Secret words/);
    assert.doesNotMatch(after.body, /Post reply/);

    const hidden = await writer.postWork({ title: 'Hidden Later' });
    const first = await reader.submit(`${hidden}/comments`, { body: 'First!' });
    await writer.submit(`${hidden}/comments`, {
      body: 'Words about a work that will hide.',
      parentId: /#comment-(\d+)$/.exec(first.location!)![1],
    });
    assert.match(visibleText((await reader.get('/inbox')).body), /Words about a work/);
    const saved = await writer.submit(hidden, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Hidden Later',
      creatorPseudIds: await writer.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      publishAt: '',
      visibility: 'draft',
      commentPolicy: 'everyone',
      body: '',
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    const withheld = await reader.get('/inbox');
    assert.doesNotMatch(withheld.body, /Words about a work/, 'no text of a comment on a work they may not read');
    assert.doesNotMatch(withheld.body, /Hidden Later/);
    assert.match(visibleText(withheld.body), /A reply was left on a work that is no longer available\./);
  });

  it('folds a long comment with a way to the whole of it, never cutting the text', async () => {
    const work = await writer.postWork({ title: 'Lanterns' });
    const long = `${'A long and loving review. '.repeat(80)}THE END OF IT`;
    await reader.submit(`${work}/comments`, { body: long });
    const inbox = await writer.get('/inbox');
    assert.match(visibleText(inbox.body), /Read the whole comment/);
    assert.ok(inbox.body.includes('THE END OF IT'), 'the whole text is there');
    assert.match(inbox.body, /#comment-\d+">Read the whole comment/);
  });
});
