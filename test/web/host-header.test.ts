import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';

describeEachDatabase('feeds asked for with a Host header that is no address', (dialect) => {
  let t: TestApp;
  beforeEach(async () => {
    t = await testApp(dialect);
    const writer = t.agent();
    await writer.signUp('harbourer');
    await writer.postWork({ title: 'Harbour Lights', freeforms: 'Storms' });
  });
  afterEach(() => t.dispose());

  it('answers with links on the archive’s own address when the port is out of range', async () => {
    for (const url of ['/opds', '/opds/works', '/tags/Storms/feed.atom', '/users/harbourer/works/feed.atom']) {
      const response = await t.app.inject({ url, headers: { host: '127.0.0.1:99999' } });
      assert.equal(response.statusCode, 200, url);
      assert.doesNotMatch(response.body, /99999/, url);
      assert.match(response.body, /http:\/\/localhost:3000\//, url);
    }
  });
});
