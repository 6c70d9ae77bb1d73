import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { utcDay } from '../../src/domain/kudos.ts';

/** n days before today, as the daily figures name days. */
function daysAgo(n: number): string {
  const at = new Date();
  at.setUTCDate(at.getUTCDate() - n);
  return utcDay(at);
}

const guest = (n: number) => ({ guestKey: String(n).padStart(64, 'c') });

describeEachDatabase('statistics for writers over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  let tideId: number;
  let shoreId: number;
  let writerId: number;

  const id = (path: string) => Number(path.split('/').pop());

  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('harbour_writer');
    reader = t.agent();
    await reader.signUp('harbour_reader');
    writerId = (await t.store.users.findByLogin('harbour_writer'))!.id;
    // Figures kept since ten days ago, as if the archive had been running.
    await t.store.handle.db
      .updateTable('site_settings')
      .set({ value: daysAgo(10) })
      .where('key', '=', 'work_stats_since')
      .execute();
    const tide = await writer.postWork({ title: 'Tide, Rising', expectedChapters: '3', complete: '' });
    tideId = id(tide);
    const shore = await writer.postWork({ title: 'Shore "Leave"' });
    shoreId = id(shore);
    for (const text of ['Two.', 'Three.']) await writer.submit(`${tide}/chapters`, { chapterTitle: '', body: text });
    // A known history: hits two days ago and today, kudos and a comment three days ago.
    for (let g = 1; g <= 3; g++) await t.store.kudos.recordHit(tideId, guest(g), daysAgo(2));
    await t.store.kudos.recordHit(tideId, guest(1), daysAgo(0));
    await t.store.kudos.recordHit(shoreId, guest(1), daysAgo(2));
    await t.store.kudos.leave(tideId, guest(1), [writerId], `${daysAgo(3)}T08:00:00.000Z`);
    await t.store.kudos.leave(tideId, guest(2), [writerId], `${daysAgo(3)}T09:00:00.000Z`);
    await t.store.comments.post(
      {
        workId: tideId,
        chapterId: null,
        parentId: null,
        userId: null,
        pseudId: null,
        guestName: 'Passer-by',
        guestEmail: null,
        body: '<p>More!</p>',
        status: 'published',
        addressKey: null,
        createdAt: `${daysAgo(3)}T10:00:00.000Z`,
      },
      { title: 'Tide, Rising', creatorUserIds: [writerId] },
    );
  });
  afterEach(() => t.dispose());

  it('shows the writer every work with its totals, sortable by each column, and charts with their tables', async () => {
    const page = await writer.get('/users/harbour_writer/stats');
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    assert.match(text, /Your statistics/);
    assert.match(text, /Tide, Rising .* 4 2 1 0 0/, 'hits, kudos, comments, bookmarks, subscriptions');
    assert.match(text, /Total \(2 works\) .* 5 2 1 0 0/);
    // Sorted by hits, most first, by default; the heading link turns it around.
    assert.ok(text.indexOf('Tide, Rising') < text.indexOf('Shore "Leave"'));
    assert.ok(page.body.includes('href="/users/harbour_writer/stats?sort=hits&amp;direction=asc"'));
    const ascending = visibleText((await writer.get('/users/harbour_writer/stats?sort=hits&direction=asc')).body);
    const table = ascending.slice(ascending.indexOf('Subscriptions'));
    assert.ok(table.indexOf('Shore "Leave"') < table.indexOf('Tide, Rising'), 'fewest hits first');
    const byTitle = visibleText((await writer.get('/users/harbour_writer/stats?sort=title')).body);
    const titles = byTitle.slice(byTitle.indexOf('Subscriptions'));
    assert.ok(titles.indexOf('Shore "Leave"') < titles.indexOf('Tide, Rising'), 'A to Z');

    // One chart per figure, each an image with a title, a description and axis labels, and its table.
    for (const field of ['hits', 'kudos', 'comments']) {
      assert.match(
        page.body,
        new RegExp(`<svg[^>]*role="img"[^>]*aria-labelledby="chart-${field}-title chart-${field}-desc"`),
      );
      assert.match(page.body, new RegExp(`<title id="chart-${field}-title">`));
      assert.match(page.body, new RegExp(`<caption id="chart-${field}-caption">`));
    }
    // Nothing happened to bookmarks or subscriptions: a sentence, not an empty chart.
    assert.match(text, /Bookmarks No bookmarks from .* to .*\. Subscriptions No subscriptions from/);
    assert.doesNotMatch(page.body, /chart-bookmarks-title/);
    const hitsTable = /<caption id="chart-hits-caption">[\s\S]*?<\/table>/.exec(page.body)![0];
    const dayOf = (n: number) => {
      const [y, m, d] = daysAgo(n).split('-').map(Number);
      const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
      return `${d} ${month} ${y}`;
    };
    assert.match(visibleText(hitsTable), new RegExp(`${dayOf(2)} 4`), 'four hits two days ago');
    assert.match(visibleText(hitsTable), new RegExp(`${dayOf(0)} 1`));
    assert.match(visibleText(hitsTable), new RegExp(`${dayOf(3)} 0`));
    assert.doesNotMatch(visibleText(hitsTable), new RegExp(dayOf(11)), 'nothing before the figures began');
    assert.match(page.body, /<desc id="chart-hits-desc">5 hits from .*; the most, 4, in /);
    const kudosTable = visibleText(/<caption id="chart-kudos-caption">[\s\S]*?<\/table>/.exec(page.body)![0]);
    assert.match(kudosTable, new RegExp(`${dayOf(3)} 2`));

    // One work, by week: the work chooser and period chooser are a GET form.
    assert.match(page.body, /<select id="stats-work" name="work">/);
    const oneWork = await writer.get(`/users/harbour_writer/stats?work=${shoreId}&period=week`);
    assert.equal(oneWork.status, 200);
    const oneText = visibleText(oneWork.body);
    assert.match(oneText, /Over time: “ ?Shore "Leave" ?”/);
    assert.match(oneWork.body, /<desc id="chart-hits-desc">1 hits from week of/);
    assert.match(oneText, /has one chapter/);
    for (const period of ['month', 'year'])
      assert.equal((await writer.get(`/users/harbour_writer/stats?period=${period}`)).status, 200);
  });

  it('shows how far readers got through a work of several chapters, counted without names', async () => {
    const navigate = await reader.get(`/works/${tideId}/navigate`);
    const chapters = [...navigate.body.matchAll(new RegExp(`href="(/works/${tideId}/chapters/\\d+)"`, 'g'))].map(
      (m) => m[1],
    );
    assert.equal(chapters.length, 3);
    await reader.get(chapters[0]);
    await reader.get(chapters[1]);
    await reader.get(chapters[2]);
    await reader.get(chapters[0]); // back to the start: still reached chapter 3
    const other = t.agent();
    await other.signUp('harbour_second');
    await other.get(`/works/${tideId}`);
    const page = await writer.get(`/users/harbour_writer/stats?work=${tideId}`);
    const text = visibleText(page.body);
    assert.match(
      text,
      /Readers reaching each chapter Chapter Readers Of chapter 1 Chapter 1 2 100% Chapter 2 1 50% Chapter 3 1 50%/,
    );
    assert.match(text, /members who were signed in and keep a reading history/);
    assert.doesNotMatch(text, /harbour_reader|harbour_second/, 'never who');
    assert.match(page.body, /<svg[^>]*aria-labelledby="chart-reach-title chart-reach-desc"/);
  });

  it('is not there for other members or guests; admins see it; unknown works are 404', async () => {
    const other = await reader.get('/users/harbour_writer/stats');
    assert.equal(other.status, 404);
    assert.doesNotMatch(other.body, /Tide, Rising/);
    assert.equal((await reader.get('/users/harbour_writer/stats.csv')).status, 404);
    const guestPage = await t.agent().get('/users/harbour_writer/stats');
    assert.equal(guestPage.status, 404);
    assert.doesNotMatch(guestPage.body, /Tide, Rising/);
    assert.equal((await t.agent().get('/users/harbour_writer/stats.csv')).status, 404);
    assert.equal((await writer.get('/users/nobody_at_all/stats')).status, 404);

    const admin = t.agent();
    await admin.signUp('harbour_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('harbour_admin'))!.id, 'admin');
    const seen = await admin.get('/users/harbour_writer/stats');
    assert.equal(seen.status, 200);
    assert.match(visibleText(seen.body), /Statistics of harbour_writer .* Tide, Rising/);

    assert.equal((await writer.get('/users/harbour_writer/stats?work=999999')).status, 404);
    assert.equal((await writer.get('/users/harbour_writer/stats?work=abc')).status, 404);
    const bad = await writer.get('/users/harbour_writer/stats?sort=nonsense&direction=sideways&period=decade');
    assert.equal(bad.status, 200, 'unknown choices fall back to the defaults');
    // The writer's user page and account page link to it; nobody else's view of the user page does.
    assert.ok((await writer.get('/users/harbour_writer')).body.includes('href="/users/harbour_writer/stats"'));
    assert.ok((await writer.get('/account')).body.includes('href="/users/harbour_writer/stats"'));
    assert.ok(!(await reader.get('/users/harbour_writer')).body.includes('/users/harbour_writer/stats'));
  });

  it('downloads the table as CSV, quoted, sorted as on the page', async () => {
    await t.store.subscriptions.subscribe((await t.store.users.findByLogin('harbour_reader'))!.id, 'work', shoreId);
    const csv = await writer.get('/users/harbour_writer/stats.csv?sort=title&direction=asc');
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv; charset=utf-8/);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="harbour_writer-stats.csv"/);
    const lines = csv.body.split('\r\n');
    assert.equal(lines[0], 'Work,URL,Posted,Words,Chapters,Hits,Kudos,Comments,Bookmarks,Subscriptions');
    assert.match(
      lines[1],
      new RegExp(`^"Shore ""Leave""",http://[^,]+/works/${shoreId},\\d{4}-\\d\\d-\\d\\d,2,1,1,0,0,0,1$`),
    );
    assert.match(
      lines[2],
      new RegExp(`^"Tide, Rising",http://[^,]+/works/${tideId},\\d{4}-\\d\\d-\\d\\d,4,3,4,2,1,0,0$`),
    );
    assert.equal(lines[3], 'Total,,,6,,5,2,1,0,1');
    assert.equal(lines[4], '');
  });
});
