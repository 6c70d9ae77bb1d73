import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig } from '../../src/config.ts';

/** Gifts and co-creator invitations reach the recipient's inbox, once, and only when they should. */
describeEachDatabase('gift and co-creator invitation notices', (dialect) => {
  let t: TestApp;
  let alice: Agent;
  let bob: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    alice = t.agent();
    bob = t.agent();
    await alice.signUp('gift_alice');
    await bob.signUp('gift_bob');
  });
  afterEach(() => t.dispose());

  const inboxOf = async (agent: Agent) => visibleText((await agent.get('/inbox')).body);
  /** How many notices (not mentions: each notice's buttons name it too) of the inbox say this. */
  const noticesSaying = async (agent: Agent, what: RegExp) =>
    (await agent.get('/inbox')).body.split('<li class="notice-item').filter((item) => what.test(item)).length;
  const giftNotices = () => noticesSaying(bob, /gave gift_bob a gift/);

  /** Saves a work's edit form with these fields (the rest as a minimal work has them). */
  async function edit(path: string, fields: Record<string, string>) {
    const saved = await alice.submit(path, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'For You',
      creatorPseudIds: await alice.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      publishAt: '',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: '',
      ...fields,
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
  }

  /** As if the clock moved past every scheduled time: works and due jobs are moved to a moment ago, then jobs run. */
  async function publicationComes() {
    const db = t.store.handle.db;
    const moment = new Date(Date.now() - 1000).toISOString();
    const later = new Date().toISOString();
    await db.updateTable('works').set({ published_at: moment }).where('published_at', '>', later).execute();
    await db.updateTable('chapters').set({ published_at: moment }).where('published_at', '>', later).execute();
    await db.updateTable('jobs').set({ run_at: moment }).where('done_at', 'is', null).execute();
    await createJobs(t.store, loadConfig({}, { smtpUrl: undefined })).runner.runDue();
  }

  it('tells the recipient of a gift once, with a link to the work, however often the work is edited', async () => {
    const path = await alice.postWork({ title: 'For You', gifts: 'gift_bob' });
    const inbox = await bob.get('/inbox');
    assert.match(visibleText(inbox.body), /Unread gift_alice gave gift_bob a gift: For You\./);
    assert.ok(inbox.body.includes(`href="${path}"`), 'the notice links to the work');
    assert.match(visibleText((await bob.get('/')).body), /Inbox 1 unread/);

    await edit(path, { title: 'For You, Revised', gifts: 'gift_bob' });
    await edit(path, { title: 'For You, Again', gifts: 'gift_bob' });
    assert.equal(await giftNotices(), 1, 'editing the work does not tell them again');

    const noticeId = /action="\/inbox\/(\d+)\/delete"/.exec((await bob.get('/inbox')).body)![1];
    assert.equal((await bob.submit(`/inbox/${noticeId}/delete`, {})).status, 303);
    await edit(path, { title: 'For You, Once More', gifts: 'gift_bob' });
    assert.equal(await giftNotices(), 0, 'a deleted gift notice does not come back on the next edit');
  });

  it('says nothing of a gift while the work is a draft, and tells the recipient when it is posted', async () => {
    const path = await alice.postWork({ title: 'For You', gifts: 'gift_bob', visibility: 'draft' });
    assert.equal(await giftNotices(), 0, 'nothing for a draft');
    await edit(path, { gifts: 'gift_bob', visibility: 'draft', title: 'For You (draft 2)' });
    assert.equal(await giftNotices(), 0, 'nothing for a draft edited');
    await edit(path, { gifts: 'gift_bob', visibility: 'public' });
    assert.match(await inboxOf(bob), /gift_alice gave gift_bob a gift: For You\./);
    assert.equal(await giftNotices(), 1);
  });

  it('tells the recipient of a scheduled gift when it comes out, not when it is posted', async () => {
    await alice.postWork({ title: 'Birthday Story', gifts: 'gift_bob', publishAt: '2099-01-01 10:00' });
    assert.equal(await giftNotices(), 0, 'nothing before it is out');
    await publicationComes();
    assert.match(await inboxOf(bob), /gift_alice gave gift_bob a gift: Birthday Story\./);
    await publicationComes();
    assert.equal(await giftNotices(), 1, 'only once');
  });

  it('tells nothing of a gift from a member the recipient blocked', async () => {
    await alice.postWork({ title: 'Unwanted', gifts: 'gift_bob', publishAt: '2099-01-01 10:00' });
    await bob.submit('/users/gift_alice/block', {});
    await publicationComes();
    assert.equal(await giftNotices(), 0);
    const refused = await alice.submit('/works', {
      title: 'Unwanted Too',
      fandoms: 'Original Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      creatorPseudIds: await alice.defaultPseudId(),
      body: 'Text.',
      gifts: 'gift_bob',
    });
    assert.equal(refused.status, 422, 'a new gift to a member who blocked the writer is refused outright');
    assert.equal(await giftNotices(), 0);
  });

  it('respects a recipient who turned gift notices off', async () => {
    const prefs = Object.fromEntries(
      ['comment', 'reply', 'new-chapter', 'new-work', 'kudos', 'co-creator-invitation'].map((k) => [`inbox-${k}`, '1']),
    );
    await bob.submit('/inbox/preferences', prefs);
    await alice.postWork({ title: 'Quiet Gift', gifts: 'gift_bob' });
    assert.equal(await giftNotices(), 0);
  });

  it('tells an invited co-creator, who can accept from the inbox', async () => {
    const path = await alice.postWork({ title: 'Two Hands', coCreators: 'gift_bob', visibility: 'draft' });
    const inbox = await bob.get('/inbox');
    assert.match(visibleText(inbox.body), /Unread gift_alice invited gift_bob to be a co-creator of Two Hands\./);
    const accept = /action="(\/invitations\/\d+\/\d+\/accept)"/.exec(inbox.body);
    assert.ok(accept, 'Accept is right there in the inbox');
    assert.match(inbox.body, /action="\/invitations\/\d+\/\d+\/decline"/, 'and Decline');

    await edit(path, { title: 'Two Hands', coCreators: 'gift_bob', visibility: 'draft' });
    assert.equal(await noticesSaying(bob, /invited gift_bob to be a co-creator/), 1, 'an edit does not invite again');

    const accepted = await bob.submit(accept[1], {});
    assert.equal(accepted.location, path);
    assert.match(visibleText((await bob.get(path)).body), /gift_bob/);
    assert.equal((await bob.get(`${path}/edit`)).status, 200, 'the co-creator may now change the work');
    assert.doesNotMatch((await bob.get('/inbox')).body, /\/invitations\/\d+\/\d+\/accept/, 'answered: no buttons');
  });

  it('does not tell a member of an invitation from someone they blocked', async () => {
    await bob.submit('/users/gift_alice/block', {});
    await alice.postWork({ title: 'Pushy', coCreators: 'gift_bob' });
    assert.doesNotMatch(await inboxOf(bob), /invited gift_bob/);
  });
});
