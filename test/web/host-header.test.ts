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

describeEachDatabase('downloads asked for with a forged Host header', (dialect) => {
  let t: TestApp;
  afterEach(() => t.dispose());

  it('link to the archive’s own address, and say they vary by Host', async () => {
    t = await testApp(dialect);
    const writer = t.agent();
    await writer.signUp('harbourer');
    const work = await writer.postWork({ title: 'Harbour Lights' });
    const page = await t.agent().get(work);
    const href = /href="(\/downloads\/[^"]+\.html)"/.exec(page.body)![1];
    const forged = await t.app.inject({ url: href, headers: { host: 'evil.example/<x>' } });
    assert.equal(forged.statusCode, 200);
    assert.doesNotMatch(forged.body, /evil\.example/);
    assert.match(forged.body, /http:\/\/localhost:3000\//);
    assert.match(String(forged.headers.vary), /Host/i);
    const other = await t.app.inject({ url: href, headers: { host: 'archive.local:8080' } });
    assert.match(other.body, /http:\/\/archive\.local:8080\//);
    assert.notEqual(other.headers.etag, forged.headers.etag, 'a cache never answers one address with the other’s file');
  });
});
