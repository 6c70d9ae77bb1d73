/**
 * Every staff action and its audit-log line commit together: when the line cannot be written the
 * action is not done either, each action writes exactly one line, and the archive keeps an admin
 * even when the last two revoke each other at the same moment.
 */
import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type Agent, type TestApp } from '../support/http.ts';
import type { Archive } from '../../src/app/index.ts';
import { turnOffFromCommandLine } from '../../src/app/two-factor.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { LastAdminError } from '../../src/store/roles.ts';
import type { Role, User } from '../../src/store/index.ts';

interface Fixture {
  archive: Archive;
  moderator: User;
  admin: User;
  writer: User;
  workId: number;
  otherWorkId: number;
  chapterIds: number[];
  seriesId: number;
  commentId: number;
  spamId: number;
  bookmarkId: number;
  reportId: number;
}

describeEachDatabase('staff actions and their log lines commit together', (dialect) => {
  let t: TestApp;
  let f: Fixture;

  const member = async (login: string, role?: Role): Promise<{ agent: Agent; user: User }> => {
    const agent = t.agent();
    await agent.signUp(login);
    const user = (await t.store.users.findByLogin(login))!;
    if (role) await t.store.roles.grant(user.id, role);
    return { agent, user: (await t.store.users.findByLogin(login))! };
  };

  const logLines = async () =>
    (await t.store.auditLog.list({ limit: 1000 })).entries.map((e) => `${e.action} ${e.targetLabel}`);

  beforeEach(async () => {
    t = await testApp(dialect);
    const writer = await member('harbour_writer');
    const workPath = await writer.agent.postWork({
      title: 'Harbour Lights',
      freeforms: 'Lighthouses',
      newSeriesTitle: 'Coastal Tales',
      expectedChapters: '2',
      complete: '',
    });
    const workId = Number(workPath.split('/').at(-1));
    const added = await writer.agent.submit(`/works/${workId}/chapters`, {
      title: 'Low Tide',
      body: 'The second part.',
    });
    assert.equal(added.status, 303);
    const otherWorkId = Number((await writer.agent.postWork({ title: 'Quiet Bay' })).split('/').at(-1));

    const reader = await member('harbour_reader');
    await reader.agent.submit(`/works/${workId}/comments`, { body: 'The lighthouse keeper is wonderful.' });
    const spammer = t.agent();
    spammer.remoteAddress = '203.0.113.77';
    const guest = { guestName: 'Deals', guestEmail: 'deals@example.org' };
    await spammer.submit(`/works/${workId}/comments`, { body: 'Cheap lamps here!', ...guest });
    await spammer.submit(`/works/${otherWorkId}/comments`, { body: 'Cheap lamps here!', ...guest });
    const comments = (await t.store.comments.listForWork(workId)).filter((c) => !c.deleted);
    const form = await reader.agent.get(`/bookmarks/new?work=${workId}`);
    const pseudId = /name="pseudId" value="(\d+)"/.exec(form.body)?.[1] ?? '';
    await reader.agent.submit('/bookmarks', { kind: 'work', id: String(workId), pseudId, notes: 'Lovely.' });
    await reader.agent.submit('/reports', { kind: 'work', id: String(workId), reason: 'spam' });

    const moderator = await member('harbour_mod', 'moderator');
    const admin = await member('harbour_admin', 'admin');
    f = {
      archive: t.app.quire.archive,
      moderator: moderator.user,
      admin: admin.user,
      writer: writer.user,
      workId,
      otherWorkId,
      chapterIds: (await t.store.works.find(workId))!.chapters.map((c) => c.id),
      seriesId: (await t.store.series.placesOf(workId))[0].seriesId,
      commentId: comments.find((c) => c.body.includes('lighthouse keeper'))!.id,
      spamId: comments.find((c) => c.body.includes('Cheap lamps'))!.id,
      bookmarkId: (await t.store.bookmarks.listForWork(workId))[0].id,
      reportId: (await t.store.reports.listCases({ statuses: ['open'], limit: 10 })).cases[0].id,
    };
    assert.equal(f.chapterIds.length, 2);
    assert.deepEqual(await logLines(), [], 'setting up wrote no line');
  });
  afterEach(() => t.dispose());

  /** Makes every write to the audit log fail, as a full disk or a lost connection would. */
  async function breakTheLog(): Promise<void> {
    const { db } = t.store.handle;
    if (dialect === 'sqlite') {
      await sql`create trigger audit_log_down before insert on audit_log begin select raise(abort, 'the audit log is unavailable'); end`.execute(
        db,
      );
    } else {
      await sql`create function audit_log_down() returns trigger language plpgsql as $$ begin raise exception 'the audit log is unavailable'; end $$`.execute(
        db,
      );
      await sql`create trigger audit_log_down before insert on audit_log for each row execute function audit_log_down()`.execute(
        db,
      );
    }
  }

  async function mendTheLog(): Promise<void> {
    await sql`drop trigger audit_log_down${sql.raw(dialect === 'postgres' ? ' on audit_log' : '')}`.execute(
      t.store.handle.db,
    );
  }

  /** What each action changes, read back from the store. */
  async function state() {
    const work = await t.store.works.find(f.workId);
    const other = await t.store.works.find(f.otherWorkId);
    const comment = await t.store.comments.find(f.commentId);
    const spam = await t.store.comments.find(f.spamId);
    const report = await t.store.reports.findCase(f.reportId);
    const writer = await t.store.users.findById(f.writer.id);
    return {
      workHidden: work?.hidden ?? 'deleted',
      otherHidden: other?.hidden ?? 'deleted',
      chapters: work?.chapters.map((c) => ({ id: c.id, hidden: c.hidden })),
      series: (await t.store.series.find(f.seriesId))?.hidden ?? 'deleted',
      comment: comment && { deleted: comment.deleted, hidden: comment.hidden },
      spam: spam && { deleted: spam.deleted },
      bookmark: (await t.store.bookmarks.find(f.bookmarkId))?.hidden ?? 'deleted',
      heldAddresses: (await t.store.handle.db.selectFrom('held_addresses').select('address_key').execute()).length,
      suspension: writer?.suspension ?? null,
      roles: await t.store.roles.of(f.writer.id),
      report: report && { status: report.status, notes: report.notes.length, assignee: report.assigneeLogin },
      tags: (await t.store.works.find(f.workId))?.tags.map((tag) => tag.name).sort(),
      twoFactor: await t.store.twoFactor.isOn(f.writer.id),
    };
  }

  /** Every staff action once, each with the lines it should write. */
  function actions(): { name: string; run: () => Promise<unknown>; lines: RegExp[] }[] {
    const { archive, moderator: mod, admin, writer } = f;
    return [
      {
        name: 'hide a work',
        run: () => archive.moderation.hide(mod, 'work', f.workId, 'Spam.'),
        lines: [/^work\.hide /],
      },
      {
        name: 'unhide a work',
        run: () => archive.moderation.unhide(mod, 'work', f.workId, 'Not spam.'),
        lines: [/^work\.unhide /],
      },
      {
        name: 'hide a chapter',
        run: () => archive.moderation.hide(mod, 'chapter', f.chapterIds[1], 'Off-topic.'),
        lines: [/^chapter\.hide chapter 2/],
      },
      {
        name: 'hide a series',
        run: () => archive.moderation.hide(mod, 'series', f.seriesId, 'Rude title.'),
        lines: [/^series\.hide the series “Coastal Tales”/],
      },
      {
        name: 'hide a comment',
        run: () => archive.moderation.hide(mod, 'comment', f.commentId, 'Rude.'),
        lines: [/^comment\.hide a comment by harbour_reader/],
      },
      {
        name: 'hide a bookmark',
        run: () => archive.moderation.hide(mod, 'bookmark', f.bookmarkId, 'Rude.'),
        lines: [/^bookmark\.hide a bookmark by harbour_reader/],
      },
      {
        name: 'delete a chapter',
        run: () => archive.moderation.delete(mod, 'chapter', f.chapterIds[1], 'Stolen.'),
        lines: [/^chapter\.delete /],
      },
      {
        name: 'delete a comment',
        run: () => archive.moderation.delete(mod, 'comment', f.commentId, 'Rude.'),
        lines: [/^comment\.delete /],
      },
      {
        name: 'delete a bookmark',
        run: () => archive.moderation.delete(mod, 'bookmark', f.bookmarkId, 'Rude.'),
        lines: [/^bookmark\.delete /],
      },
      {
        name: 'delete a series',
        run: () => archive.moderation.delete(mod, 'series', f.seriesId, 'Rude.'),
        lines: [/^series\.delete /],
      },
      {
        name: 'mark spam',
        run: () => archive.moderation.markSpam(mod, f.spamId, 'Lamp spam.'),
        lines: [/^comment\.spam /],
      },
      {
        name: 'take a report',
        run: () => archive.reports.take(mod, String(f.reportId)),
        lines: [/^report\.take Report #/],
      },
      {
        name: 'note on a report',
        run: () => archive.reports.addNote(mod, String(f.reportId), 'Looking.'),
        lines: [/^report\.note Report #/],
      },
      {
        name: 'change a report’s status',
        run: () => archive.reports.setStatus(mod, String(f.reportId), 'dismissed', 'Fine.'),
        lines: [/^report\.status Report #/],
      },
      {
        name: 'rename a tag',
        run: () => archive.tagAdmin.rename(admin, 'Lighthouses', 'freeform', 'Lighthouse Keepers', 'Clearer.'),
        lines: [/^tag\.rename Lighthouses → Lighthouse Keepers/],
      },
      {
        name: 'delete a tag',
        run: () => archive.tagAdmin.delete(admin, 'Lighthouse Keepers', 'freeform', 'Not needed.'),
        lines: [/^tag\.delete Lighthouse Keepers/],
      },
      {
        name: 'grant a role',
        run: () => archive.admin.grant(admin, { login: writer.login, role: 'wrangler', reason: 'Tags.' }),
        lines: [/^role\.grant harbour_writer: Wrangler/],
      },
      {
        name: 'revoke a role',
        run: () => archive.admin.revoke(admin, { login: writer.login, role: 'wrangler', reason: 'Done.' }),
        lines: [/^role\.revoke harbour_writer: Wrangler/],
      },
      {
        name: 'turn two-factor off from the command line',
        run: () => turnOffFromCommandLine(t.store, writer.login),
        lines: [/^user\.two-factor-off harbour_writer/],
      },
      {
        name: 'suspend',
        run: () =>
          archive.moderation.suspend(mod, writer.login, {
            days: '3',
            ban: false,
            reason: 'Cool off.',
            hideWorks: false,
          }),
        lines: [/^user\.suspend harbour_writer/],
      },
      {
        name: 'lift',
        run: () => archive.moderation.lift(mod, writer.login, 'Apologised.'),
        lines: [/^user\.reinstate harbour_writer/],
      },
      {
        name: 'ban, hiding the works',
        run: () =>
          archive.moderation.suspend(mod, writer.login, { days: '', ban: true, reason: 'Spam ring.', hideWorks: true }),
        lines: [/^user\.ban harbour_writer/, /^work\.hide Harbour Lights/, /^work\.hide Quiet Bay/],
      },
      {
        name: 'delete a work',
        run: () => archive.moderation.delete(mod, 'work', f.workId, 'Stolen.'),
        lines: [/^work\.delete /],
      },
    ];
  }

  async function turnTwoFactorOn(): Promise<void> {
    assert.ok(await t.store.twoFactor.startSetup(f.writer.id, 'sealed-secret'));
    assert.ok(await t.store.twoFactor.confirm(f.writer.id, 1, ['code-hash']));
    assert.equal(await t.store.twoFactor.isOn(f.writer.id), true);
  }

  it('when the log line cannot be written, the action is not done either', async () => {
    await turnTwoFactorOn();
    // Things to unhide and a suspension to lift, made while the log still works.
    await f.archive.moderation.hide(f.moderator, 'work', f.workId, 'Checking.');
    await f.archive.moderation.suspend(f.moderator, f.writer.login, {
      days: '3',
      ban: false,
      reason: 'Checking.',
      hideWorks: false,
    });
    await f.archive.admin.grant(f.admin, { login: f.writer.login, role: 'moderator', reason: 'Helping.' });
    const lines = await logLines();
    assert.equal(lines.length, 3);

    await breakTheLog();
    const before = await state();
    // The work is hidden already, the tag keeps its name (the rename fails) and the writer is no
    // wrangler: those three actions are left out, a revocation that would be done is put in.
    const attempts: { name: string; run: () => Promise<unknown> }[] = [
      ...actions().filter((a) => !['hide a work', 'delete a tag', 'revoke a role'].includes(a.name)),
      {
        name: 'delete a tag',
        run: () => f.archive.tagAdmin.delete(f.admin, 'Lighthouses', 'freeform', 'Not needed.'),
      },
      {
        name: 'take the moderator role away',
        run: () => f.archive.admin.revoke(f.admin, { login: f.writer.login, role: 'moderator', reason: 'Done.' }),
      },
    ];
    for (const attempt of attempts) {
      await assert.rejects(attempt.run(), /audit log is unavailable/, `${attempt.name} fails with its line`);
      assert.deepEqual(await state(), before, `${attempt.name}: nothing changed`);
    }
    assert.deepEqual(await logLines(), lines, 'and no line was written');

    await mendTheLog();
    await f.archive.moderation.lift(f.moderator, f.writer.login, 'Log works again.');
    assert.equal((await t.store.users.findById(f.writer.id))!.suspension, null, 'the same action goes through now');
  });

  it('a failure later in a ban’s transaction undoes the ban, the hidden works and their lines', async () => {
    const { store } = t;
    const entry = f.archive.audit.entry(f.moderator, 'user.ban', { kind: 'user', id: f.writer.id, label: 'w' }, 'x');
    await assert.rejects(
      store.users.setSuspension(
        f.writer.id,
        { until: null, reason: 'Spam ring.' },
        {
          audit: entry,
          alsoInTransaction: async (tx) => {
            const hidden = await store.works.hideSoleCreatorWorksIn(tx, f.writer.id, 'Spam ring.');
            assert.equal(hidden.length, 2, 'both works were hidden inside the transaction');
            throw new Error('the process died here');
          },
        },
      ),
      /the process died here/,
    );
    assert.equal((await store.users.findById(f.writer.id))!.suspension, null);
    assert.equal((await store.works.find(f.workId))!.hidden, null);
    assert.equal((await store.works.find(f.otherWorkId))!.hidden, null);
    assert.deepEqual(await logLines(), []);
  });

  it('each staff action writes exactly its own lines', async () => {
    await turnTwoFactorOn();
    let seen = 0;
    for (const action of actions()) {
      await action.run();
      const lines = await logLines();
      const fresh = lines.slice(0, lines.length - seen).reverse();
      assert.equal(fresh.length, action.lines.length, `${action.name}: ${fresh.join(' | ')}`);
      action.lines.forEach((line, i) => assert.match(fresh[i], line, action.name));
      seen = lines.length;
    }
    const after = await state();
    assert.equal(after.workHidden, 'deleted');
    assert.equal(after.heldAddresses, 1, 'marking spam held the address');
    assert.equal(after.twoFactor, false);
  });

  it('two admins taking the role from each other at the same moment leave one admin', async () => {
    const second = await member('second_admin', 'admin');
    const first = f.admin;
    const results = await Promise.allSettled([
      f.archive.admin.revoke(first, { login: second.user.login, role: 'admin', reason: 'Mutiny.' }),
      f.archive.admin.revoke(second.user, { login: first.login, role: 'admin', reason: 'Mutiny.' }),
    ]);
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, 'one revocation went through');
    const refused = results.find((r) => r.status === 'rejected');
    assert.ok(refused?.status === 'rejected');
    assert.ok(refused.reason instanceof ValidationError, String(refused.reason));
    assert.match(refused.reason.fieldErrors.login, /only admin\. Make another member an admin first/);
    assert.equal((await t.store.roles.holders('admin')).length, 1, 'the archive still has an admin');
    assert.equal((await logLines()).filter((l) => l.startsWith('role.revoke')).length, 1, 'one line, for the one done');
  });

  it('the store keeps the last admin however many revocations race', async () => {
    const ids = [f.admin.id];
    for (const login of ['admin_two', 'admin_three', 'admin_four']) ids.push((await member(login, 'admin')).user.id);
    const results = await Promise.allSettled(ids.map((id) => t.store.roles.revoke(id, 'admin')));
    assert.equal(results.filter((r) => r.status === 'fulfilled').length, 3);
    const refused = results.filter((r) => r.status === 'rejected');
    assert.equal(refused.length, 1);
    assert.ok(refused[0].status === 'rejected' && refused[0].reason instanceof LastAdminError);
    assert.equal((await t.store.roles.holders('admin')).length, 1);
    assert.equal(await t.store.roles.revoke(f.moderator.id, 'moderator'), true, 'other roles go as before');
  });
});
