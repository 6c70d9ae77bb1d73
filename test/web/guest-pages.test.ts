import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { describeEachDatabase } from '../support/databases.ts';
import { twoApps, type TwoApps } from '../support/two-apps.ts';
import { Agent, visibleText } from '../support/http.ts';
import type { Store } from '../../src/store/index.ts';
import { eventually } from '../support/eventually.ts';

/**
 * Guests' pages are kept per process (src/web/guest-pages.ts). Two apps on one database stand for
 * two server processes: what is written through one must show on pages the other kept.
 */
describeEachDatabase('pages kept for guests', (dialect) => {
  let two: TwoApps;
  let stores: Store[] = [];
  let reading: FastifyInstance;
  let writing: FastifyInstance;
  let member: Agent;
  let workPath: string;

  before(async () => {
    two = await twoApps(dialect);
    stores = two.stores;
    [writing, reading] = two.apps;
    member = new Agent(writing);
    await member.signUp('penwright');
    workPath = await member.postWork({ title: 'The First Title', body: 'Once upon a time.', freeforms: 'Lighthouses' });
  });

  after(() => two.dispose());

  /**
   * The other process's page: at once on SQLite; on PostgreSQL once the write's announcement
   * (LISTEN/NOTIFY) has arrived, moments later.
   */
  async function pageOnceSeen(agent: Agent, path: string, check: (body: string) => boolean): Promise<string> {
    const read = async () => (await agent.get(path)).body;
    return dialect === 'sqlite' ? read() : eventually(read, check, { what: `${path} to change` });
  }

  function guest(address: string): Agent {
    const agent = new Agent(reading);
    agent.remoteAddress = address;
    return agent;
  }

  it("shows a guest another process's edits, comments and new works at their next view", async () => {
    const reader = guest('10.1.0.1');
    assert.match(visibleText((await reader.get(workPath)).body), /The First Title/);
    assert.match(visibleText((await reader.get('/works?include_freeform=Lighthouses')).body), /The First Title/);
    assert.match(
      visibleText((await reader.get(workPath)).body),
      /The First Title/,
      'a second view, from the kept page',
    );

    const id = workPath.split('/').pop()!;
    assert.equal((await member.submit(`/works/${id}/comments`, { body: 'A note from the author.' })).status, 303);
    const newer = await member.postWork({ title: 'A Second Work', freeforms: 'Lighthouses' });
    assert.ok(newer);

    const page = visibleText(await pageOnceSeen(reader, workPath, (body) => body.includes('A note from the author.')));
    assert.match(page, /A note from the author\./, 'the comment made through the other process');
    const listing = visibleText(
      await pageOnceSeen(reader, '/works?include_freeform=Lighthouses', (body) => body.includes('A Second Work')),
    );
    assert.match(listing, /A Second Work/, 'the new work in the kept listing');
  });

  it('drops a kept page when a work it links to changes: no link to a deleted sequel', async () => {
    const first = await member.postWork({ title: 'Saga One', newSeriesTitle: 'The Saga' });
    const seriesId = /href="\/series\/(\d+)"/.exec((await member.get(first)).body)![1];
    const second = await member.postWork({ title: 'Saga Two', seriesId });
    const reader = guest('10.1.0.9');
    const next = `href="${second}"`;
    assert.ok((await reader.get(first)).body.includes(next), 'a link to the next work in the series');
    assert.ok((await reader.get(first)).body.includes(next));
    assert.equal((await member.submit(`${second}/delete`, {})).status, 303);
    assert.ok(
      !(await pageOnceSeen(reader, first, (body) => !body.includes(next))).includes(next),
      'no link to a deleted work',
    );
  });

  it('gives each guest their own form token on a kept page, which their kudos then uses', async () => {
    const first = guest('10.1.0.2');
    const second = guest('10.1.0.3');
    await first.get(workPath);
    const page = await second.get(workPath);
    assert.ok(first.csrfToken && second.csrfToken);
    assert.notEqual(first.csrfToken, second.csrfToken);
    assert.doesNotMatch(page.body, /\u0000/, 'no placeholder left in the page');

    const kudos = await second.submit(`${workPath}/kudos`, {});
    assert.equal(kudos.status, 303);
    assert.match(visibleText((await second.get(workPath)).body), /You left kudos on this work\./);
    assert.doesNotMatch(
      visibleText((await first.get(workPath)).body),
      /You left kudos on this work\./,
      'not on the other guest’s page',
    );
  });

  it("shows a guest's kudos left through one process on the page the other kept for them", async () => {
    const address = '10.1.0.20';
    const reader = guest(address);
    assert.doesNotMatch(visibleText((await reader.get(workPath)).body), /You left kudos on this work\./);
    assert.doesNotMatch(visibleText((await reader.get(workPath)).body), /You left kudos/, 'kept, without kudos');
    const elsewhere = new Agent(writing);
    elsewhere.remoteAddress = address;
    await elsewhere.get(workPath);
    assert.equal((await elsewhere.submit(`${workPath}/kudos`, {})).status, 303);
    // A guest's kudos are written within a second (another browser has no proof of them till then).
    await writing.quire.archive.kudos.flush();
    const page = await pageOnceSeen(reader, workPath, (body) =>
      /You left kudos on this work\./.test(visibleText(body)),
    );
    assert.match(visibleText(page), /You left kudos on this work\./);
    assert.doesNotMatch(
      visibleText((await guest('10.1.0.21').get(workPath)).body),
      /You left kudos on this work\./,
      'another guest’s page does not say so',
    );
  });

  it('counts no hit for the adult-content notice, kept or not, and one for the work read past it', async () => {
    const adult = await member.postWork({ title: 'After Dark', rating: 'Mature' });
    const id = Number(adult.split('/').pop());
    const reader = guest('10.1.0.22');
    assert.match(visibleText((await reader.get(adult)).body), /Mature/);
    assert.match(visibleText((await reader.get(adult)).body), /Mature/, 'the notice again, kept');
    await reading.quire.archive.visitors.flush();
    assert.equal((await stores[0].works.find(id))!.hits, 0, 'the notice is no reading');
    assert.match(visibleText((await reader.get(`${adult}?view_adult=true`)).body), /After Dark/);
    await reading.quire.archive.visitors.flush();
    assert.equal((await stores[0].works.find(id))!.hits, 1);
  });

  it('writes the readings it gathered within moments, without being asked', async () => {
    const id = Number(workPath.split('/').pop());
    for (const app of [reading, writing]) await app.quire.archive.visitors.flush();
    const before = (await stores[0].works.find(id))!.hits;
    await guest('10.1.0.23').get(workPath);
    await guest('10.1.0.24').get(workPath);
    assert.equal(reading.quire.archive.visitors.pendingHits, 2, 'gathered, not written one by one');
    const hits = await eventually(
      async () => (await stores[0].works.find(id))!.hits,
      (n) => n === before + 2,
      { what: 'the hits to be written' },
    );
    assert.equal(hits, before + 2);
  });

  it('counts the hits of guests served a kept page, and never gives a member a guest’s page', async () => {
    const id = Number(workPath.split('/').pop());
    for (const app of [reading, writing]) await app.quire.archive.visitors.flush();
    const before = (await stores[0].works.find(id))!.hits;
    for (const address of ['10.1.0.4', '10.1.0.5', '10.1.0.6']) await guest(address).get(workPath);
    for (const app of [reading, writing]) await app.quire.archive.visitors.flush();
    assert.equal((await stores[0].works.find(id))!.hits, before + 3);

    const reader = new Agent(reading);
    reader.remoteAddress = '10.1.0.7';
    await reader.signUp('bookworm');
    const page = await reader.get(workPath);
    assert.match(visibleText(page.body), /bookworm/, "the member's own header");
  });
});
