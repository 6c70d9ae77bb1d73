import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const WORK_FIELDS = {
  rating: 'General Audiences',
  warnings: 'No Archive Warnings Apply',
  fandoms: 'Original Work',
  language: 'en',
  expectedChapters: '1',
  complete: '1',
  visibility: 'public',
  commentPolicy: 'everyone',
  summary: 'A storm, a stranger.',
};

let addresses = 0;
/** An agent from an address of its own, so that one test's reports never count against another's limit. */
function ownAddress(agent: Agent): Agent {
  addresses += 1;
  agent.remoteAddress = `10.9.${(addresses >> 8) & 255}.${addresses & 255}`;
  return agent;
}

/** Signs up through the form, accepting the archive's terms as the form asks. */
async function signUp(agent: Agent, login: string): Promise<void> {
  const password = 'correct horse battery';
  const response = await agent.submit('/signup', {
    login,
    email: `${login}@example.org`,
    password,
    passwordConfirmation: password,
    acceptTerms: '1',
  });
  assert.equal(response.status, 303, `sign-up of ${login}`);
}

const workIdOf = (path: string) => Number(/\/works\/(\d+)/.exec(path)![1]);
const caseIdOf = (html: string) => Number(/href="\/admin\/reports\/(\d+)"/.exec(html)![1]);

