import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';

function idOf(path: string): string {
  return /\/works\/(\d+)/.exec(path)![1];
}

describeEachDatabase('co-creators, gifts, beta readers and related works', (dialect) => {
  let t: TestApp;
  let alice: Agent;
  let bob: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    alice = t.agent();
    bob = t.agent();
    await alice.signUp('alice');
    await bob.signUp('bob');
  });
  afterEach(() => t.dispose());

  it('shows an invited co-creator only once they accept, and lets them change the work after', async () => {
    const path = await alice.postWork({ title: 'Two Hands', coCreators: 'bob', visibility: 'draft' });
    const guestView = await t.agent().get(path);
    assert.equal(guestView.status, 404, 'a draft stays hidden from guests');

    const invited = await bob.get(path);
    assert.equal(invited.status, 200, 'the invitee may read the draft to decide');
    assert.match(
      visibleText(invited.body),
      /Two Hands by alice You are invited|You are invited to be a co-creator of this work as bob/,
    );
    assert.doesNotMatch(visibleText(invited.body), /by alice ?, bob/);
    assert.match(visibleText(invited.body), /Invitations 1/, 'the header counts the invitation');
    assert.equal((await bob.get(`${path}/edit`)).status, 403, 'not a creator before accepting');
    assert.match(
      visibleText((await bob.get('/invitations')).body),
      /alice invited your pen name bob to be a co-creator of Two Hands/,
    );

    const pseudId = /\/invitations\/\d+\/(\d+)\/accept/.exec(invited.body)![1];
    const accepted = await bob.submit(`/invitations/${idOf(path)}/${pseudId}/accept`, {});
    assert.equal(accepted.location, path);
    const page = await bob.get(path);
    assert.match(visibleText(page.body), /Two Hands by alice ?, bob/);
    assert.doesNotMatch(visibleText(page.body), /Invitations/);
    assert.equal((await bob.get(`${path}/edit`)).status, 200);
    assert.match(visibleText((await alice.get(`${path}/edit`)).body), /Co-creators who accepted: bob \(bob\)/);

    const left = await bob.submit(`/works/${idOf(path)}/leave`, {});
    assert.equal(left.status, 303);
    assert.match(visibleText((await alice.get(path)).body), /Two Hands by alice(?! ?, bob)/);
    const alone = await alice.submit(`/works/${idOf(path)}/leave`, {});
    assert.equal(alone.status, 409);
    assert.match(visibleText(alone.body), /only creator/);
  });

  it('lets an invitee decline, and the inviter cancel an invitation by removing the name', async () => {
    const first = await alice.postWork({ title: 'Declined', coCreators: 'bob' });
    const pseudId = /\/invitations\/\d+\/(\d+)\/accept/.exec((await bob.get(first)).body)![1];
    await bob.submit(`/invitations/${idOf(first)}/${pseudId}/decline`, {});
    assert.match(visibleText((await bob.get('/invitations')).body), /No one has invited you/);
    assert.equal(
      (await bob.submit(`/invitations/${idOf(first)}/${pseudId}/accept`, {})).status,
      404,
      'a declined invitation cannot be accepted later',
    );

    const second = await alice.postWork({ title: 'Cancelled', coCreators: 'bob' });
    const edit = await alice.get(`${second}/edit`);
    assert.match(edit.body, /name="coCreators"[^>]*value="bob"/, 'the pending invitation shows in the field');
    await alice.submit(second, { ...(await formOf(alice, second)), coCreators: '' });
    assert.match(visibleText((await bob.get('/invitations')).body), /No one has invited you/);
  });

  it('refuses invitations to unknown people or to oneself, keeping what was typed', async () => {
    const response = await alice.submit('/works', {
      title: 'Kept',
      fandoms: 'Original Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      creatorPseudIds: await alice.defaultPseudId(),
      body: 'Text.',
      coCreators: 'nobody_here, alice',
    });
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /No member here goes by “nobody_here”|your own pen name/);
    assert.match(response.body, /name="coCreators"[^>]*value="nobody_here, alice"/);
    assert.match(response.body, /Text\.<\/textarea>/);
  });

  it('names gift recipients and beta readers, and lets a recipient refuse for good', async () => {
    const path = await alice.postWork({ title: 'For You', gifts: 'bob, Grandma Rose', betas: 'Tam the Beta' });
    const text = visibleText((await t.agent().get(path)).body);
    assert.match(text, /For You by alice for bob ?, Grandma Rose Beta read by Tam the Beta/);
    assert.match((await t.agent().get(path)).body, /<a href="\/users\/bob\/pseuds\/bob">bob<\/a>/);

    const gifts = await bob.get('/users/bob/gifts');
    assert.match(visibleText(gifts.body), /For You by alice .*For bob/);
    const creditId = /\/gifts\/(\d+)\/refuse/.exec(gifts.body)![1];
    assert.equal((await alice.submit(`/gifts/${creditId}/refuse`, {})).status, 404, 'only the recipient may refuse');
    await bob.submit(`/gifts/${creditId}/refuse`, {});
    assert.match(visibleText((await t.agent().get(path)).body), /For You by alice for Grandma Rose/);
    assert.match(visibleText((await t.agent().get('/users/bob/gifts')).body), /No works have been given to bob yet/);

    await alice.submit(path, { ...(await formOf(alice, path)), gifts: 'bob, Grandma Rose' });
    assert.doesNotMatch(
      visibleText((await t.agent().get(path)).body),
      /for bob/,
      'naming a recipient again does not undo a refusal',
    );
  });

  it('refuses a gift to a member who does not exist when written as a member', async () => {
    const response = await alice.submit('/works', {
      title: 'x',
      fandoms: 'Original Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      creatorPseudIds: await alice.defaultPseudId(),
      body: 'Text.',
      gifts: 'Ghost (nobody_here)',
    });
    assert.equal(response.status, 422);
    assert.match(visibleText(response.body), /No member here goes by “Ghost \(nobody_here\)”/);
  });

  it('links a sequel both ways, and never shows readers a related work they may not see', async () => {
    const original = await alice.postWork({ title: 'The First Meeting' });
    const sequel = await bob.postWork({
      title: 'The Second Meeting',
      relatedRelation: 'sequel-of',
      relatedTarget: original,
      relatedTitle: '',
    });
    assert.match(visibleText((await t.agent().get(sequel)).body), /Sequel to The First Meeting by alice/);
    assert.match(
      visibleText((await t.agent().get(original)).body),
      /Works that build on this one Sequels The Second Meeting by bob/,
    );

    const draft = await bob.postWork({
      title: 'Secret Draft',
      visibility: 'draft',
      relatedRelation: 'inspired-by',
      relatedTarget: original,
    });
    assert.doesNotMatch(visibleText((await t.agent().get(original)).body), /Secret Draft/);
    assert.match(visibleText((await bob.get(original)).body), /Works inspired by this one Secret Draft by bob/);

    const refused = await alice.submit('/works', {
      title: 'x',
      fandoms: 'Original Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      creatorPseudIds: await alice.defaultPseudId(),
      body: 'Text.',
      relatedRelation: 'inspired-by',
      relatedTarget: draft,
      relatedTitle: '',
    });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), new RegExp(`There is no work at /works/${idOf(draft)} that you can see`));
  });

  it('links works elsewhere by their address, and refuses script addresses', async () => {
    const path = await alice.postWork({
      relatedRelation: 'translation-of',
      relatedTarget: 'https://example.org/stories/7',
      relatedTitle: 'La Historia',
    });
    const page = await t.agent().get(path);
    assert.match(visibleText(page.body), /A translation of La Historia/);
    assert.match(page.body, /<a href="https:\/\/example.org\/stories\/7" rel="nofollow noopener"/);
    const refused = await alice.submit('/works', {
      title: 'x',
      fandoms: 'Original Work',
      rating: 'General Audiences',
      warnings: 'No Archive Warnings Apply',
      creatorPseudIds: await alice.defaultPseudId(),
      body: 'Text.',
      relatedRelation: 'inspired-by',
      relatedTarget: 'javascript:alert(1)',
      relatedTitle: 'x',
    });
    assert.equal(refused.status, 422);
    assert.doesNotMatch(refused.body, /href="javascript:/);
  });

  it('shows names and link titles people typed as text, never as markup', async () => {
    const payload = '<img src=x onerror=alert(1)>';
    const path = await alice.postWork({
      gifts: `${payload}, <script>alert(2)</script>`,
      betas: payload,
      relatedRelation: 'inspired-by',
      relatedTarget: 'https://example.org/a',
      relatedTitle: payload,
    });
    const page = await t.agent().get(path);
    assert.doesNotMatch(page.body, /<img src=x|<script>alert/);
    const text = visibleText(page.body);
    assert.ok(text.includes(`for ${payload}, <script>alert(2)</script>`), text);
    assert.ok(text.includes(`Beta read by ${payload}`), text);
    assert.ok(text.includes(`Inspired by ${payload}`), text);
  });

  it('starts new works with the default disclaimer of the default pen name', async () => {
    await alice.submit('/users/alice/pseuds/alice', {
      name: 'alice',
      description: '',
      defaultDisclaimer: 'I own nothing but the plot.',
    });
    const form = await alice.get('/works/new');
    assert.match(form.body, /name="disclaimer"[^>]*>I own nothing but the plot\.<\/textarea>/);
    const path = await alice.postWork({ disclaimer: 'I own nothing but the plot.' });
    assert.match((await t.agent().get(path)).body, /<details class="disclaimer"><summary>Disclaimer<\/summary>/);
  });
});

/** The edit form's current values, as the browser would send them back. */
async function formOf(agent: Agent, workPath: string): Promise<Record<string, string>> {
  const html = (await agent.get(`${workPath}/edit`)).body;
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    if (!(name in fields) && !/type="(checkbox|radio)"/.test(name)) fields[name] = value;
  for (const [, name, value] of html.matchAll(/<textarea[^>]*name="([^"]+)"[^>]*>([^<]*)<\/textarea>/g))
    fields[name] = value;
  for (const [, tag] of html.matchAll(/(<input[^>]*checked[^>]*>)/g)) {
    const name = /name="([^"]+)"/.exec(tag)![1];
    fields[name] = /value="([^"]*)"/.exec(tag)![1];
  }
  const rating = /<select[^>]*name="rating"[\s\S]*?<option value="([^"]*)" selected/.exec(html);
  if (rating) fields.rating = rating[1];
  delete fields._csrf;
  return fields;
}
