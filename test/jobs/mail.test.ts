import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase, freshStore, type TestStore } from '../support/databases.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { chapterContent, postWork } from '../support/works.ts';
import { createJobs, MAIL_DIGEST_JOB } from '../../src/jobs/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { NOTIFICATION_KINDS } from '../../src/store/notifications.ts';
import type { NotificationPreferences, Store } from '../../src/store/index.ts';

describeEachDatabase('notification mail digests', (dialect) => {
  let t: TestStore;
  let store: Store;
  let smtp: TestSmtp;
  let writer: { userId: number; pseudId: number };
  let reader: number;
  let workId: number;
  beforeEach(async () => {
    t = await freshStore(dialect);
    store = t.store;
    smtp = await startSmtp();
    const user = await store.users.create({ login: 'keeper', email: 'keeper@example.org', passwordHash: 'h' });
    writer = { userId: user.id, pseudId: (await store.pseuds.listForUser(user.id))[0].id };
    reader = (await store.users.create({ login: 'night_reader', email: 'night@example.org', passwordHash: 'h' })).id;
    workId = await postWork(store, [writer.pseudId], { title: 'Long Haul', expectedChapters: '5', complete: false });
    await store.subscriptions.subscribe(reader, 'work', workId);
    await store.subscriptions.subscribe(reader, 'user', writer.userId);
  });
  afterEach(async () => {
    await smtp.close();
    await t.dispose();
  });

  function config(overrides: Partial<Config> = {}): Config {
    return loadConfig(
      { QUIRE_DATA: '/nonexistent' },
      {
        smtpUrl: smtp.url,
        baseUrl: 'https://archive.example.org',
        mailDelayMs: 0,
        mailFrom: 'Quire <noreply@archive.example.org>',
        ...overrides,
      },
    );
  }

  async function mailMe(kinds: string[]) {
    const prefs = Object.fromEntries(
      NOTIFICATION_KINDS.map((kind) => [kind, { inbox: true, email: kinds.includes(kind) }]),
    ) as NotificationPreferences;
    await store.inbox.setPreferences(reader, prefs);
  }

  /** Runs the jobs once, as a server with this configuration would at one poll. */
  async function poll(c: Config = config()) {
    const jobs = createJobs(store, c);
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }
  }

  it('mails a member one digest of the notifications they chose, with links, and never mails one twice', async () => {
    await mailMe(['new-chapter']);
    const second = await store.works.addChapter(workId, chapterContent('Two.'), false);
    await store.works.addChapter(workId, chapterContent('Three.'), false);
    await postWork(store, [writer.pseudId], { title: 'Side Story' }); // a new-work notice: inbox only

    await poll();
    assert.equal(smtp.received.length, 1, 'one mail for both chapters');
    const mail = smtp.received[0];
    assert.deepEqual(mail.to, ['night@example.org']);
    assert.equal(mail.from, 'noreply@archive.example.org');
    assert.equal(mail.subject, 'Quire: 2 new notifications');
    assert.match(mail.text, /Hello night_reader,/);
    assert.match(
      mail.text,
      /\* keeper posted chapter 2 of Long Haul\.\r?\n {2}https:\/\/archive\.example\.org\/works\/\d+\/chapters\/\d+/,
    );
    assert.match(mail.text, /\* keeper posted chapter 3 of Long Haul\./);
    assert.doesNotMatch(mail.text, /Side Story/, 'kinds not chosen for email stay in the inbox only');
    assert.match(mail.text, /https:\/\/archive\.example\.org\/inbox\/preferences/);
    assert.ok(
      mail.html.includes(
        `<a href="https://archive.example.org/works/${workId}/chapters/${second}">keeper posted chapter 2 of Long Haul.</a>`,
      ),
      'the HTML part links each notice',
    );
    assert.match(mail.html, /href="https:\/\/archive\.example\.org\/inbox\/preferences"/);
    assert.equal(mail.headers.get('list-unsubscribe'), '<https://archive.example.org/inbox/preferences>');
    assert.equal(await store.inbox.countUnread(reader), 3, 'mailing leaves the inbox as it was');

    await poll();
    assert.equal(smtp.received.length, 1, 'nothing more to send');

    await store.works.addChapter(workId, chapterContent('Four.'), false);
    await poll();
    assert.equal(smtp.received.length, 2);
    assert.equal(smtp.received[1].subject, 'Quire: 1 new notification');
    assert.match(smtp.received[1].text, /chapter 4 of Long Haul/);
    assert.doesNotMatch(smtp.received[1].text, /chapter 2 of Long Haul/);
  });

  it('never mails the title of a work that went back to draft before the digest left', async () => {
    await mailMe(['new-chapter']);
    await store.works.addChapter(workId, chapterContent('Two.'), false);
    await store.handle.db.updateTable('works').set({ visibility: 'draft' }).where('id', '=', workId).execute();
    await poll();
    assert.equal(smtp.received.length, 1);
    const mail = smtp.received[0];
    assert.doesNotMatch(mail.text, /Long Haul/);
    assert.doesNotMatch(mail.html, /Long Haul|\/works\//);
    assert.match(mail.text, /A work you followed is no longer available\./);
  });

  it('waits for the digest delay after the first notification, so later ones join the same mail', async () => {
    await mailMe(['new-chapter']);
    await store.works.addChapter(workId, chapterContent('Two.'), false);
    const delayed = config({ mailDelayMs: 5 * 60_000 });
    await poll(delayed);
    assert.equal(smtp.received.length, 0, 'not yet');
    const [job] = await store.jobs.pending(MAIL_DIGEST_JOB);
    assert.deepEqual(job.payload, { userId: reader });
    await poll(delayed);
    assert.equal(
      (await store.jobs.pending(MAIL_DIGEST_JOB)).length,
      1,
      'one digest job per member, however often the queue is polled',
    );
    await store.works.addChapter(workId, chapterContent('Three.'), false);
    await store.handle.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', job.id)
      .execute(); // five minutes pass
    await poll(delayed);
    assert.equal(smtp.received.length, 1);
    assert.equal(smtp.received[0].subject, 'Quire: 2 new notifications');
  });

  it('without SMTP_URL nothing is sent and no mail jobs are queued', async () => {
    await mailMe(['new-chapter']);
    await store.works.addChapter(workId, chapterContent('Two.'), false);
    await poll(config({ smtpUrl: undefined }));
    await poll(config({ smtpUrl: undefined }));
    assert.equal(smtp.received.length, 0);
    assert.deepEqual(await store.jobs.pending(MAIL_DIGEST_JOB), []);
    assert.equal(await store.inbox.countUnread(reader), 1, 'the inbox has it');
  });

  it('a member who wants no email gets none', async () => {
    await store.works.addChapter(workId, chapterContent('Two.'), false);
    await poll();
    assert.equal(smtp.received.length, 0);
  });

  it('a failed send is tried again later and then mails the notices once', async () => {
    await mailMe(['new-chapter']);
    await store.works.addChapter(workId, chapterContent('Two.'), false);
    const broken = createJobs(store, config(), {
      mailer: { send: async () => Promise.reject(new Error('connection refused')), close() {} },
    });
    await broken.runner.runDue();
    await broken.stop();
    const [job] = await store.jobs.pending(MAIL_DIGEST_JOB);
    assert.equal(job.lastError, 'connection refused');
    await store.handle.db
      .updateTable('jobs')
      .set({ run_at: new Date(Date.now() - 1000).toISOString() })
      .where('id', '=', job.id)
      .execute();
    await poll();
    assert.equal(smtp.received.length, 1);
    assert.match(smtp.received[0].text, /chapter 2 of Long Haul/);
    await poll();
    assert.equal(smtp.received.length, 1);
  });
});
