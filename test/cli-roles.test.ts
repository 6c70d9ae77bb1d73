import { afterEach, beforeEach, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEachDatabase, freshStore, TEST_DATABASE_URL, type TestStore } from './support/databases.ts';
import { openStore } from '../src/store/index.ts';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;

describeEachDatabase('bin/quire user grant and revoke', (dialect) => {
  let t: TestStore;
  let env: Record<string, string>;
  let data: string;
  beforeEach(async () => {
    data = mkdtempSync(join(tmpdir(), 'quire-roles-'));
    if (dialect === 'sqlite') {
      env = { QUIRE_DATA: data, DATABASE_URL: '' };
      t = { store: undefined as never, dispose: async () => {} };
    } else {
      t = await freshStore('postgres');
      const url = new URL(TEST_DATABASE_URL);
      url.searchParams.set('options', `-c search_path=${t.store.handle.pgSchema}`);
      env = { DATABASE_URL: url.toString() };
    }
  });
  afterEach(async () => {
    await t.dispose();
    rmSync(data, { recursive: true, force: true });
  });

  const quire = (...args: string[]) => {
    const run = spawnSync(QUIRE, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  };

  it('makes a member a wrangler and takes the role away, refusing unknown members and roles', () => {
    assert.equal(quire('user', 'create', 'tagger', '--email', 'tagger@example.org').status, 0);
    const granted = quire('user', 'grant', 'tagger', 'wrangler');
    assert.equal(granted.status, 0, granted.stderr);
    assert.match(granted.stdout, /tagger is now a wrangler/);
    assert.match(quire('user', 'grant', 'TAGGER', 'wrangler').stdout, /already was a wrangler/);
    const nobody = quire('user', 'grant', 'nobody', 'wrangler');
    assert.equal(nobody.status, 2);
    assert.match(nobody.stderr, /there is no account called "nobody"/);
    const badRole = quire('user', 'grant', 'tagger', 'owner');
    assert.equal(badRole.status, 2);
    assert.match(badRole.stderr, /there is no role "owner"; roles: wrangler, moderator, admin/);
    assert.match(quire('user', 'revoke', 'tagger', 'wrangler').stdout, /tagger is no longer a wrangler/);
    assert.match(quire('user', 'revoke', 'tagger', 'wrangler').stdout, /tagger was not a wrangler/);
    assert.equal(quire('user', 'grant', 'tagger').status, 2);
    assert.match(quire('--help').stdout, /\n {2}user grant LOGIN ROLE/);
  });

  /** The audit log's lines, newest first, as action and target. */
  const logLines = async () => {
    const store = dialect === 'sqlite' ? await openStore({ sqlitePath: join(data, 'quire.db') }) : t.store;
    try {
      return (await store.auditLog.list({ limit: 100 })).entries.map(
        (e) => `${e.actorLogin} ${e.action} ${e.targetLabel}`,
      );
    } finally {
      if (dialect === 'sqlite') await store.close();
    }
  };

  it('makes the first admin and a moderator from the command line, and never takes the last admin away', async () => {
    assert.equal(quire('user', 'create', 'owner', '--email', 'owner@example.org').status, 0);
    assert.match(quire('user', 'grant', 'owner', 'admin').stdout, /owner is now an admin/);
    assert.match(quire('user', 'grant', 'owner', 'moderator').stdout, /owner is now a moderator/);
    const last = quire('user', 'revoke', 'owner', 'admin');
    assert.equal(last.status, 1);
    assert.match(last.stderr, /owner is the archive's only admin; make another account an admin first/);
    assert.equal(quire('user', 'create', 'heir', '--email', 'heir@example.org').status, 0);
    assert.match(quire('user', 'grant', 'heir', 'admin').stdout, /heir is now an admin/);
    assert.match(quire('user', 'revoke', 'owner', 'admin').stdout, /owner is no longer an admin/);
    assert.deepEqual(await logLines(), [
      'bin/quire (command line) role.revoke owner: Admin',
      'bin/quire (command line) role.grant heir: Admin',
      'bin/quire (command line) role.grant owner: Moderator',
      'bin/quire (command line) role.grant owner: Admin',
    ]);
  });
});
