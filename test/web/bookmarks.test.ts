import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { assertHarmless, XSS_PAYLOADS } from '../support/xss.ts';

describeEachDatabase('bookmarks over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  let stranger: Agent;
  let guest: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('quay_writer');
    reader = t.agent();
    await reader.signUp('quay_reader');
    stranger = t.agent();
    await stranger.signUp('quay_stranger');
    guest = t.agent();
  });
  afterEach(() => t.dispose());

  const idOf = (path: string) => path.split('/').pop()!;
  /** The pen name the bookmark form offers (following "bookmark again" to the edit form). */
  const pseudOf = async (agent: Agent, work: string) => {
    let form = await agent.get(`/bookmarks/new?work=${idOf(work)}`);
    if (form.status === 303) form = await agent.get(form.location!);
    return /name="pseudId" value="(\d+)"/.exec(form.body)![1];
  };
  /** The bookmark list on a page, without the flash message above it. */
  const listOn = async (agent: Agent, url: string) => {
    const body = (await agent.get(url)).body;
    return visibleText(body.slice(body.indexOf('<h1')));
  };
  const bookmark = async (agent: Agent, work: string, fields: Record<string, string> = {}) =>
    agent.submit('/bookmarks', {
      kind: 'work',
      id: idOf(work),
      pseudId: await pseudOf(agent, work),
      notes: '',
      tags: '',
      ...fields,
    });
  const statOf = async (work: string) =>
    /Bookmarks:\s*(\d+)/.exec(visibleText((await guest.get(work)).body))?.[1] ?? '0';

  it('a reader bookmarks a work as a rec with notes and tags; everyone sees it on the work’s bookmarks; the count follows edits and delete', async () => {
    const work = await writer.postWork({ title: 'Harbour Lights' });
    assert.match(visibleText((await reader.get(work)).body), /Bookmark this work/);
    assert.doesNotMatch(visibleText((await guest.get(work)).body), /Bookmark this work/, 'guests get no button');
    const created = await bookmark(reader, work, {
      notes: 'A *quiet* one.\n\nRead it twice.',
      tags: 'Comfort Read, Slow Burn',
      rec: '1',
    });
    assert.equal(created.status, 303);
    assert.equal(created.location, '/users/quay_reader/bookmarks');
    const mine = await listOn(reader, '/users/quay_reader/bookmarks');
    assert.match(mine, /Harbour Lights by quay_writer/);
    assert.match(mine, /Recommended/);
    assert.match(mine, /Comfort Read.*Slow Burn/);
    assert.match(mine, /Read it twice\./);
    assert.equal(await statOf(work), '1');
    const workPage = await guest.get(work);
    assert.ok(workPage.body.includes(`href="${work}/bookmarks"`), 'the stat links to the work’s bookmarks');
    assert.match(
      visibleText((await guest.get(`${work}/bookmarks`)).body),
      /Bookmarked by quay_reader .*Recommended.*Read it twice\./,
    );

    // Bookmarking again opens the edit form; saving keeps one bookmark.
    const again = await reader.get(`/bookmarks/new?work=${idOf(work)}`);
    assert.equal(again.status, 303);
    assert.match(again.location!, /^\/bookmarks\/\d+\/edit$/);
    const edit = await reader.get(again.location!);
    assert.match(visibleText(edit.body), /Edit your bookmark of Harbour Lights/);
    const bookmarkId = /\/bookmarks\/(\d+)\/edit/.exec(again.location!)![1];
    assert.equal((await bookmark(reader, work, { notes: 'Now private.', private: '1' })).status, 303);
    assert.equal(await statOf(work), '0');
    assert.doesNotMatch(visibleText((await guest.get(`${work}/bookmarks`)).body), /quay_reader/);
    assert.doesNotMatch(
      await listOn(stranger, '/users/quay_reader/bookmarks'),
      /Harbour Lights/,
      'a private bookmark is hidden from others',
    );
    assert.doesNotMatch(await listOn(guest, '/users/quay_reader/bookmarks'), /Harbour Lights/, 'and from guests');
    assert.match(await listOn(reader, '/users/quay_reader/bookmarks'), /Harbour Lights.*Private/);
    assert.equal(
      (await reader.submit(`/bookmarks/${bookmarkId}`, { pseudId: await pseudOf(stranger, work), notes: 'x' })).status,
      422,
      'only one’s own pen names',
    );
    assert.equal(
      (
        await reader.submit(`/bookmarks/${bookmarkId}`, {
          pseudId: /name="pseudId" value="(\d+)"/.exec(edit.body)![1],
          notes: 'Public again.',
        })
      ).status,
      303,
    );
    assert.equal(await statOf(work), '1');

    assert.equal((await stranger.get(`/bookmarks/${bookmarkId}/edit`)).status, 404, 'nobody edits another’s bookmark');
    assert.equal((await stranger.submit(`/bookmarks/${bookmarkId}/delete`, {})).status, 404);
    assert.equal(await statOf(work), '1');
    assert.equal(
      (await reader.request('POST', `/bookmarks/${bookmarkId}/delete`, {})).status,
      403,
      'deleting needs the CSRF token',
    );
    assert.equal((await reader.submit(`/bookmarks/${bookmarkId}/delete`, {})).status, 303);
    assert.equal(await statOf(work), '0');
    assert.match(await listOn(reader, '/users/quay_reader/bookmarks'), /No bookmarks yet/);
  });

  it('hides bookmarks of drafts and registered-only works from those who may not read them', async () => {
    const members = await writer.postWork({ title: 'Members Only Tide', visibility: 'registered' });
    const soon = await writer.postWork({ title: 'Soon To Be Draft' });
    await bookmark(reader, members, { notes: 'For members.' });
    await bookmark(reader, soon, { notes: 'Before it went.' });
    await writer.submit(`${soon}`, {
      title: 'Soon To Be Draft',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      creatorPseudIds: await writer.defaultPseudId(),
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'draft',
      commentPolicy: 'everyone',
    });
    const forGuests = await listOn(guest, '/users/quay_reader/bookmarks');
    assert.doesNotMatch(forGuests, /Members Only Tide/);
    assert.doesNotMatch(forGuests, /Soon To Be Draft/);
    const forMembers = await listOn(stranger, '/users/quay_reader/bookmarks');
    assert.match(forMembers, /Members Only Tide/);
    assert.doesNotMatch(forMembers, /Soon To Be Draft/, 'a draft is hidden even from the bookmarker');
    assert.doesNotMatch(await listOn(reader, '/users/quay_reader/bookmarks'), /Soon To Be Draft/);
    assert.equal((await guest.get(`${members}/bookmarks`)).status, 404);
    assert.equal((await stranger.get(`${soon}/bookmarks`)).status, 404);
    assert.equal(
      (await stranger.get(`/bookmarks/new?work=${idOf(soon)}`)).status,
      404,
      'nobody bookmarks what they may not read',
    );
    assert.equal(
      (await stranger.submit('/bookmarks', { kind: 'work', id: idOf(soon), notes: '', tags: '' })).status,
      404,
    );
    assert.equal((await guest.get(`/bookmarks/new?work=${idOf(members)}`)).status, 303, 'guests are sent to log in');
  });

  it('rejects over-long notes and too many tags with a message, and makes hostile notes harmless', async () => {
    const work = await writer.postWork({ title: 'Sea Glass' });
    const long = await bookmark(reader, work, { notes: 'x'.repeat(5_001) });
    assert.equal(long.status, 422);
    assert.match(visibleText(long.body), /Notes is 5,001 characters; the limit is 5,000\. Shorten it by 1\./);
    const many = await bookmark(reader, work, { tags: Array.from({ length: 76 }, (_, i) => `tag ${i}`).join(', ') });
    assert.equal(many.status, 422);
    assert.match(visibleText(many.body), /at most 75 tags/);
    assert.equal(await statOf(work), '0', 'a rejected bookmark leaves nothing behind');
    assert.equal(
      (await bookmark(reader, work, { notes: XSS_PAYLOADS.join('\n\n'), tags: '<script>alert(1)</script>' })).status,
      303,
    );
    for (const [who, url] of [
      [reader, '/users/quay_reader/bookmarks'],
      [guest, `${work}/bookmarks`],
    ] as const) {
      const page = await who.get(url);
      // The list itself: the page around it has its own filter form.
      const start = page.body.indexOf('<ol class="bookmark-list"');
      assert.ok(start > 0, `${url} lists the bookmark`);
      assertHarmless(page.body.slice(start, page.body.indexOf('</ol>', start)), url);
    }
  });

  it('bookmarks a series from its page', async () => {
    const work = await writer.postWork({ title: 'Part One', newSeriesTitle: 'The Coast' });
    const seriesPath = /href="(\/series\/\d+)"/.exec((await reader.get(work)).body)![1];
    const page = await reader.get(seriesPath);
    assert.match(visibleText(page.body), /Bookmark this series/);
    const seriesId = idOf(seriesPath);
    const form = await reader.get(`/bookmarks/new?series=${seriesId}`);
    const pseudId = /name="pseudId" value="(\d+)"/.exec(form.body)![1];
    assert.equal(
      (await reader.submit('/bookmarks', { kind: 'series', id: seriesId, pseudId, notes: 'Whole coast.', tags: '' }))
        .status,
      303,
    );
    assert.match(await listOn(guest, '/users/quay_reader/bookmarks'), /Series: The Coast.*Whole coast\./);
    assert.match(visibleText((await reader.get(seriesPath)).body), /Edit bookmark/);
  });
});
