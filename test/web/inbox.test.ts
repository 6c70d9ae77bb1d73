import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { migration } from '../../src/store/migrations/0046_notices_name_commenter_apart.ts';

describeEachDatabase('subscriptions and the inbox', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('harbour_writer');
    reader = t.agent();
    await reader.signUp('harbour_reader');
  });
  afterEach(() => t.dispose());

  const workId = (path: string) => path.split('/').pop()!;
  const postChapter = (workPath: string, fields: Record<string, string> = {}) =>
    writer.submit(`${workPath}/chapters`, { chapterTitle: 'The Return', body: 'They came back.', ...fields });

  it('a subscriber is told of a new chapter, sees the unread count, and marks it read', async () => {
    const work = await writer.postWork({ title: 'Long Haul' });
    const page = await reader.get(work);
    assert.match(visibleText(page.body), /Subscribe to this work/);
    assert.doesNotMatch(
      visibleText((await writer.get(work)).body),
      /Subscribe to this work/,
      'the writer follows their own work anyway',
    );
    assert.equal((await reader.submit('/subscriptions', { kind: 'work', id: workId(work) })).location, work);
    assert.match(visibleText((await reader.get(work)).body), /Unsubscribe from this work/);

    assert.equal((await postChapter(work, { draft: '1' })).status, 303);
    assert.doesNotMatch(visibleText((await reader.get('/')).body), /Inbox \d/);
    const posted = await postChapter(work);
    const home = visibleText((await reader.get('/')).body);
    assert.match(home, /Inbox 1 unread/);
    const inbox = await reader.get('/inbox');
    assert.match(visibleText(inbox.body), /Unread harbour_writer posted chapter 3 of Long Haul\./);
    assert.ok(inbox.body.includes(`href="${posted.location}"`), 'the notice links to the new chapter');
    assert.doesNotMatch(visibleText((await writer.get('/inbox')).body), /posted chapter/);

    const noticeId = /action="\/inbox\/(\d+)\/read"/.exec(inbox.body)![1];
    assert.equal(
      (await writer.submit(`/inbox/${noticeId}/read`, {})).status,
      404,
      'another member cannot touch the notice',
    );
    assert.match(visibleText((await reader.get('/')).body), /Inbox 1 unread/);
    assert.equal((await reader.submit(`/inbox/${noticeId}/read`, {})).status, 303);
    assert.doesNotMatch(visibleText((await reader.get('/inbox')).body), /Unread/);
  });

  it('marks everything read at once, and pages a long inbox newest first', async () => {
    const work = await writer.postWork({ title: 'Serial' });
    await reader.submit('/subscriptions', { kind: 'work', id: workId(work) });
    for (let i = 0; i < 22; i++) await postChapter(work);
    const first = visibleText((await reader.get('/inbox')).body);
    assert.match(first, /22 unread/);
    assert.match(first, /chapter 23 of Serial.*chapter 22 of Serial/);
    assert.doesNotMatch(first, /chapter 3 of Serial/);
    assert.match(visibleText((await reader.get('/inbox?page=2')).body), /chapter 3 of Serial.*chapter 2 of Serial/);
    await reader.submit('/inbox/read', {});
    assert.match(visibleText((await reader.get('/inbox')).body), /Nothing unread/);
  });

  it('follows users and series, lists and drops subscriptions', async () => {
    const first = await writer.postWork({ title: 'Opening', newSeriesTitle: 'The Cycle' });
    const seriesId = /href="\/series\/(\d+)"/.exec((await reader.get(first)).body)![1];
    const userId = /name="kind" value="user"\/><input type="hidden" name="id" value="(\d+)"/.exec(
      (await reader.get('/users/harbour_writer')).body,
    )![1];
    await reader.submit('/subscriptions', { kind: 'user', id: userId });
    await reader.submit('/subscriptions', { kind: 'series', id: seriesId });
    const list = visibleText((await reader.get('/subscriptions')).body);
    assert.match(list, /Series \(1\) The Cycle/);
    assert.match(list, /Users \(1\) harbour_writer/);

    await writer.postWork({ title: 'Sequel', seriesId });
    assert.match(visibleText((await reader.get('/inbox')).body), /harbour_writer posted a new work, Sequel\./);
    assert.equal(
      (await reader.submit('/subscriptions/delete', { kind: 'user', id: userId, return_to: '/subscriptions' }))
        .location,
      '/subscriptions',
    );
    assert.doesNotMatch(visibleText((await reader.get('/subscriptions')).body), /Users \(1\)/);
  });

  it('refuses subscriptions to what the member may not see, and guests', async () => {
    const draft = await writer.postWork({ title: 'Secret Draft', visibility: 'draft' });
    assert.equal((await reader.submit('/subscriptions', { kind: 'work', id: workId(draft) })).status, 404);
    assert.equal((await reader.submit('/subscriptions', { kind: 'work', id: 'nonsense' })).status, 404);
    assert.equal((await reader.submit('/subscriptions', { kind: 'planet', id: '1' })).status, 404);
    assert.match(visibleText((await reader.get('/subscriptions')).body), /not subscribed to anything/);
    const guest = t.agent();
    const registered = await writer.postWork({ title: 'Members Only', visibility: 'registered' });
    assert.doesNotMatch(visibleText((await guest.get(registered)).body), /Subscribe/);
    assert.equal((await guest.submit('/subscriptions', { kind: 'work', id: workId(registered) })).status, 303);
    assert.match(
      (await guest.submit('/subscriptions', { kind: 'work', id: workId(registered) })).location ?? '',
      /^\/login/,
    );
    assert.match((await guest.get('/inbox')).location ?? '', /^\/login/);
    assert.equal((await reader.submit('/subscriptions', { kind: 'work', id: workId(registered) })).status, 303);
  });

  it('lets a member turn a kind of notification off', async () => {
    const work = await writer.postWork({ title: 'Quiet' });
    await reader.submit('/subscriptions', { kind: 'work', id: workId(work) });
    const prefs = await reader.get('/inbox/preferences');
    assert.match(prefs.body, /name="inbox-new-chapter" value="1" checked/);
    assert.match(visibleText(prefs.body), /Email notifications are not configured/);
    await reader.submit('/inbox/preferences', { 'inbox-comment': '1' });
    assert.doesNotMatch((await reader.get('/inbox/preferences')).body, /name="inbox-new-chapter" value="1" checked/);
    await postChapter(work);
    assert.match(visibleText((await reader.get('/inbox')).body), /inbox is empty/);
  });

  it('names the commenter once on comment and reply notices written before they were stored without the name', async () => {
    const work = await writer.postWork({ title: 'Old Harbour' });
    const asked = await reader.submit(`${work}/comments`, { body: 'Lovely.' });
    const parentId = /#comment-(\d+)$/.exec(asked.location!)![1];
    await writer.submit(`${work}/comments`, { body: 'Thanks!', parentId });
    // As notices were written before migration 0046.
    const db = t.store.handle.db;
    await db
      .updateTable('notifications')
      .set({ message: 'harbour_reader commented on Old Harbour' })
      .where('kind', '=', 'comment')
      .execute();
    await db
      .updateTable('notifications')
      .set({ message: 'harbour_writer replied to your comment on Old Harbour' })
      .where('kind', '=', 'reply')
      .execute();
    await migration(dialect).up(db);
    const writerInbox = visibleText((await writer.get('/inbox')).body);
    assert.match(writerInbox, /Unread harbour_reader commented on Old Harbour/);
    assert.doesNotMatch(writerInbox, /harbour_reader harbour_reader/);
    const readerInbox = visibleText((await reader.get('/inbox')).body);
    assert.match(readerInbox, /Unread harbour_writer replied to your comment on Old Harbour/);
    assert.doesNotMatch(readerInbox, /harbour_writer harbour_writer/);
  });
});
