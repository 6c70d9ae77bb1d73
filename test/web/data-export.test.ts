import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { loadConfig } from '../../src/config.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { SESSION_COOKIE } from '../../src/web/session.ts';
import { epubcheck } from '../support/epubcheck.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const idOf = (path: string) => /\/works\/(\d+)/.exec(path)![1];

describeEachDatabase('download my data', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let writer: Agent;
  let other: Agent;

  beforeEach(async () => {
    t = await testApp(dialect);
    smtp = await startSmtp();
    writer = t.agent();
    await writer.signUp('quill_writer');
    other = t.agent();
    await other.signUp('shore_reader');
  });
  afterEach(async () => {
    await smtp.close();
    await t.dispose();
  });

  /** One pass of the background jobs, as a server process runs them, with mail on. */
  async function runJobs(): Promise<void> {
    const config = loadConfig(
      { QUIRE_DATA: '/nonexistent' },
      { smtpUrl: smtp.url, baseUrl: 'https://archive.example.org', mailFrom: 'Quire <noreply@archive.example.org>' },
    );
    const jobs = createJobs(t.store, config);
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }
  }

  /** The export's address as a member fetches it, with the bytes as sent. */
  async function fetchExport(agent: Agent, path: string) {
    const response = await t.app.inject({
      method: 'GET',
      url: path,
      headers: { cookie: `${SESSION_COOKIE}=${agent.cookie(SESSION_COOKIE) ?? ''}` },
    });
    return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, body: response.body };
  }

  function textOfEpub(epub: Uint8Array): string {
    const files = unzipSync(epub);
    return Object.entries(files)
      .filter(([name]) => name.endsWith('.xhtml'))
      .map(([, bytes]) => strFromU8(bytes))
      .join('\n');
  }

  it('builds one zip of the member’s works (drafts too), records and index, for them alone, until it expires', async () => {
    const posted = await writer.postWork({ title: 'Harbour Lights', body: 'The lantern text.', complete: '0' });
    const draftChapter = await writer.submit(`${posted}/chapters`, {
      chapterTitle: 'Unseen',
      body: 'A secret draft chapter.',
      action: 'draft',
    });
    assert.equal(draftChapter.status, 303);
    const draftWork = await writer.postWork({
      title: 'Unfinished Tide',
      body: 'Draft work text.',
      visibility: 'draft',
    });
    const theirs = await other.postWork({ title: 'Other Shore', body: 'Waves.' });
    assert.equal(
      (
        await writer.submit('/bookmarks', {
          kind: 'work',
          id: idOf(theirs),
          pseudId: /name="pseudId" value="(\d+)"/.exec(
            (await writer.get(`/bookmarks/new?work=${idOf(theirs)}`)).body,
          )![1],
          notes: 'Lovely harbour scenes',
          tags: '',
        })
      ).status,
      303,
    );
    const theirChapter = (await t.store.works.find(Number(idOf(theirs))))!.chapters[0].id;
    assert.equal(
      (await writer.submit(`${theirs}/comments`, { body: 'What a ride!', chapterId: String(theirChapter) })).status,
      303,
    );
    assert.equal((await writer.submit(`${theirs}/kudos`, {})).status, 303);
    assert.equal((await writer.submit('/subscriptions', { kind: 'work', id: idOf(theirs) })).status, 303);

    // Asking: the account page says it is being prepared; asking again says so.
    const asked = await writer.submit('/account/export', {});
    assert.equal(asked.status, 303);
    const account = visibleText((await writer.get('/account')).body);
    assert.match(account, /Your data is being prepared/);
    assert.match(account, /Being prepared\. You asked for it on \d+ \w+ \d{4}, \d\d:\d\d UTC/);
    const again = await writer.submit('/account/export', {});
    assert.equal(again.status, 409);
    assert.match(visibleText(again.body), /Your data is already being prepared/);

    await runJobs();

    // Told in the inbox and by mail, with the link.
    const inbox = await writer.get('/inbox');
    assert.match(visibleText(inbox.body), /Your data download is ready/);
    assert.match(inbox.body, /href="\/account#data-export"/);
    const page = (await writer.get('/account')).body;
    const link = /href="(\/account\/export\/\d+)"/.exec(page)?.[1];
    assert.ok(link, 'the account page links the ready download');
    assert.match(visibleText(page), /Ready: Download your data \(zip, [\d.]+ [KM]B\), until \d+ \w+ \d{4}/);
    const mail = smtp.received.find((m) => m.to.includes('quill_writer@example.org'));
    assert.ok(mail, 'a mail says it is ready');
    assert.equal(mail.subject, 'Your data from Quire is ready');
    assert.ok(mail.text.includes(`https://archive.example.org${link}`), mail.text);

    // The member's download.
    const download = await fetchExport(writer, link);
    assert.equal(download.status, 200);
    assert.equal(download.headers['content-type'], 'application/zip');
    assert.match(
      String(download.headers['content-disposition']),
      /attachment; filename="quill_writer-data-\d{4}-\d\d-\d\d\.zip"/,
    );
    const files = unzipSync(new Uint8Array(download.bytes));
    const postedEpub = `works/work-${idOf(posted)}.epub`;
    const draftEpub = `works/work-${idOf(draftWork)}.epub`;
    for (const name of [postedEpub, draftEpub, `works/work-${idOf(posted)}.html`, `works/work-${idOf(draftWork)}.html`])
      assert.ok(files[name], `${name} is in the zip`);
    assert.equal(files[`works/work-${idOf(theirs)}.epub`], undefined, 'only the member’s own works');
    const postedText = textOfEpub(files[postedEpub]);
    assert.match(postedText, /The lantern text\./);
    assert.match(postedText, /A secret draft chapter\./, 'the creator’s copy has the draft chapter');
    assert.match(textOfEpub(files[draftEpub]), /Draft work text\./);
    // Every EPUB in the export is one e-readers open: epubcheck finds nothing to complain of.
    const dir = mkdtempSync(join(tmpdir(), 'quire-export-'));
    try {
      for (const name of [postedEpub, draftEpub]) {
        const path = join(dir, name.replace('/', '-'));
        writeFileSync(path, files[name]);
        const checked = await epubcheck(path);
        assert.deepEqual(checked.messages, [], `${name}: ${checked.messages.join('\n')}`);
        assert.equal(checked.errors, 0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    assert.match(strFromU8(files[`works/work-${idOf(posted)}.html`]), /A secret draft chapter\./);
    // A reader's download of the same work has no draft chapter.
    const readers = await other.get(`/downloads/${idOf(posted)}/harbour-lights.html`);
    assert.equal(readers.status, 200);
    assert.match(readers.body, /The lantern text\./);
    assert.doesNotMatch(readers.body, /A secret draft chapter/);

    const bookmarks = JSON.parse(strFromU8(files['bookmarks.json'])) as { workTitle: string; notes: string }[];
    assert.deepEqual(
      bookmarks.map((b) => [b.workTitle, b.notes]),
      [['Other Shore', '<p>Lovely harbour scenes</p>']],
    );
    const comments = JSON.parse(strFromU8(files['comments.json'])) as {
      comments: {
        workId: number;
        workTitle: string;
        chapterId: number | null;
        chapterPosition: number;
        body: string;
      }[];
    };
    assert.equal(comments.comments.length, 1);
    assert.equal(comments.comments[0].workId, Number(idOf(theirs)));
    assert.equal(comments.comments[0].workTitle, 'Other Shore');
    assert.equal(comments.comments[0].chapterId, theirChapter);
    assert.equal(comments.comments[0].chapterPosition, 1);
    assert.match(comments.comments[0].body, /What a ride!/);
    const kudos = JSON.parse(strFromU8(files['kudos.json'])) as { workTitle: string }[];
    assert.deepEqual(
      kudos.map((k) => k.workTitle),
      ['Other Shore'],
    );
    const subscriptions = JSON.parse(strFromU8(files['subscriptions.json'])) as { name: string }[];
    assert.deepEqual(
      subscriptions.map((s) => s.name),
      ['Other Shore'],
    );
    const pseuds = JSON.parse(strFromU8(files['pen-names.json'])) as { name: string }[];
    assert.deepEqual(
      pseuds.map((p) => p.name),
      ['quill_writer'],
    );
    const profile = JSON.parse(strFromU8(files['profile.json'])) as { login: string; email: string };
    assert.equal(profile.login, 'quill_writer');
    assert.equal(profile.email, 'quill_writer@example.org');
    assert.ok(files['reading-history.json']);

    const index = strFromU8(files['index.html']);
    assert.match(visibleText(index), /Harbour Lights Posted, with 1 chapter only you see EPUB · HTML/);
    assert.match(visibleText(index), /Unfinished Tide Draft EPUB · HTML/);
    assert.match(visibleText(index), /Other Shore — \d{4}-\d\d-\d\d: Lovely harbour scenes/);
    const hrefs = [...index.matchAll(/href="([^"#]+)"/g)].map((m) => m[1]).filter((h) => !/^https?:/.test(h));
    assert.ok(hrefs.includes(postedEpub) && hrefs.includes('bookmarks.json'), hrefs.join(' '));
    for (const href of hrefs) assert.ok(files[href], `index.html links ${href}, which is in the zip`);

    // Nobody else: another member, an admin, a guest.
    assert.equal((await fetchExport(other, link)).status, 404);
    const admin = t.agent();
    await admin.signUp('keeper_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('keeper_admin'))!.id, 'admin');
    assert.equal((await fetchExport(admin, link)).status, 404);
    assert.notEqual((await t.agent().get(link)).status, 200);
    assert.equal((await fetchExport(writer, '/account/export/999999')).status, 404);
    assert.equal((await fetchExport(writer, '/account/export/nonsense')).status, 404);

    // Seven days later the periodic job deletes the file and the page says it expired.
    await t.store.handle.db
      .updateTable('data_exports')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    await runJobs();
    const row = await t.store.handle.db.selectFrom('data_exports').select(['state', 'file']).executeTakeFirstOrThrow();
    assert.equal(row.state, 'expired');
    assert.equal(row.file, null, 'the file is deleted');
    const expired = await fetchExport(writer, link);
    assert.equal(expired.status, 410);
    assert.match(visibleText(expired.body), /This download has expired/);
    assert.match(visibleText((await writer.get('/account')).body), /Your last download .* has expired/);
  });

  it('allows three a day', async () => {
    for (let i = 0; i < 3; i++) {
      assert.equal((await writer.submit('/account/export', {})).status, 303, `export ${i + 1}`);
      await runJobs();
    }
    const refused = await writer.submit('/account/export', {});
    assert.equal(refused.status, 429);
    assert.match(visibleText(refused.body), /You have asked for your data 3 times in the last 24 hours/);
    // Another member is not held back by it.
    assert.equal((await other.submit('/account/export', {})).status, 303);
  });
});
