import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

const paragraphs = (label: string, n = 20) =>
  Array.from({ length: n }, (_, i) => `${label} paragraph ${i + 1} of the text.`).join('\n\n');

describeEachDatabase('reading that picks up where you left off', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('quill_writer');
    reader = t.agent();
    await reader.signUp('quill_reader');
  });
  afterEach(() => t.dispose());

  const id = (path: string) => path.split('/').pop()!;

  /** A work of `chapters` chapters; returns its address and its chapters' addresses, in order. */
  async function postWork(title: string, chapters: number): Promise<{ work: string; chapters: string[] }> {
    const work = await writer.postWork({ title, body: paragraphs(`${title} 1`), expectedChapters: '' });
    for (let i = 2; i <= chapters; i++) {
      const added = await writer.submit(`${work}/chapters`, {
        chapterTitle: `Part ${i}`,
        body: paragraphs(`${title} ${i}`),
      });
      assert.equal(added.status, 303);
    }
    const index = (await writer.get(`${work}/navigate`)).body;
    const found = [...index.matchAll(/href="(\/works\/\d+\/chapters\/\d+)"/g)].map((m) => m[1]!);
    assert.equal(found.length, chapters);
    return { work, chapters: found };
  }

  const savePosition = (agent: Agent, work: string, chapter: string, paragraph: string) =>
    agent.submit(`/works/${id(work)}/reading-position`, { chapter: id(chapter), paragraph });

  it('offers the paragraph saved by the page script on the next visit, as a link to it', async () => {
    const { work, chapters } = await postWork('Tidewater', 3);
    const page = await reader.get(chapters[1]!);
    assert.ok(page.body.includes('id="p-12"'), 'chapter paragraphs carry ids for the link');
    assert.ok(page.body.includes('/static/reading-position.js'), 'the page loads the script');
    assert.equal((await savePosition(reader, work, chapters[1]!, '12')).status, 204);

    const back = await reader.get(work);
    const link = `href="${chapters[1]}#p-12"`;
    assert.ok(back.body.includes(link), 'the work page links to the chapter at the paragraph');
    assert.match(visibleText(back.body), /Continue where you left off \(chapter 2, paragraph 12\)/);
    // The work page showed chapter 1: that does not move the place they got to.
    const again = await reader.get(chapters[1]!);
    assert.ok(again.body.includes(link), 'the chapter itself offers its paragraph too');
    // Opening another chapter moves the place there (without a paragraph until the script says one).
    await reader.get(chapters[2]!);
    const moved = await reader.get(work);
    assert.ok(moved.body.includes(`href="${chapters[2]}"`));
    assert.match(visibleText(moved.body), /Continue reading chapter 3/);
    assert.doesNotMatch(visibleText(moved.body), /left off/);
    assert.doesNotMatch(
      visibleText((await t.agent().get(work)).body),
      /Continue/,
      'guests are offered nothing by the server',
    );
  });

  it('refuses bad positions with a clear 4xx and never writes another member’s place', async () => {
    const { work, chapters } = await postWork('Saltmarsh', 2);
    const other = await writer.postWork({ title: 'Elsewhere' });
    await reader.get(chapters[1]!);
    assert.equal((await savePosition(reader, work, chapters[1]!, '7')).status, 204);

    assert.equal((await savePosition(reader, work, chapters[1]!, 'seven')).status, 400);
    assert.equal((await savePosition(reader, work, chapters[1]!, '0')).status, 400);
    assert.equal((await savePosition(reader, other, chapters[1]!, '3')).status, 404, 'a chapter of another work');
    // Without the form token nothing is kept (a page on another site cannot move it).
    const forged = await reader.request('POST', `/works/${id(work)}/reading-position`, {
      chapter: id(chapters[0]!),
      paragraph: '19',
    });
    assert.equal(forged.status, 403);
    // Another member writes only their own place.
    const snoop = t.agent();
    await snoop.signUp('quill_snoop');
    await snoop.get(chapters[0]!);
    assert.equal((await savePosition(snoop, work, chapters[0]!, '19')).status, 204);
    const mine = visibleText((await reader.get(work)).body);
    assert.match(mine, /Continue where you left off \(chapter 2, paragraph 7\)/);
    assert.match(visibleText((await snoop.get(work)).body), /Continue where you left off \(chapter 1, paragraph 19\)/);
    // Guests keep their place in their browser only.
    const guest = await t
      .agent()
      .submit(`/works/${id(work)}/reading-position`, { chapter: id(chapters[0]!), paragraph: '2' });
    assert.equal(guest.status, 303);
    assert.match(guest.location!, /^\/login/);
  });

  it('keeps a place saved after the work left the history and came back marked for later as a chapter read', async () => {
    const { work, chapters } = await postWork('Slipway', 3);
    await reader.get(chapters[1]!);
    // In another tab: deleted from the history, then marked for later; the open chapter's script saves on.
    assert.equal((await reader.submit(`/users/quill_reader/readings/${id(work)}/delete`, {})).status, 303);
    assert.equal((await reader.submit(`${work}/mark-for-later`, {})).status, 303);
    assert.equal((await savePosition(reader, work, chapters[1]!, '6')).status, 204);

    assert.match(visibleText((await reader.get('/')).body), /Slipway by quill_writer \(Read to chapter 2 of 3\)/);
    const stats = await writer.get(`/users/quill_writer/stats?work=${id(work)}`);
    assert.match(visibleText(stats.body), /Chapter 1 1 100% Chapter 2 1 100% Chapter 3 0 0%/);
  });

  it('keeps nothing for a member who keeps no history', async () => {
    const { work, chapters } = await postWork('Driftwood', 2);
    await reader.submit('/users/quill_reader/readings/settings', {});
    const page = await reader.get(chapters[1]!);
    assert.doesNotMatch(page.body, /reading-position\.js/, 'no script saves their place');
    const saved = await savePosition(reader, work, chapters[1]!, '5');
    assert.equal(saved.status, 200);
    assert.match(saved.body, /Not kept/);
    assert.doesNotMatch(visibleText((await reader.get(work)).body), /Continue/);
    assert.doesNotMatch(visibleText((await reader.get('/')).body), /Continue reading/);
    assert.doesNotMatch(visibleText((await reader.get('/works')).body), /Read to chapter|Updated since/);
  });

  it('tells in listings what the member read: Read, Read to chapter 2 of 3, Updated since you read it', async () => {
    const oneShot = await postWork('Lighthouse', 1);
    const long = await postWork('Breakwater', 3);
    const growing = await postWork('Harbourmaster', 2);
    const unread = await postWork('Undertow', 2);
    await reader.get(oneShot.work);
    await reader.get(long.chapters[1]!);
    await reader.get(growing.chapters[1]!);
    await writer.submit(`${growing.work}/chapters`, { chapterTitle: 'Part 3', body: paragraphs('later') });

    const blurb = (html: string, work: string) => {
      const start = html.indexOf(`id="work-${id(work)}"`);
      assert.ok(start >= 0, `the list shows work ${work}`);
      return visibleText(html.slice(start, html.indexOf('</li>', html.indexOf('class="stats"', start))));
    };
    for (const list of ['/works', '/tags/Original%20Work/works']) {
      const html = (await reader.get(list)).body;
      assert.match(blurb(html, oneShot.work), /\bRead\b/, list);
      assert.doesNotMatch(blurb(html, oneShot.work), /Read to|Updated since/, list);
      assert.match(blurb(html, long.work), /Read to chapter 2 of 3/, list);
      assert.match(blurb(html, growing.work), /Updated since you read it/, list);
      assert.doesNotMatch(blurb(html, unread.work), /\bRead\b|Updated since/, list);
      const guest = visibleText((await t.agent().get(list)).body);
      assert.doesNotMatch(guest, /Read to chapter|Updated since you read it/, 'guests see nothing new');
    }
    // Bookmark lists tell it too.
    const form = (await reader.get(long.work)).body;
    const pseudId = /name="pseudId" value="(\d+)"/.exec(form)![1]!;
    const bookmarked = await reader.submit('/bookmarks', {
      kind: 'work',
      id: id(long.work),
      pseudId,
      notes: '',
      tags: '',
    });
    assert.equal(bookmarked.status, 303);
    assert.match(visibleText((await reader.get('/users/quill_reader/bookmarks')).body), /Read to chapter 2 of 3/);
  });

  it('lists unfinished works under Continue reading on the home page, newest first, leaving out works gone', async () => {
    const done = await postWork('Finished Tale', 2);
    const partway = await postWork('Halfway House', 3);
    const updated = await postWork('New Chapters', 2);
    const drafted = await postWork('Pulled Back', 2);
    const hidden = await postWork('Taken Down', 2);
    await reader.get(done.chapters[1]!);
    await reader.get(updated.chapters[1]!);
    await reader.get(drafted.chapters[0]!);
    await reader.get(hidden.chapters[0]!);
    await reader.get(partway.chapters[1]!);
    await savePosition(reader, partway.work, partway.chapters[1]!, '4');
    await writer.submit(`${updated.work}/chapters`, { chapterTitle: 'More', body: paragraphs('more') });

    const home = visibleText((await reader.get('/')).body);
    assert.match(home, /Continue reading/);
    assert.match(home, /Pulled Back/);
    assert.match(home, /Taken Down/);

    await t.store.handle.db
      .updateTable('works')
      .set({ visibility: 'draft' })
      .where('id', '=', Number(id(drafted.work)))
      .execute();
    await t.store.works.setHiddenByModerators(Number(id(hidden.work)), { reason: 'Off topic' });

    const page = (await reader.get('/')).body;
    const section = visibleText(
      page.slice(
        page.indexOf('id="continue-heading"'),
        page.indexOf('</section>', page.indexOf('id="continue-heading"')),
      ),
    );
    assert.match(section, /Halfway House .*Continue where you left off \(chapter 2, paragraph 4\).*New Chapters/);
    assert.ok(page.includes(`href="${partway.chapters[1]}#p-4"`), 'links to the chapter and paragraph');
    assert.match(section, /Updated since you read it/);
    assert.doesNotMatch(section, /Finished Tale/, 'a finished work is not offered');
    assert.doesNotMatch(section, /Pulled Back/, 'a work turned back into a draft is gone');
    assert.doesNotMatch(section, /Taken Down/, 'a work the moderators hid is gone');
    assert.doesNotMatch(visibleText((await t.agent().get('/')).body), /Continue reading/, 'nothing for guests');
  });
});
