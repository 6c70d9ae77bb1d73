import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config.ts';

/** The fields of a new collection, with whatever the test changes. */
function collectionForm(fields: Record<string, string> = {}): Record<string, string> {
  return { name: 'summer_fest', title: 'Summer Fest', description: 'Stories of summer.', open: '1', ...fields };
}

describeEachDatabase('collections', (dialect) => {
  let t: TestApp;
  let owner: Agent;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    owner = t.agent();
    writer = t.agent();
    await owner.signUp('fest_owner');
    await writer.signUp('fest_writer');
  });
  afterEach(() => t.dispose());

  async function create(agent: Agent, fields: Record<string, string> = {}) {
    const created = await agent.submit('/collections', collectionForm(fields));
    assert.equal(created.status, 303, visibleText(created.body).slice(0, 400));
    return created.location!;
  }

  const text = async (agent: Agent, path: string) => visibleText((await agent.get(path)).body);
  const workIdOf = (path: string) => path.split('/').pop()!;

  it('creates a collection, refusing bad and taken short names with everything typed kept', async () => {
    const bad = await owner.submit('/collections', collectionForm({ name: 'a b', title: 'Kept Title' }));
    assert.equal(bad.status, 422);
    assert.match(visibleText(bad.body), /may hold only letters/);
    assert.match(bad.body, /value="Kept Title"/);
    assert.match(bad.body, /Stories of summer\./);

    const longTitle = 'x'.repeat(300);
    const tooLong = await owner.submit('/collections', collectionForm({ title: longTitle }));
    assert.equal(tooLong.status, 422);
    assert.match(visibleText(tooLong.body), /Title/);
    assert.ok(tooLong.body.includes(`value="${longTitle}"`));

    assert.equal((await owner.submit('/collections', collectionForm({ name: 'new' }))).status, 422);
    assert.equal((await owner.submit('/collections', collectionForm({ name: 'ab' }))).status, 422);

    const path = await create(owner);
    assert.equal(path, '/collections/summer_fest');
    const taken = await writer.submit('/collections', collectionForm({ name: 'SUMMER_FEST' }));
    assert.equal(taken.status, 422);
    assert.match(visibleText(taken.body), /That short name is taken/);

    const profile = await text(t.agent(), path);
    assert.match(profile, /Summer Fest \(summer_fest\)/);
    assert.match(profile, /Maintainers: fest_owner \(owner\)/);
    assert.match(profile, /Open: members may add their works\./);
    const list = await text(t.agent(), '/collections?q=summer');
    assert.match(list, /1 collection matching “summer”/);
    assert.match(await text(t.agent(), '/collections?status=closed'), /0 collections/);
    assert.equal((await t.agent().get('/collections/no_such_one')).status, 404);
    assert.equal((await t.agent().get('/collections/new')).status, 303);
  });

  it('sanitizes the description, rules and FAQ', async () => {
    const path = await create(owner, { rules: '<p>Be kind.</p><script>alert(1)</script>', faq: '<b>Q?</b>' });
    const page = (await t.agent().get(path)).body;
    assert.match(page, /Be kind\./);
    assert.doesNotMatch(page, /<script>alert/);
    assert.match(page, /<b>Q\?<\/b>/);
  });

  it('lets owners change settings and delete, moderators moderate only, members neither', async () => {
    const path = await create(owner, { moderated: '1' });
    const moderator = t.agent();
    await moderator.signUp('fest_mod');
    assert.equal((await owner.submit(`${path}/participants`, { login: 'fest_mod', role: 'moderator' })).status, 303);
    assert.equal((await writer.submit(`${path}/participants/join`, {})).status, 303);
    assert.match(await text(t.agent(), `${path}/participants`), /fest_mod · Moderator.*fest_writer · Member/);

    // A member may not change settings, see the queue, or delete.
    assert.equal((await writer.get(`${path}/edit`)).status, 403);
    assert.equal((await writer.submit(path, collectionForm({ title: 'Mine' }))).status, 403);
    assert.equal((await writer.get(`${path}/items`)).status, 403);
    assert.equal((await writer.submit(`${path}/delete`, { confirm: '1' })).status, 403);

    // The member's work waits in the moderated queue; the moderator approves it.
    const work = await writer.postWork({ title: 'Queued Story', collections: 'summer_fest' });
    assert.doesNotMatch(await text(t.agent(), `${path}/works`), /Queued Story/);
    const queue = await moderator.get(`${path}/items`);
    assert.equal(queue.status, 200);
    assert.match(visibleText(queue.body), /Awaiting approval \(1\) Queued Story by fest_writer/);
    const itemId = /name="items" value="(\d+)"/.exec(queue.body)![1];
    assert.equal((await moderator.submit(`${path}/items`, { items: itemId, action: 'approve' })).status, 303);
    assert.match(await text(t.agent(), `${path}/works`), /Queued Story/);
    assert.match(await text(t.agent(), work), /In collections: Summer Fest/);

    // The moderator may not change settings or delete.
    assert.equal((await moderator.get(`${path}/edit`)).status, 403);
    assert.equal((await moderator.submit(`${path}/delete`, { confirm: '1' })).status, 403);

    // Owners change settings (the short name stays) and delete once confirmed.
    const saved = await owner.submit(path, collectionForm({ title: 'Summer Fest 2027' }));
    assert.equal(saved.status, 303);
    assert.match(await text(t.agent(), path), /Summer Fest 2027/);
    const unconfirmed = await owner.submit(`${path}/delete`, {});
    assert.equal(unconfirmed.status, 422);
    assert.match(visibleText(unconfirmed.body), /Tick the box/);
    assert.equal((await owner.submit(`${path}/delete`, { confirm: '1' })).status, 303);
    assert.equal((await t.agent().get(path)).status, 404);
    assert.doesNotMatch(await text(t.agent(), work), /In collections/);
  });

  it('keeps the last owner, and changes and removes roles', async () => {
    const path = await create(owner);
    const left = await owner.submit(`${path}/participants/leave`, {});
    assert.equal(left.status, 422);
    assert.match(visibleText(left.body), /A collection needs an owner/);
    await writer.submit(`${path}/participants/join`, {});
    const page = await owner.get(`${path}/participants`);
    const writerId = /action="\/collections\/summer_fest\/participants\/(\d+)"[\s\S]*?fest_writer/.exec(page.body);
    assert.ok(writerId);
    const ids = [...page.body.matchAll(/participants\/(\d+)"/g)].map((m) => m[1]);
    for (const id of ids) await owner.submit(`${path}/participants/${id}`, { role: 'owner' });
    assert.equal((await owner.submit(`${path}/participants/leave`, {})).status, 303);
    assert.equal((await writer.get(`${path}/edit`)).status, 200);
    const unknown = await writer.submit(`${path}/participants`, { login: 'nobody_here', role: 'member' });
    assert.equal(unknown.status, 422);
    assert.match(unknown.body, /value="nobody_here"/);
  });

  it('takes works from anyone in an open collection and refuses them in a closed one', async () => {
    const open = await create(owner);
    await create(owner, { name: 'closed_fest', title: 'Closed Fest', open: '' });

    const refused = await writer.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Typed Title',
      creatorPseudIds: await writer.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Typed body text.',
      collections: 'closed_fest, nowhere_fest',
    });
    assert.equal(refused.status, 422);
    const message = visibleText(refused.body);
    assert.match(message, /“Closed Fest” \(closed_fest\) is closed: it takes no new works\./);
    assert.match(message, /There is no collection called “nowhere_fest”\./);
    assert.match(refused.body, /value="Typed Title"/);
    assert.match(refused.body, /value="closed_fest, nowhere_fest"/);
    assert.match(refused.body, /Typed body text\./);

    // Closed to joining as well, except by an owner's invitation.
    assert.equal((await writer.submit('/collections/closed_fest/participants/join', {})).status, 403);
    assert.equal((await writer.submit(`${open}/participants/join`, {})).status, 303);

    const work = await writer.postWork({ title: 'Open Story', collections: 'SUMMER_FEST' });
    assert.match(await text(t.agent(), `${open}/works`), /Open Story/);
    // "Add my work" from the collection's page.
    const second = await writer.postWork({ title: 'Second Story' });
    const profile = await writer.get(open);
    assert.match(profile.body, new RegExp(`<option value="${workIdOf(second)}">Second Story</option>`));
    assert.equal((await writer.submit(`${open}/works`, { work: workIdOf(second) })).status, 303);
    assert.match(await text(t.agent(), open), /Works: 2/);
    assert.equal((await writer.submit('/collections/closed_fest/works', { work: workIdOf(work) })).status, 403);

    // The edit form names the collection; leaving it out takes the work out.
    const editForm = await writer.get(`${work}/edit`);
    assert.match(editForm.body, /name="collections"[^>]*value="summer_fest"/);
  });

  it('invites a work, which joins only when its creator accepts; declining and removing keep it out', async () => {
    const path = await create(owner);
    const invited = await writer.postWork({ title: 'Invited Story' });
    const declined = await writer.postWork({ title: 'Declined Story' });
    for (const work of [invited, declined]) assert.equal((await owner.submit(`${path}/invite`, { work })).status, 303);
    const again = await owner.submit(`${path}/invite`, { work: invited });
    assert.equal(again.status, 422);
    assert.match(visibleText(again.body), /already in this collection/);
    assert.equal((await owner.submit(`${path}/invite`, { work: '/works/999999' })).status, 422);
    assert.doesNotMatch(await text(t.agent(), `${path}/works`), /Invited Story/);

    const inbox = await text(writer, '/inbox');
    assert.match(inbox, /fest_owner invited your work Invited Story to the collection Summer Fest\./);

    const answer = async (work: string, what: string) => {
      const page = await writer.get(`${work}/collections`);
      const itemId = /collections\/(\d+)"/.exec(page.body)![1];
      return writer.submit(`${work}/collections/${itemId}`, { answer: what });
    };
    assert.equal((await answer(invited, 'accept')).status, 303);
    assert.equal((await answer(declined, 'decline')).status, 303);
    let listed = await text(t.agent(), `${path}/works`);
    assert.match(listed, /Invited Story/);
    assert.doesNotMatch(listed, /Declined Story/);

    // Only its creators answer for a work.
    assert.equal((await owner.get(`${invited}/collections`)).status, 403);

    assert.equal((await answer(invited, 'remove')).status, 303);
    listed = await text(t.agent(), `${path}/works`);
    assert.doesNotMatch(listed, /Invited Story/);
  });

  it('lists subcollections on the parent, and lists works with /works filters', async () => {
    const parent = await create(owner);
    const form = await owner.get('/collections/new');
    const parentId = /<option value="(\d+)"[^>]*>Summer Fest<\/option>/.exec(form.body)![1];
    const child = await create(owner, { name: 'summer_fest_art', title: 'Summer Fest Art', parentId });
    assert.match(await text(t.agent(), parent), /Subcollections Summer Fest Art \(summer_fest_art\)/);
    assert.match(await text(t.agent(), child), /A subcollection of Summer Fest/);
    // Someone else's collection is no parent of theirs.
    const stolen = await writer.submit('/collections', collectionForm({ name: 'mine_now', parentId }));
    assert.equal(stolen.status, 422);

    await writer.postWork({ title: 'Beach Story', fandoms: 'Original Work', collections: 'summer_fest' });
    await writer.postWork({ title: 'Space Story', fandoms: 'Star Trek', collections: 'summer_fest' });
    const all = await text(t.agent(), `${parent}/works`);
    assert.match(all, /of 2 works in Summer Fest/);
    const filtered = await text(t.agent(), `${parent}/works?include_fandom=Star+Trek`);
    assert.match(filtered, /Space Story/);
    assert.doesNotMatch(filtered, /Beach Story/);
    const bad = await t.agent().get(`${parent}/works?sort=nonsense`);
    assert.equal(bad.status, 400);
  });

  it('serves an Atom feed of its works', async () => {
    const path = await create(owner);
    await writer.postWork({ title: 'Feed Story', collections: 'summer_fest' });
    await writer.postWork({ title: 'Elsewhere Story' });
    const feed = await t.agent().get(`${path}/works.atom`);
    assert.equal(feed.status, 200);
    assert.match(String(feed.headers['content-type']), /application\/atom\+xml/);
    assert.match(feed.body, /<title type="text">Works in Summer Fest · Quire<\/title>/);
    assert.match(feed.body, /Feed Story/);
    assert.doesNotMatch(feed.body, /Elsewhere Story/);
  });

  it('keeps unrevealed works off its pages for everyone but maintainers, until revealed', async () => {
    const path = await create(owner, { unrevealed: '1', anonymous: '1' });
    const work = await writer.postWork({ title: 'Secret Story', collections: 'summer_fest' });
    const guest = t.agent();
    const reader = t.agent();
    await reader.signUp('fest_reader');
    for (const agent of [guest, reader]) {
      assert.doesNotMatch(await text(agent, path), /Secret Story/);
      assert.doesNotMatch(await text(agent, `${path}/works`), /Secret Story/);
      assert.doesNotMatch((await agent.get(`${path}/works.atom`)).body, /Secret Story/);
    }
    assert.match(await text(t.agent(), path), /Works: 0/);
    const items = await text(owner, `${path}/items`);
    assert.match(items, /Awaiting reveal \(1\) Secret Story by fest_writer/);
    // What the lead's WorkAccess asks: the collection's maintainers may read it, other readers not.
    const idOf = async (login: string) => (await t.store.users.findByLogin(login))!.id;
    assert.equal(
      await t.store.collections.maintainsCollectionOf(await idOf('fest_owner'), Number(workIdOf(work))),
      true,
    );
    assert.equal(
      await t.store.collections.maintainsCollectionOf(await idOf('fest_reader'), Number(workIdOf(work))),
      false,
    );

    assert.equal((await owner.submit(`${path}/reveal`, { what: 'works' })).status, 303);
    assert.match(await text(guest, `${path}/works`), /Secret Story/);
    assert.match((await guest.get(`${path}/works.atom`)).body, /Secret Story/);
    assert.match(await text(guest, work), /In collections: Summer Fest/);
    assert.match(await text(owner, `${path}/items`), /Awaiting reveal \(0\)/);
  });

  it('reveals on the scheduled date through the job runner, once', async () => {
    const tooEarly = await owner.submit(
      '/collections',
      collectionForm({ unrevealed: '1', revealWorksAt: '2020-01-01' }),
    );
    assert.equal(tooEarly.status, 422);
    assert.match(visibleText(tooEarly.body), /has passed/);
    assert.match(tooEarly.body, /value="2020-01-01"/);

    const path = await create(owner, { unrevealed: '1', revealWorksAt: '2099-06-01T12:00' });
    assert.match(await text(t.agent(), path), /Works are revealed on/);
    await writer.postWork({ title: 'Scheduled Secret', collections: 'summer_fest' });
    const runJobs = () => createJobs(t.store, loadConfig({}, { smtpUrl: undefined })).runner.runDue();
    await runJobs();
    assert.doesNotMatch(await text(t.agent(), `${path}/works`), /Scheduled Secret/);

    // The date comes.
    const db = t.store.handle.db;
    const moment = new Date(Date.now() - 1000).toISOString();
    await db.updateTable('collections').set({ reveal_works_at: moment }).execute();
    await db.updateTable('jobs').set({ run_at: moment }).where('done_at', 'is', null).execute();
    await runJobs();
    assert.match(await text(t.agent(), `${path}/works`), /Scheduled Secret/);
    const collection = await db.selectFrom('collections').selectAll().executeTakeFirstOrThrow();
    assert.equal(Number(collection.unrevealed), 0);
    assert.equal(collection.reveal_works_at, null);
    await runJobs();
    assert.match(await text(t.agent(), `${path}/works`), /Scheduled Secret/);
  });

  it('collects bookmarks from the collection page', async () => {
    const path = await create(owner);
    const work = await owner.postWork({ title: 'Bookmarked Story' });
    const saved = await writer.submit('/bookmarks', {
      kind: 'work',
      id: workIdOf(work),
      pseudId: await writer.defaultPseudId(),
      notes: 'Lovely.',
      tags: '',
    });
    assert.ok(saved.status === 303 || saved.status === 302, `bookmarking answered ${saved.status}`);
    const profile = await writer.get(path);
    const bookmarkId = /name="bookmark">\s*<option value="(\d+)"/.exec(profile.body)?.[1];
    assert.ok(bookmarkId, 'the profile offers the member their bookmark');
    assert.equal((await writer.submit(`${path}/bookmarks`, { bookmark: bookmarkId })).status, 303);
    assert.match(await text(t.agent(), `${path}/bookmarks`), /Bookmarked Story.*Bookmarked by fest_writer/);
  });

  it('passes a collection to its longest-standing moderator when its only owner deletes their account', async () => {
    const path = await create(owner);
    const moderator = t.agent();
    await moderator.signUp('fest_keeper');
    assert.equal((await writer.submit(`${path}/participants/join`, {})).status, 303);
    assert.equal((await owner.submit(`${path}/participants`, { login: 'fest_keeper', role: 'moderator' })).status, 303);
    const gone = await owner.submit('/account/delete', {
      currentPassword: 'correct horse battery',
      confirm: '1',
      works: 'delete',
    });
    assert.equal(gone.status, 303);
    const participants = await text(t.agent(), `${path}/participants`);
    assert.match(participants, /fest_keeper · Owner/);
    assert.match(participants, /fest_writer · Member/);
    assert.equal((await moderator.get(`${path}/edit`)).status, 200, 'the new owner keeps the settings');
  });
});
