import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { signFormTime } from '../../src/app/form-time.ts';

const SPAMMY = {
  title: 'Best deals',
  summary: 'Buy now! Cheap casino bonus.',
  body: 'Visit https://a.example and https://b.example and https://c.example and https://d.example today.',
};

/** The hidden time field of the posting form. */
function shownAtOf(html: string): string {
  const match = /<input type="hidden" name="shownAt" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the posting form carries its time');
  return match[1];
}

describeEachDatabase('the spam check on new accounts’ first works', (dialect) => {
  let t: TestApp;
  let newcomer: Agent;
  let guest: Agent;
  /** A form time as the archive signs it, `seconds` ago. */
  let shownAgo: (seconds: number) => Promise<string>;

  beforeEach(async () => {
    t = await testApp(dialect);
    newcomer = t.agent();
    await newcomer.signUp('newcomer');
    guest = t.agent();
    const secret = (await t.store.settings.get('cookie_secret'))!;
    shownAgo = async (seconds) => signFormTime(secret, Date.now() - seconds * 1000);
  });
  afterEach(() => t.dispose());

  async function moderator(login: string): Promise<Agent> {
    const agent = t.agent();
    await agent.signUp(login);
    await t.store.roles.grant((await t.store.users.findByLogin(login))!.id, 'moderator');
    return agent;
  }

  async function post(agent: Agent, fields: Record<string, string>) {
    return agent.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      creatorPseudIds: await agent.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      action: 'post',
      website: '',
      shownAt: await shownAgo(120),
      ...fields,
    });
  }

  it('holds a spammy first work hidden, tells its creator why, and lets a moderator release it from the report queue', async () => {
    const form = await newcomer.get('/works/new');
    assert.ok(shownAtOf(form.body), 'the form is signed when shown');
    assert.match(form.body, /name="website"/, 'and carries the honeypot');

    const posted = await post(newcomer, SPAMMY);
    assert.equal(posted.status, 303);
    const path = posted.location!;
    const own = visibleText((await newcomer.get(path)).body);
    assert.match(own, /waits for a moderator: the archive’s spam check held it/);
    assert.match(
      own,
      /Hidden by the archive’s moderators.*4 links; known spam phrases in the title, summary or notes: buy now, cheap, casino/,
    );
    assert.equal((await guest.get(path)).status, 404, 'readers do not see it');
    assert.doesNotMatch(visibleText((await guest.get('/works')).body), /Best deals/, 'nor find it in listings');

    const mod = await moderator('warden');
    const queue = await mod.get('/admin/reports');
    assert.match(visibleText(queue.body), /Best deals/);
    const caseId = /href="\/admin\/reports\/(\d+)"/.exec(queue.body)![1];
    const entry = visibleText((await mod.get(`/admin/reports/${caseId}`)).body);
    assert.match(entry, /From the archive’s spam check/);
    assert.match(entry, /Held until a moderator looks at it: 4 links/);

    const workId = path.split('/').pop();
    assert.equal((await mod.submit(`/admin/moderate/work/${workId}/unhide`, { reason: 'Not spam.' })).status, 303);
    assert.equal((await guest.get(path)).status, 200, 'released, readers see it');
  });

  it('posts an ordinary first work, and a work with a couple of links, at once', async () => {
    const plain = await post(newcomer, { title: 'Tidewater', body: 'The sea came in at dusk.' });
    assert.match(visibleText((await newcomer.get(plain.location!)).body), /Your work was posted\./);
    assert.equal((await guest.get(plain.location!)).status, 200);
    const linked = await post(newcomer, {
      title: 'Harbour',
      notes: 'Art by my friend: https://art.example/1 and the playlist https://music.example/2',
      body: 'A quiet harbour story.',
    });
    assert.equal((await guest.get(linked.location!)).status, 200);
  });

  it('holds a work whose hidden field was filled in, or sent a moment after the form was shown', async () => {
    const trapped = await post(newcomer, { title: 'Trap', body: 'Words.', website: 'https://spam.example' });
    assert.equal((await guest.get(trapped.location!)).status, 404);
    const fast = await post(newcomer, {
      title: 'Hasty',
      body: 'Words at https://a.example https://b.example https://c.example https://d.example',
      shownAt: await shownAgo(1),
    });
    assert.equal((await guest.get(fast.location!)).status, 404, '3 for speed, 2 for the third and fourth links');
  });

  it('holds the same text posted by another member that day, but not an older member’s work, nor a draft', async () => {
    const other = t.agent();
    await other.signUp('original');
    const summary = 'The lighthouse keeper counted the ships every night until the last one came home.';
    await post(other, { title: 'Keeper', summary, body: 'A story.' });

    const copied = await post(newcomer, {
      title: 'Keeper again',
      summary,
      body: 'See https://a.example https://b.example https://c.example',
      shownAt: '',
    });
    assert.equal(
      (await guest.get(copied.location!)).status,
      404,
      'same summary (3), a third link (1), no form time (1)',
    );
    const alone = await post(other, { title: 'Keeper, told again', summary, body: 'The same story, by its writer.' });
    assert.equal((await guest.get(alone.location!)).status, 200, 'a member repeating their own summary is not copying');

    const regular = t.agent();
    await regular.signUp('regular');
    await t.store.handle.db
      .updateTable('users')
      .set({ created_at: new Date(Date.now() - 30 * 24 * 60 * 60_000).toISOString() })
      .where('login', '=', 'regular')
      .execute();
    const known = await post(regular, { ...SPAMMY, website: 'filled' });
    assert.equal((await guest.get(known.location!)).status, 200, 'accounts older than 7 days are not checked');

    const draft = await post(newcomer, { ...SPAMMY, title: 'Draft deals', action: 'draft' });
    assert.match(visibleText((await newcomer.get(draft.location!)).body), /Saved as a draft/);
    const out = await newcomer.submit(draft.location!, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Draft deals',
      summary: SPAMMY.summary,
      creatorPseudIds: await newcomer.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      action: 'post',
      website: 'filled',
    });
    assert.equal(out.status, 303);
    assert.equal((await guest.get(draft.location!)).status, 404, 'checked when the draft is posted');
    assert.match(visibleText((await newcomer.get(draft.location!)).body), /waits for a moderator/);
  });
});
