import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { createToken } from '../support/api.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Who learns of a tag: a guest only through works a guest may read, a member also through works
 * for registered users; a tag nobody asking may learn of is answered as a name no tag has.
 */
describeEachDatabase('tag privacy', (dialect) => {
  let t: TestApp;
  let writer: Agent;
  let reader: Agent;
  let guest: Agent;
  beforeEach(async () => {
    t = await testApp(dialect);
    writer = t.agent();
    await writer.signUp('harbour_writer');
    reader = t.agent();
    await reader.signUp('harbour_reader');
    await reader.get('/'); // shows the welcome once, so pages compared later are alike
    guest = t.agent();
    await writer.postWork({ title: 'Open Harbour', freeforms: 'Harbour Lights, Sea Shanties' });
    await writer.postWork({
      title: 'Members Harbour',
      freeforms: 'Harbour Secrets, Sea Shanties',
      visibility: 'registered',
    });
  });
  afterEach(() => t.dispose());

  const suggestions = async (agent: Agent, query: string) => {
    const response = await agent.get(`/tags/suggest?${query}`);
    assert.equal(response.status, 200);
    return { cache: response.headers['cache-control'], tags: (JSON.parse(response.body) as Json).tags as Json[] };
  };

  /** What a reader sees on a page, with the tag's name swapped for a placeholder. */
  const seenAs = async (agent: Agent, path: string, name: string) => {
    const response = await agent.get(path.replace('NAME', encodeURIComponent(name)));
    return { status: response.status, text: visibleText(response.body).split(name).join('NAME') };
  };

  it('suggests a tag used only on works for registered users to members, not guests, and counts per audience', async () => {
    const toGuest = await suggestions(guest, 'kind=freeform&q=harbour');
    assert.deepEqual(toGuest.tags, [{ name: 'Harbour Lights', uses: 1 }]);
    assert.equal(toGuest.cache, 'public, max-age=60');
    const toMember = await suggestions(reader, 'kind=freeform&q=harbour');
    assert.deepEqual(toMember.tags, [
      { name: 'Harbour Lights', uses: 1 },
      { name: 'Harbour Secrets', uses: 1 },
    ]);
    assert.match(String(toMember.cache), /^private\b/, "a shared cache never keeps a member's answer");

    assert.deepEqual((await suggestions(guest, 'kind=freeform&q=shant')).tags, [{ name: 'Sea Shanties', uses: 1 }]);
    assert.deepEqual((await suggestions(reader, 'kind=freeform&q=shant')).tags, [{ name: 'Sea Shanties', uses: 2 }]);
  });

  it("answers a guest's tag page and works page for such a tag as for a tag that does not exist", async () => {
    for (const path of ['/tags/NAME', '/tags/NAME/works', '/tags/NAME?kind=freeform']) {
      const hidden = await seenAs(guest, path, 'Harbour Secrets');
      const unknown = await seenAs(guest, path, 'No Such Tag');
      assert.equal(hidden.status, 404, path);
      assert.deepEqual(hidden, unknown, `${path}: a guest cannot tell the tag exists`);
      assert.doesNotMatch(hidden.text, /Members Harbour/);

      const member = await reader.get(path.replace('NAME', 'Harbour%20Secrets'));
      assert.equal(member.status, 200, `${path} for a member`);
      assert.match(visibleText(member.body), /Members Harbour/);
    }
    // A tag on a work a guest may read shows a guest only that work.
    const shared = visibleText((await guest.get('/tags/Sea%20Shanties')).body);
    assert.match(shared, /Open Harbour/);
    assert.doesNotMatch(shared, /Members Harbour/);
  });

  it('answers the Atom and OPDS feeds of such a tag with 404, as for a tag that does not exist', async () => {
    for (const path of ['/tags/NAME/feed.atom', '/opds/tags/NAME']) {
      for (const agent of [guest, reader]) {
        const hidden = await seenAs(agent, path, 'Harbour Secrets');
        assert.equal(hidden.status, 404, `${path}: feeds are what a guest may read, whoever asks`);
        assert.deepEqual(hidden, await seenAs(agent, path, 'No Such Tag'), path);
      }
      assert.equal((await guest.get(path.replace('NAME', 'Harbour%20Lights'))).status, 200, `${path} of a public tag`);
    }
  });

  it('keeps a synonym used only on works for registered users off the canonical tag page a guest sees', async () => {
    await writer.postWork({ title: 'Shanty Night', freeforms: 'Shanty Songs', visibility: 'registered' });
    const canonical = (await t.store.tags.named('Sea Shanties'))[0];
    await t.store.tags.makeCanonical(canonical.id);
    await t.store.tags.makeSynonym((await t.store.tags.named('Shanty Songs'))[0].id, canonical.id);
    assert.doesNotMatch(visibleText((await guest.get('/tags/Sea%20Shanties')).body), /Shanty Songs/);
    assert.match(visibleText((await reader.get('/tags/Sea%20Shanties')).body), /Synonyms Shanty Songs/);
  });

  it('still shows a guest a canonical tag, which wranglers made public on purpose', async () => {
    await t.store.tags.makeCanonical((await t.store.tags.named('Harbour Secrets'))[0].id);
    const page = await guest.get('/tags/Harbour%20Secrets');
    assert.equal(page.status, 200);
    assert.doesNotMatch(visibleText(page.body), /Members Harbour/, 'but not the works a guest may not read');
  });

  it('answers the API for a tag only drafts carry with 404 and the error of a tag that does not exist', async () => {
    await writer.postWork({ title: 'Secret Draft', freeforms: 'Unannounced Crossover', visibility: 'draft' });
    const writerToken = await createToken(writer);
    const readerToken = await createToken(reader);
    const call = async (path: string, token?: string) => {
      const response = await t.app.inject({
        url: path,
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      return { status: response.statusCode, body: JSON.parse(response.body) as Json };
    };
    const errorOf = (body: Json, name: string) => JSON.stringify(body.error).split(name).join('NAME');

    for (const suffix of ['', '/works', '/works?rating=General%20Audiences']) {
      const unknown = await call(`/api/v1/tags/No%20Such%20Tag${suffix}`);
      assert.equal(unknown.status, 404, `unknown${suffix}`);
      for (const token of [undefined, readerToken]) {
        const hidden = await call(`/api/v1/tags/Unannounced%20Crossover${suffix}`, token);
        assert.equal(hidden.status, 404, `draft-only tag${suffix} (${token ? 'member' : 'guest'})`);
        assert.equal(errorOf(hidden.body, 'Unannounced Crossover'), errorOf(unknown.body, 'No Such Tag'));
      }
      const registeredOnly = await call(`/api/v1/tags/Harbour%20Secrets${suffix}`);
      assert.equal(registeredOnly.status, 404, `registered-only tag${suffix} to a guest`);
      assert.equal(errorOf(registeredOnly.body, 'Harbour Secrets'), errorOf(unknown.body, 'No Such Tag'));
      assert.equal((await call(`/api/v1/tags/Harbour%20Secrets${suffix}`, readerToken)).status, 200);
      assert.equal((await call(`/api/v1/tags/Unannounced%20Crossover${suffix}`, writerToken)).status, 200);
    }
    const own = await call('/api/v1/tags/Unannounced%20Crossover/works', writerToken);
    assert.deepEqual(
      (own.body.items as Json[]).map((w) => w.title),
      ['Secret Draft'],
    );
  });
});
