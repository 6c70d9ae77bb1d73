import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { startSmtp, type TestSmtp } from '../support/smtp.ts';
import { createJobs } from '../../src/jobs/index.ts';
import { loadConfig, type Config } from '../../src/config.ts';

const BASE_URL = 'https://archive.example.org';
const PASSWORD = 'correct horse battery';
const CONFIRM_LINK = /https:\/\/archive\.example\.org(\/email\/confirm\/[A-Za-z0-9_-]+)/;

let addressCounter = 0;
function fromOwnAddress(agent: Agent): Agent {
  addressCounter += 1;
  agent.remoteAddress = `10.88.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
  return agent;
}

describeEachDatabase('email confirmation', (dialect) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let config: Config;
  let workPath: string;

  beforeEach(async () => {
    smtp = await startSmtp();
    const mail = { smtpUrl: smtp.url, baseUrl: BASE_URL, mailFrom: 'Quire <noreply@archive.example.org>' };
    t = await testApp(dialect, mail);
    config = loadConfig({ QUIRE_DATA: '/nonexistent' }, mail);
  });
  afterEach(async () => {
    await t.dispose();
    await smtp.close();
  });

  async function runJobs(): Promise<void> {
    const jobs = createJobs(t.store, config);
    try {
      await jobs.runner.runDue();
    } finally {
      await jobs.stop();
    }
  }

  /** The confirmation links mailed to an address so far, oldest first. */
  function linksTo(address: string): string[] {
    return smtp.received
      .filter((m) => m.to.includes(address) && m.subject === 'Confirm your email address on Quire')
      .map((m) => CONFIRM_LINK.exec(m.text)![1]);
  }

  async function confirm(agent: Agent, link: string) {
    const page = await agent.get(link);
    assert.equal(page.status, 200);
    assert.match(visibleText(page.body), /Confirm your email address/);
    return agent.submit(link, {});
  }

  async function postedWork(): Promise<string> {
    const author = fromOwnAddress(t.agent());
    await author.signUp('story_author');
    // The author's own address, confirmed by its link.
    await runJobs();
    assert.equal((await confirm(author, linksTo('story_author@example.org')[0])).status, 303);
    return author.postWork({ title: 'A Work to Answer' });
  }

  it('keeps a new account from posting and commenting until it confirms, and lets it read and leave kudos', async () => {
    workPath = await postedWork();
    const fresh = fromOwnAddress(t.agent());
    await fresh.signUp('fresh_reader');
    const account = visibleText((await fresh.get('/account')).body);
    assert.match(account, /Your address fresh_reader@example\.org is not confirmed yet/);

    const workPage = await fresh.get(workPath);
    assert.equal(workPage.status, 200, 'reading works');
    assert.match(visibleText(workPage.body), /Confirm your email address before you comment/);
    assert.match(workPage.body, /action="\/account\/email\/resend"/);
    assert.doesNotMatch(workPage.body, /<button type="submit">Post comment<\/button>/);
    const refusedComment = await fresh.submit(`${workPath}/comments`, { body: 'Lovely!' });
    assert.equal(refusedComment.status, 403);
    assert.match(visibleText(refusedComment.body), /Confirm your email address before you comment/);
    assert.match(refusedComment.body, /Resend the confirmation mail/);

    const newWork = await fresh.get('/works/new');
    assert.equal(newWork.status, 403);
    assert.match(visibleText(newWork.body), /Confirm your email address before you post works and chapters/);
    assert.match(newWork.body, /action="\/account\/email\/resend"/);

    const kudos = await fresh.submit(`${workPath}/kudos`, {});
    assert.ok(kudos.status === 303 || kudos.status === 200, `kudos answered ${kudos.status}`);

    await runJobs();
    const resent = await fresh.submit('/account/email/resend', {});
    assert.equal(resent.status, 303);
    await runJobs();
    const links = linksTo('fresh_reader@example.org');
    assert.equal(links.length, 2, 'the sign-up mail and the one asked for again');
    const confirmed = await confirm(fresh, links[0]);
    assert.equal(confirmed.status, 303);
    assert.match(visibleText((await fresh.get('/account')).body), /fresh_reader@example\.org is confirmed/);

    const comment = await fresh.submit(`${workPath}/comments`, { body: 'Lovely, now that I may say so!' });
    assert.equal(comment.status, 303);
    assert.equal((await fresh.get('/works/new')).status, 200);

    const again = await fresh.get(links[0]);
    assert.equal(again.status, 410);
    assert.match(visibleText(again.body), /This confirmation link has been used already/);
  });

  it('lets unconfirmed accounts post and comment when an admin allows it', async () => {
    workPath = await postedWork();
    const admin = fromOwnAddress(t.agent());
    await admin.signUp('site_admin');
    await t.store.roles.grant((await t.store.users.findByLogin('site_admin'))!.id, 'admin');
    const settings = await admin.get('/admin/settings');
    assert.match(
      settings.body,
      /<label for="field-unconfirmedMayPost">Unconfirmed accounts may post and comment<\/label>/,
    );
    assert.doesNotMatch(settings.body, /name="unconfirmedMayPost" value="1" checked/, 'off by default');

    const fresh = fromOwnAddress(t.agent());
    await fresh.signUp('eager_poster');
    assert.equal((await fresh.get('/works/new')).status, 403);
    const saved = await admin.submit('/admin/settings', {
      signUpMode: 'open',
      invitationsPerDay: '10',
      unconfirmedMayPost: '1',
    });
    assert.equal(saved.status, 303);
    assert.match((await admin.get('/admin/settings')).body, /name="unconfirmedMayPost" value="1" checked/);
    assert.equal((await fresh.get('/works/new')).status, 200);
    assert.equal((await fresh.submit(`${workPath}/comments`, { body: 'Allowed now.' })).status, 303);

    // A draft saved while it was allowed stays a draft once it is not.
    const draft = await fresh.postWork({ title: 'Waiting Draft', action: 'draft' });
    const pseudId = await fresh.defaultPseudId();
    await admin.submit('/admin/settings', { signUpMode: 'open', invitationsPerDay: '10' });
    const posting = await fresh.submit(draft, {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'Waiting Draft',
      creatorPseudIds: pseudId,
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      action: 'post',
    });
    assert.equal(posting.status, 403);
    assert.match(visibleText(posting.body), /Confirm your email address before you post/);
    assert.equal((await t.agent().get(draft)).status, 404, 'still a draft');

    // Nor is a news comment form offered that would only be refused.
    const news = await admin.submit('/admin/news', { title: 'Welcome', body: 'Hello, archive.', tags: '' });
    assert.equal(news.status, 303);
    const newsPage = await fresh.get(news.location!);
    assert.match(visibleText(newsPage.body), /Confirm your email address before you comment/);
    assert.match(newsPage.body, /action="\/account\/email\/resend"/);
    assert.doesNotMatch(newsPage.body, /class="news-comment-form"/);
  });

  it('changes an address only once the new one is confirmed, and cancels a change', async () => {
    const member = fromOwnAddress(t.agent());
    await member.signUp('moving_member');
    await runJobs();
    await confirm(member, linksTo('moving_member@example.org')[0]);

    const changed = await member.submit('/account/email', {
      email: 'New.Home@example.org',
      currentPassword: PASSWORD,
    });
    assert.equal(changed.status, 303);
    const account = visibleText((await member.get('/account')).body);
    assert.match(account, /We have sent a confirmation link to new\.home@example\.org/);
    assert.match(account, /Waiting for confirmation: new\.home@example\.org/);
    assert.match(account, /Signed in as moving_member \(moving_member@example\.org\)/);
    assert.equal(
      (
        await fromOwnAddress(t.agent()).submit('/login', {
          identifier: 'moving_member@example.org',
          password: PASSWORD,
        })
      ).status,
      303,
      'the old address still logs in',
    );

    await runJobs();
    const [link] = linksTo('new.home@example.org');
    assert.ok(link, 'the link goes to the new address');
    const done = await confirm(fromOwnAddress(t.agent()), link);
    assert.equal(done.status, 303);
    const after = visibleText((await member.get('/account')).body);
    assert.match(after, /Signed in as moving_member \(new\.home@example\.org\)/);
    assert.doesNotMatch(after, /Waiting for confirmation/);
    const oldAddress = await fromOwnAddress(t.agent()).submit('/login', {
      identifier: 'moving_member@example.org',
      password: PASSWORD,
    });
    assert.equal(oldAddress.status, 401);

    // A second change, cancelled: its link then confirms nothing.
    await member.submit('/account/email', { email: 'elsewhere@example.org', currentPassword: PASSWORD });
    await runJobs();
    const [cancelledLink] = linksTo('elsewhere@example.org');
    const cancel = await member.submit('/account/email/cancel', {});
    assert.equal(cancel.status, 303);
    assert.match(visibleText((await member.get('/account')).body), /The change to elsewhere@example\.org is cancelled/);
    const stale = await fromOwnAddress(t.agent()).get(cancelledLink);
    assert.equal(stale.status, 410);
    assert.match(
      visibleText((await member.get('/account')).body),
      /Signed in as moving_member \(new\.home@example\.org\)/,
    );
  });
});

describeEachDatabase('email confirmation without mail', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('counts every account as confirmed and changes an address at once', async () => {
    const member = t.agent();
    await member.signUp('mailless_member');
    assert.equal((await member.get('/works/new')).status, 200);
    assert.doesNotMatch(visibleText((await member.get('/account')).body), /not confirmed/);
    const changed = await member.submit('/account/email', { email: 'now@example.org', currentPassword: PASSWORD });
    assert.equal(changed.status, 303);
    assert.match(visibleText((await member.get('/account')).body), /\(now@example\.org\)/);
  });
});
