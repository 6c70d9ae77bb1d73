import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { signFormTime } from '../../src/app/form-time.ts';

const HELD = /It will be shown once a creator of the work approves it/;

let addressCounter = 0;
/** An agent from an address of its own: posting speed is counted per address. */
function fromOwnAddress(agent: Agent): Agent {
  addressCounter += 1;
  agent.remoteAddress = `10.77.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
  return agent;
}

/** The hidden time field of the first comment form on a page. */
function shownAtOf(html: string): string {
  const match = /<input type="hidden" name="shownAt" value="([^"]+)"/.exec(html);
  assert.ok(match, 'the comment form carries its time');
  return match[1];
}

describeEachDatabase('the spam score of comments', (dialect) => {
  let t: TestApp;
  let creator: Agent;
  let work: string;
  let otherWork: string;
  /** A form time as the archive signs it, `seconds` ago (a page shown that long before). */
  let shownAgo: (seconds: number) => Promise<string>;

  beforeEach(async () => {
    t = await testApp(dialect);
    creator = fromOwnAddress(t.agent());
    await creator.signUp('alice');
    work = await creator.postWork({ title: 'Tidewater' });
    otherWork = await creator.postWork({ title: 'Saltmarsh' });
    const secret = (await t.store.settings.get('cookie_secret'))!;
    shownAgo = async (seconds) => signFormTime(secret, Date.now() - seconds * 1000);
  });
  afterEach(() => t.dispose());

  /** A guest's comment, sent from a page shown 10 seconds earlier unless the fields say otherwise. */
  async function guestComment(agent: Agent, path: string, body: string, extra: Record<string, string> = {}) {
    return agent.submit(`${path}/comments`, {
      body,
      guestName: 'Wanderer',
      guestEmail: 'wanderer@example.org',
      shownAt: await shownAgo(10),
      website: '',
      ...extra,
    });
  }

  /** What a guest who did not write it, and the creator, see on the work page. */
  async function seenBy(body: string, path = work) {
    const guest = visibleText((await fromOwnAddress(t.agent()).get(path)).body);
    const byCreator = visibleText((await creator.get(path)).body);
    return { guest: guest.includes(body), creator: byCreator.includes(body), byCreator };
  }

  it('puts the time and a honeypot hidden from people in every comment form', async () => {
    const page = (await fromOwnAddress(t.agent()).get(work)).body;
    shownAtOf(page);
    const trap = /<div class="comment-trap" aria-hidden="true">([\s\S]*?)<\/div>/.exec(page);
    assert.ok(trap, 'the honeypot is hidden from screen readers');
    assert.match(trap[1], /<label for="new-comment-website">Leave this empty<\/label>/);
    assert.match(
      trap[1],
      /<input id="new-comment-website" name="website" type="text" tabindex="-1" autocomplete="off"/,
    );
    const css = (await t.agent().get('/static/quire.css')).body;
    assert.match(css, /\.comment-trap \{[^}]*left: -10000px/, 'and from sight');

    // The inbox's reply form posts comments too.
    const reader = fromOwnAddress(t.agent());
    await reader.signUp('bob');
    assert.equal((await reader.submit(`${work}/comments`, { body: 'The tide scene!' })).status, 303);
    const inbox = (await creator.get('/inbox')).body;
    assert.match(
      inbox,
      /<form method="post" action="\/works\/\d+\/comments"[\s\S]*name="shownAt"[\s\S]*name="website"/,
    );
  });

  it('holds a guest comment with three links and a known phrase for the creator to approve', async () => {
    const guest = fromOwnAddress(t.agent());
    const body = 'Click here for deals https://a.example https://b.example https://c.example';
    const posted = await guestComment(guest, work, body);
    assert.equal(posted.status, 303);
    assert.match(visibleText((await guest.get(posted.location!)).body), HELD);
    const seen = await seenBy(body);
    assert.equal(seen.guest, false, 'other readers do not see it');
    assert.equal(seen.creator, true, 'the creator does');
    assert.match(seen.byCreator, new RegExp(`${body}.*Approve`));
    assert.match(
      seen.byCreator,
      /Why it waits: The archive’s spam check held it: 3 links; known spam phrase: click here/,
    );
    assert.doesNotMatch(visibleText((await guest.get(posted.location!)).body), /Why it waits/, 'only for the creator');

    const id = /#comment-(\d+)$/.exec(posted.location!)![1];
    assert.equal((await creator.submit(`/comments/${id}/approve`, {})).status, 303);
    assert.equal((await seenBy(body)).guest, true, 'approved, everyone sees it');
  });

  it('holds a comment whose honeypot was filled in', async () => {
    const body = 'What a lovely story about the sea.';
    const posted = await guestComment(fromOwnAddress(t.agent()), work, body, { website: 'https://spam.example' });
    assert.equal(posted.status, 303);
    assert.deepEqual(await seenBy(body).then(({ guest, creator }) => ({ guest, creator })), {
      guest: false,
      creator: true,
    });
  });

  it('publishes an ordinary guest comment, and one from a page without the hidden fields', async () => {
    const guest = fromOwnAddress(t.agent());
    const page = await guest.get(work);
    assert.ok(shownAtOf(page.body));
    const body = 'I read this on the train and missed my stop. See www.example.org for my fan art!';
    const posted = await guestComment(guest, work, body);
    assert.equal(posted.status, 303);
    assert.match(visibleText((await guest.get(posted.location!)).body), /Your comment was posted/);
    assert.equal((await seenBy(body)).guest, true);

    const old = 'An old page had no time field at all.';
    const bare = await fromOwnAddress(t.agent()).submit(`${work}/comments`, {
      body: old,
      guestName: 'Old',
      guestEmail: 'old@example.org',
    });
    assert.equal(bare.status, 303);
    assert.equal((await seenBy(old)).guest, true);
  });

  it('counts a form sent at once, and a forged time, against the comment', async () => {
    const text = 'So cheap of him to leave her there, see https://a.example';
    // A link and a known phrase (3) from a page shown 10 seconds before: published.
    assert.equal((await guestComment(fromOwnAddress(t.agent()), work, text)).status, 303);
    assert.equal((await seenBy(text)).guest, true);

    // The same, sent a moment after the page was shown: 3 more, held.
    const quick = `${text} again`;
    const fast = fromOwnAddress(t.agent());
    const page = await fast.get(work);
    await guestComment(fast, work, quick, { shownAt: shownAtOf(page.body) });
    assert.deepEqual(await seenBy(quick).then(({ guest, creator }) => ({ guest, creator })), {
      guest: false,
      creator: true,
    });

    // A time not signed by this archive counts a little: 2 links and a phrase with it reach the threshold.
    const forged = 'Cheap seats, https://a.example https://b.example';
    const at = Date.now() - 60_000;
    await guestComment(fromOwnAddress(t.agent()), work, forged, { shownAt: signFormTime('not-the-secret', at) });
    assert.equal((await seenBy(forged)).guest, false);
  });

  it('holds the same long text posted on another work within the day', async () => {
    const text = 'Great story, you should check out my profile for more https://a.example https://b.example';
    assert.equal((await guestComment(fromOwnAddress(t.agent()), work, text)).status, 303);
    assert.equal((await seenBy(text)).guest, true, 'the first is published');
    await guestComment(fromOwnAddress(t.agent()), otherWork, text);
    assert.equal((await seenBy(text, otherWork)).guest, false, 'the copy on another work is held');
    assert.equal((await seenBy(text, otherWork)).creator, true);
  });

  it('counts fast posting from one address, but not the creators answering from it', async () => {
    const guest = fromOwnAddress(t.agent());
    creator.remoteAddress = guest.remoteAddress;
    for (let i = 1; i <= 2; i++) {
      assert.equal((await guestComment(guest, work, `Chapter ${i} was lovely.`)).status, 303);
      await creator.submit(`${work}/comments`, { body: `Thank you for comment ${i}!` });
      await creator.submit(`${work}/comments`, { body: `And thank you again for comment ${i}!` });
    }
    // Two of the guest's own comments before (0) and a known phrase (2): the creator's four answers do not count.
    const third = 'Cheap trick, that cliffhanger.';
    await guestComment(guest, work, third);
    assert.equal((await seenBy(third)).guest, true, 'published');
    await guestComment(guest, work, 'Chapter 3 was lovely.');
    await guestComment(guest, work, 'Chapter 4 was lovely.');
    // Five comments from the address before (3) and a known phrase (2).
    const sixth = 'Cheap trick, that other cliffhanger.';
    await guestComment(guest, work, sixth);
    assert.equal((await seenBy(sixth)).guest, false, 'held');
    const elsewhere = 'Cheap trick, that cliffhanger!';
    await guestComment(fromOwnAddress(t.agent()), work, elsewhere);
    assert.equal((await seenBy(elsewhere)).guest, true, 'the same from another address is published');
  });

  it('scores new members, not members of more than 7 days, and never the creators on their works', async () => {
    const spammy = (who: string) => ({
      body: `From ${who}: buy now https://a.example https://b.example https://c.example`,
      shownAt: '',
      website: 'filled',
    });
    const newcomer = fromOwnAddress(t.agent());
    await newcomer.signUp('newcomer');
    const fresh = spammy('newcomer');
    assert.equal((await newcomer.submit(`${work}/comments`, fresh)).status, 303);
    assert.equal((await seenBy(fresh.body)).guest, false, 'a new account is scored');

    const regular = fromOwnAddress(t.agent());
    await regular.signUp('regular');
    await t.store.handle.db
      .updateTable('users')
      .set({ created_at: new Date(Date.now() - 30 * 24 * 60 * 60_000).toISOString() })
      .where('login', '=', 'regular')
      .execute();
    const known = spammy('regular');
    assert.equal((await regular.submit(`${work}/comments`, known)).status, 303);
    assert.equal((await seenBy(known.body)).guest, true, 'an older account is not');

    const own = spammy('alice');
    assert.equal((await creator.submit(`${work}/comments`, own)).status, 303);
    assert.equal((await seenBy(own.body)).guest, true, 'a creator on their own work is not');
  });
});
