import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { describeEachDatabase } from '../support/databases.ts';
import { testApp, type TestApp } from '../support/http.ts';
import { callApi, createToken, newWork, OpenApiChecker } from '../support/api.ts';

const run = promisify(execFile);

/** The ```sh blocks of the README's "Public API" section, in order. */
function readmeExamples(): string[] {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf('\n## Public API\n');
  assert.ok(start >= 0, 'the README has a Public API section');
  const end = readme.indexOf('\n## ', start + 1);
  const section = readme.slice(start, end === -1 ? undefined : end);
  return [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]);
}

describeEachDatabase('the README’s API examples', (dialect) => {
  let t: TestApp;
  let base: string;
  let checker: OpenApiChecker;

  beforeEach(async () => {
    t = await testApp(dialect);
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    checker = new OpenApiChecker(JSON.parse((await t.app.inject({ url: '/api/v1/openapi.json' })).body));
  });
  afterEach(() => t.dispose());

  it('run with curl against a started server and answer as the README says', async () => {
    const examples = readmeExamples();
    assert.equal(examples.length, 3, 'list works, one work, post a work');
    assert.ok(examples.every((example) => example.trimStart().startsWith('curl ')));

    // A member creates a token on the account page, and there is a work to look at.
    const agent = t.agent();
    await agent.signUp('curl_fan');
    const token = await createToken(agent, 'curl');
    const first = await callApi(t.app, checker, 'POST', '/api/v1/works', {
      token,
      body: newWork({ title: 'The First Work' }),
    });
    assert.equal(first.json.id, 1);
    await callApi(t.app, checker, 'POST', '/api/v1/works', {
      token,
      body: newWork({ title: 'Not Finished', complete: false }),
    });

    const outputs: { json: Record<string, any> }[] = []; // eslint-disable-line @typescript-eslint/no-explicit-any
    for (const example of examples) {
      const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', example], {
        env: { ...process.env, QUIRE: base, QUIRE_TOKEN: token },
        timeout: 20_000,
      });
      outputs.push({ json: JSON.parse(stdout) });
    }
    const [list, one, posted] = outputs.map((o) => o.json);

    checker.check('GET', '/api/v1/works', 200, list);
    assert.deepEqual(
      list.items.map((w: { title: string }) => w.title),
      ['The First Work'],
      'only the complete work of the fandom',
    );
    assert.equal(list.limit, 5);

    checker.check('GET', '/api/v1/works/1', 200, one);
    assert.equal(one.title, 'The First Work');
    assert.equal(one.chapters.length, 1);
    assert.equal(one.stats.words, 2);

    checker.check('POST', '/api/v1/works', 201, posted);
    assert.equal(posted.title, 'Posted with curl');
    assert.equal(posted.creators[0].login, 'curl_fan');
    const shown = await callApi(t.app, checker, 'GET', `/api/v1/works/${posted.id}/chapters/${posted.chapters[0].id}`);
    assert.equal(shown.json.title, 'One');
    assert.equal(shown.json.body, '<p>It was a quiet night on the archive.</p>');
  });
});
