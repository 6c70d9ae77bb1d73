import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

describeEachDatabase('tag pages and wrangling over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let wrangler: Agent;
  let member: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
    wrangler = t.agent();
    await wrangler.signUp('wrangler');
    const user = await t.store.users.findByLogin('wrangler');
    await t.store.roles.grant(user!.id, 'wrangler');
    member = t.agent();
    await member.signUp('reader');
  });
  afterEach(() => t.dispose());

  const tagUrl = (name: string, rest = '') => `/tags/${encodeURIComponent(name)}${rest}`;

  it('lets only wranglers see the wrangling pages and take wrangling steps', async () => {
    await writer.postWork({ characters: 'Draco, Draco Malfoy' });
    const guest = t.agent();
    assert.equal((await guest.get(tagUrl('Draco', '/edit'))).status, 303);
    assert.equal((await member.get(tagUrl('Draco', '/edit'))).status, 403);
    assert.equal((await member.get('/wrangling')).status, 403);
    assert.equal(
      (await member.submit(tagUrl('Draco Malfoy', '/canonical?kind=character'), { canonical: '1' })).status,
      403,
    );
    assert.equal((await t.store.tags.named('Draco Malfoy'))[0].canonical, false, 'the refused step changed nothing');
    const edit = await wrangler.get(tagUrl('Draco', '/edit?kind=character'));
    assert.equal(edit.status, 200);
    assert.match(edit.body, /data-tag-canonical="1"/);
    assert.ok(!/Edit tag/.test((await member.get(tagUrl('Draco'))).body), 'no edit link for members');
    assert.match((await wrangler.get(tagUrl('Draco'))).body, /Edit tag/);
  });

  it('files a synonym under its canonical tag, whose page then lists its works, synonyms and parents', async () => {
    await writer.postWork({ title: 'Dragon Boy', fandoms: 'Harry Potter', characters: 'Draco' });
    await writer.postWork({ title: 'Full Name', fandoms: 'Harry Potter', characters: 'Draco Malfoy, Slytherins' });
    await writer.postWork({ title: 'Secret', characters: 'Draco Malfoy', visibility: 'draft' });
    const canonical = await wrangler.submit(tagUrl('Draco Malfoy', '/canonical?kind=character'), { canonical: '1' });
    assert.equal(canonical.status, 303);
    const refused = await wrangler.submit(tagUrl('Draco', '/synonym?kind=character'), { synonym: 'Harry Potter' });
    assert.equal(refused.status, 400);
    assert.match(visibleText(refused.body), /There is no character tag called “Harry Potter”/);
    assert.match(refused.body, /value="Harry Potter"/, 'what was typed is kept');
    assert.equal(
      (await wrangler.submit(tagUrl('Draco', '/synonym?kind=character'), { synonym: 'draco malfoy' })).status,
      303,
    );
    await wrangler.submit(tagUrl('Slytherins', '/canonical?kind=character'), { canonical: '1' });
    assert.equal(
      (
        await wrangler.submit(tagUrl('Draco Malfoy', '/parents?kind=character'), {
          parent_kind: 'character',
          parent: 'Slytherins',
        })
      ).status,
      303,
    );
    assert.equal(
      (
        await wrangler.submit(tagUrl('Draco Malfoy', '/parents?kind=character'), {
          parent_kind: 'fandom',
          fandom: 'Harry Potter',
        })
      ).status,
      303,
    );
    const loop = await wrangler.submit(tagUrl('Slytherins', '/parents?kind=character'), {
      parent_kind: 'character',
      parent: 'Draco Malfoy',
    });
    assert.equal(loop.status, 400);
    assert.match(visibleText(loop.body), /loop/);

    const page = visibleText((await t.agent().get(tagUrl('Draco Malfoy'))).body);
    assert.match(page, /Kind Character/);
    assert.match(page, /Status Canonical/);
    assert.match(page, /Synonyms Draco/);
    assert.match(page, /Fandoms Harry Potter/);
    assert.match(page, /Meta tags Slytherins/);
    assert.match(page, /Newest works \(2\)/);
    assert.match(page, /Dragon Boy/);
    assert.ok(!page.includes('Secret'));
    const synonymPage = visibleText((await t.agent().get(tagUrl('Draco'))).body);
    assert.match(synonymPage, /synonym of Draco Malfoy/);
    const meta = visibleText((await t.agent().get(tagUrl('Slytherins', '/works'))).body);
    assert.match(meta, /1–2 of 2 works in Slytherins/);
    assert.match(meta, /Dragon Boy/);
    const fandom = visibleText((await t.agent().get(tagUrl('Harry Potter'))).body);
    assert.match(fandom, /Characters Draco Malfoy/);
  });

  it('does not reveal a tag used only on drafts, on its page or its works listing', async () => {
    await writer.postWork({ freeforms: 'Secret Project', visibility: 'draft' });
    for (const path of ['', '/works']) {
      assert.equal((await t.agent().get(tagUrl('Secret Project', path))).status, 404);
      assert.equal((await member.get(tagUrl('Secret Project', path))).status, 404);
      assert.equal((await writer.get(tagUrl('Secret Project', path))).status, 200, 'the writer knows their own tag');
    }
    assert.equal((await wrangler.get(tagUrl('Secret Project'))).status, 200);
  });

  it('lists unwrangled tags per kind, most used first, and suggests the canonical relationship of the same people', async () => {
    await writer.postWork({
      characters: 'Hermione, Draco, Hermione Granger, Draco Malfoy',
      relationships: 'Draco Malfoy/Hermione Granger',
    });
    await writer.postWork({ relationships: 'Hermione/Draco', characters: 'Hermione' });
    const list = visibleText((await wrangler.get('/wrangling?kind=character')).body);
    assert.match(list, /Characters: 4 unwrangled/);
    assert.match(list, /Hermione 2 .*Draco 1/);
    for (const [short, full] of [
      ['Hermione', 'Hermione Granger'],
      ['Draco', 'Draco Malfoy'],
    ]) {
      await wrangler.submit(tagUrl(full, '/canonical?kind=character'), { canonical: '1' });
      await wrangler.submit(tagUrl(short, '/synonym?kind=character'), { synonym: full });
    }
    await wrangler.submit(tagUrl('Draco Malfoy/Hermione Granger', '/canonical?kind=relationship'), { canonical: '1' });
    const edit = await wrangler.get(tagUrl('Hermione/Draco', '/edit?kind=relationship'));
    assert.equal(edit.status, 200);
    assert.match(visibleText(edit.body), /Same people, already canonical Draco Malfoy\/Hermione Granger \(1 work\)/);
    const suggested = JSON.parse((await t.agent().get('/tags/suggest?kind=relationship&q=Hermione%2FDraco')).body) as {
      tags: { name: string }[];
    };
    assert.equal(suggested.tags[0].name, 'Draco Malfoy/Hermione Granger');
    assert.equal(
      (
        await wrangler.submit(tagUrl('Hermione/Draco', '/synonym?kind=relationship'), {
          synonym: 'Draco Malfoy/Hermione Granger',
        })
      ).status,
      303,
    );
    assert.match(
      visibleText((await t.agent().get(tagUrl('Draco Malfoy/Hermione Granger', '/works'))).body),
      /1–2 of 2 works/,
    );
  });
});