describeEachDatabase('abuse reports over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  let moderator: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = ownAddress(t.agent());
    await signUp(writer, 'keeper');
    reader = ownAddress(t.agent());
    await signUp(reader, 'reader');
    moderator = ownAddress(t.agent());
    await signUp(moderator, 'mod');
    const user = await t.store.users.findByLogin('mod');
    await t.store.roles.grant(user!.id, 'moderator');
  });
  afterEach(() => t.dispose());

  const post = (fields: Record<string, string> = {}) =>
    writer.postWork({
      title: 'The Lighthouse Keeper',
      body: 'The light turned. The sea answered.',
      ...WORK_FIELDS,
      ...fields,
    });

  it('lets a guest report a comment, with an email address that only moderators see', async () => {
    const work = await post();
    const commenter = ownAddress(t.agent());
    const commented = await commenter.submit(`${work}/comments`, {
      body: 'Buy cheap watches at spam.example',
      guestName: 'Spammer',
      guestEmail: 'spammer-secret@example.org',
    });
    assert.equal(commented.status, 303);
    const commentId = Number(/#comment-(\d+)$/.exec(commented.location!)![1]);

    const guest = ownAddress(t.agent());
    const page = await guest.get(work);
    const link = `/reports/new?kind=comment&amp;id=${commentId}`;
    assert.ok(page.body.includes(link), 'the comment has a Report link for guests');
    assert.ok(page.body.includes(`/reports/new?kind=work&amp;id=${workIdOf(work)}`), 'so has the work');

    const form = await guest.get(`/reports/new?kind=comment&id=${commentId}`);
    assert.equal(form.status, 200);
    assert.match(visibleText(form.body), /You are reporting a comment by Spammer on “The Lighthouse Keeper”/);
    assert.ok(!form.body.includes('spammer-secret'), 'the form never shows the commenter’s email');
    assert.match(form.body, /name="email"/, 'guests may leave an email address');

    const bad = await guest.submit('/reports', {
      kind: 'comment',
      id: String(commentId),
      reason: 'other',
      details: '',
      email: 'not an address',
    });
    assert.equal(bad.status, 422);
    const badText = visibleText(bad.body);
    assert.match(badText, /Say what is wrong: you chose “Other”/);
    assert.match(badText, /Enter an email address like name@example\.com, or leave it empty/);
    assert.match(bad.body, /value="not an address"/, 'what was typed is kept');
    assert.match(bad.body, /id="reason-other"[^>]*checked/, 'the chosen reason is kept');

    const sent = await guest.submit('/reports', {
      kind: 'comment',
      id: String(commentId),
      reason: 'spam',
      details: 'Advertising in every thread.',
      email: 'Reporter@Example.org',
    });
    assert.equal(sent.status, 303);
    assert.equal(sent.location, '/reports/received');
    const thanks = await guest.get(sent.location!);
    const thanksText = visibleText(thanks.body);
    assert.match(thanksText, /your report was received/);
    assert.match(thanksText, /Your report about a comment by Spammer/);
    assert.ok(!thanks.body.includes('spammer-secret'));

    const queue = await moderator.get('/admin/reports');
    assert.equal(queue.status, 200);
    assert.match(visibleText(queue.body), /Comment by Spammer on “The Lighthouse Keeper” comment 1 Open/);
    const entry = await moderator.get(`/admin/reports/${caseIdOf(queue.body)}`);
    const text = visibleText(entry.body);
    assert.match(text, /Spam/);
    assert.match(text, /a guest \(reporter@example\.org\)/, 'moderators see the guest’s contact address');
    assert.match(text, /Advertising in every thread\./);
    assert.match(text, /Buy cheap watches at spam\.example/, 'the comment as it was');
    assert.match(text, /Spammer \(guest\)/);
    assert.ok(!entry.body.includes('spammer-secret'), 'not even moderators see the commenter’s address here');
  });

  it('lets a member report a work, without an email field', async () => {
    const work = await post();
    const form = await reader.get(`/reports/new?kind=work&id=${workIdOf(work)}`);
    assert.equal(form.status, 200);
    assert.ok(!/name="email"/.test(form.body), 'members are not asked for an email address');
    const sent = await reader.submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'rating' });
    assert.equal(sent.status, 303);
    const entry = await moderator.get(`/admin/reports/${caseIdOf((await moderator.get('/admin/reports')).body)}`);
    const text = visibleText(entry.body);
    assert.match(text, /Wrong rating or warnings/);
    assert.match(text, /From reader/);
    assert.match(text, /The light turned\. The sea answered\./);
    assert.match(text, /keeper/);
    assert.ok(!(await writer.get(work)).body.includes('/reports/new?kind=work'), 'no Report link on one’s own work');
  });

  it('puts a Report link on every work, chapter, comment, bookmark, series, pen name and user page', async () => {
    const work = await post({ newSeriesTitle: 'The Harbour Cycle' });
    const chapter = await writer.submit(`${work}/chapters`, { body: 'The second night.', chapterTitle: 'Night' });
    assert.equal(chapter.status, 303);
    await reader.submit(`${work}/comments`, { body: 'Lovely.' });
    const form = await reader.get(`/bookmarks/new?work=${workIdOf(work)}`);
    const pseudId = /name="pseudId" value="(\d+)"/.exec(form.body)![1];
    await reader.submit('/bookmarks', {
      kind: 'work',
      id: String(workIdOf(work)),
      pseudId,
      notes: 'Must read',
      tags: '',
    });
    const seriesId = /href="\/series\/(\d+)"/.exec((await reader.get(work)).body)![1];

    const guest = ownAddress(t.agent());
    const pages: [string, RegExp][] = [
      [work, /You are reporting the work “The Lighthouse Keeper”/],
      [chapter.location!, /You are reporting Chapter 2: Night of “The Lighthouse Keeper”/],
      [`${work}?view_full_work=true`, /You are reporting a comment by reader on “The Lighthouse Keeper”/],
      ['/users/reader/bookmarks', /You are reporting reader’s bookmark of “The Lighthouse Keeper”/],
      [`/series/${seriesId}`, /You are reporting the series “The Harbour Cycle”/],
      ['/users/keeper/pseuds/keeper', /You are reporting the pen name keeper \(keeper\)/],
      ['/users/keeper', /You are reporting the user keeper/],
    ];
    for (const [page, reporting] of pages) {
      const links = [...(await guest.get(page)).body.matchAll(/class="report-link" href="([^"]+)"/g)].map((m) =>
        m[1].replace(/&amp;/g, '&'),
      );
      assert.ok(links.length > 0, `a Report link on ${page}`);
      const opened = await Promise.all(links.map(async (link) => visibleText((await guest.get(link)).body)));
      assert.ok(
        opened.some((text) => reporting.test(text)),
        `${page}: ${opened.map((text) => /You are reporting [^.]*/.exec(text)?.[0]).join(' | ')}`,
      );
    }
    const sent = await guest.submit('/reports', {
      kind: 'chapter',
      id: /chapters\/(\d+)/.exec(chapter.location!)![1],
      work: String(workIdOf(work)),
      reason: 'plagiarism',
    });
    assert.equal(sent.status, 303);
    assert.match(visibleText((await moderator.get('/admin/reports')).body), /The Lighthouse Keeper, Chapter 2: Night/);
  });

  it('answers a report of something the reporter cannot see with “not found”, and stores nothing', async () => {
    const draft = await post({ title: 'Secret Draft', visibility: 'draft' });
    const members = await post({ title: 'Members Only', visibility: 'registered' });
    const guest = ownAddress(t.agent());
    for (const agent of [guest, reader]) {
      assert.equal((await agent.get(`/reports/new?kind=work&id=${workIdOf(draft)}`)).status, 404);
      const sent = await agent.submit('/reports', { kind: 'work', id: String(workIdOf(draft)), reason: 'spam' });
      assert.equal(sent.status, 404);
      assert.ok(!sent.body.includes('Secret Draft'));
    }
    assert.equal((await guest.get(`/reports/new?kind=work&id=${workIdOf(members)}`)).status, 404);
    assert.equal((await reader.get(`/reports/new?kind=work&id=${workIdOf(members)}`)).status, 200);
    for (const url of [
      '/reports/new?kind=work&id=999999',
      '/reports/new?kind=spaceship&id=1',
      '/reports/new?kind=work&id=abc',
      '/reports/new?kind=comment&id=99999999999999999999',
      '/reports/new',
    ]) {
      assert.equal((await guest.get(url)).status, 404, url);
    }
    const queue = visibleText((await moderator.get('/admin/reports')).body);
    assert.match(queue, /No reports yet/);
  });

  it('groups every report about one work in one queue entry', async () => {
    const work = await post();
    const other = await post({ title: 'Another Work' });
    const guest = ownAddress(t.agent());
    await reader.submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'plagiarism' });
    await guest.submit('/reports', {
      kind: 'work',
      id: String(workIdOf(work)),
      reason: 'other',
      details: 'Copied from my blog.',
    });
    await guest.submit('/reports', { kind: 'work', id: String(workIdOf(other)), reason: 'spam' });
    const queue = await moderator.get('/admin/reports');
    const rows = [...queue.body.matchAll(/<tr>\s*<th scope="row">([\s\S]*?)<\/tr>/g)].map((m) => visibleText(m[1]));
    assert.equal(rows.length, 2, 'one entry per reported thing');
    assert.ok(
      rows.some((r) => /^The Lighthouse Keeper work 2 Open/.test(r)),
      rows.join(' | '),
    );
    assert.ok(
      rows.some((r) => /^Another Work work 1 Open/.test(r)),
      rows.join(' | '),
    );
    const id = Number(/href="\/admin\/reports\/(\d+)">The Lighthouse Keeper</.exec(queue.body)![1]);
    const entry = visibleText((await moderator.get(`/admin/reports/${id}`)).body);
    assert.match(entry, /All 2 reports about this/);
    assert.match(entry, /Plagiarism/);
    assert.match(entry, /Copied from my blog\./);
  });

  it('keeps the snapshot when the work is edited and when it is deleted', async () => {
    const work = await post({ title: 'Original Title', body: 'Original words of the story.' });
    await reader.submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'illegal' });
    const id = caseIdOf((await moderator.get('/admin/reports')).body);

    const pseudId = await writer.defaultPseudId();
    const edited = await writer.submit(work, {
      ...WORK_FIELDS,
      title: 'Changed Title',
      creatorPseudIds: pseudId,
      summary: 'A new summary.',
      body: 'Changed words.',
    });
    assert.equal(edited.status, 303);
    assert.match(visibleText((await reader.get(work)).body), /Changed Title/);
    let entry = visibleText((await moderator.get(`/admin/reports/${id}`)).body);
    assert.match(entry, /Original Title/);
    assert.match(entry, /Original words of the story\./);
    assert.match(entry, /A storm, a stranger\./, 'the summary as it was');
    assert.ok(!entry.includes('Changed words'));

    assert.equal((await writer.submit(`${work}/delete`, {})).status, 303);
    assert.equal((await reader.get(work)).status, 404);
    const page = await moderator.get(`/admin/reports/${id}`);
    assert.equal(page.status, 200);
    entry = visibleText(page.body);
    assert.match(entry, /Original Title/);
    assert.match(entry, /Original words of the story\./);
    assert.match(page.body, new RegExp(`href="${work}"`), 'the link to where it was stays');
  });

  it('moves an entry through its statuses with notes, each step in the audit log', async () => {
    const work = await post();
    await reader.submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'spam' });
    const id = caseIdOf((await moderator.get('/admin/reports')).body);

    assert.equal((await moderator.submit(`/admin/reports/${id}/take`, {})).status, 303);
    let entry = visibleText((await moderator.get(`/admin/reports/${id}`)).body);
    assert.match(entry, /Status: In review/);
    assert.match(entry, /Taken by: mod/);

    const empty = await moderator.submit(`/admin/reports/${id}/notes`, { note: '   ' });
    assert.equal(empty.status, 422);
    assert.match(visibleText(empty.body), /Write the note first/);
    assert.equal((await moderator.submit(`/admin/reports/${id}/notes`, { note: 'Checked: it is spam.' })).status, 303);
    assert.equal((await moderator.submit(`/admin/reports/${id}/notes`, { note: 'Second look agrees.' })).status, 303);
    const bad = await moderator.submit(`/admin/reports/${id}/status`, { status: 'exploded', reason: 'why not' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /value="why not"/, 'the reason typed is kept');
    const resolved = await moderator.submit(`/admin/reports/${id}/status`, {
      status: 'resolved',
      reason: 'Work removed by its creator',
    });
    assert.equal(resolved.status, 303);
    entry = visibleText((await moderator.get(`/admin/reports/${id}`)).body);
    assert.match(entry, /Status: Resolved/);
    assert.match(entry, /mod, .* UTC Checked: it is spam\. .*Second look agrees\./, 'notes in order');

    assert.match(visibleText((await moderator.get('/admin/reports?status=resolved')).body), /The Lighthouse Keeper/);
    assert.match(visibleText((await moderator.get('/admin/reports?status=open')).body), /No reports are open/);

    const log = visibleText((await moderator.get('/admin/log')).body);
    assert.match(log, /mod Changed a report’s status .*Open → Resolved|mod Changed a report’s status/);
    assert.match(log, /Work removed by its creator/);
    assert.match(log, /Added a note to a report/);
    assert.match(log, /Took a report/);

    // A new report about a closed entry opens it again, with the old reports still there.
    await ownAddress(t.agent()).submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'harassment' });
    entry = visibleText((await moderator.get(`/admin/reports/${id}`)).body);
    assert.match(entry, /Status: Open/);
    assert.match(entry, /All 2 reports about this/);
  });

  it('keeps the queue from members (403) and guests (log in), and limits reports per address', async () => {
    const work = await post();
    await reader.submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'spam' });
    const id = caseIdOf((await moderator.get('/admin/reports')).body);
    const guest = ownAddress(t.agent());
    for (const url of ['/admin/reports', `/admin/reports/${id}`]) {
      assert.equal((await reader.get(url)).status, 403, url);
      const asGuest = await guest.get(url);
      assert.equal(asGuest.status, 303, url);
      assert.match(asGuest.location!, /^\/login\?return_to=/);
    }
    for (const action of ['take', 'notes', 'status']) {
      const url = `/admin/reports/${id}/${action}`;
      assert.equal((await reader.submit(url, { note: 'x', status: 'dismissed' })).status, 403, url);
      assert.equal((await guest.submit(url, { note: 'x', status: 'dismissed' })).status, 303, url);
    }
    const entry = visibleText((await moderator.get(`/admin/reports/${id}`)).body);
    assert.match(entry, /Status: Open/, 'refused steps changed nothing');
    assert.match(entry, /No notes yet/);

    const flood = ownAddress(t.agent());
    let status = 0;
    for (let i = 0; i < 11; i++) {
      status = (await flood.submit('/reports', { kind: 'work', id: String(workIdOf(work)), reason: 'spam' })).status;
      if (i < 10) assert.equal(status, 303, `report ${i + 1}`);
    }
    assert.equal(status, 429, 'the eleventh report in an hour from one address is refused');
  });
});
