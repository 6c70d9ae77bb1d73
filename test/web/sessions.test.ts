import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const FIREFOX_ANDROID = 'Mozilla/5.0 (Android 14; Mobile; rv:128.0) Gecko/128.0 Firefox/128.0';
const CHROME_WINDOWS =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36';
const SAFARI_IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const PASSWORD = 'correct horse battery';

describeEachDatabase('sessions a member can see and end', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  /** A browser with this user agent (and address), logged in as `login`. */
  async function browser(login: string, userAgent: string, address = '127.0.0.1'): Promise<Agent> {
    const agent = t.agent();
    agent.userAgent = userAgent;
    agent.remoteAddress = address;
    const response = await agent.submit('/login', { identifier: login, password: PASSWORD });
    assert.equal(response.status, 303, `log-in of ${login} from ${userAgent}`);
    return agent;
  }

  async function signedUp(login: string, userAgent: string, address = '127.0.0.1'): Promise<Agent> {
    const agent = t.agent();
    agent.userAgent = userAgent;
    agent.remoteAddress = address;
    await agent.signUp(login, PASSWORD);
    return agent;
  }

  async function isLoggedIn(agent: Agent): Promise<boolean> {
    const page = await agent.get('/account');
    if (page.status === 303) {
      assert.match(page.location ?? '', /^\/login/);
      return false;
    }
    assert.equal(page.status, 200);
    return true;
  }

  /** The "Log out" forms of the account page, as the browser sees them. */
  async function endForms(agent: Agent): Promise<string[]> {
    const page = await agent.get('/account');
    return [...page.body.matchAll(/action="(\/account\/sessions\/[^"]+\/end)"/g)].map((m) => m[1]);
  }

  it('lists each device with its browser and system, this one marked, and never an address', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID, '198.51.100.23');
    await browser('moth_writer', CHROME_WINDOWS, '203.0.113.77');
    const page = await phone.get('/account');
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    assert.match(text, /Where you are logged in/);
    assert.match(text, /Firefox on Android \(this device\)/);
    assert.match(text, /Chrome on Windows/);
    assert.doesNotMatch(text, /Chrome on Windows \(this device\)/);
    assert.doesNotMatch(page.body, /198\.51\.100\.23|203\.0\.113\.77/, 'no address is shown');
    assert.match(text, /Log out Chrome on Windows/, 'the other device has its own button, named for screen readers');
    assert.equal((await endForms(phone)).length, 1, 'this device is ended by logging out, not from the list');
  });

  it('ends one session: that browser is logged out on its next request, the others stay', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID);
    const desktop = await browser('moth_writer', CHROME_WINDOWS);
    const [form] = await endForms(phone);
    const ended = await phone.submit(form, {});
    assert.equal(ended.status, 303);
    assert.equal(ended.location, '/account');
    const after = visibleText((await phone.get('/account')).body);
    assert.match(after, /Chrome on Windows has been logged out\./);
    assert.match(after, /You are not logged in anywhere else\./, 'the ended session is gone from the list');
    assert.equal(await isLoggedIn(desktop), false, 'the ended browser is logged out');
    assert.equal(await isLoggedIn(phone), true, 'the browser that ended it is not');
  });

  it("refuses to end another member's session, without a hint of whose it is", async () => {
    const owner = await signedUp('moth_writer', FIREFOX_ANDROID);
    await browser('moth_writer', CHROME_WINDOWS);
    const [form] = await endForms(owner);
    const stranger = await signedUp('lamp_reader', SAFARI_IPHONE);
    const refused = await stranger.submit(form, {});
    assert.equal(refused.status, 404);
    assert.match(visibleText(refused.body), /That session has already ended, or is not yours\./);
    assert.equal((await endForms(owner)).length, 1, "the owner's other session is still there");
  });

  it('checks the form token before ending a session', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID);
    const desktop = await browser('moth_writer', CHROME_WINDOWS);
    const [form] = await endForms(phone);
    const forged = await phone.request('POST', form, {});
    assert.equal(forged.status, 403);
    assert.equal(await isLoggedIn(desktop), true);
  });

  it('"Log out everywhere else" ends every other session and keeps this one', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID);
    const desktop = await browser('moth_writer', CHROME_WINDOWS);
    const tablet = await browser('moth_writer', SAFARI_IPHONE);
    const other = await signedUp('lamp_reader', CHROME_WINDOWS);
    await phone.get('/account');
    const response = await phone.submit('/account/sessions/end-others', {});
    assert.equal(response.status, 303);
    const page = visibleText((await phone.get('/account')).body);
    assert.match(page, /Logged out everywhere else \(2 sessions\)\. This device stays logged in\./);
    assert.match(page, /You are not logged in anywhere else\./);
    assert.doesNotMatch(page, /Chrome on Windows|Safari on iPhone/);
    assert.equal(await isLoggedIn(desktop), false);
    assert.equal(await isLoggedIn(tablet), false);
    assert.equal(await isLoggedIn(phone), true);
    assert.equal(await isLoggedIn(other), true, "another member's sessions are theirs");
  });

  it('changing the email address logs the other devices out, and says so', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID);
    const desktop = await browser('moth_writer', CHROME_WINDOWS);
    await phone.get('/account');
    const changed = await phone.submit('/account/email', { email: 'moth@example.net', currentPassword: PASSWORD });
    assert.equal(changed.status, 303);
    const page = visibleText((await phone.get('/account')).body);
    assert.match(page, /Other devices have been logged out\./);
    assert.equal(await isLoggedIn(desktop), false);
    assert.equal(await isLoggedIn(phone), true);
  });

  it('changing the password logs the other devices out too', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID);
    const desktop = await browser('moth_writer', CHROME_WINDOWS);
    await phone.get('/account');
    const changed = await phone.submit('/account/password', {
      currentPassword: PASSWORD,
      password: 'a newer longer secret',
      passwordConfirmation: 'a newer longer secret',
    });
    assert.equal(changed.status, 303);
    assert.equal(await isLoggedIn(desktop), false);
    assert.equal(await isLoggedIn(phone), true);
  });

  it('shows a session from before devices were kept as "Unknown device"', async () => {
    const phone = await signedUp('moth_writer', FIREFOX_ANDROID);
    await browser('moth_writer', CHROME_WINDOWS);
    await t.store.handle.db
      .updateTable('sessions')
      .set({ user_agent: null, last_seen_at: null })
      .where('user_agent', 'like', '%Chrome%')
      .execute();
    const text = visibleText((await phone.get('/account')).body);
    assert.match(text, /Unknown device .* Unknown Log out Unknown device/);
    assert.doesNotMatch(text, /Chrome on Windows/);
  });

  it('notes when a session was last seen at most every five minutes, not on every page', async () => {
    await signedUp('moth_writer', FIREFOX_ANDROID);
    const desktop = await browser('moth_writer', CHROME_WINDOWS);
    const db = t.store.handle.db;
    const lastSeen = async () =>
      (
        await db
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('user_agent', 'like', '%Chrome%')
          .executeTakeFirstOrThrow()
      ).last_seen_at;
    const twoMinutesAgo = new Date(Date.now() - 2 * 60_000).toISOString();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: twoMinutesAgo })
      .where('user_agent', 'like', '%Chrome%')
      .execute();
    await desktop.get('/');
    assert.equal(await lastSeen(), twoMinutesAgo, 'a page read two minutes later writes nothing');
    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000).toISOString();
    await db
      .updateTable('sessions')
      .set({ last_seen_at: tenMinutesAgo })
      .where('user_agent', 'like', '%Chrome%')
      .execute();
    await desktop.get('/');
    assert.ok((await lastSeen())! > twoMinutesAgo, 'ten minutes later it moves to now');
  });
});
