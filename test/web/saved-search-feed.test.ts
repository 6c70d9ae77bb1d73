import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachSearch } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { assertValidAtom, linkOf } from '../support/feeds.ts';

function decode(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** The value of a named field inside the "Save this search" form of a /works page. */
function saveFormField(body: string, name: string): string {
  const form = /<form class="save-search"[\s\S]*?<\/form>/.exec(body)?.[0];
  assert.ok(form, 'the works listing offers "Save this search"');
  const input = new RegExp(`<input[^>]*name="${name}"[^>]*>`).exec(form)?.[0];
  assert.ok(input, `the save form has a ${name} field`);
  return decode(/value="([^"]*)"/.exec(input)![1]);
}

describeEachSearch('saving a /works search and following its Atom feed', (dialect, engine) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect, { searchEngine: engine });
    writer = t.agent();
    await writer.signUp('feed_keeper');
    reader = t.agent();
    await reader.signUp('saver');
  });
  afterEach(() => t.dispose());

  it('saves the search shown with a summarised name, and its feed lists what a guest sees less the owner’s mutes', async () => {
    await writer.postWork({ title: 'Dragon Fluff', freeforms: 'Fluff' });
    await writer.postWork({ title: 'Members Fluff', freeforms: 'Fluff', visibility: 'registered' });
    await writer.postWork({ title: 'Sad Fluff', freeforms: 'Fluff, Angst' });
    await writer.postWork({ title: 'Plain Angst', freeforms: 'Angst' });
    const angst = (await t.store.tags.named('Angst'))[0];
    await reader.submit('/mutes', { kind: 'tag', id: String(angst.id), return_to: '/' });

    const listing = await reader.get('/works?include_freeform=Fluff&complete=yes&sort=title');
    assert.equal(listing.status, 200);
    assert.match(visibleText(listing.body), /Dragon Fluff/);
    const name = saveFormField(listing.body, 'name');
    const query = saveFormField(listing.body, 'query');
    assert.equal(name, 'Fluff · complete');
    assert.equal(query, 'include_freeform=Fluff&complete=yes&sort=title');
    const saved = await reader.submit('/saved-searches', { name, query });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, '/account/saved-searches');

    const page = await reader.get('/account/saved-searches');
    assert.match(visibleText(page.body), /Fluff · complete/);
    const [search] = await t.store.savedSearches.listFor((await t.store.users.findByLogin('saver'))!.id);
    assert.equal(search.query, query);
    const feedUrl = `/saved-searches/${search.feedToken}/feed.atom`;
    assert.ok(page.body.includes(`href="${feedUrl}"`), 'the saved searches page links the feed');
    assert.ok(page.body.includes(`href="/works?${query.replace(/&/g, '&amp;')}"`), 'and the search itself');

    // A feed reader has no session: the token alone opens the feed.
    const response = await t.agent().get(feedUrl);
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /application\/atom\+xml/);
    const feed = assertValidAtom(response.body);
    assert.deepEqual(feed.entries, ['Dragon Fluff'], 'public works only, without the owner’s muted Angst');
    assert.match(feed.feedTitle ?? '', /Saved search: Fluff · complete/);
    assert.equal(linkOf(feed.xml.links, 'self')?.href, `http://localhost${feedUrl}`);
    assert.equal(linkOf(feed.xml.links, 'alternate')?.href, `http://localhost/works?${query}`);

    // Unmuting changes the feed; the writer's new public work appears first.
    await reader.submit('/mutes/delete', { kind: 'tag', id: String(angst.id), return_to: '/' });
    await writer.postWork({ title: 'Newer Fluff', freeforms: 'Fluff' });
    assert.deepEqual(assertValidAtom((await t.agent().get(feedUrl)).body).entries, [
      'Newer Fluff',
      'Sad Fluff',
      'Dragon Fluff',
    ]);
  });

  it('answers a wrong or deleted token with 404', async () => {
    assert.equal((await t.agent().get('/saved-searches/not-a-token/feed.atom')).status, 404);
    await reader.submit('/saved-searches', { name: 'All', query: 'sort=kudos' });
    const [search] = await t.store.savedSearches.listFor((await t.store.users.findByLogin('saver'))!.id);
    assert.equal((await t.agent().get(`/saved-searches/${search.feedToken}/feed.atom`)).status, 200);
    await reader.submit(`/saved-searches/${search.id}/delete`, {});
    assert.equal((await t.agent().get(`/saved-searches/${search.feedToken}/feed.atom`)).status, 404);
  });
});
