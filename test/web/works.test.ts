import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { XSS_PAYLOADS, assertHarmless } from '../support/xss.ts';

function workForm(pseudId: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    rating: 'Teen And Up Audiences',
    warnings: 'No Archive Warnings Apply',
    categories: 'F/M',
    fandoms: 'Original Work',
    relationships: 'Keeper/Stranger',
    characters: 'Keeper, Stranger',
    freeforms: 'Storms, Slow Burn',
    title: 'The Lighthouse Keeper',
    creatorPseudIds: pseudId,
    summary: 'A storm, a stranger.',
    notes: 'Written for a prompt.',
    endNotes: 'Thank you for reading!',
    disclaimer: '',
    language: 'en',
    expectedChapters: '1',
    complete: '1',
    publishAt: '',
    visibility: 'public',
    commentPolicy: 'everyone',
    chapterTitle: '',
    body: 'The light turned.\n\nThe sea answered, slow and grey.',
    ...overrides,
  };
}

async function post(agent: Agent, overrides: Record<string, string> = {}): Promise<string> {
  const response = await agent.submit('/works', workForm(await agent.defaultPseudId(), overrides));
  assert.equal(response.status, 303, visibleText(response.body).slice(0, 400));
  return response.location!;
}

describeEachDatabase('posting and reading works', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
  });
  afterEach(() => t.dispose());

  it('posts a work that a guest reads with its tags, notes and stats', async () => {
    const path = await post(writer);
    assert.match(path, /^\/works\/\d+$/);
    const page = await t.agent().get(path);
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    for (const seen of [
      'Rating: Teen And Up Audiences',
      'Archive Warnings: No Archive Warnings Apply',
      'Categories: F/M',
      'Fandoms: Original Work',
      'Relationships: Keeper/Stranger',
      'Characters: Keeper Stranger',
      'Additional Tags: Storms Slow Burn',
      'The Lighthouse Keeper by keeper',
      'Summary: A storm, a stranger.',
      'Notes: Written for a prompt.',
      'The light turned. The sea answered, slow and grey.',
      'End notes: Thank you for reading!',
      'Words: 9',
      'Chapters: 1/1',
      'Language: English',
    ]) {
      assert.ok(text.includes(seen), `missing “${seen}” in: ${text}`);
    }
    // Each paragraph carries its id, the target of "Continue where you left off" links.
    assert.match(page.body, /<p id="p-1">The light turned\.<\/p>\s*<p id="p-2">The sea answered, slow and grey\.<\/p>/);
    assert.doesNotMatch(text, /Edit work/, 'guests get no creator actions');
  });

  it('lists the work on the home page, the user and pseud pages and its tag pages', async () => {
    await post(writer, { title: 'Listed Everywhere' });
    const guest = t.agent();
    for (const path of [
      '/',
      '/users/keeper',
      '/users/keeper/pseuds/keeper',
      '/tags/Slow%20Burn/works',
      '/tags/original%20work/works',
    ]) {
      const page = await guest.get(path);
      assert.equal(page.status, 200, path);
      assert.match(visibleText(page.body), /Listed Everywhere by keeper/, path);
    }
    const tagPage = visibleText((await guest.get('/tags/Slow%20Burn/works')).body);
    assert.match(tagPage, /1–1 of 1 work in Slow Burn/);
    assert.equal((await guest.get('/tags/Nothing%20Here/works')).status, 404);
  });

  it("lists recent works on the home page newest first, with a writer's own drafts in their place", async () => {
    await post(writer, { title: 'First Light' });
    await post(writer, { title: 'Quiet Draft', action: 'draft' });
    await post(writer, { title: 'Third Tide' });
    const order = (text: string) =>
      ['First Light', 'Quiet Draft', 'Third Tide']
        .filter((title) => text.includes(title))
        .sort((x, y) => text.indexOf(x) - text.indexOf(y));
    assert.deepEqual(order(visibleText((await writer.get('/')).body)), ['Third Tide', 'Quiet Draft', 'First Light']);
    assert.deepEqual(order(visibleText((await t.agent().get('/')).body)), ['Third Tide', 'First Light']);
  });

  it('returns a rejected work with every problem and every field as typed', async () => {
    const pseudId = await writer.defaultPseudId();
    const long = 'word '.repeat(300);
    const response = await writer.submit(
      '/works',
      workForm(pseudId, {
        rating: '',
        warnings: '',
        fandoms: ' , ',
        title: '',
        summary: long,
        body: 'My precious text that must not be lost.',
      }),
    );
    assert.equal(response.status, 422);
    const text = visibleText(response.body);
    assert.match(text, /Choose a rating\./);
    assert.match(text, /Choose at least one archive warning/);
    assert.match(text, /Name at least one fandom/);
    assert.match(text, /Give the work a title\./);
    assert.match(text, /Summary is 1,499 characters; the limit is 1,250\. Shorten it by 249\./);
    assert.match(response.body, />My precious text that must not be lost\.<\/textarea>/);
    assert.match(response.body, /name="relationships"[^>]*value="Keeper\/Stranger"/);
    assert.match(response.body, /value="F\/M" checked/);
    assert.equal((await t.agent().get('/')).body.includes('precious'), false, 'nothing was posted');
  });

  it('refuses to credit a pen name the writer does not own', async () => {
    const other = t.agent();
    await other.signUp('someone_else');
    const theirs = await other.defaultPseudId();
    const response = await writer.submit('/works', workForm(theirs));
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /Choose at least one of your pen names as creator\./);
  });

  it('strips every XSS payload from every HTML field of a work', async () => {
    const payload = XSS_PAYLOADS.join('\n\n');
    const path = await post(writer, {
      summary: payload.slice(0, 1200),
      notes: payload.slice(0, 4900),
      endNotes: payload.slice(-4900),
      disclaimer: payload.slice(0, 4900),
      body: `Story.\n\n${payload}`,
    });
    const page = await t.agent().get(path);
    // The work's own fields: the kudos area and the comment section below are the archive's own forms (comments have their own XSS test).
    const article = page.body
      .slice(page.body.indexOf('<main'), page.body.indexOf('<section class="comments"'))
      .replace(/<section class="kudos"[\s\S]*?<\/section>/, '');
    assertHarmless(article, 'work page');
    const listing = await t.agent().get('/');
    assertHarmless(
      listing.body.slice(listing.body.indexOf('<main'), listing.body.indexOf('</main>')),
      'home page blurb',
    );
  });

  it('edits a work: new title and tags, re-filed at once', async () => {
    const path = await post(writer);
    const edit = await writer.get(`${path}/edit`);
    assert.equal(edit.status, 200);
    assert.match(edit.body, /name="title"[^>]*value="The Lighthouse Keeper"/);
    const pseudId = await writer.defaultPseudId();
    const saved = await writer.submit(
      path,
      workForm(pseudId, { title: 'The Last Lighthouse', freeforms: 'Calm Seas', body: '' }),
    );
    assert.equal(saved.status, 303);
    const text = visibleText((await t.agent().get(path)).body);
    assert.match(text, /The Last Lighthouse/);
    assert.match(text, /Calm Seas/);
    assert.match(text, /The light turned\./, 'the chapter text is untouched by editing the work');
    assert.equal((await t.agent().get('/tags/Storms/works')).body.includes('Last Lighthouse'), false);
  });

  it('lets only creators edit or delete, answering others with 403 and guests with log-in', async () => {
    const path = await post(writer);
    const other = t.agent();
    await other.signUp('not_the_writer');
    assert.equal((await other.get(`${path}/edit`)).status, 403);
    assert.equal((await other.submit(path, workForm('1', { title: 'Hijacked' }))).status, 403);
    assert.equal((await other.submit(`${path}/delete`, {})).status, 403);
    assert.equal((await t.agent().get(`${path}/edit`)).status, 303);
    assert.match(visibleText((await t.agent().get(path)).body), /The Lighthouse Keeper/);

    const confirm = visibleText((await writer.get(`${path}/delete`)).body);
    assert.match(confirm, /Delete “The Lighthouse Keeper”\? Its chapter \([\d,]+ words?\) is removed for good\./);
    const deleted = await writer.submit(`${path}/delete`, {});
    assert.equal(deleted.location, '/users/keeper');
    assert.equal((await t.agent().get(path)).status, 404);
  });

  it('keeps each visibility to its readers: guest, member, creator, invited and accepted co-creator', async () => {
    const cowriter = t.agent();
    await cowriter.signUp('cowriter');
    const shared = { coCreators: 'cowriter' };
    const open = await post(writer, { title: 'Open Work', ...shared });
    const members = await post(writer, { title: 'Members Work', visibility: 'registered', ...shared });
    const draft = await post(writer, { title: 'Draft Work', action: 'draft', ...shared });
    const scheduled = await post(writer, { title: 'Scheduled Work', publishAt: '2999-01-01 09:00', ...shared });
    const backdated = await post(writer, { title: 'Backdated Work', publishAt: '2012-05-01' });
    const member = t.agent();
    await member.signUp('member');
    const guest = t.agent();
    const who = (agent: Agent) =>
      agent === guest ? 'guest' : agent === member ? 'member' : agent === cowriter ? 'co-creator' : 'creator';
    const check = (cases: [string, Agent, number][]) =>
      Promise.all(
        cases.map(async ([path, agent, status]) =>
          assert.equal((await agent.get(path)).status, status, `${path} for ${who(agent)}`),
        ),
      );
    await check([
      [open, guest, 200],
      [open, member, 200],
      [open, writer, 200],
      [members, guest, 403],
      [members, member, 200],
      [members, writer, 200],
      [draft, guest, 404],
      [draft, member, 404],
      [draft, writer, 200],
      [scheduled, guest, 404],
      [scheduled, member, 404],
      [scheduled, writer, 200],
      [backdated, guest, 200],
      // Invited, not yet accepted: may read everything to decide, may change nothing.
      [draft, cowriter, 200],
      [scheduled, cowriter, 200],
      [`${draft}/edit`, cowriter, 403],
    ]);
    for (const path of [open, members, draft, scheduled]) {
      const pseudId = /\/invitations\/\d+\/(\d+)\/accept/.exec((await cowriter.get(path)).body)![1];
      assert.equal((await cowriter.submit(`/invitations/${path.split('/').pop()}/${pseudId}/accept`, {})).status, 303);
    }
    await check([
      [open, cowriter, 200],
      [members, cowriter, 200],
      [draft, cowriter, 200],
      [scheduled, cowriter, 200],
      [`${draft}/edit`, cowriter, 200],
      [`${scheduled}/edit`, cowriter, 200],
    ]);
    assert.match(visibleText((await guest.get(members)).body), /only available to registered users/);
    const listed = (agent: Agent) => agent.get('/').then((r) => visibleText(r.body));
    assert.doesNotMatch(await listed(guest), /Members Work|Draft Work|Scheduled Work/);
    assert.match(await listed(member), /Members Work/);
    assert.doesNotMatch(await listed(member), /Draft Work|Scheduled Work/);
    assert.match(await listed(writer), /Draft Work/);
    assert.match(await listed(cowriter), /Draft Work.*Scheduled Work|Scheduled Work.*Draft Work/);
    assert.match(visibleText((await guest.get(backdated)).body), /Published: 1 May 2012/);
  });

  it('asks a leaving writer what happens to their works: orphaned works stay readable', async () => {
    const kept = await post(writer, { title: 'Kept For Readers' });
    const page = await writer.get('/account/delete');
    assert.match(visibleText(page.body), /What should happen to your 1 work\?/);
    const unchosen = await writer.submit('/account/delete', { currentPassword: 'correct horse battery', confirm: '1' });
    assert.equal(unchosen.status, 422);
    assert.match(visibleText(unchosen.body), /Choose whether to keep your works as orphans or delete them\./);
    const done = await writer.submit('/account/delete', {
      currentPassword: 'correct horse battery',
      confirm: '1',
      works: 'orphan',
    });
    assert.equal(done.status, 303);
    const work = visibleText((await t.agent().get(kept)).body);
    assert.match(work, /Kept For Readers by orphan_account/);
    assert.doesNotMatch(work, /keeper/);
  });

  it("deletes a leaving writer's works when they choose so", async () => {
    const gone = await post(writer, { title: 'Taken Away' });
    const done = await writer.submit('/account/delete', {
      currentPassword: 'correct horse battery',
      confirm: '1',
      works: 'delete',
    });
    assert.equal(done.status, 303);
    assert.equal((await t.agent().get(gone)).status, 404);
    assert.doesNotMatch(visibleText((await t.agent().get('/')).body), /Taken Away/);
  });

  it('asks guests once before showing a Mature or Explicit work', async () => {
    const path = await post(writer, { rating: 'Explicit', title: 'Not For Everyone' });
    const guest = t.agent();
    const notice = await guest.get(path);
    assert.equal(notice.status, 200);
    assert.match(visibleText(notice.body), /This work could have adult content/);
    assert.doesNotMatch(visibleText(notice.body), /The light turned/);
    assert.match(notice.body, new RegExp(`href="${path}\\?view_adult=true"`));
    assert.match(visibleText((await guest.get(`${path}?view_adult=true`)).body), /The light turned/);
    assert.match(visibleText((await guest.get(path)).body), /The light turned/, 'agreeing once lasts the session');
    const member = t.agent();
    await member.signUp('grown_up');
    assert.match(visibleText((await member.get(path)).body), /The light turned/);
    const settled = t.agent();
    await settled.submit('/settings/reading', {
      fontSize: 'medium',
      theme: 'system',
      lineWidth: 'medium',
      skipAdultNotice: '1',
    });
    assert.match(visibleText((await settled.get(path)).body), /The light turned/, 'a guest who chose so is not asked');
  });

  it('answers malformed work addresses with 404', async () => {
    for (const path of ['/works/0', '/works/abc', '/works/99999999', '/works/1.5', '/works/-3'])
      assert.equal((await t.agent().get(path)).status, 404, path);
  });
});
