import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { callApi, createToken, OpenApiChecker } from '../support/api.ts';

const TITLE = 'Lanternfish Elegy';
const FANDOM = 'Abyssal Plain Chronicles';
const REASON = 'Copied from another writer without credit.';

/** Calls the API as a script with this token would (answers checked against the OpenAPI document). */
async function api(t: TestApp, path: string, token: string) {
  const doc = await t.app.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  return callApi(t.app, new OpenApiChecker(JSON.parse(doc.body)), 'GET', path, { token });
}

async function moderator(t: TestApp, login: string): Promise<Agent> {
  const agent = t.agent();
  await agent.signUp(login);
  const user = await t.store.users.findByLogin(login);
  await t.store.roles.grant(user!.id, 'moderator');
  return agent;
}

describeEachDatabase('moderators hide a work', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('is gone from every path for everyone but its creators and staff, and back when unhidden', async () => {
    const writer = t.agent();
    await writer.signUp('lantern_writer');
    const workPath = await writer.postWork({
      title: TITLE,
      fandoms: FANDOM,
      freeforms: 'Bioluminescence',
      body: 'The lanternfish sang to the dark water.',
    });
    const workId = Number(workPath.split('/').at(-1));
    const chapterId = (await t.store.works.find(workId))!.chapters[0].id;
    const reader = t.agent();
    await reader.signUp('deep_reader');
    const token = await createToken(reader);
    const mod = await moderator(t, 'tidewatch');

    const tag = encodeURIComponent(FANDOM);
    // Every place a reader could meet the work (pages, lists, counts, tags, feeds, OPDS, API, search, downloads).
    const paths = [
      '/',
      '/works',
      `/works?q=${encodeURIComponent('lanternfish')}`,
      `/tags/${tag}/works`,
      `/tags/${tag}/feed.atom`,
      '/users/lantern_writer',
      '/users/lantern_writer/works',
      '/users/lantern_writer/works/feed.atom',
      '/opds/works',
      `/opds/tags/${tag}`,
      '/opds/users/lantern_writer',
      `/opds/search?q=lanternfish`,
    ];
    for (const path of paths) {
      for (const who of [t.agent(), reader]) {
        const before = await who.get(path);
        assert.match(before.body, /Lanternfish Elegy/, `${path} lists the work before it is hidden`);
      }
    }

    const hidden = await mod.submit(`/admin/moderate/work/${workId}/hide`, { reason: REASON });
    assert.equal(hidden.status, 303);

    for (const path of paths) {
      for (const who of [t.agent(), reader]) {
        const after = await who.get(path);
        assert.ok(after.status < 500, `${path} answers`);
        assert.doesNotMatch(after.body, /Lanternfish Elegy/, `${path} no longer shows the hidden work`);
      }
    }
    // Counts leave it out too: the fandom has no works now, the writer none to show.
    assert.match(visibleText((await reader.get('/users/lantern_writer')).body), /Works \(0\)/);

    for (const path of [
      workPath,
      `${workPath}/navigate`,
      `/works/${workId}/chapters/${chapterId}`,
      `/works/${workId}/chapters/feed.atom`,
      `/downloads/${workId}/lanternfish-elegy.epub`,
      `/downloads/${workId}/lanternfish-elegy.html`,
    ]) {
      assert.equal((await t.agent().get(path)).status, 404, `${path} is not there for a guest`);
      assert.equal((await reader.get(path)).status, 404, `${path} is not there for a member`);
    }
    const apiWork = await api(t, `/api/v1/works/${workId}`, token);
    assert.equal(apiWork.status, 404);
    const apiList = await api(t, '/api/v1/works', token);
    assert.doesNotMatch(JSON.stringify(apiList.json), /Lanternfish/);
    const apiSearch = await api(t, '/api/v1/search?q=lanternfish', token);
    assert.doesNotMatch(JSON.stringify(apiSearch.json), /Lanternfish/);

    // Its creator still reads it, told why; staff can review it.
    const own = await writer.get(workPath);
    assert.equal(own.status, 200);
    assert.match(visibleText(own.body), /Hidden by the archive’s moderators\. .*Reason: Copied from another writer/);
    assert.equal((await mod.get(workPath)).status, 200);
    // …but its creator cannot bring it back.
    const unhideByWriter = await writer.submit(`/admin/moderate/work/${workId}/unhide`, { reason: 'please' });
    assert.equal(unhideByWriter.status, 403);

    // The log keeps who hid it and why.
    const log = visibleText((await mod.get('/admin/log')).body);
    assert.match(log, /tidewatch/);
    assert.match(log, /Copied from another writer without credit/);

    const shown = await mod.submit(`/admin/moderate/work/${workId}/unhide`, { reason: 'Credit added.' });
    assert.equal(shown.status, 303);
    for (const path of paths) {
      const back = await reader.get(path);
      assert.match(back.body, /Lanternfish Elegy/, `${path} lists the work again`);
    }
  });

  it('asks for a reason, and keeps it from members and guests', async () => {
    const writer = t.agent();
    await writer.signUp('quiet_writer');
    const workId = Number((await writer.postWork({ title: 'Tidepool' })).split('/').at(-1));
    const mod = await moderator(t, 'harbourmaster');

    const noReason = await mod.submit(`/admin/moderate/work/${workId}/hide`, { reason: '   ' });
    assert.equal(noReason.status, 422);
    assert.match(visibleText(noReason.body), /Say why/);
    assert.equal((await t.agent().get(`/works/${workId}`)).status, 200, 'not hidden without a reason');

    const member = t.agent();
    await member.signUp('curious_member');
    assert.equal((await member.get(`/admin/moderate/work/${workId}`)).status, 403);
    assert.equal((await member.submit(`/admin/moderate/work/${workId}/hide`, { reason: 'mine' })).status, 403);
    const guest = await t.agent().get(`/admin/moderate/work/${workId}`);
    assert.equal(guest.status, 303);
    assert.match(guest.location ?? '', /^\/login/);
    assert.equal((await mod.get('/admin/moderate/work/99999')).status, 404);
    assert.equal((await mod.get('/admin/moderate/spaceship/1')).status, 404);
  });
});

