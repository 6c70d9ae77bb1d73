import { after, before, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describeEachDatabase, TEST_DATABASE_URL } from './support/databases.ts';

const QUIRE = new URL('../bin/quire', import.meta.url).pathname;

function quire(
  args: string[],
  env: Record<string, string>,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(QUIRE, args, { env: { ...process.env, DATABASE_URL: '', QUIRE_DEMO: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (status) => resolve({ status, stdout, stderr }));
  });
}

describeEachDatabase('bin/quire corpus and bench', (dialect) => {
  let env: Record<string, string>;
  let cleanup: () => Promise<void>;
  before(async () => {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'quire-corpus-'));
      env = { QUIRE_DATA: dir };
      cleanup = async () => rmSync(dir, { recursive: true, force: true });
    } else {
      // A database of its own: the CLI takes a DATABASE_URL, not a schema.
      const name = `quire_cli_${process.pid}_${randomBytes(3).toString('hex')}`;
      const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const url = new URL(TEST_DATABASE_URL);
      url.pathname = `/${name}`;
      env = { DATABASE_URL: url.toString() };
      cleanup = async () => {
        const again = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await again.connect();
        await again.query(`drop database if exists ${name} with (force)`);
        await again.end();
      };
    }
  });
  after(() => cleanup());

  it('generates the same small corpus for the same seed, only into an empty archive, then benchmarks it over HTTP', async () => {
    const bad = await quire(['corpus', '--works', 'many'], env);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /usage: bin\/quire corpus --works N/);

    const made = await quire(['corpus', '--works', '200', '--seed', '5', '--json'], env);
    assert.equal(made.status, 0, made.stderr);
    const report = JSON.parse(made.stdout);
    assert.equal(report.works, 200);
    assert.ok(report.chapters >= 200 && report.taggings > 200 * 4 && report.tags > 50, made.stdout);

    const again = await quire(['corpus', '--works', '10'], env);
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already has works/);

    const search = await quire(
      ['bench', 'search', '--json', '--queries', '40', '--warmup', '10', '--workers', '1'],
      env,
    );
    assert.equal(search.status, 0, search.stderr);
    const result = JSON.parse(search.stdout);
    assert.equal(result.queries, 40);
    assert.ok(result.p50_ms > 0 && result.p95_ms >= result.p50_ms && result.p99_ms >= result.p95_ms);
    assert.ok(Object.keys(result.by_kind).some((kind) => kind.startsWith('text')));
    assert.deepEqual(Object.keys(result.statuses), ['200'], 'every search answered');

    const pages = await quire(
      ['bench', 'pages', '--json', '--seconds', '2', '--connections', '4', '--warmup', '20', '--workers', '1'],
      env,
    );
    assert.equal(pages.status, 0, pages.stderr);
    const load = JSON.parse(pages.stdout);
    assert.ok(load.requests > 0 && load.requests_per_s > 0);
    assert.ok(load.by_kind.chapter.count > load.by_kind.work.count, 'mostly chapter pages');
    assert.deepEqual(Object.keys(load.statuses), ['200']);
  });
});
