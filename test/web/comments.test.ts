import { after, afterEach, before, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { XSS_PAYLOADS, assertHarmless } from '../support/xss.ts';
import { WorkAccess } from '../../src/app/access.ts';
import { noticesAsShown } from '../../src/app/inbox.ts';
import { publicUser } from '../../src/domain/accounts.ts';

const idOf = (path: string) => Number(/\/works\/(\d+)/.exec(path)![1]);
let addressCounter = 0;
/** An agent from an address of its own, so the per-address limit of one test never touches another. */
function fromOwnAddress(agent: Agent): Agent {
  addressCounter += 1;
  agent.remoteAddress = `10.${(addressCounter >> 16) & 255}.${(addressCounter >> 8) & 255}.${addressCounter & 255}`;
  return agent;
}

async function commentCount(t: TestApp, workId: number): Promise<number> {
  const row = await t.store.handle.db
    .selectFrom('works')
    .select('comment_count')
    .where('id', '=', workId)
    .executeTakeFirstOrThrow();
  return row.comment_count;
}

/** The member's notifications as their inbox and mail show them, oldest first. */
async function notificationsOf(t: TestApp, login: string): Promise<{ kind: string; message: string }[]> {
  const user = (await t.store.users.findByLogin(login))!;
  const { notices } = await t.store.inbox.list(user.id, { limit: 1000, offset: 0 });
  const shown = await noticesAsShown(t.store, new WorkAccess(t.store), publicUser(user), notices);
  return shown.reverse().map(({ kind, message }) => ({ kind, message }));
}

/** The id of the comment a post redirected to. */
const commentIdOf = (location: string | undefined) => Number(/#comment-(\d+)$/.exec(location ?? '')![1]);

async function comment(agent: Agent, workPath: string, body: string, extra: Record<string, string> = {}) {
  const guest = !(await agent.get('/account')).body.includes('Your account');
  return agent.submit(`${workPath}/comments`, {
    body,
    ...(guest && !('guestName' in extra) ? { guestName: 'Wanderer', guestEmail: 'wanderer@example.org' } : {}),
    ...extra,
  });
}

describeEachDatabase('the comment policy, cell by cell', (dialect) => {
  type Role = 'guest' | 'member' | 'creator' | 'blocked';
  type Policy = 'everyone' | 'registered' | 'nobody';
  let t: TestApp;
  const agents = {} as Record<Exclude<Role, 'guest'>, Agent>;
  const works = new Map<string, string>();

  before(async () => {
    t = await testApp(dialect);
    for (const [role, login] of [
      ['creator', 'alice'],
      ['member', 'bob'],
      ['blocked', 'carol'],
    ] as const) {
      agents[role] = fromOwnAddress(t.agent());
      await agents[role].signUp(login);
    }
    await agents.creator.submit('/users/carol/block', {});
    for (const policy of ['everyone', 'registered', 'nobody'] as Policy[]) {
      for (const moderated of [false, true]) {
        works.set(
          `${policy}/${moderated}`,
          await agents.creator.postWork({
            title: `Policy ${policy}${moderated ? ' moderated' : ''}`,
            commentPolicy: policy,
            ...(moderated ? { moderated: '1' } : {}),
          }),
        );
      }
    }
  });
  after(() => t.dispose());

  const expected: Record<Policy, Record<Role, RegExp | 'ok'>> = {
    everyone: { guest: 'ok', member: 'ok', creator: 'ok', blocked: /has blocked you/ },
    registered: { guest: /Only registered users can comment/, member: 'ok', creator: 'ok', blocked: /has blocked you/ },
    nobody: {
      guest: /turned comments off/,
      member: /turned comments off/,
      creator: /turned comments off/,
      blocked: /turned comments off/,
    },
  };

  for (const policy of ['everyone', 'registered', 'nobody'] as Policy[]) {
    for (const moderated of [false, true]) {
      for (const role of ['guest', 'member', 'creator', 'blocked'] as Role[]) {
        const outcome = expected[policy][role];
        const held = outcome === 'ok' && moderated && role !== 'creator';
        const name = `${role} on a work open to ${policy}${moderated ? ', moderated' : ''}: ${outcome === 'ok' ? (held ? 'held for approval' : 'published') : 'refused'}`;
        it(name, async () => {
          const path = works.get(`${policy}/${moderated}`)!;
          const agent = role === 'guest' ? fromOwnAddress(t.agent()) : agents[role];
          const body = `A ${role} writes to ${policy} ${moderated}`;
          const before = await commentCount(t, idOf(path));
          const page = await agent.get(path);
          const posted = await comment(agent, path, body);
          const onlooker = await fromOwnAddress(t.agent()).get(path);
          if (outcome !== 'ok') {
            assert.equal(posted.status, 403);
            assert.match(visibleText(posted.body), outcome);
            assert.doesNotMatch(visibleText(page.body), /Post comment/, 'no form is offered');
            assert.doesNotMatch(onlooker.body, new RegExp(body));
            assert.equal(await commentCount(t, idOf(path)), before);
            return;
          }
          assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 300));
          assert.match(visibleText(page.body), /Post comment/, 'the form is offered');
          const own = await agent.get(posted.location!);
          if (held && role === 'guest')
            assert.match(
              visibleText(own.body),
              /It will be shown once a creator of the work approves it/,
              'a guest is told it is held',
            );
          else assert.match(visibleText(own.body), new RegExp(body), 'the commenter sees their comment');
          if (held) {
            assert.doesNotMatch(visibleText(onlooker.body), new RegExp(body), 'others do not see a held comment');
            assert.equal(await commentCount(t, idOf(path)), before);
            if (role === 'member') assert.match(visibleText(own.body), /Awaiting approval by the work’s creator/);
            const creatorView = await agents.creator.get(path);
            assert.match(visibleText(creatorView.body), new RegExp(`${body}.*Approve`));
          } else {
            assert.match(visibleText(onlooker.body), new RegExp(body));
            assert.equal(await commentCount(t, idOf(path)), before + 1);
            assert.match(
              visibleText(onlooker.body),
              new RegExp(`Comments: ${before + 1}`),
              'the work stat follows the counter',
            );
          }
        });
      }
    }
  }
});

