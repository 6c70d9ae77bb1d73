import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { registeredRoutes } from '../support/api.ts';
import { AuditLogStore } from '../../src/store/audit-log.ts';
import type { Role } from '../../src/store/index.ts';

/** Signs up through the form, accepting the archive's terms as the form asks. */
async function signUp(agent: Agent, login: string): Promise<void> {
  const password = 'correct horse battery';
  const response = await agent.submit('/signup', {
    login,
    email: `${login}@example.org`,
    password,
    passwordConfirmation: password,
    acceptTerms: '1',
  });
  assert.equal(response.status, 303, `sign-up of ${login}`);
}

type AdminPage = '/admin' | '/admin/reports' | '/admin/roles' | '/admin/log';

describeEachDatabase('the admin area over HTTP', (dialect) => {
  let t: TestApp;
  const agents: Record<string, Agent> = {};
  beforeEach(async () => {
    t = await testApp(dialect);
    agents.guest = t.agent();
    const roles: [string, Role | null][] = [
      ['member', null],
      ['wrangler', 'wrangler'],
      ['moderator', 'moderator'],
      ['admin', 'admin'],
    ];
    for (const [login, role] of roles) {
      agents[login] = t.agent();
      await signUp(agents[login], login);
      if (role) await t.store.roles.grant((await t.store.users.findByLogin(login))!.id, role);
    }
  });
  afterEach(() => t.dispose());

  const logText = async () => visibleText((await agents.admin.get('/admin/log')).body);

  it('lets each role see only its pages: guests log in, members and wranglers are refused', async () => {
    const expected: Record<string, Record<AdminPage, number>> = {
      guest: { '/admin': 303, '/admin/reports': 303, '/admin/roles': 303, '/admin/log': 303 },
      member: { '/admin': 403, '/admin/reports': 403, '/admin/roles': 403, '/admin/log': 403 },
      wrangler: { '/admin': 403, '/admin/reports': 403, '/admin/roles': 403, '/admin/log': 403 },
      moderator: { '/admin': 200, '/admin/reports': 200, '/admin/roles': 403, '/admin/log': 200 },
      admin: { '/admin': 200, '/admin/reports': 200, '/admin/roles': 200, '/admin/log': 200 },
    };
    for (const [who, pages] of Object.entries(expected)) {
      for (const [page, status] of Object.entries(pages)) {
        const response = await agents[who].get(page);
        assert.equal(response.status, status, `${who} on ${page}`);
        if (status === 303) assert.equal(response.location, `/login?return_to=${encodeURIComponent(page)}`);
      }
      const home = await agents[who].get('/');
      const staff = who === 'moderator' || who === 'admin';
      assert.equal(/<a href="\/admin">Admin<\/a>/.test(home.body), staff, `${who}: Admin link in the header`);
    }
    const dashboard = visibleText((await agents.moderator.get('/admin')).body);
    for (const heading of ['Open reports', 'Held comments', 'Recent sign-ups', 'Recent actions'])
      assert.ok(dashboard.includes(heading), heading);
    assert.match(dashboard, /admin .* moderator .* wrangler .* member/, 'newest sign-ups first');
    assert.ok(
      !/href="\/admin\/roles"/.test((await agents.moderator.get('/admin')).body),
      'no Roles link for moderators',
    );
    assert.match((await agents.admin.get('/admin')).body, /href="\/admin\/roles"/);
  });

  it('shows held comments on the dashboard', async () => {
    const work = await agents.member.postWork({
      title: 'Moderated Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      moderated: '1',
    });
    const guest = t.agent();
    guest.remoteAddress = '10.7.0.1';
    const posted = await guest.submit(`${work}/comments`, {
      body: 'Hello!',
      guestName: 'Visitor',
      guestEmail: 'v@example.org',
    });
    assert.equal(posted.status, 303);
    const text = visibleText((await agents.moderator.get('/admin')).body);
    assert.match(text, /Held comments 1 /);
    assert.match(text, /Moderated Work Visitor \(guest\)/);
  });

  it('lets admins grant and take away roles, and moderators neither', async () => {
    const page = await agents.admin.get('/admin/roles');
    assert.match(visibleText(page.body), /admin Admin since/);
    assert.match(visibleText(page.body), /wrangler Wrangler since/);

    const granted = await agents.admin.submit('/admin/roles', {
      login: 'member',
      role: 'moderator',
      reason: 'Joined the team',
    });
    assert.equal(granted.status, 303);
    assert.equal((await agents.member.get('/admin/reports')).status, 200, 'the new moderator sees the queue');
    assert.match(visibleText((await agents.admin.get('/admin/roles')).body), /member Moderator since/);

    const unknown = await agents.admin.submit('/admin/roles', { login: 'nobody', role: 'owner', reason: 'typo' });
    assert.equal(unknown.status, 422);
    const unknownText = visibleText(unknown.body);
    assert.match(unknownText, /There is no member called nobody/);
    assert.match(unknownText, /Choose a role from the list/);
    assert.match(unknown.body, /value="nobody"/, 'what was typed is kept');
    assert.match(unknown.body, /value="typo"/);

    assert.equal(
      (await agents.moderator.submit('/admin/roles', { login: 'wrangler', role: 'admin', reason: '' })).status,
      403,
    );
    assert.equal(
      (await agents.moderator.submit('/admin/roles/revoke', { login: 'admin', role: 'admin', reason: '' })).status,
      403,
    );
    assert.equal((await agents.guest.submit('/admin/roles', { login: 'guest', role: 'admin' })).status, 303);
    assert.equal(await t.store.roles.has((await t.store.users.findByLogin('wrangler'))!.id, 'admin'), false);

    const revoked = await agents.admin.submit('/admin/roles/revoke', { login: 'member', role: 'moderator' });
    assert.equal(revoked.status, 303);
    assert.equal((await agents.member.get('/admin/reports')).status, 403, 'the role is gone at once');
  });

  it('never lets the last admin go', async () => {
    const refused = await agents.admin.submit('/admin/roles/revoke', { login: 'admin', role: 'admin' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /admin is the archive’s only admin\. Make another member an admin first/);
    assert.equal((await agents.admin.get('/admin/roles')).status, 200, 'still an admin');
    assert.doesNotMatch(await logText(), /Took a role away/, 'nothing done, nothing logged');

    await agents.admin.submit('/admin/roles', { login: 'moderator', role: 'admin', reason: 'A second admin' });
    const stepped = await agents.admin.submit('/admin/roles/revoke', { login: 'admin', role: 'admin' });
    assert.equal(stepped.status, 303, 'with another admin, one may step down');
    assert.equal((await agents.admin.get('/admin/roles')).status, 403);
    const last = await agents.moderator.submit('/admin/roles/revoke', { login: 'moderator', role: 'admin' });
    assert.equal(last.status, 422, 'the new last admin cannot go either');
    assert.match(visibleText(last.body), /moderator is the archive’s only admin/);
  });

  it('writes every staff action to the log: who, what, to what, when, why', async () => {
    await agents.admin.submit('/admin/roles', { login: 'member', role: 'wrangler', reason: 'Loves tags' });
    await agents.admin.submit('/admin/roles/revoke', { login: 'member', role: 'wrangler', reason: 'Asked to stop' });
    const work = await agents.member.postWork({
      title: 'Reported Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
    });
    await agents.wrangler.submit('/reports', { kind: 'work', id: /\d+/.exec(work)![0], reason: 'spam' });
    const id = /href="\/admin\/reports\/(\d+)"/.exec((await agents.moderator.get('/admin/reports')).body)![1];
    await agents.moderator.submit(`/admin/reports/${id}/take`, {});
    await agents.moderator.submit(`/admin/reports/${id}/notes`, { note: 'Looking into it.' });
    await agents.moderator.submit(`/admin/reports/${id}/status`, { status: 'dismissed', reason: 'Not spam' });

    const log = await logText();
    const lines = log.slice(log.indexOf('Why') + 3);
    for (const expected of [
      /admin Granted a role \( role\.grant \) member: Wrangler Loves tags/,
      /admin Took a role away \( role\.revoke \) member: Wrangler Asked to stop/,
      /mod\w* Took a report \( report\.take \) Report #\d+: work “Reported Work”/,
      /moderator Added a note to a report \( report\.note \) Report #\d+: work “Reported Work” Looking into it\./,
      /moderator Changed a report’s status \( report\.status \) Report #\d+: work “Reported Work”: In review → Dismissed Not spam/,
    ])
      assert.match(lines, expected);
    assert.match(log, /\d{1,2} \w{3} \d{4}, \d\d:\d\d UTC/, 'when, to the minute');
    assert.ok(lines.indexOf('Changed a report’s status') < lines.indexOf('Granted a role'), 'newest first');
    const dashboard = visibleText((await agents.moderator.get('/admin')).body);
    assert.match(dashboard, /Recent actions .*Changed a report’s status/);
    assert.equal((await agents.member.get('/admin/log')).status, 403);
  });

  it('offers no way to change the log: no route, no store method', async () => {
    await agents.admin.submit('/admin/roles', { login: 'member', role: 'moderator', reason: 'Keep me' });
    const before = await t.store.handle.db.selectFrom('audit_log').selectAll().execute();
    assert.equal(before.length, 1);

    const logRoutes = registeredRoutes(t.app, '/admin/log');
    assert.deepEqual(logRoutes, ['GET /admin/log'], 'the log is only read over HTTP');
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
      for (const url of ['/admin/log', `/admin/log/${before[0].id}`, `/admin/log/${before[0].id}/delete`]) {
        const response = await t.app.inject({ method, url, payload: { reason: 'tampered' } });
        assert.ok([403, 404].includes(response.statusCode), `${method} ${url} answered ${response.statusCode}`);
      }
    }
    assert.deepEqual(
      Object.getOwnPropertyNames(AuditLogStore.prototype).sort(),
      ['constructor', 'insert', 'insertIn', 'list'],
      'the store can only add and read lines',
    );
    const after = await t.store.handle.db.selectFrom('audit_log').selectAll().execute();
    assert.deepEqual(after, before);
    assert.match(await logText(), /Keep me/);
  });
});
