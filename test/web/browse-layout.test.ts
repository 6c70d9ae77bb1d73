import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';

/** The filter panel of a /works page: its opening tag and what its summary says. */
function panel(body: string): { open: boolean; summary: string } {
  const tag = /<details class="browse__panel"[^>]*>/.exec(body)?.[0];
  assert.ok(tag, 'the page has a "Sort and filter" panel');
  const summary = /<summary class="browse__toggle">([\s\S]*?)<\/summary>/.exec(body)?.[1] ?? '';
  return { open: /\sopen(=|\s|>)/.test(tag), summary: visibleText(summary) };
}

/** A section of the /search page by the id of its heading's section. */
function section(body: string, id: string): string | undefined {
  const match = new RegExp(`<section[^>]*id="${id}"[\\s\\S]*?</section>`).exec(body);
  return match ? visibleText(match[0]) : undefined;
}

describeEachDatabase('/works shows results first; the header search finds works', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('folds "Sort and filter" above the results, keeps tag counts after them, and opens the panel to fix a filter', async () => {
    const writer = t.agent();
    await writer.signUp('writer');
    await writer.postWork({ title: 'Harbour Lights', fandoms: 'Sherlock (TV)', freeforms: 'Fluff' });
    const page = await t.agent().get('/works');
    assert.equal(page.status, 200);
    const { open, summary } = panel(page.body);
    assert.equal(open, false, 'the panel is folded, so the results come first on a phone');
    assert.equal(summary, 'Sort and filter');
    const body = page.body;
    const [form, work, tags] = ['<form class="filters"', 'Harbour Lights', 'Tags in these results'].map((s) =>
      body.indexOf(s),
    );
    assert.ok(form > 0 && work > form && tags > work, 'panel (folded), then the results, then the tag counts');
    assert.match(visibleText(body), /Fluff \(1\) include exclude/, 'the tag counts stay');

    const filtered = await t.agent().get('/works?include_freeform=Fluff&exclude_freeform=Angst&sort=kudos');
    assert.equal(panel(filtered.body).open, false, 'filtering keeps the results first');
    assert.equal(panel(filtered.body).summary, 'Sort and filter , in use: Fluff · not Angst · sorted by kudos');

    const bad = await t.agent().get('/works?words_from=lots');
    assert.equal(bad.status, 400);
    assert.equal(panel(bad.body).open, true, 'a filter to fix opens the panel');
    assert.match(visibleText(bad.body), /Words from must be a whole number/);
    assert.match(bad.body, /value="lots"/);
  });

  it('the header search goes to /search, which finds a work by its title with pen names and tags alongside', async () => {
    const home = await t.agent().get('/');
    assert.match(home.body, /<form class="site-search" role="search" method="get" action="\/search">/);
    assert.match(home.body, /<input id="site-search-q" type="search" name="q"/);

    const reader = t.agent();
    await reader.signUp('lamp_reader');
    await reader.submit('/users/lamp_reader/pseuds', { name: 'Lighthouse Fan', description: 'Lamps.' });
    const writer = t.agent();
    await writer.signUp('harbor_keeper');
    await writer.postWork({
      title: 'The Lighthouse at Storm Point',
      fandoms: 'Lighthouse Tales',
      freeforms: 'Storms',
      body: 'word '.repeat(30),
    });
    await writer.postWork({ title: 'Calm Waters', fandoms: 'Original Work', body: 'Nothing to see.' });

    const found = await t.agent().get('/search?q=lighthouse');
    assert.equal(found.status, 200);
    const works = section(found.body, 'found-works')!;
    assert.match(works, /^1 work found/);
    assert.match(works, /The Lighthouse at Storm Point by harbor_keeper/);
    assert.doesNotMatch(works, /Calm Waters/);
    assert.match(section(found.body, 'found-pseuds')!, /1 pen name found Lighthouse Fan \(lamp_reader\)/);
    assert.match(section(found.body, 'found-tags')!, /1 tag found Fandoms Lighthouse Tales \(1 work\)/);
    assert.match(found.body, /href="\/works\?q=lighthouse"/, 'a link to sort and filter the works found');
    assert.match(found.body, /<input id="site-search-q" type="search" name="q" value="lighthouse"/);

    const byTitle = visibleText((await t.agent().get('/search?q=%22storm+point%22')).body);
    assert.match(byTitle, /1 work found .*The Lighthouse at Storm Point/);

    const ranged = await t.agent().get('/search?q=lighthouse+words>100');
    assert.match(section(ranged.body, 'found-works')!, /No works match “lighthouse words>100”/);
    assert.match(
      section(ranged.body, 'found-tags')!,
      /Lighthouse Tales/,
      'names and tags are matched by the words alone',
    );

    const person = await t.agent().get('/search?q=lamp');
    assert.match(section(person.body, 'found-works')!, /No works match “lamp”/);
    assert.match(section(person.body, 'found-pseuds')!, /2 pen names found/, 'people search stays reachable');
  });

  it('finds for each reader only the works and tags they may see', async () => {
    const writer = t.agent();
    await writer.signUp('writer');
    await writer.postWork({ title: 'Open Beacon', freeforms: 'Public Beacon' });
    await writer.postWork({ title: 'Members Beacon', freeforms: 'Member Beacon', visibility: 'registered' });
    await writer.postWork({ title: 'Draft Beacon', freeforms: 'Secret Beacon', visibility: 'draft' });

    const guest = await t.agent().get('/search?q=beacon');
    assert.match(section(guest.body, 'found-works')!, /^1 work found .*Open Beacon/);
    const guestTags = section(guest.body, 'found-tags')!;
    assert.match(guestTags, /Public Beacon/);
    assert.doesNotMatch(guestTags, /Member Beacon|Secret Beacon/);
    assert.doesNotMatch(visibleText(guest.body), /Members Beacon|Draft Beacon/);

    const reader = t.agent();
    await reader.signUp('reader');
    const member = await reader.get('/search?q=beacon');
    assert.match(section(member.body, 'found-works')!, /^2 works found/);
    assert.match(section(member.body, 'found-tags')!, /Member Beacon/);
    assert.doesNotMatch(visibleText(member.body), /Draft Beacon|Secret Beacon/);
  });

  it('answers a query it cannot read with 400, the message and the query as typed', async () => {
    const response = await t.agent().get('/search?q=%22angst%22+kudos>many');
    assert.equal(response.status, 400);
    const text = visibleText(response.body);
    assert.match(text, /There is a problem .*needs a number after kudos/);
    assert.match(response.body, /<input id="field-q" type="search" name="q" value="&quot;angst&quot; kudos>many"/);
    const empty = await t.agent().get('/search?q=+');
    assert.equal(empty.status, 200);
    assert.doesNotMatch(visibleText(empty.body), /found|No works match/);
  });
});
