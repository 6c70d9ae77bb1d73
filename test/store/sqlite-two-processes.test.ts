import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
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
  it('counts every reading from both processes, with no write refused', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'quire-two-processes-'));
    const writers: ChildProcessWithoutNullStreams[] = [];
    try {
      const path = join(dir, 'quire.db');
      const store = await openStore({ sqlitePath: path });
      const user = await store.users.create({ login: 'keeper', email: 'k@example.org', passwordHash: 'h' });
      const workId = await postWork(store, [(await store.pseuds.listForUser(user.id))[0].id]);
      await store.close();

      const perProcess = 250;
      for (const visitor of ['first', 'second'])
        writers.push(
          spawn(process.execPath, ['--import', 'tsx', WRITER, path, visitor, String(workId), String(perProcess)], {
            cwd: new URL('../..', import.meta.url).pathname,
          }),
        );
      const outputs = writers.map((writer) => {
        let stdout = '';
        let stderr = '';
        writer.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
        writer.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
        const exited = once(writer, 'exit');
        const last = () => {
          try {
            return JSON.parse(stdout.trim().split('\n').at(-1)!) as unknown;
          } catch {
            throw new Error(`A writer process ended without its report.\n${stdout}\n${stderr}`);
          }
        };
        return {
          ready: Promise.race([
            new Promise<void>((resolve) => writer.stdout.on('data', () => stdout.startsWith('ready') && resolve())),
            exited.then(() => {
              throw new Error(`A writer process ended before it was ready.\n${stderr}`);
            }),
          ]),
          done: exited.then(last),
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
      for (const writer of writers) if (writer.exitCode === null) writer.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
