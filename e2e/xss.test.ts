import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from './support/server.ts';
import { launchBrowser, newContext } from './support/browser.ts';
import {
  FormClient,
  PAYLOAD_ID,
  TEMPLATES,
  dangerousMarkup,
  pack,
  payloadsFor,
  watch,
  type Finding,
  type FormFields,
  type Payload,
} from './support/xss.ts';
import { tagPagePath, tagPath } from '../src/paths.ts';

/**
 * Every payload of e2e/support/xss.ts, typed into every field a person can fill in that some
 * page shows, then every such page opened in Chromium with JavaScript on and the page's CSP
 * bypassed (so that escaping and sanitizing are tested, not the CSP behind them): no payload
 * may call its marker, open a dialog, reach another host, or leave script-bearing markup.
 */

const PASSWORD = 'correct horse battery staple';
/** Pages open at once. */
const CONCURRENCY = 4;

/** Field codes (the first part of a payload id) and what they are. */
const FIELDS: Record<string, string> = {
  ti: 'work title',
  su: 'work summary',
  no: 'work beginning notes',
  en: 'work end notes',
  di: 'work disclaimer',
  ct: 'first chapter title',
  tx: 'first chapter text (HTML)',
  fa: 'fandom tags',
  re: 'relationship tags',
  ch: 'character tags',
  ff: 'additional (free) tags',
  st: 'series title (new series on the work form, then the series form)',
  ss: 'series summary',
  sn: 'series notes',
  rl: 'related work title (elsewhere)',
  ru: 'related work address (URL)',
  ck: 'later chapter title',
  cs: 'chapter summary',
  cn: 'chapter notes',
  ce: 'chapter end notes',
  cx: 'later chapter text (HTML)',
  pd: 'pen name description',
  dd: 'pen name default disclaimer',
  cm: 'comment text (member)',
  rp: 'reply text',
  gn: 'guest comment name',
  bn: 'bookmark notes',
  bt: 'bookmark tags',
  sv: 'saved search name',
  sq: 'saved search query',
  tn: 'API token name',
  qs: 'works search query (/works?query=)',
  pq: 'people search query (/search?q=)',
};

const P = (field: string): Payload[] => payloadsFor(field);
const texts = (field: string) => P(field).map((p) => p.text);
/** Tag names are split at commas and are at most 150 characters. */
const taggable = (payload: Payload) => !/[,，、]/.test(payload.text) && [...payload.text].length <= 150;
const tagName = (text: string) => text.replace(/\s+/g, ' ').trim().normalize('NFC');