describeEachDatabase('moderators hide and delete comments, chapters, series and bookmarks', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('hides a comment from readers and from the count; its writer still sees it, with the reason', async () => {
    const writer = t.agent();
    await writer.signUp('comment_host');
    const workPath = await writer.postWork({ title: 'Harbour Lights' });
    const workId = Number(workPath.split('/').at(-1));
    const spammer = t.agent();
    await spammer.signUp('loud_commenter');
    await spammer.submit(`/works/${workId}/comments`, { body: 'Buy cheap lanterns at example dot com' });
    const page = await spammer.get(workPath);
    const id = Number(/id="comment-(\d+)"/.exec(page.body)?.[1]);
    assert.ok(id > 0);
    assert.equal((await t.store.works.find(workId))!.commentCount, 1);

    const mod = await moderator(t, 'lamplighter');
    assert.equal((await mod.submit(`/admin/moderate/comment/${id}/hide`, { reason: 'Spam.' })).status, 303);

    const readerView = visibleText((await t.agent().get(workPath)).body);
    assert.doesNotMatch(readerView, /cheap lanterns/);
    assert.match(readerView, /hidden by the archive’s moderators/);
    assert.equal((await t.store.works.find(workId))!.commentCount, 0);
    const creatorView = visibleText((await writer.get(workPath)).body);
    assert.doesNotMatch(creatorView, /cheap lanterns/, 'the work’s creator does not see it either');
    const own = visibleText((await spammer.get(workPath)).body);
    assert.match(own, /cheap lanterns/);
    assert.match(own, /Hidden by the archive’s moderators: only you .* Reason: Spam\./);

    assert.equal(
      (await mod.submit(`/admin/moderate/comment/${id}/delete`, { deleteReason: 'Spam, gone.' })).status,
      303,
    );
    const afterDelete = visibleText((await spammer.get(workPath)).body);
    assert.doesNotMatch(afterDelete, /cheap lanterns/);
    assert.match(afterDelete, /Comments \(0\)/);
  });

  it('marks a comment as spam: its copies and the guest’s other comments go, and the address is held', async () => {
    const writer = t.agent();
    await writer.signUp('spam_target');
    const first = Number((await writer.postWork({ title: 'First Harbour' })).split('/').at(-1));
    const second = Number((await writer.postWork({ title: 'Second Harbour' })).split('/').at(-1));
    const spammer = t.agent();
    spammer.remoteAddress = '203.0.113.9';
    const guest = { guestName: 'Deals', guestEmail: 'deals@example.org' };
    await spammer.submit(`/works/${first}/comments`, { body: 'Cheap lanterns here!', ...guest });
    await spammer.submit(`/works/${second}/comments`, { body: 'Cheap lanterns here!', ...guest });
    await spammer.submit(`/works/${second}/comments`, { body: 'A different pitch, same sender.', ...guest });
    const honest = t.agent();
    honest.remoteAddress = '198.51.100.7';
    await honest.submit(`/works/${second}/comments`, {
      body: 'I loved the ending.',
      guestName: 'Reader',
      guestEmail: 'reader@example.org',
    });
    const page = await t.agent().get(`/works/${first}`);
    const spamId = Number(/id="comment-(\d+)"/.exec(page.body)?.[1]);

    const mod = await moderator(t, 'spamwarden');
    const marked = await mod.submit(`/admin/moderate/comment/${spamId}/spam`, { spamReason: 'Lantern spam.' });
    assert.equal(marked.status, 303);
    const flash = visibleText((await mod.get(marked.location!)).body);
    assert.match(flash, /3 comments were removed as spam\. Comments from that address now wait for approval\./);

    const secondPage = visibleText((await t.agent().get(`/works/${second}`)).body);
    assert.doesNotMatch(secondPage, /Cheap lanterns|different pitch/);
    assert.match(secondPage, /I loved the ending\./);
    assert.equal((await t.store.works.find(second))!.commentCount, 1);

    await spammer.submit(`/works/${first}/comments`, { body: 'Back again with lanterns.', ...guest });
    assert.doesNotMatch(visibleText((await t.agent().get(`/works/${first}`)).body), /Back again/);
    assert.match(visibleText((await writer.get(`/works/${first}`)).body), /Back again with lanterns\./);
    assert.match(
      visibleText((await mod.get('/admin/log')).body),
      /Lantern spam\. \(3 comments removed; address held for review\)/,
    );
  });

  it('hides one chapter of a work: not readable, not counted, not downloaded', async () => {
    const writer = t.agent();
    await writer.signUp('chapter_host');
    const workPath = await writer.postWork({ title: 'Two Tides', expectedChapters: '2', complete: '' });
    const workId = Number(workPath.split('/').at(-1));
    const added = await writer.submit(`/works/${workId}/chapters`, {
      title: 'The Second Tide',
      body: 'An unwelcome second chapter.',
    });
    assert.equal(added.status, 303, visibleText(added.body).slice(0, 300));
    const work = await t.store.works.find(workId);
    const second = work!.chapters[1];
    const mod = await moderator(t, 'chapterwarden');
    assert.equal((await mod.submit(`/admin/moderate/chapter/${second.id}/hide`, { reason: 'Off-topic.' })).status, 303);

    const guest = t.agent();
    assert.equal((await guest.get(`/works/${workId}/chapters/${second.id}`)).status, 404);
    assert.doesNotMatch((await guest.get(`${workPath}/navigate`)).body, /The Second Tide/);
    assert.equal((await t.store.works.find(workId))!.chapterCount, 1);
    const html = await guest.get(`/downloads/${workId}/two-tides.html`);
    assert.equal(html.status, 200);
    assert.doesNotMatch(html.body, /unwelcome second chapter/);
    const own = await writer.get(`/works/${workId}/chapters/${second.id}`);
    assert.equal(own.status, 200);
    assert.match(visibleText(own.body), /This chapter is hidden by the archive’s moderators\..*Reason: Off-topic\./);
  });

  it('hides a series from everyone but its owner, and a bookmark from the work’s bookmarks', async () => {
    const writer = t.agent();
    await writer.signUp('series_host');
    const workPath = await writer.postWork({ title: 'Part One', newSeriesTitle: 'The Hidden Saga' });
    const workId = Number(workPath.split('/').at(-1));
    const seriesId = (await t.store.series.placesOf(workId))[0]?.seriesId;
    assert.ok(seriesId, 'the work is in a new series');
    const bookmarker = t.agent();
    await bookmarker.signUp('bookmarker');
    const form = await bookmarker.get(`/bookmarks/new?work=${workId}`);
    const pseudId = /name="pseudId" value="(\d+)"/.exec(form.body)?.[1] ?? '';
    const saved = await bookmarker.submit('/bookmarks', {
      kind: 'work',
      id: String(workId),
      pseudId,
      notes: 'A rude note about the writer',
    });
    assert.ok(saved.status < 400, visibleText(saved.body).slice(0, 300));
    const bookmarkId = (await t.store.bookmarks.listForWork(workId))[0].id;

    const mod = await moderator(t, 'sagawarden');
    assert.equal(
      (await mod.submit(`/admin/moderate/series/${seriesId}/hide`, { reason: 'Hateful title.' })).status,
      303,
    );
    assert.equal(
      (await mod.submit(`/admin/moderate/bookmark/${bookmarkId}/hide`, { reason: 'Harassment.' })).status,
      303,
    );

    assert.equal((await t.agent().get(`/series/${seriesId}`)).status, 404);
    assert.doesNotMatch((await t.agent().get(workPath)).body, /The Hidden Saga/);
    assert.equal((await writer.get(`/series/${seriesId}`)).status, 200);
    assert.doesNotMatch((await t.agent().get(`${workPath}/bookmarks`)).body, /rude note/);
    assert.equal((await t.store.works.find(workId))!.bookmarkCount, 0);
    assert.match((await bookmarker.get('/users/bookmarker/bookmarks')).body, /rude note/);
    assert.doesNotMatch((await t.agent().get('/users/bookmarker/bookmarks')).body, /rude note/);
  });
});

