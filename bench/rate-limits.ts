// What the archive-wide ceiling on pages per address (RATE_LIMIT_PAGES) costs on SQLite: the
// counter write alone, and a whole page through the app with the ceiling on and off.
//
//   QUIRE_DATA=/tmp/qc node --import tsx bench/rate-limits.ts [--requests N] [--rounds N] [URL]
//
// Uses the archive in QUIRE_DATA (a demo or `bin/quire corpus` one; URL defaults to /works).
// The two settings take turns, round after round, so a machine busy with something else slows
// both alike; each round asks for URL N times (default 500) from one guest address, and from a
// different address each time (every request a new counter row).
import { parseArgs } from 'node:util';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/web/app.tsx';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { requests: { type: 'string' }, rounds: { type: 'string' } },
});
const requests = Number(values.requests ?? 500);
const rounds = Number(values.rounds ?? 5);
const url = positionals[0] ?? '/works';

// The counter write alone, on a database of its own.
const scratch = mkdtempSync(join(tmpdir(), 'quire-limits-bench-'));
const counters = await openStore({ sqlitePath: join(scratch, 'quire.db') });
const hits = 20_000;
let started = performance.now();
for (let i = 0; i < hits; i++) await counters.rateLimits.hit('pages:10.0.0.1', 300_000);
const hotKey = ((performance.now() - started) * 1000) / hits;
started = performance.now();
for (let i = 0; i < hits; i++)
  await counters.rateLimits.hit(`pages:10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, 300_000);
const newKeys = ((performance.now() - started) * 1000) / hits;
await counters.close();
rmSync(scratch, { recursive: true, force: true });
console.log(`counter write: ${hotKey.toFixed(1)} µs (one key), ${newKeys.toFixed(1)} µs (a new key each time)`);

const base = { ...loadConfig({ ...process.env, RATE_LIMIT_PAGES: 'off' }), demo: false };
const store = await openStore(databaseOptions(base));
const apps = {
  off: await buildApp({ store, config: base }),
  on: await buildApp({
    store,
    config: { ...base, rateLimits: { ...base.rateLimits, pages: { max: 1_000_000_000, windowMs: 300_000 } } },
  }),
};
const perSecond: Record<string, number[]> = { off: [], on: [], 'on, new address each': [] };
let address = 0;
async function round(mode: keyof typeof perSecond): Promise<void> {
  const app = mode === 'off' ? apps.off : apps.on;
  const begin = performance.now();
  for (let i = 0; i < requests; i++) {
    const remoteAddress =
      mode === 'on, new address each' ? `10.9.${(address >> 8) & 255}.${address++ & 255}` : '10.8.0.1';
    const response = await app.inject({ method: 'GET', url, remoteAddress });
    if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
  }
  perSecond[mode].push((requests * 1000) / (performance.now() - begin));
}
for (const mode of Object.keys(perSecond)) await round(mode); // warm-up
for (const mode of Object.keys(perSecond)) perSecond[mode] = [];
for (let r = 0; r < rounds; r++) for (const mode of Object.keys(perSecond)) await round(mode);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
console.log(`${url}, ${requests} requests × ${rounds} rounds, one process (median pages/s):`);
for (const [mode, list] of Object.entries(perSecond))
  console.log(
    `  ceiling ${mode}: ${median(list).toFixed(0)} pages/s (rounds: ${list.map((n) => n.toFixed(0)).join(', ')})`,
  );
await apps.off.close();
await apps.on.close();
await store.close();
