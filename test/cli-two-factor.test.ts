import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { authenticator } from 'otplib';
import { describeEachDatabase, freshStore, TEST_DATABASE_URL, type TestStore } from './support/databases.ts';
import { Agent, visibleText } from './support/http.ts';
import { buildApp } from '../src/web/app.tsx';
import { loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;
const PASSWORD = 'correct horse battery';

describeEachDatabase('bin/quire user two-factor-off', (dialect) => {
  let t: TestStore;
  let env: Record<string, string>;
  let data: string;
  let app: FastifyInstance;
  beforeEach(async () => {
    data = mkdtempSync(join(tmpdir(), 'quire-two-factor-'));
    if (dialect === 'sqlite') {
      env = { QUIRE_DATA: data, DATABASE_URL: '' };
      // The archive and the command share one database file.
      const store = await openStore({ sqlitePath: join(data, 'quire.db') });
      t = { store, dispose: () => store.close() };
    } else {
      t = await freshStore('postgres');
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${t.store.handle.pgSchema}`);
      env = { DATABASE_URL: url.toString() };
    }
    const config = loadConfig({ QUIRE_DATA: '/nonexistent', RATE_LIMIT_PAGES: 'off' }, { demo: false });
    app = await buildApp({ store: t.store, config });
  });
  afterEach(async () => {
    await app.close();
    await t.dispose();
    rmSync(data, { recursive: true, force: true });
  });

  const quire = (...args: string[]) => {
    const run = spawnSync(QUIRE, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('turns two-factor off for a member who lost their phone and codes, and writes it to the audit log', async () => {
    const member = new Agent(app);
    await member.signUp('phoneless', PASSWORD);
    await member.get('/account/two-factor');
    const setup = await member.submit('/account/two-factor/setup', { currentPassword: PASSWORD });
    const secret = /class="two-factor-secret"[^>]*>([A-Z2-7 ]+)</.exec(setup.body)![1].replace(/ /g, '');
    const on = await member.submit('/account/two-factor/confirm', { twoFactorCode: authenticator.generate(secret) });
    assert.equal(on.status, 200);

    const stuck = new Agent(app);
    await stuck.get('/login');
    assert.equal(
      (await stuck.submit('/login', { identifier: 'phoneless', password: PASSWORD })).location,
      '/login/two-factor',
    );

    const off = quire('user', 'two-factor-off', 'Phoneless');
    assert.equal(off.status, 0, off.stderr);
    assert.match(off.stdout, /Two-factor log-in is off for phoneless/);

    const back = new Agent(app);
    await back.get('/login');
    const logIn = await back.submit('/login', { identifier: 'phoneless', password: PASSWORD });
    assert.equal(logIn.location, '/', 'only the password now');
    assert.ok(back.cookie('quire_session'));
    assert.match(visibleText((await back.get('/account/two-factor')).body), /Two-factor log-in is off/);

    const { entries } = await t.store.auditLog.list({ limit: 5 });
    assert.equal(entries[0].action, 'user.two-factor-off');
    assert.equal(entries[0].targetLabel, 'phoneless');
    assert.equal(entries[0].actorId, null);
    assert.match(entries[0].actorLogin, /command line/);

    assert.match(quire('user', 'two-factor-off', 'phoneless').stdout, /was not on for phoneless; nothing changed/);
    const nobody = quire('user', 'two-factor-off', 'nobody');
    assert.equal(nobody.status, 2);
    assert.match(nobody.stderr, /there is no account called "nobody"/);
    assert.equal(quire('user', 'two-factor-off').status, 2);
    assert.match(quire('--help').stdout, /\n {2}user two-factor-off LOGIN/);
  });
});
