import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeEachSearch } from '../support/databases.ts';
import { testApp, visibleText, type TestApp } from '../support/http.ts';
import { callApi, createToken, newWork, OpenApiChecker, type CallOptions } from '../support/api.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** GET /api/v1/works and /search answer with /works's filters, query syntax and sorts (issue 7). */
describeEachSearch('API works list and search through the works index', (dialect, engine) => {
  let t: TestApp;
  let checker: OpenApiChecker;
  let token: string;
  const api = (path: string, options: CallOptions = {}) => callApi(t.app, checker, 'GET', path, options);
  const titles = async (path: string) => {
    const response = await api(path);
    assert.equal(response.status, 200, `${path}: ${JSON.stringify(response.json)}`);
    return (response.json.items as Json[]).map((w) => w.title as string);
  };
  const post = async (fields: Json) => {
    const response = await callApi(t.app, checker, 'POST', '/api/v1/works', { token, body: newWork(fields) });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    return response.json.id as number;
  };

  beforeEach(async () => {
    t = await testApp(dialect, { searchEngine: engine });
    checker = new OpenApiChecker(JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body));
    const agent = t.agent();
    await agent.signUp('index_writer');
    token = await createToken(agent);
    await post({
      title: 'Alpha Storm',
      fandoms: ['Sherlock'],
      characters: ['John Watson'],
      freeforms: ['Fluff'],
      chapter: { body: 'one two three' },
    });
    await post({
      title: 'Bravo Crossing',
      fandoms: ['Sherlock', 'Doctor Who'],
      freeforms: ['Angst'],
      complete: false,
      expectedChapters: null,
      chapter: { body: 'one' },
    });
    await post({
      title: 'Charlie Harbour',
      fandoms: ['Doctor Who'],
      freeforms: ['Fluff', 'Angst'],
      summary: 'A storm at sea.',
      chapter: { body: 'one two three four five six seven' },
    });
  });
  afterEach(() => t.dispose());

  it('filters as /works does: tags of every kind in and out, crossovers, completion, single chapter, words, dates', async () => {
    const sorted = async (path: string) => (await titles(path)).sort();
    assert.deepEqual(await sorted('/api/v1/works?include_freeform=Fluff'), ['Alpha Storm', 'Charlie Harbour']);
    assert.deepEqual(await sorted('/api/v1/works?include_freeform=Fluff&exclude_freeform=Angst'), ['Alpha Storm']);
    assert.deepEqual(await sorted('/api/v1/works?include_character=John%20Watson'), ['Alpha Storm']);
    assert.deepEqual(await sorted('/api/v1/works?exclude_fandom=Sherlock'), ['Charlie Harbour']);
    assert.deepEqual(await sorted('/api/v1/works?crossovers=only'), ['Bravo Crossing']);
    assert.deepEqual(await sorted('/api/v1/works?crossovers=exclude'), ['Alpha Storm', 'Charlie Harbour']);
    assert.deepEqual(await sorted('/api/v1/works?complete=false'), ['Bravo Crossing']);
    assert.deepEqual(await sorted('/api/v1/works?complete=yes&single=true&words_from=3'), [
      'Alpha Storm',
      'Charlie Harbour',
    ]);
    assert.deepEqual(await sorted('/api/v1/works?words_to=3&exclude_freeform=Angst'), ['Alpha Storm']);
    const today = new Date().toISOString().slice(0, 10);
    assert.deepEqual(await sorted(`/api/v1/works?updated_from=${today}&updated_to=${today}`), [
      'Alpha Storm',
      'Bravo Crossing',
      'Charlie Harbour',
    ]);
    assert.deepEqual(await sorted('/api/v1/works?updated_to=2000-01-01'), []);
    assert.deepEqual(
      await sorted('/api/v1/works?include_freeform=No%20Such%20Tag'),
      [],
      'an unknown tag matches nothing',
    );
  });

  it('searches with the query syntax of /works and sorts every way /works sorts, both directions', async () => {
    assert.deepEqual(
      await titles('/api/v1/search?q=storm'),
      ['Alpha Storm', 'Charlie Harbour'],
      'title match ranks above summary match',
    );
    assert.deepEqual(await titles('/api/v1/search?q=storm%20words>5'), ['Charlie Harbour']);
    assert.deepEqual(await titles('/api/v1/search?q=storm%20complete:no'), []);
    assert.deepEqual(await titles('/api/v1/search?q=%22a%20storm%20at%20sea%22'), ['Charlie Harbour']);
    assert.deepEqual((await titles('/api/v1/search?q=words>2')).sort(), ['Alpha Storm', 'Charlie Harbour']);
    assert.deepEqual(await titles('/api/v1/works?q=storm&include_fandom=Doctor%20Who'), ['Charlie Harbour']);
    assert.deepEqual(await titles('/api/v1/works?sort=title'), ['Alpha Storm', 'Bravo Crossing', 'Charlie Harbour']);
    assert.deepEqual(await titles('/api/v1/works?sort=title&order=desc'), [
      'Charlie Harbour',
      'Bravo Crossing',
      'Alpha Storm',
    ]);
    assert.deepEqual(await titles('/api/v1/works?sort=words'), ['Charlie Harbour', 'Alpha Storm', 'Bravo Crossing']);
    assert.deepEqual(await titles('/api/v1/works?sort=words&order=asc'), [
      'Bravo Crossing',
      'Alpha Storm',
      'Charlie Harbour',
    ]);
    for (const sort of ['best', 'updated', 'posted', 'creator', 'hits', 'kudos', 'comments', 'bookmarks']) {
      assert.equal((await titles(`/api/v1/works?sort=${sort}`)).length, 3, sort);
    }
    // The HTML listing and the API agree.
    const page = visibleText((await t.agent().get('/works?sort=words&include_fandom=Doctor%20Who')).body);
    assert.ok(page.indexOf('Charlie Harbour') < page.indexOf('Bravo Crossing'));
    assert.deepEqual(await titles('/api/v1/works?sort=words&include_fandom=Doctor%20Who'), [
      'Charlie Harbour',
      'Bravo Crossing',
    ]);
  });

  it('pages by cursor through every work once, both directions, and refuses a cursor of another list', async () => {
    for (let i = 0; i < 4; i++) await post({ title: `Extra ${i}`, chapter: { body: 'x '.repeat(i + 10) } });
    for (const order of ['desc', 'asc']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response: Json = await api(
          `/api/v1/works?sort=words&order=${order}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        assert.equal(response.status, 200);
        assert.equal(response.json.total, 7);
        seen.push(...(response.json.items as Json[]).map((w) => w.title as string));
        cursor = response.json.nextCursor;
        pages++;
      } while (cursor && pages < 10);
      assert.equal(pages, 4, order);
      assert.equal(new Set(seen).size, 7, `${order}: every work once`);
      const all = await titles(`/api/v1/works?sort=words&order=${order}&limit=10`);
      assert.deepEqual(seen, all, `${order}: pages follow the full list`);
    }
    const next = (await api('/api/v1/works?sort=words&limit=2')).json.nextCursor as string;
    for (const path of [
      `/api/v1/works?sort=words&order=asc&limit=2&cursor=${next}`,
      `/api/v1/works?sort=words&limit=2&include_freeform=Fluff&cursor=${next}`,
      `/api/v1/works?sort=kudos&limit=2&cursor=${next}`,
    ]) {
      const response = await api(path);
      assert.equal(response.status, 400, path);
      assert.ok(response.json.error.fields.cursor, path);
    }
  });

  it('answers bad /works parameters with 400 naming them', async () => {
    for (const [path, parameter] of [
      ['/api/v1/works?crossovers=sometimes', 'crossovers'],
      ['/api/v1/works?updated_from=2026-02-31', 'updated_from'],
      ['/api/v1/works?single=maybe', 'single'],
      ['/api/v1/search?q=words>lots', 'q'],
      ['/api/v1/works?sort=relevance', 'sort'],
    ]) {
      const response = await api(path);
      assert.equal(response.status, 400, path);
      assert.ok(response.json.error.fields[parameter], `${path} names ${parameter}: ${JSON.stringify(response.json)}`);
    }
  });
});
