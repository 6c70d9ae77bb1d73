// A server process's share of the two-process SQLite test (test/store/sqlite-two-processes.test.ts):
// opens the archive file, says "ready", and on "go" (so that both processes write at the same time)
// counts `count` readings of one work, each in its own transaction, as a server's hit batches do.
// Prints how many writes failed, and the first failure.
import { once } from 'node:events';
import { openStore } from '../../src/store/index.ts';

const [path, visitor, workId, count] = process.argv.slice(2);
const store = await openStore({ sqlitePath: path }, { migrate: false });
console.log('ready');
await once(process.stdin, 'data');
let failed = 0;
let firstFailure = '';
for (let i = 0; i < Number(count); i++) {
  try {
    await store.kudos.recordHits([{ workId: Number(workId), visitorKey: `${visitor}-${i}`, day: '2026-12-05' }]);
  } catch (error) {
    failed++;
    firstFailure ||= (error as Error).message;
  }
}
await store.close();
console.log(JSON.stringify({ failed, firstFailure }));
process.stdin.destroy();