describeEachDatabase('moderators suspend and ban accounts', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('a suspended member is logged out, cannot log in (told until when and why), and can again once lifted', async () => {
    const member = t.agent();
    await member.signUp('troublemaker');
    const token = await createToken(member);
    const mod = await moderator(t, 'gatewarden');

    const suspended = await mod.submit('/admin/users/troublemaker/suspend', {
      days: '3',
      reason: 'Harassing a writer.',
    });
    assert.equal(suspended.status, 303);
    assert.match(visibleText((await mod.get('/admin/users/troublemaker')).body), /suspended until/);

    // The session they had is over: they are a guest now, and cannot post.
    const home = await member.get('/works/new');
    assert.equal(home.status, 303);
    assert.match(home.location ?? '', /^\/login/);
    assert.equal((await api(t, '/api/v1/me', token)).status, 401);

    const again = t.agent();
    const refused = await again.submit('/login', { identifier: 'troublemaker', password: 'correct horse battery' });
    assert.equal(refused.status, 401);
    const text = visibleText(refused.body);
    assert.match(text, /This account is suspended until \d{1,2} \w+ \d{4}/);
    assert.match(text, /Reason: Harassing a writer\./);
    // Someone without the password learns nothing.
    const guessing = await t.agent().submit('/login', { identifier: 'troublemaker', password: 'wrong guess here' });
    assert.doesNotMatch(visibleText(guessing.body), /suspended/);

    assert.equal((await mod.submit('/admin/users/troublemaker/lift', { liftReason: 'Apologised.' })).status, 303);
    const back = await t.agent().submit('/login', { identifier: 'troublemaker', password: 'correct horse battery' });
    assert.equal(back.status, 303);
    const log = visibleText((await mod.get('/admin/log')).body);
    assert.match(log, /Harassing a writer\./);
    assert.match(log, /Apologised\./);
  });

  it('a ban can hide every work the account alone created; admins and oneself cannot be suspended', async () => {
    const member = t.agent();
    await member.signUp('spam_account');
    const solo = await member.postWork({ title: 'Spam Work One' });
    const mod = await moderator(t, 'banhammer');

    const noDays = await mod.submit('/admin/users/spam_account/suspend', { days: '', reason: 'Spam.' });
    assert.equal(noDays.status, 422);
    assert.match(visibleText(noDays.body), /Give the number of days/);

    const banned = await mod.submit('/admin/users/spam_account/suspend', {
      ban: '1',
      hideWorks: '1',
      reason: 'Spam account.',
    });
    assert.equal(banned.status, 303);
    assert.equal((await t.agent().get(solo)).status, 404);
    const refused = await t.agent().submit('/login', { identifier: 'spam_account', password: 'correct horse battery' });
    assert.match(visibleText(refused.body), /This account has been banned from the archive\. Reason: Spam account\./);

    const self = await mod.submit('/admin/users/banhammer/suspend', { days: '1', reason: 'test' });
    assert.equal(self.status, 422);
    assert.match(visibleText(self.body), /You cannot suspend your own account/);
    const owner = t.agent();
    await owner.signUp('archive_owner');
    await t.store.roles.grant((await t.store.users.findByLogin('archive_owner'))!.id, 'admin');
    const adminTry = await mod.submit('/admin/users/archive_owner/suspend', { days: '1', reason: 'test' });
    assert.equal(adminTry.status, 422);
  });
});

describe('the moderation rules', () => {
  it('are checked in the domain too', async () => {
    const { suspensionEnd, suspendedAt, validateReason } = await import('../../src/domain/moderation.ts');
    assert.throws(() => validateReason(''), /Say why/);
    assert.equal(validateReason('  spam  '), 'spam');
    assert.equal(suspensionEnd('', true), null);
    assert.throws(() => suspensionEnd('0', false), /from 1 to/);
    assert.throws(() => suspensionEnd('abc', false), /from 1 to/);
    const from = new Date('2026-01-01T00:00:00Z');
    assert.equal(suspensionEnd('2', false, from), '2026-01-03T00:00:00.000Z');
    assert.equal(suspendedAt({ until: '2026-01-03T00:00:00.000Z', reason: '' }, '2026-01-02T00:00:00.000Z'), true);
    assert.equal(suspendedAt({ until: '2026-01-03T00:00:00.000Z', reason: '' }, '2026-01-04T00:00:00.000Z'), false);
    assert.equal(suspendedAt({ until: null, reason: '' }), true);
    assert.equal(suspendedAt(null), false);
  });
});
