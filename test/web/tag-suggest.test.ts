import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type Agent, type TestApp } from '../support/http.ts';

describeEachDatabase('tag suggestions over HTTP', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('keeper');
  });
  afterEach(() => t.dispose());

  const suggest = (query: string) => t.agent().get(`/tags/suggest?${query}`);

  it('gives a guest the matching tags as JSON, most used first, cacheable for a minute', async () => {
    await writer.postWork({ fandoms: 'Sherlock Holmes (Arthur Conan Doyle)' });
    await writer.postWork({ fandoms: 'Sherlock (TV)' });
    await writer.postWork({ fandoms: 'Sherlock (TV), Elementary (TV)' });
    await writer.postWork({ fandoms: 'Sherwood Forest', visibility: 'draft' });
    const response = await suggest('kind=fandom&q=sher');
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    assert.equal(response.headers['cache-control'], 'public, max-age=60');
    assert.deepEqual(JSON.parse(response.body), {
      tags: [
        { name: 'Sherlock (TV)', uses: 2 },
        { name: 'Sherlock Holmes (Arthur Conan Doyle)', uses: 1 },
      ],
    });
  });

  it('suggests only the kind asked for, and an empty list when nothing matches', async () => {
    await writer.postWork({ fandoms: 'Sherlock (TV)', characters: 'Sherlock Holmes' });
    assert.deepEqual(JSON.parse((await suggest('kind=character&q=Sher')).body), {
      tags: [{ name: 'Sherlock Holmes', uses: 1 }],
    });
    assert.deepEqual(JSON.parse((await suggest('kind=freeform&q=Sher')).body), { tags: [] });
  });

  it('sends at most ten suggestions', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `Tide ${String(i + 1).padStart(2, '0')}`);
    await writer.postWork({ freeforms: names.join(', ') });
    const { tags } = JSON.parse((await suggest('kind=freeform&q=tide')).body) as { tags: { name: string }[] };
    assert.deepEqual(
      tags.map((tag) => tag.name),
      names.slice(0, 10),
    );
  });

  it('takes a whole tag name of 150 characters', async () => {
    const longest = `S${'e'.repeat(149)}`;
    await writer.postWork({ freeforms: longest });
    const response = await suggest(`kind=freeform&q=${longest}`);
    assert.equal(response.status, 200);
    assert.deepEqual(JSON.parse(response.body), { tags: [{ name: longest, uses: 1 }] });
  });

  for (const [what, query, problem] of [
    ['no kind', 'q=sher', /kind must be one of fandom, relationship, character, freeform/],
    ['an unknown kind', 'kind=fandoms&q=sher', /kind must be one of/],
    ['a kind nobody types', 'kind=rating&q=gen', /kind must be one of/],
    ['no q', 'kind=fandom', /q must hold the start of a tag name/],
    ['a blank q', 'kind=fandom&q=%20%20', /q must hold the start of a tag name/],
    ['a q longer than any tag', `kind=fandom&q=${'x'.repeat(151)}`, /at most 150 characters/],
  ] as const) {
    it(`answers ${what} with 400 and a message saying what is wrong`, async () => {
      const response = await suggest(query);
      assert.equal(response.status, 400);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      assert.notEqual(response.headers['cache-control'], 'public, max-age=60');
      assert.match((JSON.parse(response.body) as { message: string }).message, problem);
    });
  }
});
