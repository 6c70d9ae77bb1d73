import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

describeEachDatabase('reading history over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('lamp_writer');
    reader = t.agent();
    await reader.signUp('lamp_reader');
  });
  afterEach(() => t.dispose());

  const id = (path: string) => path.split('/').pop()!;

  it('records the works a member opens, with visits and the last chapter, on a page only they can see', async () => {
    const work = await writer.postWork({ title: 'Lanterns' });
    const chapter = (await writer.submit(`${work}/chapters`, { chapterTitle: 'Dusk', body: 'Evening came.' }))
      .location!;
    await reader.get(work);
    await reader.get(chapter);
    await writer.get(work); // the writer's own visits are not history

    const page = await reader.get('/users/lamp_reader/readings');
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    assert.match(text, /History/);
    assert.match(text, /Lanterns by lamp_writer/);
    assert.match(text, /Last visited: .* \( ?chapter 2 ?\) · Visited 2 times/);
    assert.ok(page.body.includes(`href="${chapter}"`), 'links to the chapter last read');
    assert.doesNotMatch(visibleText((await writer.get('/users/lamp_writer/readings')).body), /Lanterns/);

    const snooping = await writer.get('/users/lamp_reader/readings');
    assert.equal(snooping.status, 403);
    assert.doesNotMatch(snooping.body, /Lanterns/);
    assert.equal((await writer.submit('/users/lamp_reader/readings/clear', {})).status, 403);
    assert.match(
      visibleText((await reader.get('/users/lamp_reader/readings')).body),
      /Lanterns/,
      'someone else cannot clear it',
    );
    const guest = await t.agent().get('/users/lamp_reader/readings');
    assert.equal(guest.status, 303);
    assert.match(guest.location!, /^\/login/);
    assert.equal((await reader.get('/users/nobody_here/readings')).status, 404);
  });

  it('Mark for later on the work page, the filter, Mark as read, delete one and clear all', async () => {
    const work = await writer.postWork({ title: 'Someday' });
    const other = await writer.postWork({ title: 'Today' });
    await reader.get(other);
    const page = await reader.get(work);
    assert.match(visibleText(page.body), /Mark for later/);
    assert.doesNotMatch(visibleText((await t.agent().get(work)).body), /Mark for later/, 'guests get no button');

    const marked = await reader.submit(`/works/${id(work)}/mark-for-later`, { return_to: work });
    assert.equal(marked.status, 303);
    assert.equal(marked.location, work);
    const after = visibleText((await reader.get(work)).body);
    assert.match(after, /“Someday” is marked for later\./);
    assert.match(after, /Mark as read/);

    const later = visibleText((await reader.get('/users/lamp_reader/readings?show=later')).body);
    assert.match(later, /Someday by/);
    assert.doesNotMatch(later, /Today by/);

    await reader.submit(`/works/${id(work)}/mark-as-read`, {});
    assert.doesNotMatch(visibleText((await reader.get('/users/lamp_reader/readings?show=later')).body), /Someday by/);

    const removed = await reader.submit(`/users/lamp_reader/readings/${id(other)}/delete`, {});
    assert.equal(removed.location, '/users/lamp_reader/readings');
    const list = visibleText((await reader.get('/users/lamp_reader/readings')).body);
    assert.doesNotMatch(list, /Today by/);
    assert.match(list, /Someday by/);
    assert.equal(
      (await reader.submit(`/users/lamp_reader/readings/${id(other)}/delete`, {})).status,
      404,
      'not there any more',
    );

    await reader.submit('/users/lamp_reader/readings/clear', {});
    assert.match(visibleText((await reader.get('/users/lamp_reader/readings')).body), /Your history is empty\./);
  });

  it('turning history off stops recording and hides Mark for later; works gone private drop out', async () => {
    const kept = await writer.postWork({ title: 'Kept' });
    const hidden = await writer.postWork({ title: 'Hidden Later' });
    await reader.get(kept);
    await reader.get(hidden);
    await writer.submit(`${hidden}/delete`, {});
    assert.doesNotMatch(visibleText((await reader.get('/users/lamp_reader/readings')).body), /Hidden Later/);

    const off = await reader.submit('/users/lamp_reader/readings/settings', {});
    assert.equal(off.status, 303);
    const fresh = await writer.postWork({ title: 'Unrecorded' });
    const page = await reader.get(fresh);
    assert.doesNotMatch(visibleText(page.body), /Mark for later/);
    const history = visibleText((await reader.get('/users/lamp_reader/readings')).body);
    assert.match(history, /Your history is turned off/);
    assert.doesNotMatch(history, /Unrecorded/);
    assert.match(history, /Kept by/, 'what was there stays until cleared');
    assert.equal((await reader.submit(`/works/${id(fresh)}/mark-for-later`, {})).status, 409);

    await reader.submit('/users/lamp_reader/readings/settings', { keepHistory: '1' });
    await reader.get(fresh);
    assert.match(visibleText((await reader.get('/users/lamp_reader/readings')).body), /Unrecorded by/);
  });

  it('cannot mark for later a work the member may not read, or without the form token', async () => {
    const draft = await writer.postWork({ title: 'Secret Draft', visibility: 'draft' });
    assert.equal((await reader.submit(`/works/${id(draft)}/mark-for-later`, {})).status, 404);
    const work = await writer.postWork({ title: 'Open' });
    const forged = await reader.request('POST', `/works/${id(work)}/mark-for-later`, {});
    assert.equal(forged.status, 403);
    assert.doesNotMatch(visibleText((await reader.get('/users/lamp_reader/readings?show=later')).body), /Open by/);
  });
});

describeEachDatabase('email choices on the notification preferences page', (dialect) => {
  it('without SMTP_URL the page says mail is off and keeps earlier choices; with it each kind can be mailed', async () => {
    const off = await testApp(dialect);
    try {
      const member = off.agent();
      await member.signUp('quiet_member');
      const page = visibleText((await member.get('/inbox/preferences')).body);
      assert.match(page, /nothing is sent by email/);
      assert.doesNotMatch(page, /Also send me by email/);
    } finally {
      await off.dispose();
    }

    const on = await testApp(dialect, { smtpUrl: 'smtp://127.0.0.1:9' });
    try {
      const member = on.agent();
      await member.signUp('mail_member');
      const page = await member.get('/inbox/preferences');
      assert.match(visibleText(page.body), /Also send me by email/);
      assert.match(visibleText(page.body), /mail_member@example\.org/);
      const saved = await member.submit('/inbox/preferences', {
        'inbox-comment': '1',
        'inbox-reply': '1',
        'email-reply': '1',
      });
      assert.equal(saved.status, 303);
      const after = await member.get('/inbox/preferences');
      assert.match(after.body, /name="email-reply" value="1" checked/);
      assert.doesNotMatch(after.body, /name="email-comment" value="1" checked/);
      assert.doesNotMatch(after.body, /name="inbox-kudos" value="1" checked/);
    } finally {
      await on.dispose();
    }
  });
});