describe('XSS: payloads in every field, rendered in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;

  before(async () => {
    // Forwarded addresses are trusted so that the setup's hundreds of requests are not rate-limited.
    server = await startServer({ trustProxy: true });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('no payload runs script, opens a dialog, reaches another host or leaves script-bearing markup', async () => {
    const started = Date.now();
    const base = server.base;
    const notes: string[] = [];
    const note = (line: string) => notes.push(line);
    const progress = (line: string) => {
      if (process.env.XSS_PROGRESS) console.error(`${((Date.now() - started) / 1000).toFixed(1)}s ${line}`);
    };

    async function expect303(response: Promise<{ status: number; body: string; location?: string }>, what: string) {
      const r = await response;
      if (r.status !== 303) {
        const summary = /class="error-summary"[\s\S]*?<\/ul>/.exec(r.body)?.[0] ?? '';
        const errors = summary.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
        throw new Error(`${what}: ${r.status} ${errors || r.body.replace(/<[^>]+>/g, ' ').slice(0, 400)}`);
      }
      return r.location ?? '';
    }

    async function signUp(login: string): Promise<FormClient> {
      const client = new FormClient(base);
      await expect303(
        client.submit('/signup', {
          login,
          email: `${login}@example.org`,
          password: PASSWORD,
          passwordConfirmation: PASSWORD,
          acceptTerms: '1',
        }),
        `signing up ${login}`,
      );
      return client;
    }

    // ---- content ------------------------------------------------------------------------
    const author = await signUp('xss_author');
    const reader = await signUp('xss_reader');
    // An author of some standing: the spam check holds a brand-new account's link-filled works
    // (src/app/work-spam.ts), and these works are full of links by design.
    await server.store.handle.db
      .updateTable('users')
      .set({ created_at: new Date(Date.now() - 30 * 86_400_000).toISOString() })
      .where('login', '=', 'xss_author')
      .execute();
    const pseudId = /name="creatorPseudIds" value="(\d+)" checked/.exec((await author.get('/works/new')).body)?.[1];
    assert.ok(pseudId, 'the posting form ticks a pen name');

    const titles = pack(P('ti'), 255);
    const chapterTitles = pack(P('ct'), 255);
    const seriesTitles = pack(P('st'), 255);
    const relatedTitles = pack(P('rl'), 255);
    const summaries = pack(P('su'), 1250);
    const beginning = pack(P('no'), 5000);
    const ending = pack(P('en'), 5000);
    const disclaimers = pack(P('di'), 5000);
    const workCount = Math.max(titles.length, chapterTitles.length, seriesTitles.length, relatedTitles.length);

    // Tags: payload i becomes a tag of kind i % 4 on work i % workCount.
    const tagKinds = [
      ['fa', 'fandoms'],
      ['re', 'relationships'],
      ['ch', 'characters'],
      ['ff', 'freeforms'],
    ] as const;
    const workTags = Array.from({ length: workCount }, () => ({
      fandoms: ['Original Work'],
      relationships: [] as string[],
      characters: [] as string[],
      freeforms: [] as string[],
    }));
    // Tags: payload i as a tag of kind i % 4, packed a few to a tag (at most 150 characters, no
    // commas); the tags spread over the works.
    const tags: string[] = [];
    const packedTags = tagKinds.map(([code], kind) =>
      pack(
        P(code).filter((payload, i) => i % 4 === kind && taggable(payload)),
        150,
      ),
    );
    for (let i = 0; packedTags.some((list) => list.length > Math.floor(i / 4)); i++) {
      const name = packedTags[i % 4][Math.floor(i / 4)];
      if (name === undefined) continue;
      workTags[i % workCount][tagKinds[i % 4][1]].push(name);
      tags.push(tagName(name));
    }

    const works: { id: number; chapters: number[]; series?: number }[] = [];
    const refusedAddresses: string[] = [];
    for (let k = 0; k < workCount; k++) {
      const fields: FormFields = {
        rating: 'General Audiences',
        warnings: 'No Archive Warnings Apply',
        fandoms: workTags[k].fandoms.join(', '),
        relationships: workTags[k].relationships.join(', '),
        characters: workTags[k].characters.join(', '),
        freeforms: workTags[k].freeforms.join(', '),
        title: titles[k] ?? `Plain title ${k}`,
        summary: summaries[k] ?? '',
        notes: beginning[k] ?? '',
        endNotes: ending[k] ?? '',
        disclaimer: disclaimers[k] ?? '',
        chapterTitle: chapterTitles[k] ?? '',
        newSeriesTitle: seriesTitles[k] ?? '',
        body: k === 0 ? texts('tx').join('\n\n') : `Some text for work ${k}.`,
        creatorPseudIds: pseudId,
        language: 'en',
        expectedChapters: '2',
        visibility: 'public',
        commentPolicy: 'everyone',
      };
      const related: FormFields = {
        relatedRelation: ['inspired-by', 'sequel-of'],
        relatedTarget: [`https://example.org/story-${k}`, P('ru')[k % TEMPLATES.length].text],
        relatedTitle: [relatedTitles[k] ?? `Elsewhere ${k}`, ''],
      };
      let posted = await author.submit('/works', { ...fields, ...related });
      if (posted.status !== 303) {
        // The hostile address refused is itself a pass; keep the related title with a plain address.
        refusedAddresses.push(`${P('ru')[k % TEMPLATES.length].id} (${posted.status})`);
        posted = await author.submit('/works', {
          ...fields,
          relatedRelation: related.relatedRelation[0],
          relatedTarget: related.relatedTarget[0],
          relatedTitle: related.relatedTitle[0],
        });
      }
      const location = await expect303(Promise.resolve(posted), `posting work ${k}`);
      const id = Number(/\/works\/(\d+)/.exec(location)?.[1]);
      assert.ok(id, `work ${k} has an address: ${location}`);
      works.push({ id, chapters: [] });
    }
    note(`posted ${works.length} works; hostile related-work addresses refused: ${refusedAddresses.length}`);

    // The reader follows some works, so that new chapters reach their inbox.
    for (const work of works.slice(0, 10))
      await expect303(reader.submit('/subscriptions', { kind: 'work', id: String(work.id) }), 'subscribing');

    // A second chapter on every work, with chapter summary and notes.
    const laterTitles = pack(P('ck'), 255);
    const chapterSummaries = pack(P('cs'), 1250);
    const chapterNotes = pack(P('cn'), 5000);
    const chapterEndNotes = pack(P('ce'), 5000);
    for (const [k, work] of works.entries()) {
      await expect303(
        author.submit(`/works/${work.id}/chapters`, {
          chapterTitle: laterTitles[k] ?? `Chapter two of ${k}`,
          chapterSummary: chapterSummaries[k] ?? '',
          chapterNotes: chapterNotes[k] ?? '',
          chapterEndNotes: chapterEndNotes[k] ?? '',
          body: k === 0 ? texts('cx').join('\n\n') : 'More text.',
        }),
        `adding a chapter to work ${k}`,
      );
      const page = (await author.get(`/works/${work.id}`)).body;
      work.chapters = [
        ...new Set([...page.matchAll(new RegExp(`/works/${work.id}/chapters/(\\d+)`, 'g'))].map((m) => Number(m[1]))),
      ];
      const series = /\/series\/(\d+)/.exec(page)?.[1];
      if (series) work.series = Number(series);
    }
    const seriesIds = works.flatMap((w) => (w.series ? [w.series] : []));
    note(`series: ${seriesIds.length}; chapters per work: ${works[0].chapters.length}`);

    // Series summary and notes, through the series form.
    const seriesSummaries = pack(P('ss'), 1250);
    const seriesNotes = pack(P('sn'), 5000);
    for (const [k, id] of seriesIds.entries()) {
      if (k >= Math.max(seriesSummaries.length, seriesNotes.length)) break;
      const form = (await author.get(`/series/${id}/edit`)).body;
      const title =
        /name="title"[^>]*value="([^"]*)"/.exec(form)?.[1] ?? /value="([^"]*)"[^>]*name="title"/.exec(form)?.[1];
      const positions = Object.fromEntries(
        [...form.matchAll(/name="(position-\d+)"[^>]*value="(\d+)"|value="(\d+)"[^>]*name="(position-\d+)"/g)].map(
          (m) => (m[1] ? [m[1], m[2]] : [m[4], m[3]]),
        ),
      );
      await expect303(
        author.submit(`/series/${id}`, {
          ...positions,
          title: title ? decodeEntities(title) : seriesTitles[k],
          summary: seriesSummaries[k] ?? '',
          notes: seriesNotes[k] ?? '',
        }),
        `editing series ${id}`,
      );
    }

    // Pen names with descriptions and default disclaimers.
    const descriptions = pack(P('pd'), 500);
    const defaultDisclaimers = pack(P('dd'), 5000);
    const pseuds: string[] = [];
    for (const [j, description] of descriptions.entries()) {
      const name = `Pen ${j}`;
      const r = await author.submit('/users/xss_author/pseuds', {
        name,
        description,
        defaultDisclaimer: defaultDisclaimers[j] ?? '',
      });
      if (r.status !== 303) {
        note(`pen name ${j} refused (${r.status}); ${descriptions.length - j} description chunks left out`);
        break;
      }
      pseuds.push(name);
    }

    // Comments: members' text, the author's replies (to the reader's inbox), guests' names.
    const commentBodies = pack(P('cm'), 10_000, '\n\n');
    const replies = pack(P('rp'), 10_000, '\n\n');
    for (const [j, body] of commentBodies.entries()) {
      const location = await expect303(
        reader.submit(`/works/${works[j].id}/comments`, { body }),
        `commenting on work ${j}`,
      );
      const parentId = /#comment-(\d+)/.exec(location)?.[1];
      // Payloads full of links score as spam and wait for approval (src/domain/spam.ts): the author approves.
      if (parentId) await expect303(author.submit(`/comments/${parentId}/approve`, {}), `approving comment ${j}`);
      if (replies[j] && parentId)
        await expect303(
          author.submit(`/works/${works[j].id}/comments`, { body: replies[j], parentId }),
          `replying on work ${j}`,
        );
    }
    const guestNames = pack(P('gn'), 100);
    for (const [j, guestName] of guestNames.entries()) {
      const guest = new FormClient(base);
      await expect303(
        guest.submit(`/works/${works[j % works.length].id}/comments`, {
          body: `A guest comment ${j}.`,
          guestName,
          guestEmail: `guest${j}@example.org`,
        }),
        `guest comment ${j}`,
      );
    }

    // Bookmarks of every work (and the first series) with notes and tags.
    const bookmarkNotes = pack(P('bn'), 5000);
    const bookmarkTags: string[][] = works.map(() => []);
    P('bt').forEach((payload, i) => {
      if (taggable(payload)) bookmarkTags[i % works.length].push(payload.text);
    });
    const readerPseud =
      /name="pseudId" value="(\d+)"/.exec((await reader.get(`/bookmarks/new?work=${works[0].id}`)).body)?.[1] ?? '';
    for (const [k, work] of works.entries()) {
      await expect303(
        reader.submit('/bookmarks', {
          pseudId: readerPseud,
          kind: 'work',
          id: String(work.id),
          notes: bookmarkNotes[k] ?? '',
          tags: bookmarkTags[k].join(', '),
          rec: '1',
        }),
        `bookmarking work ${k}`,
      );
    }
    if (seriesIds[0])
      await expect303(
        reader.submit('/bookmarks', {
          pseudId: readerPseud,
          kind: 'series',
          id: String(seriesIds[0]),
          notes: bookmarkNotes[0] ?? '',
        }),
        'bookmarking a series',
      );

    // Saved searches: names and /works queries.
    const searchNames = pack(P('sv'), 100);
    const searchQueries = pack(P('sq'), 600);
    for (let j = 0; j < Math.min(100, Math.max(searchNames.length, searchQueries.length)); j++) {
      const r = await reader.submit('/saved-searches', {
        name: searchNames[j] ?? `Search ${j}`,
        query: `query=${encodeURIComponent(searchQueries[j] ?? 'plain')}`,
      });
      if (r.status !== 303) {
        note(`saved search ${j} refused (${r.status})`);
        break;
      }
    }
    const setupSeconds = (Date.now() - started) / 1000;
    progress('content made');

    // ---- the browser --------------------------------------------------------------------
    const findings: Finding[] = [];
    const report = (f: Finding) => progress(`FINDING ${f.kind} on ${f.page.replace(base, '')}: ${f.detail}`);
    const profiles: BrowserContext[] = [];
    async function profile(client?: FormClient): Promise<BrowserContext> {
      const context = await newContext(browser, base, { bypassCSP: true });
      profiles.push(context);
      context.setDefaultTimeout(15_000);
      await watch(context, pushFinding);
      if (client) await client.share(context);
      return context;
    }
    const asAuthor = await profile(author);
    const asReader = await profile(reader);
    const asGuest = await profile();

    // API token names go in through the account page in the browser, so their flash is shown too.
    const tokenNames = pack(P('tn'), 100).slice(0, 20);
    {
      const page = await asReader.newPage();
      for (const name of tokenNames) {
        await page.goto('/account');
        await page.getByLabel('Token name').fill(name);
        await page.getByRole('button', { name: 'Create token' }).click();
        await page.waitForLoadState('load');
        await check(page);
      }
      await page.close();
    }

    progress('tokens made');
    // Tag suggestions on the posting form, typed as a writer would.
    {
      const page = await asAuthor.newPage();
      await page.goto('/works/new');
      let suggested = 0;
      for (const label of ['Fandoms', 'Additional tags'])
        for (const typed of ['<', '"', "'", '<s', '\u202E']) {
          await page.getByLabel(label, { exact: true }).fill('');
          await page.getByLabel(label, { exact: true }).pressSequentially(typed);
          await page.waitForTimeout(250);
          suggested += await page.locator('.tag-suggest__option').count();
        }
      assert.ok(suggested > 0, 'payload tags were suggested while typing');
      note(`tag suggestions shown while typing: ${suggested}`);
      await check(page);
      await page.close();
    }

    progress('tags suggested');
    const queue: { context: BrowserContext; url: string }[] = [];
    const seen = new Set<string>();
    const enqueue = (context: BrowserContext, url: string) => {
      const key = `${profiles.indexOf(context)} ${url}`;
      if (seen.has(key)) return;
      seen.add(key);
      queue.push({ context, url });
    };

    // Public pages as a guest; the owner's forms and private pages as their owner.
    for (const url of ['/', '/works', '/users/xss_author', '/users/xss_author/pseuds']) enqueue(asGuest, url);
    for (const name of pseuds) {
      enqueue(asGuest, `/users/xss_author/pseuds/${encodeURIComponent(name)}`);
    }
    // The full work shows both chapters, so chapter pages and the other views are opened for a few works.
    for (const [k, work] of works.entries()) {
      enqueue(asGuest, `/works/${work.id}?view_full_work=true`);
      enqueue(asAuthor, `/works/${work.id}/edit`);
      // Later chapters past these have only a title, which the full work shows.
      if (k < Math.max(chapterSummaries.length, chapterNotes.length, chapterEndNotes.length))
        for (const chapter of work.chapters.slice(1)) enqueue(asAuthor, `/works/${work.id}/chapters/${chapter}/edit`);
      if (k >= 5) continue;
      enqueue(asGuest, `/works/${work.id}`);
      enqueue(asGuest, `/works/${work.id}/bookmarks`);
      for (const chapter of work.chapters) enqueue(asGuest, `/works/${work.id}/chapters/${chapter}`);
      enqueue(asAuthor, `/works/${work.id}`);
      enqueue(asAuthor, `/works/${work.id}/navigate`);
      enqueue(asAuthor, `/works/${work.id}/chapters/manage`);
      enqueue(asReader, `/works/${work.id}`);
      enqueue(asReader, `/bookmarks/new?work=${work.id}`);
    }
    // Series past these have only a title, which their works' pages show too.
    for (const id of seriesIds.slice(0, Math.max(seriesSummaries.length, seriesNotes.length) + 2)) {
      enqueue(asGuest, `/series/${id}`);
      enqueue(asAuthor, `/series/${id}/edit`);
    }
    for (const name of pseuds) enqueue(asAuthor, `/users/xss_author/pseuds/${encodeURIComponent(name)}/edit`);
    for (const url of ['/inbox', '/account', '/account/saved-searches', '/subscriptions', '/users/xss_author/gifts'])
      enqueue(asAuthor, url);
    for (const url of [
      '/inbox',
      '/account',
      '/account/saved-searches',
      '/subscriptions',
      '/users/xss_reader',
      '/users/xss_reader/bookmarks',
      '/users/xss_reader/readings',
    ])
      enqueue(asReader, url);
    // Every tag's own page; the works under a tag (the same blurbs as /works) for one tag in ten.
    for (const [i, tag] of tags.entries()) {
      enqueue(asGuest, tagPagePath(tag));
      if (i % 10 === 0) enqueue(asGuest, tagPath(tag));
    }
    for (const query of pack(P('qs'), 1000)) enqueue(asGuest, `/works?query=${encodeURIComponent(query)}`);
    for (const query of pack(P('pq'), 1000)) enqueue(asGuest, `/search?q=${encodeURIComponent(query)}`);
    // Each tag-list payload also as a filter, echoed back in the sidebar.
    for (const query of pack(P('qs'), 400).slice(0, 5))
      enqueue(asGuest, `/works?${new URLSearchParams({ fandoms: query, sort: query, language: query })}`);

    // Bookmark edit forms, found on the reader's bookmarks pages.
    let next: string | undefined = '/users/xss_reader/bookmarks';
    let bookmarkForms = 0;
    for (let i = 0; next && i < 50; i++) {
      const body: string = (await reader.get(next)).body;
      for (const m of body.matchAll(/\/bookmarks\/(\d+)\/edit/g))
        if (bookmarkForms++ < 10) enqueue(asReader, `/bookmarks/${m[1]}/edit`);
      next = /<a[^>]*rel="next"[^>]*href="([^"]+)"|<a[^>]*href="([^"]+)"[^>]*rel="next"/
        .exec(body)
        ?.slice(1)
        .find(Boolean);
      next = next ? decodeEntities(next) : undefined;
    }

    // The HTML downloads, opened as a reader opens the downloaded file (no CSP, no attachment).
    const downloads: string[] = [];
    for (const work of works) {
      const link = new RegExp(`href="(/downloads/${work.id}/[^"]+\\.html)"`).exec(
        (await author.get(`/works/${work.id}`)).body,
      );
      if (link) downloads.push(decodeEntities(link[1]));
    }
    for (const id of seriesIds.slice(0, 3)) {
      const link = /href="(\/downloads\/series\/\d+\/[^"]+\.html)"/.exec((await author.get(`/series/${id}`)).body);
      if (link) downloads.push(decodeEntities(link[1]));
    }
    assert.ok(downloads.length >= works.length, `every work page links its HTML download (${downloads.length})`);
    for (const [i, path] of downloads.entries()) {
      const response = await author.get(path);
      assert.equal(response.status, 200, `${path} downloads`);
      const opened = `/__downloaded/${i}.html`;
      await asGuest.route(`${base}${opened}`, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: response.body }),
      );
      enqueue(asGuest, opened);
    }

    let visited = 0;
    function pushFinding(f: Finding) {
      findings.push(f);
      report(f);
    }
    async function check(page: Page): Promise<void> {
      await page.waitForTimeout(100); // autofocus, ontoggle and friends fire just after load
      for (const markup of await dangerousMarkup(page))
        pushFinding({
          kind: 'dangerous markup',
          page: page.url(),
          detail: markup,
          ids: markup.match(PAYLOAD_ID) ?? [],
        });
    }
    async function worker(): Promise<void> {
      const pages = new Map<BrowserContext, Page>();
      for (let item = queue.shift(); item; item = queue.shift()) {
        let page = pages.get(item.context);
        if (!page) {
          page = await item.context.newPage();
          pages.set(item.context, page);
        }
        inFlight.add(item.url);
        const response = await page.goto(item.url, { waitUntil: 'load' });
        visited++;
        if (visited % 100 === 0) progress(`${visited} pages opened, ${queue.length} queued`);
        const status = response?.status() ?? 0;
        if (status >= 400) note(`${item.url.slice(0, 100)} answered ${status}`);
        await check(page);
        const more = await page
          .locator('a[rel="next"]')
          .first()
          .getAttribute('href', { timeout: 50 })
          .catch(() => null);
        inFlight.delete(item.url);
        if (more) enqueue(item.context, new URL(more, page.url()).pathname + new URL(more, page.url()).search);
      }
      for (const page of pages.values()) await page.close();
    }
    // A control: the same watchers must catch payloads on a page that does not escape them.
    {
      const control = `${base}/__control.html`;
      await asGuest.route(control, (route) =>
        route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          body: `<!doctype html><title>control</title><img src=x onerror=__xss('zz.p0')><script>__xss('zz.p1')</script>
            <script src=https://evil.example/zz.p2.js></script><a href="javascript:__xss('zz.p3')">x</a><script>alert('zz.p4')</script>`,
        }),
      );
      const page = await asGuest.newPage();
      await page.goto(control);
      await check(page);
      await page.close();
      const caught = findings.filter((f) => f.page.includes('__control'));
      const kinds = new Set(caught.map((f) => f.kind));
      for (const kind of ['script ran', 'request to another host', 'dangerous markup', 'dialog'] as const)
        assert.ok(kinds.has(kind), `the control page shows that "${kind}" is caught: ${JSON.stringify(caught)}`);
      for (const id of ['zz.p0', 'zz.p1', 'zz.p2', 'zz.p3'])
        assert.ok(
          caught.some((f) => f.ids.includes(id)),
          `the control's ${id} is caught: ${JSON.stringify(caught)}`,
        );
      findings.splice(0, findings.length, ...findings.filter((f) => !f.page.includes('__control')));
    }

    const inFlight = new Set<string>();
    const watchdog = setInterval(() => progress(`open now: ${[...inFlight].join(' ')}`), 10_000);
    const browsingStarted = Date.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, () => worker()));
    const browsingSeconds = (Date.now() - browsingStarted) / 1000;
    clearInterval(watchdog);
    for (const context of profiles) await context.close();

    // ---- report -------------------------------------------------------------------------
    const fieldsUsed = Object.keys(FIELDS);
    console.log(
      [
        `XSS: ${TEMPLATES.length} payloads × ${fieldsUsed.length} fields (${TEMPLATES.length * fieldsUsed.length} marked values)`,
        `  ${works.length} works, ${seriesIds.length} series, ${pseuds.length} pen names, ${tags.length} payload tags, ${guestNames.length} guest comments, ${tokenNames.length} API tokens`,
        `  ${visited} pages opened in ${browsingSeconds.toFixed(1)} s; setup ${setupSeconds.toFixed(1)} s; ${findings.length} findings`,
        ...notes.map((line) => `  note: ${line}`),
      ].join('\n'),
    );
    const described = findings.map((f) => {
      const fields = [...new Set(f.ids.map((id) => FIELDS[id.split('.')[0]] ?? id))].join(', ');
      return `${f.kind} on ${f.page.replace(base, '')}${fields ? ` [${fields}]` : ''}: ${f.detail}`;
    });
    assert.equal(findings.length, 0, `payloads ran or survived:\n${[...new Set(described)].slice(0, 200).join('\n')}`);
  });
});

function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
