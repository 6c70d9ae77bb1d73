import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';

describeEachDatabase('a registered-only work, reached by a guest', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
  });
  afterEach(() => t.dispose());

  it('offers to log in and comes back to the work, or to create an account', async () => {
    const writer = t.agent();
    await writer.signUp('gatekeeper');
    const work = await writer.postWork({ title: 'Behind the Gate', visibility: 'registered' });
    await t.agent().signUp('returning_reader');

    const guest = t.agent();
    const gate = await guest.get(work);
    assert.equal(gate.status, 403);
    assert.match(visibleText(gate.body), /For registered users .*only available to registered users/);
    const logIn = /<a href="([^"]+)">Log in<\/a> \(you will come back here\)/.exec(gate.body);
    assert.ok(logIn, 'a log-in link on the page');
    assert.equal(logIn[1], `/login?return_to=${encodeURIComponent(work)}`);
    assert.match(gate.body, /<a href="\/signup">create an account<\/a>/);
    assert.doesNotMatch(visibleText(gate.body), /Go to the home page/);

    const form = await guest.get(logIn[1].replace(/&amp;/g, '&'));
    assert.match(form.body, new RegExp(`name="return_to" value="${work}"`));
    const back = await guest.submit('/login', {
      identifier: 'returning_reader',
      password: 'correct horse battery',
      return_to: work,
    });
    assert.equal(back.location, work);
    assert.match(visibleText((await guest.get(work)).body), /Behind the Gate/);
  });

  it('keeps “Go to the home page” for a page that is simply not there', async () => {
    const missing = await t.agent().get('/works/999999');
    assert.equal(missing.status, 404);
    assert.match(visibleText(missing.body), /Go to the home page/);
    assert.doesNotMatch(missing.body, /you will come back here/);
  });
});
