import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { callApi, createToken, OpenApiChecker } from '../support/api.ts';
import { DEFAULT_MATCH_SETTINGS, DEFAULT_SIGN_UP_RULES } from '../../src/domain/gift-exchange/sign-up-rules.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Collections, gift exchanges and prompt memes in the API, and the works list narrowed to one. */
describeEachDatabase('API collections', (dialect) => {
  let t: TestApp;
  let checker: OpenApiChecker;
  let owner: Agent;
  const api = (path: string, token?: string) => callApi(t.app, checker, 'GET', path, token ? { token } : {});

  async function collection(name: string, fields: Record<string, string> = {}) {
    const created = await owner.submit('/collections', { name, title: name.replace('_', ' '), open: '1', ...fields });
    assert.equal(created.status, 303, visibleText(created.body).slice(0, 300));
  }

  beforeEach(async () => {
    t = await testApp(dialect);
    checker = new OpenApiChecker(JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body));
    owner = t.agent();
    await owner.signUp('fest_mod');
    await collection('harbour_fest', { description: 'Stories of the <em>harbour</em>.<script>alert(1)</script>' });
    const parentId = String((await t.store.collections.findByName('harbour_fest'))!.id);
    await collection('hidden_swap', { unrevealed: '1', anonymous: '1', parentId });
    await owner.postWork({ title: 'Lantern Tide', collections: 'harbour_fest' });
    await owner.postWork({ title: 'Secret Gift', collections: 'hidden_swap' });
    await owner.postWork({ title: 'Elsewhere' });
  });
  afterEach(() => t.dispose());

  it('describes a collection, its parent, sub-collections and maintainers, in any case of its name', async () => {
    const response = await api('/api/v1/collections/HARBOUR_FEST');
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const found = response.json as Json;
    assert.equal(found.name, 'harbour_fest');
    assert.equal(found.kind, 'collection');
    assert.match(found.description, /<em>harbour<\/em>/);
    assert.doesNotMatch(found.description, /script/);
    assert.deepEqual(found.maintainers, [{ pseud: 'fest_mod', login: 'fest_mod', role: 'owner' }]);
    assert.equal(found.giftExchange, null);
    assert.equal(found.links.works, '/api/v1/works?collection=harbour_fest');
    const hidden = (await api('/api/v1/collections/hidden_swap')).json as Json;
    assert.equal(hidden.unrevealed, true);
    assert.equal(hidden.anonymous, true);
    assert.deepEqual([hidden.parent, found.children], ['harbour_fest', ['hidden_swap']]);

    const missing = await api('/api/v1/collections/no_such_fest');
    assert.equal(missing.status, 404);
  });

  it('lists a collection’s works as its page does: unrevealed works stay out, an unknown name is refused', async () => {
    const titles = async (path: string) => {
      const response = await api(path);
      assert.equal(response.status, 200, JSON.stringify(response.json));
      return (response.json.items as Json[]).map((w) => w.title as string);
    };
    assert.deepEqual(await titles('/api/v1/works?collection=harbour_fest'), ['Lantern Tide']);
    assert.deepEqual(await titles('/api/v1/works?collection=hidden_swap'), []);
    assert.deepEqual((await titles('/api/v1/works')).sort(), ['Elsewhere', 'Lantern Tide']);
    const refused = await api('/api/v1/works?collection=no_such_fest');
    assert.equal(refused.status, 400);
    assert.match(JSON.stringify(refused.json), /collection/);
  });

  it('says when a collection is a gift exchange, with its sign-up dates and whether assignments went out', async () => {
    const id = (await t.store.collections.findByName('harbour_fest'))!.id;
    await t.store.giftExchanges.save(id, {
      rules: DEFAULT_SIGN_UP_RULES,
      match: DEFAULT_MATCH_SETTINGS,
      signupsOpenAt: '2026-11-01T00:00:00.000Z',
      signupsCloseAt: '2026-11-21T00:00:00.000Z',
      assignmentsDueAt: null,
    });
    const found = (await api('/api/v1/collections/harbour_fest')).json as Json;
    assert.equal(found.kind, 'gift-exchange');
    assert.deepEqual(found.giftExchange, {
      signupsOpenAt: '2026-11-01T00:00:00.000Z',
      signupsCloseAt: '2026-11-21T00:00:00.000Z',
      assignmentsDueAt: null,
      assignmentsSent: false,
    });
  });

  it('lists a prompt meme’s prompts with its page’s filters, an anonymous prompter unnamed, a page at a time', async () => {
    const saved = await owner.submit('/collections/harbour_fest/prompt-meme', {
      open: '1',
      anonymousAllowed: '1',
      tagKinds: ['fandom', 'freeform'],
    });
    assert.equal(saved.status, 303, visibleText(saved.body).slice(0, 300));
    const prompter = t.agent();
    await prompter.signUp('fest_prompter');
    assert.equal((await prompter.submit('/collections/harbour_fest/participants/join', {})).status, 303);
    const post = async (fields: Record<string, string>) => {
      const posted = await prompter.submit('/collections/harbour_fest/prompts', {
        fandoms: 'Original Work',
        ...fields,
      });
      assert.equal(posted.status, 303, visibleText(posted.body).slice(0, 300));
      return posted.location!;
    };
    await post({ title: 'Storm at the lighthouse', description: 'Two keepers.' });
    const secret = await post({ title: 'A secret wish', anonymous: '1', freeforms: 'Fluff' });
    assert.equal((await owner.submit(`${secret}/claim`, {})).status, 303);

    const page = async (query: string, token?: string) => {
      const response = await api(`/api/v1/collections/harbour_fest/prompts${query}`, token);
      assert.equal(response.status, 200, JSON.stringify(response.json));
      return response.json as Json;
    };
    const all = await page('');
    assert.deepEqual(
      (all.items as Json[]).map((p) => [p.title, p.prompter?.login ?? null, p.claims]),
      [
        ['A secret wish', null, 1],
        ['Storm at the lighthouse', 'fest_prompter', 0],
      ],
    );
    assert.deepEqual((all.items as Json[])[0].tags, [
      { kind: 'fandom', name: 'Original Work' },
      { kind: 'freeform', name: 'Fluff' },
    ]);
    assert.doesNotMatch(JSON.stringify(all.items[0]), /fest_prompter/);
    const own = await page('', await createToken(prompter));
    assert.equal((own.items as Json[])[0].prompter.login, 'fest_prompter', 'the prompter sees their own name');

    assert.deepEqual(
      ((await page('?claimed=false')).items as Json[]).map((p) => p.title),
      ['Storm at the lighthouse'],
    );
    assert.deepEqual(
      ((await page('?tag=fluff')).items as Json[]).map((p) => p.title),
      ['A secret wish'],
    );
    const first = await page('?limit=1');
    assert.equal(first.total, 2);
    const second = await page(`?limit=1&cursor=${first.nextCursor}`);
    assert.deepEqual([second.items[0].title, second.nextCursor], ['Storm at the lighthouse', null]);

    for (const bad of ['?sort=oldest', '?claimed=maybe', `?sort=claims&cursor=${first.nextCursor}`, '?page=2']) {
      const refused = await api(`/api/v1/collections/harbour_fest/prompts${bad}`);
      assert.equal(refused.status, 400, bad);
    }
    assert.equal((await api('/api/v1/collections/hidden_swap/prompts')).status, 404, 'not a prompt meme');
    const meme = (await api('/api/v1/collections/harbour_fest')).json as Json;
    assert.deepEqual([meme.kind, meme.promptMeme.open], ['prompt-meme', true]);
  });
});
