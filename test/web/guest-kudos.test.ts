import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../support/databases.ts';
import { twoApps, type TwoApps } from '../support/two-apps.ts';
import { Agent, formBody, visibleText } from '../support/http.ts';
import type { Store } from '../../src/store/index.ts';
import { KUDOS_PROOF_COOKIE } from '../../src/web/kudos-proof.ts';

/** One browser (one cookie jar, one address) whose requests land on either server process. */
class Browser {
  private readonly jar = new Map<string, string>();
  private token = '';

  constructor(readonly address: string) {}

  cookie(name: string): string | undefined {
    return this.jar.get(name);
  }

  setCookie(name: string, value: string): void {
    this.jar.set(name, value);
  }

  async send(app: FastifyInstance, method: 'GET' | 'POST', url: string) {
    const response = await app.inject({
      method,
      url,
      remoteAddress: this.address,
      headers: {
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(method === 'POST' ? { payload: formBody({ _csrf: this.token }) } : {}),
    });
    for (const c of response.cookies as { name: string; value: string; maxAge?: number }[])
      if (c.value === '' || c.maxAge === 0) this.jar.delete(c.name);
      else this.jar.set(c.name, c.value);
    this.token = /name="csrf-token" content="([^"]+)"/.exec(response.body)?.[1] ?? this.token;
    return {
      status: response.statusCode,
      location: response.headers.location as string | undefined,
      body: response.body,
    };
  }

  async text(app: FastifyInstance, url: string): Promise<string> {
    return visibleText((await this.send(app, 'GET', url)).body);
  }
}

/**
 * Guests' kudos are gathered and written about once a second per process (src/app/kudos.ts). Two
 * apps on one database stand for two server processes behind one address.
 */
describeEachDatabase('guest kudos across server processes', (dialect) => {
  let two: TwoApps;
  let stores: Store[] = [];
  let first: FastifyInstance;
  let second: FastifyInstance;
  let writer: Agent;
  let guestNumber = 0;

  before(async () => {
    // Batches are written when the test says (written()), not by a timer a slow machine may reach first.
    two = await twoApps(dialect, { RATE_LIMIT_PAGES: 'off', WRITE_BATCH_SECONDS: '3600' });
    stores = two.stores;
    [first, second] = two.apps;
    writer = new Agent(first);
    await writer.signUp('twin_writer');
  });

  after(() => two.dispose());

  const written = () => Promise.all([first, second].map((app) => app.quire.archive.kudos.flush()));
  const guest = () => new Browser(`203.0.113.${++guestNumber}`);
  const kudosRows = async (workPath: string) =>
    (
      await stores[0].handle.db
        .selectFrom('kudos')
        .select('guest_key')
        .where('work_id', '=', Number(workPath.split('/').pop()))
        .execute()
    ).length;

  it('shows a guest their kudos at once on the page they are sent back to, served by another process', async () => {
    const workPath = await writer.postWork({ title: 'Twin Lights' });
    const reader = guest();
    assert.doesNotMatch(await reader.text(second, workPath), /You left kudos/);
    assert.doesNotMatch(await reader.text(second, workPath), /You left kudos/, 'and the page kept without them');

    const left = await reader.send(first, 'POST', `${workPath}/kudos`);
    assert.equal(left.status, 303);
    assert.equal(first.quire.archive.kudos.pendingKudos, 1, 'not written yet');
    assert.equal(await kudosRows(workPath), 0);

    // The way back lands on the other process, which has never heard of these kudos.
    const back = await reader.text(second, left.location!);
    assert.match(back, /Thank you for leaving kudos!/);
    assert.match(back, /You left kudos on this work\. Kudos from 1 guest/);
    assert.match(back, /Kudos: 1 /, "the work's stats count them too");
    // Reloads (no message now, so from the pages kept for guests) still say so.
    assert.match(await reader.text(second, workPath), /You left kudos on this work\./);
    assert.match(await reader.text(second, workPath), /You left kudos on this work\./);
    // Leaving them again through that process is answered as a repeat.
    const again = await reader.send(second, 'POST', `${workPath}/kudos`);
    assert.match(await reader.text(second, again.location!), /You have already left kudos here/);
    assert.equal(second.quire.archive.kudos.pendingKudos, 0);

    const other = guest();
    const otherPage = await other.text(second, workPath);
    assert.doesNotMatch(otherPage, /You left kudos/, 'not on another guest’s page');
    assert.match(otherPage, /Kudos ♥ No kudos yet\./);

    await written();
    assert.equal(await kudosRows(workPath), 1);
    assert.match(await reader.text(second, workPath), /You left kudos on this work\. Kudos from 1 guest/);
  });

  it('believes no proof the archive did not sign', async () => {
    const workPath = await writer.postWork({ title: 'Forged Light' });
    const id = workPath.split('/').pop();
    const reader = guest();
    await reader.send(second, 'GET', workPath);
    reader.setCookie(KUDOS_PROOF_COOKIE, `${id}-${Date.now()}`);
    const page = await reader.text(second, workPath);
    assert.doesNotMatch(page, /You left kudos/);
    assert.match(page, /No kudos yet\./);

    // A genuine proof from another work is no proof for this one.
    const elsewhere = await writer.postWork({ title: 'Other Light' });
    await reader.send(first, 'GET', elsewhere);
    await reader.send(first, 'POST', `${elsewhere}/kudos`);
    assert.ok(reader.cookie(KUDOS_PROOF_COOKIE));
    assert.doesNotMatch(await reader.text(second, workPath), /You left kudos/);
    assert.match(await reader.text(second, elsewhere), /You left kudos/);
    await written();
  });

  it('takes kudos once per guest when two processes both took them, with one notice', async () => {
    const workPath = await writer.postWork({ title: 'Double Beam' });
    // One guest (one address) in two browsers, each sent to another process.
    const address = '198.51.100.40';
    const answers = [];
    for (const app of [first, second]) {
      const browser = new Browser(address);
      await browser.send(app, 'GET', workPath);
      const left = await browser.send(app, 'POST', `${workPath}/kudos`);
      answers.push(await browser.text(app, left.location!));
    }
    for (const page of answers) assert.match(page, /Thank you for leaving kudos!/);
    assert.equal(first.quire.archive.kudos.pendingKudos + second.quire.archive.kudos.pendingKudos, 2);

    await written();
    assert.equal(await kudosRows(workPath), 1, 'one row');
    const work = await stores[0].works.find(Number(workPath.split('/').pop()));
    assert.equal(work!.kudosCount, 1, 'counted once');
    const daily = await stores[0].handle.db
      .selectFrom('work_stats_daily')
      .select('kudos')
      .where('work_id', '=', work!.id)
      .execute();
    assert.deepEqual(
      daily.map((d) => Number(d.kudos)),
      [1],
    );
    assert.match(visibleText((await writer.get('/inbox')).body), /1 guest left kudos on Double Beam/);
    assert.match(await guest().text(second, workPath), /Kudos from 1 guest/);
  });
});
