import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';

describeEachDatabase('user and pseud pages', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('adds a pen name with a description, shown on its own page and on the user page', async () => {
    const agent = t.agent();
    await agent.signUp('paperlantern');
    const form = await agent.get('/users/paperlantern/pseuds/new');
    assert.equal(form.status, 200);
    assert.match(form.body, /<label for="field-name">Name<\/label>/);
    assert.match(form.body, /<label for="field-description">Description<\/label>/);
    const created = await agent.submit('/users/paperlantern/pseuds', {
      name: 'P. L. Moth',
      description: 'Horror.\n\nThe things under the stairs.',
    });
    assert.equal(created.status, 303);
    assert.equal(created.location, '/users/paperlantern/pseuds/P.%20L.%20Moth');

    const page = await t.agent().get(created.location!);
    assert.equal(page.status, 200);
    const text = visibleText(page.body);
    assert.match(text, /P\. L\. Moth \(paperlantern\)/);
    assert.match(text, /A pen name of paperlantern/);
    assert.match(page.body, /<p>Horror\.<\/p><p>The things under the stairs\.<\/p>/);
    assert.doesNotMatch(text, /Edit/, 'a guest sees no owner actions');

    const user = visibleText((await t.agent().get('/users/paperlantern')).body);
    assert.match(user, /paperlantern default/);
    assert.match(user, /P\. L\. Moth Horror\./);
  });

  it('keeps what was typed when a pen name is refused', async () => {
    const agent = t.agent();
    await agent.signUp('writer');
    const page = await agent.submit('/users/writer/pseuds', {
      name: 'bad/name',
      description: 'A description worth keeping.',
    });
    assert.equal(page.status, 422);
    assert.match(page.body, /value="bad\/name"/);
    assert.match(page.body, />A description worth keeping\.<\/textarea>/);
    assert.match(visibleText(page.body), /Pen names may use letters/);
    const duplicate = await agent.submit('/users/writer/pseuds', { name: 'WRITER', description: '' });
    assert.equal(duplicate.status, 422);
    assert.match(visibleText(duplicate.body), /You already have a pseud with that name\./);
  });

  it('edits, re-defaults and deletes pen names', async () => {
    const agent = t.agent();
    await agent.signUp('ember_writer');
    await agent.submit('/users/ember_writer/pseuds', { name: 'Ember', description: '' });
    const edit = await agent.get('/users/ember_writer/pseuds/Ember/edit');
    assert.equal(edit.status, 200);
    const saved = await agent.submit('/users/ember_writer/pseuds/Ember', {
      name: 'Ember Glow',
      description: 'Prompt fills.',
    });
    assert.equal(saved.location, '/users/ember_writer/pseuds/Ember%20Glow');
    assert.equal((await agent.get('/users/ember_writer/pseuds/Ember')).status, 404);

    await agent.submit('/users/ember_writer/pseuds/Ember%20Glow/default', {});
    assert.match(visibleText((await agent.get('/users/ember_writer')).body), /Ember Glow default/);

    const refused = await agent.submit('/users/ember_writer/pseuds/Ember%20Glow/delete', {});
    assert.equal(refused.status, 303);
    assert.match(visibleText((await agent.get(refused.location!)).body), /default pseud cannot be deleted/);
    const confirm = await agent.get('/users/ember_writer/pseuds/ember_writer/delete');
    assert.match(visibleText(confirm.body), /Delete the pen name ember_writer\?/);
    assert.equal((await agent.get('/users/ember_writer/pseuds/ember_writer')).status, 200, 'asking does not delete');
    const deleted = await agent.submit('/users/ember_writer/pseuds/ember_writer/delete', {});
    assert.equal(deleted.location, '/users/ember_writer');
    assert.equal((await agent.get('/users/ember_writer/pseuds/ember_writer')).status, 404);
  });

  it('lets nobody but the owner change pen names', async () => {
    const owner = t.agent();
    await owner.signUp('owner_one');
    await owner.submit('/users/owner_one/pseuds', { name: 'Second', description: '' });
    const intruder = t.agent();
    await intruder.signUp('intruder');
    assert.equal((await intruder.get('/users/owner_one/pseuds/new')).status, 403);
    assert.equal((await intruder.submit('/users/owner_one/pseuds', { name: 'Mine now', description: '' })).status, 403);
    assert.equal((await intruder.get('/users/owner_one/pseuds/Second/edit')).status, 403);
    assert.equal(
      (await intruder.submit('/users/owner_one/pseuds/Second', { name: 'Renamed', description: '' })).status,
      403,
    );
    assert.equal((await intruder.submit('/users/owner_one/pseuds/Second/default', {})).status, 403);
    assert.equal((await intruder.get('/users/owner_one/pseuds/Second/delete')).status, 403);
    assert.equal((await intruder.submit('/users/owner_one/pseuds/Second/delete', {})).status, 403);
    const guest = t.agent();
    assert.equal((await guest.submit('/users/owner_one/pseuds/Second/delete', {})).status, 303);
    const page = visibleText((await guest.get('/users/owner_one')).body);
    assert.match(page, /Second/);
    assert.doesNotMatch(page, /Mine now|Renamed/);
  });

  it('answers unknown users and pseuds with a 404 page', async () => {
    const guest = t.agent();
    const user = await guest.get('/users/nobody_at_all');
    assert.equal(user.status, 404);
    assert.match(visibleText(user.body), /There is no user called nobody_at_all\./);
    await t.agent().signUp('someone');
    assert.equal((await guest.get('/users/someone/pseuds/Nobody')).status, 404);
    assert.equal((await guest.get('/users/someone/pseuds')).location, '/users/someone');
  });

  it('finds people by pen name or username from the header search', async () => {
    const agent = t.agent();
    await agent.signUp('harbor_keeper');
    await agent.submit('/users/harbor_keeper/pseuds', { name: 'Quiet Harbor', description: 'Lighthouses.' });
    const results = visibleText((await t.agent().get('/search?q=harbor')).body);
    assert.match(results, /2 pen names found/);
    assert.match(results, /Quiet Harbor \(harbor_keeper\)/);
    const none = visibleText((await t.agent().get('/search?q=zzz')).body);
    assert.match(none, /No pen names match “zzz”/);
  });

  it('lists the newest pen names on the home page', async () => {
    const agent = t.agent();
    await agent.signUp('first_member');
    await agent.submit('/users/first_member/pseuds', { name: 'Later Name', description: '' });
    const home = visibleText((await t.agent().get('/')).body);
    assert.match(home, /1 member so far/);
    assert.match(home, /Later Name \(first_member\).*first_member/);
    assert.match(home, /Create an account/);
  });
});
