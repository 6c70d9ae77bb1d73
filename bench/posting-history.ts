/**
 * `works.postingHistory` (the work spam check's question about a member's own works), timed for
 * members with few and many works. Usage: QUIRE_DATA=DIR node --import tsx bench/posting-history.ts [user ids…]
 */
import { join } from 'node:path';
import { openStore } from '../src/store/index.ts';

const dir = process.env.QUIRE_DATA;
if (!dir) throw new Error('Set QUIRE_DATA to an archive folder (bin/quire corpus makes one).');
const store = await openStore({ sqlitePath: join(dir, 'quire.db') });
const ids = process.argv.slice(2).map(Number);
const since = new Date(Date.now() - 3_600_000).toISOString();
for (const userId of ids.length > 0 ? ids : [1, 2, 500, 60_000, 124_999]) {
  const times: number[] = [];
  let posted = 0;
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    posted = (await store.works.postingHistory(userId, since)).posted;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  console.log(`user ${userId}: ${posted} works, median ${times[10].toFixed(2)} ms, p95 ${times[19].toFixed(2)} ms`);
}
await store.close();
