import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;

function quire(args: string[], env: Record<string, string>) {
  const run = spawnSync(QUIRE, args, { env: { ...process.env, DATABASE_URL: '', ...env }, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/quire', () => {
  let data: string;
  before(() => {
    data = mkdtempSync(join(tmpdir(), 'quire-cli-'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  it('lists every command in --help', () => {
    const help = quire(['--help'], {});
    assert.equal(help.status, 0);
    for (const command of ['serve', 'migrate', 'demo', 'user create', 'backup'])
      assert.match(help.stdout, new RegExp(`\\n  ${command}`), command);
    const unknown = quire(['frobnicate'], {});
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown command "frobnicate"/);
  });

  it('migrates, creates users, and refuses bad ones with the reason', () => {
    const env = { QUIRE_DATA: data };
    assert.match(quire(['migrate'], env).stdout, /Applied 0001_accounts/);
    assert.match(quire(['migrate'], env).stdout, /Nothing to apply/);
    const created = quire(['user', 'create', 'cli_writer', '--email', 'cli@example.org'], env);
    assert.equal(created.status, 0, created.stderr);
    assert.match(created.stdout, /Created cli_writer <cli@example\.org>\. Password: \S{12,}/);
    const again = quire(
      ['user', 'create', 'CLI_writer', '--email', 'other@example.org', '--password', 'long enough'],
      env,
    );
    assert.equal(again.status, 2);
    assert.match(again.stderr, /That username is already taken/);
    const bad = quire(['user', 'create', 'x', '--email', 'nope'], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /3 to 40/);
  });

  it('fills an empty archive with demo members once', () => {
    const fresh = mkdtempSync(join(tmpdir(), 'quire-demo-'));
    try {
      const first = quire(['demo'], { QUIRE_DATA: fresh });
      assert.match(first.stdout, /Demo archive created\. Log in as marisol_writes with the password \S+/);
      assert.match(quire(['demo'], { QUIRE_DATA: fresh }).stdout, /already has members/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it('backs up the SQLite database to a file that opens with every account in it', () => {
    const target = join(data, 'backup.db');
    const backup = quire(['backup', target], { QUIRE_DATA: data });
    assert.equal(backup.status, 0, backup.stderr);
    assert.ok(existsSync(target));
    const copy = new BetterSqlite3(target, { readonly: true });
    try {
      const row = copy.prepare('select login from users where login = ?').get('cli_writer') as
        { login: string } | undefined;
      assert.equal(row?.login, 'cli_writer');
    } finally {
      copy.close();
    }
  });

  it('serves the archive with demo content on first start, started from any folder', async () => {
    const fresh = mkdtempSync(join(tmpdir(), 'quire-serve-'));
    const server = spawn(QUIRE, ['serve', '--port', '0'], {
      cwd: fresh,
      env: { ...process.env, DATABASE_URL: '', QUIRE_DATA: fresh },
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /Quire is serving (http:\/\/\S+)/.exec(out);
          if (match) resolve(match[1]);
        });
        server.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const response = await fetch(url);
      assert.equal(response.status, 200);
      const home = await response.text();
      assert.match(home, /marisol_writes/);
      assert.match(home, /The Lamp at Baker Street/);
      assert.match(home, /Sol in Winter/);
      assert.ok(existsSync(join(fresh, 'quire.db')));
    } finally {
      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      rmSync(fresh, { recursive: true, force: true });
    }
  });
});
