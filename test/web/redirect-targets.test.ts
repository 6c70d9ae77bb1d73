import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';

describeEachDatabase('redirects back to a page whose address holds any character', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
    await t.agent().signUp('wanderer');
  });
  afterEach(() => t.dispose());

  // An ideographic space, a Latin-1 letter and a space: none may stand raw in a Location header.
  const typed = '/works?q=\u3000é x';
  const sent = '/works?q=%E3%80%80%C3%A9%20x';

  it('logs in and goes back, with the session kept', async () => {
    const agent = t.agent();
    const back = await agent.submit('/login', {
      identifier: 'wanderer',
      password: 'correct horse battery',
      return_to: typed,
    });
    assert.equal(back.status, 303);
    assert.equal(back.location, sent);
    assert.match(String(back.headers['set-cookie']), /quire_session=/);
    assert.equal((await agent.get('/account')).status, 200);
    // Logged in already, the log-in page sends the member on at once.
    const again = await agent.get(`/login?return_to=${encodeURIComponent(typed)}`);
    assert.equal(again.status, 303);
    assert.equal(again.location, sent);
  });

  it('keeps the reading settings and goes back', async () => {
    const saved = await t.agent().submit('/settings/reading', { fontSize: 'large', return_to: typed });
    assert.equal(saved.status, 303);
    assert.equal(saved.location, sent);
    assert.match(String(saved.headers['set-cookie']), /quire_reading=/);
  });
});
