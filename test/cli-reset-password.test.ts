import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, freshStore, TEST_DATABASE_URL, type TestStore } from './support/databases.ts';
import { openStore } from '../src/store/index.ts';
import { buildApp } from '../src/web/app.tsx';
import { loadConfig } from '../src/config.ts';
import { Agent, visibleText } from './support/http.ts';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;
const BASE_URL = 'https://archive.example.org';

describeEachDatabase('bin/quire user reset-password', (dialect) => {
  let t: TestStore | undefined;
  let env: Record<string, string>;
  let data: string;
  beforeEach(async () => {
    data = mkdtempSync(join(tmpdir(), 'quire-reset-'));
    if (dialect === 'sqlite') {
      env = { QUIRE_DATA: data, DATABASE_URL: '', BASE_URL };
      t = undefined;
    } else {
      t = await freshStore('postgres');
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${t.store.handle.pgSchema}`);
      env = { DATABASE_URL: url.toString(), BASE_URL };
    }
  });
  afterEach(async () => {
    await t?.dispose();
    rmSync(data, { recursive: true, force: true });
  });

  const quire = (...args: string[]) => {
    const run = spawnSync(QUIRE, args, { env: { ...process.env, SMTP_URL: '', ...env }, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('prints a one-time link that sets a new password, and refuses unknown accounts', async () => {
    assert.equal(
      quire('user', 'create', 'locked_out', '--email', 'locked@example.org', '--password', 'forgotten words').status,
      0,
    );
    const printed = quire('user', 'reset-password', 'locked_out');
    assert.equal(printed.status, 0, printed.stderr);
    const link = /https:\/\/archive\.example\.org(\/password\/reset\/[A-Za-z0-9_-]+)/.exec(printed.stdout);
    assert.ok(link, printed.stdout);
    assert.match(printed.stdout, /One-time link for locked_out to choose a new password/);
    const nobody = quire('user', 'reset-password', 'nobody');
    assert.equal(nobody.status, 2);
    assert.match(nobody.stderr, /there is no account called "nobody"/);
    assert.equal(quire('user', 'reset-password').status, 2);
    assert.match(quire('--help').stdout, /\n {2}user reset-password LOGIN/);

    const store = t?.store ?? (await openStore({ sqlitePath: join(data, 'quire.db') }));
    const app = await buildApp({
      store,
      config: loadConfig({ QUIRE_DATA: data, RATE_LIMIT_PAGES: 'off' }, { demo: false, baseUrl: BASE_URL }),
    });
    try {
      const member = new Agent(app);
      const form = await member.get(link[1]);
      assert.equal(form.status, 200);
      assert.match(visibleText(form.body), /For the account locked_out/);
      const set = await member.submit(link[1], {
        password: 'remembered at last',
        passwordConfirmation: 'remembered at last',
      });
      assert.equal(set.status, 303);
      const again = new Agent(app);
      assert.equal(
        (await again.submit('/login', { identifier: 'locked_out', password: 'forgotten words' })).status,
        401,
      );
      assert.equal(
        (await again.submit('/login', { identifier: 'locked_out', password: 'remembered at last' })).status,
        303,
      );
      assert.equal((await new Agent(app).get(link[1])).status, 410, 'the link works once');
    } finally {
      await app.close();
      if (!t) await store.close();
    }
  });
});
