import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { assertValidAtom } from '../support/feeds.ts';
import { signFormTime } from '../../src/app/form-time.ts';

describeEachDatabase('site news', (dialect) => {
  let t: TestApp;
  let admin: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    admin = t.agent();
    await admin.signUp('keeper_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('keeper_admin'))!.id, 'admin');
  });
  afterEach(() => t.dispose());

  async function post(fields: Record<string, string>): Promise<string> {
    const response = await admin.submit('/admin/news', fields);
    assert.equal(response.status, 303, visibleText(response.body).slice(0, 300));
    return response.location!;
  }

  it('publishes an admin post on the home page, at /news, on its own page and in a valid feed', async () => {
    const where = await post({
      title: 'Maintenance on Saturday',
      body: 'The archive is down for an hour.\n\n<script>alert(1)</script><em>Sorry!</em>',
      tags: 'Maintenance, Server',
    });
    assert.match(where, /^\/news\/\d+$/);

    const home = await t.agent().get('/');
    assert.match(visibleText(home.body), /Site news Maintenance on Saturday .* The archive is down for an hour\./);
    assert.ok(home.body.includes(`href="${where}"`));

    const list = await t.agent().get('/news');
    assert.equal(list.status, 200);
    assert.match(visibleText(list.body), /Maintenance on Saturday/);
    assert.match(list.body, /<em>Sorry!<\/em>/);
    assert.doesNotMatch(list.body, /<script>alert/);
    assert.match(visibleText(list.body), /Tags: Maintenance ?, Server/);

    const tagged = await t.agent().get('/news?tag=server');
    assert.match(visibleText(tagged.body), /Maintenance on Saturday/);
    assert.doesNotMatch(visibleText((await t.agent().get('/news?tag=Other')).body), /Maintenance on Saturday/);

    const page = await t.agent().get(where);
    assert.equal(page.status, 200);
    assert.match(visibleText(page.body), /The archive is down for an hour\./);

    const feed = await t.agent().get('/news/feed.atom');
    assert.equal(feed.status, 200);
    assert.match(String(feed.headers['content-type']), /^application\/atom\+xml/);
    const parsed = assertValidAtom(feed.body);
    assert.deepEqual(parsed.entries, ['Maintenance on Saturday']);
    const entry = parsed.xml.entries[0];
    assert.deepEqual(entry.categories, ['Maintenance', 'Server']);
    assert.match(entry.content ?? '', /<em>Sorry!<\/em>/);
    assert.doesNotMatch(entry.content ?? '', /<script/);
    assert.ok(entry.links.some((l) => l.rel === 'alternate' && l.href?.endsWith(where)));
  });

  it('shows only the latest three posts on the home page, and pages /news', async () => {
    for (let i = 1; i <= 12; i++) await post({ title: `Bulletin number ${i}`, body: `Text ${i}.`, tags: '' });
    const home = visibleText((await t.agent().get('/')).body);
    assert.match(home, /Bulletin number 12/);
    assert.match(home, /Bulletin number 10/);
    assert.doesNotMatch(home, /Bulletin number 9\b/);
    const first = visibleText((await t.agent().get('/news')).body);
    assert.match(first, /Bulletin number 3\b/);
    assert.doesNotMatch(first, /Bulletin number 2\b/);
    const second = await t.agent().get('/news?page=2');
    assert.match(visibleText(second.body), /Bulletin number 2\b/);
    assert.match(visibleText(second.body), /Page 2 of 2/);
    assert.equal((await t.agent().get('/news?page=3')).status, 404);
  });

  it('lets admins edit and delete posts, and keeps what they typed when a post is refused', async () => {
    const refused = await admin.submit('/admin/news', { title: '', body: 'Kept body text', tags: 'kept tag' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /Give the post a title\./);
    assert.match(refused.body, /Kept body text/);
    assert.match(refused.body, /value="kept tag"/);

    const where = await post({ title: 'First title', body: 'Body.', tags: '' });
    const id = where.split('/').pop();
    const edited = await admin.submit(`/admin/news/${id}`, { title: 'Second title', body: 'New body.', tags: 'x' });
    assert.equal(edited.status, 303);
    assert.match(visibleText((await t.agent().get(where)).body), /Second title Posted .* New body\./);
    assert.equal((await admin.submit(`/admin/news/${id}/delete`, {})).status, 303);
    assert.equal((await t.agent().get(where)).status, 404);
    assert.doesNotMatch(visibleText((await t.agent().get('/')).body), /Second title/);
  });

  it('refuses news writing to members who are not admins (403) and sends guests to log in', async () => {
    const member = t.agent();
    await member.signUp('plain_member');
    for (const path of ['/admin/news', '/admin/news/new', '/admin/terms', '/admin/settings', '/admin/invitations'])
      assert.equal((await member.get(path)).status, 403, path);
    const attempt = await member.submit('/admin/news', { title: 'Mine', body: 'Not allowed.', tags: '' });
    assert.equal(attempt.status, 403);
    assert.match(visibleText(attempt.body), /Only the archive's admins can do that\./);
    const guest = await t.agent().get('/admin/news/new');
    assert.equal(guest.status, 303);
    assert.match(guest.location ?? '', /^\/login/);
    assert.doesNotMatch(visibleText((await t.agent().get('/news')).body), /Mine/);
  });

  it('lets members comment and reply with the comment rules, guests only when allowed, and admins delete', async () => {
    const where = await post({ title: 'Tell us', body: 'What do you think?', tags: '' });
    const id = where.split('/').pop();
    const reader = t.agent();
    await reader.signUp('chatty_reader');

    const empty = await reader.submit(`/news/${id}/comments`, { body: '   ' });
    assert.equal(empty.status, 422);
    assert.match(visibleText(empty.body), /Write something before posting your comment\./);

    const posted = await reader.submit(`/news/${id}/comments`, { body: 'Love it <img src=x onerror=alert(1)>' });
    assert.equal(posted.status, 303);
    const commentId = /#comment-(\d+)/.exec(posted.location ?? '')![1];
    const reply = await admin.submit(`/news/${id}/comments`, { body: 'Thank you!', parentId: commentId });
    assert.equal(reply.status, 303);

    const page = await t.agent().get(where);
    const text = visibleText(page.body);
    assert.match(text, /Comments \(2\)/);
    assert.match(text, /chatty_reader .* Love it/);
    assert.match(text, /keeper_admin .* Thank you!/);
    assert.doesNotMatch(page.body, /onerror/);
    assert.match(visibleText((await t.agent().get('/news')).body), /2 comments/);

    // Guests: not while the archive does not allow it.
    const guest = t.agent();
    const refused = await guest.submit(`/news/${id}/comments`, {
      body: 'Guest here',
      guestName: 'Visitor',
      guestEmail: 'v@example.org',
    });
    assert.equal(refused.status, 403);
    await admin.submit('/admin/settings', { signUpMode: 'open', invitationsPerDay: '10', newsGuestComments: '1' });
    const missingEmail = await guest.submit(`/news/${id}/comments`, { body: 'Guest here', guestName: 'Visitor' });
    assert.equal(missingEmail.status, 422);
    assert.match(missingEmail.body, /Guest here/);
    assert.match(missingEmail.body, /value="Visitor"/);
    const byGuest = await guest.submit(`/news/${id}/comments`, {
      body: 'Guest here',
      guestName: 'Visitor',
      guestEmail: 'v@example.org',
    });
    assert.equal(byGuest.status, 303);
    assert.match(visibleText((await t.agent().get(where)).body), /Visitor \(guest\) .* Guest here/);
    assert.doesNotMatch((await t.agent().get(where)).body, /v@example\.org/);

    // Only admins delete comments; deleting a comment takes its replies.
    assert.equal((await reader.submit(`/news/${id}/comments/${commentId}/delete`, {})).status, 403);
    assert.equal((await admin.submit(`/news/${id}/comments/${commentId}/delete`, {})).status, 303);
    const after = visibleText((await t.agent().get(where)).body);
    assert.doesNotMatch(after, /Love it|Thank you!/);
    assert.match(after, /Comments \(1\)/);
  });
});

describeEachDatabase('the spam check on news comments', (dialect) => {
  let t: TestApp;
  let admin: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    admin = t.agent();
    await admin.signUp('keeper_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('keeper_admin'))!.id, 'admin');
    await admin.submit('/admin/settings', { signUpMode: 'open', invitationsPerDay: '10', newsGuestComments: '1' });
  });
  afterEach(() => t.dispose());

  it('holds a spammy guest comment for an admin, who sees why and approves it', async () => {
    const posted = await admin.submit('/admin/news', { title: 'Open house', body: 'Come and see.', tags: '' });
    const post = posted.location!;
    const page = await t.agent().get(post);
    assert.match(page.body, /<input type="hidden" name="shownAt" value="\d+\.[\w-]+"/, 'the form is signed');
    assert.match(page.body, /name="website"/, 'and carries the honeypot');

    const guest = t.agent();
    const body = 'Buy now at https://a.example https://b.example https://c.example';
    const held = await guest.submit(`${post}/comments`, {
      body,
      guestName: 'Seller',
      guestEmail: 'seller@example.org',
      website: '',
    });
    assert.equal(held.status, 303);
    assert.match(visibleText((await guest.get(post)).body), /waits for an admin: the archive’s spam check held it/);
    assert.doesNotMatch(visibleText((await t.agent().get(post)).body), /Buy now/, 'readers do not see it');
    assert.match(visibleText((await t.agent().get('/news')).body), /0 comments/, 'nor count it');

    const asAdmin = visibleText((await admin.get(post)).body);
    assert.match(asAdmin, /Buy now.*/);
    assert.match(asAdmin, /Why it waits: The archive’s spam check held it: 3 links; known spam phrase: buy now/);
    const dashboard = await admin.get('/admin');
    assert.match(visibleText(dashboard.body), /News comments held by the spam check 1 Seller on “Open house”/);

    const id = /#comment-(\d+)/.exec(held.location!)![1];
    const member = t.agent();
    await member.signUp('passerby');
    assert.equal((await member.submit(`${post}/comments/${id}/approve`, {})).status, 403, 'only admins approve');
    assert.equal((await admin.submit(`${post}/comments/${id}/approve`, {})).status, 303);
    assert.match(visibleText((await t.agent().get(post)).body), /Buy now/, 'approved, everyone sees it');
  });

  it('publishes an ordinary guest comment and an admin’s own at once', async () => {
    const posted = await admin.submit('/admin/news', { title: 'Quiet week', body: 'Nothing new.', tags: '' });
    const post = posted.location!;
    const guest = t.agent();
    // A page shown ten seconds before, as the archive signs it.
    const shownAt = signFormTime((await t.store.settings.get('cookie_secret'))!, Date.now() - 10_000);
    await guest.submit(`${post}/comments`, {
      body: 'Thanks for the update!',
      guestName: 'Reader',
      guestEmail: 'r@example.org',
      website: '',
      shownAt,
    });
    await admin.submit(`${post}/comments`, {
      body: 'See https://a.example https://b.example https://c.example https://d.example',
    });
    const seen = visibleText((await t.agent().get(post)).body);
    assert.match(seen, /Thanks for the update!/);
    assert.match(seen, /See https:\/\/a\.example/);
  });
});
