import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type Response, type TestApp } from '../support/http.ts';
import { callApi, createToken, newWork, OpenApiChecker } from '../support/api.ts';

const NOINDEX = 'noindex, noai, noimageai';

/** The robots meta tag of a page, if it has one. */
function robotsMeta(html: string): string | undefined {
  return /<meta name="robots" content="([^"]*)"/.exec(html)?.[1];
}

function assertAsksNotToIndex(response: Response, what: string): void {
  assert.equal(response.status, 200, `${what} answers`);
  assert.equal(response.headers['x-robots-tag'], NOINDEX, `${what} has the X-Robots-Tag header`);
  if (String(response.headers['content-type']).startsWith('text/html'))
    assert.equal(robotsMeta(response.body), NOINDEX, `${what} has the robots meta tag`);
}

function assertIndexable(response: Response, what: string): void {
  assert.equal(response.status, 200, `${what} answers`);
  assert.doesNotMatch(String(response.headers['x-robots-tag'] ?? ''), /noai/, `${what} has no noai header`);
  assert.equal(robotsMeta(response.body), undefined, `${what} has no robots meta tag`);
}

/**
 * Parses a sitemap or sitemap index with Python's strict XML parser (expat), checking the root
 * element and namespace; returns each entry's loc and lastmod.
 */
function parseSitemap(xml: string, root: 'urlset' | 'sitemapindex'): { loc: string; lastmod: string | null }[] {
  const script = `
import sys, json, xml.etree.ElementTree as ET
NS = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
doc = ET.fromstring(sys.stdin.buffer.read())
if doc.tag != NS + sys.argv[1]:
    sys.exit('root element is ' + doc.tag)
out = []
for entry in doc:
    loc = entry.find(NS + 'loc')
    lastmod = entry.find(NS + 'lastmod')
    out.append({'loc': loc.text if loc is not None else None, 'lastmod': lastmod.text if lastmod is not None else None})
print(json.dumps(out))
`;
  const run = spawnSync('python3', ['-c', script, root], { input: xml, encoding: 'utf8' });
  assert.equal(run.status, 0, `the ${root} is well-formed XML: ${run.stderr}`);
  return JSON.parse(run.stdout) as { loc: string; lastmod: string | null }[];
}

/** Every address the sitemap lists, following its index to each page, as paths. */
async function sitemapPaths(agent: Agent): Promise<string[]> {
  const index = await agent.get('/sitemap.xml');
  assert.equal(index.status, 200);
  assert.match(String(index.headers['content-type']), /^application\/xml/);
  const paths: string[] = [];
  for (const page of parseSitemap(index.body, 'sitemapindex')) {
    const url = new URL(page.loc);
    const response = await agent.get(url.pathname);
    assert.equal(response.status, 200, `${url.pathname} answers`);
    for (const entry of parseSitemap(response.body, 'urlset')) {
      assert.match(entry.lastmod ?? '', /^\d{4}-\d{2}-\d{2}T/, `${entry.loc} has a lastmod`);
      paths.push(new URL(entry.loc).pathname);
    }
  }
  return paths;
}

