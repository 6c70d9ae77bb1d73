import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, describeEachSearch, freshStore, type TestStore } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { postWork } from '../support/works.ts';
import { parseWorkFilters, readWorkFilterForm } from '../../src/domain/work-filters.ts';
import { WorkSearch } from '../../src/search/work-search.ts';
import { hashPassword } from '../../src/domain/passwords.ts';
import type { Store } from '../../src/store/index.ts';

/** A member made in the store and logged in through the form, with their default pen name's id. */
async function member(t: TestApp, login: string): Promise<{ agent: Agent; pseudId: number; store: Store }> {
  const password = 'correct horse battery';
  const user = await t.store.users.create({
    login,
    email: `${login}@example.org`,
    passwordHash: await hashPassword(password),
  });
  const agent = t.agent();
  await agent.get('/login');
  const loggedIn = await agent.submit('/login', { identifier: login, password });
  assert.equal(loggedIn.status, 303, `${login} logs in`);
  return { agent, pseudId: (await t.store.pseuds.listForUser(user.id))[0].id, store: t.store };
}

/** Titles of the works listed on a page, in order. */
function titles(html: string): string[] {
  return [...html.matchAll(/<li class="blurb"[^>]*>[\s\S]*?<a href="\/works\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
}

describeEachSearch('user and pen name works lists', (dialect, engine) => {
  let t: TestApp;
  let writer: Agent;
  let mainPseud: number;
  let secondPseud: number;
  const pad = (n: number) => String(n).padStart(2, '0');

  // The tests only read: one archive of 60-odd works serves them all.
  before(async () => {
    t = await testApp(dialect, { searchEngine: engine });
    ({ agent: writer } = await member(t, 'long_writer'));
    await writer.submit('/users/long_writer/pseuds', { name: 'Second Quill', description: '' });
    const user = await t.store.users.findByLogin('long_writer');
    const pseuds = await t.store.pseuds.listForUser(user!.id);
    mainPseud = pseuds.find((p) => p.name === 'long_writer')!.id;
    secondPseud = pseuds.find((p) => p.name === 'Second Quill')!.id;
    // 60 public works under the default pen name: every third Mature, the even ones tagged Even.
    for (let i = 1; i <= 60; i++) {
      await postWork(t.store, [mainPseud], {
        title: `Tide ${pad(i)}`,
        rating: i % 3 === 0 ? 'Mature' : 'General Audiences',
        freeforms: i % 2 === 0 ? 'Even' : 'Odd',
      });
    }
    for (let i = 1; i <= 3; i++) await postWork(t.store, [secondPseud], { title: `Quill ${i}` });
    await postWork(t.store, [mainPseud], { title: 'Members Only Tide', visibility: 'registered' });
    await postWork(t.store, [mainPseud], { title: 'Unfinished Draft Tide', visibility: 'draft' });
    await postWork(t.store, [mainPseud], { title: 'Future Tide', publishAt: '2999-01-01T00:00' });
    const other = await member(t, 'someone_else');
    await postWork(t.store, [other.pseudId], { title: 'Not By Them' });
  });
  after(() => t.dispose());

  it('pages through every work of the member, and the user page links to them all', async () => {
    const guest = t.agent();
    const userPage = await guest.get('/users/long_writer');
    const userText = visibleText(userPage.body);
    assert.match(userText, /Works \(63\)/, 'public works of both pen names; not the draft, scheduled or members-only');
    assert.match(userPage.body, /<a href="\/users\/long_writer\/works">All 63 works<\/a>/);

    const seen: string[] = [];
    for (const page of [1, 2, 3, 4]) {
      const response = await guest.get(`/users/long_writer/works?page=${page}`);
      assert.equal(response.status, 200);
      seen.push(...titles(response.body));
      if (page === 1) assert.match(visibleText(response.body), /1–20 of 63 works by long_writer/);
    }
    const last = await guest.get('/users/long_writer/works?page=4');
    assert.match(visibleText(last.body), /61–63 of 63 works by long_writer/);
    assert.deepEqual(titles(last.body), ['Tide 03', 'Tide 02', 'Tide 01'], 'newest first: the first posted come last');
    assert.equal(seen.length, 63, 'every work once');
    assert.equal(new Set(seen).size, 63);
    for (let i = 1; i <= 60; i++) assert.ok(seen.includes(`Tide ${pad(i)}`), `Tide ${pad(i)} is on a page`);
    for (const hidden of ['Members Only Tide', 'Unfinished Draft Tide', 'Future Tide', 'Not By Them'])
      assert.ok(!seen.includes(hidden), `${hidden} is not listed to a guest`);
    assert.match(last.body, /href="\/users\/long_writer\/works\?page=3" rel="prev"/, 'paging stays on the list');

    const sorted = await guest.get('/users/long_writer/works?sort=title&page=2');
    assert.deepEqual(titles(sorted.body).slice(0, 2), ['Tide 18', 'Tide 19'], 'Quill 1–3 and Tide 01–17 come first');
  });

  it('narrows the list with the /works filters, keeping the form as typed', async () => {
    const guest = t.agent();
    const mature = await guest.get('/users/long_writer/works?include_rating=Mature');
    assert.match(visibleText(mature.body), /1–20 of 20 works by long_writer/);
    assert.ok(titles(mature.body).every((title) => Number(title.slice(5)) % 3 === 0));

    const even = await guest.get('/users/long_writer/works?include_freeform=Even&include_rating=Mature&sort=title');
    assert.deepEqual(
      titles(even.body),
      ['Tide 06', 'Tide 12', 'Tide 18', 'Tide 24', 'Tide 30'].concat([
        'Tide 36',
        'Tide 42',
        'Tide 48',
        'Tide 54',
        'Tide 60',
      ]),
    );
    assert.match(even.body, /<form class="filters" method="get" action="\/users\/long_writer\/works"/);
    assert.match(even.body, /name="include_freeform" value="Even"/);

    const bad = await guest.get('/users/long_writer/works?words_from=lots&include_freeform=Even');
    assert.equal(bad.status, 400);
    assert.match(visibleText(bad.body), /Words from must be a whole number/);
    assert.match(bad.body, /name="words_from" value="lots"/);
    assert.match(bad.body, /name="include_freeform" value="Even"/);

    assert.equal((await guest.get('/users/nobody_here/works')).status, 404);
    assert.equal((await guest.get('/users/long_writer/pseuds/Nobody/works')).status, 404);
  });

  it("lists a second pen name's works alone, linked from its page", async () => {
    const guest = t.agent();
    const pseudPage = await guest.get('/users/long_writer/pseuds/Second%20Quill');
    assert.match(pseudPage.body, /<a href="\/users\/long_writer\/pseuds\/Second%20Quill\/works">All 3 works/);
    const list = await guest.get('/users/long_writer/pseuds/Second%20Quill/works');
    assert.equal(list.status, 200);
    assert.deepEqual(titles(list.body), ['Quill 3', 'Quill 2', 'Quill 1']);
    assert.match(visibleText(list.body), /1–3 of 3 works by Second Quill \(long_writer\)/);
    const main = await guest.get('/users/long_writer/pseuds/long_writer/works?page=3');
    assert.match(visibleText(main.body), /41–60 of 60 works/);
    assert.ok(!titles(main.body).some((title) => title.startsWith('Quill')));
  });

  it("shows a member the members-only works, the owner their drafts apart, and nobody else's drafts", async () => {
    const { agent: reader } = await member(t, 'a_reader');
    const readerPage = visibleText((await reader.get('/users/long_writer')).body);
    assert.match(readerPage, /Works \(64\)/);
    assert.match(readerPage, /All 64 works/);
    const restricted = await reader.get('/users/long_writer/works?q=Members');
    assert.deepEqual(titles(restricted.body), ['Members Only Tide']);
    const drafts = await reader.get('/users/long_writer/works?q=Unfinished');
    assert.deepEqual(titles(drafts.body), []);
    assert.doesNotMatch(readerPage, /Unfinished Draft Tide|Future Tide/);

    const guestList = await t.agent().get('/users/long_writer/works?q=Members');
    assert.deepEqual(titles(guestList.body), [], 'a guest does not see members-only works');

    const own = visibleText((await writer.get('/users/long_writer')).body);
    assert.match(own, /Works \(64\)/, 'the count is the list the owner can page through');
    assert.match(own, /All 64 works/);
    assert.match(own, /Works only you see here \(2\)/);
    assert.match(own, /Unfinished Draft Tide/);
    assert.match(own, /Future Tide/);
  });

  it('sends /works?user=X (and &pseud=P) to that list with its filters, and refuses a pen name alone', async () => {
    const guest = t.agent();
    const scoped = await guest.get('/works?user=long_writer&include_rating=Mature');
    assert.equal(scoped.status, 302);
    assert.equal(scoped.location, '/users/long_writer/works?include_rating=Mature');
    const followed = await guest.get(scoped.location!);
    assert.match(visibleText(followed.body), /1–20 of 20 works by long_writer/);
    const pseud = await guest.get('/works?user=long_writer&pseud=Second%20Quill');
    assert.equal(pseud.location, '/users/long_writer/pseuds/Second%20Quill/works');
    const alone = await guest.get('/works?pseud=Second%20Quill');
    assert.equal(alone.status, 400);
    assert.match(visibleText(alone.body), /give user= as well as pseud=/);
  });
});

describeEachDatabase('bookmarks and series paged', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it("pages a member's bookmarks, counting only what the viewer may see", async () => {
    const writer = await member(t, 'shelf_writer');
    const reader = await member(t, 'shelf_reader');
    const readerId = (await t.store.users.findByLogin('shelf_reader'))!.id;
    for (let i = 1; i <= 25; i++) {
      const workId = await postWork(t.store, [writer.pseudId], { title: `Shelf ${String(i).padStart(2, '0')}` });
      await t.store.bookmarks.save(
        readerId,
        { kind: 'work', id: workId },
        { notes: '', tags: [], private: i === 25, rec: false, pseudId: reader.pseudId },
      );
    }
    const restricted = await postWork(t.store, [writer.pseudId], { title: 'Shelf Members', visibility: 'registered' });
    await t.store.bookmarks.save(
      readerId,
      { kind: 'work', id: restricted },
      { notes: '', tags: [], private: false, rec: false, pseudId: reader.pseudId },
    );
    const guest = t.agent();
    const first = visibleText((await guest.get('/users/shelf_reader/bookmarks')).body);
    assert.match(first, /1–20 of 24 bookmarks/, 'neither the private bookmark nor the members-only work');
    const second = await guest.get('/users/shelf_reader/bookmarks?page=2');
    assert.match(visibleText(second.body), /21–24 of 24 bookmarks/);
    assert.equal([...second.body.matchAll(/<li class="bookmark">/g)].length, 4);
    assert.doesNotMatch(visibleText(second.body), /Shelf 25|Shelf Members/);
    assert.match(second.body, /href="\/users\/shelf_reader\/bookmarks\?page=1" rel="prev"/);
    const own = visibleText((await reader.agent.get('/users/shelf_reader/bookmarks?page=2')).body);
    assert.match(own, /21–26 of 26 bookmarks/);
  });

  it("pages a series' works in series order, with the stats of all of them", async () => {
    const writer = await member(t, 'saga_writer');
    const userId = (await t.store.users.findByLogin('saga_writer'))!.id;
    const seriesId = await t.store.series.create(userId, {
      title: 'Long Saga',
      summary: '',
      notes: '',
      complete: false,
    });
    for (let i = 1; i <= 23; i++) {
      const workId = await postWork(t.store, [writer.pseudId], { title: `Saga Part ${i}` });
      await t.store.series.addWork(seriesId, workId);
    }
    const guest = t.agent();
    const first = await guest.get(`/series/${seriesId}`);
    assert.match(visibleText(first.body), /Works: 23/);
    assert.equal(titles(first.body).length, 20);
    assert.equal(titles(first.body)[0], 'Saga Part 1');
    const second = await guest.get(`/series/${seriesId}?page=2`);
    assert.deepEqual(titles(second.body), ['Saga Part 21', 'Saga Part 22', 'Saga Part 23']);
    assert.match(visibleText(second.body), /Works: 23/);
  });
});

describeEachSearch('relationship filter in either order', (dialect, engine) => {
  let t: TestStore;
  beforeEach(async () => {
    t = await freshStore(dialect);
  });
  afterEach(() => t.dispose());

  async function find(search: WorkSearch, query: string): Promise<string[]> {
    const { filters, errors } = parseWorkFilters(readWorkFilterForm(Object.fromEntries(new URLSearchParams(query))));
    assert.deepEqual(errors, {});
    return (await search.search({ ...filters, sort: 'title' }, null)).works.map((w) => w.title);
  }

  it('finds a relationship named in any order, keeping romantic and platonic apart', async () => {
    const user = await t.store.users.create({ login: 'austen', email: 'a@example.org', passwordHash: 'h' });
    const pseud = (await t.store.pseuds.listForUser(user.id))[0].id;
    await postWork(t.store, [pseud], { title: 'Pride', relationships: 'Elizabeth Bennet/Fitzwilliam Darcy' });
    await postWork(t.store, [pseud], { title: 'Prejudice', relationships: 'Fitzwilliam Darcy/Elizabeth Bennet' });
    await postWork(t.store, [pseud], { title: 'Sisters', relationships: 'Jane Bennet & Elizabeth Bennet' });
    await postWork(t.store, [pseud], { title: 'Trio', relationships: 'Jane Bennet/Charles Bingley/Caroline Bingley' });
    await postWork(t.store, [pseud], { title: 'Friends', relationships: 'Elizabeth Bennet & Fitzwilliam Darcy' });
    const search = await WorkSearch.open(t.store, engine);

    const both = ['Prejudice', 'Pride'];
    assert.deepEqual(await find(search, 'include_relationship=Elizabeth Bennet/Fitzwilliam Darcy'), both);
    assert.deepEqual(await find(search, 'include_relationship=Fitzwilliam Darcy/Elizabeth Bennet'), both);
    assert.deepEqual(await find(search, 'include_relationship=fitzwilliam darcy / elizabeth bennet'), both);
    assert.deepEqual(await find(search, 'include_relationship=Elizabeth Bennet %26 Jane Bennet'), ['Sisters']);
    assert.deepEqual(await find(search, 'include_relationship=Fitzwilliam Darcy %26 Elizabeth Bennet'), ['Friends']);
    assert.deepEqual(
      await find(search, 'include_relationship=Caroline Bingley/Jane Bennet/Charles Bingley'),
      ['Trio'],
      'three characters in another order',
    );
    assert.deepEqual(
      await find(search, 'exclude_relationship=Fitzwilliam Darcy/Elizabeth Bennet'),
      ['Friends', 'Sisters', 'Trio'],
      'excluding one order excludes the other',
    );
    assert.deepEqual(
      await find(search, 'include_relationship=Elizabeth Bennet/Fitzwilliam Darcy&include_freeform=Storms'),
      both,
      'with another filter',
    );
  });
});

describeEachSearch('relationship filter over HTTP', (dialect, engine) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect, { searchEngine: engine });
  });
  afterEach(() => t.dispose());

  it('finds Elizabeth/Darcy when Darcy/Elizabeth is asked for, on /works and on a user list', async () => {
    const { pseudId } = await member(t, 'pemberley');
    await postWork(t.store, [pseudId], { title: 'Letters', relationships: 'Elizabeth/Darcy' });
    await postWork(t.store, [pseudId], { title: 'Balls', relationships: 'Darcy & Elizabeth' });
    const guest = t.agent();
    for (const path of ['/works', '/users/pemberley/works']) {
      const asked = await guest.get(`${path}?include_relationship=${encodeURIComponent('Darcy/Elizabeth')}`);
      assert.equal(asked.status, 200);
      assert.deepEqual(titles(asked.body), ['Letters'], path);
      assert.doesNotMatch(visibleText(asked.body), /There is no tag/);
      const platonic = await guest.get(`${path}?include_relationship=${encodeURIComponent('Elizabeth & Darcy')}`);
      assert.deepEqual(titles(platonic.body), ['Balls'], path);
    }
  });
});
