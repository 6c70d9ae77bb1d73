import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, visibleText, type Agent, type TestApp } from '../support/http.ts';
import { callApi, createToken, newWork, OpenApiChecker, registeredRoutes, type CallOptions } from '../support/api.ts';
import { DEFAULT_API_RATE_LIMITS } from '../../src/config.ts';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describeEachDatabase('public API', (dialect) => {
  let t: TestApp;
  let checker: OpenApiChecker;
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, options: CallOptions = {}) =>
    callApi(t.app, checker, method, path, options);
  const ids = (page: Json) => (page.items as Json[]).map((w) => w.id as number);

  beforeEach(async () => {
    t = await testApp(dialect);
    const doc = await t.app.inject({ url: '/api/v1/openapi.json' });
    checker = new OpenApiChecker(JSON.parse(doc.body));
  });
  afterEach(() => t.dispose());

  async function member(login: string): Promise<{ agent: Agent; token: string; pseudId: number }> {
    const agent = t.agent();
    await agent.signUp(login);
    const token = await createToken(agent);
    const me = await api('GET', '/api/v1/me', { token });
    return { agent, token, pseudId: me.json.user.pseuds[0].id };
  }

  async function post(token: string, fields: Json = {}): Promise<number> {
    const response = await api('POST', '/api/v1/works', { token, body: newWork(fields) });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    return response.json.id;
  }

  it('serves an OpenAPI 3.1 document that describes every API route, with schemas that compile', async () => {
    const doc = checker.document as Json;
    assert.equal(doc.openapi, '3.1.0');
    for (const name of [
      'Work',
      'WorkDetail',
      'Chapter',
      'Tag',
      'Series',
      'Pseud',
      'User',
      'Bookmark',
      'Error',
      'WorkPage',
      'BookmarkPage',
    ])
      assert.ok(doc.components.schemas[name], name);
    assert.ok(checker.compileAll() > 40);
    const documented = Object.entries(doc.paths as Json).flatMap(([path, ops]) =>
      Object.keys(ops as Json).map((m) => `${m.toUpperCase()} /api/v1${path.replace(/\{([^}]+)\}/g, ':$1')}`),
    );
    assert.deepEqual(registeredRoutes(t.app, '/api/v1').sort(), documented.sort());
    for (const operation of Object.values(doc.paths as Json).flatMap((ops) => Object.values(ops as Json)) as Json[]) {
      assert.ok(operation.responses['400'] && operation.responses['429'], `${operation.summary} documents its errors`);
    }
  });

  it('shows guests, other members and creators exactly what the HTML pages show them, on every endpoint', async () => {
    const writer = await member('writer_a');
    const reader = await member('reader_b');
    const open = await post(writer.token, {
      title: 'Open Door',
      freeforms: ['Shared Tag'],
      newSeriesTitle: 'Mixed Series',
    });
    const mixedSeries = (await api('GET', `/api/v1/works/${open}`)).json.series[0].id as number;
    const members = await post(writer.token, {
      title: 'Members Room',
      visibility: 'registered',
      freeforms: ['Members Tag', 'Shared Tag'],
      seriesId: mixedSeries,
    });
    const draft = await post(writer.token, {
      title: 'Moonlit Draft',
      visibility: 'draft',
      freeforms: ['Secret Draft Tag'],
      newSeriesTitle: 'Draft Series',
    });
    const draftSeries = (await api('GET', `/api/v1/works/${draft}`, { token: writer.token })).json.series[0]
      .id as number;
    const draftChapter = await api('POST', `/api/v1/works/${open}/chapters`, {
      token: writer.token,
      body: { title: 'Not yet', body: 'Unfinished.', draft: true },
    });
    assert.equal(draftChapter.status, 201);
    const openChapter = (await api('GET', `/api/v1/works/${open}`)).json.chapters[0].id as number;
    const membersChapter = (await api('GET', `/api/v1/works/${members}`, { token: reader.token })).json.chapters[0]
      .id as number;
    const draftFirstChapter = (await api('GET', `/api/v1/works/${draft}`, { token: writer.token })).json.chapters[0]
      .id as number;
    // The reader bookmarks the open and the members-only work publicly.
    for (const id of [open, members]) {
      const saved = await reader.agent.submit('/bookmarks', {
        kind: 'work',
        id: String(id),
        notes: 'Lovely',
        tags: 'favourite',
        pseudId: String(reader.pseudId),
      });
      assert.equal(saved.status, 303);
    }

    const guest = undefined;
    const who = { guest, other: reader.token, creator: writer.token };
    const seen = async (path: string) => {
      const result: Record<string, number | number[]> = {};
      for (const [name, token] of Object.entries(who)) {
        const response = await api('GET', path, { token });
        result[name] =
          response.status === 200 && Array.isArray(response.json.items) ? ids(response.json) : response.status;
      }
      return result;
    };

    // The works list is /works's (the works index): drafts are listed on their creator's own works list, not here.
    assert.deepEqual(await seen('/api/v1/works'), { guest: [open], other: [members, open], creator: [members, open] });
    assert.deepEqual(await seen(`/api/v1/works/${open}`), { guest: 200, other: 200, creator: 200 });
    assert.deepEqual(await seen(`/api/v1/works/${members}`), { guest: 401, other: 200, creator: 200 });
    assert.deepEqual(await seen(`/api/v1/works/${draft}`), { guest: 404, other: 404, creator: 200 });
    assert.deepEqual(await seen(`/api/v1/works/${open}/chapters`), {
      guest: [openChapter],
      other: [openChapter],
      creator: [openChapter, draftChapter.json.id],
    });
    assert.deepEqual(await seen(`/api/v1/works/${members}/chapters`), {
      guest: 401,
      other: [membersChapter],
      creator: [membersChapter],
    });
    assert.deepEqual(await seen(`/api/v1/works/${open}/chapters/${draftChapter.json.id}`), {
      guest: 404,
      other: 404,
      creator: 200,
    });
    assert.deepEqual(await seen(`/api/v1/works/${members}/chapters/${membersChapter}`), {
      guest: 401,
      other: 200,
      creator: 200,
    });
    assert.deepEqual(await seen(`/api/v1/works/${draft}/chapters/${draftFirstChapter}`), {
      guest: 404,
      other: 404,
      creator: 200,
    });
    const openBookmarks = await api('GET', `/api/v1/works/${open}/bookmarks`);
    assert.equal(openBookmarks.json.total, 1);
    assert.equal(openBookmarks.json.items[0].target.work.id, open);
    assert.equal((await api('GET', `/api/v1/works/${members}/bookmarks`)).status, 401);
    assert.equal((await api('GET', `/api/v1/works/${members}/bookmarks`, { token: writer.token })).json.total, 1);
    assert.deepEqual(await seen(`/api/v1/works/${draft}/bookmarks`), { guest: 404, other: 404, creator: [] });

    assert.deepEqual(await seen('/api/v1/tags/Shared%20Tag/works'), {
      guest: [open],
      other: [members, open],
      creator: [members, open],
    });
    assert.deepEqual(await seen('/api/v1/tags/secret%20draft%20tag'), { guest: 404, other: 404, creator: 200 });
    assert.deepEqual(await seen('/api/v1/tags/Members%20Tag'), { guest: 404, other: 200, creator: 200 });
    assert.equal((await api('GET', '/api/v1/tags/Shared%20Tag')).json.workCount, 1);
    assert.equal((await api('GET', '/api/v1/tags/Shared%20Tag', { token: reader.token })).json.workCount, 2);

    assert.deepEqual(await seen(`/api/v1/series/${draftSeries}`), { guest: 404, other: 404, creator: 200 });
    const seriesWorks = async (token?: string) =>
      ((await api('GET', `/api/v1/series/${mixedSeries}`, { token })).json.works as Json[]).map((w) => w.id);
    assert.deepEqual(await seriesWorks(), [open]);
    assert.deepEqual(await seriesWorks(reader.token), [open, members]);

    const counts = async (path: string) =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(who).map(async ([name, token]) => [name, (await api('GET', path, { token })).json.workCount]),
        ),
      );
    assert.deepEqual(await counts('/api/v1/users/writer_a'), { guest: 1, other: 2, creator: 3 });
    assert.deepEqual(await counts('/api/v1/users/writer_a/pseuds/writer_a'), { guest: 1, other: 2, creator: 3 });
    assert.deepEqual(await seen('/api/v1/users/writer_a/works'), {
      guest: [open],
      other: [members, open],
      creator: [draft, members, open],
    });
    assert.deepEqual(await seen('/api/v1/users/writer_a/pseuds/writer_a/works'), {
      guest: [open],
      other: [members, open],
      creator: [draft, members, open],
    });
    const profile = await api('GET', '/api/v1/users/writer_a');
    assert.doesNotMatch(JSON.stringify(profile.json), /@example\.org/, 'no email address');

    const bookmarked = async (token?: string) =>
      ((await api('GET', '/api/v1/users/reader_b/bookmarks', { token })).json.items as Json[]).map(
        (b) => b.target.work.id,
      );
    assert.deepEqual(await bookmarked(), [open]);
    assert.deepEqual((await bookmarked(writer.token)).sort(), [open, members].sort());

    // Search is /works's search: a draft is found by no one until it is posted.
    assert.deepEqual(await seen('/api/v1/search?q=moonlit'), { guest: [], other: [], creator: [] });
    assert.deepEqual(await seen('/api/v1/search?q=members%20tag'), { guest: [], other: [members], creator: [members] });

    // A browser session alone is not a token: the draft stays hidden to its own creator's cookie.
    const cookie = `quire_session=${writer.agent.cookie('quire_session')}`;
    assert.equal((await api('GET', `/api/v1/works/${draft}`, { cookie })).status, 404);
    assert.deepEqual(ids((await api('GET', '/api/v1/works', { cookie })).json), [open]);
  });

  it('pages through every result once, in order, for every sort and both directions', async () => {
    const writer = await member('prolific');
    const all: number[] = [];
    for (let i = 0; i < 23; i++) {
      all.push(
        await post(writer.token, {
          title: `${['Alpha', 'beta', 'Gamma', 'delta'][i % 4]} ${i % 3}`,
          chapter: { body: 'word '.repeat(1 + (i % 5)) },
        }),
      );
    }
    for (const sort of ['updated', 'posted', 'kudos', 'hits', 'comments', 'bookmarks', 'words', 'title']) {
      for (const order of ['asc', 'desc']) {
        const seenIds: number[] = [];
        const values: (string | number)[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const query: string = `sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
          const page = await api('GET', `/api/v1/works?${query}`);
          assert.equal(page.status, 200);
          assert.equal(page.json.total, 23);
          for (const work of page.json.items as Json[]) {
            seenIds.push(work.id);
            values.push(
              sort === 'title'
                ? String(work.title).toLowerCase()
                : sort === 'words'
                  ? work.stats.words
                  : sort === 'updated'
                    ? work.updatedAt
                    : sort === 'posted'
                      ? work.publishedAt
                      : 0,
            );
          }
          cursor = page.json.nextCursor;
          pages++;
        } while (cursor);
        assert.equal(pages, 5, `${sort} ${order}`);
        assert.equal(new Set(seenIds).size, 23, `${sort} ${order}: no duplicates`);
        assert.deepEqual(
          [...seenIds].sort((a, b) => a - b),
          [...all].sort((a, b) => a - b),
          `${sort} ${order}: no gaps`,
        );
        const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        if (sort !== 'title')
          assert.deepEqual(values, order === 'asc' ? sorted : sorted.reverse(), `${sort} ${order} is in order`);
      }
    }
    const words = await api('GET', '/api/v1/works?sort=words&limit=100');
    assert.deepEqual((words.json.items as Json[]).map((w) => w.stats.words).slice(0, 5), [5, 5, 5, 5, 4]);
  });

  it('filters by tag, fandom, rating, completion, language, word count, update date and creator', async () => {
    const writer = await member('filter_writer');
    const other = await member('filter_other');
    const a = await post(writer.token, {
      title: 'A',
      fandoms: ['Sherlock'],
      relationships: ['John/Sherlock'],
      rating: 'Mature',
      complete: false,
      expectedChapters: null,
      chapter: { body: 'one two three' },
    });
    const b = await post(writer.token, {
      title: 'B',
      fandoms: ['Sherlock', 'Doctor Who'],
      language: 'fr',
      chapter: { body: 'one' },
    });
    const c = await post(other.token, {
      title: 'C',
      fandoms: ['Doctor Who'],
      freeforms: ['John/Sherlock'],
      rating: 'Explicit',
      chapter: { body: 'one two three four five six' },
    });
    const list = async (query: string) => ids((await api('GET', `/api/v1/works?${query}`)).json).sort((x, y) => x - y);
    assert.deepEqual(await list('fandom=sherlock'), [a, b]);
    assert.deepEqual(await list('fandom=Sherlock&fandom=Doctor%20Who'), [b]);
    assert.deepEqual(await list('tag=john%2Fsherlock'), [a, c]);
    assert.deepEqual(await list('rating=Mature&rating=explicit'), [a, c]);
    assert.deepEqual(await list('complete=false'), [a]);
    assert.deepEqual(await list('complete=true'), [b, c]);
    assert.deepEqual(await list('language=fr'), [b]);
    assert.deepEqual(await list('words_from=2&words_to=3'), [a]);
    assert.deepEqual(await list('words_from=4'), [c]);
    assert.deepEqual(await list('updated_since=2000-01-01'), [a, b, c]);
    assert.deepEqual(await list('updated_since=2999-01-01T00:00:00Z'), []);
    assert.deepEqual(await list('user=FILTER_OTHER'), [c]);
    assert.deepEqual(await list('user=filter_writer&pseud=filter_writer'), [a, b]);
    assert.deepEqual(await list('q=doctor'), [b, c]);
    assert.deepEqual(ids((await api('GET', '/api/v1/tags/Sherlock/works?rating=Mature')).json), [a]);
    assert.deepEqual(ids((await api('GET', '/api/v1/users/filter_writer/works?language=fr')).json), [b]);
  });

  it('answers bad parameters with a 400 JSON error naming the parameter, never a 500', async () => {
    const writer = await member('bad_params');
    await post(writer.token);
    const kudosCursor = (await api('GET', '/api/v1/works?sort=kudos&limit=1')).json.nextCursor;
    assert.equal(kudosCursor, null, 'one work: no next page');
    await post(writer.token);
    const cursor = (await api('GET', '/api/v1/works?sort=kudos&limit=1')).json.nextCursor as string;
    const cases: [string, string][] = [
      ['/api/v1/works?limit=0', 'limit'],
      ['/api/v1/works?limit=101', 'limit'],
      ['/api/v1/works?limit=ten', 'limit'],
      ['/api/v1/works?limit=1&limit=2', 'limit'],
      ['/api/v1/works?sort=bogus', 'sort'],
      ['/api/v1/works?order=up', 'order'],
      ['/api/v1/works?cursor=not-a-cursor', 'cursor'],
      ['/api/v1/works?cursor=eyJhIjoxfQ', 'cursor'],
      [`/api/v1/works?sort=title&cursor=${cursor}`, 'cursor'],
      ['/api/v1/works?rating=Spicy', 'rating'],
      ['/api/v1/works?complete=maybe', 'complete'],
      ['/api/v1/works?language=xx', 'language'],
      ['/api/v1/works?words_from=-1', 'words_from'],
      ['/api/v1/works?words_from=10&words_to=5', 'words_from'],
      ['/api/v1/works?updated_since=2026-02-31', 'updated_since'],
      ['/api/v1/works?fandom=' + 'x'.repeat(151), 'fandom'],
      ['/api/v1/works?colour=blue', 'colour'],
      ['/api/v1/search', 'q'],
      ['/api/v1/search?q=' + 'x'.repeat(201), 'q'],
      ['/api/v1/users/bad_params/works?user=someone', 'user'],
      ['/api/v1/tags/Original%20Work?kind=shape', 'kind'],
      ['/api/v1/users/bad_params/bookmarks?cursor=%25%25', 'cursor'],
      ['/api/v1/works/1?page=2', 'page'],
    ];
    for (const [path, parameter] of cases) {
      const response = await api('GET', path);
      assert.equal(response.status, 400, path);
      assert.equal(response.json.error.code, 'invalid_parameter', path);
      assert.ok(response.json.error.fields[parameter], `${path} names ${parameter}`);
    }
    for (const path of [
      '/api/v1/works/abc',
      '/api/v1/works/99999',
      '/api/v1/works/1/chapters/abc',
      '/api/v1/series/0',
      '/api/v1/users/nobody_here',
      '/api/v1/tags/Nothing%20Like%20It',
      '/api/v1/users/bad_params/pseuds/other',
    ]) {
      const response = await api('GET', path);
      assert.equal(response.status, 404, path);
      assert.equal(response.json.error.code, 'not_found');
    }
    const unknown = await t.app.inject({ url: '/api/v1/nothing/here' });
    assert.equal(unknown.statusCode, 404);
    assert.equal(JSON.parse(unknown.body).error.code, 'not_found');
  });

  it('revokes every API token of a member who changes their password, and says so', async () => {
    const { agent, token } = await member('rekeyed');
    const second = await createToken(agent, 'e-reader');
    const neighbour = await member('neighbour');
    const changed = await agent.submit('/account/password', {
      currentPassword: 'correct horse battery',
      password: 'a brand new passphrase',
      passwordConfirmation: 'a brand new passphrase',
    });
    assert.equal(changed.status, 303);
    assert.match(
      visibleText((await agent.get('/account')).body),
      /Other devices have been logged out and your 2 API tokens were revoked/,
    );
    for (const revoked of [token, second])
      assert.equal((await api('GET', '/api/v1/me', { token: revoked })).status, 401);
    assert.equal((await api('GET', '/api/v1/me', { token: neighbour.token })).status, 200, "others' tokens stay");
  });

  it('creates tokens on the account page, shows each once, stores only a hash, and refuses revoked ones', async () => {
    const agent = t.agent();
    await agent.signUp('token_keeper');
    const empty = visibleText((await agent.get('/account')).body);
    assert.match(empty, /API tokens .* You have no API tokens\./);
    const refused = await agent.submit('/account/api-tokens', { tokenName: '   ' });
    assert.equal(refused.status, 422);
    assert.match(visibleText(refused.body), /Give the token a name/);

    const token = await createToken(agent, 'backup script');
    assert.match(token, /^quire_[A-Za-z0-9_-]{43}$/);
    const row = await t.store.handle.db.selectFrom('api_tokens').selectAll().executeTakeFirstOrThrow();
    assert.equal(row.token_hash, createHash('sha256').update(token).digest('hex'));
    assert.doesNotMatch(JSON.stringify(row), new RegExp(token));
    const account = await agent.get('/account');
    assert.doesNotMatch(account.body, new RegExp(token), 'shown only once');
    assert.match(visibleText(account.body), /backup script \d+ \w+ \d{4} Never Revoke/);

    const me = await api('GET', '/api/v1/me', { token });
    assert.equal(me.status, 200);
    assert.equal(me.json.user.login, 'token_keeper');
    assert.equal(me.json.token.name, 'backup script');
    assert.doesNotMatch(visibleText((await agent.get('/account')).body), /Never Revoke/, 'last use is shown');

    // The form needs its CSRF token like every other form.
    const forged = await t.app.inject({
      method: 'POST',
      url: '/account/api-tokens',
      headers: {
        cookie: `quire_session=${agent.cookie('quire_session')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'tokenName=evil',
    });
    assert.equal(forged.statusCode, 403);

    // Another member cannot revoke it.
    const other = t.agent();
    await other.signUp('someone_else');
    assert.equal((await other.submit(`/account/api-tokens/${row.id}/revoke`, {})).status, 404);
    assert.equal((await api('GET', '/api/v1/me', { token })).status, 200);

    const revoked = await agent.submit(`/account/api-tokens/${row.id}/revoke`, {});
    assert.equal(revoked.status, 303);
    assert.match(visibleText((await agent.get('/account')).body), /Revoked the API token “backup script”/);
    const after = await api('GET', '/api/v1/me', { token });
    assert.equal(after.status, 401);
    assert.equal(after.json.error.code, 'invalid_token');
    assert.match(String(after.headers['www-authenticate']), /^Bearer/);
    assert.equal(
      (await api('GET', '/api/v1/works', { token })).status,
      401,
      'a revoked token is refused, not treated as a guest',
    );
    for (const header of ['Bearer', 'Basic dXNlcjpwYXNz', `Bearer ${token}x`, 'Bearer quire_nope']) {
      const response = await api('GET', '/api/v1/works', { headers: { authorization: header } });
      assert.equal(response.status, 401, header);
    }
  });

  it('posts, changes and extends works with a token, with the posting form’s rules and the creator’s rights only', async () => {
    const writer = await member('api_writer');
    const other = await member('api_other');

    const created = await api('POST', '/api/v1/works', {
      token: writer.token,
      body: newWork({
        title: '  The   Long Way ',
        summary: 'A <script>alert(1)</script>summary',
        freeforms: ['Slow Burn', 'slow burn'],
        expectedChapters: 3,
        complete: false,
        chapter: { title: 'Start', body: '<p onclick="x()">Hello <b>there</b></p><script>bad()</script>' },
      }),
    });
    assert.equal(created.status, 201);
    assert.equal(created.headers.location, `/api/v1/works/${created.json.id}`);
    assert.equal(created.json.title, 'The Long Way');
    assert.doesNotMatch(created.json.summary, /script/);
    assert.deepEqual(
      (created.json.tags as Json[]).filter((tag) => tag.kind === 'freeform').map((tag) => tag.name),
      ['Slow Burn'],
    );
    const id = created.json.id as number;
    const chapter = await api('GET', `/api/v1/works/${id}/chapters/${created.json.chapters[0].id}`);
    assert.equal(chapter.json.body, '<p>Hello <b>there</b></p>');
    const page = visibleText((await t.agent().get(`/works/${id}`)).body);
    assert.match(page, /The Long Way/);

    const invalid = await api('POST', '/api/v1/works', {
      token: writer.token,
      body: newWork({ title: ' ', rating: 'Spicy', fandoms: [], chapter: { body: '' } }),
    });
    assert.equal(invalid.status, 422);
    assert.deepEqual(Object.keys(invalid.json.error.fields).sort(), ['chapter.body', 'fandoms', 'rating', 'title']);
    const shapes = await api('POST', '/api/v1/works', {
      token: writer.token,
      body: { ...newWork(), title: 7, sumary: 'typo', warnings: 'none', chapter: 'text' },
    });
    assert.equal(shapes.status, 400);
    assert.equal(shapes.json.error.code, 'invalid_body');
    assert.deepEqual(Object.keys(shapes.json.error.fields).sort(), ['chapter', 'sumary', 'title', 'warnings']);
    assert.equal(
      (await api('POST', '/api/v1/works', { token: writer.token, body: '{"title": ' })).json.error.code,
      'invalid_json',
    );
    const form = await api('POST', '/api/v1/works', {
      token: writer.token,
      body: 'title=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(form.status, 415);
    assert.equal(
      (await api('POST', '/api/v1/works', { token: writer.token, body: newWork({ creatorPseudIds: [other.pseudId] }) }))
        .json.error.fields.creatorPseudIds !== undefined,
      true,
    );
    assert.equal(
      await t.store.works.countByUser((await t.store.users.findByLogin('api_writer'))!.id),
      1,
      'nothing half-posted',
    );

    // Writes need a token: no token, or a logged-in browser with a valid CSRF token, is refused.
    assert.equal((await api('POST', '/api/v1/works', { body: newWork() })).status, 401);
    await writer.agent.get('/works/new');
    const cookie = `quire_session=${writer.agent.cookie('quire_session')}; _csrf=${writer.agent.cookie('_csrf')}`;
    const bySession = await api('POST', '/api/v1/works', {
      cookie,
      headers: { 'x-csrf-token': writer.agent.csrfToken! },
      body: newWork(),
    });
    assert.equal(bySession.status, 401);
    assert.equal((await api('PATCH', `/api/v1/works/${id}`, { cookie, body: { title: 'Hijacked' } })).status, 401);

    const patched = await api('PATCH', `/api/v1/works/${id}`, {
      token: writer.token,
      body: { title: 'The Short Way', relationships: ['A/B'], complete: true, rating: 'Teen And Up Audiences' },
    });
    assert.equal(patched.status, 200);
    assert.equal(patched.json.title, 'The Short Way');
    assert.equal(patched.json.rating, 'Teen And Up Audiences');
    assert.equal(patched.json.complete, true);
    assert.deepEqual(
      (patched.json.tags as Json[])
        .filter((tag) => ['relationship', 'freeform'].includes(tag.kind))
        .map((tag) => tag.name),
      ['A/B', 'Slow Burn'],
      'tags not given stay',
    );
    assert.equal(patched.json.summary, created.json.summary);
    const badPatch = await api('PATCH', `/api/v1/works/${id}`, {
      token: writer.token,
      body: { fandoms: [], chapter: { body: 'x' } },
    });
    assert.equal(badPatch.status, 400, 'a chapter is not part of a work patch');
    assert.equal(
      (await api('PATCH', `/api/v1/works/${id}`, { token: writer.token, body: { fandoms: [] } })).status,
      422,
    );
    assert.equal((await api('GET', `/api/v1/works/${id}`)).json.title, 'The Short Way');

    assert.equal(
      (await api('PATCH', `/api/v1/works/${id}`, { token: other.token, body: { title: 'Mine now' } })).status,
      403,
    );
    assert.equal(
      (await api('POST', `/api/v1/works/${id}/chapters`, { token: other.token, body: { body: 'More' } })).status,
      403,
    );
    const hidden = await post(writer.token, { visibility: 'draft' });
    assert.equal(
      (await api('PATCH', `/api/v1/works/${hidden}`, { token: other.token, body: { title: 'Found it' } })).status,
      404,
    );
    assert.equal(
      (await api('POST', `/api/v1/works/${hidden}/chapters`, { token: other.token, body: { body: 'More' } })).status,
      404,
    );

    const added = await api('POST', `/api/v1/works/${id}/chapters`, {
      token: writer.token,
      body: { title: 'Middle', body: 'Second <em>part</em>.', notes: 'Thanks' },
    });
    assert.equal(added.status, 201);
    assert.equal(added.json.position, 2);
    assert.equal(added.json.body, '<p>Second <em>part</em>.</p>');
    assert.equal((await api('GET', `/api/v1/works/${id}`)).json.chapterCount, 2);
    const emptyChapter = await api('POST', `/api/v1/works/${id}/chapters`, {
      token: writer.token,
      body: { title: 'x'.repeat(300), body: '   ' },
    });
    assert.equal(emptyChapter.status, 422);
    assert.deepEqual(Object.keys(emptyChapter.json.error.fields).sort(), ['body', 'title']);
  });

  async function limitedApp(api: Partial<typeof DEFAULT_API_RATE_LIMITS>) {
    await t.dispose();
    t = await testApp(dialect, {
      rateLimits: {
        login: { max: 100, windowMs: 60_000 },
        signup: { max: 100, windowMs: 60_000 },
        api: { ...DEFAULT_API_RATE_LIMITS, ...api },
      },
    });
  }

  it('answers too many requests with a 429 JSON error, counted per token (or per address without one)', async () => {
    await limitedApp({
      guestReads: { max: 3, windowMs: 60_000 },
      tokenReads: { max: 5, windowMs: 60_000 },
      writes: { max: 2, windowMs: 60_000 },
    });
    const writer = await member('busy_writer');
    const reader = await member('busy_reader');
    for (let i = 0; i < 3; i++) assert.equal((await api('GET', '/api/v1/works')).status, 200);
    const limited = await api('GET', '/api/v1/works');
    assert.equal(limited.status, 429);
    assert.equal(limited.json.error.code, 'rate_limited');
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(
      (await api('GET', '/api/v1/works', { remoteAddress: '10.0.0.2' })).status,
      200,
      'another address has its own count',
    );
    for (let i = 0; i < 5; i++)
      assert.equal(
        (await api('GET', '/api/v1/works', { token: writer.token })).status,
        200,
        'a token has its own, larger count',
      );
    assert.equal((await api('GET', '/api/v1/works', { token: writer.token })).status, 429);
    assert.equal(
      (await api('GET', '/api/v1/works', { token: reader.token })).status,
      200,
      'each token has its own count',
    );

    assert.equal((await api('POST', '/api/v1/works', { token: writer.token, body: newWork() })).status, 201);
    assert.equal(
      (await api('POST', '/api/v1/works', { token: writer.token, body: newWork({ title: '' }) })).status,
      422,
      'refused writes count too',
    );
    const writes = await api('POST', '/api/v1/works', { token: writer.token, body: newWork() });
    assert.equal(writes.status, 429);
    assert.equal((await api('POST', '/api/v1/works', { token: reader.token, body: newWork() })).status, 201);
  });

  it('puts one ceiling on all API requests from an address, whichever tokens they carry', async () => {
    await limitedApp({ address: { max: 10, windowMs: 60_000 } });
    const one = await member('first_bot');
    const two = await member('second_bot');
    const from = '10.0.0.9';
    for (let i = 0; i < 10; i++) {
      const response = await api('GET', i % 2 ? '/api/v1/works' : '/api/v1/users/first_bot', {
        token: i % 2 ? one.token : two.token,
        remoteAddress: from,
      });
      assert.equal(response.status, 200);
    }
    const over = await api('GET', '/api/v1/works', { token: two.token, remoteAddress: from });
    assert.equal(over.status, 429);
    assert.equal(over.json.error.code, 'rate_limited');
    assert.equal(
      (await api('GET', '/api/v1/works', { token: two.token })).status,
      200,
      'other addresses are not held up',
    );
  });
});
