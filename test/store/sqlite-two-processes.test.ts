import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/store/index.ts';
import { postWork } from '../support/works.ts';

const WRITER = new URL('../support/hits-writer.ts', import.meta.url).pathname;

// `bin/quire serve --workers 2` on SQLite: two processes write to one file. A transaction that reads
// before it writes must wait for the other process's write, not fail with "database is locked".
describe('two server processes writing to one SQLite archive', () => {
  it('counts every reading from both processes, with no write refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-two-processes-'));
    try {
      const path = join(dir, 'quire.db');
      const store = await openStore({ sqlitePath: path });
      const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
      const workId = await postWork(store, [(await store.pseuds.listForUser(user.id))[0].id]);
      await store.close();

      const perProcess = 250;
      const writers = ['first', 'second'].map((visitor) =>
        spawn(process.execPath, ['--import', 'tsx', WRITER, path, visitor, String(workId), String(perProcess)], {
          cwd: new URL('../..', import.meta.url).pathname,
        }),
      );
      const outputs = writers.map((writer) => {
        let stdout = '';
        writer.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        return {
          ready: new Promise<void>((resolve) => {
            writer.stdout.on('data', () => stdout.startsWith('ready') && resolve());
          }),
          done: once(writer, 'exit').then(() => JSON.parse(stdout.trim().split('\n').at(-1)!)),
        };
      });
      await Promise.all(outputs.map((o) => o.ready));
      for (const writer of writers) writer.stdin.write('go\n');
      const outcomes = await Promise.all(outputs.map((o) => o.done));
      for (const outcome of outcomes) assert.deepEqual(outcome, { failed: 0, firstFailure: '' });

      const after = await openStore({ sqlitePath: path }, { migrate: false });
      const work = await after.works.find(workId);
      await after.close();
      assert.equal(work?.hits, 2 * perProcess);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