describeEachDatabase('comment threads', (dialect) => {
  let t: TestApp;
  let alice: Agent;
  let bob: Agent;
  let path: string;
  beforeEach(async () => {
    t = await testApp(dialect);
    alice = fromOwnAddress(t.agent());
    bob = fromOwnAddress(t.agent());
    await alice.signUp('alice');
    await bob.signUp('bob');
    path = await alice.postWork({ title: 'Long Haul' });
  });
  afterEach(() => t.dispose());

  it('threads replies six deep, names who is answered, and tells the creator and the one answered', async () => {
    let parent = commentIdOf((await comment(bob, path, 'Level 0')).location);
    for (let level = 1; level <= 6; level++) {
      const replier = level % 2 === 1 ? alice : bob;
      const posted = await comment(replier, path, `Level ${level}`, { parentId: String(parent) });
      assert.equal(posted.status, 303);
      parent = commentIdOf(posted.location);
    }
    const page = await fromOwnAddress(t.agent()).get(path);
    const order = [...page.body.matchAll(/class="comment comment--indent-(\d)"[^]*?Level (\d)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    assert.deepEqual(
      order,
      [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 5],
        [5, 6],
      ],
      'the sixth reply lines up at the fifth indent',
    );
    assert.match(visibleText(page.body), /Level 3 .*in reply to alice|in reply to alice .*Level 3/);
    assert.match(visibleText(page.body), /Comments \(7\)/);
    const toBob = await notificationsOf(t, 'bob');
    assert.ok(
      toBob.some((n) => n.kind === 'reply' && n.message === 'alice replied to your comment on Long Haul'),
      JSON.stringify(toBob),
    );
    const toAlice = await notificationsOf(t, 'alice');
    assert.ok(
      toAlice.some((n) => n.kind === 'comment' && n.message === 'bob commented on Long Haul'),
      JSON.stringify(toAlice),
    );
    assert.ok(toAlice.some((n) => n.kind === 'reply' && n.message === 'bob replied to your comment on Long Haul'));
    assert.equal(toAlice.filter((n) => n.message.startsWith('alice')).length, 0, 'nobody is told of their own comment');
  });

  it('lets the commenter edit (marked Edited) and delete; a deleted comment with replies keeps its place', async () => {
    const top = commentIdOf((await comment(bob, path, 'First thoughts')).location);
    await comment(alice, path, 'Thank you!', { parentId: String(top) });
    assert.equal((await alice.submit(`/comments/${top}/edit`, { body: 'Not mine to edit' })).status, 403);
    const edited = await bob.submit(`/comments/${top}/edit`, { body: 'Second thoughts' });
    assert.equal(edited.status, 303);
    let page = visibleText((await t.agent().get(path)).body);
    assert.match(page, /Second thoughts/);
    assert.match(page, /Edited/);
    assert.equal((await bob.submit(`/comments/${top}/edit`, { body: '   ' })).status, 422);

    assert.equal((await bob.submit(`/comments/${top}/delete`, {})).status, 303);
    page = visibleText((await t.agent().get(path)).body);
    assert.match(page, /\(Previous comment deleted\.\) .*Thank you!/);
    assert.doesNotMatch(page, /Second thoughts/);
    assert.equal(await commentCount(t, idOf(path)), 1);
    assert.equal(
      (await comment(bob, path, 'to nothing', { parentId: String(top) })).status,
      404,
      'a deleted comment takes no replies',
    );
  });

  it('lets the creators delete, hide and freeze, and nobody else', async () => {
    const top = commentIdOf((await comment(bob, path, 'Rude remark')).location);
    const carol = fromOwnAddress(t.agent());
    await carol.signUp('carol');
    for (const action of ['hide', 'freeze', 'delete'])
      assert.equal((await carol.submit(`/comments/${top}/${action}`, {})).status, 403, action);

    await alice.submit(`/comments/${top}/hide`, {});
    assert.match(visibleText((await t.agent().get(path)).body), /hidden by the work’s creator/);
    assert.doesNotMatch(visibleText((await t.agent().get(path)).body), /Rude remark/);
    assert.equal(await commentCount(t, idOf(path)), 0);
    await alice.submit(`/comments/${top}/unhide`, {});
    assert.equal(await commentCount(t, idOf(path)), 1);

    await alice.submit(`/comments/${top}/freeze`, {});
    const refused = await comment(carol, path, 'More!', { parentId: String(top) });
    assert.equal(refused.status, 403);
    assert.match(visibleText(refused.body), /This thread is frozen/);
    await alice.submit(`/comments/${top}/unfreeze`, {});
    assert.equal((await comment(carol, path, 'More!', { parentId: String(top) })).status, 303);

    await alice.submit(`/comments/${top}/delete`, {});
    assert.equal(await commentCount(t, idOf(path)), 1, 'the reply still counts');
  });

  it('holds comments on a moderated work until a creator approves them, and notifies only then', async () => {
    const moderated = await alice.postWork({ title: 'Quiet Room', moderated: '1' });
    const id = commentIdOf((await comment(bob, moderated, 'Lovely')).location);
    assert.equal((await notificationsOf(t, 'alice')).length, 0);
    assert.equal((await bob.submit(`/comments/${id}/approve`, {})).status, 403);
    assert.equal((await alice.submit(`/comments/${id}/approve`, {})).status, 303);
    assert.match(visibleText((await t.agent().get(moderated)).body), /Lovely/);
    assert.equal(await commentCount(t, idOf(moderated)), 1);
    assert.deepEqual(
      (await notificationsOf(t, 'alice')).map((n) => n.message),
      ['bob commented on Quiet Room'],
    );
  });

  it('comments on one chapter show under that chapter with its count, and all of them on the whole work', async () => {
    const chapterForm = await alice.get(`${path}/chapters/new`);
    assert.equal(chapterForm.status, 200);
    const added = await alice.submit(`${path}/chapters`, { chapterTitle: 'Two', body: 'More text.' });
    assert.equal(added.status, 303, visibleText(added.body).slice(0, 200));
    const chapters = [...(await alice.get(`${path}/navigate`)).body.matchAll(/\/chapters\/(\d+)"/g)].map((m) => m[1]);
    const second = `${path}/chapters/${chapters[1]}`;
    const posted = await bob.submit(`${path}/comments`, { body: 'About chapter two', chapterId: chapters[1] });
    assert.equal(posted.status, 303);
    assert.match(posted.location!, new RegExp(`/chapters/${chapters[1]}#comment-`));
    assert.match(visibleText((await bob.get(second)).body), /Comments on Chapter 2 \(1\) .*About chapter two/);
    assert.doesNotMatch(visibleText((await bob.get(`${path}/chapters/${chapters[0]}`)).body), /About chapter two/);
    assert.match(visibleText((await bob.get(`${path}?view_full_work=true`)).body), /on Chapter 2 .*About chapter two/);
  });

  it('asks guests for a name and an email, keeps what they typed, and never shows the email', async () => {
    const guest = fromOwnAddress(t.agent());
    const missing = await guest.submit(`${path}/comments`, {
      body: 'Hello from nowhere',
      guestName: '',
      guestEmail: 'nope',
    });
    assert.equal(missing.status, 422);
    assert.match(visibleText(missing.body), /Give a name to comment as a guest/);
    assert.match(visibleText(missing.body), /does not look like an email address/);
    assert.match(missing.body, /Hello from nowhere/, 'the text is kept');
    const tooLong = await guest.submit(`${path}/comments`, {
      body: 'x'.repeat(10_001),
      guestName: 'Wanderer',
      guestEmail: 'w@example.org',
    });
    assert.equal(tooLong.status, 422);
    assert.match(
      visibleText(tooLong.body),
      /Your comment is 10,001 characters; the limit is 10,000\. Shorten it by 1\./,
    );
    assert.ok(tooLong.body.includes('x'.repeat(10_001)), 'not one character is cut');
    const ok = await guest.submit(`${path}/comments`, {
      body: 'Hello from nowhere\n\nSecond paragraph',
      guestName: 'Wanderer',
      guestEmail: 'secret-address@example.org',
    });
    assert.equal(ok.status, 303);
    const page = (await alice.get(path)).body;
    assert.match(visibleText(page), /Wanderer \(Guest\)/);
    assert.match(page, /<p>Hello from nowhere<\/p>\s*<p>Second paragraph<\/p>/);
    assert.doesNotMatch(page, /secret-address/);
  });

  it('lets a member choose which pen name comments', async () => {
    await bob.submit('/users/bob/pseuds', { name: 'Night Reader', description: '' });
    const form = await bob.get(path);
    const pseudId = new RegExp('<option value="(\\d+)"[^>]*>Night Reader</option>').exec(form.body)![1];
    await bob.submit(`${path}/comments`, { body: 'Under another name', pseudId });
    assert.match(visibleText((await t.agent().get(path)).body), /Night Reader \( ?bob ?\) .*Under another name/);
  });

  it('limits how fast one member posts, with a clear message', async () => {
    for (let i = 0; i < 20; i++) {
      bob.remoteAddress = `10.200.0.${i}`;
      assert.equal((await bob.submit(`${path}/comments`, { body: `Note ${i}` })).status, 303);
    }
    bob.remoteAddress = '10.200.1.1';
    const refused = await bob.submit(`${path}/comments`, { body: 'One too many' });
    assert.equal(refused.status, 429);
    assert.match(visibleText(refused.body), /You have posted 20 comments in the last 10 minutes/);
  });

  it('limits how fast one address posts', async () => {
    const guest = fromOwnAddress(t.agent());
    for (let i = 0; i < 20; i++)
      await guest.submit(`${path}/comments`, { body: `Guest note ${i}`, guestName: 'G', guestEmail: 'g@example.org' });
    const refused = await guest.submit(`${path}/comments`, {
      body: 'Again',
      guestName: 'G',
      guestEmail: 'g@example.org',
    });
    assert.equal(refused.status, 429);
    assert.match(visibleText(refused.body), /Too many comments from your address/);
  });

  it('keeps hostile markup out of comments', async () => {
    for (const [i, payload] of XSS_PAYLOADS.entries()) {
      bob.remoteAddress = `10.201.${i >> 8}.${i & 255}`;
      if (i % 15 === 14) await t.store.handle.db.deleteFrom('comments').execute();
      const posted = await bob.submit(`${path}/comments`, { body: `Payload ${i}: ${payload}` });
      assert.ok(posted.status === 303 || posted.status === 422, `${payload} → ${posted.status}`);
    }
    const rows = await t.store.handle.db.selectFrom('comments').select('body').execute();
    for (const row of rows) assertHarmless(row.body, 'stored comment');
    const page = (await t.agent().get(`${path}?view_full_work=true`)).body;
    const section = page.slice(page.indexOf('id="comments"'));
    assertHarmless(
      section.replace(/<form[^]*?<\/form>/g, '').replace(/<(textarea|input|button|select)\b[^>]*>/g, ''),
      'comment section',
    );
  });
});

describeEachDatabase('blocking', (dialect) => {
  let t: TestApp;
  let alice: Agent;
  let mallory: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    alice = fromOwnAddress(t.agent());
    mallory = fromOwnAddress(t.agent());
    await alice.signUp('alice');
    await mallory.signUp('mallory');
  });
  afterEach(() => t.dispose());

  it('blocks from the user page, lists the block on the account page, and unblocks', async () => {
    assert.doesNotMatch((await t.agent().get('/users/mallory')).body, /\/block"/, 'guests get no button');
    assert.doesNotMatch((await alice.get('/users/alice')).body, /\/block"/, 'nobody blocks themselves');
    const self = await alice.submit('/users/alice/block', {});
    assert.equal(self.status, 422, 'blocking oneself by hand is refused');
    assert.match(visibleText(self.body), /That cannot be done You cannot block yourself\./);
    assert.match((await alice.get('/users/mallory')).body, /action="\/users\/mallory\/block"/);
    const blocked = await alice.submit('/users/mallory/block', {});
    assert.equal(blocked.status, 303);
    assert.match(visibleText((await alice.get('/users/mallory')).body), /Unblock mallory/);
    assert.match(visibleText((await alice.get('/account')).body), /Blocked users .* mallory Unblock mallory/);
    assert.equal(
      (await t.agent().request('POST', '/users/mallory/block', { _csrf: 'forged' })).status,
      403,
      'no forged blocks',
    );
    await alice.submit('/users/mallory/unblock', {});
    assert.match(visibleText((await alice.get('/account')).body), /You have not blocked anyone/);
  });

  it('keeps a blocked member from commenting on the blocker’s works and replying to the blocker anywhere', async () => {
    const bob = fromOwnAddress(t.agent());
    await bob.signUp('bob');
    const alicesWork = await alice.postWork({ title: 'Alice Writes' });
    const bobsWork = await bob.postWork({ title: 'Bob Writes' });
    const alicesComment = commentIdOf((await comment(alice, bobsWork, 'Alice on Bob')).location);
    await alice.submit('/users/mallory/block', {});

    const onWork = await comment(mallory, alicesWork, 'Let me in');
    assert.equal(onWork.status, 403);
    assert.match(visibleText(onWork.body), /The creator of this work has blocked you/);
    const reply = await comment(mallory, bobsWork, 'At Alice', { parentId: String(alicesComment) });
    assert.equal(reply.status, 403);
    assert.match(visibleText(reply.body), /This commenter has blocked you/);
    assert.equal((await comment(mallory, bobsWork, 'Fine on Bob')).status, 303, 'others’ works stay open');
  });

  it('refuses gifts from a blocked member without saying more', async () => {
    await alice.submit('/users/mallory/block', {});
    const form = await mallory.get('/works/new');
    const pseudId = /name="creatorPseudIds" value="(\d+)" checked/.exec(form.body)![1];
    const refused = await mallory.submit('/works', {
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      fandoms: 'Original Work',
      title: 'For You',
      creatorPseudIds: pseudId,
      language: 'en',
      expectedChapters: '1',
      complete: '1',
      visibility: 'public',
      commentPolicy: 'everyone',
      body: 'Text.',
      gifts: 'alice',
    });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /alice does not accept gifts from you\./);
    assert.doesNotMatch(visibleText(refused.body), /block/i);
  });
});

describeEachDatabase('the comment counter under load', (dialect) => {
  let t: TestApp;
  before(async () => {
    t = await testApp(dialect);
  });
  after(() => t.dispose());

  it('counts 200 comments posted at once, each exactly once', async () => {
    const alice = fromOwnAddress(t.agent());
    await alice.signUp('alice');
    const path = await alice.postWork({ title: 'Crowded' });
    const guests = Array.from({ length: 200 }, () => fromOwnAddress(t.agent()));
    await Promise.all(guests.map((g) => g.get('/')));
    const responses = await Promise.all(
      guests.map((g, i) =>
        g.submit(`${path}/comments`, {
          body: `Comment ${i}`,
          guestName: `Guest ${i}`,
          guestEmail: `g${i}@example.org`,
        }),
      ),
    );
    assert.deepEqual([...new Set(responses.map((r) => r.status))], [303]);
    assert.equal(await commentCount(t, idOf(path)), 200);
    const page = visibleText((await alice.get(path)).body);
    assert.match(page, /Comments: 200/);
    assert.match(page, /Comments \(200\)/);
    assert.equal((await notificationsOf(t, 'alice')).length, 200);
  });
});
