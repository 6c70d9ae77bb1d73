import { afterEach, beforeEach, it, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { eventually } from '../support/eventually.ts';
import { Agent, testApp, visibleText, type TestApp } from '../support/http.ts';
import { buildApp } from '../../src/web/app.tsx';
import { loadConfig } from '../../src/config.ts';
import type { PendingKudos } from '../../src/store/kudos.ts';

const idOf = (path: string) => Number(path.split('/').pop());

describeEachDatabase('kudos and hits over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let workPath: string;
  let guestNumber = 0;

  /** A guest from an address of their own. */
  function guest(): Agent {
    const agent = t.agent();
    agent.remoteAddress = `192.0.2.${++guestNumber}`;
    return agent;
  }

  async function member(login: string): Promise<Agent> {
    const agent = guest();
    await agent.signUp(login);
    return agent;
  }

  const leaveKudos = (agent: Agent, path = workPath, fields: Record<string, string> = {}) =>
    agent.submit(`${path}/kudos`, fields);
  const kudosArea = async (agent: Agent, path = workPath) => {
    const body = (await agent.get(path)).body;
    const section = /<section class="kudos"[\s\S]*?<\/section>/.exec(body)?.[0] ?? '';
    // visibleText leaves a space where a link ends; a browser shows "carol, bob".
    return { body, section, text: visibleText(section).replace(/ ,/g, ','), page: visibleText(body) };
  };
  const stat = (page: string, name: string) => new RegExp(`${name}: ([\\d,]+)`).exec(page)?.[1];
  /** Readings and guests' kudos are written together about once a second: write this process's now. */
  const written = () => Promise.all([t.app.quire.archive.visitors.flush(), t.app.quire.archive.kudos.flush()]);
  const counters = async () => {
    await written();
    const work = (await t.store.works.find(idOf(workPath)))!;
    return { kudos: work.kudosCount, hits: work.hits };
  };

  beforeEach(async () => {
    t = await testApp(dialect);
    writer = guest();
    await writer.signUp('long_hauler');
    workPath = await writer.postWork({ title: 'Long Haul' });
  });
  afterEach(() => t.dispose());

  it('takes kudos from a guest once, answers a second one politely, and lists the guest', async () => {
    const reader = guest();
    const before = await kudosArea(reader);
    assert.match(before.section, /<form method="post" action="\/works\/\d+\/kudos"/);
    assert.match(before.section, /name="_csrf"/);
    assert.match(before.text, /Kudos ♥ No kudos yet\./);

    const first = await leaveKudos(reader);
    assert.equal(first.status, 303);
    assert.equal(first.location, `${workPath}#kudos`);
    const after = await kudosArea(reader);
    assert.match(after.page, /Thank you for leaving kudos!/);
    assert.match(after.text, /Kudos from 1 guest$/);
    assert.match(after.text, /You left kudos on this work\./);
    assert.equal(stat(after.page, 'Kudos'), '1');

    const second = await leaveKudos(reader);
    assert.equal(second.status, 303);
    const again = await kudosArea(reader);
    assert.match(again.page, /You have already left kudos here/);
    assert.match(again.text, /Kudos from 1 guest$/);
    assert.equal(stat(again.page, 'Kudos'), '1');

    // The same person from another address is another guest: guests are known only by address.
    const elsewhere = guest();
    await leaveKudos(elsewhere);
    await written();
    assert.match((await kudosArea(elsewhere)).text, /Kudos from 2 guests$/);
  });

  it('names members newest first, linked to their pages, before the guests', async () => {
    await leaveKudos(guest());
    const bob = await member('bob');
    await leaveKudos(bob);
    await new Promise((resolve) => setTimeout(resolve, 3));
    const carol = await member('carol');
    await leaveKudos(carol);
    await leaveKudos(bob);
    await written();
    const { section, text, page } = await kudosArea(guest());
    assert.match(text, /Kudos from carol, bob, and 1 guest$/);
    assert.match(section, /<a href="\/users\/bob">bob<\/a>/);
    assert.equal(stat(page, 'Kudos'), '3');
    // The writer hears of it once today.
    const notices = await t.store.handle.db
      .selectFrom('notifications')
      .select('message')
      .where('kind', '=', 'kudos')
      .execute();
    assert.deepEqual(
      notices.map((n) => n.message),
      ['carol, bob, and 1 guest left kudos on Long Haul'],
    );
  });

  const kudosRows = async (workId = idOf(workPath)) =>
    Number(
      (
        await t.store.handle.db
          .selectFrom('kudos')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  const storedCount = async (workId = idOf(workPath)) => (await t.store.works.find(workId))?.kudosCount;
  const inboxOf = async (agent: Agent) => visibleText((await agent.get('/inbox')).body);

  it('gathers guests’ kudos and writes them within a second, with the writer’s notice, unasked', async () => {
    const reader = guest();
    await leaveKudos(reader);
    await leaveKudos(guest());
    assert.equal(t.app.quire.archive.kudos.pendingKudos, 2, 'gathered, not written one by one');
    assert.equal(await kudosRows(), 0);
    // The guest sees their own at once all the same: the button's note, the line and the work's stats.
    const own = await kudosArea(reader);
    assert.match(own.text, /You left kudos on this work\. Kudos from 1 guest$/);
    assert.equal(stat(own.page, 'Kudos'), '1');

    assert.equal(await eventually(storedCount, (n) => n === 2, { what: 'the kudos to be written' }), 2);
    assert.equal(await kudosRows(), 2);
    assert.match(await inboxOf(writer), /2 guests left kudos on Long Haul/);
    assert.equal(stat((await kudosArea(guest())).page, 'Kudos'), '2');
  });

  it('writes a member’s kudos at once', async () => {
    const bob = await member('bob');
    assert.equal((await leaveKudos(bob)).status, 303);
    assert.equal(t.app.quire.archive.kudos.pendingKudos, 0);
    assert.equal(await kudosRows(), 1);
    assert.equal(await storedCount(), 1);
    assert.match(await inboxOf(writer), /bob left kudos on Long Haul/);
  });

  it('drops guests’ kudos on a work deleted before they are written, and writes the others', async (ctx: TestContext) => {
    const warn = ctx.mock.method(console, 'warn', () => undefined);
    const doomed = await writer.postWork({ title: 'Soon Gone' });
    const reader = guest();
    await reader.get(doomed);
    await leaveKudos(reader, doomed);
    await leaveKudos(reader);
    assert.equal(t.app.quire.archive.kudos.pendingKudos, 2);
    assert.equal((await writer.submit(`${doomed}/delete`, {})).status, 303);
    await written();
    assert.equal(t.app.quire.archive.kudos.pendingKudos, 0, 'none kept for another try');
    assert.equal(warn.mock.callCount(), 0, 'no failed write');
    assert.equal(await kudosRows(idOf(doomed)), 0);
    assert.equal((await counters()).kudos, 1);
    const inbox = await inboxOf(writer);
    assert.match(inbox, /1 guest left kudos on Long Haul/);
    assert.doesNotMatch(inbox, /left kudos on Soon Gone/);
  });

  it('keeps guests’ kudos through failed writes, says so once, and writes them when it can', async (ctx: TestContext) => {
    const warn = ctx.mock.method(console, 'warn', () => undefined);
    const kudosStore = t.store.kudos;
    const write = kudosStore.leaveAsGuests.bind(kudosStore);
    let down = true;
    ctx.mock.method(kudosStore, 'leaveAsGuests', async (kudos: readonly PendingKudos[]) => {
      if (down) throw new Error('connection refused');
      return write(kudos);
    });
    const reader = guest();
    await leaveKudos(reader);
    await t.app.quire.archive.kudos.flush();
    await leaveKudos(guest());
    await t.app.quire.archive.kudos.flush();
    await t.app.quire.archive.kudos.flush();
    assert.equal(t.app.quire.archive.kudos.pendingKudos, 2, 'both kept');
    const failures = warn.mock.calls.map((c) => String(c.arguments[0]));
    assert.equal(failures.length, 1, `said once: ${failures.join(' | ')}`);
    assert.match(failures[0], /Writing guest kudos failed \(connection refused\); they are kept for another try/);
    assert.match((await kudosArea(reader)).text, /You left kudos on this work\./);
    assert.match((await kudosArea(reader)).text, /Kudos ♥/, 'the button still there');

    down = false;
    await t.app.quire.archive.kudos.flush();
    assert.equal(t.app.quire.archive.kudos.pendingKudos, 0);
    assert.equal(await kudosRows(), 2);
    assert.equal(await storedCount(), 2);
    assert.match(String(warn.mock.calls.at(-1)!.arguments[0]), /written again/);
  });

  it('writes the guests’ kudos it gathered when the server closes', async () => {
    const config = loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off' }, { demo: false });
    const closing = await buildApp({ store: t.store, config });
    const reader = new Agent(closing);
    reader.remoteAddress = '198.51.100.7';
    await reader.get(workPath);
    assert.equal((await reader.submit(`${workPath}/kudos`, {})).status, 303);
    assert.equal(closing.quire.archive.kudos.pendingKudos, 1);
    await closing.close();
    assert.equal(await kudosRows(), 1);
    assert.equal(await storedCount(), 1);
  });

  it('gives creators no button and refuses their kudos', async () => {
    const own = await kudosArea(writer);
    assert.doesNotMatch(own.section, /Kudos ♥/);
    const refused = await leaveKudos(writer);
    assert.equal(refused.status, 403);
    assert.match(visibleText(refused.body), /You can't leave kudos on your own work\./);
    assert.deepEqual((await counters()).kudos, 0);
  });

  it('refuses kudos on works the reader may not read', async () => {
    const draft = await writer.postWork({ title: 'Hidden', visibility: 'draft' });
    const locked = await writer.postWork({ title: 'Members', visibility: 'registered' });
    const reader = guest();
    assert.equal((await leaveKudos(reader, draft)).status, 404);
    const loggedOut = await leaveKudos(reader, locked);
    assert.equal(loggedOut.status, 403);
    assert.match(visibleText(loggedOut.body), /only available to registered users/);
    const bob = await member('bob');
    assert.equal((await leaveKudos(bob, draft)).status, 404);
    assert.equal((await leaveKudos(bob, locked)).status, 303);
    assert.equal((await leaveKudos(reader, '/works/999999')).status, 404);
    assert.equal((await leaveKudos(reader, '/works/nope')).status, 404);
    const rows = await t.store.handle.db.selectFrom('kudos').select('work_id').execute();
    assert.deepEqual(
      rows.map((r) => r.work_id),
      [idOf(locked)],
    );
  });

  it('refuses a kudos form without its CSRF token', async () => {
    const reader = guest();
    await reader.get(workPath);
    const forged = await reader.request('POST', `${workPath}/kudos`, {});
    assert.equal(forged.status, 403);
    assert.equal((await counters()).kudos, 0);
  });

  it('offers kudos on each chapter page and comes back to that chapter', async () => {
    const chapter = await writer.submit(`${workPath}/chapters`, { body: 'The second leg of the journey.' });
    assert.equal(chapter.status, 303);
    const chapterPath = chapter.location!.replace(/#.*$/, '');
    const reader = guest();
    const area = await kudosArea(reader, chapterPath);
    const chapterId = chapterPath.split('/').pop()!;
    assert.match(area.section, new RegExp(`name="chapter" value="${chapterId}"`));
    const left = await leaveKudos(reader, workPath, { chapter: chapterId });
    assert.equal(left.location, `${chapterPath}#kudos`);
    // A chapter of another work is not a place to go back to.
    const other = await leaveKudos(guest(), workPath, { chapter: '999' });
    assert.equal(other.location, `${workPath}#kudos`);
  });

  it('counts a hit once per visitor a day, not for the creator, and never stores an address', async () => {
    const reader = guest();
    await reader.get(workPath);
    await reader.get(workPath);
    await reader.get(`${workPath}?view_full_work=true`);
    const chapterId = (await t.store.works.find(idOf(workPath)))!.chapters[0].id;
    await reader.get(`${workPath}/chapters/${chapterId}`);
    assert.equal((await counters()).hits, 1);
    await guest().get(workPath);
    const bob = await member('bob');
    await bob.get(workPath);
    await bob.get(workPath);
    await writer.get(workPath);
    await writer.get(workPath);
    assert.equal((await counters()).hits, 3);
    assert.equal(stat((await kudosArea(writer)).page, 'Hits'), '3');

    await leaveKudos(reader);
    const keys = [
      ...(await t.store.handle.db.selectFrom('work_hits').select('visitor_key as key').execute()),
      ...(await t.store.handle.db
        .selectFrom('kudos')
        .select('guest_key as key')
        .where('guest_key', 'is not', null)
        .execute()),
    ].map((r) => r.key!);
    assert.ok(keys.length >= 3);
    for (const key of keys) {
      assert.doesNotMatch(key, /192\.0\.2|\./, 'no address is stored');
      assert.match(key, /^(u\d+|[0-9a-f]{64})$/);
    }
  });

  it('shows kudos and hits in blurbs', async () => {
    await guest().get(workPath);
    await guest().get(workPath);
    await leaveKudos(guest());
    await written();
    const list = visibleText((await guest().get('/users/long_hauler')).body);
    assert.match(list, /Language: English Words: \d+ Chapters: 1\/1 Kudos: 1 Hits: 2/);
  });

  it('keeps the counters equal to the rows under 200 concurrent kudos and 200 concurrent hits', async () => {
    const workId = idOf(workPath);
    // Members made directly in the store: 80 sign-ups through the form would only test argon2.
    const sessions: string[] = [];
    for (let i = 0; i < 80; i++) {
      const user = await t.store.users.create({
        login: `reader${i}`,
        email: `reader${i}@example.org`,
        passwordHash: 'h',
      });
      sessions.push((await t.store.sessions.start(user.id, false)).token);
    }
    const page = guest();
    await page.get(workPath);
    const csrfCookie = page.cookie('_csrf')!;
    const token = page.csrfToken!;
    const send = (method: 'GET' | 'POST', url: string, address: string, session?: string) =>
      t.app.inject({
        method,
        url,
        remoteAddress: address,
        headers: {
          cookie: [`_csrf=${csrfCookie}`, ...(session ? [`quire_session=${session}`] : [])].join('; '),
          ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        ...(method === 'POST' ? { payload: `_csrf=${encodeURIComponent(token)}` } : {}),
      });

    // Every member twice (from two addresses), 30 guests, 10 of them twice: 200 requests, 110 kudos.
    const kudos = [
      ...sessions.flatMap((session, i) => [
        send('POST', `${workPath}/kudos`, `10.1.0.${i}`, session),
        send('POST', `${workPath}/kudos`, `10.2.0.${i}`, session),
      ]),
      ...Array.from({ length: 40 }, (_, i) => send('POST', `${workPath}/kudos`, `10.3.0.${i % 30}`)),
    ];
    const kudosAnswers = await Promise.all(kudos);
    assert.equal(kudosAnswers.length, 200);
    assert.deepEqual([...new Set(kudosAnswers.map((r) => r.statusCode))], [303]);

    // Every member once, 90 guests, 30 of them twice: 200 readings, 170 hits.
    const readings = [
      ...sessions.map((session, i) => send('GET', workPath, `10.4.0.${i}`, session)),
      ...Array.from({ length: 120 }, (_, i) => send('GET', workPath, `10.5.0.${i % 90}`)),
    ];
    const readAnswers = await Promise.all(readings);
    assert.equal(readAnswers.length, 200);
    assert.deepEqual([...new Set(readAnswers.map((r) => r.statusCode))], [200]);
    // Readings and guests' kudos are written together, about once a second: write the ones gathered now.
    await written();

    const db = t.store.handle.db;
    const kudosRows = Number(
      (
        await db
          .selectFrom('kudos')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    const hitRows = Number(
      (
        await db
          .selectFrom('work_hits')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('work_id', '=', workId)
          .executeTakeFirstOrThrow()
      ).n,
    );
    // The page fetched for the token was a hit too.
    assert.deepEqual({ kudosRows, hitRows }, { kudosRows: 110, hitRows: 171 });
    assert.deepEqual(await counters(), { kudos: kudosRows, hits: hitRows });
    const notices = await db.selectFrom('notifications').select('message').where('kind', '=', 'kudos').execute();
    assert.equal(notices.length, 1, 'one kudos notice for the writer, however many came at once');
    assert.match(
      notices[0].message,
      /, and \d+ more members and 30 guests left kudos on Long Haul$|and 30 guests left kudos on Long Haul$/,
    );
  });
});
