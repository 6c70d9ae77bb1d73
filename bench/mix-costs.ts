// In-process cost per kind of page in `bin/quire bench pages`'s mix (distinct, seeded URLs, as
// a guest; first readings write hits as in the real mix): app.inject, no network.
//
//   QUIRE_DATA=/tmp/qc1m node [--cpu-prof] --import tsx bench/mix-costs.ts [--requests N] [--kind chapter|work|listing|tag]
import { parseArgs } from 'node:util';
import { buildApp } from '../src/web/app.tsx';
import { databaseOptions, loadConfig } from '../src/config.ts';
import { openStore } from '../src/store/index.ts';
import { pagesMix, vocabulary } from '../src/cli/bench.ts';

const { values } = parseArgs({
  options: { requests: { type: 'string' }, seed: { type: 'string' }, kind: { type: 'string' } },
});
const requests = Number(values.requests ?? 2000);
const config = { ...loadConfig({ RATE_LIMIT_PAGES: 'off', ...process.env }), demo: false };
const store = await openStore(databaseOptions(config));
const app = await buildApp({ store, config });
await app.ready();
const mix = await pagesMix(
  store,
  await vocabulary(store),
  (requests + 300) * (values.kind ? 10 : 1),
  Number(values.seed ?? 1),
);
const samples = values.kind ? mix.filter((s) => s.kind === values.kind) : mix;
for (const s of samples.slice(requests)) await app.inject({ url: s.url });
const byKind = new Map<string, number[]>();
const started = performance.now();
for (const s of samples.slice(0, requests)) {
  const t = performance.now();
  const response = await app.inject({
    url: s.url,
    remoteAddress: `10.0.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`,
  });
  if (response.statusCode !== 200) console.error(response.statusCode, s.url);
  const list = byKind.get(s.kind) ?? [];
  list.push(performance.now() - t);
  byKind.set(s.kind, list);
}
const total = performance.now() - started;
console.log(
  `${requests} pages in ${total.toFixed(0)} ms: ${(total / requests).toFixed(2)} ms/page (${Math.round((requests * 1000) / total)} pages/s on one core)`,
);
for (const [kind, ms] of [...byKind].sort()) {
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  console.log(
    `  ${kind.padEnd(8)} ${String(ms.length).padStart(5)}  mean ${mean.toFixed(2)} ms  p50 ${ms[Math.floor(ms.length / 2)].toFixed(2)}  p95 ${ms[Math.floor(ms.length * 0.95)].toFixed(2)}  share ${((mean * ms.length * 100) / total).toFixed(0)}%`,
  );
}
await app.close();
await store.close();
