/**
 * Every staff action against every role: guests are sent to log in, members whose roles do not
 * allow it are refused (403) and change nothing, and the roles that may do it do it.
 */
import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type Agent, type Response, type TestApp } from '../support/http.ts';
import type { Role } from '../../src/store/index.ts';

type Who = 'guest' | 'member' | 'wrangler' | 'moderator' | 'admin';
const EVERYONE: Who[] = ['guest', 'member', 'wrangler', 'moderator', 'admin'];

describeEachDatabase('the role × action matrix', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  const agents = {} as Record<Who, Agent>;
  let n = 0;

  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('matrix_writer');
    agents.guest = t.agent();
    for (const [who, role] of [
      ['member', null],
      ['wrangler', 'wrangler'],
      ['moderator', 'moderator'],
      ['admin', 'admin'],
    ] as [Who, Role | null][]) {
      agents[who] = t.agent();
      await agents[who].signUp(`matrix_${who}`);
      if (role) await t.store.roles.grant((await t.store.users.findByLogin(`matrix_${who}`))!.id, role);
    }
  });
  afterEach(() => t.dispose());

  /** A new work of the writer's, tagged with a tag of its own; its id and tag. */
  async function freshWork(): Promise<{ id: string; tag: string }> {
    n += 1;
    const tag = `Matrix Tag ${n}`;
    const path = await writer.postWork({ title: `Matrix Work ${n}`, freeforms: tag });
    return { id: path.split('/').pop()!, tag };
  }

  /** A guest's comment on a new work; its id. */
  async function freshComment(): Promise<string> {
    const { id } = await freshWork();
    const posted = await t.agent().submit(`/works/${id}/comments`, {
      body: `A comment, number ${n}.`,
      guestName: 'Passer-by',
      guestEmail: 'passer@example.org',
    });
    return /#comment-(\d+)$/.exec(posted.location!)![1];
  }

  /** A report about a new work; the id of its queue entry. */
  async function freshReport(): Promise<string> {
    const { id } = await freshWork();
    await t.agent().submit('/reports', { kind: 'work', id, reason: 'spam', details: 'Looks copied.', email: '' });
    const entry = await t.store.handle.db
      .selectFrom('report_cases')
      .select('id')
      .where('target_kind', '=', 'work')
      .where('target_id', '=', Number(id))
      .executeTakeFirstOrThrow();
    return String(entry.id);
  }

  async function freshMember(): Promise<string> {
    n += 1;
    const login = `matrix_target_${n}`;
    const agent = t.agent();
    // Each from an address of its own: sign-ups are limited per address.
    agent.remoteAddress = `10.88.${(n >> 8) & 255}.${n & 255}`;
    await agent.signUp(login);
    return login;
  }

  const actions: { name: string; allowed: Who[]; send: (agent: Agent) => Promise<Response> }[] = [
    {
      name: 'hide a work',
      allowed: ['moderator', 'admin'],
      send: async (agent) => agent.submit(`/admin/moderate/work/${(await freshWork()).id}/hide`, { reason: 'Spam.' }),
    },
    {
      name: 'delete a work',
      allowed: ['moderator', 'admin'],
      send: async (agent) =>
        agent.submit(`/admin/moderate/work/${(await freshWork()).id}/delete`, { deleteReason: 'Spam.' }),
    },
    {
      name: 'hide a comment',
      allowed: ['moderator', 'admin'],
      send: async (agent) => agent.submit(`/admin/moderate/comment/${await freshComment()}/hide`, { reason: 'Rude.' }),
    },
    {
      name: 'mark a comment as spam',
      allowed: ['moderator', 'admin'],
      send: async (agent) =>
        agent.submit(`/admin/moderate/comment/${await freshComment()}/spam`, { spamReason: 'Ads.' }),
    },
    {
      name: 'suspend an account',
      allowed: ['moderator', 'admin'],
      send: async (agent) =>
        agent.submit(`/admin/users/${await freshMember()}/suspend`, { days: '3', reason: 'Harassment.' }),
    },
    {
      name: 'take a report',
      allowed: ['moderator', 'admin'],
      send: async (agent) => agent.submit(`/admin/reports/${await freshReport()}/take`, {}),
    },
    {
      name: 'close a report',
      allowed: ['moderator', 'admin'],
      send: async (agent) =>
        agent.submit(`/admin/reports/${await freshReport()}/status`, { status: 'dismissed', reason: 'Not spam.' }),
    },
    {
      name: 'grant a role',
      allowed: ['admin'],
      send: async (agent) =>
        agent.submit('/admin/roles', { login: await freshMember(), role: 'wrangler', reason: 'Loves tags.' }),
    },
    {
      name: 'change the site settings',
      allowed: ['admin'],
      send: (agent) => agent.submit('/admin/settings', { signUpMode: 'open', invitationsPerDay: '10' }),
    },
    {
      name: 'post site news',
      allowed: ['admin'],
      send: (agent) => agent.submit('/admin/news', { title: `News ${++n}`, body: 'Hello.', tags: '' }),
    },
    {
      name: 'rename a tag',
      allowed: ['admin'],
      send: async (agent) => {
        const { tag } = await freshWork();
        return agent.submit(`/tags/${encodeURIComponent(tag)}/rename?kind=freeform`, {
          new_name: `${tag} renamed`,
          rename_reason: 'Clearer.',
        });
      },
    },
    {
      name: 'delete a tag',
      allowed: ['admin'],
      send: async (agent) => {
        const { tag } = await freshWork();
        return agent.submit(`/tags/${encodeURIComponent(tag)}/delete?kind=freeform`, { delete_reason: 'A slur.' });
      },
    },
    {
      name: 'make a tag canonical',
      allowed: ['wrangler'],
      send: async (agent) => {
        const { tag } = await freshWork();
        return agent.submit(`/tags/${encodeURIComponent(tag)}/canonical?kind=freeform`, { canonical: '1' });
      },
    },
  ];

  it('lets each role do exactly its actions', async () => {
    const seen: string[] = [];
    for (const action of actions) {
      for (const who of EVERYONE) {
        const response = await action.send(agents[who]);
        const label = `${who} may${action.allowed.includes(who) ? '' : ' not'} ${action.name}`;
        if (action.allowed.includes(who)) {
          assert.equal(response.status, 303, label);
          assert.doesNotMatch(response.location ?? '', /^\/login/, label);
        } else if (who === 'guest') {
          assert.equal(response.status, 303, label);
          assert.match(response.location ?? '', /^\/login/, label);
        } else {
          assert.equal(response.status, 403, label);
        }
        seen.push(label);
      }
    }
    assert.equal(seen.length, actions.length * EVERYONE.length);
  });

  it('leaves nothing changed when a role may not act', async () => {
    const { id } = await freshWork();
    for (const who of ['member', 'wrangler'] as Who[])
      await agents[who].submit(`/admin/moderate/work/${id}/hide`, { reason: 'Spam.' });
    assert.equal((await t.agent().get(`/works/${id}`)).status, 200, 'the work is not hidden');
    const login = await freshMember();
    await agents.moderator.submit('/admin/roles', { login, role: 'admin', reason: 'Promotion.' });
    assert.deepEqual(await t.store.roles.of((await t.store.users.findByLogin(login))!.id), [], 'no role granted');
    const log = await t.store.auditLog.list({ limit: 100 });
    assert.equal(log.total, 0, 'and nothing was logged');
  });
});
