// How long writing the works index snapshot stops the writing process's event loop: the index is
// loaded (from --from, a snapshot of the same archive, when it exists; else from the database, and
// --from is then written for next time), then written to --to --times times while a 1 ms
// setInterval probe and perf_hooks.monitorEventLoopDelay watch the loop. Reports, per write, its
// duration and the longest gap between two probe ticks (the longest stall a request would wait),
// of it the main thread's own CPU time (what the process itself stalled, however loaded the machine),
// and the same probes over as long with the process idle (the machine's own share of the stalls).
//
//   QUIRE_DATA=/tmp/b/c1m flock /tmp/quire-bench.lock node --import tsx bench/snapshot-write.ts \
//     [--from /tmp/b/c1m/probe-from.snapshot] [--to /tmp/b/c1m/probe-to.snapshot] [--times 3] [--json]
//
// SQLite only (the store QUIRE_DATA names). The file written is removed at the end.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';
import { DbWorkIndex } from '../src/search/db-index.ts';

const config = loadConfig();
const { values } = parseArgs({
  options: {
    from: { type: 'string' },
    to: { type: 'string' },
    times: { type: 'string' },
    json: { type: 'boolean' },
  },
});
const dir = config.dataDir;
const from = values.from ?? join(dir, 'probe-from.snapshot');
const to = values.to ?? join(dir, 'probe-to.snapshot');
const times = Number(values.times ?? 3);

const store = await openStore(databaseOptions(config));
const log: string[] = [];
const started = performance.now();
const index = await DbWorkIndex.load(
  store.handle.primaryDb,
  store.handle.sqlite,
  undefined,
  existsSync(from) ? { path: from, everyMs: 0, log: (m) => log.push(m) } : undefined,
);
const loadSeconds = (performance.now() - started) / 1000;
if (index.loadedFrom !== 'snapshot') await index.writeSnapshot(from);

/**
 * CPU time the main thread has run (ms, from the kernel's schedstat): the longest stretch of it
 * between two probe ticks is the stall the process made itself, not counting waits for a core
 * that other processes on a loaded machine add.
 */
function mainThreadCpuMs(): number {
  return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
}

/** Runs `work` under the probes; returns what it returned and what they saw. */
async function watched<T>(work: () => Promise<T>) {
  let last = performance.now();
  let longest = 0;
  let lastCpu = mainThreadCpuMs();
  let longestCpu = 0;
  const probe = setInterval(() => {
    const now = performance.now();
    const cpu = mainThreadCpuMs();
    longest = Math.max(longest, now - last);
    longestCpu = Math.max(longestCpu, cpu - lastCpu);
    last = now;
    lastCpu = cpu;
  }, 1);
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  const t0 = performance.now();
  const value = await work();
  const seconds = (performance.now() - t0) / 1000;
  // One more tick, so a stall at the very end is seen.
  await new Promise((resolve) => setTimeout(resolve, 5));
  clearInterval(probe);
  delay.disable();
  return {
    value,
    seconds,
    longestStallMs: Math.round(longest),
    longestCpuStallMs: Math.round(longestCpu),
    p99DelayMs: Math.round(delay.percentile(99) / 1e6),
    maxDelayMs: Math.round(delay.max / 1e6),
  };
}

const runs = [];
for (let i = 0; i < times; i++) {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const write = await watched(() => index.writeSnapshot(to));
  // The same probes over as long doing nothing: what the machine's load alone costs.
  const idle = await watched(() => new Promise((resolve) => setTimeout(resolve, write.seconds * 1000)));
  runs.push({
    seconds: write.seconds,
    mb: Math.round(write.value / 1048576),
    // Absent before the write was sliced (the whole write held the index still).
    heldMs: (index as { snapshotHeldMs?: number }).snapshotHeldMs,
    longestStallMs: write.longestStallMs,
    longestCpuStallMs: write.longestCpuStallMs,
    p99DelayMs: write.p99DelayMs,
    maxDelayMs: write.maxDelayMs,
    idleLongestStallMs: idle.longestStallMs,
    idleLongestCpuStallMs: idle.longestCpuStallMs,
    idleP99DelayMs: idle.p99DelayMs,
  });
}
rmSync(to, { force: true });
await store.close();
const result = { works: index.size, loadedFrom: index.loadedFrom, loadSeconds, runs, loadavg: loadavg()[0] };
if (values.json) console.log(JSON.stringify(result));
else {
  console.log(
    `${index.size.toLocaleString('en')} works, index from the ${index.loadedFrom} in ${loadSeconds.toFixed(1)} s`,
  );
  for (const r of runs)
    console.log(
      `  wrote ${r.mb} MB in ${r.seconds.toFixed(2)} s (catch-ups held back ${r.heldMs ?? 'throughout'} ms); longest stall ${r.longestStallMs} ms, of it running ${r.longestCpuStallMs} ms ` +
        `(event loop delay p99 ${r.p99DelayMs} ms, max ${r.maxDelayMs} ms); idle as long: longest stall ${r.idleLongestStallMs} ms ` +
        `(running ${r.idleLongestCpuStallMs} ms), p99 ${r.idleP99DelayMs} ms`,
    );
  console.log(`  load average ${loadavg()[0].toFixed(2)}`);
}