describeEachDatabase('muting and saved searches over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
    reader = t.agent();
    await reader.signUp('reader');
  });
  afterEach(() => t.dispose());

  it('answers a page number past any integer with the first page, not an error', async () => {
    await writer.postWork({ title: 'Only One', freeforms: 'Paging' });
    const response = await t.agent().get('/tags/Paging/works?page=99999999999999999999');
    assert.equal(response.status, 200);
    assert.match(visibleText(response.body), /Only One/);
  });

  it('hides works with a muted tag (and its synonyms) or by a muted user from lists, with right counts', async () => {
    const other = t.agent();
    await other.signUp('other');
    for (let i = 0; i < 3; i++) await writer.postWork({ title: `Fluff ${i}`, freeforms: 'Fluff' });
    await writer.postWork({ title: 'Sad One', freeforms: 'Fluff, Major Character Death' });
    await writer.postWork({ title: 'Sad Two', freeforms: 'Fluff, MCD' });
    await other.postWork({ title: 'Other Fluff', freeforms: 'Fluff' });
    const mcd = (await t.store.tags.named('Major Character Death'))[0];
    await t.store.tags.makeCanonical(mcd.id);
    await t.store.tags.makeSynonym((await t.store.tags.named('MCD'))[0].id, mcd.id);

    const tagPage = await reader.get('/tags/Major%20Character%20Death');
    assert.match(tagPage.body, /Mute <span class="visually-hidden">Major Character Death<\/span>/);
    assert.equal(
      (await reader.submit('/mutes', { kind: 'tag', id: String(mcd.id), return_to: '/tags/Major%20Character%20Death' }))
        .location,
      '/tags/Major%20Character%20Death',
    );
    const otherUser = await t.store.users.findByLogin('other');
    assert.match((await reader.get('/users/other')).body, /Mute <span class="visually-hidden">other<\/span>/);
    await reader.submit('/mutes', { kind: 'user', id: String(otherUser!.id), return_to: '/users/other' });

    const fluff = visibleText((await reader.get('/tags/Fluff/works')).body);
    assert.match(fluff, /1–3 of 3 works in Fluff/);
    assert.ok(!/Sad One|Sad Two|Other Fluff/.test(fluff));
    assert.match(
      visibleText((await t.agent().get('/tags/Fluff/works')).body),
      /1–6 of 6 works in Fluff/,
      'a guest sees every work',
    );
    const home = visibleText((await reader.get('/')).body);
    assert.ok(!/Sad One|Other Fluff/.test(home));
    assert.match(home, /Fluff 0/);

    const settings = visibleText((await reader.get('/account/muted')).body);
    assert.match(settings, /Muted tags Major Character Death \(Additional Tag\) Unmute/);
    assert.match(settings, /Muted users other Unmute/);
    await reader.submit('/mutes/delete', { kind: 'tag', id: String(mcd.id), return_to: '/account/muted' });
    assert.match(visibleText((await reader.get('/tags/Fluff/works')).body), /1–5 of 5 works in Fluff/);
    assert.equal((await reader.submit('/mutes', { kind: 'user', id: '999999', return_to: '/' })).status, 404);
    assert.equal(
      (await reader.submit('/mutes', { kind: 'user', id: String((await t.store.users.findByLogin('reader'))!.id) }))
        .status,
      400,
    );
    assert.equal(
      (await reader.submit('/mutes', { kind: 'tag', id: String(mcd.id), return_to: 'https://evil.example/' })).location,
      '/account/muted',
    );
  });

  it('saves searches from the works listing, lists them with links, and deletes only the owner’s', async () => {
    const guest = t.agent();
    assert.equal((await guest.submit('/saved-searches', { name: 'x', query: 'q=x' })).status, 303);
    const refused = await reader.submit('/saved-searches', { name: '', query: 'tag=Fluff' });
    assert.equal(refused.status, 400);
    assert.match(refused.body, /value="tag=Fluff"/);
    assert.equal(
      (await reader.submit('/saved-searches', { name: 'Long fluff', query: '/works?tag=Fluff&words_from=10000' }))
        .status,
      303,
    );
    const page = await reader.get('/account/saved-searches');
    assert.match(page.body, /href="\/works\?tag=Fluff&amp;words_from=10000">Long fluff<\/a>/);
    const search = (await t.store.savedSearches.listFor((await t.store.users.findByLogin('reader'))!.id))[0];
    assert.equal((await writer.submit(`/saved-searches/${search.id}/delete`, {})).status, 404);
    assert.equal((await reader.submit(`/saved-searches/${search.id}/delete`, {})).status, 303);
    assert.match(visibleText((await reader.get('/account/saved-searches')).body), /no saved searches yet/);
  });
});
