import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type Agent, type TestApp } from '../support/http.ts';
import { tagPagePath, tagPath } from '../../src/paths.ts';

describeEachDatabase('tags as long as the posting form accepts', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
  });
  afterEach(() => t.dispose());

  // 150 characters (the form's limit) of four UTF-8 bytes each: 1,800 characters once percent-encoded.
  const longest = `Fraktur ${'𝔄'.repeat(142)}`;

  it('serves every page of the longest tag, however its name is written', async () => {
    await writer.postWork({ title: 'Gothic Letters', freeforms: longest });
    const guest = t.agent();
    for (const url of [
      tagPath(longest),
      tagPagePath(longest),
      `${tagPagePath(longest)}/feed.atom`,
      `/opds/tags/${encodeURIComponent(longest)}`,
    ]) {
      const response = await guest.get(url);
      assert.equal(response.status, 200, url.slice(0, 40));
      assert.match(response.body, /Gothic Letters/, url.slice(0, 40));
    }
  });
});