describeEachDatabase('crawlers: robots.txt, "do not index" and the sitemap', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  async function member(login: string, role?: 'admin' | 'moderator'): Promise<Agent> {
    const agent = t.agent();
    await agent.signUp(login);
    if (role) await t.store.roles.grant((await t.store.users.findByLogin(login))!.id, role);
    return agent;
  }

  function idOf(path: string): number {
    return Number(path.split('/').at(-1));
  }

  it('serves a robots.txt that turns AI crawlers away by default, and admins alone change the list', async () => {
    const robots = await t.agent().get('/robots.txt');
    assert.equal(robots.status, 200);
    assert.match(String(robots.headers['content-type']), /^text\/plain/);
    assert.match(String(robots.headers['cache-control']), /public, max-age=\d+/);
    assert.match(robots.body, /^User-agent: GPTBot$/m);
    assert.match(robots.body, /^User-agent: CCBot$/m);
    assert.match(robots.body, /^User-agent: ClaudeBot$/m);
    assert.match(robots.body, /User-agent: YouBot\nDisallow: \/\n/);
    // Every crawler keeps off accounts, staff pages and searches, and is told where the sitemap is.
    assert.match(robots.body, /User-agent: \*\n(Disallow: .*\n)*Disallow: \/account\n/);
    assert.match(robots.body, /^Disallow: \/admin$/m);
    assert.match(robots.body, /^Disallow: \/search$/m);
    assert.match(robots.body, /^Sitemap: http:\/\/[^/]+\/sitemap\.xml$/m);

    const admin = await member('robots_admin', 'admin');
    const settings = await admin.get('/admin/settings');
    assert.equal(settings.status, 200);
    assert.match(visibleText(settings.body), /Crawlers turned away/);
    assert.match(settings.body, /<textarea[^>]*name="crawlers"[^>]*>[^<]*GPTBot/);

    // A line that is not a crawler's name is refused, with what was typed kept.
    const refused = await admin.submit('/admin/settings/crawlers', { crawlers: 'ExampleBot\nEvil: /\nAllow: /' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /Line 2 \(“Evil: \/”\) is not a crawler's name/);
    assert.match(refused.body, /ExampleBot\nEvil: \/\nAllow: \//);
    assert.match((await t.agent().get('/robots.txt')).body, /^User-agent: GPTBot$/m);

    const saved = await admin.submit('/admin/settings/crawlers', { crawlers: 'ExampleBot\r\n\r\nSlow-Reader/2.0\n' });
    assert.equal(saved.status, 303);
    const changed = (await t.agent().get('/robots.txt')).body;
    assert.match(changed, /User-agent: ExampleBot\nUser-agent: Slow-Reader\/2\.0\nDisallow: \/\n/);
    assert.doesNotMatch(changed, /GPTBot/);
    assert.match(changed, /^Sitemap: /m);

    // A member who is not an admin cannot change it; nor can a guest.
    const writer = await member('robots_member');
    const denied = await writer.submit('/admin/settings/crawlers', { crawlers: 'Nobody' });
    assert.equal(denied.status, 403);
    const guest = await t.agent().submit('/admin/settings/crawlers', { crawlers: 'Nobody' });
    assert.ok(guest.status === 303 || guest.status === 403, `a guest is refused (${guest.status})`);
    assert.doesNotMatch(visibleText((await writer.get('/admin/settings')).body), /Crawlers turned away/);
    const after = (await t.agent().get('/robots.txt')).body;
    assert.match(after, /User-agent: ExampleBot/);
    assert.doesNotMatch(after, /Nobody/);

    // An empty list turns no crawler away, and every crawler still keeps off the private paths.
    await admin.submit('/admin/settings/crawlers', { crawlers: '' });
    const open = (await t.agent().get('/robots.txt')).body;
    assert.doesNotMatch(open, /ExampleBot/);
    assert.match(open, /^User-agent: \*$/m);
  });

  it('marks every page and download of a work that asks not to be indexed, and none of the others', async () => {
    const writer = await member('quiet_writer');
    const quiet = await writer.postWork({
      title: 'Quiet Harbour',
      noindex: '1',
      body: 'Fog over the pier.',
      newSeriesTitle: 'Harbour Tales',
    });
    const open = await writer.postWork({ title: 'Open Harbour', body: 'Sun over the pier.' });
    const quietId = idOf(quiet);
    const chapterId = (await t.store.works.find(quietId))!.chapters[0].id;

    const guest = t.agent();
    assertAsksNotToIndex(await guest.get(quiet), 'the work page');
    // A second guest visit is answered from the kept page: it says so too.
    assertAsksNotToIndex(await t.agent().get(quiet), 'the kept work page');
    assertAsksNotToIndex(await guest.get(`/works/${quietId}/chapters/${chapterId}`), 'the chapter page');
    assertAsksNotToIndex(await guest.get(`/works/${quietId}?view_full_work=true`), 'the whole work');
    assertAsksNotToIndex(await guest.get(`/works/${quietId}/navigate`), 'the chapter index');
    assertAsksNotToIndex(await guest.get(`/works/${quietId}/bookmarks`), 'the bookmarks of the work');
    const epub = await guest.get(`/downloads/${quietId}/quiet-harbour.epub`);
    assertAsksNotToIndex(epub, 'the EPUB download');
    assert.match(String(epub.headers['content-type']), /epub/);
    const html = await guest.get(`/downloads/${quietId}/quiet-harbour.html`);
    assertAsksNotToIndex(html, 'the HTML download');
    assertAsksNotToIndex(await guest.get(`/downloads/${quietId}/quiet-harbour.txt`), 'the text download');
    // A series holding it carries its text, so the series download says so too.
    const seriesId = /href="\/series\/(\d+)"/.exec((await guest.get(quiet)).body)?.[1];
    assert.ok(seriesId, 'the work page links to its series');
    assertAsksNotToIndex(await guest.get(`/downloads/series/${seriesId}/harbour-tales.html`), 'the series download');
    // A member reading it sees the same.
    assertAsksNotToIndex(await (await member('harbour_reader')).get(quiet), 'the work page for a member');

    assertIndexable(await guest.get(open), 'the other work');
    assertIndexable(await guest.get(`/downloads/${idOf(open)}/open-harbour.epub`), 'the other work’s EPUB');
    // The writer's own pages are not opted out by one work's choice.
    assertIndexable(await guest.get('/users/quiet_writer'), 'the writer’s user page');

    // The edit form shows the choice; taking it back leaves the work indexable.
    const edit = await writer.get(`${quiet}/edit`);
    assert.match(edit.body, /<input type="checkbox" id="field-noindex-1" name="noindex" value="1" checked/);
    assert.match(visibleText(edit.body), /Ask search engines and AI crawlers not to index this/);
    const form = await writer.get(`${open}/edit`);
    assert.doesNotMatch(form.body, /name="noindex" value="1" checked/);
    const saved = await writer.submit(quiet, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Quiet Harbour',
      creatorPseudIds: await writer.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    assertIndexable(await t.agent().get(quiet), 'the work once the choice is taken back');
    // A work that is not there says nothing either way.
    const missing = await t.agent().get('/works/999999');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers['x-robots-tag'], undefined);
  });

  it('takes the choice from API clients too, and keeps it when a change leaves it out', async () => {
    const writer = await member('api_writer');
    const token = await createToken(writer);
    const checker = new OpenApiChecker(JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body));
    const created = await callApi(t.app, checker, 'POST', '/api/v1/works', {
      token,
      body: newWork({ title: 'Scripted Shore', noindex: true }),
    });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const path = `/works/${created.json.id}`;
    assertAsksNotToIndex(await t.agent().get(path), 'a work posted through the API');
    const renamed = await callApi(t.app, checker, 'PATCH', path.replace('/works', '/api/v1/works'), {
      token,
      body: { title: 'Scripted Coast' },
    });
    assert.equal(renamed.status, 200);
    assertAsksNotToIndex(await t.agent().get(path), 'the work after a change that leaves the choice out');
    const refused = await callApi(t.app, checker, 'PATCH', path.replace('/works', '/api/v1/works'), {
      token,
      body: { noindex: 'yes' },
    });
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.json), /noindex must be true or false/);
    const undone = await callApi(t.app, checker, 'PATCH', path.replace('/works', '/api/v1/works'), {
      token,
      body: { noindex: false },
    });
    assert.equal(undone.status, 200);
    assertIndexable(await t.agent().get(path), 'the work once the API takes the choice back');
  });

  it('applies an account-wide choice to all the member’s works and their user and pen name pages', async () => {
    const writer = await member('shy_writer');
    const work = await writer.postWork({ title: 'Lighthouse Keeping', body: 'The lamp turned all night.' });
    const other = await member('loud_writer');
    const otherWork = await other.postWork({ title: 'Foghorn Songs', body: 'Boom. Boom.' });

    const account = await writer.get('/account');
    assert.match(visibleText(account.body), /Search engines and AI crawlers/);
    assert.doesNotMatch(account.body, /id="field-noindex" name="noindex" value="1" checked/);
    assertIndexable(await t.agent().get(work), 'the work before the choice');
    assertIndexable(await t.agent().get('/users/shy_writer'), 'the user page before the choice');

    const chosen = await writer.submit('/account/crawlers', { noindex: '1' });
    assert.equal(chosen.status, 303);
    assert.equal(chosen.location, '/account');
    const shown = await writer.get('/account');
    assert.match(shown.body, /id="field-noindex" name="noindex" value="1" checked/);
    assert.match(visibleText(shown.body), /now asked not to index your works and pages/);

    const guest = t.agent();
    assertAsksNotToIndex(await guest.get(work), 'the work page');
    assertAsksNotToIndex(await guest.get(`/downloads/${idOf(work)}/lighthouse-keeping.html`), 'its HTML download');
    assertAsksNotToIndex(await guest.get(`/downloads/${idOf(work)}/lighthouse-keeping.epub`), 'its EPUB download');
    assertAsksNotToIndex(await guest.get('/users/shy_writer'), 'the user page');
    assertAsksNotToIndex(await guest.get('/users/shy_writer/works'), 'the list of their works');
    assertAsksNotToIndex(await guest.get('/users/shy_writer/pseuds/shy_writer'), 'the pen name page');
    // A work posted after the choice follows it too.
    const later = await writer.postWork({ title: 'Second Watch', body: 'The lamp again.' });
    assertAsksNotToIndex(await t.agent().get(later), 'a work posted later');
    // Other members are untouched.
    assertIndexable(await guest.get(otherWork), 'another member’s work');
    assertIndexable(await guest.get('/users/loud_writer'), 'another member’s page');

    const undone = await writer.submit('/account/crawlers', {});
    assert.equal(undone.status, 303);
    assertIndexable(await t.agent().get(work), 'the work once the choice is taken back');
    assertIndexable(await t.agent().get('/users/shy_writer'), 'the user page once the choice is taken back');

    // Only a member has the choice.
    const guestChoice = await t.agent().submit('/account/crawlers', { noindex: '1' });
    assert.notEqual(guestChoice.status, 200);
    assert.notEqual(guestChoice.location, '/account');
  });

  it('lists public works and their writers in a sitemap, and leaves out every work that must not be indexed', async () => {
    const writer = await member('map_writer');
    const published = await writer.postWork({ title: 'Charted Waters' });
    const draft = await writer.postWork({ title: 'Unsent Letter', action: 'draft' });
    const registered = await writer.postWork({ title: 'Members Cove', visibility: 'registered' });
    const optedOut = await writer.postWork({ title: 'Hidden Reef', noindex: '1' });
    const scheduled = await writer.postWork({ title: 'Tomorrow Tide', publishAt: '2099-06-01 12:00' });
    const hidden = await writer.postWork({ title: 'Pirated Map' });
    const mod = await member('map_moderator', 'moderator');
    const hide = await mod.submit(`/admin/moderate/work/${idOf(hidden)}/hide`, { reason: 'Copied.' });
    assert.equal(hide.status, 303);

    const shy = await member('map_shy');
    const byShy = await shy.postWork({ title: 'Private Lagoon' });
    assert.equal((await shy.submit('/account/crawlers', { noindex: '1' })).status, 303);
    // A work with a co-creator who opted out is left out too.
    const lurker = await member('map_lurker');
    await lurker.postWork({ title: 'Lurker Draft', action: 'draft' });

    const paths = await sitemapPaths(t.agent());
    assert.ok(paths.includes(published), `the public work ${published} is listed: ${paths.join(' ')}`);
    for (const [path, what] of [
      [draft, 'a draft'],
      [registered, 'a work for registered users only'],
      [optedOut, 'a work that asked not to be indexed'],
      [scheduled, 'a work scheduled for later'],
      [hidden, 'a work hidden by moderators'],
      [byShy, 'a work by a member who asked not to be indexed'],
    ])
      assert.ok(!paths.includes(path), `${what} (${path}) is not listed`);
    // Writers with a listed work are there; one who opted out, or has nothing public, is not.
    assert.ok(paths.includes('/users/map_writer'));
    assert.ok(!paths.includes('/users/map_shy'));
    assert.ok(!paths.includes('/users/map_lurker'));
    assert.ok(!paths.includes('/users/map_moderator'));
    assert.equal(new Set(paths).size, paths.length, 'no address is listed twice');

    // Unhidden and shared, the works come back.
    await mod.submit(`/admin/moderate/work/${idOf(hidden)}/unhide`, { reason: 'Credit added.' });
    assert.equal((await shy.submit('/account/crawlers', {})).status, 303);
    const again = await sitemapPaths(t.agent());
    assert.ok(again.includes(hidden));
    assert.ok(again.includes(byShy));
    assert.ok(again.includes('/users/map_shy'));

    // Pages that do not exist are 404s, not errors.
    for (const path of ['/sitemaps/works-0.xml', '/sitemaps/works-999.xml', '/sitemaps/other-1.xml', '/sitemaps/x'])
      assert.equal((await t.agent().get(path)).status, 404, path);
  });
});
